import type { Workspace } from "../../linalg/workspace.js";
import type { Columns } from "../columns.js";
/**
 * What the multi-response path needs of a solver: the fit at one λ (screened by the strong rule and
 * checked by KKT over every screened-out variable), the pulls x̃_jᵀ(score residual of class k) at the
 * current fit, and the deviance ratio. Coefficients are on the solver's (standardized) scale.
 */
export interface MultiSolver {
  readonly K: number;
  readonly p: number;
  /** b0[k]. */
  readonly b0: Float64Array;
  /** beta[j·K + k]. */
  readonly beta: Float64Array;
  /** How the K pulls of a variable are measured against its price: their largest size, or their length. */
  readonly screen: "max" | "norm";
  /** Coordinate-descent passes so far. */
  readonly passes: number;
  /** g[j·K + k] = the pull on β_jk at the current fit (0 for unusable j). */
  pulls(g: Float64Array): void;
  /** Fit at λ, warm-started from the current fit; the strong rule screens from lambdaPrev. */
  fit(lambda: number, lambdaPrev: number): FitOutcome;
  /** Share of the null deviance explained by the current fit. */
  devRatio(): number;
}

/** How a fit at one λ ended: converged, every fitted probability at its bound, or out of passes. */
export type FitOutcome = "converged" | "saturated" | "maxit";

/** The problem every multi-response solver is built on. */
export interface MultiProblem {
  readonly n: number;
  readonly p: number;
  readonly K: number;
  /** X̃'s columns, centred and scaled (mgaussian: rows also times √w): a copy of its own or a fold's view. */
  readonly columns: Columns;
  /** Where the solver's n-vectors go, beside X̃, so that the kernels run on them (multiRoom). */
  readonly workspace: Workspace;
  /** Σ_i w_i x̃_ij² (without √w for mgaussian's rows: the same number). */
  readonly xv: Float64Array;
  readonly usable: Uint8Array;
  /** Responses class-major (class k at k·n): indicators (multinomial) or centred √w-scaled y (mgaussian). */
  readonly y: Float64Array;
  /** Weights summing to 1. */
  readonly w: Float64Array;
  readonly intercept: boolean;
  readonly alpha: number;
  /** Penalty factors, rescaled to sum to p. */
  readonly vp: Float64Array;
  /**
   * Coefficient limits on the solver's scale, lower[j·K + k] ≤ β̃_jk ≤ upper[j·K + k] (±∞ without), and
   * whether any is finite (the block solvers then keep their steps within them).
   */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly limited: boolean;
  readonly thresh: number;
  readonly maxit: number;
}

/** Mark the usable variables not yet strong whose pull measure exceeds the threshold; true if any. */
export function screenIn(strong: Uint8Array, usable: Uint8Array, measure: Float64Array, threshold: (j: number) => number): boolean {
  let added = false;
  for (let j = 0; j < strong.length; j++) {
    if (strong[j] || !usable[j]) continue;
    if (measure[j] > threshold(j)) {
      strong[j] = 1;
      added = true;
    }
  }
  return added;
}

/** The size of each variable's K pulls: the largest |g_jk| (screen "max") or ‖g_j‖ (screen "norm"). */
export function pullSizes(g: Float64Array, p: number, K: number, screen: "max" | "norm", out: Float64Array): void {
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      const v = g[j * K + k];
      s = screen === "max" ? Math.max(s, Math.abs(v)) : s + v * v;
    }
    out[j] = screen === "max" ? s : Math.sqrt(s);
  }
}

/**
 * f64s a multi-response solver keeps beside X̃ in its workspace: at most 6K + 7 n-vectors (η, the
 * residuals, exponentials, probabilities and their copy for the size bounds per class, working weights,
 * row sums and references, and the responses and weights where the kernels read them), the K classes' pulls on every column, and a few p-vectors (a fold's vᵀz_j
 * among them), with slack for alignment.
 */
export function multiRoom(n: number, p: number, K: number): number {
  return (6 * K + 7) * n + (K + 6) * p + 64;
}

/** The usable columns, as a list the kernels read (in the workspace); returns how many. */
export function usableList(usable: Uint8Array, out: Int32Array): number {
  let count = 0;
  for (let j = 0; j < usable.length; j++) if (usable[j]) out[count++] = j;
  return count;
}
