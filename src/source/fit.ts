/**
 * The gaussian path and its cross-validation from a source's statistics: the path from the moments of
 * all rows (fitPathFromMoments), each fold's path from the moments of the other rows (the total less the
 * fold's sums) on the full path's λs, and its held-out error from the fold's own moments, as cv.glmnet's
 * grouped mean squared error.
 */
import { chooseLambda, weightedMeanAndSe } from "../cv/choose.js";
import { inFold } from "../cv/folds.js";
import { OptionError } from "../errors.js";
import type { Measure } from "../model/family.js";
import { fitPathFromMoments, type Moments } from "../solve/moments.js";
import { coefficientsAt } from "../solve/predict.js";
import type { FitOptions, Path } from "../solve/types.js";
import type { SourceStats } from "./scan.js";
import { addSums, momentsFromSums } from "./sums.js";
import { checkArguments, optionsRule, stringValue, type Schema } from "../data/arguments.js";
import { FIT_OPTIONS_SCHEMA } from "../solve/arguments.js";
import { statsRule } from "./arguments.js";
import type { CvCurve } from "../cv/curve.js";

/** The moments of all the rows a scan read. */
export function sourceMoments(stats: SourceStats): Moments {
  checkArguments("sourceMoments", { stats }, { stats: statsRule });
  return momentsFromSums(stats.total, stats.shift, stats.names);
}

/** The gaussian elastic-net path of a source's rows. */
export function fitFromStats(stats: SourceStats, options: FitOptions = {}): Path {
  checkArguments("fitFromStats", { stats, options }, { stats: statsRule, options: optionsRule(FIT_OPTIONS_SCHEMA) });
  return fitPathFromMoments(sourceMoments(stats), options);
}

/**
 * Weighted mean squared error of rows with moments m at intercept b0 and coefficients β:
 * Σw(y − b0 − xβ)²/Σw = (ȳ − b0 − x̄ᵀβ)² + S_yy − 2βᵀS_xy + βᵀS_xxβ (S centred, per unit weight).
 */
export function meanSquaredError(m: Moments, b0: number, beta: Float64Array): number {
  const p = beta.length;
  let r = m.yMean - b0;
  let cross = 0;
  let quad = 0;
  for (let j = 0; j < p; j++) {
    if (beta[j] === 0) continue;
    r -= m.xMean[j] * beta[j];
    cross += beta[j] * m.xy[j];
    let row = 0;
    for (let k = 0; k < p; k++) if (beta[k] !== 0) row += m.xx[j * p + k] * beta[k];
    quad += beta[j] * row;
  }
  return r * r + m.yy - 2 * cross + quad;
}

/** Cross-validation of a source's path: what cvPath reports, with the folds' sizes instead of each row's fold. */
export interface SourceCv extends CvCurve<Path, Measure> {
  /** Rows in each fold 1..K. */
  readonly foldRows: readonly number[];
}

/** K-fold cross-validation from per-fold statistics (mean squared error, grouped by fold as cv.glmnet). */
export function cvFromStats(stats: SourceStats, options: FitOptions & { measure?: string } = {}): SourceCv {
  checkArguments("cvFromStats", { stats, options }, { stats: statsRule, options: optionsRule(SOURCE_CV_OPTIONS) });
  if (stats.folds === null) throw new OptionError("cross-validation needs the statistics grouped by fold (foldid or foldKey)", "foldid");
  const { measure, ...fitOptions } = options;
  if (measure !== undefined && measure !== "mse" && measure !== "deviance") {
    throw new OptionError(`--measure ${measure} needs each row's prediction; from a source's statistics only mse (or deviance, the same for gaussian) can be cross-validated`, "measure");
  }
  const path = fitFromStats(stats, fitOptions);
  const L = path.lambda.length;
  const K = stats.folds.size;
  const err = Array.from({ length: L }, () => new Float64Array(K));
  const gw = new Float64Array(K);
  const warnings: string[] = [];
  for (let k = 1; k <= K; k++) {
    const held = stats.folds.get(k)!;
    const train = momentsFromSums(addSums(stats.total, held, -1), stats.shift, stats.names);
    const foldPath: Path = inFold(k, held.n, () => fitPathFromMoments(train, { ...fitOptions, lambda: path.lambda }));
    warnings.push(...foldPath.warnings.map((w) => `fold ${k}: ${w}`));
    const test = momentsFromSums(held, stats.shift, stats.names);
    gw[k - 1] = held.weightSum;
    for (let l = 0; l < L; l++) {
      const at = Math.min(l, foldPath.lambda.length - 1);
      err[l][k - 1] = meanSquaredError(test, foldPath.intercept[at], coefficientsAt(foldPath, at));
    }
  }
  const cvm = new Float64Array(L);
  const cvsd = new Float64Array(L);
  for (let l = 0; l < L; l++) ({ mean: cvm[l], se: cvsd[l] } = weightedMeanAndSe(err[l], gw));
  const { indexMin, index1se } = chooseLambda(cvm, cvsd, false);
  return {
    path, measure: "mse", lambda: path.lambda, cvm, cvsd, nzero: path.df,
    lambdaMin: path.lambda[indexMin], lambda1se: path.lambda[index1se], indexMin, index1se,
    foldRows: Array.from({ length: K }, (_, k) => stats.folds!.get(k + 1)!.n), warnings,
  };
}

/** cvFromStats's options: fitPath's and the measure. */
const SOURCE_CV_OPTIONS: Schema<FitOptions & { measure?: string }> = { ...FIT_OPTIONS_SCHEMA, measure: stringValue };
