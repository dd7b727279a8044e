// Multi-response cross-validation with the folds fitted on worker threads (Node only). Each fold's fit
// is the same deterministic computation wherever it runs, so the result equals cvMultiPath's, bit for bit.
import { availableParallelism, freemem } from "node:os";
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import type { FullCopy } from "../solve/fold-view.js";
import { multiRoom } from "../solve/multi/solver.js";
import type { MultiPath } from "../solve/multi/types.js";
import type { ParallelOptions } from "../threads.node.js";
import { FoldWorkers } from "./crew.node.js";
import { CvMemory, foldOrder } from "./copy.js";
import { LAMBDA_LIMIT, NEXT_FOLD } from "./fold-protocol.js";
import {
  cvMultiPath, fitMultiRelaxedFull, fitRelaxedFold, MultiCvErrors, multiOutcomeOf, planMultiCv, summarizeMultiRelaxed,
  type MultiCvOptions, type MultiCvPlan, type MultiCvResult, type MultiFamilyCvOptions, type MultiFoldFit, type MultiOutcome, type RelaxedFold,
} from "./multi-cv.js";
import type { FromMultiWorker, MultiFoldWork, RelaxedMultiWork, ToMultiWorker } from "./multi-fold-protocol.js";
import { checkGammas, DEFAULT_GAMMA } from "./choose.js";
import { fitMultiFold, fitMultiFull, multiFoldJob } from "./multi-folds.js";
import { raisedAgain } from "./folds.js";
import { defaultJobs, PARALLEL_OPTIONS_SCHEMA } from "./jobs.node.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { MULTI_CV_OPTIONS_SCHEMA, multiOutcomeRule } from "./arguments.js";

/**
 * cvMultiPath with `jobs` threads: this one and jobs − 1 workers. This thread fits the full-data path,
 * writing the standardized copy (rows in the folds' order) into memory every thread shares; once a
 * default path knows its λ sequence (at λ_max) the workers start claiming folds, each a view of the copy
 * stopped at the full path's length once known, and send their paths back; this thread, which holds X,
 * predicts each fold's held-out rows as its path comes in (MultiCvErrors, then lets the path go), and
 * claims folds too once the full path is done. Together the threads hold X's copy once, beside X, and
 * each its solver's room.
 */
export async function cvMultiPathParallel(x: ModelMatrix, outcome: MultiOutcome, options: MultiCvOptions = {}, par: ParallelOptions = {}): Promise<MultiCvResult> {
  return cvMultiPathParallelAs("cvMultiPathParallel", x, outcome, options, par);
}

/** cvPathParallel's multi-response families: cvMultiPathParallel of the class labels or the responses, errors naming `what`. */
export async function cvMultiFamilyPathParallel(what: string, x: ModelMatrix, y: unknown, options: MultiFamilyCvOptions, par: ParallelOptions): Promise<MultiCvResult> {
  const multi = multiOutcomeOf(what, y, options);
  return cvMultiPathParallelAs(what, x, multi.outcome, multi.options, par);
}

/** cvMultiPathParallel, its argument errors naming `what` (the function the person called). */
async function cvMultiPathParallelAs(what: string, x: ModelMatrix, outcome: MultiOutcome, options: MultiCvOptions, par: ParallelOptions): Promise<MultiCvResult> {
  checkArguments(what, { x, outcome, options, par }, { x: matrixRule, outcome: multiOutcomeRule, options: optionsRule(MULTI_CV_OPTIONS_SCHEMA), par: optionsRule(PARALLEL_OPTIONS_SCHEMA) });
  const plan = planMultiCv(x, outcome, options);
  const jobs = par.jobs ?? defaultJobs(x, availableParallelism(), freemem());
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`jobs must be a positive integer, got ${jobs}`, "jobs");
  const workers = Math.min(jobs - 1, plan.nfolds);
  if (workers >= 1 && plan.fitOptions.relax) return cvMultiRelaxedParallel(x, outcome, plan, options.gamma ?? DEFAULT_GAMMA, { workers, onProgress: par.onProgress });
  // Folds that leave a class out copy their rows of X: they run in this thread (cvMultiPath).
  if (workers < 1 || !plan.viewable || plan.fitOptions.relax) return cvMultiPath(x, outcome, options);
  const K = plan.response.classes.length;
  const order = foldOrder(plan.foldid, plan.nfolds);
  const memory = CvMemory.create(x.n, x.p, workers + 1, true, multiRoom(x.n, x.p, K));
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[LAMBDA_LIMIT] = 2 ** 31 - 1;
  const job = multiFoldJob(x, plan);
  const crew = new MultiFoldCrew(workers, (t) => ({ job, foldid: plan.foldid, nfolds: plan.nfolds, control, memory: memory.memory, copy: memory.copy, room: memory.roomDoubles, thread: t + 1 }), par.onProgress, plan.nfolds, control);
  let path: MultiPath;
  let full: FullCopy;
  try {
    ({ path, full } = fitMultiFull(x, plan, order, memory, (lambda, copy) => crew.start(lambda, copy)));
  } catch (e) {
    crew.stop();
    memory.discard();
    throw e;
  }
  Atomics.store(control, LAMBDA_LIMIT, path.lambda.length);
  crew.start(path.lambda, full);
  // Each fold's held-out errors are added as its path comes in, from any thread, and the path let go.
  const errors = new MultiCvErrors(x, plan, path, [...plan.warnings]);
  crew.addTo(errors);
  for (;;) {
    // Let the workers' messages in between this thread's folds.
    await new Promise((resolve) => setImmediate(resolve));
    if (crew.failed) break;
    const k = Atomics.add(control, NEXT_FOLD, 1) + 1;
    if (k > plan.nfolds) break;
    try {
      errors.add({ fold: k, path: fitMultiFold(job, path.lambda, k, { full, folds: order, workspace: memory.workspace(0) }), map: identity(K) });
    } catch (e) {
      crew.stop();
      memory.discard();
      throw e;
    }
    crew.report(1);
  }
  // A worker's error: its threads are being terminated, and may write to the memory until they end.
  await crew.finished().catch((e: unknown) => {
    memory.discard();
    throw e;
  });
  const result = errors.summary();
  // Every thread is done with the memory: the next cross-validation may take it.
  memory.release();
  return result;
}

/**
 * cvMultiPath with relax on `workers` worker threads and this one: each fold relaxes its own λs on a
 * copy of its rows (fitRelaxedFold), needing nothing of the full path, so the workers claim folds at once
 * from X in shared memory while this thread fits the full path, then claims folds too; the summary
 * (summarizeMultiRelaxed) takes the folds in fold order, so the numbers are cvMultiPath's, bit for bit.
 */
async function cvMultiRelaxedParallel(
  x: ModelMatrix, outcome: MultiOutcome, plan: MultiCvPlan, gamma: readonly number[], run: { workers: number; onProgress?: (done: number, total: number) => void },
): Promise<MultiCvResult> {
  checkGammas(gamma);
  const control = new Int32Array(new SharedArrayBuffer(8));
  const shared: ModelMatrix = { ...x, names: [...x.names], data: x.data.buffer instanceof SharedArrayBuffer ? x.data : sharedCopy(x.data) };
  const crew = new RelaxedMultiCrew(run.workers, { x: shared, outcome, plan, control }, run.onProgress, control);
  const folds: RelaxedFold[] = [];
  try {
    const path = fitMultiRelaxedFull(x, outcome, plan);
    for (;;) {
      // Let the workers' messages in between this thread's folds.
      await new Promise((resolve) => setImmediate(resolve));
      if (crew.failed) break;
      const k = Atomics.add(control, NEXT_FOLD, 1) + 1;
      if (k > plan.nfolds) break;
      folds.push(fitRelaxedFold(x, outcome, plan, k));
      crew.report(1);
    }
    folds.push(...(await crew.finished()));
    return summarizeMultiRelaxed(x, plan, path, folds, gamma);
  } catch (e) {
    crew.stop();
    throw e;
  }
}

function sharedCopy(data: Float64Array): Float64Array {
  const shared = new Float64Array(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return shared;
}

/** The worker threads of one relaxed multi-response cross-validation, and the folds they have sent back. */
class RelaxedMultiCrew extends FoldWorkers<FromMultiWorker> {
  private readonly folds: RelaxedFold[] = [];
  private done = 0;

  constructor(count: number, work: RelaxedMultiWork, private readonly onProgress: ((done: number, total: number) => void) | undefined, control: Int32Array) {
    super("multi-fold-worker.node", Array.from({ length: count }, (): ToMultiWorker => ({ kind: "relaxed", work })), work.plan.nfolds, control, {
      sharedBytes: work.x.data.byteLength, resourceLimits: FOLD_WORKER_LIMITS,
    });
  }

  report(k: number): void {
    this.done += k;
    this.onProgress?.(this.done, this.nfolds);
  }

  /** The workers' folds, once every worker has run out of them; rejects with the first error. */
  finished(): Promise<RelaxedFold[]> {
    return this.whenIdle(() => this.folds);
  }

  protected take(msg: Exclude<FromMultiWorker, { kind: "idle" }>): void {
    if (msg.kind === "relaxed") {
      this.folds.push(msg.fold);
      this.report(1);
    } else if (msg.kind === "error") this.fail(raisedAgain(msg));
  }
}

function identity(K: number): Int32Array {
  return Int32Array.from({ length: K }, (_, k) => k);
}

/**
 * V8's limits for a fold worker's heap: a young generation (where a fit's short-lived numbers go) of
 * 2 MB, where V8 lets it grow to tens of megabytes when a thread allocates fast, and keeps the pages.
 * A fold's arrays live in the cross-validation's shared memory, not in V8's heap, and what the heap
 * holds dies young. Measured for the multinomial (bench/README.md, "Multinomial (issue 16)"): 5–6 MB
 * less peak RSS for 2 jobs at 5,000 × 200, and no more CPU time.
 */
const FOLD_WORKER_LIMITS = { maxYoungGenerationSizeMb: 2 };

/**
 * The worker threads of one multi-response cross-validation: the fold paths they send back go to the
 * held-out errors (kept until those exist).
 */
class MultiFoldCrew extends FoldWorkers<FromMultiWorker> {
  private readonly paths: MultiFoldFit[] = [];
  private errors: MultiCvErrors | null = null;
  private done = 0;
  private started = false;

  constructor(
    count: number, work: (t: number) => MultiFoldWork, private readonly onProgress: ((done: number, total: number) => void) | undefined,
    nfolds: number, control: Int32Array,
  ) {
    const works = Array.from({ length: count }, (_, t) => work(t));
    // The workers see X's standardized copy in the shared memory.
    super("multi-fold-worker.node", works.map((w): ToMultiWorker => ({ kind: "work", work: w })), nfolds, control, { sharedBytes: works[0].copy.byteLength, resourceLimits: FOLD_WORKER_LIMITS });
  }

  /** Hand the workers the λ sequence and the copy's standardization: they begin claiming folds (the first call counts). */
  start(lambda: Float64Array, full: FullCopy): void {
    if (this.started) return;
    this.started = true;
    const { x: _x, ...standardization } = full;
    this.tell({ kind: "lambdas", lambda, full: standardization } satisfies ToMultiWorker);
  }

  report(k: number): void {
    this.done += k;
    this.onProgress?.(this.done, this.nfolds);
  }

  /** From now on each fold path goes straight to `errors` (those that came before, at once). */
  addTo(errors: MultiCvErrors): void {
    this.errors = errors;
    for (const f of this.paths.splice(0)) errors.add(f);
  }

  /** Once every worker has run out of folds (their paths added); rejects with the first error. */
  finished(): Promise<void> {
    return this.whenIdle(() => undefined);
  }

  protected take(msg: Exclude<FromMultiWorker, { kind: "idle" }>): void {
    if (msg.kind === "path") {
      const fit = { fold: msg.fold, path: msg.path, map: identity(msg.path.classes.length) };
      if (this.errors === null) this.paths.push(fit);
      else {
        try {
          this.errors.add(fit);
        } catch (e) {
          this.fail(e instanceof Error ? e : new Error(String(e)));
        }
      }
      this.report(1);
    } else if (msg.kind === "error") this.fail(raisedAgain(msg));
  }
}
