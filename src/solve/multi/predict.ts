import type { ModelMatrix } from "../../data/matrix.js";
import { OptionError } from "../../errors.js";
import { multiFamilyOf } from "../../model/families/multi.js";
import { argmax } from "../../model/families/multinomial.js";
import { lambdaInterpolation } from "../lambda-interpolation.js";
import type { PredictType } from "../types.js";
import type { MultiPath } from "./types.js";
import { checkArguments, nonNegativeNumber, choiceRule } from "../../data/arguments.js";
import { newRowsRule } from "../../data/matrix-rule.js";
import { multiPathRule } from "../arguments.js";

/** Intercepts [k] and coefficients [k][j] at any λ, interpolated linearly between fitted λs (glmnet's coef). */
export function coefMulti(path: MultiPath, lambda: number): { intercept: Float64Array; beta: Float64Array[] } {
  checkArguments("coefMulti", { path, lambda }, { path: multiPathRule, lambda: nonNegativeNumber });
  const { left, right, weight } = lambdaInterpolation(path.lambda, lambda);
  const p = path.features.length, K = path.classes.length;
  const mix = (a: Float64Array, b: Float64Array) => a.map((v, i) => weight * v + (1 - weight) * b[i]);
  const a0 = left === right ? path.intercept[left].slice() : mix(path.intercept[left], path.intercept[right]);
  const all = left === right ? path.beta[left].slice() : mix(path.beta[left], path.beta[right]);
  return { intercept: a0, beta: Array.from({ length: K }, (_, k) => all.slice(k * p, (k + 1) * p)) };
}

/** η[i][k] = β0_k + x_iᵀβ_k for every row of x at λ. */
function linkAt(path: MultiPath, x: ModelMatrix, lambda: number): Float64Array[] {
  if (x.p !== path.features.length) throw new OptionError(`x has ${x.p} columns but the path has ${path.features.length} features`, "x");
  const { intercept, beta } = coefMulti(path, lambda);
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
 * "class" (multinomial) the index into path.classes of the most probable class.
 */
export function predictMulti(path: MultiPath, x: ModelMatrix, lambda: number, type: PredictType = "link"): Float64Array[] | Int32Array {
  checkArguments("predictMulti", { path, x, lambda, type }, { path: multiPathRule, x: newRowsRule, lambda: nonNegativeNumber, type: choiceRule(() => ["link", "response", "class"]) });
  const eta = linkAt(path, x, lambda);
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
