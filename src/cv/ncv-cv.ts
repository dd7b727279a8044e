import { selectRows, type ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { familyOf } from "../model/families/index.js";
import type { Family, Measure } from "../model/family.js";
import { fitPath } from "../solve/path.js";
import type { FitOptions, Path } from "../solve/types.js";
import { weightedMeanAndSe } from "./choose.js";
import { resolveFolds } from "./folds.js";
import type { CvCurve } from "./curve.js";

/** What cv.ncvreg takes beyond the fit's options (cv.ts's CvOptions, which passes them here). */
export interface NcvCvOptions extends FitOptions {
  nfolds?: number;
  foldid?: ArrayLike<number>;
  seed?: number;
  measure?: Measure;
}

/** cv.ncvreg's result, in the shape of cv.ts's CvResult. */
export interface NcvCvResult extends CvCurve<Path, Measure> {
  readonly cvup: Float64Array;
  readonly cvlo: Float64Array;
  readonly foldid: Int32Array;
}

/** cv.ncvreg's binomial clamp on held-out probabilities before the log. */
const PROB_MIN = 1e-5;

/** cv.ncvreg's loss of one held-out row: the unit deviance at the predicted mean (probabilities clamped). */
export function ncvRowLoss(family: Family, y: number, eta: number): number {
  let mu = family.response(eta);
  if (family.link === "logit") mu = Math.min(Math.max(mu, PROB_MIN), 1 - PROB_MIN);
  return family.unitDeviance(y, mu);
}

/** One fold of cv.ncvreg: its held-out rows and their losses at each λ its fit reached. */
export interface NcvFoldLoss {
  readonly fold: number;
  readonly rows: Int32Array;
  /** loss[l·rows.length + r]: row rows[r]'s loss at λ l, for l below `fitted`. */
  readonly loss: Float64Array;
  readonly fitted: number;
  /** Why the fold's path stopped short of the full path's λs, when it did. */
  readonly warning: string | null;
}

/** What every fold of one cv.ncvreg shares: the data, the fit's options and the full path's λs. */
export interface NcvFoldTask {
  readonly x: ModelMatrix;
  readonly y: ArrayLike<number>;
  readonly options: FitOptions;
  readonly lambda: Float64Array;
  readonly foldid: Int32Array;
}

/** Fold k refitted on the full path's λs (its own standardization), each held-out row's loss kept. */
export function ncvFold(task: NcvFoldTask, k: number): NcvFoldLoss {
  const { x, y, foldid, lambda } = task;
  const train: number[] = [], test: number[] = [];
  for (let i = 0; i < x.n; i++) (foldid[i] === k ? test : train).push(i);
  const fold = fitPath(selectRows(x, train), train.map((i) => y[i]), { ...task.options, lambda });
  const family = familyOf(fold.family);
  const m = test.length, L = fold.lambda.length;
  const loss = new Float64Array(L * m);
  for (let l = 0; l < L; l++) {
    const { index, value } = fold.beta[l];
    test.forEach((i, r) => {
      let eta = fold.intercept[l];
      for (let c = 0; c < index.length; c++) eta += value[c] * x.data[index[c] * x.n + i];
      loss[l * m + r] = ncvRowLoss(family, y[i], eta);
    });
  }
  const warning = L < lambda.length ? `fold ${k} stopped after ${L} of ${lambda.length} λs (${fold.warnings.join("; ")})` : null;
  return { fold: k, rows: Int32Array.from(test), loss, fitted: L, warning };
}

/** cv.ncvreg's options checked and split: the fit's options, the folds, and the measure (deviance). */
export function planNcv(x: ModelMatrix, options: NcvCvOptions): { fitOptions: FitOptions; foldid: Int32Array; nfolds: number } {
  const { nfolds: _n, foldid: _f, seed: _s, measure, ...rest } = options;
  // cv.glmnet's own options (keep, the relaxed blends, the folds' λs) have no meaning here; "own" λs are refused, not ignored.
  const { keep: _k, gamma: _g, foldLambda, ...fitOptions } = rest as FitOptions & Record<string, unknown>;
  if (foldLambda === "own") {
    throw new OptionError(`foldLambda "own" is not offered for ${options.penalty}: cv.ncvreg fits every fold on the full path's λs`, "foldLambda");
  }
  if (measure !== undefined && measure !== "deviance" && measure !== "mse") {
    throw new OptionError(`cross-validation of ${options.penalty} measures the deviance, as cv.ncvreg does; measure ${measure} is not available`, "measure");
  }
  const folds = resolveFolds(x.n, options);
  return { fitOptions, foldid: folds.foldid, nfolds: folds.nfolds };
}

/**
 * cv.ncvreg: each fold refitted on the full path's λs (its own standardization), every row's loss
 * kept; cvm is the mean over rows, cvsd their sd/√n; λs where some row has no finite loss are left
 * out; λ_min is the first λ of smallest cvm (λ_1se, which cv.ncvreg does not report, by cv.glmnet's rule).
 */
export function cvNcv(x: ModelMatrix, y: ArrayLike<number>, options: NcvCvOptions): NcvCvResult {
  const { fitOptions, foldid, nfolds } = planNcv(x, options);
  const path = fitPath(x, y, fitOptions);
  const task: NcvFoldTask = { x, y, options: fitOptions, lambda: path.lambda, foldid };
  const folds = Array.from({ length: nfolds }, (_, k) => ncvFold(task, k + 1));
  return summarizeNcv(path, foldid, folds);
}

/** cv.ncvreg's summary of its folds' losses (in fold order, whichever thread fitted them): see cvNcv. */
export function summarizeNcv(path: Path, foldid: Int32Array, folds: readonly NcvFoldLoss[]): NcvCvResult {
  const n = foldid.length, L = path.lambda.length;
  const e = Array.from({ length: L }, () => new Float64Array(n).fill(NaN));
  const warnings = [...path.warnings];
  for (const f of [...folds].sort((a, b) => a.fold - b.fold)) {
    if (f.warning !== null) warnings.push(f.warning);
    const m = f.rows.length;
    for (let l = 0; l < f.fitted; l++) for (let r = 0; r < m; r++) e[l][f.rows[r]] = f.loss[l * m + r];
  }
  const keep = e.map((row, l) => l).filter((l) => e[l].every(Number.isFinite));
  if (keep.length === 0) throw new OptionError("no λ has a finite held-out loss in every fold", "nfolds");
  // Every row weighs 1: the mean over rows and sd/√n (the squares scaled when huge losses would overflow them).
  const ones = new Float64Array(n).fill(1);
  const stats = keep.map((l) => weightedMeanAndSe(e[l], ones));
  const cvm = Float64Array.from(stats, (s) => s.mean);
  const cvsd = Float64Array.from(stats, (s) => s.se);
  let indexMin = 0;
  for (let k = 1; k < cvm.length; k++) if (cvm[k] < cvm[indexMin]) indexMin = k;
  // λ_1se as cv.glmnet: the largest λ within one cvsd of the minimum.
  const index1se = cvm.findIndex((m) => m <= cvm[indexMin] + cvsd[indexMin]);
  const lambda = Float64Array.from(keep, (l) => path.lambda[l]);
  return {
    path, measure: "deviance", lambda, cvm, cvsd,
    cvup: cvm.map((m, k) => m + cvsd[k]), cvlo: cvm.map((m, k) => m - cvsd[k]),
    nzero: Int32Array.from(keep, (l) => path.df[l]),
    lambdaMin: lambda[indexMin], lambda1se: lambda[index1se], indexMin, index1se,
    foldid, warnings,
  };
}
