import type { ModelMatrix } from "../../src/data/matrix.js";
import type { FamilyName } from "../../src/model/family.js";

/**
 * The largest KKT violation of a solution, computed from the data alone, on the scale of glmnet's
 * objective: pull_j = Σ w̄ x̃_j (y − μ) must equal λ v_j (α sign β̃_j + (1−α) β̃_j / s_y) when β_j is
 * strictly inside its bounds and nonzero, be at most λ α v_j in size when β_j = 0, and push against the
 * bound when β_j sits on one. Returned in units of s_y (gaussian) or of the per-observation deviance.
 */
export function kktViolation(
  x: ModelMatrix, y: ArrayLike<number>, family: FamilyName,
  opts: { alpha: number; lambda: number; standardize?: boolean; intercept?: boolean; penaltyFactor?: ArrayLike<number>; weights?: ArrayLike<number>; lower?: ArrayLike<number>; upper?: ArrayLike<number> },
  a0: number, beta: ArrayLike<number>,
): number {
  const { n, p } = x;
  const standardize = opts.standardize ?? true;
  const intercept = opts.intercept ?? true;
  const w0 = opts.weights ? Float64Array.from(opts.weights) : new Float64Array(n).fill(1);
  const sw = w0.reduce((a, b) => a + b, 0);
  const w = w0.map((v) => v / sw);
  const eta = new Float64Array(n).fill(a0);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) eta[i] += beta[j] * x.data[j * n + i];
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const mu = family === "gaussian" ? eta[i] : family === "binomial" ? 1 / (1 + Math.exp(-eta[i])) : Math.exp(eta[i]);
    resid[i] = w[i] * (y[i] - mu);
  }
  let sy = 1;
  if (family === "gaussian") {
    let m = 0;
    if (intercept) for (let i = 0; i < n; i++) m += w[i] * y[i];
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * (y[i] - m) ** 2;
    sy = Math.sqrt(s);
  }
  const vp0 = opts.penaltyFactor ? Float64Array.from(opts.penaltyFactor) : new Float64Array(p).fill(1);
  const vsum = vp0.reduce((a, b) => a + b, 0);
  const vp = vp0.map((v) => (v * p) / vsum);
  let worst = 0;
  for (let j = 0; j < p; j++) {
    const o = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += w[i] * x.data[o + i];
    let v = 0;
    for (let i = 0; i < n; i++) v += w[i] * (x.data[o + i] - m) ** 2;
    if (v === 0) continue;
    const s = standardize ? Math.sqrt(v) : 1;
    let pull = 0;
    for (let i = 0; i < n; i++) pull += ((x.data[o + i] - (intercept ? m : 0)) / s) * resid[i];
    // Without an intercept x̃ is not centred, but the pull is still x̃ᵀ W r.
    if (!intercept) { pull = 0; for (let i = 0; i < n; i++) pull += (x.data[o + i] / s) * resid[i]; }
    const bt = beta[j] * s;
    const lo = opts.lower?.[j] ?? -Infinity, hi = opts.upper?.[j] ?? Infinity;
    const l1 = opts.lambda * opts.alpha * vp[j];
    const ridge = (opts.lambda * (1 - opts.alpha) * vp[j] * bt) / sy;
    let viol: number;
    if (bt === 0) viol = Math.max(0, Math.abs(pull) - l1);
    else {
      const need = l1 * Math.sign(bt) + ridge;
      const gap = pull - need;
      // On a bound the pull may exceed the price in the bound's direction.
      const on = (b: number) => Number.isFinite(b) && Math.abs(beta[j] - b) <= 1e-9 * Math.abs(b);
      if (on(lo) && bt < 0) viol = Math.max(0, gap);
      else if (on(hi) && bt > 0) viol = Math.max(0, -gap);
      else viol = Math.abs(gap);
    }
    worst = Math.max(worst, viol);
  }
  // On the scale of the outcome: coordinate descent stops when coefficients of the standardized
  // problem move less than √thresh, so the pulls are known to about √thresh·s_y.
  return worst / sy;
}
