import type { Kernels } from "../linalg/kernels.js";
import { isShared } from "../linalg/shared.js";

/**
 * The Gram columns of a cross-validation's standardized copy z, computed once for the whole
 * cross-validation and read by every fold. z's rows are grouped by fold (fold f holds rows
 * [start_f, start_{f+1})), and the cache keeps each column's products over groups of those rows:
 *
 * - by fold (`bounds` the folds' starts): B_f,jk = Σ_{i in fold f} z_j[i]·z_k[i], K numbers per entry;
 *   a fold's Gram entry is then Σ_{g ≠ f} B_g,jk, its own rows' products, with no product computed again;
 * - or over all rows (`bounds` = [0, N]), where K·p² numbers would take too much memory: a fold's entry
 *   is then G_jk − Σ_{i in its block} z_j[i]·z_k[i], n/K products instead of (K−1)n/K. z is centred and
 *   scaled, so the difference loses no digits that matter (|G_jk| ≤ √(G_jj·G_kk), the fold's part most of it).
 *
 * The columns live in shared memory when folds run on several threads: the first thread that needs a
 * column fills it, the others wait for it. A column holds the same numbers whichever thread fills it
 * (the kernels' dot, which sums in one order whatever code runs it, and Σ z_j·z_k = Σ z_k·z_j term by
 * term), so a cross-validation's result does not depend on which thread got there first.
 */
export class GramCache {
  /** Numbers per column: a p-vector per group. */
  private readonly width: number;

  private constructor(
    readonly p: number,
    /** The groups' first rows in z, and the end: group g is rows [bounds[g], bounds[g+1]). */
    readonly bounds: Int32Array,
    /**
     * Column k at [k·width, (k+1)·width): group g's product with j at j·K + g (K groups), so that entry
     * (j, k)'s K products are side by side, for a fold's sum and for column k's fill from a known column j.
     * Written once its state is READY.
     */
    readonly values: Float64Array,
    /** Per column: EMPTY, FILLING (a thread is computing it) or READY. */
    readonly state: Int32Array,
  ) {
    this.width = (bounds.length - 1) * p;
  }

  /** Room for every column of a p-column copy, by the row groups `bounds`; in shared memory when other threads will read it. */
  static create(p: number, bounds: Int32Array, shared: boolean): GramCache {
    const Buffer = shared ? SharedArrayBuffer : ArrayBuffer;
    const groups = bounds.length - 1;
    return new GramCache(p, Int32Array.from(bounds), new Float64Array(new Buffer(8 * groups * p * p)), new Int32Array(new Buffer(4 * p)));
  }

  /** The same cache in another thread, from what `create` made there, sent over (its arrays shared). */
  static attach(sent: { readonly p: number; readonly bounds: Int32Array; readonly values: Float64Array; readonly state: Int32Array }): GramCache {
    return new GramCache(sent.p, sent.bounds, sent.values, sent.state);
  }

  /** Whether the products are kept per fold (else over all rows). */
  get byFold(): boolean {
    return this.bounds.length > 2;
  }

  /** Whether column k is known. */
  ready(k: number): boolean {
    return Atomics.load(this.state, k) === READY;
  }

  /** Column k's products, group g's z_jᵀz_k at j·K + g (0 where z_j is not usable), filled from z on first demand. */
  column(k: number, z: CopyColumns): Float64Array {
    const { width, state } = this;
    const column = this.values.subarray(k * width, (k + 1) * width);
    if (Atomics.load(state, k) === READY) return column;
    if (Atomics.compareExchange(state, k, EMPTY, FILLING) === EMPTY) {
      try {
        this.fill(k, z, column);
      } catch (e) {
        Atomics.store(state, k, EMPTY);
        throw e;
      }
      Atomics.store(state, k, READY);
      if (isShared(state.buffer)) Atomics.notify(state, k);
      return column;
    }
    // Another thread is filling it: wait for it a while (Atomics.wait needs shared memory and a thread
    // allowed to block), else compute the same numbers here.
    if (isShared(state.buffer)) {
      for (let t = 0; t < WAITS && Atomics.load(state, k) !== READY; t++) {
        try {
          Atomics.wait(state, k, FILLING, WAIT_MS);
        } catch {
          break;
        }
      }
      if (Atomics.load(state, k) === READY) return column;
    }
    const own = new Float64Array(width);
    this.fill(k, z, own);
    return own;
  }

  /**
   * Columns ks filled together where no thread has started them, up to FILL_TOGETHER of them, each group of
   * rows read once for all (Kernels.blockCross) where z has the room (CopyColumns.scratch): z's columns
   * read from memory once instead of once per column. The numbers column() would fill one by one.
   */
  fillTogether(ks: readonly number[], z: CopyColumns): void {
    const { state } = this;
    if (!z.scratch || z.scratch.out.length < FILL_TOGETHER * this.width) return;
    const claimed: number[] = [];
    for (const k of ks) {
      if (claimed.length < FILL_TOGETHER && Atomics.compareExchange(state, k, EMPTY, FILLING) === EMPTY) claimed.push(k);
    }
    if (claimed.length === 0) return;
    try {
      this.fillBlocks(claimed, z, z.scratch);
    } catch (e) {
      for (const k of claimed) Atomics.store(state, k, EMPTY);
      throw e;
    }
    for (const k of claimed) {
      Atomics.store(state, k, READY);
      if (isShared(state.buffer)) Atomics.notify(state, k);
    }
  }

  /** fill for the columns ks at once: the products of the columns not known yet, group by group, into the scratch first. */
  private fillBlocks(ks: readonly number[], z: CopyColumns, scratch: GramScratch): void {
    const { p, values, bounds, width } = this;
    const { x, rows, usable, kernels } = z;
    const { cols, out } = scratch;
    const groups = bounds.length - 1;
    let count = 0;
    for (let j = 0; j < p; j++) if (usable[j] && !this.ready(j)) cols[count++] = j;
    // The scratch holds column m's group g at m·width + g·p + j (blockCross's layout).
    for (let g = 0; g < groups; g++) {
      kernels.blockCross({ x, stride: rows, from: bounds[g], len: bounds[g + 1] - bounds[g], cols, count, ks, out, at: g * p, ldo: width });
    }
    ks.forEach((k, m) => {
      const column = values.subarray(k * width, (k + 1) * width);
      for (let j = 0, t = 0; j < p; j++) {
        // cols is ascending: j was computed, or known (its column gives entry k), or not usable (0).
        const computed = t < count && cols[t] === j;
        if (computed) t++;
        const at = j * groups;
        if (!usable[j]) column.fill(0, at, at + groups);
        else if (computed) for (let g = 0; g < groups; g++) column[at + g] = out[m * width + g * p + j];
        else column.set(values.subarray(j * width + k * groups, j * width + (k + 1) * groups), at);
      }
    });
  }

  /** out[j·K + g] = z_jᵀz_k over group g's rows; a known column j gives its entries k instead (the same numbers). */
  private fill(k: number, z: CopyColumns, out: Float64Array): void {
    const { p, values, bounds, width } = this;
    const { x, rows, usable, kernels } = z;
    const groups = bounds.length - 1;
    for (let j = 0; j < p; j++) {
      const known = j !== k && this.ready(j);
      for (let g = 0; g < groups; g++) {
        const from = bounds[g];
        if (!usable[j]) out[j * groups + g] = 0;
        else if (known) out[j * groups + g] = values[j * width + k * groups + g];
        else out[j * groups + g] = kernels.dot(bounds[g + 1] - from, x, j * rows + from, x, k * rows + from);
      }
    }
  }
}

/** Columns fillTogether computes in one read of z at most (dotcols4). */
export const FILL_TOGETHER = 4;
const EMPTY = 0;
const FILLING = 1;
const READY = 2;
/** How long a thread waits for another's column before computing it itself: WAITS × WAIT_MS ms. */
const WAITS = 200;
const WAIT_MS = 25;

/** The full data's standardized copy as the cache reads it: column j is x[j·rows, (j+1)·rows). */
export interface CopyColumns {
  readonly x: Float64Array;
  readonly rows: number;
  readonly usable: Uint8Array;
  /** Kernels that address x (the fold's workspace, which adopted the copy). */
  readonly kernels: Kernels;
  /** Room in the same workspace for fillTogether: FILL_TOGETHER columns' products, and p rows. */
  readonly scratch?: GramScratch;
}

/** Workspace arrays for GramCache.fillTogether: out, FILL_TOGETHER·K·p f64s (K row groups); cols, p i32s. */
export interface GramScratch {
  readonly out: Float64Array;
  readonly cols: Int32Array;
}

/**
 * A fold's raw Gram entries z_jᵀz_k over its rows (all but its held-out block [start, end)) from the
 * cache: the other folds' products summed, or the full products minus the block's. The last column
 * fetched is kept, as a solver asks for one column's entries in a row.
 */
export class FoldGram {
  private lastK = -1;
  private last: Float64Array | null = null;
  /** The fold's group in the cache (kept by fold), or −1. */
  private readonly group: number;

  constructor(
    private readonly cache: GramCache,
    private readonly copy: CopyColumns,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.group = cache.byFold ? cache.bounds.indexOf(start) : -1;
    if (cache.byFold && cache.bounds[this.group + 1] !== end) throw new Error(`rows [${start}, ${end}) are not a fold of the Gram cache`);
  }

  /** Have the cache fill columns ks together (GramCache.fillTogether), ahead of cross asking for them. */
  fillTogether(ks: readonly number[]): void {
    this.cache.fillTogether(ks, this.copy);
  }

  /** Σ_{g ≠ f} B_g,jk (by fold), or G_jk − Σ_{start ≤ i < end} z_j[i]·z_k[i]. */
  cross(j: number, k: number): number {
    if (k !== this.lastK) {
      this.last = this.cache.column(k, this.copy);
      this.lastK = k;
    }
    const column = this.last!;
    if (this.group >= 0) {
      const groups = this.cache.bounds.length - 1;
      const at = j * groups;
      let s = 0;
      for (let g = 0; g < groups; g++) if (g !== this.group) s += column[at + g];
      return s;
    }
    const { x, rows, kernels } = this.copy;
    const { start, end } = this;
    return column[j] - kernels.dot(end - start, x, j * rows + start, x, k * rows + start);
  }
}

/**
 * The cache's row groups for a cross-validation whose folds start at `starts` (K + 1 bounds, the last
 * N): by fold when K·p² numbers fit in `room`, else all rows in one group when p² do, else null (no cache).
 */
export function gramBounds(starts: Int32Array, p: number, room: number): Int32Array | null {
  const groups = starts.length - 1;
  if (groups * p * p <= room) return Int32Array.from(starts);
  if (p * p <= room) return Int32Array.of(starts[0], starts[groups]);
  return null;
}

/**
 * Whether a cross-validation's folds fit with covariance updates on the full data's Gram columns
 * (least squares only): when asked for covariance updates, or by default where glmnet itself chooses
 * them (p < 500), and also on tall data (4p ≤ n), where the folds' Gram columns, read from the cache,
 * cost less than naive updates' passes over the rows. The updates change how the same coordinate
 * steps are computed, not the steps. (gramBounds then says whether the cache fits in memory.)
 */
export function foldsKeepGram(leastSquares: boolean, updates: "covariance" | "naive" | undefined, n: number, p: number): boolean {
  if (!leastSquares || updates === "naive") return false;
  return updates === "covariance" || p < 500 || 4 * p <= n;
}

/** f64s a cross-validation's Gram cache may take: X's size, or 32 MB when X is smaller. */
export function gramRoom(n: number, p: number): number {
  return Math.max(n * p, 2 ** 22);
}
