import { axpy, dot } from "../../linalg/reference.js";
import { GroupElasticNet } from "../../model/penalties/group-elastic-net.js";
import { pullSizes, screenIn, type FitOutcome, type MultiProblem, type MultiSolver } from "./solver.js";

/**
 * glmnet's mgaussian (multelnet): block coordinate descent on each variable's K coefficients with the
 * group elastic net's block soft threshold, on rows scaled by √w and responses centred (not scaled:
 * glmnet's standardize.response = FALSE). Minimises
 *   (1/2)Σ_i w_i‖y_i − β0 − B x_i‖² + λ Σ_j v_j [α‖β_j‖₂ + (1−α)/2·‖β_j‖₂²].
 */
export class MgaussianSolver implements MultiSolver {
  readonly K: number;
  readonly p: number;
  readonly b0: Float64Array;
  readonly beta: Float64Array;
  readonly screen = "norm" as const;
  passes = 0;
  private readonly r: Float64Array;
  private readonly strong: Uint8Array;
  private readonly active: number[] = [];
  private readonly isActive: Uint8Array;
  private readonly penalty: GroupElasticNet;
  /** Σ_k ‖ỹ_k‖²: the null residual sum of squares (glmnet's ys0). */
  readonly nullRss: number;
  private rss: number;

  constructor(private readonly pr: MultiProblem) {
    const { n, p, K, y } = pr;
    this.K = K;
    this.p = p;
    this.b0 = new Float64Array(K);
    this.beta = new Float64Array(p * K);
    this.r = Float64Array.from(y);
    this.strong = new Uint8Array(p);
    this.isActive = new Uint8Array(p);
    this.penalty = new GroupElasticNet({ alpha: pr.alpha, vp: pr.vp });
    let ss = 0;
    for (let i = 0; i < n * K; i++) ss += y[i] * y[i];
    this.nullRss = ss;
    this.rss = ss;
  }

  pulls(g: Float64Array): void {
    const { n, p, K, x, usable } = this.pr;
    g.fill(0);
    for (let j = 0; j < p; j++) {
      if (!usable[j]) continue;
      for (let k = 0; k < K; k++) g[j * K + k] = dot(n, this.r, k * n, x, j * n);
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
    const { n, p, K, x, xv, vp, alpha, maxit } = this.pr;
    const thr = (this.pr.thresh * this.nullRss) / K;
    const tlam = alpha * (2 * lambda - lambdaPrev);
    screenIn(this.strong, this.pr.usable, this.sizes(), (j) => tlam * vp[j]);
    const u = new Float64Array(K), gj = new Float64Array(K), nb = new Float64Array(K);
    const sweep = (all: boolean): number => {
      this.passes++;
      let dlx = 0;
      const count = all ? p : this.active.length;
      for (let c = 0; c < count; c++) {
        const j = all ? c : this.active[c];
        if (!this.strong[j]) continue;
        const o = j * n;
        for (let k = 0; k < K; k++) {
          gj[k] = dot(n, this.r, k * n, x, o);
          u[k] = gj[k] + this.beta[j * K + k] * xv[j];
        }
        this.penalty.proxBlock(j, u, xv[j], lambda, nb);
        let moved = false;
        for (let k = 0; k < K; k++) {
          const d = nb[k] - this.beta[j * K + k];
          if (d === 0) continue;
          moved = true;
          this.beta[j * K + k] = nb[k];
          this.rss -= d * (2 * gj[k] - d * xv[j]);
          dlx = Math.max(dlx, xv[j] * d * d);
          axpy(n, -d, x, o, this.r, k * n);
        }
        if (moved && !this.isActive[j]) {
          this.isActive[j] = 1;
          this.active.push(j);
        }
      }
      return dlx;
    };
    for (;;) {
      if (sweep(true) < thr) {
        if (!screenIn(this.strong, this.pr.usable, this.sizes(), (j) => lambda * alpha * vp[j])) return "converged";
        continue;
      }
      while (sweep(false) >= thr) if (this.passes > maxit) return "maxit";
      if (this.passes > maxit) return "maxit";
    }
  }

  devRatio(): number {
    return 1 - this.rss / this.nullRss;
  }
}
