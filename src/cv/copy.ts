// One standardized copy of X for a whole cross-validation: the full-data fit writes it, with the rows
// grouped by fold, and every fold, in any thread, fits as a view of it (viewFold) instead of a copy of
// its own, so that the threads together hold X's copy once.
import { Workspace } from "../linalg/workspace.js";
import { solverRoom } from "../solve/standardize.js";

/** The rows of x grouped by fold, each fold's in order: the copy's row order; fold k is rows [start[k], start[k+1]). */
export interface FoldOrder {
  readonly order: Int32Array;
  readonly start: Int32Array;
}

export function foldOrder(foldid: ArrayLike<number>, nfolds: number): FoldOrder {
  const start = new Int32Array(nfolds + 2);
  for (let i = 0; i < foldid.length; i++) start[foldid[i] + 1]++;
  for (let k = 1; k <= nfolds + 1; k++) start[k] += start[k - 1];
  const next = start.slice();
  const order = new Int32Array(foldid.length);
  for (let i = 0; i < foldid.length; i++) order[next[foldid[i]]++] = i;
  return { order, start };
}

/** A fold's rows of x in the copy's order: all but its block. */
export function foldRows(folds: FoldOrder, k: number): Int32Array {
  const { order, start } = folds;
  const rows = new Int32Array(order.length - (start[k + 1] - start[k]));
  rows.set(order.subarray(0, start[k]));
  rows.set(order.subarray(start[k + 1]), start[k]);
  return rows;
}

/**
 * The memory of such a cross-validation: the copy (n × p f64s), then room for each thread's solver
 * (`threads` regions of solverRoom). A WebAssembly memory, shared between threads when asked, or, where
 * the kernels are the TypeScript ones, a plain array (on a SharedArrayBuffer when shared).
 */
export class CvMemory {
  private constructor(
    readonly memory: WebAssembly.Memory | null,
    readonly copy: Float64Array,
    private readonly n: number,
    private readonly p: number,
  ) {}

  static create(n: number, p: number, threads: number, shared: boolean): CvMemory {
    const memory = Workspace.sharedMemory(copyRoom(n, p) + threads * regionRoom(n, p), shared);
    if (memory !== null) return new CvMemory(memory, new Float64Array(memory.buffer, 0, n * p), n, p);
    const buffer = shared ? new SharedArrayBuffer(n * p * 8) : new ArrayBuffer(n * p * 8);
    return new CvMemory(null, new Float64Array(buffer), n, p);
  }

  /** The same memory in another thread: what `create` made there, sent over. */
  static attach(memory: WebAssembly.Memory | null, copy: Float64Array, n: number, p: number): CvMemory {
    return new CvMemory(memory, memory ? new Float64Array(memory.buffer, 0, n * p) : copy, n, p);
  }

  /** A workspace on thread t's room (0 is the full-data fit's, then the folds' of the thread that made it). */
  workspace(t: number): Workspace {
    const from = copyRoom(this.n, this.p) + t * regionRoom(this.n, this.p);
    const ws = Workspace.region(this.memory, from, from + regionRoom(this.n, this.p));
    ws.adopt(this.copy);
    return ws;
  }
}

/** f64s of the copy, kept even so that each region starts 16-byte aligned. */
function copyRoom(n: number, p: number): number {
  return n * p + ((n * p) & 1);
}

/** f64s of one thread's room: the solver's, and slack for aligning each of its arrays. */
function regionRoom(n: number, p: number): number {
  const room = solverRoom(n, p) + 64;
  return room + (room & 1);
}

/** Bytes a cross-validation with `threads` threads takes for the copy and the threads' rooms. */
export function cvMemoryBytes(n: number, p: number, threads: number): number {
  return 8 * (copyRoom(n, p) + threads * regionRoom(n, p));
}
