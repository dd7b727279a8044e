import { sparseRows, type SparseMatrix } from "../data/sparse.js";
import { fitSparsePath, fitSparseRows, refuseSparseUnsupported } from "../solve/sparse-fit.js";
import { coef } from "../solve/predict.js";
import type { FitOptions, Path } from "../solve/types.js";
import { coxFoldDeviance, survivalRows } from "./cox.js";
import { planCv, summarizeCv, type CvOptions, type CvResult, type FoldFit, CV_OPTIONS_SCHEMA } from "./cv.js";
import { inFold, splitFold } from "./folds.js";
import { checkArguments, numericArrayRule, optionsRule } from "../data/arguments.js";
import { hasMultiFamily, sparseRule } from "../solve/arguments.js";
import type { ClassLabel } from "../solve/multi/fit.js";
import type { MultiCvOptions, MultiCvResult, MultiFamilyCvOptions } from "./multi-cv.js";
import { cvSparseMultiFamilyPath } from "./sparse-multi-cv.js";

/**
 * cvPath for a sparse X: the full-data path, then each fold fitted from its training rows (a sparse
 * matrix of their nonzeros: never densified) on the full path's λs, or with foldLambda "own" on its own
 * default sequence (cv.glmnet without λs), and its held-out rows predicted from their nonzeros (a Cox
 * fold's deviance reads its fit on every row); summarised as cv.glmnet does. With family
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
  const task = sparseFoldTask(x, y, plan, path);
  const folds = Array.from({ length: plan.nfolds }, (_, k) => sparseFold(task, k + 1));
  return summarizeCv(path, y, options, plan.foldid, plan.nfolds, folds);
}

/** The checks of a sparse X's cross-validation arguments before any fit (what: the function's name, for the message). */
export function checkSparseCvArguments(what: string, x: SparseMatrix, y: unknown, options: CvOptions): asserts y is ArrayLike<number> {
  // The options before y: the family (misspelt, say) decides what y should be.
  checkArguments(what, { x, y, options }, { x: sparseRule, options: optionsRule(CV_OPTIONS_SCHEMA), y: numericArrayRule });
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
  /** Folds fit their own default λ sequences, read at the full path's λs by interpolation (foldLambda "own"). */
  readonly ownLambda: boolean;
}

/** The folds' task of a planned cross-validation whose full-data path is `path`. */
export function sparseFoldTask(x: SparseMatrix, y: ArrayLike<number>, plan: ReturnType<typeof planCv>, path: Path): SparseFoldTask {
  return { x, y: Float64Array.from(y), options: plan.fitOptions, lambda: path.lambda, foldid: plan.foldid, ownLambda: plan.ownLambda };
}

/**
 * Fold k: fitted from its training rows (their nonzeros copied, never densified) on the full path's λs,
 * or on its own (ownLambda), its held-out rows predicted at each of the full path's λs; the same
 * computation in any thread.
 */
export function sparseFold(task: SparseFoldTask, k: number): FoldFit {
  const { x, y, options, lambda, foldid, ownLambda } = task;
  const { train, test } = splitFold(foldid, k);
  const pick = (v: ArrayLike<number> | undefined, rows: Int32Array) => (v === undefined ? undefined : Array.from(rows, (i) => v[i]));
  const fold: Path = inFold(k, test.length, () => fitSparseRows(x, train, pick(y, train)!, {
    ...options, lambda: ownLambda ? undefined : lambda, weights: pick(options.weights, train), offset: pick(options.offset, train),
    survival: options.survival && survivalRows(options.survival, train),
  }));
  const coefs = foldCoefficients(fold, lambda, ownLambda);
  return {
    fold: k, rows: test,
    eta: sparsePredictions(coefs, x, test, pick(options.offset, test)),
    coxDeviance: options.survival ? coxFoldDeviance(y, options, test, sparsePredictions(coefs, x, allRows(x.n), options.offset)) : undefined,
    warnings: fold.warnings.map((w) => `fold ${k}: ${w}`),
  };
}

/** A fold's intercept and nonzero coefficients (indices into X's columns, ascending) at one of the full path's λs. */
interface FoldCoefficients {
  readonly intercept: number;
  readonly index: ArrayLike<number>;
  readonly value: ArrayLike<number>;
}

/**
 * The fold's coefficients at each of the full path's λs `lambda`: its own l-th fit (a path cut short
 * repeats its last, as cv.glmnet pads), or, with λs of its own, coef's at λ_l (glmnet's lambda.interp,
 * clamped to the fold's ends), as a dense X's fold is read (cv.ts: foldPredictions).
 */
function foldCoefficients(path: Path, lambda: Float64Array, own: boolean): FoldCoefficients[] {
  const last = path.lambda.length - 1;
  const interpolated = (l: number): FoldCoefficients => {
    const { intercept, beta } = coef(path, lambda[l]);
    const index = Int32Array.from(beta.keys()).filter((j) => beta[j] !== 0);
    return { intercept, index, value: Float64Array.from(index, (j) => beta[j]) };
  };
  const fitted = (l: number): FoldCoefficients => ({ intercept: path.intercept[Math.min(l, last)], ...path.beta[Math.min(l, last)] });
  return Array.from({ length: lambda.length }, (_, l) => (own ? interpolated(l) : fitted(l)));
}

/** 0, 1, …, n − 1. */
function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/**
 * η_l = β0_l + offset + Σ_j β_lj·x_j at rows `rows` at each of the full path's λs, summed over each
 * coefficient's nonzeros in those rows: the rows' own compressed columns are taken once (all of X when
 * the rows are all of its rows), so each λ reads only their nonzeros.
 */
function sparsePredictions(coefs: readonly FoldCoefficients[], x: SparseMatrix, rows: Int32Array, offset?: ArrayLike<number>): Float64Array[] {
  const sub = rows.length === x.n ? x : sparseRows(x, rows);
  const { colPtr, rowIndex, values } = sub;
  return coefs.map(({ intercept, index, value }) => {
    const eta = new Float64Array(rows.length).fill(intercept);
    if (offset) for (let t = 0; t < rows.length; t++) eta[t] += offset[t];
    for (let c = 0; c < index.length; c++) {
      const j = index[c], b = value[c];
      for (let t = colPtr[j]; t < colPtr[j + 1]; t++) eta[rowIndex[t]] += b * values[t];
    }
    return eta;
  });
}
