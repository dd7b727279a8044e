import type { BenchData } from "./problems.js";

/**
 * glmnet's default λ sequence (standardize, intercept, unit weights), for when neither glmnet
 * nor Shrinkage produced one to hand to scikit-learn:
 *   λ_max = max_j |⟨x̃_j, y − ȳ⟩| / (n·max(α, 1e-3)), x̃_j the 1/n-standardized column,
 *   then nlambda values log-spaced down to λ_max·ratio, ratio = 1e-4 (n ≥ p) or 0.01 (n < p).
 * The same formula serves binomial at the intercept-only fit (y − ȳ is the score there).
 */
export function defaultLambda(data: BenchData, alpha: number, nlambda = 100): Float64Array {
  const { n, p, x, y } = data;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i] / n;
  let lmax = 0;
  for (let j = 0; j < p; j++) {
    const c = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += x[c + i] / n;
    let ss = 0;
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const d = x[c + i] - m;
      ss += d * d;
      dot += d * (y[i] - ybar);
    }
    const sd = Math.sqrt(ss / n);
    if (sd > 0) lmax = Math.max(lmax, Math.abs(dot) / (n * sd));
  }
  lmax /= Math.max(alpha, 1e-3);
  const ratio = n < p ? 0.01 : 1e-4;
  const lambda = new Float64Array(nlambda);
  for (let k = 0; k < nlambda; k++) lambda[k] = lmax * Math.exp((k / (nlambda - 1)) * Math.log(ratio));
  return lambda;
}
