/**
 * The gaussian naive passes split by rows across a fit's two threads (wasm/rowsplit.wat): each n-row
 * kernel call of a pass (the pull x̃_jᵀr̃, the fused update-and-pull, the update r̃ += a·x̃_k) runs rows
 * [0, h) in the calling thread and rows [h, n) in the second core's helper, which loops on them for the
 * length of a pass call (serve) and sleeps in Atomics.wait between calls. One hand-off per coordinate:
 * the caller posts the half, runs its own, then takes the helper's result (or runs the half itself when
 * the helper has not claimed it: a descheduled helper never stalls a pass). Both halves of a pass stream
 * their own rows of the active columns, so a pass bound by one core's memory bandwidth runs on two.
 *
 * Where the cores are busy, a helper descheduled in the middle of a half stalls the caller until it runs
 * again; after a call that stalled so, the next calls (4, doubling to 64 while stalls go on) run both
 * halves in the calling thread ("alone"): the same sums, so the same bits, without the helper.
 *
 * A split pull is x̃[0,h)ᵀr̃[0,h) + x̃[h,n)ᵀr̃[h,n), in that order: the iterates differ from one thread's
 * in the last bits (the sum's order), and are the same whichever thread ran which half.
 */
import { instantiateKernels, instantiateRowSplit, kernelsModule, type WasmEpoch, type WasmRowSplit } from "./wasm.js";
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
const HELPED = 10, MODE = 11, STALLS = 13, CONTROL_WORDS = 14;
const HELPER_ONLY = 0, CALLER_TAKES = 1, ALONE = 2;
/** Calls run alone after one that stalled: the first time, and at most (doubling in between). */
const FIRST_BACKOFF = 4, MAX_BACKOFF = 64;

/** The split passes of one fit: the passes' instance to call, and the calls' start and end. */
export class RowSplit {
  private helpedSeen = 0;
  private stallsSeen = 0;
  /** The current call's wake-up number (second-core.ts's SEQ). */
  private call = 0;
  /** Whether the current call runs alone; calls left to run alone; how many the last stall earned. */
  private alone = false;
  private skip = 0;
  private backoff = 0;

  private constructor(
    /** The gaussian passes, calling the split kernels. */
    readonly epoch: WasmEpoch,
    private readonly split: WasmRowSplit,
    private readonly control: Int32Array,
    private readonly at: number,
    private readonly n: number,
    private readonly h: number,
    private readonly server: RowServer,
  ) {}

  /** Split passes of n rows on `ws` (a shared memory with a helper); null below the rows threshold or without the room. */
  static of(ws: Workspace, n: number, server: RowServer | null): RowSplit | null {
    const memory = ws.memory, module = kernelsModule(true);
    if (server === null || n < minRows || memory === null || module === null) return null;
    const control = ws.i32(CONTROL_WORDS);
    const at = ws.kernels.address(control);
    if (at < 0) return null;
    const made = instantiateRowSplit(memory, instantiateKernels(module, memory));
    if (made === null) return null;
    // h = ⌊n/2⌋ rounded down to 8 rows: the helper's half starts on a cache line where the columns do.
    const h = (n >> 1) & ~7;
    made.split.setup(at, n, h);
    return new RowSplit(made.epoch, made.split, control, at, n, h, server);
  }

  /** Before a pass call: the helper is woken to serve its halves (or, after stalls, the call runs alone). */
  begin(): void {
    rowSplitStats.calls++;
    const takes = this.server.callerTakes;
    this.alone = everyCallAlone || (takes && this.skip > 0);
    if (this.alone) {
      this.skip--;
      rowSplitStats.alone++;
      Atomics.store(this.control, MODE, ALONE);
      return;
    }
    Atomics.store(this.control, MODE, takes ? CALLER_TAKES : HELPER_ONLY);
    this.call = this.server.serveRows(this.at, this.n, this.h);
  }

  /** After a pass call: the helper leaves its loop (back to Atomics.wait); its halves and the call's stalls are counted. */
  end(): void {
    if (this.alone) return;
    this.split.leave(this.call);
    const helped = Atomics.load(this.control, HELPED);
    rowSplitStats.helped += helped - this.helpedSeen;
    this.helpedSeen = helped;
    const stalls = Atomics.load(this.control, STALLS);
    rowSplitStats.stalls += stalls - this.stallsSeen;
    this.backoff = stalls > this.stallsSeen ? Math.min(MAX_BACKOFF, Math.max(FIRST_BACKOFF, 2 * this.backoff)) : 0;
    this.skip = this.backoff;
    this.stallsSeen = stalls;
  }
}
