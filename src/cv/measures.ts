import { OptionError } from "../errors.js";
import type { Family } from "../model/family.js";

export type Measure = "mse" | "mae" | "deviance" | "class" | "auc";
export const MEASURES: readonly Measure[] = ["mse", "mae", "deviance", "class", "auc"];

/** cv.glmnet's default measure: deviance for GLMs, mean squared error for gaussian. */
export function defaultMeasure(family: Family): Measure {
  return family === "gaussian" ? "mse" : "deviance";
}

export function checkMeasure(measure: string, family: Family): Measure {
  if (!MEASURES.includes(measure as Measure)) {
    throw new OptionError(`measure must be one of ${MEASURES.join(", ")}, got "${measure}"`, "measure");
  }
  if ((measure === "class" || measure === "auc") && family !== "binomial") {
    throw new OptionError(`measure "${measure}" is for binomial models, not ${family}`, "measure");
  }
  return measure as Measure;
}

/** cv.lognet clamps held-out probabilities to [1e-5, 1 − 1e-5] before taking logs. */
const PROB_MIN = 1e-5;

/**
 * The error of one held-out observation with outcome y and linear predictor eta, as cv.glmnet's
 * cv.elnet, cv.lognet and cv.fishnet compute it (AUC is per fold, see `weightedAuc`).
 */
export function pointError(measure: Measure, family: Family, y: number, eta: number): number {
  if (family === "gaussian") return measure === "mae" ? Math.abs(y - eta) : (y - eta) ** 2;
  if (family === "poisson") {
    const mu = Math.exp(eta);
    if (measure === "mse") return (y - mu) ** 2;
    if (measure === "mae") return Math.abs(y - mu);
    const devy = y === 0 ? 0 : y * Math.log(y) - y;
    return 2 * (devy - (y * eta - mu));
  }
  const p = 1 / (1 + Math.exp(-eta));
  switch (measure) {
    case "mse":
      return 2 * (y - p) ** 2;
    case "mae":
      return 2 * Math.abs(y - p);
    case "class":
      // cv.lognet counts a probability of exactly 0.5 as wrong for either class.
      return y === 1 ? (p <= 0.5 ? 1 : 0) : p >= 0.5 ? 1 : 0;
    default: {
      const q = Math.min(Math.max(p, PROB_MIN), 1 - PROB_MIN);
      return -2 * (y === 1 ? Math.log(q) : Math.log(1 - q));
    }
  }
}

/**
 * Weighted area under the ROC curve: the weighted share of (positive, negative) pairs ranked in the
 * right order by the score, ties counting one half (Mann–Whitney).
 */
export function weightedAuc(y: ArrayLike<number>, score: ArrayLike<number>, w: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let negBelow = 0, pairs = 0, wPos = 0, wNeg = 0;
  for (let s = 0; s < idx.length; ) {
    let e = s;
    let tiePos = 0, tieNeg = 0;
    while (e < idx.length && score[idx[e]] === score[idx[s]]) {
      const i = idx[e];
      if (y[i] === 1) tiePos += w[i];
      else tieNeg += w[i];
      e++;
    }
    pairs += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    wPos += tiePos;
    wNeg += tieNeg;
    s = e;
  }
  return wPos > 0 && wNeg > 0 ? pairs / (wPos * wNeg) : NaN;
}
