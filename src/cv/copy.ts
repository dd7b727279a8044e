// One standardized copy of X for a whole cross-validation: the full-data fit writes it, with the rows
// grouped by fold, and every fold, in any thread, fits as a view of it (viewFold) instead of a copy of
// its own, so that the threads together hold X's copy once.
import type { ModelMatrix } from "../data/matrix.js";
import { threadWorkspaces, Workspace, WorkspacePool } from "../linalg/workspace.js";
import { familyOf } from "../model/families/index.js";
import { FILL_TOGETHER, foldsKeepGram } from "../solve/gram-cache.js";
import { resolveOptions } from "../solve/options.js";
import { notStandardizable, rowsUnstandardizable, solverRoom, type StandardizeHow, type Unstandardizable } from "../solve/standardize.js";
import { isShared } from "../linalg/shared.js";
import type { FitOptions } from "../solve/types.js";

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

/** A fold's rows of x in the copy's order: all but its block; into the start of `room` when it is long enough. */
export function foldRows(folds: FoldOrder, k: number, room?: Int32Array): Int32Array {
  const { order, start } = folds;
  const m = order.length - (start[k + 1] - start[k]);
  const rows = room && room.length >= m ? room.subarray(0, m) : new Int32Array(m);
  rows.set(order.subarray(0, start[k]));
  rows.set(order.subarray(start[k + 1]), start[k]);
  return rows;
}

/**
 * For each column of x, the fold whose training rows (all the other folds' rows) hold one value only in
 * it, exactly as compared, or 0: such a column is left out of that fold's fit, as glmnet leaves out a
 * constant column, and the test must be exact, which the copy's rounded values cannot give. One pass
 * over x: the column's blocks (one per fold) are each one value or mixed; fold k's training rows are
 * constant when the other blocks are all one and the same value, i.e. when block k alone differs from
 * them. (A column with one value in every row is constant in every fold, and left out of the full fit.)
 */
export function foldConstants(x: ModelMatrix, folds: FoldOrder): Int32Array {
  const { order, start } = folds;
  const nfolds = start.length - 2;
  const out = new Int32Array(x.p);
  const mixed = new Uint8Array(nfolds + 1);
  const value = new Float64Array(nfolds + 1);
  for (let j = 0; j < x.p; j++) {
    const o = j * x.n;
    let reference = 0; // the first block holding one value
    for (let k = 1; k <= nfolds; k++) {
      const v = x.data[o + order[start[k]]];
      let m = 0;
      for (let r = start[k] + 1; r < start[k + 1] && !m; r++) m = x.data[o + order[r]] !== v ? 1 : 0;
      mixed[k] = m;
      value[k] = v;
      if (!m && reference === 0) reference = k;
    }
    if (reference === 0) continue;
    // Blocks unlike the reference block: none (one value everywhere), one (its fold is the constant
    // one), or several, which leave a constant fold only when the reference block is the one unlike
    // all the others, themselves alike.
    let unlike = 0, other = 0;
    for (let k = 1; k <= nfolds; k++) {
      if (mixed[k] || value[k] !== value[reference]) {
        unlike++;
        other = k;
      }
    }
    if (unlike === 1) out[j] = other;
    else if (unlike === nfolds - 1 && !mixed[other]) {
      let alike = true;
      for (let k = 1; k <= nfolds && alike; k++) if (k !== reference) alike = !mixed[k] && value[k] === value[other];
      if (alike) out[j] = reference;
    }
  }
  return out;
}

/**
 * For each fold (1..K, at index k − 1), what its own fit would refuse standardizing its training rows
 * (standardizeDesign's refusal of a feature that overflows in a row of weight 0; the rows named as the data
 * give them), or null: the copy's rounded values cannot show it, so a fold viewing the copy is told it
 * (viewFold). Each fold's rows in their own order and weights, as its own fit takes them; nothing is
 * computed when no row has weight 0.
 */
export function foldUnstandardizable(
  x: ModelMatrix, folds: FoldOrder, weights: ArrayLike<number> | undefined, how: StandardizeHow,
): (Unstandardizable | null)[] {
  const { order, start } = folds;
  const nfolds = start.length - 2;
  if (weights === undefined || !Array.prototype.includes.call(weights, 0)) return new Array(nfolds).fill(null);
  const foldOf = new Int32Array(order.length);
  for (let k = 1; k <= nfolds; k++) for (let r = start[k]; r < start[k + 1]; r++) foldOf[order[r]] = k;
  return Array.from({ length: nfolds }, (_, f) => trainingUnstandardizable(x, Int32Array.from(foldOf.keys()).filter((i) => foldOf[i] !== f + 1), weights, how));
}

/** rowsUnstandardizable of rows `rows` of x, with their weights (of x's rows, as given) scaled to sum to 1. */
function trainingUnstandardizable(x: ModelMatrix, rows: Int32Array, weights: ArrayLike<number>, how: StandardizeHow): Unstandardizable | null {
  let sum = 0;
  for (const i of rows) sum += weights[i];
  return rowsUnstandardizable(x, rows, Float64Array.from(rows, (i) => weights[i] / sum), how);
}

/**
 * A fold fitted on a copy of its training rows `rows` (relaxed, or leaving a class out) refuses what
 * foldUnstandardizable finds, here, naming the row as the data give it: the copy's own fit would name it
 * by its place among the fold's rows. `options` are the fit's, their weights x's rows'.
 */
export function refuseCopiedFoldRows(x: ModelMatrix, rows: Int32Array, options: FitOptions): void {
  const { weights, intercept, standardize, exclude, penaltyFactor, survival } = options;
  if (weights === undefined || !Array.prototype.includes.call(weights, 0)) return;
  const opt = resolveOptions({ intercept, standardize, exclude, penaltyFactor }, rows.length, x.names);
  const how = { intercept: opt.intercept || survival !== undefined, standardize: opt.standardize, sqrtWeighted: false, excluded: opt.excluded };
  const found = trainingUnstandardizable(x, rows, weights, how);
  if (found) throw notStandardizable(found.name, found.s, found.row, found.value);
}

/**
 * Memories of cross-validations on worker threads (shared between them), kept for the next one as the
 * thread's pool keeps a fit's: a fresh memory costs its pages, paid by the full-data fit while the workers
 * wait for its λs (about 25 ms of CPU for the logistic benchmark's 8 MB on the 2-core test machine).
 */
const sharedCvWorkspaces = new WorkspacePool(4 * 2 ** 20, true);

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
    /** The pooled workspace whose memory this is, to give back when done. */
    private readonly lent: { readonly ws: Workspace; readonly pool: WorkspacePool } | null = null,
    /** f64s of each thread's room (regionRoom for the single-response solvers). */
    private readonly room: number = regionRoom(n, p),
  ) {}

  /**
   * The memory for `threads` threads: a pooled memory when one has the room (cross-validations one after
   * another, as in simulations, then reuse one memory, as fits do), this thread's for one thread, else
   * the pool of shared ones: the copy is left as the last fit left it, as the full-data fit writes every
   * column anyone reads (the usable ones), and the threads' arrays are zeroed as each workspace hands them out.
   */
  static create(n: number, p: number, threads: number, shared: boolean, solverDoubles?: number): CvMemory {
    const room = solverDoubles === undefined ? regionRoom(n, p) : evenRoom(solverDoubles + 64);
    const doubles = copyRoom(n, p) + threads * room;
    const pool = shared ? sharedCvWorkspaces : threadWorkspaces;
    const ws = pool.take(doubles);
    if (ws.memory !== null && isShared(ws.memory.buffer) === shared) {
      return new CvMemory(ws.memory, new Float64Array(ws.memory.buffer, 0, n * p), n, p, { ws, pool }, room);
    }
    pool.release(ws);
    const memory = Workspace.memory(doubles, shared);
    if (memory !== null) return new CvMemory(memory, new Float64Array(memory.buffer, 0, n * p), n, p, null, room);
    const buffer = shared ? new SharedArrayBuffer(n * p * 8) : new ArrayBuffer(n * p * 8);
    return new CvMemory(null, new Float64Array(buffer), n, p, null, room);
  }

  /** f64s of each thread's room (to attach the memory in another thread). */
  get roomDoubles(): number {
    return this.room;
  }

  /** Give the memory back to its pool (when it came from one): the cross-validation is done, no thread writes to it. */
  release(): void {
    if (this.lent) this.lent.pool.release(this.lent.ws);
  }

  /** Never lend the memory again: a cross-validation that failed, whose worker threads may still be ending. */
  discard(): void {
    if (this.lent) this.lent.pool.discard(this.lent.ws);
  }

  /** The same memory in another thread: what `create` made there, sent over. */
  static attach(memory: WebAssembly.Memory | null, copy: Float64Array, n: number, p: number, room?: number): CvMemory {
    return new CvMemory(memory, memory ? new Float64Array(memory.buffer, 0, n * p) : copy, n, p, null, room);
  }

  /** A workspace on thread t's room (0 is the full-data fit's, then the folds' of the thread that made it). */
  workspace(t: number): Workspace {
    const from = copyRoom(this.n, this.p) + t * this.room;
    const ws = Workspace.region(this.memory, from, from + this.room);
    ws.adopt(this.copy);
    return ws;
  }
}

/** f64s of the copy, kept even so that each region starts 16-byte aligned. */
function copyRoom(n: number, p: number): number {
  return n * p + ((n * p) & 1);
}

/**
 * f64s of each thread's solver in a cross-validation with `options` and `nfolds` folds: where the folds
 * use covariance updates on the Gram cache (foldsKeepGram: also tall data with p ≥ 500), room for the
 * covariance solver's Gram columns, so that their passes run in WebAssembly (linalg/epoch.ts), not in
 * the TypeScript loops, and for the cache's columns filled together (GramScratch). Pages of the room
 * that no Gram column reaches are never touched.
 */
export function cvSolverDoubles(n: number, p: number, options: FitOptions, nfolds: number): number {
  const leastSquares = familyOf(options.family ?? "gaussian").solver === "least-squares";
  const gram = foldsKeepGram(leastSquares, options.updates, n, p);
  return solverRoom(n, p, p < 500 || gram) + (gram ? FILL_TOGETHER * nfolds * p + p : 0);
}

/** f64s of one thread's room: the solver's, and slack for aligning each of its arrays. */
function regionRoom(n: number, p: number): number {
  return evenRoom(solverRoom(n, p) + 64);
}

/** Rounded up to even, so that each region starts 16-byte aligned. */
function evenRoom(room: number): number {
  return room + (room & 1);
}

/** Bytes a cross-validation with `threads` threads takes for the copy and the threads' rooms. */
export function cvMemoryBytes(n: number, p: number, threads: number): number {
  return 8 * (copyRoom(n, p) + threads * regionRoom(n, p));
}
