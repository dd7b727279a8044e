// cv.ncvreg (MCP, SCAD) with its folds fitted on worker threads (Node only). Each fold is the same
// deterministic fit wherever it runs (ncvFold), and the summary reads the folds in fold order, so the
// result equals cvNcv's bit for bit, for any number of jobs.
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError, ShrinkageError } from "../errors.js";
import { fitPath } from "../solve/path.js";
import type { ParallelOptions } from "../threads.node.js";
import { FoldWorkers } from "./crew.node.js";
import { ncvFold, planNcv, summarizeNcv, type NcvCvOptions, type NcvCvResult, type NcvFoldLoss, type NcvFoldTask } from "./ncv-cv.js";

/** A worker's job: the shared task (X in shared memory) and the counter of folds claimed. */
export interface NcvFoldJob {
  readonly task: NcvFoldTask;
  readonly nfolds: number;
  /** [0]: folds claimed so far, by every thread. */
  readonly control: Int32Array;
}

/** From a worker: each fold it fitted, or the error that stopped it, then that it has run out of folds. */
export type NcvFromWorker =
  | { kind: "done"; fold: NcvFoldLoss }
  | { kind: "error"; message: string; name: string; option?: string }
  | { kind: "idle" };

/**
 * cvNcv with `jobs` threads: the full path in this thread (it gives the folds their λs), then the folds
 * claimed one at a time from a shared counter by this thread and jobs − 1 workers.
 */
export async function cvNcvParallel(x: ModelMatrix, y: ArrayLike<number>, options: NcvCvOptions, par: Required<Pick<ParallelOptions, "jobs">> & ParallelOptions): Promise<NcvCvResult> {
  const { fitOptions, foldid, nfolds } = planNcv(x, options);
  const yy = Float64Array.from(y);
  const path = fitPath(x, yy, fitOptions);
  const workers = Math.max(0, Math.min(par.jobs - 1, nfolds - 1));
  const control = new Int32Array(new SharedArrayBuffer(4));
  const task: NcvFoldTask = { x, y: yy, options: fitOptions, lambda: path.lambda, foldid };
  const folds: NcvFoldLoss[] = [];
  let crew: NcvCrew | null = null;
  const progress = () => par.onProgress?.(folds.length + (crew?.count ?? 0), nfolds);
  if (workers > 0) crew = new NcvCrew({ task: { ...task, x: sharedX(x) }, nfolds, control }, workers, progress);
  try {
    for (;;) {
      // Let the workers' messages in between this thread's folds (progress, errors).
      if (crew) await new Promise((resolve) => setImmediate(resolve));
      if (crew?.error) throw crew.error;
      const k = Atomics.add(control, 0, 1) + 1;
      if (k > nfolds) break;
      folds.push(ncvFold(task, k));
      progress();
    }
    if (crew) folds.push(...(await crew.finished()));
  } finally {
    crew?.stop();
  }
  return summarizeNcv(path, foldid, folds);
}

/** X with its data in shared memory (as given when it is there already), for the workers to read. */
function sharedX(x: ModelMatrix): ModelMatrix {
  if (x.data.buffer instanceof SharedArrayBuffer) return { ...x, names: [...x.names] };
  const data = new Float64Array(new SharedArrayBuffer(x.data.byteLength));
  data.set(x.data);
  return { n: x.n, p: x.p, data, names: [...x.names] };
}

/** The worker threads of one parallel cv.ncvreg, and the folds they have sent back. */
class NcvCrew extends FoldWorkers<NcvFromWorker> {
  private readonly folds: NcvFoldLoss[] = [];
  /** onFold: called as each of the workers' folds arrives (progress), also before finished() is asked. */
  constructor(job: NcvFoldJob, count: number, private readonly onFold: () => void) {
    super("ncv-fold-worker.node", new Array(count).fill(job), job.nfolds, job.control, { sharedBytes: 8 * job.task.x.n * job.task.x.p });
  }

  /** Folds the workers have fitted so far. */
  get count(): number {
    return this.folds.length;
  }

  /** The workers' folds once every worker has run out of them; rejects with the first error. */
  finished(): Promise<NcvFoldLoss[]> {
    return this.whenIdle(() => this.folds);
  }

  protected take(msg: Exclude<NcvFromWorker, { kind: "idle" }>): void {
    if (msg.kind === "done") {
      this.folds.push(msg.fold);
      this.onFold();
    } else this.fail(msg.name === "OptionError" ? new OptionError(msg.message, msg.option) : new ShrinkageError(msg.message));
  }
}
