import { dot, waxpy } from "../../linalg/reference.js";
import { classShift } from "../../model/penalties/class-shift.js";
import { pullSizes, screenIn, type FitOutcome, type MultiProblem, type MultiSolver } from "./solver.js";

/** glmnet's bounds on a fitted probability (glmnet.control's pmin) and on a linear predictor. */
const PMIN = 1e-9;
const PFM = (1 + PMIN) * PMIN;
const PFX = (1 - PMIN) * (1 - PMIN);
const VMIN = PFM * (1 - PMIN);

/**
 * The linear predictors, probabilities and null deviance shared by the two multinomial solvers: η is
 * kept class-major (class k at k·n) and moved with the coefficients.
 */
export abstract class MultinomialBase {
  readonly K: number;
  readonly p: number;
  readonly b0: Float64Array;
  readonly beta: Float64Array;
  passes = 0;
  protected readonly eta: Float64Array;
  protected readonly prob: Float64Array;
  protected readonly strong: Uint8Array;
  /** Variables ever nonzero, in order of entry. */
  protected readonly active: number[] = [];
  protected readonly isActive: Uint8Array;
  /** Per unit weight: −Σ w y log p at the null model (glmnet's dev1 = dev0 for one-hot y). */
  readonly nullDev: number;

  constructor(protected readonly pr: MultiProblem) {
    const { n, p, K, y, w } = pr;
    this.K = K;
    this.p = p;
    this.b0 = new Float64Array(K);
    this.beta = new Float64Array(p * K);
    this.eta = new Float64Array(n * K);
    this.prob = new Float64Array(n * K);
    this.strong = new Uint8Array(p);
    this.isActive = new Uint8Array(p);
    // The null model: b0_k = log(share of class k), centred; without an intercept every class 1/K.
    let dev = 0;
    for (let k = 0; k < K; k++) {
      let q = 0;
      for (let i = 0; i < n; i++) q += w[i] * y[k * n + i];
      if (pr.intercept) {
        this.b0[k] = Math.log(q);
        dev -= q * this.b0[k];
      }
    }
    if (!pr.intercept) dev = Math.log(K);
    let mean = 0;
    for (let k = 0; k < K; k++) mean += this.b0[k] / K;
    for (let k = 0; k < K; k++) {
      this.b0[k] -= mean;
      this.eta.fill(this.b0[k], k * n, (k + 1) * n);
    }
    this.nullDev = dev;
    this.updateProbabilities();
  }

  /** prob = softmax of η, row by row. */
  protected updateProbabilities(): void {
    const { n, K } = this.pr;
    const { eta, prob } = this;
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let k = 0; k < K; k++) m = Math.max(m, eta[k * n + i]);
      let s = 0;
      for (let k = 0; k < K; k++) s += (prob[k * n + i] = Math.exp(eta[k * n + i] - m));
      for (let k = 0; k < K; k++) prob[k * n + i] /= s;
    }
  }

  /** g_jk = x̃_jᵀW(y_k − p_k) at the current probabilities. */
  pulls(g: Float64Array): void {
    const { n, p, K, x, y, w, usable } = this.pr;
    const r = new Float64Array(n);
    g.fill(0);
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) r[i] = w[i] * (y[k * n + i] - this.prob[k * n + i]);
      for (let j = 0; j < p; j++) if (usable[j]) g[j * K + k] = dot(n, r, 0, x, j * n);
    }
  }

  /** The KKT check over the usable variables outside the strong set: true when one joins it. */
  protected kktAdds(al1: number, screen: "max" | "norm"): boolean {
    const { p, K, usable, vp } = this.pr;
    const g = new Float64Array(p * K);
    this.pulls(g);
    const size = new Float64Array(p);
    pullSizes(g, p, K, screen, size);
    return screenIn(this.strong, usable, size, (j) => al1 * vp[j]);
  }

  /** The strong rule at λ after λ_prev: screen in the variables whose pull exceeds α(2λ − λ_prev)v_j. */
  protected screenStrong(lambda: number, lambdaPrev: number, screen: "max" | "norm"): void {
    const { p, K, usable, vp, alpha } = this.pr;
    const g = new Float64Array(p * K);
    this.pulls(g);
    const size = new Float64Array(p);
    pullSizes(g, p, K, screen, size);
    const tlam = alpha * (2 * lambda - lambdaPrev);
    screenIn(this.strong, usable, size, (j) => tlam * vp[j]);
  }

  protected enter(j: number): void {
    if (this.isActive[j]) return;
    this.isActive[j] = 1;
    this.active.push(j);
  }

  /** Σ_i w_i Σ_k y_ik log p_ik: minus the deviance per unit weight, over 2. */
  protected logLik(): number {
    const { n, K, y, w } = this.pr;
    let s = 0;
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) {
        const yi = y[k * n + i];
        if (yi > 0) s += w[i] * yi * Math.log(this.prob[k * n + i]);
      }
    }
    return s;
  }

  devRatio(): number {
    return (this.nullDev + this.logLik()) / this.nullDev;
  }

  /** η_k = b0_k + Σ_{j active} β_jk x̃_j. */
  protected recomputeEta(k: number): void {
    const { n, K, x } = this.pr;
    const e = this.eta.subarray(k * n, (k + 1) * n);
    e.fill(this.b0[k]);
    for (const j of this.active) {
      const b = this.beta[j * K + k];
      if (b === 0) continue;
      const o = j * n;
      for (let i = 0; i < n; i++) e[i] += b * x[o + i];
    }
  }
}

/**
 * glmnet's ungrouped multinomial (lognetn, type.logistic "Newton"): for each class in turn, penalized
 * IRLS on that class's coefficients with the others fixed (a weighted least-squares quadratic with
 * weights w·p_k(1 − p_k), coordinate descent on it); after every round over the classes the intercepts
 * are centred and each variable's K coefficients shifted by the c that minimises their elastic net
 * (classShift), which leaves the probabilities unchanged. Minimises
 *   −Σ_i w_i log p_{i,y_i} + λ Σ_j v_j Σ_k [α|β_jk| + (1−α)/2·β_jk²].
 */
export class MultinomialSolver extends MultinomialBase implements MultiSolver {
  readonly screen = "max" as const;

  fit(lambda: number, lambdaPrev: number): FitOutcome {
    const { n, p, K, x, y, w, xv: _xv, vp, alpha, intercept, maxit } = this.pr;
    const shr = this.pr.thresh * this.nullDev;
    const al1 = lambda * alpha, al2 = lambda * (1 - alpha);
    this.screenStrong(lambda, lambdaPrev, "max");
    const r = new Float64Array(n), v = new Float64Array(n), xvk = new Float64Array(p);
    const bs = new Float64Array(p);
    for (;;) {
      let changed = false, fitted = false;
      for (let k = 0; k < K; k++) {
        // The class's quadratic: weights v = w·p(1 − p), residual r = w(y − p), with glmnet's bounds on p.
        let vsum = 0;
        for (let i = 0; i < n; i++) {
          let pi = this.prob[k * n + i];
          if (pi < PFM) { pi = 0; v[i] = 0; }
          else if (pi > PFX) { pi = 1; v[i] = 0; }
          else { v[i] = w[i] * pi * (1 - pi); vsum += v[i]; }
          r[i] = w[i] * (y[k * n + i] - pi);
        }
        if (vsum <= VMIN) continue;
        fitted = true;
        const b0s = this.b0[k];
        for (let j = 0; j < p; j++) {
          bs[j] = this.beta[j * K + k];
          if (!this.strong[j]) continue;
          let s = 0;
          const o = j * n;
          for (let i = 0; i < n; i++) s += v[i] * x[o + i] * x[o + i];
          xvk[j] = s;
        }
        const sweep = (all: boolean): number => {
          this.passes++;
          let dlx = 0;
          const cols = all ? null : this.active;
          const count = all ? p : this.active.length;
          for (let c = 0; c < count; c++) {
            const j = cols ? cols[c] : c;
            if (!this.strong[j]) continue;
            const o = j * n;
            const g = dot(n, r, 0, x, o);
            const old = this.beta[j * K + k];
            const u = g + xvk[j] * old;
            const t = Math.abs(u) - vp[j] * al1;
            const nb = t > 0 ? (u > 0 ? t : -t) / (xvk[j] + vp[j] * al2) : 0;
            const d = nb - old;
            if (d === 0) continue;
            this.beta[j * K + k] = nb;
            dlx = Math.max(dlx, xvk[j] * d * d);
            waxpy(n, d, v, 0, x, o, r, 0);
            this.enter(j);
          }
          if (intercept) {
            let s = 0;
            for (let i = 0; i < n; i++) s += r[i];
            const d = s / vsum;
            if (d !== 0) {
              this.b0[k] += d;
              dlx = Math.max(dlx, vsum * d * d);
              for (let i = 0; i < n; i++) r[i] -= d * v[i];
            }
          }
          return dlx;
        };
        while (sweep(true) >= shr) {
          while (sweep(false) >= shr) if (this.passes > maxit) return "maxit";
          if (this.passes > maxit) return "maxit";
        }
        if (vsum * (this.b0[k] - b0s) ** 2 > shr) changed = true;
        for (const j of this.active) if (xvk[j] * (this.beta[j * K + k] - bs[j]) ** 2 > shr) changed = true;
        this.recomputeEta(k);
        this.updateProbabilities();
      }
      this.centre();
      if (!fitted) return "saturated";
      if (!changed && !this.kktAdds(al1, "max")) return "converged";
    }
  }

  /** Centre the intercepts, and shift each active variable's K coefficients by classShift (η moves by a row constant). */
  private centre(): void {
    const { n, K, x, vp, alpha } = this.pr;
    let m = 0;
    for (let k = 0; k < K; k++) m += this.b0[k] / K;
    const di = new Float64Array(n).fill(-m);
    for (let k = 0; k < K; k++) this.b0[k] -= m;
    for (const j of this.active) {
      const block = this.beta.subarray(j * K, (j + 1) * K);
      const s = vp[j] > 0 ? classShift(block, alpha) : block.reduce((a, b) => a + b, 0) / K;
      if (s === 0) continue;
      for (let k = 0; k < K; k++) block[k] -= s;
      const o = j * n;
      for (let i = 0; i < n; i++) di[i] -= s * x[o + i];
    }
    for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) this.eta[k * n + i] += di[i];
    // Probabilities are unchanged by a shift common to every class.
  }
}
