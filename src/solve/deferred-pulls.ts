import type { DeferredPullArrays } from "../linalg/epoch.js";
import type { DenseColumns } from "./columns.js";

/**
 * Pulls x̃_jᵀr̃ wanted at the residual of one moment (the duality gap's, at the end of a λ) but read later:
 * the residual is copied, each column is flagged, and the next naive pass that reads x̃_j for its own pull
 * computes the wanted one in the same read (epoch.wat's $pull and $dot2), so a λ's gap costs no pass of its
 * own over the strong set's columns. `take` computes the pulls no pass has read (on the copy) and hands
 * all of them over. Each is summed as kernels.wat's dot sums it, on the same numbers, so it is the pull
 * a direct read (the solver's `gradients`) would have given then, bit for bit.
 */
export class DeferredPulls {
  /** The columns deferred, in their order; none while count is 0. */
  private readonly cols: Int32Array;
  private count = 0;

  constructor(private readonly a: DeferredPullArrays, private readonly residual: Float64Array, private readonly columns: DenseColumns) {
    this.cols = new Int32Array(a.z.length);
  }

  /** Whether pulls are waiting to be taken. */
  get waiting(): boolean {
    return this.count > 0;
  }

  /** Want the pulls of cols[0..count) at the residual as it is now. */
  defer(cols: Int32Array, count: number): void {
    if (this.count > 0) throw new Error("deferred pulls: the previous ones were not taken");
    this.a.r.set(this.residual);
    for (let k = 0; k < count; k++) {
      this.a.pending[cols[k]] = 1;
      this.cols[k] = cols[k];
    }
    this.count = count;
  }

  /** out[j] = the deferred pull of each deferred j, computing on the kept residual those no pass has read. */
  take(out: Float64Array): void {
    const { pending, r, z, left } = this.a;
    let m = 0;
    for (let k = 0; k < this.count; k++) {
      const j = this.cols[k];
      if (pending[j]) {
        pending[j] = 0;
        left[m++] = j;
      }
    }
    const { n, x, kernels } = this.columns;
    if (m > 0) kernels.dotColumns(n, x, left, m, r, z);
    deferredPullCounts.byPasses += this.count - m;
    deferredPullCounts.apart += m;
    for (let k = 0; k < this.count; k++) out[this.cols[k]] = z[this.cols[k]];
    this.count = 0;
  }
}

/** Deferred pulls taken so far: computed by the passes in their own reads, and apart (tests check both). */
export const deferredPullCounts = { byPasses: 0, apart: 0 };

/**
 * Defer only pulls whose columns total more than this many bytes, which the caches cannot hold (so a read
 * of its own streams them from memory again). Columns from cache are summed faster than they stream: two
 * sums in one read then cost about what two reads do, and deferring gained nothing on the wide benchmark
 * (n = 500) but its bookkeeping (5–8% slower). Only the speed depends on it, never a result.
 */
export const DEFERRED_PULLS_BYTES = 16 * 2 ** 20;

let deferredPullsBytes = DEFERRED_PULLS_BYTES;

/** Whether the pulls of `columns` columns of length n are worth deferring to the passes' own reads. */
export function worthDeferring(columns: number, n: number): boolean {
  return columns * n * 8 > deferredPullsBytes;
}

/** Change the threshold (tests defer at every size); returns the previous one. */
export function setDeferredPullsBytes(bytes: number): number {
  const previous = deferredPullsBytes;
  deferredPullsBytes = bytes;
  return previous;
}
