// What the threads of a parallel multi-response cross-validation say to each other
// (multi-parallel.node.ts, multi-fold-worker.node.ts).
import type { FullCopy } from "../solve/fold-view.js";
import type { MultiPath } from "../solve/multi/types.js";
import type { MultiFoldJob } from "./multi-folds.js";

/** Everything a worker needs for any fold, sent once. */
export interface MultiFoldWork {
  readonly job: MultiFoldJob;
  readonly foldid: Int32Array;
  readonly nfolds: number;
  /** [NEXT_FOLD] folds claimed so far, [LAMBDA_LIMIT] the full path's length once known (fold-protocol.ts). */
  readonly control: Int32Array;
  /** The memory holding the standardized copy (CvMemory), each thread's room in it, and this worker's. */
  readonly memory: WebAssembly.Memory | null;
  readonly copy: Float64Array;
  readonly room: number;
  readonly thread: number;
}

/** To a worker: the work, then the λ sequence with the full data's standardization (it then claims folds). */
export type ToMultiWorker =
  | { kind: "work"; work: MultiFoldWork }
  | { kind: "lambdas"; lambda: Float64Array; full: Omit<FullCopy, "x"> };

/** From a worker: each fold's path (the thread holding X predicts), or the error that stopped it, then that it is done. */
export type FromMultiWorker =
  | { kind: "path"; fold: number; path: MultiPath }
  | { kind: "error"; fold: number; message: string; name: string }
  | { kind: "idle" };

/**
 * The buffers of a fold path's recorded arrays (λ, df, devRatio, each λ's intercepts and coefficients),
 * to move with the path to the thread holding X rather than copy: the worker would otherwise keep each
 * fold's copies, outside V8's heap, until it collects, which an idle worker may not do for a whole CV
 * (0.6 MB a fold at p = 200, K = 5). Only an array that is its whole buffer moves; any other is copied.
 */
export function pathBuffers(path: MultiPath): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of [path.lambda, path.df, path.devRatio, ...path.intercept, ...path.beta]) {
    if (a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) out.add(a.buffer);
  }
  return [...out];
}
