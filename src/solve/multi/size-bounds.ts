import type { Workspace } from "../../linalg/workspace.js";
import { pullBoundsEnabled, pullsSkipped } from "../pull-bounds.js";

/**
 * Bounds on the sizes of a multinomial fit's outside pulls (the variables outside the strong set), so that
 * the KKT check and the strong rule compute only the pulls whose value could change their decision, as
 * pull-bounds.ts does for one response. Class k's pull is g_jk = Σ_i w_i x̃_ij (y_ik − p_ik), so by
 * Cauchy–Schwarz in the weights w,
 *   |g_jk(p) − g_jk(p₀)| ≤ √xv_j · ‖p_k − p₀k‖_w,   xv_j = Σ_i w_i x̃_ij²,
 * and a variable's size (the largest |g_jk|, or the length of its K pulls) moves by at most √xv_j times
 * the drift: the sum, over the probabilities' moves between checks, of the largest class's ‖Δp_k‖_w (or
 * of √Σ_k ‖Δp_k‖_w²). A size whose last value plus that radius is at most the threshold cannot exceed
 * it: the variable is not screened in, as glmnet would not, so the path is the same iterate for iterate.
 */
export class SizeBounds {
  private drift = 0;
  /** The drift when sizes[j] was last computed; −1: never. */
  private readonly at: Float64Array;
  /** The probabilities at the last advance (class-major, k·n + i). */
  private readonly seen: Float64Array;

  private constructor(p: number, prob: Float64Array, workspace: Workspace) {
    this.at = workspace.f64(p).fill(-1);
    this.seen = workspace.f64(prob.length);
    this.seen.set(prob);
  }

  /** Bounds for a fit with these probabilities (their copy in the workspace), or null when switched off (setPullBounds). */
  static of(p: number, prob: Float64Array, workspace: Workspace): SizeBounds | null {
    return pullBoundsEnabled() ? new SizeBounds(p, prob, workspace) : null;
  }

  /** Take the probabilities' move since the last call into the drift (call before `needs`). */
  advance(prob: Float64Array, w: Float64Array, screen: "max" | "norm"): void {
    const n = w.length, K = prob.length / n;
    let move = 0;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const d = prob[k * n + i] - this.seen[k * n + i];
        s += w[i] * d * d;
      }
      move = screen === "max" ? Math.max(move, s) : move + s;
    }
    this.drift += Math.sqrt(move);
    this.seen.set(prob);
  }

  /**
   * Whether variable j's size must be computed to decide `size > threshold`: never computed, or its last
   * value (`size`, not current) within √xv_j·drift of the threshold. The radius has room for rounding:
   * relative 1e-9 of the drift, and 1e-10 of √xv_j for the dot products' own errors (‖y − p‖_w ≤ √2).
   */
  needs(j: number, size: number, threshold: number, xv: number): boolean {
    if (this.at[j] < 0) return true;
    const moved = this.drift - this.at[j];
    if (moved === 0) return false;
    return size + Math.sqrt(xv) * (moved * (1 + 1e-9) + 1e-10) > threshold;
  }

  /** The sizes of cols[0..count) have just been computed; `skipped` others were decided by their bounds. */
  computed(cols: Int32Array, count: number, skipped: number): void {
    for (let c = 0; c < count; c++) this.at[cols[c]] = this.drift;
    pullsSkipped.count += skipped;
  }
}
