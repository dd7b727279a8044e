// Cross-validation with the folds fitted on worker threads (Node only). Each fold's fit is the same
// deterministic computation wherever it runs, so the result equals cvPath's, bit for bit.
import { checkOptions } from "../data/arguments.js";
import { availableParallelism, freemem } from "node:os";
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { raisedAgain } from "./folds.js";
import { fitPathWith } from "../solve/path.js";
import { isConcave } from "../solve/ncv-path.js";
import type { FullCopy } from "../solve/fold-view.js";
import type { Path } from "../solve/types.js";
import { CvMemory, cvSolverDoubles, foldOrder } from "./copy.js";
import { defaultJobs, PARALLEL_OPTIONS_SCHEMA } from "./jobs.node.js";
import { cvMultiFamilyPathParallel } from "./multi-parallel.node.js";
import type { MultiCvOptions, MultiCvResult, MultiFamilyCvOptions } from "./multi-cv.js";
import type { ClassLabel } from "../solve/multi/fit.js";
import { hasMultiFamily } from "../solve/arguments.js";
import { checkCvArguments, cvPath, fitFold, fitFull, foldPredictions, planCv, summarizeCv, type CvOptions, type CvResult, type FoldFit, type FoldHooks } from "./cv.js";
import type { ParallelOptions } from "../threads.node.js";
import { FoldWorkers } from "./crew.node.js";
import { startIdle } from "./worker-pool.node.js";
import { cvNcvParallel } from "./ncv-parallel.node.js";
import { LAMBDA_LIMIT, NEXT_FOLD, type FoldJob, type FromWorker, type ToWorker } from "./fold-protocol.js";

/**
 * cvPath with `jobs` threads: this one and jobs − 1 workers. This thread fits the full-data path
 * while the workers fit folds: a default path knows its whole λ sequence once it has λ_max, near its
 * start, and a fold fitted on that sequence and cut at the full path's length is the fold cvPath
 * fits (fitPathWith). Then this thread takes folds too; every thread claims the next fold from a
 * shared counter. The full-data fit standardizes X once, into memory every thread shares, and every
 * fold is a view of that copy (CvMemory, viewFold): the threads together hold X's copy once. The workers
 * read X itself only to predict their folds' held-out rows, when it is in shared memory already; else
 * they send their folds' paths back and this thread predicts (a relaxed fold, whose refits read X's
 * columns, copies its rows as before, from X copied into shared memory once).
 */

/** cvPath on worker threads (Node): the same result, the folds fitted in parallel while the full-data path runs; see README. */
export async function cvPathParallel(x: ModelMatrix, labels: ArrayLike<ClassLabel>, options: MultiCvOptions & { readonly family: "multinomial" }, par?: ParallelOptions): Promise<MultiCvResult>;
export async function cvPathParallel(x: ModelMatrix, y: readonly ArrayLike<number>[], options: MultiCvOptions & { readonly family: "mgaussian" }, par?: ParallelOptions): Promise<MultiCvResult>;
// Last, so that Parameters<typeof cvPathParallel> and ReturnType<typeof cvPathParallel> are the single-response CV's.
export async function cvPathParallel(x: ModelMatrix, y: ArrayLike<number>, options?: CvOptions, par?: ParallelOptions): Promise<CvResult>;
export async function cvPathParallel(x: ModelMatrix, y: unknown, options: CvOptions | MultiFamilyCvOptions = {}, par: ParallelOptions = {}): Promise<CvResult | MultiCvResult> {
  if (hasMultiFamily(options)) return cvMultiFamilyPathParallel("cvPathParallel", x, y, options, par);
  checkCvArguments("cvPathParallel", x, y, options);
  checkOptions("cvPathParallel", par, PARALLEL_OPTIONS_SCHEMA);
  // The adaptive lasso's two stages run in this thread.
  if (options.adaptive) return cvPath(x, y, options);
  const jobs = par.jobs ?? defaultJobs(x, availableParallelism(), freemem());
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`jobs must be a positive integer, got ${jobs}`, "jobs");
  // MCP and SCAD: cv.ncvreg's folds, on their own threads.
  if (isConcave(options)) return cvNcvParallel(x, y, options, { ...par, jobs });
  const { foldid, nfolds, fitOptions, ownLambda } = planCv(x, options);
  const yy = Float64Array.from(y);
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[LAMBDA_LIMIT] = 2 ** 31 - 1;
  const workers = jobs > 1 ? Math.min(jobs - 1, nfolds) : 0;
  // Relaxed folds copy their rows (their refits read x's columns); every other fold views one copy.
  const order = fitOptions.relax ? null : foldOrder(foldid, nfolds);
  const memory = order ? CvMemory.create(x.n, x.p, workers + 1, workers > 0, cvSolverDoubles(x.n, x.p, fitOptions, nfolds)) : null;
  const crew = workers > 0 ? new FoldCrew(x, yy, fitOptions, ownLambda, foldid, nfolds, control, workers, memory, par.onProgress) : null;
  let path: Path;
  let full: FullCopy | null = null;
  try {
    if (order && memory) ({ path, full } = fitFull({ x, y: yy, options: fitOptions, folds: order, memory, onLambdas: (lambda, copy) => crew?.start(lambda, copy) }));
    else path = fitPathWith(x, yy, { ...fitOptions, threads: 1 }, { onLambdas: (lambda) => crew?.start(lambda, null) });
  } catch (e) {
    crew?.stop();
    memory?.discard();
    throw e;
  }
  const L = path.lambda.length;
  Atomics.store(control, LAMBDA_LIMIT, L);
  crew?.start(path.lambda, full);

  const folds: FoldFit[] = [];
  // Folds that viewed the copy in a worker without X come back as paths: this thread, which has X,
  // predicts them as they come, between its own folds (the workers meanwhile take more folds).
  const predictArrived = () => {
    for (const f of crew?.takePaths() ?? []) {
      const task = { x, y: yy, options: fitOptions, lambda: path.lambda, foldid, fold: f.fold };
      folds.push(foldPredictions(task, f.path, { count: Math.min(path.lambda.length, L), ownLambda }));
    }
  };
  for (;;) {
    // Let the workers' messages in between this thread's folds (progress, errors).
    if (crew) await new Promise((resolve) => setImmediate(resolve));
    if (crew?.failed) break;
    predictArrived();
    const k = Atomics.add(control, NEXT_FOLD, 1) + 1;
    if (k > nfolds) break;
    const hooks: FoldHooks = order && memory && full ? { ownLambda, copy: { full, folds: order, workspace: memory.workspace(0) } } : { ownLambda };
    try {
      folds.push(fitFold({ x, y: yy, options: fitOptions, lambda: path.lambda, foldid, fold: k }, hooks));
    } catch (e) {
      crew?.stop();
      memory?.discard();
      throw e;
    }
    if (crew) crew.report(1);
    else par.onProgress?.(folds.length, nfolds);
  }
  if (crew) {
    // A worker's error: its threads are being terminated, and may write to the memory until they end.
    folds.push(...(await crew.finished().catch((e: unknown) => {
      memory?.discard();
      throw e;
    })));
    predictArrived();
  }
  // Every thread is done with the memory: the next cross-validation may take it.
  memory?.release();
  folds.sort((a, b) => a.fold - b.fold);
  // A worker's fold may have started before the full path's length was known: cut it to that length.
  const cut = folds.map((f) => ({
    ...f, eta: f.eta.slice(0, L), etaRelaxed: f.etaRelaxed?.slice(0, L),
    coxEtaAll: f.coxEtaAll && { penalized: f.coxEtaAll.penalized.slice(0, L), relaxed: f.coxEtaAll.relaxed.slice(0, L) },
  }));
  return summarizeCv(path, y, options, foldid, nfolds, cut);
}

/**
 * Start the worker threads of a cvPathParallel with `jobs` threads ahead of it (jobs − 1, idle in the
 * process's pool, where the call takes them): the command line starts them before it reads the data,
 * and they load their modules meanwhile, on other cores.
 */
export function startFoldWorkers(jobs: number): void {
  startIdle(import.meta.url, "fold-worker.node", jobs - 1);
}


/** The worker threads of one cross-validation, and what they have sent back. */
class FoldCrew extends FoldWorkers<FromWorker> {
  private readonly fits: FoldFit[] = [];
  private readonly paths: { fold: number; path: Path }[] = [];
  private done = 0;
  private started = false;

  constructor(
    x: ModelMatrix, y: Float64Array, options: FoldJob["options"], ownLambda: boolean, foldid: Int32Array,
    nfolds: number, control: Int32Array, count: number, memory: CvMemory | null,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {
    super("fold-worker.node", foldJobs(x, { y, options, ownLambda, foldid, nfolds, control }, count, memory), nfolds, control, { sharedBytes: 8 * x.n * x.p });
  }

  /**
   * Hand the workers the λ sequence, and the full data's standardization when the folds view its copy:
   * they begin claiming folds (only the first call counts).
   */
  start(lambda: Float64Array, full: FullCopy | null): void {
    if (this.started) return;
    this.started = true;
    // The copy itself is in the shared memory the workers have.
    const standardization = full ? { ...full, x: undefined } : null;
    this.tell({ kind: "lambdas", lambda, full: standardization } satisfies ToWorker);
  }

  /** Count `k` more folds done (this thread's), for the progress report. */
  report(k: number): void {
    this.done += k;
    this.onProgress?.(this.done, this.nfolds);
  }

  /** The paths the workers have sent back since the last call (folds for this thread to predict). */
  takePaths(): { fold: number; path: Path }[] {
    return this.paths.splice(0);
  }

  /** The workers' fits, once every worker has run out of folds (their paths: takePaths); rejects with the first error. */
  finished(): Promise<FoldFit[]> {
    return this.whenIdle(() => this.fits);
  }

  protected take(msg: Exclude<FromWorker, { kind: "idle" }>): void {
    if (msg.kind === "done") {
      this.fits.push(msg.fit);
      this.report(1);
    } else if (msg.kind === "path") {
      this.paths.push({ fold: msg.fold, path: msg.path });
      this.report(1);
    } else this.fail(raisedAgain(msg));
  }
}

/**
 * Each worker's first message, its job. X goes to the workers when it is in shared memory already; else
 * they get a copy only for relaxed folds, which read it: folds viewing the copy need X only to predict,
 * which this thread then does. Thread 0 is this one: worker t fits in room t + 1 of the memory.
 */
function foldJobs(x: ModelMatrix, common: Omit<FoldJob, "x" | "copy">, count: number, memory: CvMemory | null): ToWorker[] {
  const shared = x.data.buffer instanceof SharedArrayBuffer;
  const data = shared ? x.data : memory ? new Float64Array(0) : sharedCopy(x.data);
  return Array.from({ length: count }, (_, t) => {
    const copy = memory ? { memory: memory.memory, data: memory.copy, thread: t + 1, room: memory.roomDoubles } : null;
    return { kind: "job", job: { x: { n: x.n, p: x.p, names: [...x.names], data }, ...common, copy } };
  });
}

function sharedCopy(data: Float64Array): Float64Array {
  const shared = new Float64Array(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return shared;
}
