import { deferredPullsRoom, EPOCH_ROOM, GaussianEpoch, naiveEpochRoom, packedCycleRoom, type EpochArrays } from "../linalg/epoch.js";
import { fuseSweep, noteSweep, type Kernels } from "../linalg/kernels.js";
import type { Workspace } from "../linalg/workspace.js";
import { ElasticNet } from "../model/penalties/elastic-net.js";
import { GRAM_BATCH, gramBatch, strongestCandidates } from "./gram-batch.js";
import { DenseColumns, type Residual } from "./columns.js";
import { DeferredPulls, worthDeferring } from "./deferred-pulls.js";
import type { StandardizedDesign } from "./standardize.js";
import type { DualPoint, PointSolver, SolverSettings, SolveStatus } from "./solver.js";

/**
 * Gaussian coordinate descent on the standardized problem ½‖ỹ − X̃β‖² + penalty, where rows carry √w
 * and ỹ has unit sum of squares, so the null deviance is 1 and devRatio is R².
 *
 * Two update schemes (Friedman, Hastie & Tibshirani 2010, §2.2):
 * - covariance: keep g_j = x̃_jᵀr̃ for every j and the Gram column x̃_jᵀx̃_k of each active k;
 *   an update costs O(p), a new active variable O(np). Best when p is small.
 * - naive: keep the residual r̃; an update costs O(n) and the pull is a dot product.
 *
 * Both read X̃ only through the design's Columns (or, for covariance updates, its Gram entries alone,
 * which sufficient statistics can give without rows: moments.ts).
 */

/**
 * Shared bookkeeping: the active set in order of entry, and R² accumulated from each update. With a
 * WebAssembly `room`, the arrays live there and the passes run in WebAssembly (linalg/epoch.ts).
 */
export abstract class GaussianSolverBase implements PointSolver {
  readonly beta: Float64Array;
  npasses = 0;
  protected rsq = 0;
  /** Position of each variable in `active`, −1 when never active. */
  protected readonly slot: Int32Array;
  protected readonly active: Int32Array;
  protected nin = 0;
  constructor(p: number, protected readonly s: SolverSettings, protected readonly room: Workspace | null = null) {
    this.beta = room ? room.f64(p) : new Float64Array(p);
    this.slot = (room ? room.i32(p) : new Int32Array(p)).fill(-1);
    const columns = Math.max(1, Math.min(p, s.pmax + 1));
    this.active = room ? room.i32(columns) : new Int32Array(columns);
  }

  /**
   * The passes in WebAssembly on this solver's arrays, the elastic net's terms and `more` (copied into the
   * room); null without a room or where the arrays did not all fit in it.
   */
  protected epochOf(p: number, xv: Float64Array, usable: Uint8Array, more: Partial<EpochArrays>, n = 0): GaussianEpoch | null {
    const room = this.room;
    const pen = this.s.penalty;
    if (room === null || !(pen instanceof ElasticNet)) return null;
    const copy = (a: ArrayLike<number>): Float64Array => {
      const v = room.f64(p);
      v.set(a);
      return v;
    };
    const ints = room.i32(p);
    ints.set(usable);
    const terms = { xv: copy(xv), vp: copy(pen.vp), lower: copy(pen.lower), upper: copy(pen.upper), strong: room.i32(p) };
    // Covariance: the cycle's packed block where the room has it beside the passes' own few numbers and
    // the path's p-vectors (the KKT check's, the gap's).
    const slots = this.active.length;
    const packed = more.gram && room.fits(packedCycleRoom(slots, p) + EPOCH_ROOM + 8 + 4 * p)
      ? { pulls: room.f64(slots), block: room.f64(slots * slots), open: room.f64(p) }
      : undefined;
    const arrays: EpochArrays = {
      ...terms, g: more.g, beta: this.beta, slot: this.slot, active: this.active, usable: ints,
      gram: more.gram, saved: more.saved, x: more.x, r: more.r, packed, deferred: more.deferred,
    };
    return GaussianEpoch.of(room, arrays, p, n, this.s.pmax);
  }

  /** The elastic net's λα and λ(1−α), as its prox computes them. */
  protected penaltyTerms(lam: number): [number, number] {
    const { alpha } = this.s.penalty as ElasticNet;
    return [lam * alpha, lam * (1 - alpha)];
  }

  intercept(): number {
    return 0;
  }

  devRatio(): number {
    return this.rsq;
  }

  /** ‖r̃‖² = ‖ỹ‖²(1 − R²) with ‖ỹ‖² = 1, and the Gram entries. */
  dual(): DualPoint {
    return { kind: "least-squares", rss: 1 - this.rsq, nullDev: 1, cross: (j, k) => this.cross(j, k) };
  }

  protected abstract cross(j: number, k: number): number;

  setThreshold(thr: number): void {
    this.s.thr = thr;
  }

  abstract gradient(j: number): number;
  abstract gradients(cols: Int32Array, count: number, out: Float64Array): void;
  abstract solve(lam: number, strong: Uint8Array, newLambda?: boolean): SolveStatus;

  /** Set once an active-set cycle has run (glmnet's iz): from then on a new λ starts with the active set. */
  protected cycled = false;

  /** Record k as active (first time it moves off zero); false when that exceeds pmax. */
  protected activate(k: number): boolean {
    if (this.slot[k] >= 0) return true;
    if (this.nin >= this.s.pmax) return false;
    this.slot[k] = this.nin;
    this.active[this.nin++] = k;
    this.onActivate(k);
    return true;
  }

  protected onActivate(_k: number): void {}
}

/**
 * What covariance updates read of X̃ and ỹ: the Gram entries x̃_jᵀx̃_k and the pulls x̃_jᵀỹ at β = 0,
 * from the rows (gramOfDesign) or from sufficient statistics alone (moments.ts).
 */
export interface Gram {
  readonly p: number;
  readonly usable: Uint8Array;
  /** x̃_jᵀx̃_j. */
  readonly xv: Float64Array;
  /** x̃_jᵀx̃_k. */
  cross(j: number, k: number): number;
  /** out[m·ldo + j] = x̃_jᵀx̃_{ks[m]} for j in cols[0..count), m < b: cross in one call, where the rows allow it. */
  crossColumns?(ks: ArrayLike<number>, b: number, cols: Int32Array, count: number, out: Float64Array, ldo: number): void;
  /** g[j] = x̃_jᵀỹ for every usable j. */
  pulls(g: Float64Array): void;
}

/** The Gram entries of a design's columns, and its pulls on ỹ. */
export function gramOfDesign(d: StandardizedDesign, ytilde: Float64Array): Gram {
  return {
    p: d.p,
    usable: d.usable,
    xv: d.xv,
    cross: (j, k) => d.columns.cross(j, k),
    ...(d.columns.crossColumns ? { crossColumns: (ks, b, cols, count, out, ldo) => d.columns.crossColumns!(ks, b, cols, count, out, ldo) } : {}),
    pulls(g) {
      // ỹ is copied in so that its products with the columns run in the kernels' memory too.
      const y = d.workspace.f64(d.n);
      y.set(ytilde);
      const res = d.columns.residual(y);
      for (let j = 0; j < d.p; j++) if (d.usable[j]) g[j] = res.dot(j);
    },
  };
}

export class CovarianceSolver extends GaussianSolverBase {
  /** g_j = x̃_jᵀ r̃ for every usable j. */
  private readonly g: Float64Array;
  /**
   * Gram columns x̃ᵀx̃_k for active k: the column of the variable in slot l at [l·p, (l+1)·p). In the
   * workspace when there is room for all the columns pmax allows; else a plain array grown as needed.
   */
  private gram: Float64Array;
  private ngram = 0;
  private readonly saved: Float64Array;
  /** axpy on the Gram columns: WebAssembly SIMD where they live in the workspace. */
  private readonly k: Kernels;
  /** Whole passes in WebAssembly, on the workspace's arrays (null: the TypeScript passes). */
  private readonly epoch: GaussianEpoch | null;
  /** A new Gram column's missing entries: their rows j, and the columns computed in one read (gram-batch.ts). */
  private readonly missing: Int32Array;
  private readonly batch: Float64Array;
  /** Candidates' columns computed ahead of their entry, by variable; the strong set they were chosen from. */
  private readonly ahead = new Map<number, Float64Array>();
  private strong: Uint8Array | null = null;

  constructor(private readonly d: Gram, s: SolverSettings, workspace: Workspace) {
    super(d.p, s, covarianceRoom(d.p, s, workspace));
    const { p } = d;
    this.k = workspace.kernels;
    this.g = workspace.f64(p);
    const columns = this.active.length;
    this.gram = workspace.fits(columns * p) ? workspace.f64(columns * p) : new Float64Array(Math.min(columns, 16) * p);
    d.pulls(this.g);
    this.saved = this.room ? this.room.f64(columns) : new Float64Array(this.active.length);
    this.missing = workspace.i32(p);
    this.batch = workspace.f64(GRAM_BATCH * p);
    this.epoch = this.epochOf(p, d.xv, d.usable, { g: this.g, gram: this.gram, saved: this.saved });
  }

  gradient(j: number): number {
    return this.g[j];
  }

  protected cross(j: number, k: number): number {
    return this.d.cross(j, k);
  }

  gradients(cols: Int32Array, count: number, out: Float64Array): void {
    for (let k = 0; k < count; k++) out[cols[k]] = this.g[cols[k]];
  }

  protected override onActivate(k: number): void {
    const { p, usable, xv } = this.d;
    const ngram = this.ngram;
    if ((ngram + 1) * p > this.gram.length) {
      const grown = new Float64Array(Math.min(this.active.length, 2 * ngram + 1) * p);
      grown.set(this.gram);
      this.gram = grown;
    }
    const gram = this.gram;
    const c = ngram * p;
    // Reuse the symmetric entry when j's own column is already computed; the others computed ahead, or now.
    const known = (j: number) => j === k || (this.slot[j] >= 0 && this.slot[j] < ngram);
    const column = this.ahead.get(k) ?? this.computeColumns(k, known);
    this.ahead.delete(k);
    for (let j = 0; j < p; j++) {
      if (!usable[j]) continue;
      gram[c + j] = j === k ? xv[k] : known(j) ? gram[this.slot[j] * p + k] : column ? column[j] : this.d.cross(j, k);
    }
    this.ngram++;
  }

  /**
   * k's Gram column over the rows not known yet, with the strongest candidates' (kept in `ahead`: a row
   * unknown when one of them enters was unknown now), in one read of X̃; null without crossColumns.
   */
  private computeColumns(k: number, known: (j: number) => boolean): Float64Array | null {
    const { p, usable, crossColumns } = this.d;
    if (!crossColumns || this.strong === null) return null;
    let count = 0;
    for (let j = 0; j < p; j++) if (usable[j] && !known(j)) this.missing[count++] = j;
    const ks = [k, ...strongestCandidates(k, gramBatch() - 1, { strong: this.strong, usable, slot: this.slot, g: this.g, ahead: this.ahead })];
    this.d.crossColumns!(ks, ks.length, this.missing, count, this.batch, p);
    for (let m = 1; m < ks.length; m++) this.ahead.set(ks[m], this.batch.slice(m * p, (m + 1) * p));
    return this.batch;
  }

  solve(lam: number, strong: Uint8Array, newLambda = false): SolveStatus {
    this.strong = strong;
    if (this.epoch !== null) return this.solveInWasm(this.epoch, lam, strong, newLambda);
    const { p, usable, xv } = this.d;
    const { penalty: pen, thr, maxit } = this.s;
    const { beta, g, slot, active } = this;
    // glmnet (iz, jz): at a new λ, once active sets have been cycled, settle the active set first.
    let activeFirst = newLambda && this.cycled;
    for (;;) {
      if (!activeFirst) {
        // A full pass over the strong set: every g is kept current.
        this.npasses++;
        let dlx = 0;
        for (let k = 0; k < p; k++) {
          if (!strong[k]) continue;
          const bk = beta[k];
          const b = pen.prox(k, g[k] + xv[k] * bk, xv[k], lam);
          if (b === bk) continue;
          if (!this.activate(k)) return "pmax";
          const del = b - bk;
          beta[k] = b;
          this.rsq += del * (2 * g[k] - del * xv[k]);
          dlx = Math.max(dlx, xv[k] * del * del);
          // g −= del·(Gram column of k): over every j, as the unusable entries of the column are 0.
          this.k.axpy(p, -del, this.gram, slot[k] * p, g, 0);
        }
        if (dlx < thr) return "converged";
        if (this.npasses > maxit) return "maxit";
      }
      activeFirst = false;
      this.cycled = true;
      // Cycle on the active set alone until it settles, updating only the active pulls.
      const nin = this.nin;
      const gram = this.gram;
      for (let l = 0; l < nin; l++) this.saved[l] = beta[active[l]];
      for (;;) {
        this.npasses++;
        let dl = 0;
        for (let l = 0; l < nin; l++) {
          const k = active[l];
          const bk = beta[k];
          const b = pen.prox(k, g[k] + xv[k] * bk, xv[k], lam);
          if (b === bk) continue;
          const del = b - bk;
          beta[k] = b;
          this.rsq += del * (2 * g[k] - del * xv[k]);
          dl = Math.max(dl, xv[k] * del * del);
          const c = l * p;
          for (let m = 0; m < nin; m++) g[active[m]] -= gram[c + active[m]] * del;
        }
        if (dl < thr) break;
        if (this.npasses > maxit) return "maxit";
      }
      // Bring the inactive pulls up to date with the net change of the active coefficients.
      for (let l = 0; l < nin; l++) {
        const da = beta[active[l]] - this.saved[l];
        if (da === 0) continue;
        const c = l * p;
        for (let j = 0; j < p; j++) if (usable[j] && slot[j] < 0) g[j] -= gram[c + j] * da;
      }
    }
  }

  /**
   * A whole λ in WebAssembly (epoch.wat's covlambda): the strong rule, the passes and the KKT check as
   * KktCheck.solve runs them with solveInWasm, the same iterates, one call per λ but for activations (a
   * variable's first Gram column is computed here). On a small path the TypeScript around the passes cost
   * more than the passes (diabetes: 88 λs, 1,164 passes). null without the passes in WebAssembly.
   */
  solveLambda(lam: number, lambdaPrev: number, strong: Uint8Array, grad: Float64Array): SolveStatus | null {
    const e = this.epoch;
    if (e === null) return null;
    if (this.gradAt !== grad) {
      const address = this.k.address(grad);
      if (address < 0) return null;
      e.setGrad(address);
      this.gradAt = grad;
    }
    this.strong = strong;
    const [l1, l2] = this.penaltyTerms(lam);
    // strongThreshold's α(2λ − λ_prev), times v_j in the call.
    const ts = (this.s.penalty as ElasticNet).alpha * (2 * lam - lambdaPrev);
    const { thr, maxit } = this.s;
    e.strong.set(strong);
    e.rsq = this.rsq;
    e.npasses = this.npasses;
    e.cycled = this.cycled;
    e.nin = this.nin;
    try {
      for (let k = e.covLambda(l1, l2, ts, thr, maxit, -1); ; k = e.covLambda(l1, l2, ts, thr, maxit, k)) {
        if (k === -1) return "converged";
        if (k === -2) return "maxit";
        // The strong set as it is now, for the columns computed ahead (computeColumns).
        strong.set(e.strong);
        if (!this.activate(k)) return "pmax";
        e.nin = this.nin;
      }
    } finally {
      this.rsq = e.rsq;
      this.npasses = e.npasses;
      this.cycled = e.cycled;
      strong.set(e.strong);
    }
  }

  /** The KKT check's pulls whose address the passes have (solveLambda). */
  private gradAt: Float64Array | null = null;

  /** gap.ts's relative gap from the pulls g, in WebAssembly (epoch.wat's covgap); null where it must project the dual point. */
  relativeGapAt(lambda: number): number | null {
    const e = this.epoch;
    if (e === null) return null;
    e.rsq = this.rsq;
    const gap = e.covGap(lambda, (this.s.penalty as ElasticNet).alpha);
    return gap === -1 ? null : gap;
  }

  /** solve, each pass one call into WebAssembly (epoch.wat's covpass, covactive, covsync): the same iterates. */
  private solveInWasm(e: GaussianEpoch, lam: number, strong: Uint8Array, newLambda: boolean): SolveStatus {
    const { p } = this.d;
    const { thr, maxit } = this.s;
    const [l1, l2] = this.penaltyTerms(lam);
    e.strong.set(strong);
    e.rsq = this.rsq;
    try {
      let activeFirst = newLambda && this.cycled;
      for (;;) {
        if (!activeFirst) {
          this.npasses++;
          e.dlx = 0;
          // A variable moving off zero for the first time needs its Gram column: the pass stops for it.
          for (let k = e.covPass(l1, l2, 0); k < p; k = e.covPass(l1, l2, k)) if (!this.activate(k)) return "pmax";
          if (e.dlx < thr) return "converged";
          if (this.npasses > maxit) return "maxit";
        }
        activeFirst = false;
        this.cycled = true;
        const nin = this.nin;
        e.covSave(nin);
        const passes = e.covActive(l1, l2, nin, thr, this.npasses, maxit);
        this.npasses = Math.abs(passes);
        if (passes < 0) return "maxit";
        e.covSync(nin);
      }
    } finally {
      this.rsq = e.rsq;
    }
  }
}

/**
 * The workspace, when covariance passes can run in WebAssembly on it: it has room for their arrays and
 * all the Gram columns pmax allows (solverRoom keeps it for p < 500); null: the TypeScript passes.
 */
function covarianceRoom(p: number, s: SolverSettings, workspace: Workspace): Workspace | null {
  const columns = Math.max(1, Math.min(p, s.pmax + 1));
  const wanted = workspace.wasm && s.penalty instanceof ElasticNet && workspace.fits(10 * p + columns * (p + 2) + (GRAM_BATCH + 1) * p + EPOCH_ROOM + 32);
  return wanted && workspace.epoch() !== null ? workspace : null;
}

export class NaiveSolver extends GaussianSolverBase {
  /** r̃ = ỹ − X̃β. */
  private readonly r: Residual;
  /** The pull of the next coordinate, left by `pass`. */
  private pullNext = 0;
  /**
   * A bound on ‖r̃ − r̃'‖ since the last call, where the residual can tell (pull-bounds.ts). Like `residual`,
   * one function shared by every solver, not a closure made per fit: the JIT inlines the call and would
   * embed a per-fit closure and its residual in its code, lost at the next fit (keep-warm.ts).
   */
  readonly residualMoved?: () => number;
  /** r̃ itself, where the residual is a plain vector (pull-bounds.ts). */
  readonly residual?: () => Float64Array;

  /** Whole passes in WebAssembly, on the workspace's X̃ and residual (null: the TypeScript passes). */
  private readonly epoch: GaussianEpoch | null;

  constructor(private readonly d: StandardizedDesign, s: SolverSettings, ytilde: Float64Array) {
    super(d.p, s, naiveRoom(d, s));
    const r = d.workspace.f64(d.n);
    r.set(ytilde);
    this.r = d.columns.residual(r);
    if (this.r.moved) this.residualMoved = NaiveSolver.prototype.residualMovedOf;
    if (this.r.vector) this.residual = NaiveSolver.prototype.residualOf;
    const dense = d.columns instanceof DenseColumns ? d.columns : null;
    const room = this.room;
    // The gap's pulls deferred to the next pass where the room has their arrays beside the passes' own.
    const deferred = dense && room?.fits(deferredPullsRoom(d.n, d.p) + naiveEpochRoom(d.p))
      ? { pending: room.i32(d.p), r: room.f64(d.n), z: room.f64(d.p), left: room.i32(d.p) }
      : undefined;
    this.epoch = dense ? this.epochOf(d.p, d.xv, d.usable, { x: dense.x, r, deferred }, d.n) : null;
    this.deferred = this.epoch !== null && dense && deferred ? new DeferredPulls(deferred, r, dense) : null;
  }

  /** The pulls a caller wants now but reads later, taken by the passes in their own reads (null: none). */
  private readonly deferred: DeferredPulls | null;

  /** residualMoved, where the residual tracks its moves. */
  private residualMovedOf(): number {
    return this.r.moved!();
  }

  /** residual, where the residual is a plain vector. */
  private residualOf(): Float64Array {
    return this.r.vector!();
  }

  /** Defer the pulls of cols[0..count) at the current residual to the next passes (false: not offered). */
  deferPulls(cols: Int32Array, count: number): boolean {
    if (this.deferred === null || !worthDeferring(count, this.d.n)) return false;
    this.deferred.defer(cols, count);
    return true;
  }

  /** The deferred pulls into out[j], the same numbers `gradients` would have given when they were deferred. */
  deferredPulls(out: Float64Array): void {
    this.deferred?.take(out);
  }

  get rows(): number {
    return this.d.n;
  }

  /** ‖x̃_j‖ = √xv_j (the rows carry √w). */
  columnNorm(j: number): number {
    return Math.sqrt(this.d.xv[j]);
  }

  gradient(j: number): number {
    return this.r.dot(j);
  }

  protected cross(j: number, k: number): number {
    return this.d.columns.cross(j, k);
  }

  gradients(cols: Int32Array, count: number, out: Float64Array): void {
    this.r.dots(cols, count, out);
  }

  /**
   * Update β_k, given its pull gk = x̃_kᵀr̃; returns xv_k·Δβ_k². Leaves in `pullNext` the pull of the
   * coordinate visited next (when next ≥ 0) on the residual as updated; with `fuse`, computed in the
   * same sweep as the update (one read of r̃ instead of two).
   */
  private pass(lam: number, k: number, gk: number, next: number, fuse: boolean): number {
    const { xv } = this.d;
    const pen = this.s.penalty;
    const bk = this.beta[k];
    const b = pen.prox(k, gk + xv[k] * bk, xv[k], lam);
    if (b === bk) {
      this.pullNext = next >= 0 ? this.gradient(next) : 0;
      return 0;
    }
    const del = b - bk;
    this.beta[k] = b;
    this.rsq += del * (2 * gk - del * xv[k]);
    if (next >= 0 && fuse) this.pullNext = this.r.subDot(k, del, next);
    else {
      this.r.sub(k, del);
      this.pullNext = next >= 0 ? this.gradient(next) : 0;
    }
    return xv[k] * del * del;
  }

  solve(lam: number, strong: Uint8Array, newLambda = false): SolveStatus {
    const { n, p } = this.d;
    const { thr, maxit } = this.s;
    let nstrong = 0;
    for (let j = 0; j < p; j++) nstrong += strong[j];
    if (this.epoch !== null) return this.solveInWasm(this.epoch, lam, strong, newLambda, nstrong);
    const fuse = fuseSweep(nstrong, n);
    // glmnet (iz, jz): at a new λ, once active sets have been cycled, settle the active set first.
    let activeFirst = newLambda && this.cycled;
    for (;;) {
      if (!activeFirst) {
        this.npasses++;
        let dlx = 0;
        let k = nextStrong(strong, 0);
        let g = k < p ? this.gradient(k) : 0;
        for (; k < p; k = nextStrong(strong, k + 1)) {
          const next = nextStrong(strong, k + 1);
          const after = next < p ? next : -1;
          if (this.beta[k] === 0 && this.slot[k] < 0) {
            const before = this.beta[k];
            const change = this.pass(lam, k, g, after, fuse);
            g = this.pullNext;
            if (this.beta[k] !== before && !this.activate(k)) return "pmax";
            dlx = Math.max(dlx, change);
          } else {
            dlx = Math.max(dlx, this.pass(lam, k, g, after, fuse));
            g = this.pullNext;
          }
        }
        if (dlx < thr) return "converged";
        if (this.npasses > maxit) return "maxit";
      }
      activeFirst = false;
      this.cycled = true;
      for (;;) {
        this.npasses++;
        let dl = 0;
        const { nin, active } = this;
        const fuseActive = fuseSweep(nin, n);
        let ga = nin > 0 ? this.gradient(active[0]) : 0;
        for (let l = 0; l < nin; l++) {
          dl = Math.max(dl, this.pass(lam, active[l], ga, l + 1 < nin ? active[l + 1] : -1, fuseActive));
          ga = this.pullNext;
        }
        if (dl < thr) break;
        if (this.npasses > maxit) return "maxit";
      }
    }
  }

  /** solve, each pass one call into WebAssembly (epoch.wat's naivepass, naiveactive): the same iterates. */
  private solveInWasm(e: GaussianEpoch, lam: number, strong: Uint8Array, newLambda: boolean, nstrong: number): SolveStatus {
    const { thr, maxit } = this.s;
    const { n } = this.d;
    const [l1, l2] = this.penaltyTerms(lam);
    e.strong.set(strong);
    e.rsq = this.rsq;
    e.nin = this.nin;
    try {
      let activeFirst = newLambda && this.cycled;
      for (;;) {
        if (!activeFirst) {
          this.npasses++;
          const fuse = fuseSweep(nstrong, n);
          const start = performance.now();
          if (!e.naivePass(l1, l2, fuse)) return "pmax";
          noteSweep({ fused: fuse, columns: nstrong, n, passes: 1 }, performance.now() - start);
          if (e.dlx < thr) return "converged";
          if (this.npasses > maxit) return "maxit";
        }
        activeFirst = false;
        this.cycled = true;
        const nin = e.nin;
        const fuse = fuseSweep(nin, n);
        const start = performance.now();
        const passes = e.naiveActive(l1, l2, thr, this.npasses, maxit, fuse);
        noteSweep({ fused: fuse, columns: nin, n, passes: Math.abs(passes) - this.npasses }, performance.now() - start);
        this.npasses = Math.abs(passes);
        if (passes < 0) return "maxit";
      }
    } finally {
      this.rsq = e.rsq;
      this.nin = e.nin;
    }
  }
}

/** The design's workspace, when the naive passes can run in WebAssembly on it; null: TypeScript passes. */
export function naiveRoom(d: StandardizedDesign, s: SolverSettings): Workspace | null {
  const ws = d.workspace;
  const usable = ws.wasm && s.penalty instanceof ElasticNet && d.columns instanceof DenseColumns;
  return usable && ws.fits(naiveEpochRoom(d.p) + d.n) && ws.epoch() !== null ? ws : null;
}

/** The first j ≥ from with strong[j] set, or strong.length. */
function nextStrong(strong: Uint8Array, from: number): number {
  let j = from;
  while (j < strong.length && !strong[j]) j++;
  return j;
}
