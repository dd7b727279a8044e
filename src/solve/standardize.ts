import type { ModelMatrix } from "../data/matrix.js";
import { DataError } from "../errors.js";
import { deferredPullsRoom, naiveEpochRoom, packedCycleRoom } from "../linalg/epoch.js";
import type { WasmColumns } from "../linalg/wasm.js";
import { Workspace } from "../linalg/workspace.js";
import { DenseColumns, type Columns } from "./columns.js";
import { checkDesign, DesignCheck, type DesignCheckOptions } from "./checks.js";
import { scanRoom } from "./column-scan.js";
import { gapScanRoom } from "./gap-scan.js";
import { nonzerosRoom } from "./nonzeros.js";
import { pullBoundsRoom } from "./pull-bounds.js";

/**
 * The design as the solver sees it: centred (with an intercept) and scaled to unit 1/n variance
 * (with `standardize`), as glmnet's `standard` routine does. Means and scales are kept to report
 * coefficients on the original scale: β_j = β̃_j·(yScale)/scale_j, β0 = yMean − Σ β_j·mean_j.
 */
export interface StandardizedDesign {
  readonly n: number;
  readonly p: number;
  /**
   * X̃, centred and scaled, for gaussian also multiplied by √w row-wise: a copy of its own, or a
   * cross-validation fold's view of the full data's copy (fold-view.ts).
   */
  readonly columns: Columns;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** Σ_i w_i x̃_ij² (1 for standardized columns with an intercept). */
  readonly xv: Float64Array;
  /** 1 when the column varies and is not excluded: usable by the solver. */
  readonly usable: Uint8Array;
  /**
   * Holds the copy of X and has room for the solver's vectors (solverRoom), so the WebAssembly kernels
   * can run on them; the solvers take their big arrays from here.
   */
  readonly workspace: Workspace;
}

/** How a design is standardized: glmnet's intercept and standardize, and which columns are left out. */
export interface StandardizeHow {
  readonly intercept: boolean;
  readonly standardize: boolean;
  /** Multiply each row by √w_i (gaussian: the problem then has unit weights). */
  readonly sqrtWeighted: boolean;
  readonly excluded: Uint8Array;
  /** Check X's values first, as checkDesign does with these options (fitPenalized leaves them to this pass). */
  readonly check?: DesignCheckOptions;
}

/**
 * f64s a fit's workspace keeps beside X for the solver: eight n-vectors (residual, weights, η, …), four
 * p-vectors, the path's pulls and column list and the duality gap's (four more), the covariance solver's
 * new Gram columns, four at a time, and their rows (five more), and, with `gramColumns` (by default when
 * p < 500, where covariance updates are the default), its Gram columns (a p-vector per active variable, p
 * of them at most), and the gaussian solvers' whole passes in WebAssembly (their p-vectors there,
 * linalg/epoch.ts) with the duality gap's pulls they take on the way (an n-vector and two p-vectors:
 * solve/deferred-pulls.ts), and the path's scans over the variables with their pull bounds (column-scan.ts,
 * pull-bounds.ts: three p-vectors, and four more with the residual's snapshots where p > n), and the duality
 * gap's (gap-scan.ts: the penalty's three p-vectors, and the coefficients a deferred gap keeps). Arrays beyond
 * this room are plain and use the TypeScript kernels: slower, never different.
 */
export function solverRoom(n: number, p: number, gramColumns = p < 500): number {
  // The gap's scans, the coefficients a deferred gap keeps (gap.ts) and the record's list (nonzeros.ts), in the memory too.
  const scans = scanRoom(p) + pullBoundsRoom(n, p) + gapScanRoom(p) + p + nonzerosRoom(p);
  return 8 * n + 13 * p + 4 + (gramColumns ? gramColumnsRoom(p) : 0) + naiveEpochRoom(p) + deferredPullsRoom(n, p) + scans;
}

/**
 * f64s of the covariance solver's Gram columns: p of them at most, and slack for their rows' bookkeeping;
 * and its active-set cycle's packed copy of them (linalg/epoch.ts, packedCycleRoom).
 */
function gramColumnsRoom(p: number): number {
  return (p < 500 ? p * p : p * (p + 16)) + packedCycleRoom(p, p);
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
  opts: StandardizeHow,
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
  const result = { mean, scale, xv, usable };
  if (rows === null && standardizeInWasm(x, w, opts, workspace, out, result)) {
    return { n, p, columns: new DenseColumns(workspace.kernels, out, n, p), ...result, workspace };
  }
  if (opts.check) checkDesign(x, opts.check);
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
    const scaled = columnScale(src, so, n, w, opts);
    if (scaled === null) continue;
    usable[j] = 1;
    const { center, s } = scaled;
    mean[j] = center;
    scale[j] = s;
    xv[j] = sw ? scaleColumnWeighted(src, so, out, j * n, n, center, s, w, sw) : scaleColumn(src, so, out, j * n, n, center, s, w);
    if (Number.isNaN(xv[j])) throw overflowing(x.names[j], { src, so, n, w, rows }, center, s);
  }
  return { n, p, columns: new DenseColumns(workspace.kernels, out, n, p), mean, scale, xv, usable, workspace };
}

/**
 * The centre and scale standardizeDesign gives a column (center = its weighted mean with an intercept, else
 * 0; s = its weighted sd when standardizing, else 1), or null when it is left out: one value in every row,
 * or among the rows that carry weight (nothing to learn from it).
 */
function columnScale(src: Float64Array, so: number, n: number, w: Float64Array, how: StandardizeHow): { center: number; s: number } | null {
  if (isConstantColumn(src, so, n)) return null;
  const m = weightedMean(src, so, n, w);
  const sd = weightedSd(src, so, n, w, m);
  if (!(sd > 0)) return null;
  return { center: how.intercept ? m : 0, s: how.standardize ? sd : 1 };
}

/**
 * The first of a column's n rows whose w·x̃² is NaN, x̃ = (x − center)/s (as scaleColumn sums it): a row of
 * weight 0 more than 1.8e308·s from the centre, where x̃ overflows and 0·∞ is NaN; −1 for none.
 */
function overflowRow(src: Float64Array, so: number, n: number, w: Float64Array, center: number, s: number): number {
  for (let i = 0; i < n; i++) {
    const t = (src[so + i] - center) / s;
    if (Number.isNaN(w[i] * t * t)) return i;
  }
  return -1;
}

/**
 * A column whose standardized value overflows in a row of weight 0: it varies by next to nothing over the
 * rows with weight (its standard deviation s), and that row lies more than 1.8e308·s from the mean, so its
 * w·x̃² is 0·∞, NaN, and every pull on the column with it. Named by the first such row (rows counted from
 * 1 as the data are given).
 */
function overflowing(
  name: string, col: { src: Float64Array; so: number; n: number; w: Float64Array; rows: Int32Array | null }, center: number, s: number,
): DataError {
  const { src, so, n, w, rows } = col;
  const i = Math.max(0, overflowRow(src, so, n, w, center, s));
  return notStandardizable(name, s, (rows ? rows[i] : i) + 1, src[so + i]);
}

/** What standardizeDesign refuses, as plain numbers (sent to worker threads): notStandardizable's arguments. */
export interface Unstandardizable {
  readonly name: string;
  readonly s: number;
  /** The row as the data give it, from 1. */
  readonly row: number;
  readonly value: number;
}

/**
 * What standardizeDesign(x, w, how, rows) refuses, found without a copy (a fold viewing the full data's
 * copy cannot see it in the copy's rounded values): the first feature whose standardized value overflows
 * in one of the rows of weight 0 (w sums to 1 over `rows`); null for none, at once when no row has weight 0.
 */
export function rowsUnstandardizable(x: ModelMatrix, rows: Int32Array, w: Float64Array, how: StandardizeHow): Unstandardizable | null {
  if (!w.includes(0)) return null;
  const n = rows.length;
  const col = new Float64Array(n);
  for (let j = 0; j < x.p; j++) {
    if (how.excluded[j]) continue;
    for (let i = 0; i < n; i++) col[i] = x.data[j * x.n + rows[i]];
    const scaled = columnScale(col, 0, n, w, how);
    const i = scaled === null ? -1 : overflowRow(col, 0, n, w, scaled.center, scaled.s);
    if (i >= 0) return { name: x.names[j], s: scaled!.s, row: rows[i] + 1, value: col[i] };
  }
  return null;
}

/** The refusal of feature `name` (standard deviation s) for its value in `row` (of weight 0, from 1), dense or sparse. */
export function notStandardizable(name: string, s: number, row: number, value: number): DataError {
  return new DataError(
    `feature "${name}" cannot be standardized: its standard deviation over the rows with weight is ${s.toPrecision(3)}, and row ${row} (weight 0) holds ${value}, more than 1.8e308 of those from its mean; leave out the rows of weight 0, or that feature`,
    name, row,
  );
}

/** Designs standardized by the WebAssembly loops, and columns of them by colsweep (tests check they ran). */
export const standardizeCalls = { wasm: 0, swept: 0 };

/** What standardizing finds of each column. */
interface ColumnScales {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly xv: Float64Array;
  readonly usable: Uint8Array;
}

/**
 * standardizeDesign's loops in WebAssembly (wasm/columns.wat: the same sums in the same order, so the same
 * numbers) when every weight is equal and the copy is in the workspace's memory: X copied a block of
 * columns at a time, each block's columns then standardized in place while in cache, runs of them in one call (colsweep) that leaves each column needing
 * TypeScript (excluded, not finite, too large, or sdOf's rescaled sum) to standardizeColumnInWasm, in
 * column order. false where they cannot run (then nothing is written).
 */
function standardizeInWasm(x: ModelMatrix, w: Float64Array, opts: StandardizeHow, workspace: Workspace, out: Float64Array, r: ColumnScales): boolean {
  const { n, p, data } = x;
  const base = workspace.kernels.address(out);
  if (base < 0 || data.length !== n * p || n === 0) return false;
  const c = w[0];
  for (let i = 1; i < n; i++) if (w[i] !== c) return false;
  const k = workspace.columns();
  if (k === null) return false;
  standardizeCalls.wasm++;
  // checkDesign's verdict, column by column, each read while it is at hand.
  const verdict = opts.check ? new DesignCheck(x, opts.check) : null;
  const at: WasmStandardizing = { k, base, n, c, sc: Math.sqrt(c), opts, verdict, out, w, r };
  // The sweep's results (centre, scale, Σ w·x̃², usable: 3p f64s and p bytes) in room not yet handed out.
  const res = workspace.scratch(3 * p + Math.ceil(p / 8));
  // X copied a block of columns at a time, each swept while it is still in cache.
  const block = 2 * Math.max(1, Math.floor(COPY_BLOCK / (2 * n)));
  for (let j = 0, copied = 0; j < p; ) {
    if (j >= copied) {
      copied = Math.min(p, j + block);
      out.set(data.subarray(j * n, copied * n), j * n);
    }
    const stop = res !== null && !opts.excluded[j] ? sweepColumns(at, j, copied, res) : j;
    if (stop < copied) standardizeColumnInWasm(at, stop);
    j = stop < copied ? stop + 1 : stop;
  }
  res?.fill(0);
  verdict?.end();
  return true;
}

/** What standardizeInWasm's columns share. */
interface WasmStandardizing {
  readonly k: WasmColumns;
  /** out's byte address. */
  readonly base: number;
  readonly n: number;
  /** The weight of every row, and its square root. */
  readonly c: number;
  readonly sc: number;
  readonly opts: StandardizeHow;
  readonly verdict: DesignCheck | null;
  readonly out: Float64Array;
  readonly w: Float64Array;
  readonly r: ColumnScales;
}

/** f64s of X copied at a time for standardizeInWasm to sweep (512 KB: in the core's cache), in pairs of columns. */
const COPY_BLOCK = 65536;

/** Columns j, j + 1, … before `last` and the next excluded one standardized in one call; returns the first left undone. */
function sweepColumns(a: WasmStandardizing, j: number, last: number, res: Float64Array): number {
  const { opts, verdict, r } = a;
  const p = r.mean.length;
  let end = j;
  while (end < last && !opts.excluded[end]) end++;
  const flags = (verdict ? 1 : 0) | (opts.intercept ? 2 : 0) | (opts.standardize ? 4 : 0) | (opts.sqrtWeighted ? 8 : 0);
  const stop = a.k.colsweep(a.n, a.base, j, end, a.c, a.sc, flags, verdict ? verdict.spreadLimit : Infinity, res.byteOffset, p);
  standardizeCalls.swept += stop - j;
  r.mean.set(res.subarray(j, stop), j);
  r.scale.set(res.subarray(p + j, p + stop), j);
  r.xv.set(res.subarray(2 * p + j, 2 * p + stop), j);
  r.usable.set(new Uint8Array(res.buffer, res.byteOffset + 24 * p + j, stop - j), j);
  return stop;
}

/** Column j of the copy standardized in place, checked first (colsweep's steps, with sdOf's rescaled sum). */
function standardizeColumnInWasm(a: WasmStandardizing, j: number): void {
  const { k, n, c, opts, out, r } = a;
  const o = j * n, at = a.base + 8 * o;
  if (a.verdict !== null) a.verdict.column(j, k.colcheck(n, at) === 1, k.lo.value as number, k.hi.value as number);
  const sd = opts.excluded[j] || k.colstats(n, at, c) === 0 ? 0 : sdOf(k.ss.value as number, out, o, n, a.w, k.mean.value as number);
  // Constant (among the rows that carry weight) or excluded: nothing to learn from it, and its copy stays 0.
  if (!(sd > 0)) {
    out.fill(0, o, o + n);
    return;
  }
  r.usable[j] = 1;
  const center = opts.intercept ? (k.mean.value as number) : 0;
  const s = opts.standardize ? sd : 1;
  r.mean[j] = center;
  r.scale[j] = s;
  r.xv[j] = k.colscale(n, at, at, center, s, c, a.sc, opts.sqrtWeighted ? 1 : 0);
}

/** weightedSd from its direct sum of squares ss, when that is in range; else weightedSd's rescaled sum. */
function sdOf(ss: number, v: Float64Array, offset: number, n: number, w: Float64Array, m: number): number {
  return ss > TINY && ss < Infinity ? Math.sqrt(ss) : weightedSd(v, offset, n, w, m);
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
    // A row of weight 0 adds nothing (its d may overflow: 0·∞ would make the sum NaN).
    if (w[i] === 0) continue;
    const d = (v[offset + i] - m) / big;
    s += w[i] * d * d;
  }
  return big * Math.sqrt(s);
}

/** Below this a direct sum of squares may have lost digits to gradual underflow (2^-900 ≈ 1e-271). */
const TINY = 2 ** -900;
