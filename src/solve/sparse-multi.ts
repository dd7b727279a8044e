import type { ModelMatrix } from "../data/matrix.js";
import type { SparseMatrix } from "../data/sparse.js";
import { OptionError } from "../errors.js";
import { threadWorkspaces } from "../linalg/workspace.js";
import { checkArguments, arrayOfRule, numericArrayRule, optionsRule } from "../data/arguments.js";
import { MGAUSSIAN_OPTIONS_SCHEMA, MULTINOMIAL_OPTIONS_SCHEMA, sparseRule } from "./arguments.js";
import { mgaussianResponse, multinomialResponse, type ClassLabel } from "./multi/fit.js";
import { fitMultiPathOf, type MultiPathHooks, type MultiResponse } from "./multi/path.js";
import { multiRoom } from "./multi/solver.js";
import type { MultiFitOptions, MultiPath } from "./multi/types.js";
import { sparseColumnsRoom, standardizeSparse } from "./sparse-columns.js";

/**
 * fitMultinomialPath for a sparse X (compressed columns): glmnet's multinomial path (grouped or not) on
 * X's nonzeros, its centring and scaling implicit (sparse-columns.ts), never densified.
 */
export function fitSparseMultinomialPath(x: SparseMatrix, labels: ArrayLike<ClassLabel>, options: MultiFitOptions & { classes?: readonly ClassLabel[] } = {}): MultiPath {
  checkArguments("fitSparseMultinomialPath", { x, options }, { x: sparseRule, options: optionsRule(MULTINOMIAL_OPTIONS_SCHEMA) });
  const { classes, ...rest } = options;
  if (rest.grouped !== undefined && typeof rest.grouped !== "boolean") throw new OptionError(`grouped must be true or false, got ${String(rest.grouped)}`, "grouped");
  const { response, warnings } = multinomialResponse(x.n, labels, classes, rest.weights);
  const path = fitSparseMultiPathOf(x, response, rest);
  return { ...path, warnings: [...warnings, ...path.warnings] };
}

/** fitMgaussianPath for a sparse X: K responses fitted together on X's nonzeros (rows times √w implicit). */
export function fitSparseMgaussianPath(x: SparseMatrix, y: readonly ArrayLike<number>[], options: MultiFitOptions & { responses?: readonly string[] } = {}): MultiPath {
  checkArguments("fitSparseMgaussianPath", { x, y, options }, {
    x: sparseRule, y: arrayOfRule(numericArrayRule, "an array of responses, each an array of numbers, one per row"), options: optionsRule(MGAUSSIAN_OPTIONS_SCHEMA),
  });
  const { responses, grouped: _grouped, ...rest } = options;
  return fitSparseMultiPathOf(x, mgaussianResponse(x.n, y, responses), rest);
}

/**
 * The multi-response path of a sparse X: fitMultiPathOf with the design standardized from X's nonzeros
 * (standardizeSparse) in a workspace with room for the multi-response solver and a copy of the nonzeros.
 */
export function fitSparseMultiPathOf(x: SparseMatrix, response: MultiResponse, options: MultiFitOptions, hooks: Omit<MultiPathHooks, "design"> = {}): MultiPath {
  const K = response.classes.length;
  const workspace = threadWorkspaces.take(multiRoom(x.n, x.p, K) + sparseColumnsRoom(x.p, x.values.length));
  try {
    return fitMultiPathOf(sparseShape(x), response, options, { ...hooks, design: (w, _sw, how) => standardizeSparse(x, w, how, workspace) });
  } finally {
    threadWorkspaces.release(workspace);
  }
}

/** X's shape and names as a model matrix without values (the path reads them alone when given a design). */
export function sparseShape(x: Pick<SparseMatrix, "n" | "p" | "names">): ModelMatrix {
  return { n: x.n, p: x.p, names: x.names, data: new Float64Array(0) };
}
