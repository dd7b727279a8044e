import type { MultiFamily, MultiMeasure } from "../multi-family.js";

/** cv.multnet's bounds on a predicted probability before its log is taken (deviance). */
const PROB_MIN = 1e-5;

/** p_k = exp(η_k)/Σ_l exp(η_l), computed from the largest η so that no exp overflows. */
export function softmax(eta: ArrayLike<number>, out: Float64Array): void {
  let m = -Infinity;
  for (let k = 0; k < eta.length; k++) m = Math.max(m, eta[k]);
  let s = 0;
  for (let k = 0; k < eta.length; k++) s += (out[k] = Math.exp(eta[k] - m));
  for (let k = 0; k < eta.length; k++) out[k] /= s;
}

/** The class of the largest linear predictor, the first on a tie (glmnet_softmax). */
export function argmax(eta: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < eta.length; k++) if (eta[k] > eta[best]) best = k;
  return best;
}

/**
 * glmnet's multinomial family in its symmetric parametrisation: Pr(class k | x) = exp(η_k)/Σ_l exp(η_l),
 * η_k = β0_k + xᵀβ_k for every class (no reference class), the datafit −(1/n)·Σ_i w_i log p_{i,y_i}.
 */
export const multinomial: MultiFamily = {
  name: "multinomial",
  outcome: "classes",
  measures: ["deviance", "class", "mse", "mae"],
  defaultMeasure: "deviance",
  devianceName: "deviance",
  pointError(measure: MultiMeasure, y: ArrayLike<number>, eta: ArrayLike<number>, scratch?: Float64Array): number {
    const K = y.length;
    const p = scratch ?? new Float64Array(K);
    softmax(eta, p);
    let e = 0;
    if (measure === "class") return 1 - y[argmax(p)];
    for (let k = 0; k < K; k++) {
      if (measure === "mse") e += (y[k] - p[k]) ** 2;
      else if (measure === "mae") e += Math.abs(y[k] - p[k]);
      else if (y[k] > 0) e += 2 * y[k] * (Math.log(y[k]) - Math.log(Math.min(Math.max(p[k], PROB_MIN), 1 - PROB_MIN)));
    }
    return e;
  },
  response: softmax,
};
