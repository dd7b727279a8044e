import type { ModelMatrix } from "../../src/data/matrix.js";
import type { FamilyName } from "../../src/model/family.js";

/** 1/n standard deviation of a column under weights summing to 1 (about the mean). */
function sd(v: ArrayLike<number>, w: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += w[i] * v[i];
  let s = 0;
  for (let i = 0; i < v.length; i++) s += w[i] * (v[i] - m) ** 2;
  return Math.sqrt(s);
}

/**
 * glmnet's penalized objective, computed from the data (independently of the solver):
 *   gaussian: (1/2)Σ w̄(y − β0 − xβ)² + λ Σ v_j [α|β̃_j| + (1−α)/(2 s_y) β̃_j²]
 *   GLMs:     −Σ w̄·loglik_i + λ Σ v_j [α|β̃_j| + (1−α)/2 β̃_j²]
 * with w̄ the weights scaled to sum to 1, β̃_j = β_j·sd(x_j) when standardizing, v normalised to sum to p
 * over all features, and s_y the 1/n sd of y (about 0 without an intercept).
 */
export function objective(
  x: ModelMatrix, y: ArrayLike<number>, family: FamilyName,
  opts: { alpha: number; lambda: number; standardize: boolean; intercept: boolean; penaltyFactor?: ArrayLike<number>; weights?: ArrayLike<number>; offset?: ArrayLike<number> },
  a0: number, beta: ArrayLike<number>,
): number {
  const { n, p } = x;
  const w0 = opts.weights ? Float64Array.from(opts.weights) : new Float64Array(n).fill(1);
  const sw = w0.reduce((a, b) => a + b, 0);
  const w = w0.map((v) => v / sw);
  const eta = new Float64Array(n).fill(a0);
  if (opts.offset) for (let i = 0; i < n; i++) eta[i] += opts.offset[i];
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) eta[i] += beta[j] * x.data[j * n + i];
  let fit = 0;
  for (let i = 0; i < n; i++) {
    if (family === "gaussian") fit += 0.5 * w[i] * (y[i] - eta[i]) ** 2;
    else if (family === "binomial") fit -= w[i] * (y[i] * eta[i] - Math.log1p(Math.exp(eta[i])) );
    else fit -= w[i] * (y[i] * eta[i] - Math.exp(eta[i]));
  }
  const vp0 = opts.penaltyFactor ? Float64Array.from(opts.penaltyFactor) : new Float64Array(p).fill(1);
  const vsum = vp0.reduce((a, b) => a + b, 0);
  const vp = vp0.map((v) => (v * p) / vsum);
  let sy = 1;
  if (family === "gaussian") {
    const yo = opts.offset ? Array.from(y, (v, i) => v - opts.offset![i]) : y;
    if (opts.intercept) sy = sd(yo, w);
    else { let s = 0; for (let i = 0; i < n; i++) s += w[i] * yo[i] ** 2; sy = Math.sqrt(s); }
  }
  let pen = 0;
  for (let j = 0; j < p; j++) {
    const col = x.data.subarray(j * n, (j + 1) * n);
    const s = opts.standardize ? sd(col, w) : 1;
    const b = beta[j] * s;
    pen += vp[j] * (opts.alpha * Math.abs(b) + ((1 - opts.alpha) / (2 * sy)) * b * b);
  }
  return fit + opts.lambda * pen;
}
