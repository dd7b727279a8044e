import type { ModelMatrix } from "../data/matrix.js";
import { sparseRows, type SparseMatrix } from "../data/sparse.js";
import { OptionError } from "../errors.js";
import { threadWorkspaces } from "../linalg/workspace.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { MGAUSSIAN_OPTIONS_SCHEMA, MULTINOMIAL_OPTIONS_SCHEMA, sparseRule } from "./arguments.js";
import {
  mgaussianResponse, multinomialResponse, MULTI_OUTCOME_RULES,
  type ClassLabel, type MgaussianFitOptions, type MultiFamilyFitOptions, type MultinomialFitOptions,
} from "./multi/fit.js";
import { fitMultiPathOf, type MultiPathHooks, type MultiResponse } from "./multi/path.js";
import { multiRoom } from "./multi/solver.js";
import type { MultiFitOptions, MultiPath } from "./multi/types.js";
import { sparseColumnsRoom, standardizeSparse } from "./sparse-columns.js";

/**
 * fitMultinomialPath for a sparse X (compressed columns): glmnet's multinomial path (grouped or not) on
 * X's nonzeros, its centring and scaling implicit (sparse-columns.ts), never densified.
 */
export function fitSparseMultinomialPath(x: SparseMatrix, labels: ArrayLike<ClassLabel>, options: MultinomialFitOptions = {}): MultiPath {
  return fitSparseMultinomial("fitSparseMultinomialPath", x, labels, options);
}

/**
 * fitSparseMultinomialPath, its argument errors naming `what` (the function the person called); x rows
 * `rows` of the data when given (a fold's), so that a feature refused names its row as the data give it.
 */
function fitSparseMultinomial(what: string, x: SparseMatrix, labels: ArrayLike<ClassLabel>, options: MultinomialFitOptions, rows: Int32Array | null = null): MultiPath {
  checkArguments(what, { x, labels, options }, { x: sparseRule, labels: MULTI_OUTCOME_RULES.multinomial, options: optionsRule(MULTINOMIAL_OPTIONS_SCHEMA) });
  const { classes, ...rest } = options;
  if (rest.grouped !== undefined && typeof rest.grouped !== "boolean") throw new OptionError(`grouped must be true or false, got ${String(rest.grouped)}`, "grouped");
  const { response, warnings } = multinomialResponse(x.n, labels, classes, rest.weights);
  const path = fitSparseMultiPathOf(x, response, rest, {}, rows);
  return { ...path, warnings: [...warnings, ...path.warnings] };
}

/** fitSparseMultinomialPath of rows `rows` of x (a fold's training rows; labels and weights theirs). */
export function fitSparseMultinomialRows(x: SparseMatrix, rows: Int32Array, labels: ArrayLike<ClassLabel>, options: MultinomialFitOptions): MultiPath {
  return fitSparseMultinomial("fitSparseMultinomialPath", sparseRows(x, rows), labels, options, rows);
}

/** fitSparseMgaussianPath of rows `rows` of x (a fold's training rows; the responses and weights theirs). */
export function fitSparseMgaussianRows(x: SparseMatrix, rows: Int32Array, y: readonly ArrayLike<number>[], options: MgaussianFitOptions): MultiPath {
  return fitSparseMgaussian("fitSparseMgaussianPath", sparseRows(x, rows), y, options, rows);
}

/** fitMgaussianPath for a sparse X: K responses fitted together on X's nonzeros (rows times √w implicit). */
export function fitSparseMgaussianPath(x: SparseMatrix, y: readonly ArrayLike<number>[], options: MgaussianFitOptions = {}): MultiPath {
  return fitSparseMgaussian("fitSparseMgaussianPath", x, y, options);
}

/** fitSparseMgaussianPath, its argument errors naming `what` (the function the person called); x rows `rows` of the data when given. */
function fitSparseMgaussian(what: string, x: SparseMatrix, y: readonly ArrayLike<number>[], options: MgaussianFitOptions, rows: Int32Array | null = null): MultiPath {
  checkArguments(what, { x, y, options }, { x: sparseRule, y: MULTI_OUTCOME_RULES.mgaussian, options: optionsRule(MGAUSSIAN_OPTIONS_SCHEMA) });
  const { responses, grouped: _grouped, ...rest } = options;
  return fitSparseMultiPathOf(x, mgaussianResponse(x.n, y, responses), rest, {}, rows);
}

/**
 * fitSparsePath's multi-response families: fitSparseMultinomialPath of the class labels or
 * fitSparseMgaussianPath of the responses, the options (less `family`) checked by that family's schema.
 */
export function fitSparseMultiFamilyPath(what: string, x: SparseMatrix, y: unknown, options: MultiFamilyFitOptions): MultiPath {
  const { family, ...rest } = options;
  if (family === "multinomial") return fitSparseMultinomial(what, x, y as ArrayLike<ClassLabel>, rest);
  return fitSparseMgaussian(what, x, y as readonly ArrayLike<number>[], rest);
}

/**
 * The multi-response path of a sparse X (rows `rows` of the data, when given, for messages): fitMultiPathOf
 * with the design standardized from X's nonzeros (standardizeSparse) in a workspace with room for the multi-response solver and a copy of the nonzeros.
 */
export function fitSparseMultiPathOf(
  x: SparseMatrix, response: MultiResponse, options: MultiFitOptions, hooks: Omit<MultiPathHooks, "design"> = {}, rows: Int32Array | null = null,
): MultiPath {
  if (options.relax) throw new OptionError("relax is not offered for a sparse X: fit its densified columns instead", "relax");
  const K = response.classes.length;
  const workspace = threadWorkspaces.take(multiRoom(x.n, x.p, K) + sparseColumnsRoom(x.p, x.values.length));
  try {
    return fitMultiPathOf(sparseShape(x), response, options, { ...hooks, design: (w, _sw, how) => standardizeSparse(x, w, how, workspace, rows) });
  } finally {
    threadWorkspaces.release(workspace);
  }
}

/** X's shape and names as a model matrix without values (the path reads them alone when given a design). */
export function sparseShape(x: Pick<SparseMatrix, "n" | "p" | "names">): ModelMatrix {
  return { n: x.n, p: x.p, names: x.names, data: new Float64Array(0) };
}
