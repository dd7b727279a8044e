import type { Penalty } from "../model/penalty.js";

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
}

export type SolveStatus = "converged" | "maxit" | "pmax" | "saturated";

/** Settings every coordinate-descent solver shares, on the solver's scale. */
export interface SolverSettings {
  /** The penalty on the solver's scale (its factors and bounds). */
  readonly penalty: Penalty;
  /** Stop a pass when max_j xv_j·Δβ_j² < thr. */
  readonly thr: number;
  readonly maxit: number;
  /** Largest number of variables ever active. */
  readonly pmax: number;
}
