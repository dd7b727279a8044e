import type { SparseMatrix } from "../data/sparse.js";
import { OptionError } from "../errors.js";
import { fitSparsePath, refuseSparseUnsupported } from "../solve/sparse-fit.js";
import type { FitOptions, Path } from "../solve/types.js";
import { coxFoldDeviance, survivalRows } from "./cox.js";
import { planCv, summarizeCv, type CvOptions, type CvResult, type FoldFit, CV_OPTIONS_SCHEMA } from "./cv.js";
import { splitFold } from "./folds.js";
import { checkArguments, numericArrayRule, optionsRule } from "../data/arguments.js";
import { sparseRule } from "../solve/arguments.js";

/**
 * cvPath for a sparse X: the full-data path, then each fold fitted on its λ sequence from its training
 * rows (a sparse matrix of their nonzeros: never densified) and its held-out rows predicted from their
 * nonzeros (a Cox fold's deviance reads its fit on every row); summarised as cv.glmnet does.
 */
export function cvSparsePath(x: SparseMatrix, y: ArrayLike<number>, options: CvOptions = {}): CvResult {
  const { plan, path } = startSparseCv("cvSparsePath", x, y, options);
  const task: SparseFoldTask = { x, y: Float64Array.from(y), options: plan.fitOptions, lambda: path.lambda, foldid: plan.foldid };
  const folds = Array.from({ length: plan.nfolds }, (_, k) => sparseFold(task, k + 1));
  return summarizeCv(path, y, options, plan.foldid, plan.nfolds, folds);
}

/** The arguments checked, the folds planned and the full-data path: what every thread's folds start from. */
export function startSparseCv(what: string, x: SparseMatrix, y: ArrayLike<number>, options: CvOptions): { plan: ReturnType<typeof planCv>; path: Path } {
  checkArguments(what, { x, y, options }, { x: sparseRule, y: numericArrayRule, options: optionsRule(CV_OPTIONS_SCHEMA) });
  if (options.foldLambda === "own") throw new OptionError("foldLambda \"own\" is not offered for a sparse X", "foldLambda");
  refuseSparseUnsupported(options);
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

/** Rows `rows` (increasing) of x, as a sparse matrix of their own. */
export function sparseRows(x: SparseMatrix, rows: Int32Array): SparseMatrix {
  const position = new Int32Array(x.n).fill(-1);
  rows.forEach((i, t) => (position[i] = t));
  const colPtr = new Int32Array(x.p + 1);
  let nnz = 0;
  for (let t = 0; t < x.rowIndex.length; t++) if (position[x.rowIndex[t]] >= 0) nnz++;
  const rowIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let o = 0;
  for (let j = 0; j < x.p; j++) {
    for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) {
      const at = position[x.rowIndex[t]];
      if (at < 0) continue;
      rowIndex[o] = at;
      values[o++] = x.values[t];
    }
    colPtr[j + 1] = o;
  }
  return { n: rows.length, p: x.p, colPtr, rowIndex, values, names: x.names };
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
