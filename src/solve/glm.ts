import { IrlsEpoch } from "../linalg/irls-epoch.js";
import { fuseSweep, noteSweep } from "../linalg/kernels.js";
import type { Workspace } from "../linalg/workspace.js";
import { cumulantOf } from "../model/cumulant.js";
import { binomial } from "../model/families/binomial.js";
import type { Family } from "../model/family.js";
import { ElasticNet } from "../model/penalties/elastic-net.js";
import { DenseColumns, distanceMoved, type ScoreResidual } from "./columns.js";
import { FoldColumns, type FoldScoreResidual } from "./fold-view.js";
import { familyRows, NO_STEP, type FamilyRows } from "./irls-rows.js";
import type { StandardizedDesign } from "./standardize.js";
import type { DualPoint, PointSolver, SolverSettings, SolveStatus } from "./solver.js";

/**
 * Penalized IRLS (Friedman, Hastie & Tibshirani 2010, §3): around the current fit, the GLM datafit is
 * replaced by the weighted least-squares quadratic with weights v = w·Var(μ) and residual r = w(y − μ);
 * coordinate descent minimises that plus the penalty; repeat until the coefficients stop moving.
 * Weights w sum to 1, so every quantity is per observation, as glmnet's.
 * X̃ is read only through the design's Columns, the score residual through its ScoreResidual.
 */
/** What IRLS fits besides the design: the family, the outcome, its weights (summing to 1) and offset. */
export interface IrlsData {
  readonly family: Family;
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly offset: Float64Array | null;
  /** Fit an intercept. */
  readonly intercept: boolean;
  /** The datafit's working weights and score at η, when not the family's row by row (Cox: cox.ts). */
  readonly working?: WorkingResponse;
}

/**
 * What IRLS needs of a datafit at the linear predictor η: the working weights v (the diagonal of the
 * information) and the score residual r = ∂loglik/∂η, both per unit weight, and the deviance.
 */
export interface WorkingResponse {
  /** Fills v and r at η; returns Σ v. */
  update(eta: Float64Array, v: Float64Array, r: Float64Array): number;
  /** The deviance per unit weight at the η of the last update. */
  deviance(): number;
}

export class GlmSolver implements PointSolver {
  readonly beta: Float64Array;
  npasses = 0;
  private b0: number;
  private readonly eta: Float64Array;
  private readonly mu: Float64Array;
  private readonly working: WorkingResponse;
  private readonly v: Float64Array;
  private readonly r: Float64Array;
  /** The residual at the start of the current IRLS step, from which its end's η follows (eta-step.ts). */
  private readonly r0: Float64Array;
  /** A family's rows, whose η may follow from the residual (eta-step.ts); null: a datafit's own working response. */
  private readonly rowsOf: FamilyRows | null;
  /** The score residual w(y − μ) as the columns read and update it. */
  private readonly s: ScoreResidual;
  /** Σ v: the intercept's curvature. */
  private vsum = 0;
  private readonly xv: Float64Array;
  private readonly slot: Int32Array;
  private readonly active: Int32Array;
  private nin = 0;
  /** The pull of the next coordinate, left by `coordinate`. */
  private pullNext = 0;
  /**
   * Set during the first sweep of an IRLS step: the curvatures xv_j = Σ v x_j² of the new weights are
   * computed coordinate by coordinate, in the same read of x_j as its pull, rather than in a sweep of
   * their own over every strong column beforehand (the same numbers: v does not change in between).
   */
  private curvatureDue = false;
  /** Whether this sweep's columns fit in cache, where an update fused with the next pull is faster. */
  private fuse = false;
  private readonly saved: Float64Array;
  /** v∘x_l while the weighted Gram matrix of the active set is built. */
  private readonly vx: Float64Array;
  /** The sweeps and active-set passes in WebAssembly (linalg/irls-epoch.ts); null: the TypeScript ones. */
  private readonly epoch: IrlsEpoch | null;
  /** Deviance of the null model, per unit weight; the convergence threshold scales with it. */
  readonly nullDev: number;
  /** The convergence threshold on w-weighted changes: thr × null deviance / 2 (thr may be lowered by the path). */
  private get shr(): number {
    return this.settings.thr * this.nullDev / 2;
  }

  private readonly fam: Family;
  private readonly y: Float64Array;
  private readonly w: Float64Array;
  private readonly offset: Float64Array | null;
  private readonly fitIntercept: boolean;

  constructor(private readonly d: StandardizedDesign, private readonly settings: SolverSettings, data: IrlsData) {
    ({ family: this.fam, y: this.y, w: this.w, offset: this.offset, intercept: this.fitIntercept } = data);
    const { fam, y, w, offset, fitIntercept } = this;
    const { n, p, workspace } = d;
    // With WebAssembly passes, the p-vectors they read live in the workspace too.
    const room = irlsRoom(d, settings);
    this.beta = room ? room.f64(p) : new Float64Array(p);
    // The n-vectors the kernels read go in the workspace, beside X.
    this.eta = workspace.f64(n);
    this.v = workspace.f64(n);
    this.r = workspace.f64(n);
    this.vx = workspace.f64(n);
    // Binomial's rows run in WebAssembly (irls-rows.ts) where y, w, μ and r₀ can be views beside η, v and r.
    const rowsInWasm = room !== null && fam === binomial && data.working === undefined && workspace.fits(4 * n + 8);
    this.mu = rowsInWasm ? workspace.f64(n) : new Float64Array(n);
    this.r0 = rowsInWasm ? workspace.f64(n) : new Float64Array(n);
    if (rowsInWasm) {
      this.y = workspace.f64Copy(y);
      this.w = workspace.f64Copy(w);
    }
    this.rowsOf = data.working === undefined ? familyRows(fam, this.y, this.w, this.mu, rowsInWasm ? workspace : null) : null;
    this.working = this.rowsOf ?? data.working!;
    // A fold's view keeps vᵀz_j in the workspace too, where the passes read it.
    this.s = room && d.columns instanceof FoldColumns ? d.columns.scoreResidual(this.r, this.v, room.f64(p)) : d.columns.scoreResidual(this.r, this.v);
    this.xv = workspace.f64(p);
    this.slot = (room ? room.i32(p) : new Int32Array(p)).fill(-1);
    const columns = Math.max(1, Math.min(p, settings.pmax + 1));
    this.active = room ? room.i32(columns) : new Int32Array(columns);
    this.saved = new Float64Array(p + 1);
    this.b0 = fitIntercept ? fam.nullIntercept(y, w, offset) : 0;
    this.updateFit();
    this.nullDev = this.working.deviance();
    this.epoch = room ? this.epochOf(room) : null;
  }

  /** The passes in WebAssembly on this solver's arrays and the elastic net's terms (copied into the room). */
  private epochOf(room: Workspace): IrlsEpoch | null {
    const { p, n, columns } = this.d;
    const pen = this.settings.penalty as ElasticNet;
    const copy = (a: ArrayLike<number>): Float64Array => {
      const v = room.f64(p);
      v.set(a);
      return v;
    };
    const fold = columns instanceof FoldColumns ? columns : null;
    const arrays = {
      x: fold ? fold.z : (columns as DenseColumns).x, r: this.r, v: this.v, xv: this.xv, beta: this.beta,
      vp: copy(pen.vp), lower: copy(pen.lower), upper: copy(pen.upper), slot: this.slot, active: this.active,
    };
    const view = fold && {
      a: copy(fold.a), b: copy(fold.b), vz: (this.s as FoldScoreResidual).vz, residual: this.s as FoldScoreResidual,
      head: fold.head, tail: fold.tail, resume: fold.resume, stride: fold.stride,
    };
    return IrlsEpoch.of(room, arrays, { p, n, pmax: this.settings.pmax, intercept: this.fitIntercept }, view);
  }

  intercept(): number {
    return this.b0;
  }

  gradient(j: number): number {
    return this.s.dotAny(j);
  }

  gradients(cols: Int32Array, count: number, out: Float64Array): void {
    this.s.dots(cols, count, out);
  }

  /** ‖s − s'‖, s' the score residual at the previous call (pull-bounds.ts: the KKT check's bounds). */
  residualMoved(): number {
    this.s.settle();
    if (this.seen === null) {
      this.seen = this.r.slice();
      return 0;
    }
    return distanceMoved(this.r, this.seen);
  }

  /** s, settled (pull-bounds.ts). */
  residual(): Float64Array {
    this.s.settle();
    return this.r;
  }

  /** The residual at the last residualMoved call. */
  private seen: Float64Array | null = null;

  get rows(): number {
    return this.d.n;
  }

  /** ‖x̃_j‖ (its unweighted length: the pulls are x̃_jᵀs). */
  columnNorm(j: number): number {
    return Math.sqrt(this.d.columns.cross(j, j));
  }

  devRatio(): number {
    return 1 - this.working.deviance() / this.nullDev;
  }

  setThreshold(thr: number): void {
    this.settings.thr = thr;
  }

  /** The datafit at the current η and μ (as the last IRLS step left them: solve ends on updateFit). */
  dual(): DualPoint {
    const { fam, y, w, mu, eta } = this;
    const cumulant = cumulantOf(fam);
    return {
      kind: "irls", y, w, mu, eta, intercept: this.fitIntercept, nullDev: this.nullDev,
      mean: (e) => fam.mean(e),
      variance: (m) => fam.variance(m),
      bregman: cumulant.bregman,
      bregmanSum: cumulant.bregmanSum,
      inDomain: cumulant.inDomain,
      shiftInDomain: cumulant.shiftInDomain,
      rescore: (t, z) => this.rescore(t, z),
    };
  }

  /** The usable columns' list for rescore, in the workspace (the kernels read it there); made on first use. */
  private usableCols: Int32Array | null = null;

  /** μ(η + t) and the pulls z_j = x̃_jᵀw(y − μ(η + t)) of every usable j; r is restored after. */
  private rescore(t: number, z: Float64Array): Float64Array {
    const { n, p, usable } = this.d;
    const { y, w, r, eta, mu, fam } = this;
    const mt = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      mt[i] = fam.mean(eta[i] + t);
      r[i] = w[i] * (y[i] - mt[i]);
    }
    this.s.reset(this.vsum);
    const cols = (this.usableCols ??= this.d.workspace.i32(p));
    let count = 0;
    for (let j = 0; j < p; j++) if (usable[j]) cols[count++] = j;
    this.s.dots(cols, count, z);
    for (let i = 0; i < n; i++) r[i] = w[i] * (y[i] - mu[i]);
    this.s.reset(this.vsum);
    return mt;
  }

  /**
   * η, μ, the working weights and the score residual at the current coefficients; after an IRLS step
   * (`stepped`), η from the step's residual where it can be (eta-step.ts), else from the columns.
   */
  private updateFit(stepped = false): void {
    const { eta, v, r, offset } = this;
    let vsum = NO_STEP;
    if (stepped && this.rowsOf !== null) {
      // η₁ = η₀ + (r₀ − s)/v and the new working response, in one loop; NO_STEP where some v_i = 0.
      this.s.settle();
      vsum = this.rowsOf.advance(eta, this.r0, v, r);
    }
    if (vsum === NO_STEP) {
      this.d.columns.linearPredictor(eta, this.b0, offset, this.beta, this.active, this.nin);
      vsum = this.working.update(eta, v, r);
    }
    this.vsum = vsum;
    this.s.reset(vsum);
  }

  /**
   * Update β_k, given its pull gk = x_kᵀr; returns xv_k·Δβ_k², or −1 when β_k did not move. Leaves in
   * `pullNext` the pull x_nextᵀr of the coordinate visited next (when next ≥ 0), on the residual as
   * updated; when the sweep's columns fit in cache (`fuse`), computed in the same sweep over r as the
   * update (one read of r instead of two).
   */
  private coordinate(k: number, gk: number, next: number, lam: number): number {
    const { xv } = this;
    const xvk = xv[k];
    const bk = this.beta[k];
    const b = this.settings.penalty.prox(k, gk + xvk * bk, xvk, lam);
    if (b === bk) {
      this.pullNext = next >= 0 ? this.pull(next) : 0;
      return -1;
    }
    const del = b - bk;
    this.beta[k] = b;
    if (next >= 0 && this.fuse) {
      this.pullNext = this.curvatureDue ? this.s.subDotCurvature(k, del, next, xv) : this.s.subDot(k, del, next);
    } else {
      this.s.sub(k, del);
      this.pullNext = next >= 0 ? this.pull(next) : 0;
    }
    return xvk * del * del;
  }

  /** The pull x̃_kᵀs on the current residual (and xv_k, when the curvatures are due). */
  private pull(k: number): number {
    return this.curvatureDue ? this.s.dotCurvature(k, this.xv) : this.s.dot(k);
  }

  /**
   * Whether the intercept and every coefficient are finite numbers. An IRLS step can overflow them, and a
   * coordinate whose curvature xv_k underflowed to 0 while its pull beats its price divides by 0: its
   * NaN or ±∞ need not reach the active set (NaN·0 fails the sweep's tests), so all p are read.
   */
  private finiteFit(): boolean {
    if (!Number.isFinite(this.b0)) return false;
    const beta = this.beta;
    for (let j = 0; j < beta.length; j++) if (!Number.isFinite(beta[j])) return false;
    return true;
  }

  private interceptStep(): number {
    if (!this.fitIntercept || this.vsum <= 0) return 0;
    const del = this.s.sum() / this.vsum;
    if (del === 0) return 0;
    this.b0 += del;
    this.s.subConstant(del);
    return this.vsum * del * del;
  }

  /**
   * Cycle over the active set until it settles. Long cycles switch to the weighted Gram matrix of the
   * active set (XᵀVX, built in O(n·a²)), after which an update costs O(a) instead of O(n): the same
   * iterates, much cheaper when the design is ill-conditioned and the cycle runs many passes.
   */
  private activeLoop(lam: number, maxit: number): "converged" | "maxit" {
    const a = this.nin;
    const naivePasses = 2 + (a >> 2);
    for (let pass = 0; ; pass++) {
      if (pass === naivePasses && a > 0) return this.gramLoop(lam, maxit);
      this.npasses++;
      let dl = 0;
      const active = this.active;
      this.fuse = fuseSweep(a, this.d.n);
      let g = a > 0 ? this.pull(active[0]) : 0;
      for (let l = 0; l < a; l++) {
        dl = Math.max(dl, this.coordinate(active[l], g, l + 1 < a ? active[l + 1] : -1, lam));
        g = this.pullNext;
      }
      dl = Math.max(dl, this.interceptStep());
      if (dl < this.shr) return "converged";
      if (this.npasses > maxit) return "maxit";
    }
  }

  private gramLoop(lam: number, maxit: number): "converged" | "maxit" {
    const pen = this.settings.penalty;
    const a = this.nin;
    const idx = this.active.subarray(0, a);
    const { v, beta, vx } = this;
    // G = X̃_Aᵀ V X̃_A, c = X̃_Aᵀ v (couples the intercept), g = X̃_Aᵀ s, sr = Σ s.
    const G = new Float64Array(a * a);
    const c = new Float64Array(a);
    const g = new Float64Array(a);
    this.d.columns.weightedGram(idx, v, this.vsum, G, c, vx);
    for (let l = 0; l < a; l++) g[l] = this.s.dot(idx[l]);
    let sr = this.s.sum();
    const start = new Float64Array(a);
    for (let l = 0; l < a; l++) start[l] = beta[idx[l]];
    const b0Start = this.b0;
    let status: "converged" | "maxit" = "converged";
    for (;;) {
      this.npasses++;
      let dl = 0;
      for (let l = 0; l < a; l++) {
        const k = idx[l];
        const gll = G[l * a + l];
        const bk = beta[k];
        const b = pen.prox(k, g[l] + gll * bk, gll, lam);
        if (b === bk) continue;
        const del = b - bk;
        beta[k] = b;
        for (let m = 0; m < a; m++) g[m] -= G[m * a + l] * del;
        sr -= c[l] * del;
        dl = Math.max(dl, gll * del * del);
      }
      if (this.fitIntercept && this.vsum > 0) {
        const d = sr / this.vsum;
        if (d !== 0) {
          this.b0 += d;
          for (let m = 0; m < a; m++) g[m] -= c[m] * d;
          sr -= d * this.vsum;
          dl = Math.max(dl, this.vsum * d * d);
        }
      }
      if (dl < this.shr) break;
      if (this.npasses > maxit) {
        status = "maxit";
        break;
      }
    }
    // Bring the residual up to date with the net change: s −= V(X̃_A Δβ + Δβ0).
    for (let l = 0; l < a; l++) start[l] = beta[idx[l]] - start[l];
    this.s.moveBy(idx, start, this.b0 - b0Start, sr);
    return status;
  }

  solve(lam: number, strong: Uint8Array): SolveStatus {
    const { n, p } = this.d;
    const { maxit } = this.settings;
    const shr = this.shr;
    let nstrong = 0;
    for (let j = 0; j < p; j++) nstrong += strong[j];
    const fuseStrong = this.epoch === null && fuseSweep(nstrong, n);
    if (this.epoch !== null) this.epoch.strong.set(strong);
    for (;;) {
      // Outer IRLS step: fix the quadratic approximation at the current fit.
      const b0s = this.b0;
      for (let l = 0; l < this.nin; l++) this.saved[l] = this.beta[this.active[l]];
      this.s.settle();
      this.r0.set(this.r);
      const ninBefore = this.nin;
      const status = this.epoch !== null
        ? this.quadraticInWasm(this.epoch, lam, nstrong)
        : this.quadratic(lam, strong, fuseStrong);
      // A coefficient out of the numbers first: it also stalls the passes ("maxit" would misname it).
      if (!this.finiteFit()) return "diverged";
      if (status !== "converged") return status;
      this.updateFit(true);
      // lognet's test: every probability 0 or 1 (fishnet has none).
      if (this.fam.saturated(this.vsum)) return "saturated";
      // Converged when no coefficient moved more than the threshold in this IRLS step.
      let moved = this.vsum * (this.b0 - b0s) ** 2 >= shr;
      for (let l = 0; l < this.nin && !moved; l++) {
        const k = this.active[l];
        const before = l < ninBefore ? this.saved[l] : 0;
        if (this.xv[k] * (this.beta[k] - before) ** 2 >= shr) moved = true;
      }
      if (!moved) return "converged";
      if (this.npasses > maxit) return "maxit";
    }
  }

  /** Coordinate descent on one IRLS step's quadratic: strong-set sweeps, each followed by an active-set cycle. */
  private quadratic(lam: number, strong: Uint8Array, fuseStrong: boolean): SolveStatus {
    const p = this.d.p;
    const { maxit } = this.settings;
    const shr = this.shr;
    // The curvatures of the strong set at the new weights, computed in the first sweep below.
    this.curvatureDue = true;
    for (;;) {
      this.npasses++;
      let dlx = 0;
      this.fuse = fuseStrong;
      let k = nextStrong(strong, 0);
      let g = k < p ? this.pull(k) : 0;
      for (; k < p; k = nextStrong(strong, k + 1)) {
        const next = nextStrong(strong, k + 1);
        const c = this.coordinate(k, g, next < p ? next : -1, lam);
        g = this.pullNext;
        if (c < 0) continue;
        if (this.slot[k] < 0) {
          if (this.nin >= this.settings.pmax) return "pmax";
          this.slot[k] = this.nin;
          this.active[this.nin++] = k;
        }
        dlx = Math.max(dlx, c);
      }
      this.curvatureDue = false;
      dlx = Math.max(dlx, this.interceptStep());
      if (dlx < shr) return "converged";
      if (this.npasses > maxit) return "maxit";
      if (this.activeLoop(lam, maxit) === "maxit") return "maxit";
    }
  }

  /** quadratic, each sweep and each active-set cycle one call into WebAssembly (irls.wat): the same iterates. */
  private quadraticInWasm(e: IrlsEpoch, lam: number, nstrong: number): SolveStatus {
    const { maxit } = this.settings;
    const { n } = this.d;
    // The elastic net's λα and λ(1−α), as its prox computes them.
    const { alpha } = this.settings.penalty as ElasticNet;
    const l1 = lam * alpha, l2 = lam * (1 - alpha);
    const shr = this.shr;
    e.vsum = this.vsum;
    e.b0 = this.b0;
    e.nin = this.nin;
    for (let curvature = true; ; curvature = false) {
      this.npasses++;
      const fuse = fuseSweep(nstrong, n);
      const start = performance.now();
      const fits = e.pass(l1, l2, fuse, curvature);
      // The first sweep of an IRLS step also sums the curvatures: another kernel, not timed with the others.
      if (!curvature) noteSweep({ fused: fuse, columns: nstrong, n, passes: 1 }, performance.now() - start);
      this.b0 = e.b0;
      this.nin = e.nin;
      if (!fits) return "pmax";
      if (e.dlx < shr) return "converged";
      if (this.npasses > maxit) return "maxit";
      // activeLoop: naive passes first, then the weighted Gram matrix (in TypeScript) if they run long.
      const a = this.nin;
      const fuseActive = fuseSweep(a, n);
      const cycleStart = performance.now();
      const passesBefore = this.npasses;
      const cycle = e.active(l1, l2, shr, this.npasses, maxit, fuseActive, 2 + (a >> 2));
      noteSweep({ fused: fuseActive, columns: a, n, passes: cycle.npasses - passesBefore }, performance.now() - cycleStart);
      this.npasses = cycle.npasses;
      this.b0 = e.b0;
      const outcome = cycle.outcome === "gram" ? this.gramLoop(lam, maxit) : cycle.outcome;
      e.b0 = this.b0;
      if (outcome === "maxit") return "maxit";
    }
  }
}


/** The first j ≥ from with strong[j] set, or strong.length. */
function nextStrong(strong: Uint8Array, from: number): number {
  let j = from;
  while (j < strong.length && !strong[j]) j++;
  return j;
}

/** The design's workspace, when IRLS's passes can run in WebAssembly on it; null: TypeScript passes. */
function irlsRoom(d: StandardizedDesign, s: SolverSettings): Workspace | null {
  const ws = d.workspace;
  const usable = ws.wasm && s.penalty instanceof ElasticNet && (d.columns instanceof DenseColumns || d.columns instanceof FoldColumns);
  return usable && ws.fits(4 * d.n + 11 * d.p + 64) && ws.irls() !== null ? ws : null;
}
