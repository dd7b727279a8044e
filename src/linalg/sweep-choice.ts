/**
 * Fused or apart, for sweeps whose columns stream from main memory: whichever this process measures
 * faster on its own passes. A fused sweep updates a coordinate's residual in the same loop that reads
 * the next coordinate's pull (axpyDot); apart, the update and then the pull each have a loop. Where the
 * columns come from cache the fused loop was faster on every machine measured; where they stream from
 * memory the winner changed from machine to machine (bench/README.md: fused 13% slower, then 11% faster,
 * then 22% slower on the tall path). Both give the same numbers bit for bit, so the choice can be made by
 * timing the sweeps as they run, and only the speed depends on it.
 */
export class SweepChooser {
  /** Seconds per cell (one row of one column) of each way, smoothed; NaN until measured. */
  private readonly cost = { fused: NaN, apart: NaN };
  private readonly samples = { fused: 0, apart: 0 };
  private choices = 0;

  /**
   * Whether the next streaming sweep should be fused: each way is tried until it has MIN_SAMPLES timings,
   * then the cheaper one is taken, the other again every EXPLORE_EVERY choices (the load, and so the
   * winner, may change while a process runs).
   */
  fused(): boolean {
    const { samples, cost } = this;
    if (samples.fused < MIN_SAMPLES || samples.apart < MIN_SAMPLES) return samples.fused <= samples.apart;
    const better = cost.fused <= cost.apart;
    return ++this.choices % EXPLORE_EVERY === 0 ? !better : better;
  }

  /** A sweep of `cells` cells ran fused or apart in `ms` milliseconds (0: too short for the clock, left out). */
  record(fused: boolean, cells: number, ms: number): void {
    if (!(ms > 0) || !(cells > 0)) return;
    const way = fused ? "fused" : "apart";
    const perCell = ms / cells;
    const old = this.cost[way];
    this.cost[way] = Number.isNaN(old) ? perCell : old + SMOOTHING * (perCell - old);
    this.samples[way]++;
  }

  /** The smoothed cost of each way, ms per cell (NaN: not yet timed). */
  costs(): { fused: number; apart: number } {
    return { ...this.cost };
  }

  /** How many sweeps of each way were timed. */
  timings(): { fused: number; apart: number } {
    return { ...this.samples };
  }
}

/** Timings of each way before the cheaper is preferred. */
const MIN_SAMPLES = 2;
/** One choice in this many tries the way that measured slower. */
const EXPLORE_EVERY = 16;
/** Weight of a new timing in the smoothed cost. */
const SMOOTHING = 0.3;

/** This thread's chooser, for every fit it runs. */
export const streamingSweeps = new SweepChooser();
