/**
 * The linear predictor after an IRLS step, from the score residual alone: O(n) instead of rebuilding
 * η = β0 + offset + X̃β from the active columns (O(n·nin), a fifth of a logistic path's column reads).
 *
 * Within a step the weights v are fixed and every coordinate update takes δ·v∘x̃_k (an intercept update
 * δ·v) from the residual, so at its end s = r₀ − v∘(X̃Δβ + Δβ0), r₀ the residual at its start; hence
 *   η₁ = η₀ + X̃Δβ + Δβ0 = η₀ + (r₀ − s)/v,   row by row.
 * Where v_i is small the division magnifies s's rounding, but only in η_i's direction that the fit does
 * not see: μ_i moves by v_i/w_i·Δη_i, so μ, the residual and the pulls are exact to rounding as before.
 * A row with v_i = 0 (a saturated probability, a zero weight) says nothing of its move: then nothing is
 * changed and false is returned, for the caller to rebuild η from the columns. (GlmSolver takes the
 * same step inside its family's row loop, irls-rows.ts advance: one loop over the rows, not two.)
 */
export function advanceEta(eta: Float64Array, r0: Float64Array, s: Float64Array, v: Float64Array): boolean {
  const n = eta.length;
  for (let i = 0; i < n; i++) if (!(v[i] > 0)) return false;
  for (let i = 0; i < n; i++) eta[i] += (r0[i] - s[i]) / v[i];
  return true;
}
