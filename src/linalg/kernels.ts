/**
 * The hot kernels of every solver, on typed arrays with offsets (BLAS-style), behind one small class.
 * A workspace's Kernels run the WebAssembly SIMD version (wasm/kernels.wat) when every array of a call
 * is one of the workspace's views and the length makes the call worth it, else the TypeScript
 * reference (reference.ts). Both sum in the same order, so the result is the same bit for bit either
 * way: which code ran never changes a fit.
 *
 * The views are recognised by identity in a short list, with their byte offsets computed once:
 * reading .buffer and .byteOffset on every call cost more (about 30 ns) than a whole 64-element dot.
 */
import { FasterWay } from "./faster-way.js";
import * as ref from "./reference.js";
import {
  instantiateFoldCurvature, instantiateGram, instantiateSoftmax, memoryOf, type FoldCurvatureKernels, type GramKernels, type SoftmaxKernels,
  type WasmKernels,
} from "./wasm.js";

/**
 * Below this length the call into WebAssembly costs more than the loop it saves (bench/kernels.ts
 * times both). It changes no result, only which code computes it.
 */
export const MIN_WASM_LENGTH = 16;

/**
 * Sweeps whose columns total at most this many bytes come from cache, and are fused (a coordinate's residual
 * update in the same loop as the next coordinate's pull: axpyDot, waxpyDot): faster on every machine
 * measured (9% on the logistic path, n = 5,000, p = 200). Larger sweeps stream from main memory, where the
 * faster way changed from machine to machine; there each thread times both (streamingSweeps). Only the
 * speed depends on it, never a result; tests force one way or the other (setFusedSweepBytes).
 */
export const CACHED_SWEEP_BYTES = 16 * 2 ** 20;

/** Streaming sweeps: fused (the first way) or apart, as this thread times them faster. */
export const streamingSweeps = new FasterWay();

/** Sweeps of at most this many bytes are fused and larger ones not; null: the cached size, then timed. */
let fusedSweepBytes: number | null = null;
let cachedSweepBytes = CACHED_SWEEP_BYTES;

/** Whether a sweep over `columns` columns of length n should use the fused kernels. */
export function fuseSweep(columns: number, n: number): boolean {
  const bytes = columns * n * 8;
  if (fusedSweepBytes !== null) return bytes <= fusedSweepBytes;
  return bytes <= cachedSweepBytes || streamingSweeps.first();
}

/**
 * A sweep chosen by fuseSweep ran `passes` times over `columns` columns of length n in `ms` milliseconds:
 * the timing of a streaming sweep goes to the choice of the next ones.
 */
export function noteSweep(sweep: { fused: boolean; columns: number; n: number; passes: number }, ms: number): void {
  const { fused, columns, n, passes } = sweep;
  if (fusedSweepBytes === null && columns * n * 8 > cachedSweepBytes) streamingSweeps.record(fused, passes * columns * n, ms);
}

/** Time and choose the way of every sweep larger than `bytes` (tests: the choice made on small fits); returns the previous size. */
export function setCachedSweepBytes(bytes: number): number {
  const previous = cachedSweepBytes;
  cachedSweepBytes = bytes;
  return previous;
}

/** Fuse sweeps of at most `bytes` bytes and no larger ones (tests run fits both ways; null: the default); returns the previous setting. */
export function setFusedSweepBytes(bytes: number | null): number | null {
  const previous = fusedSweepBytes;
  fusedSweepBytes = bytes;
  return previous;
}

/**
 * Calls of workspace kernels long enough for WebAssembly, by where they ran: `fallback` counts those
 * that had to run the reference because an array was not in the workspace (tests check a fit has none);
 * `apart`, the dotColumns calls that read their columns four side by side (dotcolsx).
 */
export const kernelCalls = { wasm: 0, fallback: 0, apart: 0 };

/**
 * Another thread on the same (shared) memory that takes part in dotColumns calls: second-core.ts. It is
 * given byte addresses and this thread's kernels, and returns once every column is computed.
 */
export interface ColumnHelper {
  /** out[m·ldo + j] = x_jᵀv_m for j in cols, m < vs.length (1, 2 or 4 vectors): dotcols, dotcols2, dotcols4; `apart`: dotcolsx. */
  dotColumns(own: OwnKernels, n: number, px: number, pcols: number, count: number, vs: readonly number[], pout: number, ldo: number, apart?: boolean): void;
}

/** A helper thread's side of split passes (row-split.ts): loop on the halves posted at control block `ctl` (split at h of n rows). */
export interface RowServer {
  /** Returns the wake-up's number (the SEQ word after it), which the call's "leave" carries back. */
  serveRows(ctl: number, n: number, h: number): number;
  /** false (tests): the caller never takes a posted half, so the helper runs every one. */
  readonly callerTakes: boolean;
}

/** A thread's instances of the kernels and of the Gram-column kernels (null until needed) on one memory. */
export interface OwnKernels {
  readonly k: WasmKernels;
  readonly gram: GramKernels | null;
}

/** One call of dotcols (1 vector; dotcolsx with `apart`), dotcols2 or dotcols4 on byte addresses: out[m·ldo + j] = x_jᵀv_m. */
export function dotColumnsCall(own: OwnKernels, n: number, px: number, pcols: number, count: number, vs: readonly number[], pout: number, ldo: number, apart = false): void {
  if (apart && own.gram !== null) own.gram.dotcolsx(n, px, pcols, count, vs[0], pout);
  else if (vs.length === 4) own.gram!.dotcols4(n, n, px, pcols, count, vs[0], vs[1], vs[2], vs[3], pout, ldo);
  else if (vs.length === 2) own.gram!.dotcols2(n, n, px, pcols, count, vs[0], vs[1], pout, ldo);
  else own.k.dotcols(n, px, pcols, count, vs[0], pout);
}

/**
 * Whether to read a list of columns four side by side (dotcolsx): when it has gaps, its span over twice
 * its length, or its columns are long. A column read alone after a gap waits on memory; four side by side
 * wait together (bench/read-apart.ts, one column in 4 to 16 of 20,000: 0.46–0.50 µs a column of 4 KB one
 * at a time, 0.31–0.32 side by side, 0.13 all in order). Long columns are faster side by side even in
 * order: 80 KB 4.05 → 2.79 µs, 32 KB 1.64 → 1.31; not 16 KB (0.55 → 0.82) nor 8 KB (0.24 → 0.46).
 * Only the speed depends on it, never a number.
 */
function readApart(n: number, cols: Int32Array, count: number): boolean {
  return apartOn && count >= 4 && (n * 8 >= LONG_COLUMN_BYTES || cols[count - 1] - cols[0] + 1 > 2 * count);
}

/** Columns of at least this many bytes are read four side by side, in order or not. */
const LONG_COLUMN_BYTES = 32 * 1024;

let apartOn = true;

/** Read lists with gaps four columns side by side (dotcolsx) or one at a time (bench/read-apart.ts); returns the previous setting. */
export function setReadApart(on: boolean): boolean {
  const previous = apartOn;
  apartOn = on;
  return previous;
}

/** A dotColumns call shares its columns with a helper thread only from this many cells (rows × columns). */
export const MIN_SHARED_CELLS = 65536;
let minSharedCells = MIN_SHARED_CELLS;

/** The size from which dotColumns calls are shared (tests lower it through second-core.ts). */
export function sharedCallCells(): number {
  return minSharedCells;
}

export function setSharedCallCells(cells: number): void {
  minSharedCells = cells;
}

/** What Kernels.blockCross computes: x's columns (each `stride` long) times up to four of them, over rows [from, from + len). */
export interface BlockProducts {
  readonly x: Float64Array;
  readonly stride: number;
  readonly from: number;
  readonly len: number;
  /** The columns j, cols[0..count) (a view the kernels address). */
  readonly cols: Int32Array;
  readonly count: number;
  /** The columns they are multiplied by, at most four. */
  readonly ks: readonly number[];
  /** Where the products go: x_jᵀx_{ks[m]} at out[at + m·ldo + j]. */
  readonly out: Float64Array;
  readonly at: number;
  readonly ldo: number;
}

export class Kernels {
  private readonly views: (Float64Array | Int32Array | Uint8Array)[] = [];
  private readonly pointers: number[] = [];
  private helper: ColumnHelper | null = null;
  /** This thread's kernels as the helper protocol takes them, with the Gram-column kernels once made. */
  private own: { k: WasmKernels; gram: GramKernels | null; tried: boolean } | null = null;
  /** The multinomial row loops (softmax.wat): undefined until first asked for, null where they cannot be had. */
  private softmaxKernels: SoftmaxKernels | null | undefined = undefined;
  /** A fold's curvature kernels (irls-fold.wat): likewise. */
  private foldKernels: FoldCurvatureKernels | null | undefined = undefined;

  /** wasm: the instance working on the workspace's memory; null for the TypeScript reference alone. */
  constructor(private readonly wasm: WasmKernels | null) {}

  /** Let `helper` (a thread on this instance's shared memory) compute part of long dotColumns calls; null stops it. */
  share(helper: ColumnHelper | null): void {
    this.helper = helper;
  }

  /** The helper thread, where it also runs halves of split passes (row-split.ts); null without one. */
  rowServer(): RowServer | null {
    const h = this.helper as (ColumnHelper & Partial<RowServer>) | null;
    return h !== null && typeof h.serveRows === "function" ? (h as ColumnHelper & RowServer) : null;
  }

  /** Make `view` (a view into this instance's memory) addressable by the WebAssembly kernels. */
  register(view: Float64Array | Int32Array | Uint8Array): void {
    this.views.push(view);
    this.pointers.push(view.byteOffset);
  }

  /** Whether the WebAssembly kernels address `a` (one of the workspace's views). */
  addressable(a: Float64Array | Int32Array): boolean {
    return this.wasm !== null && this.pointer(a) >= 0;
  }

  /** The byte address of a registered view, or −1. */
  address(a: Float64Array | Int32Array | Uint8Array): number {
    return this.wasm === null ? -1 : this.pointer(a);
  }

  private pointer(a: Float64Array | Int32Array | Uint8Array): number {
    const views = this.views;
    for (let i = 0; i < views.length; i++) if (views[i] === a) return this.pointers[i];
    return -1;
  }

  /** Σ_i x[xo+i]·y[yo+i] for i < n. */
  dot(n: number, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const px = this.pointer(x), py = this.pointer(y);
      if (px >= 0 && py >= 0) {
        kernelCalls.wasm++;
        return this.wasm.dot(n, px + 8 * xo, py + 8 * yo);
      }
      kernelCalls.fallback++;
    }
    return ref.dot(n, x, xo, y, yo);
  }

  /**
   * out[j] = Σ_i x[j·n + i]·v[i] for each column j in cols[0..count): the same numbers as dot column by
   * column, in one call (a KKT check over thousands of columns otherwise pays a call into WebAssembly each);
   * v starts at v[vo] (a column of x itself: a Gram column). Shared with a helper thread when there is one.
   */
  dotColumns(n: number, x: Float64Array, cols: Int32Array, count: number, v: Float64Array, out: Float64Array, vo = 0): void {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const px = this.pointer(x), pc = this.pointer(cols), pv = this.pointer(v), po = this.pointer(out);
      if (px >= 0 && pc >= 0 && pv >= 0 && po >= 0) {
        kernelCalls.wasm++;
        const wanted = readApart(n, cols, count);
        const own = this.ownKernels(wanted);
        const apart = wanted && own.gram !== null;
        if (apart) kernelCalls.apart++;
        if (this.helper !== null && count * n >= minSharedCells) return this.helper.dotColumns(own, n, px, pc, count, [pv + 8 * vo], po, 0, apart);
        return dotColumnsCall(own, n, px, pc, count, [pv + 8 * vo], po, 0, apart);
      }
      kernelCalls.fallback++;
    }
    ref.dotColumns(n, x, cols, count, v, out, vo);
  }

  /**
   * out[m·ldo + j] = Σ_i x[j·n + i]·vs[m][i] for each j in cols[0..count) and each vector vs[m]: dotColumns
   * for several vectors, reading each x_j once for up to four of them (dotcols4, dotcols2: a multinomial
   * KKT check's K residuals); every entry is the same number as dotColumns gives.
   */
  dotColumnsMany(n: number, x: Float64Array, cols: Int32Array, count: number, vs: readonly Float64Array[], out: Float64Array, ldo: number): void {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const px = this.pointer(x), pc = this.pointer(cols), po = this.pointer(out), pv = vs.map((v) => this.pointer(v));
      const own = px >= 0 && pc >= 0 && po >= 0 && pv.every((q) => q >= 0) ? this.ownKernels(vs.length > 1) : null;
      if (own !== null) {
        kernelCalls.wasm++;
        for (let m = 0; m < vs.length; ) {
          const w = own.gram === null ? 1 : vs.length - m >= 4 ? 4 : vs.length - m >= 2 ? 2 : 1;
          dotColumnsCall(own, n, px, pc, count, pv.slice(m, m + w), po + 8 * m * ldo, ldo);
          m += w;
        }
        return;
      }
      kernelCalls.fallback++;
    }
    for (let m = 0; m < vs.length; m++) ref.dotColumns(n, x, cols, count, vs[m], out.subarray(m * ldo, (m + 1) * ldo));
  }

  /**
   * out[m·ldo + j] = Σ_i x[j·n + i]·x[ks[m]·n + i] for each j in cols[0..count) and m < b: b columns of
   * X's Gram matrix (restricted to cols), reading each x_j once for up to four of them (dotcols4,
   * dotcols2); every entry is the same number as dot(n, x, j·n, x, ks[m]·n).
   */
  crossColumns(n: number, x: Float64Array, cols: Int32Array, count: number, ks: ArrayLike<number>, b: number, out: Float64Array, ldo: number): void {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const px = this.pointer(x), pc = this.pointer(cols), po = this.pointer(out);
      const own = px >= 0 && pc >= 0 && po >= 0 ? this.ownKernels(b > 1) : null;
      if (own !== null) {
        kernelCalls.wasm++;
        for (let m = 0; m < b; ) {
          // Four or two columns per read of X where the Gram-column kernels could be had.
          const w = own.gram === null ? 1 : b - m >= 4 ? 4 : b - m >= 2 ? 2 : 1;
          const vs: number[] = [];
          for (let l = 0; l < w; l++) vs.push(px + 8 * ks[m + l] * n);
          const pm = po + 8 * m * ldo;
          if (this.helper !== null && count * n * w >= minSharedCells) this.helper.dotColumns(own, n, px, pc, count, vs, pm, ldo);
          else dotColumnsCall(own, n, px, pc, count, vs, pm, ldo);
          m += w;
        }
        return;
      }
      kernelCalls.fallback++;
    }
    for (let m = 0; m < b; m++) ref.dotColumns(n, x, cols, count, x, out.subarray(m * ldo), ks[m] * n);
  }

  /**
   * out[at + m·ldo + j] = Σ_{i<len} x[j·stride + from + i]·x[ks[m]·stride + from + i] for each j in
   * cols[0..count) and m < ks.length (at most 4): crossColumns over one block of rows of columns `stride`
   * long (a cross-validation's fold), reading each block once for all of ks; every entry is the same
   * number as dot(len, x, j·stride + from, x, ks[m]·stride + from).
   */
  blockCross(q: BlockProducts): void {
    const { x, stride, from, len, cols, count, ks, out, at, ldo } = q;
    if (this.wasm !== null && len >= MIN_WASM_LENGTH) {
      const px = this.pointer(x), pc = this.pointer(cols), po = this.pointer(out);
      const own = px >= 0 && pc >= 0 && po >= 0 ? this.ownKernels(ks.length > 1) : null;
      if (own !== null) {
        kernelCalls.wasm++;
        const base = px + 8 * from;
        const v = (m: number) => base + 8 * stride * ks[m];
        for (let m = 0; m < ks.length; ) {
          const w = own.gram === null ? 1 : ks.length - m >= 4 ? 4 : ks.length - m >= 2 ? 2 : 1;
          const pm = po + 8 * (at + m * ldo);
          if (w === 4) own.gram!.dotcols4(len, stride, base, pc, count, v(m), v(m + 1), v(m + 2), v(m + 3), pm, ldo);
          else if (w === 2) own.gram!.dotcols2(len, stride, base, pc, count, v(m), v(m + 1), pm, ldo);
          else for (let t = 0; t < count; t++) out[at + m * ldo + cols[t]] = own.k.dot(len, base + 8 * stride * cols[t], v(m));
          m += w;
        }
        return;
      }
      kernelCalls.fallback++;
    }
    for (let m = 0; m < ks.length; m++) {
      for (let t = 0; t < count; t++) out[at + m * ldo + cols[t]] = ref.dot(len, x, cols[t] * stride + from, x, ks[m] * stride + from);
    }
  }

  /** This thread's kernels, with the Gram-column kernels instantiated on the same memory when `gram` (once). */
  private ownKernels(gram: boolean): OwnKernels {
    const own = (this.own ??= { k: this.wasm!, gram: null, tried: false });
    if (gram && !own.tried) {
      own.tried = true;
      const memory = memoryOf(this.wasm!);
      own.gram = memory ? instantiateGram(memory) : null;
    }
    return own;
  }

  /** The multinomial row loops on this instance's memory (softmax.wat), made when first asked for; null where they cannot be. */
  private softmax(): SoftmaxKernels | null {
    if (this.softmaxKernels === undefined) {
      const memory = this.wasm === null ? undefined : memoryOf(this.wasm);
      this.softmaxKernels = memory === undefined ? null : instantiateSoftmax(memory);
    }
    return this.softmaxKernels;
  }

  /** out[oo+i] = exp(e[i] − c[i]) for i < n (each the number Math.exp gives): a class's exponentials. */
  expDiff(n: number, e: Float64Array, c: Float64Array, out: Float64Array, oo: number): void {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pe = this.pointer(e), pc = this.pointer(c), po = this.pointer(out), sm = this.softmax();
      if (pe >= 0 && pc >= 0 && po >= 0 && sm !== null) {
        kernelCalls.wasm++;
        return sm.expdiff(n, pe, pc, po + 8 * oo);
      }
      kernelCalls.fallback++;
    }
    ref.expDiff(n, e, c, out, oo);
  }

  /**
   * sum[i] = Σ_{l<K} ex[l·n + i] (class order) where within [1e-250, 1e250]; returns how many rows were
   * not (NaN included), their sum[i] left as it was: the rows' sums of their exponentials.
   */
  rowSums(n: number, K: number, ex: Float64Array, sum: Float64Array): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pe = this.pointer(ex), ps = this.pointer(sum), sm = this.softmax();
      if (pe >= 0 && ps >= 0 && sm !== null) {
        kernelCalls.wasm++;
        return sm.rowsums(n, K, pe, ps);
      }
      kernelCalls.fallback++;
    }
    return ref.rowSums(n, K, ex, sum);
  }

  /** η[i] += (r0[i] − r[i])/v[i], then out[oo+i] = exp(η[i] − c[i]): a class's η and exponentials at an IRLS step's end. */
  advanceExp(n: number, eta: Float64Array, r0: Float64Array, r: Float64Array, v: Float64Array, c: Float64Array, out: Float64Array, oo: number): void {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pe = this.pointer(eta), p0 = this.pointer(r0), pr = this.pointer(r), pv = this.pointer(v), pc = this.pointer(c), po = this.pointer(out);
      const sm = this.softmax();
      if (pe >= 0 && p0 >= 0 && pr >= 0 && pv >= 0 && pc >= 0 && po >= 0 && sm !== null) {
        kernelCalls.wasm++;
        return sm.advanceexp(n, pe, p0, pr, pv, pc, po + 8 * oo);
      }
      kernelCalls.fallback++;
    }
    ref.advanceExp(n, eta, r0, r, v, c, out, oo);
  }

  /**
   * A multinomial class's quadratic rows (reference.ts quadratic: weights, residuals and their copy at
   * glmnet's bounds pfm, pfx on p); returns Σv, with the largest p(1 − p) and the count of !(v > 0) at out.
   */
  quadratic(
    n: number, ex: Float64Array, o: number, rowSum: Float64Array, y: Float64Array, w: Float64Array,
    r: Float64Array, v: Float64Array, r0: Float64Array, out: Float64Array, pfm: number, pfx: number,
  ): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pex = this.pointer(ex), ps = this.pointer(rowSum), py = this.pointer(y), pw = this.pointer(w), pr = this.pointer(r);
      const pv = this.pointer(v), p0 = this.pointer(r0), po = this.pointer(out), sm = this.softmax();
      if (pex >= 0 && ps >= 0 && py >= 0 && pw >= 0 && pr >= 0 && pv >= 0 && p0 >= 0 && po >= 0 && sm !== null) {
        kernelCalls.wasm++;
        return sm.quadratic(n, pex + 8 * o, ps, py + 8 * o, pw, pr, pv, p0, po, pfm, pfx);
      }
      kernelCalls.fallback++;
    }
    return ref.quadratic(n, ex, o, rowSum, y, w, r, v, r0, out, pfm, pfx);
  }

  /** Σ_i x[xo+i]. */
  sum(n: number, x: Float64Array, xo: number): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const px = this.pointer(x);
      if (px >= 0) {
        kernelCalls.wasm++;
        return this.wasm.sum(n, px + 8 * xo);
      }
      kernelCalls.fallback++;
    }
    return ref.sum(n, x, xo);
  }

  /** y[yo+i] += a·x[xo+i] for i < n. */
  axpy(n: number, a: number, x: Float64Array, xo: number, y: Float64Array, yo: number): void {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const px = this.pointer(x), py = this.pointer(y);
      if (px >= 0 && py >= 0) {
        kernelCalls.wasm++;
        return this.wasm.axpy(n, a, px + 8 * xo, py + 8 * yo);
      }
      kernelCalls.fallback++;
    }
    ref.axpy(n, a, x, xo, y, yo);
  }

  /** r[ro+i] −= (a·v[vo+i])·x[xo+i]: the weighted residual update of IRLS coordinate descent. */
  waxpy(n: number, a: number, v: Float64Array, vo: number, x: Float64Array, xo: number, r: Float64Array, ro: number): void {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pv = this.pointer(v), px = this.pointer(x), pr = this.pointer(r);
      if (pv >= 0 && px >= 0 && pr >= 0) {
        kernelCalls.wasm++;
        return this.wasm.waxpy(n, a, pv + 8 * vo, px + 8 * xo, pr + 8 * ro);
      }
      kernelCalls.fallback++;
    }
    ref.waxpy(n, a, v, vo, x, xo, r, ro);
  }

  /**
   * y[yo+i] += a·x[xo+i], then Σ_i y[yo+i]·z[zo+i] over the updated y, in one sweep: a coordinate's
   * residual update fused with the next coordinate's pull (the same numbers as axpy then dot).
   */
  axpyDot(n: number, a: number, x: Float64Array, xo: number, y: Float64Array, yo: number, z: Float64Array, zo: number): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const px = this.pointer(x), py = this.pointer(y), pz = this.pointer(z);
      if (px >= 0 && py >= 0 && pz >= 0) {
        kernelCalls.wasm++;
        return this.wasm.axpydot(n, a, px + 8 * xo, py + 8 * yo, pz + 8 * zo);
      }
      kernelCalls.fallback++;
    }
    return ref.axpyDot(n, a, x, xo, y, yo, z, zo);
  }

  /** r[ro+i] −= (a·v[vo+i])·x[xo+i], then Σ_i r[ro+i]·z[zo+i] over the updated r: waxpy then dot, in one sweep. */
  waxpyDot(
    n: number, a: number, v: Float64Array, vo: number, x: Float64Array, xo: number, r: Float64Array, ro: number,
    z: Float64Array, zo: number,
  ): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pv = this.pointer(v), px = this.pointer(x), pr = this.pointer(r), pz = this.pointer(z);
      if (pv >= 0 && px >= 0 && pr >= 0 && pz >= 0) {
        kernelCalls.wasm++;
        return this.wasm.waxpydot(n, a, pv + 8 * vo, px + 8 * xo, pr + 8 * ro, pz + 8 * zo);
      }
      kernelCalls.fallback++;
    }
    return ref.waxpyDot(n, a, v, vo, x, xo, r, ro, z, zo);
  }

  /** Σ_i r[ro+i]·x[xo+i], with out[oo] = Σ_i v[vo+i]·x[xo+i]²: a pull and the IRLS curvature, one read of x. */
  dotWsq(
    n: number, r: Float64Array, ro: number, x: Float64Array, xo: number, v: Float64Array, vo: number,
    out: Float64Array, oo: number,
  ): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pr = this.pointer(r), px = this.pointer(x), pv = this.pointer(v), po = this.pointer(out);
      if (pr >= 0 && px >= 0 && pv >= 0 && po >= 0) {
        kernelCalls.wasm++;
        return this.wasm.dotwsq(n, pr + 8 * ro, px + 8 * xo, pv + 8 * vo, po + 8 * oo);
      }
      kernelCalls.fallback++;
    }
    return ref.dotWsq(n, r, ro, x, xo, v, vo, out, oo);
  }

  /** A fold's curvature kernels on this instance's memory, made when first asked for; null where they cannot be. */
  private foldCurvature(): FoldCurvatureKernels | null {
    if (this.foldKernels === undefined) {
      const memory = this.wasm === null ? undefined : memoryOf(this.wasm);
      this.foldKernels = memory === undefined ? null : instantiateFoldCurvature(memory);
    }
    return this.foldKernels;
  }

  /**
   * dotWsq, and vz[vzo] = Σ_i v[vo+i]·x[xo+i] (dot's order) in the same read of x: a fold's curvature
   * and its vᵀz_j, the numbers of dotWsq then dot (irls-fold.wat's dotwsqvz).
   */
  dotWsqVz(
    n: number, r: Float64Array, ro: number, x: Float64Array, xo: number, v: Float64Array, vo: number,
    out: Float64Array, oo: number, vz: Float64Array, vzo: number,
  ): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pr = this.pointer(r), px = this.pointer(x), pv = this.pointer(v), po = this.pointer(out), pz = this.pointer(vz), fk = this.foldCurvature();
      if (pr >= 0 && px >= 0 && pv >= 0 && po >= 0 && pz >= 0 && fk !== null) {
        kernelCalls.wasm++;
        return fk.dotwsqvz(n, pr + 8 * ro, px + 8 * xo, pv + 8 * vo, po + 8 * oo, pz + 8 * vzo);
      }
      kernelCalls.fallback++;
    }
    vz[vzo] = ref.dot(n, v, vo, x, xo);
    return ref.dotWsq(n, r, ro, x, xo, v, vo, out, oo);
  }

  /** waxpyDotWsq, and vz[vzo] = Σ_i v[vo+i]·x[xo+i] (dot's order) over the next column x: irls-fold.wat's waxpydotwsqvz. */
  waxpyDotWsqVz(
    n: number, a: number, v: Float64Array, vo: number, xp: Float64Array, xpo: number, r: Float64Array, ro: number,
    x: Float64Array, xo: number, out: Float64Array, oo: number, vz: Float64Array, vzo: number,
  ): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pv = this.pointer(v), pxp = this.pointer(xp), pr = this.pointer(r), px = this.pointer(x), po = this.pointer(out), pz = this.pointer(vz);
      const fk = this.foldCurvature();
      if (pv >= 0 && pxp >= 0 && pr >= 0 && px >= 0 && po >= 0 && pz >= 0 && fk !== null) {
        kernelCalls.wasm++;
        return fk.waxpydotwsqvz(n, a, pv + 8 * vo, pxp + 8 * xpo, pr + 8 * ro, px + 8 * xo, po + 8 * oo, pz + 8 * vzo);
      }
      kernelCalls.fallback++;
    }
    vz[vzo] = ref.dot(n, v, vo, x, xo);
    return ref.waxpyDotWsq(n, a, v, vo, xp, xpo, r, ro, x, xo, out, oo);
  }

  /** waxpy(a, v, xp, r), then dotWsq(r, x, v): an update, and the next coordinate's pull and curvature. */
  waxpyDotWsq(
    n: number, a: number, v: Float64Array, vo: number, xp: Float64Array, xpo: number, r: Float64Array, ro: number,
    x: Float64Array, xo: number, out: Float64Array, oo: number,
  ): number {
    if (this.wasm !== null && n >= MIN_WASM_LENGTH) {
      const pv = this.pointer(v), pxp = this.pointer(xp), pr = this.pointer(r), px = this.pointer(x), po = this.pointer(out);
      if (pv >= 0 && pxp >= 0 && pr >= 0 && px >= 0 && po >= 0) {
        kernelCalls.wasm++;
        return this.wasm.waxpydotwsq(n, a, pv + 8 * vo, pxp + 8 * xpo, pr + 8 * ro, px + 8 * xo, po + 8 * oo);
      }
      kernelCalls.fallback++;
    }
    return ref.waxpyDotWsq(n, a, v, vo, xp, xpo, r, ro, x, xo, out, oo);
  }
}

/** The TypeScript kernels alone, for arrays outside any workspace. */
export const referenceKernels = new Kernels(null);
