// What the threads of a parallel cross-validation say to each other (parallel.node.ts, fold-worker.node.ts).
import type { FitOptions, Path } from "../solve/types.js";
import type { FullCopy } from "../solve/fold-view.js";
import type { FoldFit } from "./cv.js";

/** Slots of the control block (an Int32Array on a SharedArrayBuffer) every thread of one cross-validation shares. */
export const NEXT_FOLD = 0;
export const LAMBDA_LIMIT = 1;

/** Everything a worker needs for any fold, sent once. */
export interface FoldJob {
  /**
   * X in shared memory; its data empty when X is not there and the folds view the copy (the worker then
   * sends back paths, and the thread holding X predicts).
   */
  x: { n: number; p: number; names: string[]; data: Float64Array };
  y: Float64Array;
  options: FitOptions;
  /** Folds fit their own default λ sequences (CvOptions.foldLambda "own"). */
  ownLambda: boolean;
  foldid: Int32Array;
  nfolds: number;
  /** [NEXT_FOLD] folds claimed so far, [LAMBDA_LIMIT] the full path's length once known. */
  control: Int32Array;
  /**
   * The memory holding the standardized copy the folds view (CvMemory), and this worker's room in it;
   * null when the folds copy their rows (relax).
   */
  copy: { memory: WebAssembly.Memory | null; data: Float64Array; thread: number; room: number } | null;
}

/**
 * To a worker: the job, then the λ sequence (when it arrives, the worker starts claiming folds), with
 * the full data's standardization when the folds view its copy (the copy itself is in shared memory).
 */
export type ToWorker =
  | { kind: "job"; job: FoldJob }
  | { kind: "lambdas"; lambda: Float64Array; full: Omit<FullCopy, "x"> | null };

/**
 * From a worker: each fold it fitted (its held-out predictions, or, for a fold viewing the copy, its
 * path, which the thread holding X predicts from), or the error that stopped it, then that it has run
 * out of folds.
 */
export type FromWorker =
  | { kind: "done"; fit: FoldFit }
  | { kind: "path"; fold: number; path: Path }
  | { kind: "error"; fold: number; message: string; name: string; column?: string; row?: number; option?: string }
  | { kind: "idle" };

/**
 * The buffers that `arrays` each fill whole, to move with a fold's result to the thread that gathers the
 * folds rather than copy: the worker would otherwise keep each fold's copies, outside V8's heap, until it
 * collects, which an idle worker may not do for a whole CV. An array that shares its buffer (a view of a
 * larger one, or of shared memory) is copied, as before; an empty one too (nothing to gain, and it may be
 * a constant the worker still uses).
 */
export function wholeBuffers(arrays: Iterable<ArrayBufferView | undefined>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (a === undefined || !(a.buffer instanceof ArrayBuffer) || a.byteLength === 0) continue;
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) out.add(a.buffer);
  }
  return [...out];
}

/** The buffers of a fold path's recorded arrays (λ, intercepts, each λ's coefficients, df, devRatio, gap) to move: wholeBuffers. */
export function pathBuffers(path: Path): ArrayBuffer[] {
  return wholeBuffers([path.lambda, path.intercept, path.df, path.devRatio, path.gap, ...path.beta.flatMap((b) => [b.index, b.value])]);
}

/** The buffers of a fold's held-out predictions (rows, eta per λ, relaxed and Cox's, its η on every row too) to move: wholeBuffers. */
export function foldFitBuffers(fit: FoldFit): ArrayBuffer[] {
  const cox = fit.coxEtaAll ? [...fit.coxEtaAll.penalized, ...fit.coxEtaAll.relaxed] : [];
  return wholeBuffers([fit.rows, ...fit.eta, ...(fit.etaRelaxed ?? []), fit.coxDeviance, ...cox]);
}
