import { solveSpdDropping } from "../linalg/spd.js";
import type { Family } from "../model/family.js";

/**
 * The model ncvreg's setup_lambda fits before the path, R's glm(y ~ X̃_U) on the unpenalized columns U
 * (penalty factor 0; intercept only when there are none), and the pulls λ_max is read from:
 * gaussian, its residuals; GLMs, its working residuals times its working weights, (y − μ)/V(μ)·V(μ_prev),
 * where glm.fit's weights are those of its last iteration's start (μ_prev), not of its final μ: a factor
 * 1 + O(1e-7) on λ_max that λ matches to 1e-8 with.
 */
export interface NullDesign {
  readonly n: number;
  /** x̃, column-major: column j at [j·n, (j+1)·n). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The unpenalized columns U. */
  readonly unpenalized: readonly number[];
}

/**
 * Weighted least squares of z on [1, X̃_U] with weights w: the fitted values (normal equations, Cholesky;
 * a column collinear with those before it is dropped, as R's glm leaves an aliased column out).
 */
function weightedFit(d: NullDesign, w: Float64Array, z: Float64Array): Float64Array {
  const { n, x, unpenalized } = d;
  const k = unpenalized.length + 1;
  const col = (c: number, i: number) => (c === 0 ? 1 : x[unpenalized[c - 1] * n + i]);
  const G = new Float64Array(k * k), b = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    for (let i = 0; i < n; i++) b[r] += w[i] * col(r, i) * z[i];
    for (let c = 0; c <= r; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * col(r, i) * col(c, i);
      G[r * k + c] = G[c * k + r] = s;
    }
  }
  const coef = solveSpdDropping(G, b);
  return Float64Array.from({ length: n }, (_, i) => {
    let f = 0;
    for (let c = 0; c < k; c++) f += coef[c] * col(c, i);
    return f;
  });
}

/** Σ_i d(y_i, μ(η_i)). */
function deviance(family: Family, y: Float64Array, eta: Float64Array): number {
  let dv = 0;
  for (let i = 0; i < y.length; i++) dv += family.unitDeviance(y[i], family.mean(eta[i]));
  return dv;
}

/** The null model's pulls' vector s (x̃_jᵀs/n is j's pull): see NullDesign. */
export function ncvNullScore(d: NullDesign, family: Family): Float64Array {
  const { n, y } = d;
  const ones = new Float64Array(n).fill(1);
  if (family.link === "identity") {
    const fitted = weightedFit(d, ones, y);
    return Float64Array.from(y, (v, i) => v - fitted[i]);
  }
  // R's initialize: binomial μ = (y + 0.5)/2, poisson μ = y + 0.1; η = g(μ).
  const link = (m: number) => (family.link === "logit" ? Math.log(m / (1 - m)) : Math.log(m));
  let eta: Float64Array = Float64Array.from(y, (v) => link(family.link === "logit" ? (v + 0.5) / 2 : v + 0.1));
  let devold = deviance(family, y, eta);
  const w2 = new Float64Array(n), z = new Float64Array(n);
  for (let iter = 0; iter < 25; iter++) {
    // One IRLS step: z = η + (y − μ)/V(μ), weights V(μ) (canonical link).
    for (let i = 0; i < n; i++) {
      const mu = family.mean(eta[i]);
      w2[i] = family.variance(mu);
      z[i] = eta[i] + (y[i] - mu) / w2[i];
    }
    eta = weightedFit(d, w2, z);
    const dev = deviance(family, y, eta);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8) break;
    devold = dev;
  }
  return Float64Array.from(y, (yi, i) => {
    const mu = family.mean(eta[i]);
    return ((yi - mu) / family.variance(mu)) * w2[i];
  });
}
