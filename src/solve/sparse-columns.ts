import type { SparseMatrix } from "../data/sparse.js";
import { DataError } from "../errors.js";
import type { Kernels } from "../linalg/kernels.js";
import { CODED_VALUES, f32Exact, SparseKernels, valueCodes, type CompressedColumns, type ValueType } from "../linalg/sparse-kernels.js";
import type { Workspace } from "../linalg/workspace.js";
import type { Residual, ScoreResidual } from "./columns.js";
import { FoldResidual, FoldScoreResidual, type AffineColumns } from "./fold-view.js";
import { notStandardizable, solverRoom, type StandardizeHow, type StandardizedDesign } from "./standardize.js";

/**
 * The standardized columns of a sparse X, never densified: x̃_j = a_j·z_j + b_j·u, z_j the column's
 * nonzeros (times √w for a weighted gaussian fit, whose rows carry √w), a_j = 1/s_j, b_j = −c_j/s_j
 * times u's scale, u constant (or √w). Products with z_j cost its nonzeros; the constant part is kept as
 * numbers by the same residuals as a cross-validation fold's view (fold-view.ts), as glmnet's sparse
 * solvers keep the centring out of X.
 */
export class SparseColumns implements AffineColumns {
  /** The products with z_j's nonzeros: WebAssembly when z lives in the workspace's memory. */
  private readonly sk: SparseKernels;
  /** z's values as numbers, for the TypeScript readers (rawCross, weightedGram): X's own where z codes them (unscaled). */
  private readonly values: Float64Array | Float32Array;

  constructor(
    readonly kernels: Kernels,
    /** X's shape; z's nonzeros are in x's rows, by x's column pointers (copies of them in the workspace). */
    private readonly x: SparseMatrix,
    private readonly z: CompressedColumns,
    readonly a: Float64Array,
    readonly b: Float64Array,
    readonly uz: Float64Array,
    readonly uu: number,
    memory: WebAssembly.Memory | null = null,
    cell: Float64Array | null = null,
  ) {
    this.sk = new SparseKernels(z, memory, cell);
    this.values = z.z instanceof Uint8Array ? x.values : z.z;
  }

  /** Whether the products run in WebAssembly. */
  get webAssembly(): boolean {
    return this.sk.webAssembly;
  }

  /** How the kernels' copy keeps z's values: f64s, f32s or u8 codes (placeColumns). */
  get valueType(): ValueType {
    return this.sk.valueType;
  }

  get n(): number {
    return this.x.n;
  }

  get p(): number {
    return this.x.p;
  }

  cross(j: number, k: number): number {
    const { a, b } = this;
    return a[j] * a[k] * this.rawCross(j, k) + a[j] * b[k] * this.uz[j] + b[j] * a[k] * this.uz[k] + b[j] * b[k] * this.uu;
  }

  residual(r: Float64Array): Residual {
    return new FoldResidual(this, r);
  }

  scoreResidual(r: Float64Array, v: Float64Array): ScoreResidual {
    return new FoldScoreResidual(this, r, v);
  }

  /** η = b0 + Σ β_j·b_j + offset + Σ β_j·a_j·z_j (u = 1: the IRLS families'). */
  linearPredictor(eta: Float64Array, b0: number, offset: Float64Array | null, beta: Float64Array, active: Int32Array, nin: number): void {
    let c = b0;
    for (let l = 0; l < nin; l++) c += beta[active[l]] * this.b[active[l]];
    eta.fill(c);
    if (offset) for (let i = 0; i < this.n; i++) eta[i] += offset[i];
    for (let l = 0; l < nin; l++) {
      const k = active[l];
      if (beta[k] !== 0) this.axpy(k, beta[k] * this.a[k], eta);
    }
  }

  /** As FoldColumns.weightedGram, z_lᵀVz_m from v∘z_l scattered into scratch (zero elsewhere). */
  weightedGram(idx: Int32Array, v: Float64Array, vsum: number, G: Float64Array, c: Float64Array, scratch: Float64Array): void {
    const { cp, ix } = this.z;
    const z = this.values;
    const count = idx.length;
    scratch.fill(0);
    for (let l = 0; l < count; l++) {
      const j = idx[l];
      let vz = 0;
      for (let t = cp[j]; t < cp[j + 1]; t++) {
        const i = ix[t];
        scratch[i] = v[i] * z[t];
        vz += scratch[i];
      }
      for (let m = l; m < count; m++) G[l * count + m] = G[m * count + l] = this.dot(idx[m], scratch);
      c[l] = vz;
      for (let t = cp[j]; t < cp[j + 1]; t++) scratch[ix[t]] = 0;
    }
    for (let l = 0; l < count; l++) {
      const al = this.a[idx[l]], bl = this.b[idx[l]];
      for (let m = 0; m < count; m++) {
        const am = this.a[idx[m]], bm = this.b[idx[m]];
        G[l * count + m] = al * am * G[l * count + m] + al * bm * c[l] + bl * am * c[m] + bl * bm * vsum;
      }
    }
    for (let l = 0; l < count; l++) c[l] = this.a[idx[l]] * c[l] + this.b[idx[l]] * vsum;
  }

  // The kernels on z_j's nonzeros (sparse-kernels.ts).

  dot(j: number, v: Float64Array): number {
    return this.sk.dot(j, v);
  }

  /** z_jᵀz_l, merging the two columns' rows. */
  rawCross(j: number, l: number): number {
    const { cp, ix } = this.z;
    const z = this.values;
    let s = 0;
    let t = cp[j], u = cp[l];
    const te = cp[j + 1], ue = cp[l + 1];
    while (t < te && u < ue) {
      const it = ix[t], iu = ix[u];
      if (it === iu) s += z[t++] * z[u++];
      else if (it < iu) t++;
      else u++;
    }
    return s;
  }

  axpy(j: number, a: number, y: Float64Array): void {
    this.sk.axpy(j, a, y);
  }

  axpyDot(j: number, a: number, y: Float64Array, next: number): number {
    return this.sk.axpyDot(j, a, y, next);
  }

  waxpy(j: number, a: number, v: Float64Array, r: Float64Array): void {
    this.sk.waxpy(j, a, v, r);
  }

  waxpyDot(j: number, a: number, v: Float64Array, r: Float64Array, next: number): number {
    return this.sk.waxpyDot(j, a, v, r, next);
  }

  dotWsq(r: Float64Array, j: number, v: Float64Array, out: Float64Array, oo: number): number {
    return this.sk.dotWsq(r, j, v, out, oo);
  }

  waxpyDotWsq(j: number, a: number, v: Float64Array, r: Float64Array, next: number, out: Float64Array, oo: number): number {
    return this.sk.waxpyDotWsq(j, a, v, r, next, out, oo);
  }
}

/**
 * The workspace's f64s for a sparse fit of X (nnz nonzeros): the solver's room, and a copy of the
 * compressed columns (z's values, the row indices and column pointers as i32) and one cell, so that the
 * kernels run in WebAssembly on them.
 */
export function sparseRoom(n: number, p: number, nnz: number): number {
  return solverRoom(n, p) + sparseColumnsRoom(p, nnz);
}

/**
 * The workspace's f64s for the copy of X's compressed columns alone (z, row indices, column pointers, a
 * cell), and for u8 codes tried first (their room is left unused when the values have too many to code).
 */
export function sparseColumnsRoom(p: number, nnz: number): number {
  return nnz + Math.ceil(nnz / 2) + Math.ceil((p + 1) / 2) + 8 + codedRoom(nnz);
}

/** The f64s of u8 codes for nnz values, with their table before them. */
function codedRoom(nnz: number): number {
  return CODED_VALUES + Math.ceil(nnz / 8);
}

/**
 * z's compressed columns where the kernels read them, z_j = x_j's nonzeros times rowScale (√w) when given:
 * copied into the workspace's memory when it is WebAssembly with the room (sparseRoom), else X's own
 * arrays (and z's values, a copy only when scaled). Unscaled values are copied in the fewest bytes that
 * give them back exactly (the kernels' results are the same bit for bit): u8 codes into a table when
 * there are at most 256 distinct values (one-hot columns, counts, ratings; 5 bytes a nonzero with its
 * row), else f32s when every value is one (8 bytes), else f64s (12).
 */
function placeColumns(x: SparseMatrix, rowScale: Float64Array | null, workspace: Workspace): { columns: CompressedColumns; cell: Float64Array | null } {
  const nnz = x.values.length;
  const { values, rowIndex } = x;
  if (!workspace.wasm || !workspace.fits(sparseColumnsRoom(x.p, nnz))) {
    const z = rowScale ? Float64Array.from(values, (v, t) => v * rowScale[rowIndex[t]]) : values;
    return { columns: { cp: x.colPtr, ix: rowIndex, z }, cell: null };
  }
  // Written straight into the workspace: no second copy of the nonzeros, even for a weighted gaussian fit.
  let zw: Float64Array | Float32Array | Uint8Array;
  let table: Float64Array | undefined;
  const coded = rowScale ? null : codedValues(values, workspace);
  if (coded) ({ codes: zw, table } = coded);
  else if (!rowScale && f32Exact(values)) {
    // nnz f32s in the room of nnz i32s.
    const room = workspace.i32(nnz);
    zw = new Float32Array(room.buffer, room.byteOffset, nnz);
    zw.set(values);
  } else {
    zw = workspace.f64(nnz);
    if (rowScale) for (let t = 0; t < nnz; t++) zw[t] = values[t] * rowScale[rowIndex[t]];
    else zw.set(values);
  }
  const ix = workspace.i32(nnz);
  ix.set(x.rowIndex);
  const cp = workspace.i32(x.p + 1);
  cp.set(x.colPtr);
  return { columns: { cp, ix, z: zw, table }, cell: workspace.f64(1) };
}

/**
 * The values as u8 codes in the workspace, their table's 256 f64s just before them (where sparse8.wat
 * reads it); null when there are more than 256 distinct values (or a −0), the room then unused (only the
 * codes written until the 257th value was met: few, for values that are not levels or counts).
 */
function codedValues(values: Float64Array, workspace: Workspace): { codes: Uint8Array; table: Float64Array } | null {
  const room = workspace.f64(codedRoom(values.length));
  const codes = new Uint8Array(room.buffer, room.byteOffset + 8 * CODED_VALUES, values.length);
  const table = valueCodes(values, codes);
  if (table === null) return null;
  room.set(table);
  return { codes, table: room.subarray(0, CODED_VALUES) };
}

/**
 * glmnet's standardization of a sparse X, from its nonzeros alone: the weighted mean c_j = Σ w_i x_ij
 * and 1/n sd s_j = √(Σ_nz w_i(x_ij − c_j)² + c_j²·Σ_zero w_i), kept as the numbers of the affine map
 * (w sums to 1). A column is constant when its n values are all equal (glmnet's chkvars).
 */
export function standardizeSparse(x: SparseMatrix, w: Float64Array, opts: StandardizeHow, workspace: Workspace, rows: Int32Array | null = null): StandardizedDesign {
  const { n, p, colPtr, rowIndex, values } = x;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const xv = new Float64Array(p);
  const usable = new Uint8Array(p);
  const a = new Float64Array(p);
  const b = new Float64Array(p);
  const uz = new Float64Array(p);
  // Rows carry √w for gaussian: equal weights scale the map, unequal ones a copy of the nonzeros.
  const equal = w.every((v) => v === w[0]);
  const root = opts.sqrtWeighted ? (equal ? Math.sqrt(w[0]) : NaN) : 1;
  const rowScale = opts.sqrtWeighted && !equal ? Float64Array.from(w, Math.sqrt) : null;
  const anyZeroWeight = w.includes(0);
  for (let j = 0; j < p; j++) {
    if (opts.excluded[j] || sparseConstant(x, j)) continue;
    let m = 0, wnz = 0;
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
      m += w[rowIndex[t]] * values[t];
      wnz += w[rowIndex[t]];
    }
    const zeros = Math.max(0, 1 - wnz);
    const sd = sparseSd(x, j, w, m, zeros);
    if (!(sd > 0)) continue;
    usable[j] = 1;
    const center = opts.intercept ? m : 0;
    const s = opts.standardize ? sd : 1;
    if (anyZeroWeight) refuseOverflow(x, j, w, center, s, rows);
    mean[j] = center;
    scale[j] = s;
    xv[j] = sparseXv(x, j, w, center, s, zeros);
    if (opts.sqrtWeighted && !equal) {
      // x̃_j = (√w∘x_j − c_j·√w)/s_j: z_j = √w∘x_j, u = √w, uᵀz_j = Σ w x_ij = m, uᵀu = 1.
      a[j] = 1 / s;
      b[j] = -center / s;
      uz[j] = m;
    } else {
      // x̃_j = root·(x_j − c_j)/s_j: z_j = x_j, u = 1, uᵀz_j = Σ x_ij.
      a[j] = root / s;
      b[j] = (-root * center) / s;
      let sum = 0;
      for (let t = colPtr[j]; t < colPtr[j + 1]; t++) sum += values[t];
      uz[j] = sum;
    }
    if (!Number.isFinite(a[j]) || !Number.isFinite(b[j])) throw tooNarrow(x.names[j], s, center);
  }
  const uu = opts.sqrtWeighted && !equal ? 1 : n;
  const placed = placeColumns(x, rowScale, workspace);
  const columns = new SparseColumns(workspace.kernels, x, placed.columns, a, b, uz, uu, workspace.memory, placed.cell);
  return { n, p, columns, mean, scale, xv, usable, workspace };
}

/**
 * standardizeDesign's weightedSd from column j's nonzeros: √(Σ_nz w_i(x_ij − m)² + m²·zeros), zeros = Σ_zero
 * w_i, summed directly; when that comes near the underflow range or overflows, M times the sum of ((x_ij − m)/M)², M
 * the largest |x_ij − m| of the rows with weight (the same numbers as a dense X's, to a rounding).
 */
function sparseSd(x: SparseMatrix, j: number, w: Float64Array, m: number, zeros: number): number {
  const direct = centredSquares(x, j, w, m) + m * m * zeros;
  if (direct > TINY && direct < Infinity) return Math.sqrt(direct);
  let big = zeros > 0 ? Math.abs(m) : 0;
  for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) if (w[x.rowIndex[t]] > 0) big = Math.max(big, Math.abs(x.values[t] - m));
  if (!(big > 0) || !Number.isFinite(big)) return big === Infinity ? Infinity : 0;
  let s = 0;
  for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) {
    const wi = w[x.rowIndex[t]];
    // A row of weight 0 adds nothing (its d may overflow: 0·∞ would make the sum NaN).
    if (wi === 0) continue;
    const d = (x.values[t] - m) / big;
    s += wi * d * d;
  }
  return big * Math.sqrt(s + (m / big) ** 2 * zeros);
}

/**
 * Σ_i w_i x̃_ij², x̃ = (x − c)/s: the squares about c (Σ_nz, and c²·zeros) over s², or, when s² or that
 * quotient leaves the range of numbers, the sum of the scaled values' squares (as a dense X's is summed).
 */
function sparseXv(x: SparseMatrix, j: number, w: Float64Array, c: number, s: number, zeros: number): number {
  const xv = (centredSquares(x, j, w, c) + c * c * zeros) / (s * s);
  if (Number.isFinite(xv) && s * s > TINY) return xv;
  let sum = 0;
  for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) {
    const d = (x.values[t] - c) / s;
    sum += w[x.rowIndex[t]] * d * d;
  }
  return sum + (c / s) * (c / s) * zeros;
}

/**
 * A sparse X keeps x̃_j = (x_j − c)/s as the numbers 1/s and c/s (never writing x̃ out); a feature whose
 * standard deviation s is so small that one of them overflows (s below ~1e-308) cannot be kept so.
 */
function tooNarrow(name: string, s: number, c: number): DataError {
  return new DataError(
    `feature "${name}" cannot be standardized in a sparse X: its standard deviation over the rows with weight is ${s.toPrecision(3)}, near the smallest 64-bit numbers, and ${1 / s === Infinity ? "1" : `its mean ${c.toPrecision(3)}`} over it overflows; multiply the feature by a power of 10, or fit its densified columns instead`,
    name,
  );
}

/** Below this a direct sum of squares may have lost digits to gradual underflow (standardize.ts's TINY). */
const TINY = 2 ** -900;

/**
 * As a dense X's column is refused (standardize.ts, notStandardizable): a row of weight 0 whose
 * standardized value (x_ij − c)/s overflows, its w·x̃² 0·∞, NaN. Rows of weight 0 not stored hold 0, and
 * overflow when c/s does. The first such row is named as the data give it (`rows`: a fold's rows mapped back).
 */
function refuseOverflow(x: SparseMatrix, j: number, w: Float64Array, c: number, s: number, rows: Int32Array | null): void {
  const zeroOverflows = !Number.isFinite((0 - c) / s);
  let at = -1, next = 0;
  for (let t = x.colPtr[j]; t < x.colPtr[j + 1] && at < 0; t++) {
    const i = x.rowIndex[t];
    if (zeroOverflows) at = firstZeroWeight(w, next, i);
    if (at < 0 && w[i] === 0 && !Number.isFinite((x.values[t] - c) / s)) at = i;
    next = i + 1;
  }
  if (at < 0 && zeroOverflows) at = firstZeroWeight(w, next, x.n);
  if (at < 0) return;
  const value = valueAt(x, j, at);
  throw notStandardizable(x.names[j], s, (rows ? rows[at] : at) + 1, value);
}

/** The first row in from..to−1 of weight 0 (−1: none). */
function firstZeroWeight(w: Float64Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (w[i] === 0) return i;
  return -1;
}

/** x_ij: its stored value, or 0. */
function valueAt(x: SparseMatrix, j: number, i: number): number {
  for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) if (x.rowIndex[t] === i) return x.values[t];
  return 0;
}

/** Σ over column j's nonzeros of w_i(x_ij − c)². */
function centredSquares(x: SparseMatrix, j: number, w: Float64Array, c: number): number {
  let s = 0;
  for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) s += w[x.rowIndex[t]] * (x.values[t] - c) ** 2;
  return s;
}

/** All n values of column j equal: no nonzeros, or n of one value, or only stored zeros and no others. */
function sparseConstant(x: SparseMatrix, j: number): boolean {
  const from = x.colPtr[j], to = x.colPtr[j + 1];
  if (from === to) return true;
  const first = x.values[from];
  for (let t = from + 1; t < to; t++) if (x.values[t] !== first) return false;
  return to - from === x.n || first === 0;
}
