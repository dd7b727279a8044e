/**
 * A penalty: what simplicity costs, λ·Σ_j pen_j(β_j), on the solver's (standardized) scale. What a
 * solver, the path, the KKT check and the explanation need from it, and nothing else (skglm's Penalty):
 * its value, the one-coordinate minimiser with bounds (prox), the distance of a pull to its
 * subdifferential, λ_max, the strong rule's threshold and the price a coefficient faces at its size.
 * One file per penalty in penalties/, registered in penalties/index.ts.
 *
 * Sign conventions: the pull g_j on a coordinate is minus the datafit's gradient, x̃_jᵀW(z − η)/n; at a
 * solution g_j ∈ λ·∂pen_j(β_j) (inside the coefficient's bounds).
 */

export type PenaltyName = "elastic-net" | "mcp" | "scad";

/** What every penalty is built from, on the solver's scale. */
export interface PenaltySettings {
  /** Elastic-net mixing α: the share of the lasso part (1 lasso, 0 ridge). */
  readonly alpha: number;
  /** Penalty factors v_j, rescaled to sum to the number of variables. */
  readonly vp: Float64Array;
  /** Box constraints lo_j ≤ β_j ≤ hi_j on the solver's scale. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** MCP and SCAD: the concavity γ (where the price reaches 0, in units of λ); the elastic net has none. */
  readonly gamma?: number;
}

/** A penalty separable over coordinates: pen(β) = Σ_j pen_j(β_j). */
export interface Penalty {
  readonly name: PenaltyName;
  /** λ·Σ_j pen_j(β_j). */
  value(beta: ArrayLike<number>, lambda: number): number;
  /**
   * The minimiser over b of ½·xv·b² − u·b + λ·pen_j(b) within j's bounds, where u is the pull with the
   * coordinate's own part added back (u = g_j + xv·β_j).
   */
  prox(j: number, u: number, xv: number, lambda: number): number;
  /** dist(g, λ·∂pen_j(β)): 0 exactly when coordinate j meets its KKT condition (bounds aside). */
  subdiffDistance(j: number, g: number, beta: number, lambda: number): number;
  /** The smallest λ at which β = 0 meets every KKT condition, from the pulls g at the null model. */
  lambdaMax(g: ArrayLike<number>, usable: ArrayLike<number>): number;
  /** The sequential strong rule (Tibshirani et al. 2012): at λ, after λ_prev, screen j out when |g_j| < this. */
  strongThreshold(j: number, lambda: number, lambdaPrev: number): number;
  /**
   * Both tests at β = 0 as a scan over every variable reads them (solve/column-scan.ts, in WebAssembly):
   * fixed weights times a scale of λ, bit for bit strongThreshold(j, λ, λ_prev) = strong_j·strongScale(λ, λ_prev)
   * and subdiffDistance(j, g, 0, λ) = max(0, |g| − kkt_j·kktScale(λ)). The same arrays at every call.
   */
  zeroWeights(): ZeroWeights;
  strongScale(lambda: number, lambdaPrev: number): number;
  kktScale(lambda: number): number;
  /**
   * The price coefficient j faces at size |β|, in pull units: the pull a nonzero coefficient balances
   * (λ·pen_j'(|β|)); at β = 0, the least pull that moves it. A penalty that stops charging (MCP, SCAD)
   * lowers it as |β| grows.
   */
  price(j: number, lambda: number, beta: number): number;
  /**
   * Convex penalties: the Fenchel–Young gap of coordinate j, λ·pen_j(β) + (λ·pen_j)*(z) − β·z ≥ 0 (within
   * j's bounds; Infinity when z is outside the conjugate's domain), its share of the duality gap at a
   * dual point whose pull on j is z. Absent where the penalty is not convex (the gap does not apply).
   */
  fenchelYoung?(j: number, beta: number, z: number, lambda: number): number;
  /** Convex penalties: the largest s in [0, 1] with (λ·pen_j)*(s·z) finite (1 when it is finite at z). */
  dualScale?(j: number, z: number, lambda: number): number;
  /**
   * Where fenchelYoung and dualScale are the elastic net's (penalties/elastic-net.ts) on fixed arrays and α,
   * bit for bit: those, so that the duality gap's scans over every variable compute them without a call a
   * variable (solve/gap-scan.ts, in WebAssembly). Absent otherwise: the scans call the two methods.
   */
  conjugateTerms?(): ConjugateTerms;
}

/** The elastic net's gap terms as Penalty.conjugateTerms gives them: α, the weights v_j and the bounds. */
export interface ConjugateTerms {
  readonly alpha: number;
  readonly vp: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** The weights of Penalty.zeroWeights: the strong rule's and the KKT test's at β = 0. */
export interface ZeroWeights {
  readonly strong: Float64Array;
  readonly kkt: Float64Array;
}

/**
 * A penalty on blocks of coefficients that share one norm: block j is variable j's K coefficients (one
 * per class of a grouped multinomial, one per response of mgaussian), pen_j(β_j) = ρ_j(‖β_j‖₂), so a
 * variable enters or leaves for every class at once.
 */
export interface BlockPenalty {
  readonly name: string;
  /** λ·Σ_j ρ_j(‖β_j‖), the blocks given as rows of K. */
  value(beta: readonly ArrayLike<number>[], lambda: number): number;
  /** out = the minimiser over b ∈ R^K of ½·xv·‖b‖² − uᵀb + λ·ρ_j(‖b‖). */
  proxBlock(j: number, u: ArrayLike<number>, xv: number, lambda: number, out: Float64Array): void;
  /** dist(g, λ·∂ρ_j(‖·‖)(β)) for the block's pulls g. */
  subdiffDistance(j: number, g: ArrayLike<number>, beta: ArrayLike<number>, lambda: number): number;
  /** The smallest λ at which every block is zero, from the blocks' pull lengths ‖g_j‖ at the null model. */
  lambdaMax(gNorm: ArrayLike<number>, usable: ArrayLike<number>): number;
  /** The strong rule's threshold on ‖g_j‖. */
  strongThreshold(j: number, lambda: number, lambdaPrev: number): number;
  /** The price on the block's pull length at block length ‖β_j‖ = norm. */
  price(j: number, lambda: number, norm: number): number;
}

/** Penalty factors rescaled to sum to the number of variables, as glmnet does (negative ones count as 0). */
export function normalizePenaltyFactors(v: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(v, (x) => Math.max(0, x));
  let sum = 0;
  for (const x of out) sum += x;
  if (sum > 0) for (let j = 0; j < out.length; j++) out[j] = (out[j] * out.length) / sum;
  return out;
}
