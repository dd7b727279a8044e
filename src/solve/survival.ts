import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { breslowCumulativeHazard, riskSets, stratumIndex, type Survival } from "../model/partial-likelihood.js";
import { familyOf } from "../model/families/index.js";
import { predict } from "./predict.js";
import type { Path } from "./types.js";
import { checkArguments, fieldsRule, numericArrayRule, nonNegativeNumber, finiteNumber, optional, countRule, objectRule } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { pathRule } from "./arguments.js";

/**
 * Survival curves from a Cox path at a λ, as glmnet's survfit.coxnet gives them: Breslow's baseline
 * cumulative hazard H₀ from the fitted data, per stratum, and a subject's curve S(t | η) = exp(−H₀(t)·e^η).
 */

/** Breslow's baseline: per stratum, the event times and H₀ just after each. */
export interface BaselineHazard {
  readonly lambda: number;
  /** The strata's values (as given in survival.strata), one curve each; [0] without strata. */
  readonly strata: readonly number[];
  readonly time: readonly Float64Array[];
  readonly cumulativeHazard: readonly Float64Array[];
}

/** The data a Cox path was fitted on: its rows' times, survival outcome, weights and offset. */
export interface CoxFitData {
  readonly time: ArrayLike<number>;
  readonly survival: Survival;
  readonly weights?: ArrayLike<number>;
  readonly offset?: ArrayLike<number>;
}

/** H₀ of the fit at λ (interpolated as coef is), from the data it was fitted on. */
export function baselineHazard(path: Path, x: ModelMatrix, data: CoxFitData, lambda: number): BaselineHazard {
  checkArguments("baselineHazard", { path, x, data, lambda }, { path: pathRule, x: matrixRule, data: fieldsRule("the data { time, survival, weights?, offset? } the path was fitted to", { time: numericArrayRule, survival: objectRule("the survival columns { status, start?, strata? }"), weights: optional(numericArrayRule), offset: optional(numericArrayRule) }), lambda: nonNegativeNumber });
  if (familyOf(path.family).solver !== "partial-likelihood") throw new OptionError(`survival curves need a Cox fit, not ${path.family}`, "family");
  const eta = predict(path, x, lambda, { type: "link", offset: data.offset });
  const w = data.weights ?? new Float64Array(x.n).fill(1);
  const rs = riskSets(data.time, data.survival, w);
  const h = breslowCumulativeHazard(rs, eta);
  const { index, count } = stratumIndex(x.n, data.survival.strata);
  const labels = new Array<number>(count);
  for (let i = x.n - 1; i >= 0; i--) labels[index[i]] = data.survival.strata ? data.survival.strata[i] : 0;
  const time = Array.from({ length: count }, (_, s) => rs.times.slice(rs.offsets[s], rs.offsets[s + 1]));
  const cumulativeHazard = Array.from({ length: count }, (_, s) => h.slice(rs.offsets[s], rs.offsets[s + 1]));
  return { lambda, strata: labels, time, cumulativeHazard };
}

/** A subject's survival curve S(t) = exp(−H₀(t)·e^η) at the baseline's event times, in the given stratum. */
export function survivalCurve(base: BaselineHazard, eta: number, stratum?: number): { time: Float64Array; survival: Float64Array } {
  checkArguments("survivalCurve", { base, eta, stratum }, { base: objectRule("a baseline hazard, from baselineHazard(path, x, data, lambda)"), eta: finiteNumber, stratum: optional(countRule) });
  const s = stratum === undefined ? 0 : base.strata.indexOf(stratum);
  if (s < 0) throw new OptionError(`stratum ${stratum} is not one of the fit's (${base.strata.join(", ")})`, "strata");
  const risk = Math.exp(eta);
  return { time: base.time[s], survival: base.cumulativeHazard[s].map((h) => Math.exp(-h * risk)) };
}
