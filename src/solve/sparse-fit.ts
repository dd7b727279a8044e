import { sparseRows, type SparseMatrix } from "../data/sparse.js";
import { OptionError } from "../errors.js";
import { threadWorkspaces } from "../linalg/workspace.js";
import { checkFitOf } from "./checks.js";
import { fitDesign } from "./fit.js";
import { isConcave } from "./ncv-path.js";
import { sparseRoom, standardizeSparse } from "./sparse-columns.js";
import type { FitOptions, Path } from "./types.js";
import { checkArguments, numericArrayRule, optionsRule } from "../data/arguments.js";
import { sparseRule, FIT_OPTIONS_SCHEMA, hasMultiFamily } from "./arguments.js";
import type { ClassLabel, MgaussianFitOptions, MultiFamilyFitOptions, MultinomialFitOptions } from "./multi/fit.js";
import type { MultiPath } from "./multi/types.js";
import { fitSparseMultiFamilyPath } from "./sparse-multi.js";

/**
 * fitPath for a sparse X (compressed columns): the same path as the dense X's, for the gaussian, binomial,
 * Poisson and Cox families, its products costing the nonzeros alone; X is never densified (its nonzeros
 * are copied once into the fit's WebAssembly memory, times √w in a weighted gaussian fit). Relaxed fits,
 * the concave penalties and adaptive weights are not offered for sparse X. With family "multinomial" (y the
 * class labels) or "mgaussian" (y the responses), fitSparseMultinomialPath or fitSparseMgaussianPath.
 */
export function fitSparsePath(x: SparseMatrix, labels: ArrayLike<ClassLabel>, options: MultinomialFitOptions & { readonly family: "multinomial" }): MultiPath;
export function fitSparsePath(x: SparseMatrix, y: readonly ArrayLike<number>[], options: MgaussianFitOptions & { readonly family: "mgaussian" }): MultiPath;
// Last, so that Parameters<typeof fitSparsePath> and ReturnType<typeof fitSparsePath> are the single-response fit's.
export function fitSparsePath(x: SparseMatrix, y: ArrayLike<number>, options?: FitOptions): Path;
export function fitSparsePath(x: SparseMatrix, y: unknown, options: FitOptions | MultiFamilyFitOptions = {}): Path | MultiPath {
  if (hasMultiFamily(options)) return fitSparseMultiFamilyPath("fitSparsePath", x, y, options);
  // The options before y: the family (misspelt, say) decides what y should be.
  checkArguments("fitSparsePath", { x, y, options }, { x: sparseRule, options: optionsRule(FIT_OPTIONS_SCHEMA), y: numericArrayRule });
  return fitSparseSingle(x, y as ArrayLike<number>, options);
}

/**
 * fitSparsePath of rows `rows` of x (a cross-validation fold's training rows; y and the options' vectors
 * are theirs), a matrix of their nonzeros: a feature refused names its row as x gives it.
 */
export function fitSparseRows(x: SparseMatrix, rows: Int32Array, y: ArrayLike<number>, options: FitOptions): Path {
  checkArguments("fitSparsePath", { y, options }, { options: optionsRule(FIT_OPTIONS_SCHEMA), y: numericArrayRule });
  return fitSparseSingle(sparseRows(x, rows), y, options, rows);
}

/** fitSparsePath of a single-response family, its arguments checked (x: rows `rows` of the data, when given). */
function fitSparseSingle(x: SparseMatrix, y: ArrayLike<number>, options: FitOptions, rows: Int32Array | null = null): Path {
  refuseSparseUnsupported(options);
  // A sparse X's values were checked when it was built (sparseMatrix).
  checkFitOf(x.n, x.names, y, options);
  const workspace = threadWorkspaces.take(sparseRoom(x.n, x.p, x.values.length));
  try {
    return fitDesign(y, options, { design: (w, _sw, how) => standardizeSparse(x, w, how, workspace, rows), names: x.names });
  } finally {
    threadWorkspaces.release(workspace);
  }
}

/** The options a sparse X's fit does not take: an OptionError naming each, never a silent lasso fit. */
export function refuseSparseUnsupported(options: FitOptions): void {
  if (options.relax) throw new OptionError("relax is not offered for a sparse X: fit its densified columns instead", "relax");
  if (isConcave(options)) throw new OptionError(`penalty ${options.penalty} is not offered for a sparse X: it fits the elastic net (lasso)`, "penalty");
  if (options.adaptive) throw new OptionError("adaptive is not offered for a sparse X: fit its densified columns instead", "adaptive");
}
