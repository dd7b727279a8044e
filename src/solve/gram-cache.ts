import type { Kernels } from "../linalg/kernels.js";

/**
 * The Gram columns of a cross-validation's standardized copy z over all its rows, G_jk = z_jᵀz_k,
 * computed once for the whole cross-validation and read by every fold. A fold's rows are z's rows outside
 * its held-out block [start, end), so its Gram entry is
 *
 *   Σ_{i ∉ block} z_j[i]·z_k[i] = G_jk − Σ_{start ≤ i < end} z_j[i]·z_k[i],
 *
 * n/K products instead of (K−1)n/K once G's column k is known (FoldGram). z is centred and scaled, so the
 * difference loses no digits that matter (|G_jk| ≤ √(G_jj·G_kk), and the fold's part is most of it).
 *
 * The columns live in shared memory when folds run on several threads: the first thread that needs a
 * column fills it, the others wait for it. A column holds the same numbers whichever thread fills it
 * (the kernels' dot, which sums in one order whatever code runs it, and Σ z_j·z_k = Σ z_k·z_j term by
 * term), so a cross-validation's result does not depend on which thread got there first.
 */
export class GramCache {
  private constructor(
    readonly p: number,
    /** Column k of G at [k·p, (k+1)·p), written once its state is READY. */
    readonly values: Float64Array,
    /** Per column: EMPTY, FILLING (a thread is computing it) or READY. */
    readonly state: Int32Array,
  ) {}

  /** Room for every column of a p-column copy, in shared memory when other threads will read it. */
  static create(p: number, shared: boolean): GramCache {
    const Buffer = shared ? SharedArrayBuffer : ArrayBuffer;
    return new GramCache(p, new Float64Array(new Buffer(8 * p * p)), new Int32Array(new Buffer(4 * p)));
  }

  /** The same cache in another thread, from what `create` made there, sent over (its arrays shared). */
  static attach(sent: { readonly p: number; readonly values: Float64Array; readonly state: Int32Array }): GramCache {
    return new GramCache(sent.p, sent.values, sent.state);
  }

  /** The bytes a cache for p columns takes. */
  static bytes(p: number): number {
    return 8 * p * p + 4 * p;
  }

  /** Whether column k is known. */
  ready(k: number): boolean {
    return Atomics.load(this.state, k) === READY;
  }

  /** G's column k (G_jk for every j; 0 where z_j is not usable), filled from z on first demand. */
  column(k: number, z: CopyColumns): Float64Array {
    const { p, state } = this;
    const column = this.values.subarray(k * p, (k + 1) * p);
    if (Atomics.load(state, k) === READY) return column;
    if (Atomics.compareExchange(state, k, EMPTY, FILLING) === EMPTY) {
      try {
        this.fill(k, z, column);
      } catch (e) {
        Atomics.store(state, k, EMPTY);
        throw e;
      }
      Atomics.store(state, k, READY);
      if (state.buffer instanceof SharedArrayBuffer) Atomics.notify(state, k);
      return column;
    }
    // Another thread is filling it: wait for it a while (Atomics.wait needs shared memory and a thread
    // allowed to block), else compute the same numbers here.
    if (state.buffer instanceof SharedArrayBuffer) {
      for (let t = 0; t < WAITS && Atomics.load(state, k) !== READY; t++) {
        try {
          Atomics.wait(state, k, FILLING, WAIT_MS);
        } catch {
          break;
        }
      }
      if (Atomics.load(state, k) === READY) return column;
    }
    const own = new Float64Array(p);
    this.fill(k, z, own);
    return own;
  }

  /** out[j] = z_jᵀz_k over all rows; a known column j gives its entry k instead (the same number). */
  private fill(k: number, z: CopyColumns, out: Float64Array): void {
    const { p, values } = this;
    const { x, rows, usable, kernels } = z;
    for (let j = 0; j < p; j++) {
      if (!usable[j]) out[j] = 0;
      else if (j !== k && this.ready(j)) out[j] = values[j * p + k];
      else out[j] = kernels.dot(rows, x, j * rows, x, k * rows);
    }
  }
}

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
}

/**
 * A fold's raw Gram entries z_jᵀz_k over its rows (all but the held-out block [start, end)) from the
 * cache: G_jk minus the block's own products. The last column fetched is kept, as a solver asks for one
 * column's entries in a row.
 */
export class FoldGram {
  private lastK = -1;
  private last: Float64Array | null = null;

  constructor(
    private readonly cache: GramCache,
    private readonly copy: CopyColumns,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** Σ_{i ∉ [start, end)} z_j[i]·z_k[i] = G_jk − Σ_{start ≤ i < end} z_j[i]·z_k[i]. */
  cross(j: number, k: number): number {
    if (k !== this.lastK) {
      this.last = this.cache.column(k, this.copy);
      this.lastK = k;
    }
    const { x, rows, kernels } = this.copy;
    const { start, end } = this;
    return this.last![j] - kernels.dot(end - start, x, j * rows + start, x, k * rows + start);
  }
}

/** Largest p for which folds keep Gram columns beyond glmnet's own covariance rule (p < 500): p² f64s, 128 MB. */
export const GRAM_CACHE_MAX_P = 4096;

/**
 * Whether a cross-validation's folds fit with covariance updates on the full data's Gram columns
 * (least squares only): always when asked for covariance updates, or by default where glmnet itself
 * chooses them (p < 500), and also for tall data (4p ≤ n, p ≤ GRAM_CACHE_MAX_P), where the folds'
 * Gram columns, now a tenth of the work each, cost less than naive updates' passes over the rows. The
 * updates change how the same coordinate steps are computed, not the steps.
 */
export function foldsKeepGram(leastSquares: boolean, updates: "covariance" | "naive" | undefined, n: number, p: number): boolean {
  if (!leastSquares || updates === "naive") return false;
  if (updates === "covariance" || p < 500) return p <= GRAM_CACHE_MAX_P;
  return 4 * p <= n && p <= GRAM_CACHE_MAX_P;
}
