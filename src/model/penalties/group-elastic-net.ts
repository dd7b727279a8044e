import type { BlockPenalty, PenaltySettings } from "../penalty.js";

/** What the grouped elastic net is built from: α and the penalty factors (it has no bounds). */
export type GroupElasticNetSettings = Pick<PenaltySettings, "alpha" | "vp">;

/**
 * glmnet's grouped elastic net, λ·Σ_j v_j [α‖β_j‖₂ + (1−α)/2·‖β_j‖₂²], on blocks β_j of K coefficients
 * (variable j's coefficient for each class of a grouped multinomial, each response of mgaussian): the
 * lasso part on the block's length, so a variable enters or leaves for every class at once.
 *
 * No bounds: proxBlock is the minimiser over all of R^K. Box constraints (lower.limits, upper.limits)
 * are kept by the grouped solvers after it, as glmnet's are (block-limits.ts).
 */
export class GroupElasticNet implements BlockPenalty {
  readonly name = "group-elastic-net";
  readonly alpha: number;
  readonly vp: Float64Array;

  constructor(s: GroupElasticNetSettings) {
    this.alpha = s.alpha;
    this.vp = s.vp;
  }

  value(beta: readonly ArrayLike<number>[], lambda: number): number {
    let s = 0;
    for (let j = 0; j < beta.length; j++) {
      const r = blockNorm(beta[j]);
      if (r !== 0) s += this.vp[j] * (this.alpha * r + ((1 - this.alpha) / 2) * r * r);
    }
    return lambda * s;
  }

  /**
   * out = u·(1 − λαv_j/‖u‖)₊ / (xv + λ(1−α)v_j), the block soft threshold. Computed as (u/‖u‖)·(‖u‖ − λαv_j)
   * so that K = 1 gives the elastic net's prox (without bounds) to the last bit.
   */
  proxBlock(j: number, u: ArrayLike<number>, xv: number, lambda: number, out: Float64Array): void {
    const v = this.vp[j];
    const r = blockNorm(u);
    const s = r - v * (lambda * this.alpha);
    if (s <= 0) {
      out.fill(0, 0, u.length);
      return;
    }
    const d = xv + v * (lambda * (1 - this.alpha));
    for (let k = 0; k < u.length; k++) out[k] = ((u[k] / r) * s) / d;
  }

  /** β_j = 0: (‖g‖ − λαv_j)₊; β_j ≠ 0: ‖g − λαv_j·β_j/‖β_j‖ − λ(1−α)v_j·β_j‖. */
  subdiffDistance(j: number, g: ArrayLike<number>, beta: ArrayLike<number>, lambda: number): number {
    const v = this.vp[j];
    const l1 = v * (lambda * this.alpha), l2 = v * (lambda * (1 - this.alpha));
    const r = blockNorm(beta);
    if (r === 0) return Math.max(0, blockNorm(g) - l1);
    let m = 0;
    for (let k = 0; k < g.length; k++) m = Math.max(m, Math.abs(g[k] - l1 * (beta[k] / r) - l2 * beta[k]));
    if (m === 0) return 0;
    let ss = 0;
    for (let k = 0; k < g.length; k++) {
      const e = (g[k] - l1 * (beta[k] / r) - l2 * beta[k]) / m;
      ss += e * e;
    }
    return m * Math.sqrt(ss);
  }

  /** max_j ‖g_j‖/v_j over penalized usable j, divided by α (by 0.001 when α < 0.001, as the elastic net). */
  lambdaMax(gNorm: ArrayLike<number>, usable: ArrayLike<number>): number {
    let m = 0;
    for (let j = 0; j < gNorm.length; j++) if (usable[j] && this.vp[j] > 0) m = Math.max(m, gNorm[j] / this.vp[j]);
    return m / Math.max(this.alpha, 1e-3);
  }

  /** α(2λ − λ_prev)·v_j, on ‖g_j‖. */
  strongThreshold(j: number, lambda: number, lambdaPrev: number): number {
    return this.alpha * (2 * lambda - lambdaPrev) * this.vp[j];
  }

  /** λαv_j, plus the ridge part λ(1−α)v_j·‖β_j‖. */
  price(j: number, lambda: number, norm: number): number {
    const v = this.vp[j];
    return lambda * this.alpha * v + lambda * (1 - this.alpha) * v * norm;
  }
}

/** ‖x‖₂, scaled by the largest |x_k| so that neither overflows nor underflows (and a 1-vector's is |x_0| exactly). */
export function blockNorm(x: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < x.length; k++) m = Math.max(m, Math.abs(x[k]));
  if (m === 0 || m === Infinity) return m;
  let ss = 0;
  for (let k = 0; k < x.length; k++) {
    const e = x[k] / m;
    ss += e * e;
  }
  return m * Math.sqrt(ss);
}
