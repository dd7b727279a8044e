import type { ModelMatrix } from "../../data/matrix.js";
import { OptionError } from "../../errors.js";
import { multiFamilyOf } from "../../model/families/multi.js";
import { argmax } from "../../model/families/multinomial.js";
import { lambdaInterpolation } from "../lambda-interpolation.js";
import type { PredictType } from "../types.js";
import type { MultiPath } from "./types.js";
import { checkArguments, nonNegativeNumber, choiceRule, numberRule } from "../../data/arguments.js";
import { newRowsRule } from "../../data/matrix-rule.js";
import { multiPathRule } from "../arguments.js";

/**
 * Intercepts [k] and coefficients [k][j] at any λ, interpolated linearly between fitted λs (glmnet's coef);
 * with a relaxed fit, `gamma` blends the penalized (1, the default) and relaxed (0) fits, γ·β + (1 − γ)·β_relaxed
 * (γ = 0 the relaxed fit itself; glmnet's coef and predict take max(γ, 1e-5)).
 */
export function coefMulti(path: MultiPath, lambda: number, gamma = 1): { intercept: Float64Array; beta: Float64Array[] } {
  checkArguments("coefMulti", { path, lambda, gamma }, { path: multiPathRule, lambda: nonNegativeNumber, gamma: numberRule({ min: 0, max: 1 }) });
  if (gamma !== 1 && !path.relaxed) throw new OptionError("gamma needs a relaxed fit: fit with relax: true", "gamma");
  const { left, right, weight } = lambdaInterpolation(path.lambda, lambda);
  const p = path.features.length, K = path.classes.length;
  const mix = (a: Float64Array, b: Float64Array, t: number) => a.map((v, i) => t * v + (1 - t) * b[i]);
  const r = path.relaxed;
  const a0At = (l: number) => (gamma === 1 || !r ? path.intercept[l] : mix(path.intercept[l], r.intercept[l], gamma));
  const betaAt = (l: number) => (gamma === 1 || !r ? path.beta[l] : mix(path.beta[l], r.beta[l], gamma));
  const a0 = left === right ? a0At(left).slice() : mix(a0At(left), a0At(right), weight);
  const all = left === right ? betaAt(left).slice() : mix(betaAt(left), betaAt(right), weight);
  return { intercept: a0, beta: Array.from({ length: K }, (_, k) => all.slice(k * p, (k + 1) * p)) };
}

/** η[i][k] = β0_k + x_iᵀβ_k for every row of x at λ. */
function linkAt(path: MultiPath, x: ModelMatrix, lambda: number, gamma: number): Float64Array[] {
  if (x.p !== path.features.length) throw new OptionError(`x has ${x.p} columns but the path has ${path.features.length} features`, "x");
  const { intercept, beta } = coefMulti(path, lambda, gamma);
  const K = path.classes.length, n = x.n;
  const eta = Array.from({ length: n }, () => Float64Array.from(intercept));
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < x.p; j++) {
      const b = beta[k][j];
      if (b === 0) continue;
      const o = j * n;
      for (let i = 0; i < n; i++) eta[i][k] += b * x.data[o + i];
    }
  }
  return eta;
}

/**
 * Predictions of a multi-response path at λ for the rows of x, one array per row: "link" the K linear
 * predictors, "response" the K class probabilities (multinomial) or fitted responses (mgaussian),
 * "class" (multinomial) the index into path.classes of the most probable class; `gamma` as coefMulti's.
 */
export function predictMulti(path: MultiPath, x: ModelMatrix, lambda: number, type: PredictType = "link", gamma = 1): Float64Array[] | Int32Array {
  checkArguments("predictMulti", { path, x, lambda, type }, { path: multiPathRule, x: newRowsRule, lambda: nonNegativeNumber, type: choiceRule(() => ["link", "response", "class"]) });
  const eta = linkAt(path, x, lambda, gamma);
  if (type === "link") return eta;
  const family = multiFamilyOf(path.family);
  if (type === "class") {
    if (family.outcome !== "classes") throw new OptionError(`type "class" is for multinomial fits, not ${path.family}`, "type");
    return Int32Array.from(eta, argmax);
  }
  if (type !== "response") throw new OptionError(`type must be link, response or class, got "${String(type)}"`, "type");
  return eta.map((e) => {
    const out = new Float64Array(e.length);
    family.response(e, out);
    return out;
  });
}
