import { sparseRows, type SparseMatrix } from "../data/sparse.js";
import { OptionError } from "../errors.js";
import { fitSparsePath, refuseSparseUnsupported } from "../solve/sparse-fit.js";
import type { FitOptions, Path } from "../solve/types.js";
import { coxFoldDeviance, survivalRows } from "./cox.js";
import { planCv, summarizeCv, type CvOptions, type CvResult, type FoldFit, CV_OPTIONS_SCHEMA } from "./cv.js";
import { splitFold } from "./folds.js";
import { checkArguments, numericArrayRule, optionsRule } from "../data/arguments.js";
import { hasMultiFamily, sparseRule } from "../solve/arguments.js";
import type { ClassLabel } from "../solve/multi/fit.js";
import type { MultiCvOptions, MultiCvResult, MultiFamilyCvOptions } from "./multi-cv.js";
import { cvSparseMultiFamilyPath } from "./sparse-multi-cv.js";

/**
 * cvPath for a sparse X: the full-data path, then each fold fitted on its λ sequence from its training
 * rows (a sparse matrix of their nonzeros: never densified) and its held-out rows predicted from their
 * nonzeros (a Cox fold's deviance reads its fit on every row); summarised as cv.glmnet does. With family
 * "multinomial" (y the class labels) or "mgaussian" (y the responses), cvSparseMultiPath.
 */
export function cvSparsePath(x: SparseMatrix, labels: ArrayLike<ClassLabel>, options: MultiCvOptions & { readonly family: "multinomial" }): MultiCvResult;
export function cvSparsePath(x: SparseMatrix, y: readonly ArrayLike<number>[], options: MultiCvOptions & { readonly family: "mgaussian" }): MultiCvResult;
// Last, so that Parameters<typeof cvSparsePath> and ReturnType<typeof cvSparsePath> are the single-response CV's.
export function cvSparsePath(x: SparseMatrix, y: ArrayLike<number>, options?: CvOptions): CvResult;
export function cvSparsePath(x: SparseMatrix, y: unknown, options: CvOptions | MultiFamilyCvOptions = {}): CvResult | MultiCvResult {
  if (hasMultiFamily(options)) return cvSparseMultiFamilyPath("cvSparsePath", x, y, options);
  checkSparseCvArguments("cvSparsePath", x, y, options);
  const { plan, path } = startSparseCv(x, y, options);
  const task: SparseFoldTask = { x, y: Float64Array.from(y), options: plan.fitOptions, lambda: path.lambda, foldid: plan.foldid };
  const folds = Array.from({ length: plan.nfolds }, (_, k) => sparseFold(task, k + 1));
  return summarizeCv(path, y, options, plan.foldid, plan.nfolds, folds);
}

/** The checks of a sparse X's cross-validation arguments before any fit (what: the function's name, for the message). */
export function checkSparseCvArguments(what: string, x: SparseMatrix, y: unknown, options: CvOptions): asserts y is ArrayLike<number> {
  // The options before y: the family (misspelt, say) decides what y should be.
  checkArguments(what, { x, y, options }, { x: sparseRule, options: optionsRule(CV_OPTIONS_SCHEMA), y: numericArrayRule });
  if (options.foldLambda === "own") throw new OptionError("foldLambda \"own\" is not offered for a sparse X", "foldLambda");
  refuseSparseUnsupported(options);
}

/** The folds planned and the full-data path (the arguments checked first: checkSparseCvArguments): what every thread's folds start from. */
export function startSparseCv(x: SparseMatrix, y: ArrayLike<number>, options: CvOptions): { plan: ReturnType<typeof planCv>; path: Path } {
  const plan = planCv({ n: x.n, p: x.p, data: new Float64Array(0), names: x.names }, options);
  return { plan, path: fitSparsePath(x, y, plan.fitOptions) };
}

/** What a sparse fold's fit needs, the same in every thread (a worker's X in shared memory). */
export interface SparseFoldTask {
  readonly x: SparseMatrix;
  readonly y: Float64Array;
  readonly options: FitOptions;
  /** The full path's λs. */
  readonly lambda: Float64Array;
  readonly foldid: Int32Array;
}

/**
 * Fold k: fitted on the full path's λs from its training rows (their nonzeros copied, never densified),
 * its held-out rows predicted at each λ; the same computation in any thread.
 */
export function sparseFold(task: SparseFoldTask, k: number): FoldFit {
  const { x, y, options, lambda, foldid } = task;
  const { train, test } = splitFold(foldid, k);
  const pick = (v: ArrayLike<number> | undefined, rows: Int32Array) => (v === undefined ? undefined : Array.from(rows, (i) => v[i]));
  let fold: Path;
  try {
    fold = fitSparsePath(sparseRows(x, train), pick(y, train)!, {
      ...options, lambda, weights: pick(options.weights, train), offset: pick(options.offset, train),
      survival: options.survival && survivalRows(options.survival, train),
    });
  } catch (e) {
    throw new OptionError(`cross-validation fold ${k} (fitted without its ${test.length} rows): ${(e as Error).message}`, "foldid");
  }
  return {
    fold: k, rows: test,
    eta: sparsePredictions(fold, x, test, lambda.length, pick(options.offset, test)),
    coxDeviance: options.survival
      ? coxFoldDeviance(y, options, test, sparsePredictions(fold, x, allRows(x.n), lambda.length, options.offset))
      : undefined,
    warnings: fold.warnings.map((w) => `fold ${k}: ${w}`),
  };
}

/** 0, 1, …, n − 1. */
function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/**
 * η_l = β0_l + offset + Σ_j β_lj·x_j at rows `rows` for the first `count` λs (a path cut short repeats
 * its last, as cv.glmnet pads), summed over each coefficient's nonzeros in those rows: the rows' own
 * compressed columns are taken once (all of X when the rows are all of its rows), so each λ reads only
 * their nonzeros.
 */
function sparsePredictions(path: Path, x: SparseMatrix, rows: Int32Array, count: number, offset?: ArrayLike<number>): Float64Array[] {
  const sub = rows.length === x.n ? x : sparseRows(x, rows);
  const { colPtr, rowIndex, values } = sub;
  return Array.from({ length: count }, (_, l) => {
    const k = Math.min(l, path.lambda.length - 1);
    const eta = new Float64Array(rows.length).fill(path.intercept[k]);
    if (offset) for (let t = 0; t < rows.length; t++) eta[t] += offset[t];
    const { index, value } = path.beta[k];
    for (let c = 0; c < index.length; c++) {
      const j = index[c], b = value[c];
      for (let t = colPtr[j]; t < colPtr[j + 1]; t++) eta[rowIndex[t]] += b * values[t];
    }
    return eta;
  });
}
