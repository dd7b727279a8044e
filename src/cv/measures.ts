import { OptionError } from "../errors.js";
import type { Family, FamilyName, Measure } from "../model/family.js";
import { familiesWithMeasure, familyOf, FAMILIES } from "../model/families/index.js";
import { checkArguments, eitherRule, choiceRule, fieldsRule, stringValue } from "../data/arguments.js";

export type { Measure };
/** The cross-validation error measures (cv.glmnet's type.measure; C: Harrell's concordance, Cox). */
export const MEASURES: readonly Measure[] = ["mse", "mae", "deviance", "class", "auc", "C"];

/** cv.glmnet's default measure for the family: deviance for GLMs, mean squared error for gaussian. */
export function defaultMeasure(family: FamilyName | Family): Measure {
  checkArguments("defaultMeasure", { family }, { family: eitherRule(`a family name (${FAMILIES.join(", ")}) or a family`, choiceRule(() => FAMILIES), fieldsRule("a family", { defaultMeasure: stringValue })) });
  return asFamily(family).defaultMeasure;
}

/** The measure, checked: one of cv.glmnet's, and one the family offers. */
export function checkMeasure(measure: string, family: FamilyName | Family): Measure {
  if (!MEASURES.includes(measure as Measure)) {
    throw new OptionError(`measure must be one of ${MEASURES.join(", ")}, got "${measure}"`, "measure");
  }
  const fam = asFamily(family);
  if (!(fam.measures as readonly string[]).includes(measure)) {
    const owners = familiesWithMeasure(measure).map((f) => f.name).join(" and ");
    throw new OptionError(`measure "${measure}" is for ${owners} models, not ${fam.name}`, "measure");
  }
  return measure as Measure;
}

/**
 * The error of one held-out observation with outcome y and linear predictor eta, as cv.glmnet's
 * cv.elnet, cv.lognet and cv.fishnet compute it (AUC is per fold, see `weightedAuc`).
 */
export function pointError(measure: Measure, family: FamilyName | Family, y: number, eta: number): number {
  return asFamily(family).pointError(measure, y, eta);
}

function asFamily(family: FamilyName | Family): Family {
  return typeof family === "string" ? familyOf(family) : family;
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
