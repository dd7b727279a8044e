import type { SparseMatrix } from "../data/sparse.js";
import { threadWorkspaces } from "../linalg/workspace.js";
import { checkFitOf } from "./checks.js";
import { fitDesign } from "./fit.js";
import { standardizeSparse } from "./sparse-columns.js";
import { solverRoom } from "./standardize.js";
import type { FitOptions, Path } from "./types.js";
import { checkArguments, numericArrayRule, optionsRule } from "../data/arguments.js";
import { sparseRule, FIT_OPTIONS_SCHEMA } from "./arguments.js";

/**
 * fitPath for a sparse X (compressed columns): the same path as the dense X's, its products costing
 * the nonzeros alone; X is never densified nor copied (but for its nonzeros times √w in a weighted
 * gaussian fit). Relaxed fits are not offered for sparse X.
 */
export function fitSparsePath(x: SparseMatrix, y: ArrayLike<number>, options: FitOptions = {}): Path {
  checkArguments("fitSparsePath", { x, y, options }, { x: sparseRule, y: numericArrayRule, options: optionsRule(FIT_OPTIONS_SCHEMA) });
  if (options.relax) throw new RangeError("relax is not offered for a sparse X: fit its densified columns instead");
  // A sparse X's values were checked when it was built (sparseMatrix).
  checkFitOf(x.n, x.names, y, options);
  const workspace = threadWorkspaces.take(solverRoom(x.n, x.p));
  try {
    return fitDesign(y, options, { design: (w, _sw, how) => standardizeSparse(x, w, how, workspace), names: x.names });
  } finally {
    threadWorkspaces.release(workspace);
  }
}
