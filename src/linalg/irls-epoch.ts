/**
 * Whole coordinate-descent passes of IRLS (binomial, Poisson) in WebAssembly (wasm/irls.wat): one call per
 * sweep of the strong set or per cycle of the active set, instead of a call into the kernels per
 * coordinate, in code that runs compiled from the first fit of a process. The passes are solve/glm.ts's,
 * operation for operation, so a fit is the same bit for bit either way (test/linalg/fits.test.ts).
 *
 * The solver's arrays must be views into one workspace's memory; their addresses go into a layout block
 * the passes read (its offsets are listed at the top of irls.wat).
 */
import { kernelCalls } from "./kernels.js";
import { RowSplit } from "./row-split.js";
import type { WasmIrls } from "./wasm.js";
import type { Workspace } from "./workspace.js";

/** What the passes read and write: X̃ (n rows, column-major), the score residual, the weights, p-vectors. */
export interface IrlsArrays {
  readonly x: Float64Array;
  /** The score residual s = w(y − μ), updated in place. */
  readonly r: Float64Array;
  /** This IRLS step's working weights. */
  readonly v: Float64Array;
  readonly xv: Float64Array;
  readonly beta: Float64Array;
  /** The elastic net's penalty factors and bounds. */
  readonly vp: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly slot: Int32Array;
  readonly active: Int32Array;
}

/**
 * A cross-validation fold's view of the full data's copy z (solve/fold-view.ts): x above is z, whose
 * columns are `stride` long; x̃_j = a_j·z_j + b_j over z's rows [0, head) and [resume, resume + tail).
 */
export interface FoldArrays {
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** vᵀz_j of the columns whose curvature the step has computed. */
  readonly vz: Float64Array;
  readonly head: number;
  readonly tail: number;
  readonly resume: number;
  readonly stride: number;
  /** The residual's τ and R (s = r − τv, R = Σs), kept in TypeScript between the passes. */
  readonly residual: { tau: number; rsum: number };
}

/** IRLS passes run in WebAssembly, and those on a fold's view (tests check that a fit ran them). */
export const irlsCalls = { passes: 0, fold: 0 };

const LAYOUT = 26;
/** dlx, β0, Σv, the last coordinate's change, a fold's τ and R, and the passes' scratch (irls.wat). */
const STATE = 7;
const NIN = 14;
const NPASSES = 17;

/** Outcome of a cycle of active-set passes. */
export type ActiveOutcome = "converged" | "maxit" | "gram";

export class IrlsEpoch {
  private constructor(
    private readonly wasm: WasmIrls,
    private readonly layout: Int32Array,
    private readonly at: number,
    /** The state block (STATE). */
    private readonly state: Float64Array,
    /** The strong set of the passes to come (1: in it), set by the solver at each solve. */
    readonly strong: Int32Array,
    private readonly residual: { tau: number; rsum: number } | null,
    /** The passes split by rows with the fit's helper thread (row-split.ts), or null. */
    private readonly rows: RowSplit<WasmIrls> | null = null,
  ) {}

  /**
   * The passes on `arrays` (views into `ws`'s memory), p variables, n rows, at most pmax active, with an
   * intercept or not; null where they cannot run: a plain workspace, no room, or an array outside it.
   */
  static of(
    ws: Workspace, arrays: IrlsArrays, dims: { p: number; n: number; pmax: number; intercept: boolean }, fold: FoldArrays | null = null,
  ): IrlsEpoch | null {
    const wasm = ws.irls();
    if (wasm === null || !ws.fits(LAYOUT + STATE + Math.ceil(dims.p / 2))) return null;
    const layout = ws.i32(LAYOUT);
    const state = ws.f64(STATE);
    const strong = ws.i32(dims.p);
    const k = ws.kernels;
    const a = arrays;
    const views = [a.x, a.r, a.v, a.xv, a.beta, a.vp, a.lower, a.upper, a.slot, a.active, strong, state];
    const addresses = views.map((v) => k.address(v));
    const foldViews = fold ? [fold.a, fold.b, fold.vz].map((v) => k.address(v)) : [0, 0, 0];
    if ([...addresses, ...foldViews, k.address(layout)].some((addr) => addr < 0)) return null;
    const stretches = fold ? [fold.head, fold.tail, fold.resume, fold.stride] : [0, 0, 0, dims.n];
    layout.set([dims.p, dims.n, ...addresses, 0, dims.pmax, dims.intercept ? 1 : 0, 0, fold ? 1 : 0, ...foldViews, ...stretches]);
    // A full-data fit with a helper thread: split by rows from ROW_SPLIT_ROWS (a fold's view never has one).
    const rows = fold === null ? RowSplit.of(ws, dims.n, k.rowServer(), "irls") : null;
    return new IrlsEpoch(rows?.passes ?? wasm, layout, k.address(layout), state, strong, fold?.residual ?? null, rows);
  }

  /** A fold's τ and R into the state before a call, and back after it. */
  private enter(): void {
    if (this.residual === null) return;
    this.state[4] = this.residual.tau;
    this.state[5] = this.residual.rsum;
  }

  private leave(): void {
    if (this.residual === null) return;
    this.residual.tau = this.state[4];
    this.residual.rsum = this.state[5];
  }

  /** The last pass's largest xv_k·Δβ_k² (with the intercept's Σv·Δβ0²). */
  get dlx(): number {
    return this.state[0];
  }

  get b0(): number {
    return this.state[1];
  }

  set b0(value: number) {
    this.state[1] = value;
  }

  set vsum(value: number) {
    this.state[2] = value;
  }

  /** Active variables (the sweeps add to them). */
  get nin(): number {
    return this.layout[NIN];
  }

  set nin(value: number) {
    this.layout[NIN] = value;
  }

  /** A sweep of the strong set and the intercept's step; `curvature`: compute xv at the new weights on the way. False at pmax. */
  pass(l1: number, l2: number, fuse: boolean, curvature: boolean): boolean {
    kernelCalls.wasm++;
    irlsCalls.passes++;
    if (this.residual !== null) irlsCalls.fold++;
    this.enter();
    this.rows?.begin();
    try {
      return this.wasm.pass(this.at, l1, l2, fuse ? 1 : 0, curvature ? 1 : 0) === 0;
    } finally {
      this.rows?.end();
      this.leave();
    }
  }

  /**
   * Active-set passes until settled (thr), past maxit, or after `passes` passes with variables active
   * ("gram": the caller goes on with the weighted Gram matrix); npasses counts them.
   */
  active(l1: number, l2: number, thr: number, npasses: number, maxit: number, fuse: boolean, passes: number): { outcome: ActiveOutcome; npasses: number } {
    kernelCalls.wasm++;
    this.enter();
    this.rows?.begin();
    let code: number;
    try {
      code = this.wasm.active(this.at, l1, l2, thr, npasses, maxit, fuse ? 1 : 0, passes);
    } finally {
      this.rows?.end();
      this.leave();
    }
    return { outcome: code === 0 ? "converged" : code === 1 ? "maxit" : "gram", npasses: this.layout[NPASSES] };
  }
}
