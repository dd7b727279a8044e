// What the threads of a parallel multi-response cross-validation say to each other
// (multi-parallel.node.ts, multi-fold-worker.node.ts).
import type { FullCopy } from "../solve/fold-view.js";
import type { MultiPath } from "../solve/multi/types.js";
import type { ModelMatrix } from "../data/matrix.js";
import type { MultiFoldJob } from "./multi-folds.js";
import type { MultiCvPlan, MultiOutcome, RelaxedFold } from "./multi-cv.js";
import { wholeBuffers } from "./fold-protocol.js";

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

/**
 * Everything a worker needs for a relaxed cross-validation's folds (each relaxed on its own λs, on a copy
 * of its rows of X: multi-cv.ts's fitRelaxedFold), sent once: it claims folds at once.
 */
export interface RelaxedMultiWork {
  /** X, its data in shared memory. */
  readonly x: ModelMatrix;
  readonly outcome: MultiOutcome;
  readonly plan: MultiCvPlan;
  /** [NEXT_FOLD] folds claimed so far (fold-protocol.ts). */
  readonly control: Int32Array;
}

/**
 * To a worker: the work, then the λ sequence with the full data's standardization (it then claims folds);
 * or a relaxed cross-validation's work (it claims folds at once).
 */
export type ToMultiWorker =
  | { kind: "work"; work: MultiFoldWork }
  | { kind: "lambdas"; lambda: Float64Array; full: Omit<FullCopy, "x"> }
  | { kind: "relaxed"; work: RelaxedMultiWork };

/**
 * From a worker: each fold's path (the thread holding X predicts), or a relaxed fold with its warnings,
 * or the error that stopped it (with the column, row or option it names), then that it is done.
 */
export type FromMultiWorker =
  | { kind: "path"; fold: number; path: MultiPath }
  | { kind: "relaxed"; fold: RelaxedFold }
  | { kind: "error"; fold: number; message: string; name: string; column?: string; row?: number; option?: string }
  | { kind: "idle" };

/** The buffers of a multi-response fold path's recorded arrays (λ, df, devRatio, each λ's intercepts and coefficients) to move: wholeBuffers. */
export function multiPathBuffers(path: MultiPath): ArrayBuffer[] {
  return wholeBuffers([path.lambda, path.df, path.devRatio, ...path.intercept, ...path.beta]);
}
