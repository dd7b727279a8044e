// Cross-validation of a sparse X with the folds fitted on worker threads (Node only). Each fold is the
// same deterministic fit wherever it runs (sparseFold, sparseMultiFold) and the summaries read the folds
// in fold order, so the result equals cvSparsePath's (cvSparseMultiPath's) bit for bit, for any jobs.
import { availableParallelism } from "node:os";
import { checkOptions } from "../data/arguments.js";
import type { SparseMatrix } from "../data/sparse.js";
import { OptionError } from "../errors.js";
import { raisedAgain } from "./folds.js";
import type { ParallelOptions } from "../threads.node.js";
import { FoldWorkers } from "./crew.node.js";
import { summarizeCv, type CvOptions, type CvResult, type FoldFit } from "./cv.js";
import { multiOutcomeOf, type MultiCvResult, type MultiOutcome, type MultiCvOptions, type MultiFamilyCvOptions } from "./multi-cv.js";
import { hasMultiFamily } from "../solve/arguments.js";
import type { ClassLabel } from "../solve/multi/fit.js";
import { PARALLEL_OPTIONS_SCHEMA, SMALL_CELLS } from "./jobs.node.js";
import { foldFitBuffers, wholeBuffers } from "./fold-protocol.js";
import { multiPathBuffers } from "./multi-fold-protocol.js";
import { checkSparseCvArguments, sparseFold, sparseFoldTask, startSparseCv, type SparseFoldTask } from "./sparse-cv.js";
import { sparseMultiFold, startSparseMultiCv, summarizeSparseMultiCv, type SparseMultiFold, type SparseMultiFoldTask } from "./sparse-multi-cv.js";

/** A worker's job: one cross-validation's folds to claim from the shared counter control[0]. */
export type SparseFoldJob =
  | { readonly kind: "single"; readonly task: SparseFoldTask; readonly nfolds: number; readonly control: Int32Array }
  | { readonly kind: "multi"; readonly task: SparseMultiFoldTask; readonly nfolds: number; readonly control: Int32Array };

/** From a worker: each fold it fitted, or the error that stopped it, then that it has run out of folds. */
export type SparseFromWorker =
  | { kind: "done"; fold: FoldFit | SparseMultiFold }
  | { kind: "error"; message: string; name: string; column?: string; row?: number; option?: string }
  | { kind: "idle" };

/** The buffers of a job's fold to move to the thread gathering the folds: its predictions, or its path and class map (wholeBuffers). */
export function jobFoldBuffers(fold: FoldFit | SparseMultiFold): ArrayBuffer[] {
  if (!("fit" in fold)) return foldFitBuffers(fold);
  return [...multiPathBuffers(fold.fit.path), ...wholeBuffers([fold.fit.map])];
}

/** The fold of a job, fitted in whichever thread claimed it. */
export function fitJobFold(job: SparseFoldJob, k: number): FoldFit | SparseMultiFold {
  return job.kind === "single" ? sparseFold(job.task, k) : sparseMultiFold(job.task, k);
}

/**
 * cvSparsePath with `jobs` threads (one per core unless given): the full-data path in this thread, then
 * the folds claimed one at a time by this thread and jobs − 1 workers, which read X's compressed columns
 * from shared memory (copied there once, unless they are there already).
 */
export async function cvSparsePathParallel(x: SparseMatrix, labels: ArrayLike<ClassLabel>, options: MultiCvOptions & { readonly family: "multinomial" }, par?: ParallelOptions): Promise<MultiCvResult>;
export async function cvSparsePathParallel(x: SparseMatrix, y: readonly ArrayLike<number>[], options: MultiCvOptions & { readonly family: "mgaussian" }, par?: ParallelOptions): Promise<MultiCvResult>;
// Last, so that Parameters<typeof cvSparsePathParallel> and ReturnType<typeof cvSparsePathParallel> are the single-response CV's.
export async function cvSparsePathParallel(x: SparseMatrix, y: ArrayLike<number>, options?: CvOptions, par?: ParallelOptions): Promise<CvResult>;
export async function cvSparsePathParallel(x: SparseMatrix, y: unknown, options: CvOptions | MultiFamilyCvOptions = {}, par: ParallelOptions = {}): Promise<CvResult | MultiCvResult> {
  if (hasMultiFamily(options)) return cvSparseMultiFamilyPathParallel("cvSparsePathParallel", x, y, options, par);
  checkOptions("cvSparsePathParallel", par, PARALLEL_OPTIONS_SCHEMA);
  checkSparseCvArguments("cvSparsePathParallel", x, y, options);
  const { plan, path } = startSparseCv(x, y, options);
  const control = new Int32Array(new SharedArrayBuffer(4));
  const task = sparseFoldTask(x, y, plan, path);
  const shared: SparseFoldJob = { kind: "single", task: { ...task, x: sharedSparse(x) }, nfolds: plan.nfolds, control };
  const folds = (await runFolds({ kind: "single", task, nfolds: plan.nfolds, control }, shared, jobsOf(par, x), par.onProgress)) as FoldFit[];
  folds.sort((a, b) => a.fold - b.fold);
  return summarizeCv(path, y, options, plan.foldid, plan.nfolds, folds);
}

/** cvSparseMultiPath with `jobs` threads, as cvSparsePathParallel. */
export async function cvSparseMultiPathParallel(x: SparseMatrix, outcome: MultiOutcome, options: MultiCvOptions = {}, par: ParallelOptions = {}): Promise<MultiCvResult> {
  return cvSparseMultiPathParallelAs("cvSparseMultiPathParallel", x, outcome, options, par);
}

/** cvSparsePathParallel's multi-response families: cvSparseMultiPathParallel of the class labels or the responses, errors naming `what`. */
async function cvSparseMultiFamilyPathParallel(what: string, x: SparseMatrix, y: unknown, options: MultiFamilyCvOptions, par: ParallelOptions): Promise<MultiCvResult> {
  const multi = multiOutcomeOf(what, y, options);
  return cvSparseMultiPathParallelAs(what, x, multi.outcome, multi.options, par);
}

/** cvSparseMultiPathParallel, its argument errors naming `what` (the function the person called). */
async function cvSparseMultiPathParallelAs(what: string, x: SparseMatrix, outcome: MultiOutcome, options: MultiCvOptions, par: ParallelOptions): Promise<MultiCvResult> {
  checkOptions(what, par, PARALLEL_OPTIONS_SCHEMA);
  const { plan, path } = startSparseMultiCv(what, x, outcome, options);
  const control = new Int32Array(new SharedArrayBuffer(4));
  const task: SparseMultiFoldTask = { x, outcome, plan, lambda: path.lambda };
  const shared: SparseFoldJob = { kind: "multi", task: { ...task, x: sharedSparse(x) }, nfolds: plan.nfolds, control };
  const folds = (await runFolds({ kind: "multi", task, nfolds: plan.nfolds, control }, shared, jobsOf(par, x), par.onProgress)) as SparseMultiFold[];
  return summarizeSparseMultiCv(task, path, folds);
}

/**
 * The threads: as asked, else one per core, or one for an X of fewer than SMALL_CELLS nonzeros (starting a
 * worker costs more than its folds save). Only speed depends on it; the numbers are the same either way.
 */
function jobsOf(par: ParallelOptions, x: SparseMatrix): number {
  const jobs = par.jobs ?? (x.values.length < SMALL_CELLS ? 1 : availableParallelism());
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`jobs must be a positive integer, got ${jobs}`, "jobs");
  return jobs;
}

/**
 * Every fold of `job`, fitted by this thread and min(jobs − 1, nfolds − 1) workers given `shared` (the
 * same job, X in shared memory), each claiming the next fold from the shared counter; in no set order.
 */
async function runFolds(job: SparseFoldJob, shared: SparseFoldJob, jobs: number, onProgress?: (done: number, total: number) => void): Promise<(FoldFit | SparseMultiFold)[]> {
  const count = Math.max(0, Math.min(jobs - 1, job.nfolds - 1));
  const folds: (FoldFit | SparseMultiFold)[] = [];
  let crew: SparseCrew | null = null;
  const progress = () => onProgress?.(folds.length + (crew?.count ?? 0), job.nfolds);
  if (count > 0) crew = new SparseCrew(shared, count, progress);
  try {
    for (;;) {
      // Let the workers' messages in between this thread's folds (progress, errors).
      if (crew) await new Promise((resolve) => setImmediate(resolve));
      if (crew?.error) throw crew.error;
      const k = Atomics.add(job.control, 0, 1) + 1;
      if (k > job.nfolds) break;
      folds.push(fitJobFold(job, k));
      progress();
    }
    if (crew) folds.push(...(await crew.finished()));
  } finally {
    crew?.stop();
  }
  return folds;
}

/** X with its compressed columns in shared memory (as given when they are there already), for the workers. */
export function sharedSparse(x: SparseMatrix): SparseMatrix {
  const inShared = (a: Int32Array | Float64Array) => a.buffer instanceof SharedArrayBuffer;
  if (inShared(x.colPtr) && inShared(x.rowIndex) && inShared(x.values)) return { ...x, names: [...x.names] };
  const share = <T extends Int32Array | Float64Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out;
  };
  return {
    n: x.n, p: x.p, names: [...x.names],
    colPtr: share(x.colPtr, (b) => new Int32Array(b)),
    rowIndex: share(x.rowIndex, (b) => new Int32Array(b)),
    values: share(x.values, (b) => new Float64Array(b)),
  };
}

/** The worker threads of one sparse cross-validation, and the folds they have sent back. */
class SparseCrew extends FoldWorkers<SparseFromWorker> {
  private readonly folds: (FoldFit | SparseMultiFold)[] = [];
  /** onFold: called as each of the workers' folds arrives (progress), also before finished() is asked. */
  constructor(job: SparseFoldJob, count: number, private readonly onFold: () => void) {
    // X's compressed columns: 8 bytes a value, 4 a row index.
    super("sparse-fold-worker.node", new Array(count).fill(job), job.nfolds, job.control, { sharedBytes: 12 * job.task.x.values.length });
  }

  /** Folds the workers have fitted so far. */
  get count(): number {
    return this.folds.length;
  }

  /** The workers' folds once every worker has run out of them; rejects with the first error. */
  finished(): Promise<(FoldFit | SparseMultiFold)[]> {
    return this.whenIdle(() => this.folds);
  }

  protected take(msg: Exclude<SparseFromWorker, { kind: "idle" }>): void {
    if (msg.kind === "done") {
      this.folds.push(msg.fold);
      this.onFold();
    } else this.fail(raisedAgain(msg));
  }
}
