/**
 * The lab's multi-response cross-validation, its folds in workers of their own (cvMultiPathParallel's
 * way, without shared memory): the fit worker fits the full path, writing X's standardized copy with its
 * rows in the folds' order (fitMultiFull), and posts the path at once; each fold worker gets a copy of
 * that copy and fits its folds as views of it (fitMultiFold), the same computation as cvMultiPath's, so
 * the result is the library's to the bit; the fit worker, which holds X, predicts the held-out rows and
 * summarizes (summarizeMultiCv).
 */
import { type ModelMatrix, type MultiCvOptions, type MultiOutcome, type MultiPath } from "../../src/index.js";
import { CvMemory, fitMultiFold, fitMultiFull, foldOrder, multiFoldJob, multiRoom, planMultiCv, type FullCopy, type MultiCvPlan, type MultiFoldJob } from "../../src/lab.js";

/** Everything a fold worker needs to fit any fold: the fit's job, the folds, the λs, the standardized copy. */
export interface MultiFoldsWork {
  readonly job: MultiFoldJob;
  readonly foldid: Int32Array;
  readonly nfolds: number;
  readonly lambda: Float64Array;
  readonly full: FullCopy;
}

/**
 * The full path and the folds' work, or null when some fold's training rows lack a class (such a fold
 * copies its rows and leaves the class out: cvMultiPath runs those in the fit worker).
 */
export function pathAndFoldsWork(x: ModelMatrix, outcome: MultiOutcome, options: MultiCvOptions): { plan: MultiCvPlan; path: MultiPath; work: MultiFoldsWork } | null {
  const plan = planMultiCv(x, outcome, options);
  if (!plan.viewable) return null;
  const K = plan.response.classes.length;
  const order = foldOrder(plan.foldid, plan.nfolds);
  const memory = CvMemory.create(x.n, x.p, 1, false, multiRoom(x.n, x.p, K));
  try {
    const { path, full } = fitMultiFull(x, plan, order, memory);
    // Copied out: the memory goes back to the worker's pool for the refits to come.
    const work = { job: multiFoldJob(x, plan), foldid: plan.foldid, nfolds: plan.nfolds, lambda: path.lambda, full: { ...full, x: full.x.slice() } };
    return { plan, path, work };
  } finally {
    memory.release();
  }
}

/** Fit folds `folds` of the work (in a fold worker), each path handed to `done` as it ends. */
export function fitFolds(work: MultiFoldsWork, folds: readonly number[], done: (fold: number, path: MultiPath) => void): void {
  const { job, full } = work;
  const memory = CvMemory.create(job.n, job.p, 1, false, multiRoom(job.n, job.p, job.response.classes.length));
  try {
    memory.copy.set(full.x);
    const copy = { ...full, x: memory.copy }, order = foldOrder(work.foldid, work.nfolds);
    // Each fold's solver starts afresh in the room, as in cvMultiPath.
    for (const k of folds) done(k, fitMultiFold(job, work.lambda, k, { full: copy, folds: order, workspace: memory.workspace(0) }));
  } finally {
    memory.release();
  }
}
