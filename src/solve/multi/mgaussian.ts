import { GroupElasticNet } from "../../model/penalties/group-elastic-net.js";
import { limitBlock } from "../../model/penalties/block-limits.js";
import type { Residual } from "../columns.js";
import { pullSizes, screenIn, usableList, type FitOutcome, type MultiProblem, type MultiSolver } from "./solver.js";

/**
 * glmnet's mgaussian (multelnet): block coordinate descent on each variable's K coefficients with the
 * group elastic net's block soft threshold, on rows scaled by √w and responses centred (and, with
 * standardizeResponse, scaled to unit standard deviation by the path). Minimises
 *   (1/2)Σ_i w_i‖y_i − β0 − B x_i‖² + λ Σ_j v_j [α‖β_j‖₂ + (1−α)/2·‖β_j‖₂²]
 * with each block step kept within the coefficients' limits (limitBlock), as glmnet's.
 */
export class MgaussianSolver implements MultiSolver {
  readonly K: number;
  readonly p: number;
  readonly b0: Float64Array;
  readonly beta: Float64Array;
  readonly screen = "norm" as const;
  passes = 0;
  /** Per response, the residual r̃_k (a workspace n-vector) and its reader. */
  private readonly res: Residual[];
  private readonly strong: Uint8Array;
  private readonly cols: Int32Array;
  private readonly ncols: number;
  private readonly out: Float64Array;
  private readonly active: number[] = [];
  private readonly isActive: Uint8Array;
  private readonly penalty: GroupElasticNet;
  /** Room for limitBlock's flags. */
  private readonly fixed: Uint8Array;
  /** Σ_k ‖ỹ_k‖²: the null residual sum of squares (glmnet's ys0). */
  readonly nullRss: number;
  private rss: number;
  /** Set once an active-set cycle has run (glmnet's iz): from then on a new λ starts with the active set. */
  private cycled = false;
  /** A variable's K pulls (gj), the prox's argument (u) and its result (nb): sweep's workspace. */
  private readonly gj: Float64Array;
  private readonly u: Float64Array;
  private readonly nb: Float64Array;

  /** ys0: the null residual sum of squares when glmnet sets it rather than sums it (K for standardized responses). */
  constructor(private readonly pr: MultiProblem, ys0?: number) {
    const { n, p, K, y } = pr;
    this.K = K;
    this.p = p;
    this.b0 = new Float64Array(K);
    this.beta = new Float64Array(p * K);
    this.res = Array.from({ length: K }, (_, k) => {
      const r = pr.workspace.f64(n);
      r.set(y.subarray(k * n, (k + 1) * n));
      return pr.columns.residual(r);
    });
    this.cols = pr.workspace.i32(p);
    this.ncols = usableList(pr.usable, this.cols);
    this.out = pr.workspace.f64(p);
    this.strong = new Uint8Array(p);
    this.isActive = new Uint8Array(p);
    this.penalty = new GroupElasticNet({ alpha: pr.alpha, vp: pr.vp });
    this.fixed = new Uint8Array(K);
    this.gj = new Float64Array(K);
    this.u = new Float64Array(K);
    this.nb = new Float64Array(K);
    let ss = 0;
    for (let i = 0; i < n * K; i++) ss += y[i] * y[i];
    this.nullRss = ys0 ?? ss;
    this.rss = this.nullRss;
  }

  pulls(g: Float64Array): void {
    const { K } = this.pr;
    const { cols, ncols, out } = this;
    g.fill(0);
    for (let k = 0; k < K; k++) {
      this.res[k].dots(cols, ncols, out);
      for (let c = 0; c < ncols; c++) g[cols[c] * K + k] = out[cols[c]];
    }
  }

  private sizes(): Float64Array {
    const { p, K } = this.pr;
    const g = new Float64Array(p * K), size = new Float64Array(p);
    this.pulls(g);
    pullSizes(g, p, K, "norm", size);
    return size;
  }

  fit(lambda: number, lambdaPrev: number): FitOutcome {
    const { vp, alpha, maxit } = this.pr;
    const thr = (this.pr.thresh * this.nullRss) / this.K;
    const tlam = alpha * (2 * lambda - lambdaPrev);
    screenIn(this.strong, this.pr.usable, this.sizes(), (j) => tlam * vp[j]);
    // glmnet (iz, jz): at a new λ, once the active set has ever been cycled, settle it before a full pass.
    if (this.cycled && !this.settle(lambda, thr)) return "maxit";
    for (;;) {
      if (this.passes > maxit) return "maxit";
      if (this.sweep(true, lambda) < thr) {
        if (!screenIn(this.strong, this.pr.usable, this.sizes(), (j) => lambda * alpha * vp[j])) return "converged";
        continue;
      }
      if (this.passes > maxit || !this.settle(lambda, thr)) return "maxit";
    }
  }

  /** Passes over the active set until the largest change is below thr; false when out of passes first. */
  private settle(lambda: number, thr: number): boolean {
    this.cycled = true;
    for (;;) {
      if (this.sweep(false, lambda) < thr) return true;
      if (this.passes > this.pr.maxit) return false;
    }
  }

  /** One pass over the strong set (all) or the active set; returns glmnet's dlx, max_jk xv_j·Δβ_jk². */
  private sweep(all: boolean, lambda: number): number {
    const { p, K, xv } = this.pr;
    const { u, gj, nb, beta } = this;
    this.passes++;
    let dlx = 0;
    const count = all ? p : this.active.length;
    for (let c = 0; c < count; c++) {
      const j = all ? c : this.active[c];
      if (!this.strong[j]) continue;
      for (let k = 0; k < K; k++) {
        gj[k] = this.res[k].dot(j);
        u[k] = gj[k] + beta[j * K + k] * xv[j];
      }
      this.blockStep(j, u, lambda, nb);
      let moved = false;
      for (let k = 0; k < K; k++) {
        const d = nb[k] - beta[j * K + k];
        if (d === 0) continue;
        moved = true;
        beta[j * K + k] = nb[k];
        this.rss -= d * (2 * gj[k] - d * xv[j]);
        dlx = Math.max(dlx, xv[j] * d * d);
        this.res[k].sub(j, d);
      }
      if (moved && !this.isActive[j]) {
        this.isActive[j] = 1;
        this.active.push(j);
      }
    }
    return dlx;
  }

  /** Variable j's block step at λ, within its coefficients' limits. */
  private blockStep(j: number, u: Float64Array, lambda: number, nb: Float64Array): void {
    const { xv, vp, alpha, limited, lower, upper } = this.pr;
    this.penalty.proxBlock(j, u, xv[j], lambda, nb);
    if (limited && nb.some((b) => b !== 0)) limitBlock(u, xv[j], lambda * alpha * vp[j], lambda * (1 - alpha) * vp[j], lower, upper, j * this.K, nb, this.fixed);
  }

  devRatio(): number {
    return 1 - this.rss / this.nullRss;
  }
}
