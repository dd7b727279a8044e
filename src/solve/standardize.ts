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
  readonly usable: Uint8Array;
  /** The sum of the full data's weights (a fold's are normalized to its own sum). */
  readonly weightSum: number;
  /** For each column, the fold whose training rows all hold one value in it (0: none; see foldConstants). */
  readonly constantIn: Int32Array;
}

/**
 * f64s a fit's workspace keeps beside X for the solver: eight n-vectors (residual, weights, η, …), four
 * p-vectors, the path's pulls and column list (two more), and, when p < 500 (where covariance updates
 * are the default), the covariance solver's Gram columns (a p-vector per active variable, p of them at
 * most). Arrays beyond this room are plain and use the TypeScript kernels: slower, never different.
 */
export function solverRoom(n: number, p: number): number {
  return 8 * n + 6 * p + 4 + (p < 500 ? p * p : 0);
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
 * A fold's design as a view of the full data's copy (FoldView), computed from the copy alone (so that a
 * thread without X can fit the fold): over the fold's rows, the copy's column is t = (x − M)/S, times
 * u = √w of the full weights for gaussian, so the fold's weighted mean and sd of x are M + S·μ and S·σ
 * with μ, σ those of t, which come from the copy as Σ w t = Σ u z / share and Σ w (t − μ)² = Σ (z − uμ)² /
 * share (share: the fold's part of the full weights), without dividing by u. A column constant on the
 * fold's rows is found exactly, on X, beforehand (full.constantIn). `fold` is the fold held out, whose
 * rows are the copy's [start, end); w, the fold's weights, sum to 1, and `weightSum` is what they
 * summed to before.
 */
export function viewFold(
  full: FullCopy,
  fold: number,
  start: number,
  end: number,
  w: Float64Array,
  weightSum: number,
  opts: { intercept: boolean; standardize: boolean; sqrtWeighted: boolean; excluded: Uint8Array },
  workspace: Workspace,
): StandardizedDesign {
  const { p, x: z, n: N } = full;
  const n = w.length;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const xv = new Float64Array(p);
  const usable = new Uint8Array(p);
  const a = new Float64Array(p);
  const b = new Float64Array(p);
  const ux = new Float64Array(p);
  const share = weightSum / full.weightSum;
  const gaussian = opts.sqrtWeighted;
  // Gaussian: the copy carries √(w_i/W) of the full weights, the fold √(w_i/W_k) of its own.
  const c = gaussian ? Math.sqrt(1 / share) : 1;
  const u = gaussian ? Float64Array.from(w, (v) => Math.sqrt(v * share)) : null;
  const t = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    if (opts.excluded[j] || !full.usable[j] || full.constantIn[j] === fold) continue;
    const o = j * N;
    for (let i = 0; i < start; i++) t[i] = z[o + i];
    for (let i = start; i < n; i++) t[i] = z[o + end + i - start];
    const mu = u ? copyMean(t, u, share) : weightedMean(t, 0, n, w);
    const sdT = u ? copySd(t, u, share, mu) : weightedSd(t, 0, n, w, mu);
    if (!(sdT > 0)) continue;
    usable[j] = 1;
    const S = full.scale[j];
    const sd = S * sdT;
    const center = opts.intercept ? full.mean[j] + S * mu : 0;
    const s = opts.standardize ? sd : 1;
    mean[j] = center;
    scale[j] = s;
    // (x − center)/s = (S/s)·t + (M − center)/s; with an intercept M − center = −S·μ, without both are 0.
    const r = S / s;
    a[j] = c * r;
    b[j] = opts.intercept ? -c * r * mu : 0;
    ux[j] = share * mu;
    xv[j] = r * r * (opts.intercept ? sdT * sdT : u ? copySquares(t, share) : weightedSquares(t, w));
  }
  workspace.adopt(full.x);
  const view: FoldView = { start, end, a, b, ux, uu: share };
  return { n, p, x: full.x, stride: N, view, mean, scale, xv, usable, workspace };
}

/** Σ w_i t_i² (w sums to 1). */
function weightedSquares(t: Float64Array, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += w[i] * t[i] * t[i];
  return s;
}

// Gaussian's copy holds z = u·t with u = √(w·share): the weighted moments of t from z, without dividing by u.

/** Σ w t = Σ u z / share. */
function copyMean(z: Float64Array, u: Float64Array, share: number): number {
  let uz = 0;
  for (let i = 0; i < z.length; i++) uz += u[i] * z[i];
  return uz / share;
}

/** √Σ w (t − μ)² = √(Σ (z − uμ)² / share). */
function copySd(z: Float64Array, u: Float64Array, share: number, mu: number): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) s += (z[i] - u[i] * mu) ** 2;
  return Math.sqrt(s / share);
}

/** Σ w t² = Σ z² / share. */
function copySquares(z: Float64Array, share: number): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) s += z[i] * z[i];
  return s / share;
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
