import { dot, waxpy } from "../../linalg/reference.js";
import { GroupElasticNet } from "../../model/penalties/group-elastic-net.js";
import { MultinomialBase } from "./multinomial.js";
import type { FitOutcome, MultiProblem, MultiSolver } from "./solver.js";

/** Below this largest p(1 − p) every fitted probability is at 0 or 1: the path stops (glmnet's eps). */
const SATURATED = 1e-6;

/**
 * glmnet's grouped multinomial (multlognetn, type.multinomial "grouped"): the loss majorised by a
 * quadratic with one curvature t = 2·max p(1 − p) for every class and row, block coordinate descent on
 * each variable's K coefficients with the group elastic net's block soft threshold at λ/t, then η and
 * p recomputed and the intercepts centred; repeated until nothing moves. Minimises
 *   −Σ_i w_i log p_{i,y_i} + λ Σ_j v_j [α‖β_j‖₂ + (1−α)/2·‖β_j‖₂²].
 * The penalty is symmetric in the classes, so at the minimum each variable's K coefficients sum to 0.
 */
export class GroupedMultinomialSolver extends MultinomialBase implements MultiSolver {
  readonly screen = "norm" as const;
  private readonly penalty: GroupElasticNet;

  constructor(pr: MultiProblem) {
    super(pr);
    this.penalty = new GroupElasticNet({ alpha: pr.alpha, vp: pr.vp });
  }

  fit(lambda: number, lambdaPrev: number): FitOutcome {
    const { n, p, K, x, y, w, xv, intercept, maxit } = this.pr;
    const shr = this.pr.thresh * this.nullDev;
    this.screenStrong(lambda, lambdaPrev, "norm");
    const R = new Float64Array(n * K);
    const bs = new Float64Array(p * K), b0s = new Float64Array(K);
    const u = new Float64Array(K), nb = new Float64Array(K);
    for (;;) {
      let t = 0;
      for (let i = 0; i < n; i++) if (w[i] > 0) for (let k = 0; k < K; k++) t = Math.max(t, this.prob[k * n + i] * (1 - this.prob[k * n + i]));
      if (t < SATURATED) return "saturated";
      t *= 2;
      bs.set(this.beta);
      b0s.set(this.b0);
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (R[k * n + i] = (w[i] * (y[k * n + i] - this.prob[k * n + i])) / t);
        if (!intercept || s === 0) continue;
        this.b0[k] += s;
        for (let i = 0; i < n; i++) R[k * n + i] -= s * w[i];
      }
      const sweep = (all: boolean): number => {
        this.passes += K;
        let dlx = 0;
        const count = all ? p : this.active.length;
        for (let c = 0; c < count; c++) {
          const j = all ? c : this.active[c];
          if (!this.strong[j]) continue;
          const o = j * n;
          for (let k = 0; k < K; k++) u[k] = dot(n, R, k * n, x, o) + this.beta[j * K + k] * xv[j];
          this.penalty.proxBlock(j, u, xv[j], lambda / t, nb);
          let moved = false;
          for (let k = 0; k < K; k++) {
            const d = nb[k] - this.beta[j * K + k];
            if (d === 0) continue;
            moved = true;
            this.beta[j * K + k] = nb[k];
            dlx = Math.max(dlx, xv[j] * d * d);
            waxpy(n, d, w, 0, x, o, R, k * n);
          }
          if (moved) this.enter(j);
        }
        return dlx;
      };
      while (sweep(true) >= shr) {
        while (sweep(false) >= shr) if (this.passes > maxit) return "maxit";
        if (this.passes > maxit) return "maxit";
      }
      let changed = false;
      for (let k = 0; k < K; k++) if ((this.b0[k] - b0s[k]) ** 2 > shr) changed = true;
      for (const j of this.active) for (let k = 0; k < K; k++) if (xv[j] * (this.beta[j * K + k] - bs[j * K + k]) ** 2 > shr) changed = true;
      let m = 0;
      for (let k = 0; k < K; k++) m += this.b0[k] / K;
      for (let k = 0; k < K; k++) {
        this.b0[k] -= m;
        this.recomputeEta(k);
      }
      this.updateProbabilities();
      if (!changed && !this.kktAdds(lambda * this.pr.alpha, "norm")) return "converged";
    }
  }
}
