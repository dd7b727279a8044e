import type { GaussianEpoch } from "../linalg/epoch.js";
import { fuseSweep } from "../linalg/kernels.js";
import { solveSpd } from "../linalg/spd.js";
import { ElasticNet, withinLimits } from "../model/penalties/elastic-net.js";
import { DenseColumns, type Residual } from "./columns.js";
import { GaussianSolverBase, naiveRoom } from "./gaussian.js";
import type { StandardizedDesign } from "./standardize.js";
import type { SolverSettings, SolveStatus } from "./solver.js";

/**
 * Gaussian coordinate descent restricted to a working set, with Anderson extrapolation of its iterates
 * (Bertrand & Massias 2021, "Anderson acceleration of coordinate descent"; skglm's AndersonCD): the inner
 * solver of the working-set path (working-set.ts). The problem is NaiveSolver's, ½‖ỹ − X̃β‖² + penalty on
 * a dense standardized copy (rows carry √w, ‖ỹ‖² = 1), the residual r̃ = ỹ − X̃β kept; a pass over the
 * working set runs in WebAssembly (epoch.wat's naivepass, its `strong` set being the working set) where
 * the arrays fit in the fit's workspace, else in TypeScript. It takes other steps than glmnet's.
 */
export class WorkingSetSolver extends GaussianSolverBase {
  /** r̃ = ỹ − X̃β, and the residual that reads and updates it through the columns. */
  private readonly r: Float64Array;
  private readonly res: Residual;
  private readonly epoch: GaussianEpoch | null;
  private readonly pen: ElasticNet;
  /**
   * The working set: its variables in increasing order, the first `wsCount` of `wsList` (in the workspace,
   * so that the kernels' dotColumns reads it), and as flags (the epoch's strong set where the passes run
   * in WebAssembly).
   */
  private readonly wsList: Int32Array;
  private wsCount = 0;
  private readonly inSet: Int32Array;

  constructor(private readonly d: StandardizedDesign, s: SolverSettings, ytilde: Float64Array) {
    super(d.p, s, naiveRoom(d, s));
    if (!(d.columns instanceof DenseColumns) || !(s.penalty instanceof ElasticNet)) {
      throw new Error("WorkingSetSolver needs a dense design of its own and the elastic net");
    }
    const { p, n, workspace } = d;
    this.pen = s.penalty;
    this.wsList = workspace.i32(p);
    this.r = workspace.f64(n);
    this.r.set(ytilde);
    this.res = d.columns.residual(this.r);
    this.epoch = this.epochOf(p, d.xv, d.usable, { x: d.columns.x, r: this.r }, n);
    this.inSet = this.epoch?.strong ?? new Int32Array(p);
  }

  protected cross(j: number, k: number): number {
    return this.d.columns.cross(j, k);
  }

  get rows(): number {
    return this.d.n;
  }

  /** ‖r̃ − r̃'‖ since the last call (pull-bounds.ts: the gap reads only the pulls near their price). */
  residualMoved(): number {
    return this.res.moved!();
  }

  /** ‖x̃_j‖ = √xv_j (the rows carry √w). */
  columnNorm(j: number): number {
    return Math.sqrt(this.d.xv[j]);
  }

  /** Whether j is in the working set. */
  inWorkingSet(j: number): boolean {
    return this.inSet[j] !== 0;
  }

  gradient(j: number): number {
    return this.res.dot(j);
  }

  gradients(cols: Int32Array, count: number, out: Float64Array): void {
    this.res.dots(cols, count, out);
  }

  /** The working set the passes run over (variables in increasing order). */
  setWorkingSet(ws: ArrayLike<number>): void {
    this.inSet.fill(0);
    for (let a = 0; a < ws.length; a++) {
      this.inSet[ws[a]] = 1;
      this.wsList[a] = ws[a];
    }
    this.wsCount = ws.length;
  }

  /** The working set's variables: the first `workingSetSize` of this list. */
  get workingSet(): Int32Array {
    return this.wsList;
  }

  get workingSetSize(): number {
    return this.wsCount;
  }

  /** Whether the passes so far exceed maxit (for the whole path). */
  get pastMaxit(): boolean {
    return this.npasses > this.s.maxit;
  }

  /** The PointSolver's solve: passes over `strong` (as the working set) until max xv·Δβ² < thr. */
  solve(lam: number, strong: Uint8Array): SolveStatus {
    const ws: number[] = [];
    for (let j = 0; j < strong.length; j++) if (strong[j] && this.d.usable[j]) ws.push(j);
    this.setWorkingSet(ws);
    for (;;) {
      const dlx = this.pass(lam);
      if (dlx < 0) return "pmax";
      if (dlx < this.s.thr) return "converged";
      if (this.npasses > this.s.maxit) return "maxit";
    }
  }

  /** One pass of coordinate descent over the working set; its largest xv·Δβ², or −1 past pmax. */
  pass(lam: number): number {
    this.npasses++;
    const [l1, l2] = this.penaltyTerms(lam);
    const e = this.epoch;
    if (e !== null) {
      e.rsq = this.rsq;
      e.nin = this.nin;
      const ok = e.naivePass(l1, l2, fuseSweep(this.wsCount, this.d.n));
      this.rsq = e.rsq;
      this.nin = e.nin;
      return ok ? e.dlx : -1;
    }
    return this.passInTs(lam);
  }

  /** pass in TypeScript: the same update (elastic net's prox), a call into the kernels per coordinate. */
  private passInTs(lam: number): number {
    const { xv } = this.d;
    let dlx = 0;
    for (let a = 0; a < this.wsCount; a++) {
      const k = this.wsList[a];
      const gk = this.res.dot(k);
      const bk = this.beta[k];
      const b = this.pen.prox(k, gk + xv[k] * bk, xv[k], lam);
      if (b === bk) continue;
      if (!this.activate(k)) return -1;
      const del = b - bk;
      this.beta[k] = b;
      this.rsq += del * (2 * gk - del * xv[k]);
      this.res.sub(k, del);
      dlx = Math.max(dlx, xv[k] * del * del);
    }
    return dlx;
  }

  /** The primal objective ½‖r̃‖² + λ·Σ_j v_j[α|β_j| + (1−α)/2·β_j²] at the current iterate (β is 0 off the working set). */
  objective(lam: number): number {
    const { alpha, vp } = this.pen;
    let pen = 0;
    for (let a = 0; a < this.wsCount; a++) {
      const k = this.wsList[a];
      const b = this.beta[k];
      pen += vp[k] * (alpha * Math.abs(b) + 0.5 * (1 - alpha) * b * b);
    }
    return 0.5 * this.d.columns.kernels.dot(this.d.n, this.r, 0, this.r, 0) + lam * pen;
  }

  /** Move β_W to `target` (the working set's order), r̃ with it, R² recomputed from r̃. */
  moveTo(target: Float64Array): void {
    for (let a = 0; a < this.wsCount; a++) {
      const k = this.wsList[a];
      const del = target[a] - this.beta[k];
      if (del === 0) continue;
      this.beta[k] = target[a];
      this.res.sub(k, del);
    }
    this.rsq = 1 - this.d.columns.kernels.dot(this.d.n, this.r, 0, this.r, 0);
  }

  /** β on the working set, in its order, into out. */
  readWorkingSet(out: Float64Array): void {
    for (let a = 0; a < this.wsCount; a++) out[a] = this.beta[this.wsList[a]];
  }

  /** b within variable j's bounds (an extrapolated point is clamped to them). */
  clamp(j: number, b: number): number {
    return withinLimits(b, this.pen.lower[j], this.pen.upper[j]);
  }
}

/**
 * Anderson extrapolation of the last K + 1 iterates β⁰…β^K of a fixed-point map (Anderson 1965, as
 * Bertrand & Massias 2021 use it for coordinate descent): with U the K differences β^{k+1} − β^k (rows),
 * c solves (UUᵀ)c = 1 normalized to Σc = 1, and the extrapolated point is Σ_k c_k β^{k+1}. Null when UUᵀ
 * is singular (the iterates stopped moving).
 */
export function andersonPoint(iterates: readonly Float64Array[], m: number): Float64Array | null {
  // The iterates' first m entries are the working set's coefficients (the arrays may be longer).
  const K = iterates.length - 1;
  if (K < 1) return null;
  const U = Array.from({ length: K }, (_, k) => {
    const u = new Float64Array(m);
    for (let a = 0; a < m; a++) u[a] = iterates[k + 1][a] - iterates[k][a];
    return u;
  });
  const G = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let a = 0; a < m; a++) t += U[i][a] * U[j][a];
      G[i * K + j] = G[j * K + i] = t;
    }
  }
  const c = solveSpd(G, new Float64Array(K).fill(1));
  if (c === null) return null;
  let sum = 0;
  for (const v of c) sum += v;
  if (!(Math.abs(sum) > 0) || !Number.isFinite(sum)) return null;
  const out = new Float64Array(m);
  for (let k = 0; k < K; k++) {
    const ck = c[k] / sum;
    for (let a = 0; a < m; a++) out[a] += ck * iterates[k + 1][a];
  }
  return out.every(Number.isFinite) ? out : null;
}
