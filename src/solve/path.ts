import type { ModelMatrix } from "../data/matrix.js";
import type { FitOptions, Path } from "./types.js";

/** Fit the elastic-net regularization path (glmnet). */
export function fitPath(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions = {}): Path {
  void x; void y; void options;
  throw new Error("fitPath: not implemented yet");
}
