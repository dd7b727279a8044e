import { fuseSweep } from "../../linalg/kernels.js";
import { GroupElasticNet } from "../../model/penalties/group-elastic-net.js";
import { limitBlock } from "../../model/penalties/block-limits.js";
import type { ScoreResidual } from "../columns.js";
import { MultinomialBase } from "./multinomial.js";
import type { FitOutcome, MultiProblem, MultiSolver } from "./solver.js";

/** Below this largest p(1 − p) every fitted probability is at 0 or 1: the path stops (glmnet's eps). */
const SATURATED = 1e-6;

/**
 * glmnet's grouped multinomial (multlognetn, type.multinomial "grouped"): the loss majorised by a
 * quadratic with one curvature t = 2·max p(1 − p) for every class and row, block coordinate descent on
 * each variable's K coefficients with the group elastic net's block soft threshold at λ/t, then η and
 * p recomputed and the intercepts centred; repeated until nothing moves. Minimises
 *   −Σ_i w_i log p_{i,y_i} + λ Σ_j v_j [α‖β_j‖₂ + (1−α)/2·‖β_j‖₂²]
 * with each block step kept within the coefficients' limits (limitBlock), as glmnet's.
 * The penalty is symmetric in the classes, so at the minimum each variable's K coefficients sum to 0.
 */
export class GroupedMultinomialSolver extends MultinomialBase implements MultiSolver {
  readonly screen = "norm" as const;
  private readonly penalty: GroupElasticNet;
  /** Per class, the residual R_k = w(y_k − p_k)/t at weights w (workspace n-vectors), and its reader. */
  private readonly R: Float64Array[];
  private readonly scores: ScoreResidual[];
  private readonly wsum: number;
  /** Whether column j has been read once with its curvature (a fold's view keeps vᵀz_j from there). */
  private readonly curved: Uint8Array;
  private readonly wsq: Float64Array;
  private readonly strongIdx: Int32Array;
  private readonly pending: Float64Array;
  /** Room for limitBlock's flags. */
  private readonly fixed: Uint8Array;
  /** R_k at each pass's start (η moves by the residual's change), or null when some w_i = 0. */
  private readonly R0: Float64Array[] | null;

  constructor(pr: MultiProblem) {
    super(pr);
    const { n, p, K, workspace, w } = pr;
    this.penalty = new GroupElasticNet({ alpha: pr.alpha, vp: pr.vp });
    const wv = this.v;
    wv.set(w);
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i];
    this.wsum = s;
    this.R = Array.from({ length: K }, (_, k) => (k === 0 ? this.r : workspace.f64(n)));
    this.scores = this.R.map((r) => pr.columns.scoreResidual(r, wv));
    // A KKT check's K residuals: R is rewritten from the probabilities at every pass's start.
    this.classResiduals = this.R;
    this.curved = new Uint8Array(p);
    this.wsq = this.xvk;
    this.strongIdx = new Int32Array(p);
    this.pending = new Float64Array(K);
    this.fixed = new Uint8Array(K);
    this.R0 = w.every((wi) => wi > 0) ? Array.from({ length: K }, () => new Float64Array(n)) : null;
  }

  /** Variable j's block step at λ (on the majorizer's scale), within its coefficients' limits. */
  private blockStep(j: number, u: Float64Array, lambda: number, nb: Float64Array): void {
    const { xv, vp, alpha, limited, lower, upper } = this.pr;
    this.penalty.proxBlock(j, u, xv[j], lambda, nb);
    if (limited && nb.some((b) => b !== 0)) limitBlock(u, xv[j], lambda * alpha * vp[j], lambda * (1 - alpha) * vp[j], lower, upper, j * this.K, nb, this.fixed);
  }

  protected pullResidual(): { s: ScoreResidual; r: Float64Array } {
    return { s: this.scores[0], r: this.R[0] };
  }

  fit(lambda: number, lambdaPrev: number): FitOutcome {
    const { n, K, y, w, xv, intercept, maxit } = this.pr;
    const shr = this.pr.thresh * this.nullDev;
    this.screenStrong(lambda, lambdaPrev, "norm");
    const bs = new Float64Array(this.p * K), b0s = new Float64Array(K);
    const u = new Float64Array(K), nb = new Float64Array(K);
    for (;;) {
      const largest = largestVariance(this.prob, w, n, K);
      if (largest < SATURATED) return "saturated";
      const t = 2 * largest;
      bs.set(this.beta);
      b0s.set(this.b0);
      for (let k = 0; k < K; k++) {
        const R = this.R[k], R0 = this.R0?.[k] ?? R;
        scaledResiduals(R, R0, y, w, this.prob, k * n, n, t);
        const sc = this.scores[k];
        sc.reset(this.wsum);
        const s = sc.sum();
        if (!intercept || s === 0) continue;
        this.b0[k] += s;
        sc.subConstant(s);
      }
      const nstrong = this.strongList(this.strongIdx);
      // g[k]: class k's pull on the column visited next, read (when the columns fit in cache) in the same
      // sweep over R_k as the last column's update of it.
      const g = this.pending;
      const pull = (k: number, j: number): number => (this.curved[j] ? this.scores[k].dot(j) : this.scores[k].dotCurvature(j, this.wsq));
      const sweep = (cols: Int32Array, count: number): number => {
        this.passes += K;
        let dlx = 0;
        const fuse = fuseSweep(count, n);
        if (count > 0) {
          for (let k = 0; k < K; k++) g[k] = pull(k, cols[0]);
          this.curved[cols[0]] = 1;
        }
        for (let c = 0; c < count; c++) {
          const j = cols[c], next = c + 1 < count ? cols[c + 1] : -1;
          for (let k = 0; k < K; k++) u[k] = g[k] + this.beta[j * K + k] * xv[j];
          this.blockStep(j, u, lambda / t, nb);
          let moved = false;
          // A fold's view reads a column's pull through vᵀz_j, which its first read computes: fuse only after it.
          const fused = next >= 0 && fuse && this.curved[next] === 1;
          for (let k = 0; k < K; k++) {
            const d = nb[k] - this.beta[j * K + k];
            if (d !== 0) {
              moved = true;
              this.beta[j * K + k] = nb[k];
              dlx = Math.max(dlx, xv[j] * d * d);
              if (fused) {
                g[k] = this.scores[k].subDot(j, d, next);
                continue;
              }
              this.scores[k].sub(j, d);
            }
            if (next >= 0) g[k] = pull(k, next);
          }
          if (next >= 0) this.curved[next] = 1;
          if (moved) this.enter(j);
        }
        return dlx;
      };
      while (sweep(this.strongIdx, nstrong) >= shr) {
        while (sweep(this.activeIdx, this.nin) >= shr) if (this.passes > maxit) return "maxit";
        if (this.passes > maxit) return "maxit";
      }
      let changed = false;
      for (let k = 0; k < K; k++) if ((this.b0[k] - b0s[k]) ** 2 > shr) changed = true;
      for (let l = 0; l < this.nin; l++) {
        const j = this.activeIdx[l];
        for (let k = 0; k < K; k++) if (xv[j] * (this.beta[j * K + k] - bs[j * K + k]) ** 2 > shr) changed = true;
      }
      let m = 0;
      for (let k = 0; k < K; k++) m += this.b0[k] / K;
      for (let k = 0; k < K; k++) {
        this.b0[k] -= m;
        this.moveEta(k, m);
      }
      this.updateProbabilities();
      if (!changed && !this.kktAdds(lambda * this.pr.alpha, "norm")) return "converged";
    }
  }

  /**
   * After a pass: η_k += X̃Δβ_k + Δβ0_k − m. Every update took w∘x̃_j·δ (an intercept's w·δ) from R_k, so
   * X̃Δβ_k + Δβ0_k = (R_k,start − R_k)/w row by row (as eta-step.ts for IRLS): O(n), not a column read per
   * active variable; rebuilt from the columns when some w_i = 0 (its row says nothing of the move).
   */
  private moveEta(k: number, m: number): void {
    const R0 = this.R0?.[k];
    if (R0 === undefined) {
      this.recomputeEta(k);
      return;
    }
    const { n, w } = this.pr;
    this.scores[k].settle();
    const e = this.eta[k], R = this.R[k];
    for (let i = 0; i < n; i++) e[i] += (R0[i] - R[i]) / w[i] - m;
  }
}

/**
 * The largest p(1 − p) over rows with weight, a class at a time (a largest does not depend on the order).
 * A function of its arguments alone, so that V8 keeps the loop optimized (see multinomial.ts's logLikelihood).
 */
function largestVariance(prob: Float64Array, w: Float64Array, n: number, K: number): number {
  let t = 0;
  for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) if (w[i] > 0) t = Math.max(t, prob[k * n + i] * (1 - prob[k * n + i]));
  return t;
}

/** R = R0 = w(y − p)/t for the class whose entries of y and p start at o. Positional: see largestVariance. */
function scaledResiduals(R: Float64Array, R0: Float64Array, y: Float64Array, w: Float64Array, prob: Float64Array, o: number, n: number, t: number): void {
  for (let i = 0; i < n; i++) R0[i] = R[i] = (w[i] * (y[o + i] - prob[o + i])) / t;
}
