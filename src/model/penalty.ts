/**
 * The elastic-net penalty  λ·Σ_j v_j [α|β_j| + (1−α)/2·β_j²]  with box constraints lo_j ≤ β_j ≤ hi_j.
 * What a solver needs from it: the value, and the exact one-coordinate minimiser (the prox).
 */

/** S(z, γ) = sign(z)(|z| − γ)₊, the soft-threshold operator. */
export function softThreshold(z: number, gamma: number): number {
  if (z > gamma) return z - gamma;
  if (z < -gamma) return z + gamma;
  return 0;
}

/**
 * Minimiser over b of  ½·xv·b² − u·b + v·(l1·|b| + l2/2·b²)  on [lo, hi]:
 * b = clamp(S(u, v·l1) / (xv + v·l2), lo, hi)  (Friedman, Hastie & Tibshirani 2010, eq. 5).
 * u is the pull on the coordinate with its own contribution added back: u = gradient + xv·b_old.
 */
export function coordinateMinimizer(u: number, xv: number, v: number, l1: number, l2: number, lo: number, hi: number): number {
  const s = Math.abs(u) - v * l1;
  if (s <= 0) return 0;
  const b = (u > 0 ? s : -s) / (xv + v * l2);
  return b < lo ? lo : b > hi ? hi : b;
}

/** Σ_j v_j [α|β_j| + (1−α)/2·β_j²] on the given scale (multiply by λ for the penalty term). */
export function elasticNetPenalty(beta: ArrayLike<number>, alpha: number, penaltyFactor: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < beta.length; j++) {
    const b = beta[j];
    if (b !== 0) s += penaltyFactor[j] * (alpha * Math.abs(b) + ((1 - alpha) / 2) * b * b);
  }
  return s;
}

/** Penalty factors rescaled to sum to the number of variables, as glmnet does (negative ones count as 0). */
export function normalizePenaltyFactors(v: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(v, (x) => Math.max(0, x));
  let sum = 0;
  for (const x of out) sum += x;
  if (sum > 0) for (let j = 0; j < out.length; j++) out[j] = (out[j] * out.length) / sum;
  return out;
}
