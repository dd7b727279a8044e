import type { MultiFamily, MultiMeasure } from "../multi-family.js";

/**
 * glmnet's mgaussian family: K numeric responses, each η_k = β0_k + xᵀβ_k, the datafit
 * (1/2n)·Σ_i w_i ‖y_i − η_i‖², one group penalty per variable over its K coefficients.
 */
export const mgaussian: MultiFamily = {
  name: "mgaussian",
  outcome: "numeric",
  measures: ["mse", "mae"],
  defaultMeasure: "mse",
  devianceName: "variance",
  pointError(measure: MultiMeasure, y: ArrayLike<number>, eta: ArrayLike<number>): number {
    let e = 0;
    for (let k = 0; k < y.length; k++) e += measure === "mae" ? Math.abs(y[k] - eta[k]) : (y[k] - eta[k]) ** 2;
    return e;
  },
  response(eta: ArrayLike<number>, out: Float64Array): void {
    for (let k = 0; k < eta.length; k++) out[k] = eta[k];
  },
};
