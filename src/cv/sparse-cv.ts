import type { SparseMatrix } from "../data/sparse.js";
import { OptionError } from "../errors.js";
import { fitSparsePath, refuseSparseUnsupported } from "../solve/sparse-fit.js";
import type { Path } from "../solve/types.js";
import { coxFoldDeviance, survivalRows } from "./cox.js";
import { planCv, summarizeCv, type CvOptions, type CvResult, type FoldFit, CV_OPTIONS_SCHEMA } from "./cv.js";
import { checkArguments, numericArrayRule, optionsRule } from "../data/arguments.js";
import { sparseRule } from "../solve/arguments.js";

/**
 * cvPath for a sparse X: the full-data path, then each fold fitted on its λ sequence from its training
 * rows (a sparse matrix of their nonzeros: never densified) and its held-out rows predicted from their
 * nonzeros (a Cox fold's deviance reads its fit on every row); summarised as cv.glmnet does.
 */
export function cvSparsePath(x: SparseMatrix, y: ArrayLike<number>, options: CvOptions = {}): CvResult {
  checkArguments("cvSparsePath", { x, y, options }, { x: sparseRule, y: numericArrayRule, options: optionsRule(CV_OPTIONS_SCHEMA) });
  if (options.foldLambda === "own") throw new OptionError("foldLambda \"own\" is not offered for a sparse X", "foldLambda");
  refuseSparseUnsupported(options);
  const { foldid, nfolds, fitOptions } = planCv({ n: x.n, p: x.p, data: new Float64Array(0), names: x.names }, options);
  const path = fitSparsePath(x, y, fitOptions);
  const folds: FoldFit[] = [];
  for (let k = 1; k <= nfolds; k++) {
    const train = rowsWhere(foldid, (f) => f !== k);
    const test = rowsWhere(foldid, (f) => f === k);
    const pick = (v: ArrayLike<number> | undefined, rows: Int32Array) => (v === undefined ? undefined : Array.from(rows, (i) => v[i]));
    let fold: Path;
    try {
      fold = fitSparsePath(sparseRows(x, train), pick(y, train)!, {
        ...fitOptions, lambda: path.lambda, weights: pick(fitOptions.weights, train), offset: pick(fitOptions.offset, train),
        survival: fitOptions.survival && survivalRows(fitOptions.survival, train),
      });
    } catch (e) {
      throw new OptionError(`cross-validation fold ${k} (fitted without its ${test.length} rows): ${(e as Error).message}`, "foldid");
    }
    folds.push({
      fold: k, rows: test,
      eta: sparsePredictions(fold, x, test, path.lambda.length, pick(fitOptions.offset, test)),
      coxDeviance: fitOptions.survival
        ? coxFoldDeviance(y, fitOptions, test, sparsePredictions(fold, x, allRows(x.n), path.lambda.length, fitOptions.offset))
        : undefined,
      warnings: fold.warnings.map((w) => `fold ${k}: ${w}`),
    });
  }
  return summarizeCv(path, y, options, foldid, nfolds, folds);
}

/** The rows i (in order) with keep(foldid[i]). */
function rowsWhere(foldid: Int32Array, keep: (f: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < foldid.length; i++) if (keep(foldid[i])) out.push(i);
  return Int32Array.from(out);
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
 * its last, as cv.glmnet pads), summed over each coefficient's column nonzeros.
 */
function sparsePredictions(path: Path, x: SparseMatrix, rows: Int32Array, count: number, offset?: ArrayLike<number>): Float64Array[] {
  const position = new Int32Array(x.n).fill(-1);
  rows.forEach((i, t) => (position[i] = t));
  return Array.from({ length: count }, (_, l) => {
    const k = Math.min(l, path.lambda.length - 1);
    const eta = new Float64Array(rows.length).fill(path.intercept[k]);
    if (offset) for (let t = 0; t < rows.length; t++) eta[t] += offset[t];
    const { index, value } = path.beta[k];
    for (let c = 0; c < index.length; c++) {
      const j = index[c];
      for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) {
        const at = position[x.rowIndex[t]];
        if (at >= 0) eta[at] += value[c] * x.values[t];
      }
    }
    return eta;
  });
}
