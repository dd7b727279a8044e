import { classShift, shiftWithinLimits } from "../../model/penalties/class-shift.js";
import { withinLimits } from "../../model/penalties/elastic-net.js";
import type { ScoreResidual } from "../columns.js";
import { FoldColumns } from "../fold-view.js";
import { screenIn, usableList, type FitOutcome, type MultiProblem, type MultiSolver } from "./solver.js";
import { fuseSweep } from "../../linalg/kernels.js";
import { SizeBounds } from "./size-bounds.js";
import { pullBoundsEnabled, pullsSkipped } from "../pull-bounds.js";

/** glmnet's bounds on a fitted probability (glmnet.control's pmin) and on a linear predictor. */
const PMIN = 1e-9;
const PFM = (1 + PMIN) * PMIN;
const PFX = (1 - PMIN) * (1 - PMIN);
const VMIN = PFM * (1 - PMIN);

/** Past these a row's exponentials are taken afresh from its largest η (no overflow, no underflow). */
const EXP_HIGH = 1e250;
const EXP_LOW = 1e-250;

/**
 * The linear predictors, probabilities and null deviance shared by the two multinomial solvers: η is
 * kept per class (eta[k], an n-vector in the workspace) and moved with the coefficients. As glmnet's
 * lognetn keeps q = exp(η) and its row sums, the exponentials ex_k = exp(η_k − c) (c a reference per
 * row) and their sums S are kept, so that moving one class's η costs n exponentials, not n·K; then
 * p_k = ex_k/S.
 */
export abstract class MultinomialBase {
  readonly K: number;
  readonly p: number;
  readonly b0: Float64Array;
  readonly beta: Float64Array;
  passes = 0;
  protected readonly eta: Float64Array[];
  /** ex[k·n + i] = exp(η_ki − rowRef_i), rowSum_i = Σ_k ex[k·n + i]. */
  protected readonly ex: Float64Array;
  protected readonly rowRef: Float64Array;
  protected readonly rowSum: Float64Array;
  /** prob[k·n + i]: as of the last syncProbabilities. */
  protected readonly prob: Float64Array;
  protected readonly strong: Uint8Array;
  /** Variables ever nonzero, in order of entry (activeIdx[0..nin)). */
  protected readonly activeIdx: Int32Array;
  protected nin = 0;
  protected readonly isActive: Uint8Array;
  /** The usable columns (a list the kernels read) and how many. */
  protected readonly cols: Int32Array;
  protected readonly ncols: number;
  /** The usable columns outside the strong set (a list the kernels read), and the sizes of their pulls. */
  private readonly outside: Int32Array;
  private readonly sizes: Float64Array;
  /** Whether `sizes` are those of the current fit (the last KKT check found nothing to add). */
  private sizesFresh = false;
  /** Bounds on the outside sizes' moves, so that only those near a threshold are computed; null: all are. */
  private readonly bounds: SizeBounds | null;
  /** Workspace scratch: a p-vector (coefficients of one class, pulls) and an n-vector. */
  protected readonly scratchP: Float64Array;
  protected readonly scratchN: Float64Array;
  /** Per unit weight: −Σ w y log p at the null model (glmnet's dev1 = dev0 for one-hot y). */
  readonly nullDev: number;

  /**
   * A score residual r at weights v and curvatures xv (workspace vectors made first: the kernels find
   * their arrays by a search that starts with the earliest made), for the subclasses' sweeps.
   */
  protected readonly r: Float64Array;
  protected readonly v: Float64Array;
  protected readonly xvk: Float64Array;
  /**
   * Per class, an n-vector for r_k = w(y_k − p_k) at a KKT check (set by the subclass; null: the classes'
   * pulls are read one class at a time), and their pulls, pullsK[k·p + j] (Columns.dotsMany).
   */
  protected classResiduals: Float64Array[] | null = null;
  private readonly pullsK: Float64Array;

  constructor(protected readonly pr: MultiProblem) {
    const { n, p, K, y, w, workspace } = pr;
    this.r = workspace.f64(n);
    this.v = workspace.f64(n);
    this.xvk = workspace.f64(p);
    this.K = K;
    this.p = p;
    this.b0 = new Float64Array(K);
    this.beta = new Float64Array(p * K);
    this.eta = Array.from({ length: K }, () => workspace.f64(n));
    // In the workspace too (not read by the kernels): a pooled memory, not n·K-sized garbage every fit.
    this.ex = workspace.f64(n * K);
    this.rowRef = workspace.f64(n);
    this.rowSum = workspace.f64(n);
    this.prob = workspace.f64(n * K);
    this.strong = new Uint8Array(p);
    this.isActive = new Uint8Array(p);
    this.activeIdx = workspace.i32(p);
    this.cols = workspace.i32(p);
    this.ncols = usableList(pr.usable, this.cols);
    this.outside = workspace.i32(p);
    this.sizes = new Float64Array(p);
    this.scratchP = workspace.f64(p);
    this.scratchN = workspace.f64(n);
    this.pullsK = workspace.f64(p * K);
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
      this.eta[k].fill(this.b0[k]);
    }
    this.nullDev = dev;
    this.updateProbabilities();
    this.bounds = SizeBounds.of(p, this.prob, workspace);
  }

  /**
   * Every row's exponentials from its largest η, their sums, and prob = softmax of η: renormalizeRow for
   * every row, the same numbers (the largest, then the sums in class order), a class at a time.
   */
  protected updateProbabilities(): void {
    const { n, K } = this.pr;
    const { ex, rowRef, rowSum, eta } = this;
    rowRef.fill(-Infinity);
    for (let k = 0; k < K; k++) raiseToMax(rowRef, eta[k], n);
    const kernels = this.pr.columns.kernels;
    for (let k = 0; k < K; k++) kernels.expDiff(n, eta[k], rowRef, ex, k * n);
    // The sums lie in [1, K] (each row's largest exponential is 1); else (a NaN) as they come.
    if (kernels.rowSums(n, K, ex, rowSum) > 0) {
      rowSum.fill(0);
      for (let k = 0; k < K; k++) addRows(rowSum, ex, k * n, n);
    }
    this.syncProbabilities();
  }

  /** Row i's exponentials taken afresh from its largest η. */
  private renormalizeRow(i: number): void {
    const { n, K } = this.pr;
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, this.eta[k][i]);
    let s = 0;
    for (let k = 0; k < K; k++) s += (this.ex[k * n + i] = Math.exp(this.eta[k][i] - m));
    this.rowRef[i] = m;
    this.rowSum[i] = s;
  }

  /** After class k's η moved: its exponentials (n of them) and the row sums. */
  protected refreshClass(k: number): void {
    const { n, columns } = this.pr;
    columns.kernels.expDiff(n, this.eta[k], this.rowRef, this.ex, k * n);
    this.sumRows();
  }

  /**
   * The rows' sums of their exponentials, after a class's moved: a row loop of its own (the kernels'
   * rowsums), not in the exponentials' loop, whose stores the sums' loads would wait on.
   */
  protected sumRows(): void {
    const { n, K, columns } = this.pr;
    const { ex, rowSum } = this;
    if (columns.kernels.rowSums(n, K, ex, rowSum) === 0) return;
    // Rows whose sum left the bounds (rowSums left theirs as they were): their exponentials afresh.
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let l = 0; l < K; l++) s += ex[l * n + i];
      if (s > EXP_HIGH || s < EXP_LOW || s !== s) this.renormalizeRow(i);
    }
  }

  /** prob = ex/S for every class. */
  protected syncProbabilities(): void {
    const { n, K } = this.pr;
    for (let k = 0; k < K; k++) divideRows(this.prob, this.ex, this.rowSum, k * n, n);
  }

  /** The score residual the pulls are read through (on an n-vector r that pulls may overwrite). */
  protected abstract pullResidual(): { s: ScoreResidual; r: Float64Array };

  /**
   * pullsK[k·p + j] = x̃_jᵀW(y_k − p_k) for j in cols[0..count) and every class, each column read once
   * for all K (Columns.dotsMany: the same numbers as a class at a time); false where it cannot.
   */
  private allClassPulls(cols: Int32Array, count: number): boolean {
    const { n, K, y, w, columns } = this.pr;
    const rs = this.classResiduals;
    if (rs === null || columns.dotsMany === undefined) return false;
    for (let k = 0; k < K; k++) {
      classResidual(rs[k], y, w, this.prob, k * n, n);
    }
    columns.dotsMany(rs, cols, count, this.pullsK, this.p);
    return true;
  }

  /** g_jk = x̃_jᵀW(y_k − p_k) at the current probabilities. */
  pulls(g: Float64Array): void {
    const { n, K, y, w } = this.pr;
    g.fill(0);
    if (this.allClassPulls(this.cols, this.ncols)) {
      for (let k = 0; k < K; k++) for (let c = 0; c < this.ncols; c++) g[this.cols[c] * K + k] = this.pullsK[k * this.p + this.cols[c]];
      return;
    }
    const { s, r } = this.pullResidual();
    const out = this.scratchP;
    for (let k = 0; k < K; k++) {
      classResidual(r, y, w, this.prob, k * n, n);
      s.reset(1);
      s.dots(this.cols, this.ncols, out);
      for (let c = 0; c < this.ncols; c++) g[this.cols[c] * K + k] = out[this.cols[c]];
    }
  }

  /**
   * sizes[j] = the size of variable j's K pulls at the current fit, for the usable variables outside
   * the strong set (only theirs are read: the strong rule and the KKT check screen them in) whose size
   * could pass threshold(j); the others keep a size that cannot (SizeBounds).
   */
  private outsideSizes(screen: "max" | "norm", threshold: (j: number) => number): Float64Array {
    const { n, K, y, w, xv } = this.pr;
    const { r, s } = this.pullResidual();
    const { scratchP, sizes, bounds } = this;
    bounds?.advance(this.prob, w, screen);
    let count = 0, outside = 0;
    for (let c = 0; c < this.ncols; c++) {
      const j = this.cols[c];
      if (this.strong[j]) continue;
      outside++;
      if (bounds === null || bounds.needs(j, sizes[j], threshold(j), xv[j])) this.outside[count++] = j;
    }
    // Columns read in order stream from memory: with most of them needed, read them all.
    if (bounds !== null && count !== outside && count > 0.8 * outside) {
      count = 0;
      for (let c = 0; c < this.ncols; c++) if (!this.strong[this.cols[c]]) this.outside[count++] = this.cols[c];
    }
    for (let c = 0; c < count; c++) sizes[this.outside[c]] = 0;
    const all = this.allClassPulls(this.outside, count);
    for (let k = 0; k < K; k++) {
      const out = all ? this.pullsK.subarray(k * this.p, (k + 1) * this.p) : scratchP;
      if (!all) {
        classResidual(r, y, w, this.prob, k * n, n);
        s.reset(1);
        s.dots(this.outside, count, out);
      }
      for (let c = 0; c < count; c++) {
        const j = this.outside[c], g = out[j];
        sizes[j] = screen === "max" ? Math.max(sizes[j], Math.abs(g)) : sizes[j] + g * g;
      }
    }
    if (screen === "norm") for (let c = 0; c < count; c++) sizes[this.outside[c]] = Math.sqrt(sizes[this.outside[c]]);
    bounds?.computed(this.outside, count, outside - count);
    return sizes;
  }

  /**
   * The KKT check over the usable variables outside the strong set: true when one joins it. When none
   * does, the fit is final, and the sizes it read are the next λ's strong rule's (glmnet's ga).
   */
  protected kktAdds(al1: number, screen: "max" | "norm"): boolean {
    const { usable, vp } = this.pr;
    const threshold = (j: number): number => al1 * vp[j];
    const added = screenIn(this.strong, usable, this.outsideSizes(screen, threshold), threshold);
    this.sizesFresh = !added;
    return added;
  }

  /** The strong rule at λ after λ_prev: screen in the variables whose pull exceeds α(2λ − λ_prev)v_j. */
  protected screenStrong(lambda: number, lambdaPrev: number, screen: "max" | "norm"): void {
    const { usable, vp, alpha } = this.pr;
    const tlam = alpha * (2 * lambda - lambdaPrev);
    const threshold = (j: number): number => tlam * vp[j];
    // With bounds, the KKT check computed only the sizes near its own (higher) threshold.
    const sizes = this.sizesFresh && this.bounds === null ? this.sizes : this.outsideSizes(screen, threshold);
    this.sizesFresh = false;
    screenIn(this.strong, usable, sizes, threshold);
  }

  /** The strong variables, in order, into `out`; returns how many. */
  protected strongList(out: Int32Array): number {
    let count = 0;
    for (let j = 0; j < this.p; j++) if (this.strong[j]) out[count++] = j;
    return count;
  }

  protected enter(j: number): void {
    if (this.isActive[j]) return;
    this.isActive[j] = 1;
    this.activeIdx[this.nin++] = j;
  }

  /** Σ_i w_i Σ_k y_ik log p_ik: minus the deviance per unit weight, over 2. */
  protected logLik(): number {
    const { n, K, y, w } = this.pr;
    return logLikelihood(y, w, this.prob, n, K);
  }

  devRatio(): number {
    return (this.nullDev + this.logLik()) / this.nullDev;
  }

  /** η_k = b0_k + Σ_{j active} β_jk x̃_j. */
  protected recomputeEta(k: number): void {
    const { K } = this.pr;
    const b = this.scratchP;
    for (let l = 0; l < this.nin; l++) b[this.activeIdx[l]] = this.beta[this.activeIdx[l] * K + k];
    this.pr.columns.linearPredictor(this.eta[k], this.b0[k], null, b, this.activeIdx, this.nin);
  }
}

/** A class step's bounds on pulls (MultinomialSolver.staysZero), per column: |g| when last read, the drift then, the step. */
interface StepBounds {
  readonly last: Float64Array;
  readonly driftAt: Float64Array;
  readonly readAt: Int32Array;
  /** Σ|δ|·√xvk over this step's updates so far (√Σv for the intercept's). */
  drift: number;
  /** The step's largest p(1 − p) over rows with weight v > 0. */
  vmax: number;
}

/**
 * glmnet's ungrouped multinomial (lognetn, type.logistic "Newton"): for each class in turn, penalized
 * IRLS on that class's coefficients with the others fixed (a weighted least-squares quadratic with
 * weights w·p_k(1 − p_k), coordinate descent on it); after every round over the classes the intercepts
 * are centred and each variable's K coefficients shifted by the c that minimises their elastic net
 * (classShift), which leaves the probabilities unchanged. Minimises
 *   −Σ_i w_i log p_{i,y_i} + λ Σ_j v_j Σ_k [α|β_jk| + (1−α)/2·β_jk²]
 * with every β_jk within its variable's limits (each coordinate step clamped to them, as glmnet's).
 */
export class MultinomialSolver extends MultinomialBase implements MultiSolver {
  readonly screen = "max" as const;
  /** The class's score residual: r = w(y_k − p_k) at weights v = w·p_k(1 − p_k), curvatures xvk = Σ v·x̃_j². */
  private readonly s: ScoreResidual;
  private readonly bs: Float64Array;
  private readonly strongIdx: Int32Array;
  /** Room for one variable's K coefficients, and for them sorted (classShift). */
  private readonly blockK: Float64Array;
  private readonly sortedK: Float64Array;
  /** The class step (counted from 1) at which column j's curvature xvk[j] was last computed. */
  private readonly curvedAt: Int32Array;
  private step = 0;
  /** Within a class step, bounds on the pulls of zero coefficients (null: every pull is read; see staysZero). */
  private readonly within: StepBounds | null;
  /** The class step's largest p(1 − p), and how many of its weights are not positive (the kernels' quadratic). */
  private readonly quad: Float64Array;
  /** y and w in the workspace, where the kernels read them. */
  private readonly yk: Float64Array;
  private readonly wk: Float64Array;

  constructor(pr: MultiProblem) {
    super(pr);
    const { p, K } = pr;
    this.blockK = new Float64Array(K);
    this.sortedK = new Float64Array(K);
    this.curvedAt = new Int32Array(p);
    this.classResiduals = Array.from({ length: K }, () => pr.workspace.f64(pr.n));
    // A fold's vᵀz_j in the workspace, where the kernels sum it in the curvature's read of z_j.
    this.s = pr.columns instanceof FoldColumns ? pr.columns.scoreResidual(this.r, this.v, pr.workspace.f64(p)) : pr.columns.scoreResidual(this.r, this.v);
    this.bs = new Float64Array(p);
    this.strongIdx = new Int32Array(p);
    this.within = pullBoundsEnabled() ? { last: new Float64Array(p), driftAt: new Float64Array(p), readAt: new Int32Array(p), drift: 0, vmax: 0 } : null;
    this.quad = pr.workspace.f64(2);
    this.yk = pr.workspace.f64(pr.n * K);
    this.yk.set(pr.y);
    this.wk = pr.workspace.f64(pr.n);
    this.wk.set(pr.w);
  }

  protected pullResidual(): { s: ScoreResidual; r: Float64Array } {
    return { s: this.s, r: this.r };
  }

  fit(lambda: number, lambdaPrev: number): FitOutcome {
    const { K, alpha, maxit } = this.pr;
    const shr = this.pr.thresh * this.nullDev;
    const al1 = lambda * alpha, al2 = lambda * (1 - alpha);
    this.screenStrong(lambda, lambdaPrev, "max");
    for (;;) {
      const nstrong = this.strongList(this.strongIdx);
      let changed = false, fitted = false;
      for (let k = 0; k < K; k++) {
        const vsum = this.classQuadratic(k);
        if (vsum <= VMIN) continue;
        fitted = true;
        // The step's starting residual (classQuadratic's copy), so that η_k follows from its end.
        const r0 = this.scratchN;
        const b0s = this.b0[k];
        for (let c = 0; c < nstrong; c++) this.bs[this.strongIdx[c]] = this.beta[this.strongIdx[c] * K + k];
        let first = true;
        for (;;) {
          const dl = this.sweep(k, this.strongIdx, nstrong, first, al1, al2, vsum);
          first = false;
          // As glmnet's loop condition (dlx ≥ shr): a NaN ends the step, and checkFinite then names it.
          if (!(dl >= shr)) break;
          while (this.sweep(k, this.activeIdx, this.nin, false, al1, al2, vsum) >= shr) if (this.passes > maxit) return "maxit";
          if (this.passes > maxit) return "maxit";
        }
        if (vsum * (this.b0[k] - b0s) ** 2 > shr) changed = true;
        for (let l = 0; l < this.nin && !changed; l++) {
          const j = this.activeIdx[l];
          if (this.xvk[j] * (this.beta[j * K + k] - this.bs[j]) ** 2 > shr) changed = true;
        }
        this.advanceClass(k, r0);
      }
      this.centre();
      this.syncProbabilities();
      if (!fitted) return "saturated";
      if (!changed && !this.kktAdds(al1, "max")) return "converged";
    }
  }

  /**
   * Class k's quadratic: weights v = w·p(1 − p), residual r = w(y − p), with glmnet's bounds on p (a
   * probability past one has weight 0); r also into scratchN (the step's start, free until centre).
   * Returns Σv. One sweep over the rows, which the sweeps' columns have pushed out of cache.
   */
  private classQuadratic(k: number): number {
    const { n, columns } = this.pr;
    this.step++;
    const vsum = columns.kernels.quadratic(n, this.ex, k * n, this.rowSum, this.yk, this.wk, this.r, this.v, this.scratchN, this.quad, PFM, PFX);
    this.s.reset(vsum);
    if (this.within !== null) {
      this.within.drift = 0;
      this.within.vmax = this.quad[0];
    }
    return vsum;
  }

  /**
   * Class k's η, exponentials and the rows' sums at its step's end: η_k += X̃Δβ_k + Δβ0_k = (r0 − s)/v row
   * by row (eta-step.ts), with the exponentials in the same row loop (the kernels' advanceexp); from the
   * columns where some v_i is not positive.
   */
  private advanceClass(k: number, r0: Float64Array): void {
    const { n, columns } = this.pr;
    this.s.settle();
    if (this.quad[1] !== 0) {
      this.recomputeEta(k);
      this.refreshClass(k);
      return;
    }
    columns.kernels.advanceExp(n, this.eta[k], r0, this.r, this.v, this.rowRef, this.ex, k * n);
    this.sumRows();
  }

  /**
   * One pass of coordinate descent over cols[0..count) for class k, then its intercept; returns the
   * largest xv·Δβ². The curvatures xv_jk are computed as each column is read: on a copy of its own only
   * for a coefficient that is nonzero (on reading) or becomes so (then apart), else all in the step's
   * first pass (`first`; a fold's view). A coordinate's residual update is fused with the next column's
   * pull when the columns fit in cache.
   */
  private sweep(k: number, cols: Int32Array, count: number, first: boolean, al1: number, al2: number, vsum: number): number {
    this.passes++;
    const { K, vp, intercept, lower, upper } = this.pr;
    const { s, xvk, beta, within } = this;
    const fuse = fuseSweep(count, this.pr.n);
    let dlx = 0;
    // Coordinates whose pull cannot move them from zero are passed over (they would not move: d = 0).
    let c = this.nextRead(k, cols, 0, count, al1);
    let g = c < count ? this.read(cols[c], this.pull(k, cols[c], first)) : 0;
    while (c < count) {
      const j = cols[c];
      const old = beta[j * K + k];
      const u = g + xvk[j] * old;
      const t = Math.abs(u) - vp[j] * al1;
      // A zero coefficient's curvature matters only once it moves (u = g whatever xv is).
      if (t > 0 && this.curvedAt[j] !== this.step) this.curve(j);
      const xj = xvk[j];
      const nb = t > 0 ? withinLimits((u > 0 ? t : -t) / (xj + vp[j] * al2), lower[j * K + k], upper[j * K + k]) : 0;
      const d = nb - old;
      if (d !== 0) {
        beta[j * K + k] = nb;
        dlx = Math.max(dlx, xj * d * d);
        if (within !== null) within.drift += Math.abs(d) * Math.sqrt(xj);
      }
      const after = this.nextRead(k, cols, c + 1, count, al1);
      const next = after < count ? cols[after] : -1;
      if (d === 0) g = next < 0 ? 0 : this.read(next, this.pull(k, next, first));
      else {
        if (next >= 0 && fuse) g = this.read(next, this.pullAfter(k, j, d, next, first));
        else {
          s.sub(j, d);
          g = next < 0 ? 0 : this.read(next, this.pull(k, next, first));
        }
        this.enter(j);
      }
      c = after;
    }
    if (intercept) {
      const d = s.sum() / vsum;
      if (d !== 0) {
        this.b0[k] += d;
        dlx = Math.max(dlx, vsum * d * d);
        s.subConstant(d);
        if (within !== null) within.drift += Math.abs(d) * Math.sqrt(vsum);
      }
    }
    return dlx;
  }

  /** Pull g of column j, just read: kept, with the drift then, for staysZero. */
  private read(j: number, g: number): number {
    const w = this.within;
    if (w !== null) {
      w.last[j] = Math.abs(g);
      w.driftAt[j] = w.drift;
      w.readAt[j] = this.step;
    }
    return g;
  }

  /** The first c ≥ from whose column's pull must be read (staysZero passes over the others). */
  private nextRead(k: number, cols: Int32Array, from: number, count: number, al1: number): number {
    if (this.within === null) return from;
    let c = from;
    while (c < count && this.staysZero(k, cols[c], al1)) c++;
    pullsSkipped.count += c - from;
    return c;
  }

  /**
   * Whether β_jk = 0 stays 0 whatever its pull now is, within its bound: read earlier in this class step
   * as g₀, the pull moves by at most √(xvk_j·xvk_l)·|δ| per update δ of a column l (Cauchy–Schwarz in the
   * step's weights v; √(xvk_j·Σv)·|δ| for the intercept), and xvk_j ≤ vmax·xv_j with vmax the step's largest
   * p(1 − p): so |g| ≤ |g₀| + √(vmax·xv_j)·drift, drift = Σ|δ|·√xvk_l since. At most v_j·λα, the coordinate's
   * soft threshold leaves it at 0, as reading the pull would: the iterates are the same, number for number.
   * The radius has room for rounding (relative 1e-9 of the drift; the dot products' errors, ‖y − p‖_w ≤ 1).
   */
  private staysZero(k: number, j: number, al1: number): boolean {
    const w = this.within!;
    if (w.readAt[j] !== this.step || this.beta[j * this.pr.K + k] !== 0) return false;
    const { xv, vp, n } = this.pr;
    const radius = Math.sqrt(w.vmax * xv[j]) * ((w.drift - w.driftAt[j]) * (1 + 1e-9)) + Math.sqrt(xv[j]) * (1e-10 + 1e-15 * n);
    return w.last[j] + radius <= vp[j] * al1;
  }

  /** Whether reading column j's pull for class k should also compute its curvature (see sweep). */
  private wantsCurvature(k: number, j: number, first: boolean): boolean {
    if (!this.s.anyColumnPulls) return first;
    return this.beta[j * this.pr.K + k] !== 0 && this.curvedAt[j] !== this.step;
  }

  /** Column j's pull on class k's residual, with its curvature when wanted. */
  private pull(k: number, j: number, first: boolean): number {
    if (!this.wantsCurvature(k, j, first)) return this.s.dot(j);
    this.curvedAt[j] = this.step;
    return this.s.dotCurvature(j, this.xvk);
  }

  /** Column j's update by d, fused with column next's pull (and its curvature when wanted). */
  private pullAfter(k: number, j: number, d: number, next: number, first: boolean): number {
    if (!this.wantsCurvature(k, next, first)) return this.s.subDot(j, d, next);
    this.curvedAt[next] = this.step;
    return this.s.subDotCurvature(j, d, next, this.xvk);
  }

  /** Column j's curvature at this step's weights, read apart from its pull. */
  private curve(j: number): void {
    this.curvedAt[j] = this.step;
    this.s.curvature(j, this.xvk);
  }

  /**
   * Centre the intercepts, and shift each active variable's K coefficients by classShift, kept within
   * their limits (shiftWithinLimits): every η moves by the same row constant di = −m − Σ_j s_j x̃_j, which
   * leaves the probabilities (and ex, S) unchanged.
   */
  private centre(): void {
    const { n, K, vp, alpha, columns, lower, upper } = this.pr;
    let m = 0;
    for (let k = 0; k < K; k++) m += this.b0[k] / K;
    for (let k = 0; k < K; k++) this.b0[k] -= m;
    const shift = this.scratchP;
    for (let l = 0; l < this.nin; l++) {
      const j = this.activeIdx[l];
      // β_j's K coefficients copied out, not viewed: a view is an object a variable and pass.
      const block = this.blockK;
      for (let k = 0; k < K; k++) block[k] = this.beta[j * K + k];
      const free = vp[j] > 0 ? classShift(block, alpha, this.sortedK) : block.reduce((a, b) => a + b, 0) / K;
      // Within the limits, penalized or not (glmnet leaves an unpenalized variable's mean shift unlimited,
      // and its fit then cycles between the shift and the clamped steps until maxit).
      const s = shiftWithinLimits(free, block, lower, upper, j * K);
      shift[j] = -s;
      if (s === 0) continue;
      for (let k = 0; k < K; k++) this.beta[j * K + k] = block[k] - s;
    }
    const di = this.scratchN;
    columns.linearPredictor(di, -m, null, shift, this.activeIdx, this.nin);
    for (let k = 0; k < K; k++) {
      const e = this.eta[k];
      for (let i = 0; i < n; i++) e[i] += di[i];
    }
    for (let i = 0; i < n; i++) this.rowRef[i] += di[i];
  }
}

/** m_i = max(m_i, e_i). Positional, as the solvers' other row loops: see logLikelihood. */
function raiseToMax(m: Float64Array, e: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) m[i] = Math.max(m[i], e[i]);
}

/** s_i += ex_i at offset o of ex. Positional: see logLikelihood. */
function addRows(s: Float64Array, ex: Float64Array, o: number, n: number): void {
  for (let i = 0; i < n; i++) s[i] += ex[o + i];
}

/** p_i = ex_i/s_i at offset o of p and ex. Positional: see logLikelihood. */
function divideRows(p: Float64Array, ex: Float64Array, s: Float64Array, o: number, n: number): void {
  for (let i = 0; i < n; i++) p[o + i] = ex[o + i] / s[i];
}

/** r = w(y_k − p_k), class k's entries of y and p starting at o. Positional: see logLikelihood. */
function classResidual(r: Float64Array, y: Float64Array, w: Float64Array, prob: Float64Array, o: number, n: number): void {
  for (let i = 0; i < n; i++) r[i] = w[i] * (y[o + i] - prob[o + i]);
}

/**
 * Σ_i w_i Σ_k y_ik log p_ik (y, p class-major). The solvers' row loops that run once per λ or per pass
 * are functions of their arguments alone, with nothing after the loop but the return: V8 optimizes such
 * a loop while its first call runs (on-stack replacement), when the code before the loop (the reads of
 * `this`) and after it has not run with type feedback yet; that optimized code then bails out at every
 * later call, and the loop runs in V8's interpreter, where every number it computes is a new heap
 * object: 20–230 MB of garbage a path at 5,000 × 200, K = 5, which is CPU time and, through V8's young
 * generation, peak memory (bench/README.md, "Multinomial (issue 16)").
 */
function logLikelihood(y: Float64Array, w: Float64Array, prob: Float64Array, n: number, K: number): number {
  let s = 0;
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      const yi = y[k * n + i];
      if (yi > 0) s += w[i] * yi * Math.log(prob[k * n + i]);
    }
  }
  return s;
}
