/**
 * The gaussian naive passes and IRLS's split by rows across a fit's two threads (wasm/rowsplit.wat): each
 * n-row kernel call of a pass (the pull x̃_jᵀr̃, the fused update-and-pull, the update r̃ += a·x̃_k, IRLS's
 * weighted ones and curvatures Σ v·x̃_j²) runs rows
 * [0, h) in the calling thread and rows [h, n) in the second core's helper, which loops on them for the
 * length of a pass call (serve) and sleeps in Atomics.wait between calls. One hand-off per coordinate:
 * the caller posts the half, runs its own, then takes the helper's result (or runs the half itself when
 * the helper has not claimed it: a descheduled helper never stalls a pass). Both halves of a pass stream
 * their own rows of the active columns, so a pass bound by one core's memory bandwidth runs on two.
 *
 * Where the cores are busy, the two threads' time slices need not overlap, and hand-offs then cost far
 * more than they save (measured: 1.5-1.8x a thread's time). So each call is timed per kernel call, and
 * calls run split or "alone" (both halves in the calling thread: the same sums, so the same bits) by
 * which has been faster lately (faster-way.ts); a helper descheduled in mid-half
 * (a wait over 2^18 looks) sends the rest of its call alone at once (rowsplit.wat).
 *
 * A split pull is x̃[0,h)ᵀr̃[0,h) + x̃[h,n)ᵀr̃[h,n), in that order: the iterates differ from one thread's
 * in the last bits (the sum's order), and are the same whichever thread ran which half.
 */
import { instantiateKernels, instantiateRowSplit, kernelsModule, type WasmEpoch, type WasmIrls, type WasmRowSplit } from "./wasm.js";
import { FasterWay } from "./faster-way.js";
import type { RowServer } from "./kernels.js";
import type { Workspace } from "./workspace.js";

/** Rows from which a fit with a helper splits its naive passes: below, a half's sweep is too short beside a hand-off. */
export const ROW_SPLIT_ROWS = 4096;
let minRows = ROW_SPLIT_ROWS;

/** Change the rows from which passes split (tests); returns the previous value. */
export function setRowSplitRows(rows: number): number {
  const previous = minRows;
  minRows = rows;
  return previous;
}

let everyCallAlone = false;

/** Run every split call alone, both halves in the calling thread (tests: the same bits as split); returns the previous setting. */
export function setRowSplitAlone(alone: boolean): boolean {
  const previous = everyCallAlone;
  everyCallAlone = alone;
  return previous;
}

/** Pass calls run split (of which alone, after stalls), halves the helpers ran and stalls, in this process (tests and the benchmark read them). */
export const rowSplitStats = { calls: 0, alone: 0, helped: 0, stalls: 0 };

/**
 * Control block words (i32 indices; rowsplit.wat's byte offsets / 4): halves the helper ran; the mode
 * (0: the helper runs every half, 1: the caller takes one not claimed, 2: the caller runs both); stalls.
 */
const HELPED = 10, MODE = 11, STALLS = 13, CALLS = 14, CONTROL_WORDS = 20;
const HELPER_ONLY = 0, CALLER_TAKES = 1, ALONE = 2;
/** A call's time counts from this many kernel calls. */
const MIN_CALLS = 64;

/** The split passes of one fit: the passes' instance to call, and the calls' start and end. */
export class RowSplit<P extends WasmEpoch | WasmIrls = WasmEpoch | WasmIrls> {
  private helpedSeen = 0;
  private stallsSeen = 0;
  /** The current call's wake-up number (second-core.ts's SEQ). */
  private call = 0;
  /** Whether the current call runs alone; when it began and its kernel calls so far. */
  private alone = false;
  private started = 0;
  private kernelCalls = 0;
  /** Split (the first way) or alone, by ms per kernel call lately. */
  private readonly mode = new FasterWay();

  private constructor(
    /** The passes asked for (the gaussian ones or IRLS's), calling the split kernels. */
    readonly passes: P,
    private readonly split: WasmRowSplit,
    private readonly control: Int32Array,
    private readonly at: number,
    private readonly n: number,
    private readonly h: number,
    private readonly server: RowServer,
  ) {}

  /** Split passes of n rows on `ws` (a shared memory with a helper); null below the rows threshold or without the room. */
  static of<W extends "epoch" | "irls">(
    ws: Workspace, n: number, server: RowServer | null, which: W,
  ): RowSplit<W extends "epoch" ? WasmEpoch : WasmIrls> | null {
    const memory = ws.memory, module = kernelsModule(true);
    if (server === null || n < minRows || memory === null || module === null) return null;
    const control = ws.i32(CONTROL_WORDS);
    const at = ws.kernels.address(control);
    if (at < 0) return null;
    const made = instantiateRowSplit(memory, instantiateKernels(module, memory), which);
    if (made === null) return null;
    // h = ⌊n/2⌋ rounded down to 8 rows: the helper's half starts on a cache line where the columns do.
    const h = (n >> 1) & ~7;
    made.split.setup(at, n, h);
    return new RowSplit(made.passes as W extends "epoch" ? WasmEpoch : WasmIrls, made.split, control, at, n, h, server);
  }

  /** Before a pass call: the helper is woken to serve its halves, or the call runs alone. */
  begin(): void {
    rowSplitStats.calls++;
    const takes = this.server.callerTakes;
    this.alone = everyCallAlone || (takes && !this.mode.first());
    this.started = performance.now();
    this.kernelCalls = Atomics.load(this.control, CALLS);
    if (this.alone) {
      rowSplitStats.alone++;
      Atomics.store(this.control, MODE, ALONE);
      return;
    }
    Atomics.store(this.control, MODE, takes ? CALLER_TAKES : HELPER_ONLY);
    this.call = this.server.serveRows(this.at, this.n, this.h);
  }

  /** After a pass call: the helper leaves its loop (back to Atomics.wait); the call is timed, its halves and stalls counted. */
  end(): void {
    const calls = Atomics.load(this.control, CALLS) - this.kernelCalls;
    if (calls >= MIN_CALLS) this.mode.record(!this.alone, calls, performance.now() - this.started);
    if (this.alone) return;
    this.split.leave(this.call);
    const helped = Atomics.load(this.control, HELPED);
    rowSplitStats.helped += helped - this.helpedSeen;
    this.helpedSeen = helped;
    const stalls = Atomics.load(this.control, STALLS);
    rowSplitStats.stalls += stalls - this.stallsSeen;
    this.stallsSeen = stalls;
  }
}
