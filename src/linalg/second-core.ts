/**
 * A second thread for the wide kernel calls of a fit: the KKT check's pulls over all p columns, the
 * duality gap's, and new Gram columns, i.e. out[j] = x_jᵀv for many columns j (dotcols). X, v and out
 * live in one WebAssembly memory shared by both threads (SharedArrayBuffer); the two threads claim
 * chunks of the column list from a shared counter until none is left, so neither waits for the other
 * to start (a helper descheduled on a busy machine just claims nothing). Each column's dot is the same
 * kernel call whichever thread runs it: the results are the same bit for bit with or without the helper.
 *
 * Node only: the thread itself is started by second-core.node.ts, which the Node entry points (shrinkage/node,
 * the CLI) load and which registers itself here (provideHelperThreads). Without it (browsers, whose main
 * thread may not block in Atomics.wait and which have no SharedArrayBuffer unless cross-origin isolated;
 * the plain "shrinkage" entry) every fit keeps to one thread, with the same numbers.
 */
import { dotColumnsCall, setSharedCallCells, sharedCallCells, type ColumnHelper, type OwnKernels, type RowServer } from "./kernels.js";
import { gramModule, kernelsModule, rowSplitModule } from "./wasm.js";
import type { Workspace } from "./workspace.js";

/** Control words (Int32Array indices) of the shared block. */
export const SEQ = 0; // bumped when a job is published or the helper is to stop
export const STOP = 1;
export const DONE = 2; // columns finished in the current job
export const N = 3, PX = 4, PCOLS = 5, COUNT = 6, POUT = 8, CHUNK = 9, CHUNKS = 10;
/** Columns the helper computed, over its life (tests check it did some). */
export const HELPED = 11;
/** How many vectors (1, 2 or 4: dotcols, dotcols2, dotcols4), their addresses, and out's stride between them. */
export const NV = 12, V = [7, 13, 14, 15], LDO = 18;
/** What a SEQ bump asks (KIND_COLUMNS: a dotColumns job; KIND_ROWS: serve the halves of row-split.ts's control block at ROWS_CTL, split at ROWS_H of ROWS_N rows). */
export const KIND = 19, ROWS_CTL = 20, ROWS_N = 21, ROWS_H = 22;
export const KIND_COLUMNS = 0, KIND_ROWS = 1;
/** NV's value for one vector with the columns read four side by side (dotcolsx). */
export const APART = -1;
/** The claim word (BigInt64Array index 8, Int32 words 16-17): job number in the high 32 bits, next chunk in the low. */
export const CLAIM = 8;
const CONTROL_BYTES = 128;

/**
 * Cells (rows × columns) per claimed chunk: big enough that a claim's atomic operations cost nothing
 * beside it, small enough that a thread finishing first waits for at most one chunk of the other's.
 */
const CHUNK_CELLS = 32768;


/** Where in a test the columns are computed: "shared" (both threads claim) or "helper" (the main thread claims none). */
export type SecondCoreSplit = "shared" | "helper";
let split: SecondCoreSplit = "shared";

/** Make the helper compute every column (tests: the results must not change); returns the previous setting. */
export function setSecondCoreSplit(s: SecondCoreSplit): SecondCoreSplit {
  const previous = split;
  split = s;
  return previous;
}

/** Threads the helpers of this process have started, and columns they computed (tests and the benchmark read it). */
export const secondCoreStats = { started: 0, helped: 0 };

interface WorkerLike {
  terminate(): unknown;
  unref(): void;
}

/** What second-core.node.ts provides: whether this is a process's main thread, and how to start a helper. */
export interface HelperThreads {
  readonly isMainThread: boolean;
  start(workerData: {
    module: WebAssembly.Module; gramModule: WebAssembly.Module | null; rowsModule: WebAssembly.Module | null;
    memory: WebAssembly.Memory; control: SharedArrayBuffer;
  }): WorkerLike;
}
let helperThreads: HelperThreads | null = null;

/** Called once by second-core.node.ts as it loads. */
export function provideHelperThreads(h: HelperThreads): void {
  helperThreads = h;
}

/** A helper thread on one shared memory, for the life of one fit. */
export class SecondCore implements ColumnHelper, RowServer {
  private readonly c: Int32Array;
  private readonly claim: BigInt64Array;
  private job = 0;
  private closed = false;

  private constructor(private readonly worker: WorkerLike, control: SharedArrayBuffer) {
    this.c = new Int32Array(control);
    this.claim = new BigInt64Array(control);
  }

  /**
   * Start a helper on `memory` (shared) running `module` and `gram` (the kernels and Gram-column kernels built for a shared memory); null
   * where threads or shared memory are unavailable. It starts in the background: until it is up, the
   * calling thread computes every chunk itself.
   */
  static start(module: WebAssembly.Module, gram: WebAssembly.Module | null, memory: WebAssembly.Memory): SecondCore | null {
    if (typeof SharedArrayBuffer === "undefined" || !(memory.buffer instanceof SharedArrayBuffer)) return null;
    if (helperThreads === null) return null;
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    try {
      const worker = helperThreads.start({ module, gramModule: gram, rowsModule: rowSplitModule(), memory, control });
      // Never keeps the process alive; close() stops it at the fit's end.
      worker.unref();
      secondCoreStats.started++;
      return new SecondCore(worker, control);
    } catch {
      return null;
    }
  }

  /**
   * out[m·ldo + j] = x_jᵀv_m for each j in cols[0..count) and each of the 1, 2 or 4 vectors vs (byte
   * addresses in the shared memory, x's columns n long): chunks claimed by both threads; `own` is this
   * thread's instance of the kernels.
   */
  dotColumns(own: OwnKernels, n: number, px: number, pcols: number, count: number, vs: readonly number[], pout: number, ldo: number, apart = false): void {
    const c = this.c;
    const chunk = Math.max(1, Math.ceil(CHUNK_CELLS / (n * vs.length)));
    const chunks = Math.ceil(count / chunk);
    Atomics.store(c, DONE, 0);
    Atomics.store(c, N, n);
    Atomics.store(c, PX, px);
    Atomics.store(c, PCOLS, pcols);
    Atomics.store(c, COUNT, count);
    Atomics.store(c, NV, apart ? APART : vs.length);
    for (let m = 0; m < vs.length; m++) Atomics.store(c, V[m], vs[m]);
    Atomics.store(c, POUT, pout);
    Atomics.store(c, LDO, ldo);
    Atomics.store(c, KIND, KIND_COLUMNS);
    Atomics.store(c, CHUNK, chunk);
    Atomics.store(c, CHUNKS, chunks);
    this.job = (this.job + 1) | 0;
    Atomics.store(this.claim, CLAIM, BigInt(this.job >>> 0) << 32n);
    Atomics.add(c, SEQ, 1);
    Atomics.notify(c, SEQ);
    let mine = 0;
    if (split === "shared") {
      for (;;) {
        const i = Number(BigInt.asUintN(32, Atomics.add(this.claim, CLAIM, 1n)));
        if (i >= chunks) break;
        const start = i * chunk, len = Math.min(chunk, count - start);
        dotColumnsCall(own, n, px, pcols + 4 * start, len, vs, pout, ldo, apart);
        mine += len;
      }
      Atomics.add(c, DONE, mine);
    }
    // Wait for the chunks the helper claimed (in "helper" mode, for all of them).
    for (let done = Atomics.load(c, DONE); done < count; done = Atomics.load(c, DONE)) {
      if (Atomics.wait(c, DONE, done, WAIT_MS) === "timed-out" && split === "helper" && Atomics.load(c, HELPED) === 0) {
        throw new Error(`the second core's helper thread computed nothing in ${WAIT_MS} ms`);
      }
    }
  }

  /** Whether the calling thread takes a posted half the helper has not (not in "helper" split: tests). */
  get callerTakes(): boolean {
    return split === "shared";
  }

  /** Wake the helper to run the halves posted at control block `ctl` (row-split.ts) until told to leave; returns the wake-up's number. */
  serveRows(ctl: number, n: number, h: number): number {
    const c = this.c;
    Atomics.store(c, ROWS_CTL, ctl);
    Atomics.store(c, ROWS_N, n);
    Atomics.store(c, ROWS_H, h);
    Atomics.store(c, KIND, KIND_ROWS);
    const call = Atomics.add(c, SEQ, 1) + 1;
    Atomics.notify(c, SEQ);
    return call;
  }

  /** Stop the helper (at the fit's end); its columns are added to secondCoreStats. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    secondCoreStats.helped += Atomics.load(this.c, HELPED);
    Atomics.store(this.c, STOP, 1);
    Atomics.add(this.c, SEQ, 1);
    Atomics.notify(this.c, SEQ);
    void this.worker.terminate();
  }
}

/** How long the calling thread sleeps at a time while the helper finishes a chunk (it is woken as soon as it does). */
const WAIT_MS = 60000;

/**
 * Fits of X with fewer cells (n × p) than this keep to one thread: starting the helper costs the calling
 * thread about 20-30 ms (new Worker), which only a long fit repays.
 */
export const SECOND_CORE_CELLS = 2 ** 21;
let fitCells = SECOND_CORE_CELLS;

/** Change the size from which fits get a helper, and dotColumns calls share their columns (tests); returns the previous ones. */
export function setSecondCoreThresholds(t: { fitCells: number; callCells: number }): { fitCells: number; callCells: number } {
  const previous = { fitCells, callCells: sharedCallCells() };
  fitCells = t.fitCells;
  setSharedCallCells(t.callCells);
  return previous;
}

/**
 * Threads of a fit that does not say (FitOptions.threads) in a process's main thread: SHRINKAGE_THREADS
 * when set to a positive integer, else 1; in worker threads 1 (parallel cross-validation and simulations
 * already keep every core busy with a fit each). 1: on the shared benchmark machine (load 15-28 on 2
 * cores) the helper cost CPU time, which there is wall time (bench/README.md, "The second core").
 */
export const DEFAULT_THREADS = defaultThreads();

function defaultThreads(): number {
  // Read guardedly: browsers have no process.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const asked = Number(env?.SHRINKAGE_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? asked : 1;
}

/** Whether a fit of `cells` cells asking for `threads` threads should get a helper. */
export function wantSecondCore(cells: number, threads?: number): boolean {
  if (helperThreads === null || cells < fitCells || (threads ?? DEFAULT_THREADS) < 2 || typeof SharedArrayBuffer === "undefined") return false;
  // Left unset, only the main thread takes the default (a fold worker keeps to itself).
  return threads !== undefined || helperThreads.isMainThread;
}

/**
 * Start a helper on a workspace's shared memory and let its kernels use it; null (and nothing changed)
 * when the workspace is not on a shared WebAssembly memory or no thread can be had.
 */
export function attachSecondCore(ws: Workspace): SecondCore | null {
  const module = kernelsModule(true);
  if (ws.memory === null || module === null) return null;
  const core = SecondCore.start(module, gramModule(true), ws.memory);
  if (core !== null) ws.kernels.share(core);
  return core;
}
