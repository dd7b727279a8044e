import { selectRows, type ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { familyOf } from "../model/families/index.js";
import type { Family, Measure } from "../model/family.js";
import { fitPath } from "../solve/path.js";
import type { FitOptions, Path } from "../solve/types.js";
import { resolveFolds } from "./folds.js";

/** What cv.ncvreg takes beyond the fit's options (cv.ts's CvOptions, which passes them here). */
export interface NcvCvOptions extends FitOptions {
  nfolds?: number;
  foldid?: ArrayLike<number>;
  seed?: number;
  measure?: Measure;
}

/** cv.ncvreg's result, in the shape of cv.ts's CvResult. */
export interface NcvCvResult {
  readonly path: Path;
  readonly measure: Measure;
  readonly lambda: Float64Array;
  readonly cvm: Float64Array;
  readonly cvsd: Float64Array;
  readonly cvup: Float64Array;
  readonly cvlo: Float64Array;
  readonly nzero: Int32Array;
  readonly lambdaMin: number;
  readonly lambda1se: number;
  readonly indexMin: number;
  readonly index1se: number;
  readonly foldid: Int32Array;
  readonly warnings: readonly string[];
}

/** cv.ncvreg's binomial clamp on held-out probabilities before the log. */
const PROB_MIN = 1e-5;

/** cv.ncvreg's loss of one held-out row: the unit deviance at the predicted mean (probabilities clamped). */
export function ncvRowLoss(family: Family, y: number, eta: number): number {
  let mu = family.response(eta);
  if (family.link === "logit") mu = Math.min(Math.max(mu, PROB_MIN), 1 - PROB_MIN);
  return family.unitDeviance(y, mu);
}

/** Each held-out row's loss at each λ the fold's fit reached (NaN beyond: a saturated fold path). */
function foldLosses(path: Path, fold: Path, x: ModelMatrix, y: ArrayLike<number>, test: readonly number[], e: Float64Array[]): void {
  const family = familyOf(path.family);
  for (let l = 0; l < fold.lambda.length; l++) {
    const { index, value } = fold.beta[l];
    for (const i of test) {
      let eta = fold.intercept[l];
      for (let k = 0; k < index.length; k++) eta += value[k] * x.data[index[k] * x.n + i];
      e[l][i] = ncvRowLoss(family, y[i], eta);
    }
  }
}

/**
 * cv.ncvreg: each fold refitted on the full path's λs (its own standardization), every row's loss
 * kept; cvm is the mean over rows, cvsd their sd/√n; λs where some row has no finite loss are left
 * out; λ_min is the first λ of smallest cvm (λ_1se, which cv.ncvreg does not report, by cv.glmnet's rule).
 */
export function cvNcv(x: ModelMatrix, y: ArrayLike<number>, options: NcvCvOptions): NcvCvResult {
  const { nfolds: _n, foldid: _f, seed: _s, measure, ...rest } = options;
  // cv.glmnet's own options (keep, the relaxed blends, foldLambda) have no meaning here.
  const { keep: _k, gamma: _g, foldLambda: _l, ...fitOptions } = rest as FitOptions & Record<string, unknown>;
  if (measure !== undefined && measure !== "deviance" && measure !== "mse") {
    throw new OptionError(`cross-validation of ${options.penalty} measures the deviance, as cv.ncvreg does; measure ${measure} is not available`, "measure");
  }
  const path = fitPath(x, y, fitOptions);
  const folds = resolveFolds(x.n, options);
  const n = x.n, L = path.lambda.length;
  const e = Array.from({ length: L }, () => new Float64Array(n).fill(NaN));
  const warnings = [...path.warnings];
  for (let k = 1; k <= folds.nfolds; k++) {
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < n; i++) (folds.foldid[i] === k ? test : train).push(i);
    const fold = fitPath(selectRows(x, train), train.map((i) => y[i]), { ...fitOptions, lambda: path.lambda });
    if (fold.lambda.length < L) warnings.push(`fold ${k} stopped after ${fold.lambda.length} of ${L} λs (${fold.warnings.join("; ")})`);
    foldLosses(path, fold, x, y, test, e);
  }
  const keep = e.map((row, l) => l).filter((l) => e[l].every(Number.isFinite));
  if (keep.length === 0) throw new OptionError("no λ has a finite held-out loss in every fold", "nfolds");
  const cvm = Float64Array.from(keep, (l) => e[l].reduce((a, b) => a + b, 0) / n);
  const cvsd = Float64Array.from(keep, (l, k) => Math.sqrt(e[l].reduce((a, b) => a + (b - cvm[k]) ** 2, 0) / (n - 1) / n));
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
    foldid: folds.foldid, warnings,
  };
}
