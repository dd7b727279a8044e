import type { Penalty } from "../model/penalty.js";
import type { BregmanRows } from "../model/cumulant.js";

/**
 * What the path needs from a solver at one λ, whatever the datafit: solve over the strong set
 * (warm-started from the previous λ), then report the pull on any variable for the KKT check.
 */
export interface PointSolver {
  /** Coefficients on the solver's (standardized) scale. */
  readonly beta: Float64Array;
  /** Coordinate-descent passes so far, over the whole path. */
  readonly npasses: number;
  /** The intercept on the solver's scale (0 where the design is centred and the intercept is implicit). */
  intercept(): number;
  /**
   * Minimise datafit + penalty at λ (on the solver's scale) over the variables flagged in `strong`.
   * `newLambda` marks the first call at a λ (not a repeat after the KKT check), where glmnet's gaussian
   * solver starts with the active set.
   */
  solve(lambda: number, strong: Uint8Array, newLambda?: boolean): SolveStatus;
  /** The pull of the data on variable j at the current solution: x̃_jᵀ W (z − η) / n, signed. */
  gradient(j: number): number;
  /** gradient(j) into out[j] for each j in cols[0..count): the same numbers, in one call (the KKT check). */
  gradients(cols: Int32Array, count: number, out: Float64Array): void;
  /** Fraction of the null deviance explained at the current solution. */
  devRatio(): number;
  /** What the duality gap reads of the current solution (gap.ts); absent where it does not apply. */
  dual?(): DualPoint;
  /**
   * One whole λ as run-path.ts's KktCheck.solve runs it (strong rule from the pulls, passes, KKT check over
   * the rest leaving their pulls in grad), the same iterates in one call; null where the solver cannot.
   */
  solveLambda?(lambda: number, lambdaPrev: number, strong: Uint8Array, grad: Float64Array): SolveStatus | null;
  /** The relative duality gap at λ as gap.ts computes it from the current pulls; null where the solver cannot. */
  relativeGapAt?(lambda: number): number | null;
  /**
   * Solvers whose pulls are g_j = x̃_jᵀr for a residual r they keep: ‖r − r'‖ for r' the residual at the
   * previous call (0 at the first), and ‖x̃_j‖, so that the KKT check can bound pulls it does not compute
   * (pull-bounds.ts).
   */
  residualMoved?(): number;
  columnNorm?(j: number): number;
  /** The residual r itself, as it is now (the pulls are x̃_jᵀr): tighter bounds from its snapshots (pull-bounds.ts). */
  residual?(): Float64Array;
  /** The length of the columns (rows of X̃ the pulls sum over). */
  readonly rows?: number;
  /**
   * Pulls wanted at the current solution but read later: gradients(cols, count, ·) as they are now, taken by
   * the next passes in their own reads of the columns, or by deferredPulls (the gaussian naive passes in
   * WebAssembly: deferred-pulls.ts). False where the solver does not offer it; one deferral at a time.
   */
  deferPulls?(cols: Int32Array, count: number): boolean;
  /** The deferred pulls into out[j], bit for bit the numbers gradients() would have given when deferred. */
  deferredPulls?(out: Float64Array): void;
  /** Change the convergence threshold thr of the next solves (a gapTol's tightening). */
  setThreshold?(thr: number): void;
}

/** What the duality gap reads of a solver's current solution, by kind of datafit. */
export type DualPoint = LeastSquaresDual | IrlsDual;

/** ½‖ỹ − X̃β‖²: the residual's sum of squares, and the Gram entries the dual point's projection needs. */
export interface LeastSquaresDual {
  readonly kind: "least-squares";
  /** ‖r̃‖². */
  readonly rss: number;
  /** ‖ỹ‖² less the intercept's share: the null deviance on the solver's scale (1). */
  readonly nullDev: number;
  /** x̃_jᵀx̃_k. */
  cross(j: number, k: number): number;
}

/** Σ w_i[b(η_i) − y_i·η_i], the IRLS datafit (w sums to 1), at the current η and μ = μ(η). */
export interface IrlsDual {
  readonly kind: "irls";
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly mu: Float64Array;
  readonly eta: Float64Array;
  readonly intercept: boolean;
  /** Null deviance per unit weight. */
  readonly nullDev: number;
  mean(eta: number): number;
  variance(mu: number): number;
  /** B(m, η) = b(η) + b*(m) − m·η, μ = μ(η) given (cumulant.ts). */
  bregman(m: number, eta: number, mu: number): number;
  /** Σ w_i·max(0, B(m_i, η_i, μ_i)) over the rows, in one loop (cumulant.ts's bregmanSum). */
  bregmanSum(rows: BregmanRows): number;
  inDomain(m: number): boolean;
  /** Whether μ_i + c is in the domain at every row of w_i ≠ 0 (cumulant.ts's shiftInDomain). */
  shiftInDomain(mu: Float64Array, w: Float64Array, c: number): boolean;
  /** μ(η + t), and z[j] = x̃_jᵀw(y − μ(η + t)) for every usable j (the solution itself is left as it is). */
  rescore(t: number, z: Float64Array): Float64Array;
}

/** "diverged": a coefficient left the 64-bit numbers (no finite fit at this λ: rows fitted perfectly by an unheld variable). */
export type SolveStatus = "converged" | "maxit" | "pmax" | "saturated" | "diverged";

/** Settings every coordinate-descent solver shares, on the solver's scale. */
export interface SolverSettings {
  /** The penalty on the solver's scale (its factors and bounds). */
  readonly penalty: Penalty;
  /** Stop a pass when max_j xv_j·Δβ_j² < thr (lowered by the path when a gapTol asks for more). */
  thr: number;
  readonly maxit: number;
  /** Largest number of variables ever active. */
  readonly pmax: number;
}
