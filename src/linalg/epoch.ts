/**
 * Whole coordinate-descent passes of the gaussian solvers in WebAssembly (wasm/epoch.wat): one call per
 * pass over the strong or active set instead of a call into the kernels per coordinate, and code that
 * runs compiled from the first fit of a process (the TypeScript loops run interpreted until the JIT has
 * seen them enough). The passes are glmnet's, operation for operation as solve/gaussian.ts does them in
 * TypeScript, so a fit is the same bit for bit either way (test/linalg/fits.test.ts).
 *
 * The solver's arrays must be views into one workspace's memory; their addresses go into a layout block
 * the passes read (its offsets are listed at the top of epoch.wat).
 */
import { kernelCalls } from "./kernels.js";
import { RowSplit } from "./row-split.js";
import type { WasmEpoch } from "./wasm.js";
import type { Workspace } from "./workspace.js";

/** What every pass reads and writes: p-vectors (slot, strong, usable: i32s) and the elastic net's terms. */
export interface EpochArrays {
  /** Covariance updates: the pulls x̃_jᵀr̃. */
  readonly g?: Float64Array;
  readonly xv: Float64Array;
  readonly beta: Float64Array;
  readonly vp: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly slot: Int32Array;
  readonly active: Int32Array;
  readonly strong: Int32Array;
  readonly usable: Int32Array;
  /** Covariance updates: the Gram columns of the active variables, slot l's at [l·p, (l+1)·p). */
  readonly gram?: Float64Array;
  /** Covariance updates: the active coefficients before a cycle (one per slot). */
  readonly saved?: Float64Array;
  /** Naive updates: X̃ (n rows, column-major) and the residual r̃. */
  readonly x?: Float64Array;
  readonly r?: Float64Array;
  /**
   * Covariance updates, optional: room for the active-set cycle's packed pulls (one per slot) and Gram
   * block (slots × slots, slot l's row at l·active.length), so that its updates are contiguous (epoch.wat).
   */
  readonly packed?: { readonly pulls: Float64Array; readonly block: Float64Array; readonly open: Float64Array };
  /**
   * Naive updates, optional: pulls wanted on an earlier residual `r` (pending[j] = 1), which the next pass
   * reading x̃_j for its own pull computes in the same read into z[j] (epoch.wat's $dot2; DeferredPulls).
   */
  readonly deferred?: DeferredPullArrays;
}

/**
 * The arrays of deferred pulls: flags (one per variable), the earlier residual (n) and the pulls (p), and
 * room for a list of columns (p) whose pulls are computed apart.
 */
export interface DeferredPullArrays {
  readonly pending: Int32Array;
  readonly r: Float64Array;
  readonly z: Float64Array;
  readonly left: Int32Array;
}

/** f64s of the deferred pulls' arrays for n rows and p variables, aligned. */
export function deferredPullsRoom(n: number, p: number): number {
  return n + 2 * p + 8;
}

/**
 * Passes run in WebAssembly, by solver, covariance cycles on the packed block, and whole covariance λ steps and
 * gaps (covlambda, covgap): tests check that a fit ran them.
 */
export const epochCalls = { covariance: 0, naive: 0, packed: 0, lambda: 0, gap: 0 };

const LAYOUT = 30;
const NIN = 17;
/** Covariance λ steps (covlambda): the passes counted, whether an active-set cycle has run, grad's address. */
const NPASSES = 27;
const CYCLED = 28;
const GRAD = 29;

export class GaussianEpoch {
  private constructor(
    private readonly wasm: WasmEpoch,
    private readonly layout: Int32Array,
    private readonly at: number,
    /** rsq, the last pass's largest xv·Δβ². */
    private readonly state: Float64Array,
    /** The strong set of the passes to come (1: in it), set by the solver at each solve. */
    readonly strong: Int32Array,
    /** Whether the covariance cycle and covsync run on the packed block (EpochArrays.packed). */
    readonly packed: boolean,
    /** Naive: the passes split by rows with the fit's helper thread (row-split.ts), or null. */
    private readonly rows: RowSplit<WasmEpoch> | null = null,
  ) {}

  /**
   * The passes on `arrays` (views into `ws`'s memory), p variables, n rows and at most pmax active; null
   * where they cannot run: a plain workspace, or an array outside it.
   */
  static of(ws: Workspace, arrays: EpochArrays, p: number, n: number, pmax: number): GaussianEpoch | null {
    const wasm = ws.epoch();
    if (wasm === null) return null;
    const layout = ws.i32(LAYOUT);
    const state = ws.f64(3);
    const k = ws.kernels;
    const a = arrays;
    const views = [a.g, a.xv, a.beta, a.vp, a.lower, a.upper, a.slot, a.active, a.gram, a.strong, a.usable, a.saved, state];
    const addresses = views.map((v) => (v === undefined ? 0 : k.address(v)));
    const dense = [a.x, a.r].map((v) => (v === undefined ? 0 : k.address(v)));
    if ([...addresses, ...dense].some((addr) => addr < 0) || k.address(layout) < 0) return null;
    const packed = packedLayout(a, p, k);
    const deferred = a.deferred ? [a.deferred.pending, a.deferred.r, a.deferred.z].map((v) => k.address(v)) : [0, 0, 0];
    if (deferred.some((addr) => addr < 0)) return null;
    layout.set([p, ...addresses, n, ...dense, 0, pmax, ...packed, ...deferred]);
    // Naive passes on a fit with a helper thread: split by rows from ROW_SPLIT_ROWS.
    const rows = n > 0 && a.x !== undefined ? RowSplit.of(ws, n, k.rowServer(), "epoch") : null;
    return new GaussianEpoch(rows?.passes ?? wasm, layout, k.address(layout), state, a.strong, packed[0] !== 0, rows);
  }

  get rsq(): number {
    return this.state[0];
  }

  set rsq(value: number) {
    this.state[0] = value;
  }

  /** The largest xv_k·Δβ_k² of the last pass. */
  get dlx(): number {
    return this.state[1];
  }

  set dlx(value: number) {
    this.state[1] = value;
  }

  /** Active variables (the naive passes add to them). */
  get nin(): number {
    return this.layout[NIN];
  }

  set nin(value: number) {
    this.layout[NIN] = value;
  }

  /** Covariance: a strong-set pass from `from`; p when done, else the first never-active k that moves. */
  covPass(l1: number, l2: number, from: number): number {
    kernelCalls.wasm++;
    epochCalls.covariance++;
    return this.wasm.covpass(this.at, l1, l2, from);
  }

  /** Covariance: active-set passes until settled; npasses after them, negated past maxit. */
  covActive(l1: number, l2: number, nin: number, thr: number, npasses: number, maxit: number): number {
    kernelCalls.wasm++;
    if (this.packed) epochCalls.packed++;
    return this.wasm.covactive(this.at, l1, l2, nin, thr, npasses, maxit);
  }

  /**
   * Covariance: one λ, strong rule, passes and KKT check (epoch.wat's covlambda). from < 0 starts it (ts is
   * α(2λ − λ_prev)), k ≥ 0 resumes it after k's activation. Returns −1 converged, −2 past maxit, or the
   * never-active k to activate. npasses, cycled and nin are read from and left in the layout.
   */
  covLambda(l1: number, l2: number, ts: number, thr: number, maxit: number, from: number): number {
    kernelCalls.wasm++;
    epochCalls.covariance++;
    if (from < 0) epochCalls.lambda++;
    if (this.packed) epochCalls.packed++;
    return this.wasm.covlambda(this.at, l1, l2, ts, thr, maxit, from);
  }

  /** Covariance: the relative duality gap at λ from the pulls g (epoch.wat's covgap); −1 where gap.ts must project first. */
  covGap(lambda: number, alpha: number): number {
    kernelCalls.wasm++;
    epochCalls.gap++;
    return this.wasm.covgap?.(this.at, lambda, alpha) ?? -1;
  }

  /** Where covLambda's KKT check leaves the pulls it computed (the byte address of a p-vector in the workspace). */
  setGrad(address: number): void {
    this.layout[GRAD] = address;
  }

  get npasses(): number {
    return this.layout[NPASSES];
  }

  set npasses(value: number) {
    this.layout[NPASSES] = value;
  }

  get cycled(): boolean {
    return this.layout[CYCLED] !== 0;
  }

  set cycled(value: boolean) {
    this.layout[CYCLED] = value ? 1 : 0;
  }

  /** Covariance: keep the active coefficients before a cycle. */
  covSave(nin: number): void {
    this.wasm.covsave(this.at, nin);
  }

  /** Covariance: the pulls of the never-active variables, moved by the cycle's net change. */
  covSync(nin: number): void {
    kernelCalls.wasm++;
    this.wasm.covsync(this.at, nin);
  }

  /** Naive: a strong-set pass; false when a variable would exceed pmax. */
  naivePass(l1: number, l2: number, fuse: boolean): boolean {
    kernelCalls.wasm++;
    epochCalls.naive++;
    this.rows?.begin();
    try {
      return this.wasm.naivepass(this.at, l1, l2, fuse ? 1 : 0) === 0;
    } finally {
      this.rows?.end();
    }
  }

  /** Naive: active-set passes until settled; npasses after them, negated past maxit. */
  naiveActive(l1: number, l2: number, thr: number, npasses: number, maxit: number, fuse: boolean): number {
    kernelCalls.wasm++;
    this.rows?.begin();
    try {
      return this.wasm.naiveactive(this.at, l1, l2, thr, npasses, maxit, fuse ? 1 : 0);
    } finally {
      this.rows?.end();
    }
  }
}

/**
 * The packed cycle's layout entries: the addresses of pulls and block, the block's row length, the slots
 * packed so far (0) and open's address; zeros (the passes in place) without them.
 */
function packedLayout(a: EpochArrays, p: number, k: Workspace["kernels"]): number[] {
  const ld = a.active.length;
  const none = [0, 0, 0, 0, 0];
  if (!a.packed || a.packed.pulls.length < ld || a.packed.block.length < ld * ld || a.packed.open.length < p) return none;
  const at = [a.packed.pulls, a.packed.block, a.packed.open].map((v) => k.address(v));
  return at.some((addr) => addr < 0) ? none : [at[0], at[1], ld, 0, at[2]];
}

/** f64s of the covariance cycle's packed pulls and Gram block for `columns` slots, and open for p variables (EpochArrays.packed). */
export function packedCycleRoom(columns: number, p: number): number {
  return columns * (columns + 1) + p + 6;
}

/** f64s of room the passes take beside the solver's arrays: the layout block (LAYOUT i32s) and the state, with spare. */
export const EPOCH_ROOM = 36;

/**
 * f64s the gaussian solvers' passes take of a fit's workspace (solve/standardize.ts's solverRoom counts
 * them): their p-vectors (β, slot, active, strong, usable, xv and the penalty's terms), aligned.
 */
export function naiveEpochRoom(p: number): number {
  return 10 * p + EPOCH_ROOM + 32;
}
