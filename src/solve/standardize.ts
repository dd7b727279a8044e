import type { ModelMatrix } from "../data/matrix.js";
import { Workspace } from "../linalg/workspace.js";

/**
 * The design as the solver sees it: centred (with an intercept) and scaled to unit 1/n variance
 * (with `standardize`), as glmnet's `standard` routine does. Means and scales are kept to report
 * coefficients on the original scale: β_j = β̃_j·(yScale)/scale_j, β0 = yMean − Σ β_j·mean_j.
 */
export interface StandardizedDesign {
  readonly n: number;
  readonly p: number;
  /**
   * Column-major, transformed copy of X; for gaussian also multiplied by √w row-wise. For a fold's view
   * (`view`), the full data's copy, whose columns are `stride` rows long, of which the fold skips some.
   */
  readonly x: Float64Array;
  /** Rows from one column of x to the next: n, or the full data's for a fold's view. */
  readonly stride: number;
  /** Set when this is a cross-validation fold's view of the full data's copy, not a copy of its own. */
  readonly view: FoldView | null;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** Σ_i w_i x̃_ij² (1 for standardized columns with an intercept). */
  readonly xv: Float64Array;
  /** 1 when the column varies and is not excluded: usable by the solver. */
  readonly usable: Uint8Array;
  /**
   * Holds `x` and has room for the solver's vectors (solverRoom), so the WebAssembly kernels can run
   * on them; the solvers take their big arrays and their kernels from here.
   */
  readonly workspace: Workspace;
}

/**
 * A fold of cross-validation seen through the full data's standardized copy x (rows in fold order),
 * instead of standardized into a copy of its own: the fold's held-out rows are x's rows [start, end),
 * its rows are the others in order, and over them its column j (centred and scaled by the fold's own
 * mean and sd, as glmnet standardizes a fold) is the affine map of x's column a_j·x_j + b_j·u, with u = √w
 * of the full data's weights for gaussian (whose copy carries √w) and 1 otherwise. The solvers apply
 * a and b to what the kernels compute on x's columns.
 */
export interface FoldView {
  readonly start: number;
  readonly end: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Gaussian: uᵀx_j over the fold's rows, and uᵀu. */
  readonly ux: Float64Array;
  readonly uu: number;
}

/** The full data's standardized copy, as the folds of a cross-validation view it. */
export interface FullCopy {
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** The sum of the full data's weights (a fold's are normalized to its own sum). */
  readonly weightSum: number;
}

/**
 * f64s a fit's workspace keeps beside X for the solver: eight n-vectors (residual, weights, η, …), four
 * p-vectors, the path's pulls and column list and a fold's partial pulls (three more), and, when p < 500 (where covariance updates
 * are the default), the covariance solver's Gram columns (a p-vector per active variable, p of them at
 * most). Arrays beyond this room are plain and use the TypeScript kernels: slower, never different.
 */
export function solverRoom(n: number, p: number): number {
  return 8 * n + 7 * p + 4 + (p < 500 ? p * p : 0);
}

/** f64s of a fit's workspace: the standardized copy of X and the solver's room. */
export function designRoom(n: number, p: number): number {
  return n * p + solverRoom(n, p);
}

/** A column is constant when every value equals the first (glmnet's chkvars). */
export function isConstantColumn(data: Float64Array, offset: number, n: number): boolean {
  const first = data[offset];
  for (let i = 1; i < n; i++) if (data[offset + i] !== first) return false;
  return true;
}

/**
 * Weighted centring and scaling of the columns of X (of its rows `rows` only, when given: a fold's
 * training rows, read from the full matrix without a copy of their own) into `workspace`, which must
 * have designRoom(n, p) f64s of room; w sums to 1.
 * `sqrtWeighted` multiplies each row by √w_i (gaussian: the problem then has unit weights).
 */
export function standardizeDesign(
  x: ModelMatrix,
  w: Float64Array,
  opts: { intercept: boolean; standardize: boolean; sqrtWeighted: boolean; excluded: Uint8Array },
  rows: Int32Array | null = null,
  workspace: Workspace = Workspace.create(designRoom(rows ? rows.length : x.n, x.p)),
  out: Float64Array = workspace.f64((rows ? rows.length : x.n) * x.p),
): StandardizedDesign {
  const { p, data } = x;
  const n = rows ? rows.length : x.n;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const xv = new Float64Array(p);
  const usable = new Uint8Array(p);
  const sw = opts.sqrtWeighted ? Float64Array.from(w, Math.sqrt) : null;
  // A fold's training rows are gathered into one plain column buffer (plain arrays are read faster
  // than views of WebAssembly memory), then standardized into the copy as a full matrix's columns are.
  const gathered = rows ? new Float64Array(n) : null;
  for (let j = 0; j < p; j++) {
    if (opts.excluded[j]) continue;
    let src = data, so = j * n;
    if (rows && gathered) {
      for (let i = 0; i < n; i++) gathered[i] = data[j * x.n + rows[i]];
      src = gathered;
      so = 0;
    }
    if (isConstantColumn(src, so, n)) continue;
    const m = weightedMean(src, so, n, w);
    const sd = weightedSd(src, so, n, w, m);
    // Constant among the rows that carry weight: nothing to learn from it.
    if (!(sd > 0)) continue;
    usable[j] = 1;
    const center = opts.intercept ? m : 0;
    const s = opts.standardize ? sd : 1;
    mean[j] = center;
    scale[j] = s;
    xv[j] = sw ? scaleColumnWeighted(src, so, out, j * n, n, center, s, w, sw) : scaleColumn(src, so, out, j * n, n, center, s, w);
  }
  return { n, p, x: out, stride: n, view: null, mean, scale, xv, usable, workspace };
}

/**
 * A fold's design as a view of the full data's copy (FoldView): the fold's means, scales, curvatures
 * and usable columns computed from its rows of X exactly as standardizeDesign computes them, and the
 * map from the copy's columns to the fold's. `rows` are the fold's rows of X in the copy's order
 * (before and after its held-out rows [start, end)); w, the fold's weights, sum to 1, and `weightSum`
 * is what they summed to before.
 */
export function viewFold(
  full: FullCopy,
  x: ModelMatrix,
  rows: Int32Array,
  start: number,
  end: number,
  w: Float64Array,
  weightSum: number,
  opts: { intercept: boolean; standardize: boolean; sqrtWeighted: boolean; excluded: Uint8Array },
  workspace: Workspace,
): StandardizedDesign {
  const { p, data } = x;
  const n = rows.length;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const xv = new Float64Array(p);
  const usable = new Uint8Array(p);
  const a = new Float64Array(p);
  const b = new Float64Array(p);
  const ux = new Float64Array(p);
  // Gaussian: the copy carries √(w_i/W) of the full weights, the fold √(w_i/W_k) of its own.
  const share = weightSum / full.weightSum;
  const c = opts.sqrtWeighted ? Math.sqrt(1 / share) : 1;
  const gathered = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    if (opts.excluded[j]) continue;
    for (let i = 0; i < n; i++) gathered[i] = data[j * x.n + rows[i]];
    if (isConstantColumn(gathered, 0, n)) continue;
    const m = weightedMean(gathered, 0, n, w);
    const sd = weightedSd(gathered, 0, n, w, m);
    if (!(sd > 0)) continue;
    usable[j] = 1;
    const center = opts.intercept ? m : 0;
    const s = opts.standardize ? sd : 1;
    mean[j] = center;
    scale[j] = s;
    xv[j] = sumOfSquares(gathered, n, center, s, w);
    // (x − center)/s = (S/s)·(x − M)/S + (M − center)/s, with the full data's M and S.
    a[j] = (c * full.scale[j]) / s;
    b[j] = (c * (full.mean[j] - center)) / s;
    ux[j] = (share * (m - full.mean[j])) / full.scale[j];
  }
  workspace.adopt(full.x);
  const view: FoldView = { start, end, a, b, ux, uu: share };
  return { n, p, x: full.x, stride: full.n, view, mean, scale, xv, usable, workspace };
}

/** Σ w_i ((x_i − center)/s)², as scaleColumn sums it. */
function sumOfSquares(x: Float64Array, n: number, center: number, s: number, w: Float64Array): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const t = (x[i] - center) / s;
    ss += w[i] * t * t;
  }
  return ss;
}

/** out = (x − center)/s over one column; returns Σ w_i out_i². */
function scaleColumn(x: Float64Array, xo: number, out: Float64Array, o: number, n: number, center: number, s: number, w: Float64Array): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const t = (x[xo + i] - center) / s;
    out[o + i] = t;
    ss += w[i] * t * t;
  }
  return ss;
}

/** out = √w·(x − center)/s over one column; returns Σ w_i ((x_i − center)/s)². */
function scaleColumnWeighted(
  x: Float64Array, xo: number, out: Float64Array, o: number, n: number, center: number, s: number, w: Float64Array, sw: Float64Array,
): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const t = (x[xo + i] - center) / s;
    out[o + i] = sw[i] * t;
    ss += w[i] * t * t;
  }
  return ss;
}

/** Σ w_i v_i over one column (w sums to 1). */
export function weightedMean(v: Float64Array, offset: number, n: number, w: Float64Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) m += w[i] * v[offset + i];
  return m;
}

/**
 * √Σ w_i (v_i − m)², summed directly, as glmnet does; when the sum overflows or comes near the
 * underflow range (columns on scales like 1e±300), as M·√Σ w_i ((v_i − m)/M)² with M = max |v_i − m|.
 */
export function weightedSd(v: Float64Array, offset: number, n: number, w: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = v[offset + i] - m;
    s += w[i] * d * d;
  }
  if (s > TINY && s < Infinity) return Math.sqrt(s);
  let big = 0;
  for (let i = 0; i < n; i++) if (w[i] > 0) big = Math.max(big, Math.abs(v[offset + i] - m));
  if (!(big > 0) || !Number.isFinite(big)) return big === Infinity ? Infinity : 0;
  s = 0;
  for (let i = 0; i < n; i++) {
    const d = (v[offset + i] - m) / big;
    s += w[i] * d * d;
  }
  return big * Math.sqrt(s);
}

/** Below this a direct sum of squares may have lost digits to gradual underflow (2^-900 ≈ 1e-271). */
const TINY = 2 ** -900;
