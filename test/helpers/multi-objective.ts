import type { ModelMatrix } from "../../src/data/matrix.js";

/** 1/n standard deviation of a column under weights summing to 1 (about 0 when not centred). */
function sd(v: ArrayLike<number>, w: Float64Array, centred = true): number {
  let m = 0;
  if (centred) for (let i = 0; i < v.length; i++) m += w[i] * v[i];
  let s = 0;
  for (let i = 0; i < v.length; i++) s += w[i] * (v[i] - m) ** 2;
  return Math.sqrt(s);
}

/** What the multi-response objective needs beyond the coefficients. */
export interface MultiObjectiveOptions {
  readonly family: "multinomial" | "mgaussian";
  readonly grouped: boolean;
  readonly alpha: number;
  readonly lambda: number;
  readonly standardize?: boolean;
  /** Without an intercept glmnet scales by the root mean square about 0, not the standard deviation. */
  readonly intercept?: boolean;
  readonly weights?: ArrayLike<number>;
  readonly penaltyFactor?: ArrayLike<number>;
}

/**
 * glmnet's penalized objective of a multi-response fit, computed from the data alone (independently of
 * the solver), with w̄ the weights scaled to sum to 1 and β̃_jk = β_jk·sd(x_j):
 *   multinomial: −Σ_i w̄_i log p_{i,y_i} + λ Σ_j v_j pen(β̃_j),
 *   mgaussian:   (1/2)Σ_i w̄_i ‖y_i − β0 − Bx_i‖² + λ Σ_j v_j pen(β̃_j),
 * pen the elastic net of each coefficient (ungrouped) or of the block's length (grouped).
 * y: one-hot indicators or responses, y[k][i]; a0[k]; beta[k][j].
 */
export function multiObjective(x: ModelMatrix, y: readonly ArrayLike<number>[], o: MultiObjectiveOptions, a0: ArrayLike<number>, beta: readonly ArrayLike<number>[]): number {
  const { n, p } = x;
  const K = y.length;
  const w0 = o.weights ? Float64Array.from(o.weights) : new Float64Array(n).fill(1);
  const sw = w0.reduce((a, b) => a + b, 0);
  const w = w0.map((v) => v / sw);
  const eta = Array.from({ length: K }, (_, k) => new Float64Array(n).fill(a0[k]));
  for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) if (beta[k][j] !== 0) for (let i = 0; i < n; i++) eta[k][i] += beta[k][j] * x.data[j * n + i];
  let fit = 0;
  for (let i = 0; i < n; i++) {
    if (o.family === "mgaussian") {
      for (let k = 0; k < K; k++) fit += 0.5 * w[i] * (y[k][i] - eta[k][i]) ** 2;
    } else {
      let m = -Infinity;
      for (let k = 0; k < K; k++) m = Math.max(m, eta[k][i]);
      let s = 0;
      for (let k = 0; k < K; k++) s += Math.exp(eta[k][i] - m);
      const lse = m + Math.log(s);
      for (let k = 0; k < K; k++) if (y[k][i] > 0) fit -= w[i] * y[k][i] * (eta[k][i] - lse);
    }
  }
  const vp0 = o.penaltyFactor ? Float64Array.from(o.penaltyFactor) : new Float64Array(p).fill(1);
  const vsum = vp0.reduce((a, b) => a + b, 0);
  let pen = 0;
  for (let j = 0; j < p; j++) {
    const s = o.standardize === false ? 1 : sd(x.data.subarray(j * n, (j + 1) * n), w, o.intercept !== false);
    const v = (vp0[j] * p) / vsum;
    const b = Array.from({ length: K }, (_, k) => beta[k][j] * s);
    if (o.grouped) {
      const r = Math.hypot(...b);
      pen += v * (o.alpha * r + ((1 - o.alpha) / 2) * r * r);
    } else {
      for (const bk of b) pen += v * (o.alpha * Math.abs(bk) + ((1 - o.alpha) / 2) * bk * bk);
    }
  }
  return fit + o.lambda * pen;
}
