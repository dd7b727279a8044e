/**
 * The faster of two ways to run the same computation, by this thread's own timings: each way is tried
 * until it has MIN_SAMPLES timings, then the cheaper is taken, the other again every EXPLORE_EVERY choices
 * (the load, and so the winner, may change while a process runs). Only for ways that give the same numbers
 * bit for bit, so that only the speed depends on the choice:
 * - sweeps that stream from memory, fused or apart (kernels.ts's fuseSweep): a fused sweep updates a
 *   coordinate's residual in the same loop that reads the next coordinate's pull; where the columns stream
 *   from memory the faster way changed from machine to machine (bench/README.md: fused 13% slower, then
 *   11% faster, then 22% slower on the tall path);
 * - passes split by rows across two threads or run alone (row-split.ts): split is faster only while both
 *   threads' time slices overlap.
 */
export class FasterWay {
  /** Milliseconds per unit of work of each way, smoothed; NaN until timed. */
  private readonly cost = { first: NaN, second: NaN };
  private readonly samples = { first: 0, second: 0 };
  private choices = 0;

  /** Whether the next run should take the first way (the first until both are timed alike). */
  first(): boolean {
    const { samples, cost } = this;
    if (samples.first < MIN_SAMPLES || samples.second < MIN_SAMPLES) return samples.first <= samples.second;
    const better = cost.first <= cost.second;
    return ++this.choices % EXPLORE_EVERY === 0 ? !better : better;
  }

  /** A run of `units` units of work took `ms` milliseconds the first way or the second (0 ms: too short for the clock, left out). */
  record(first: boolean, units: number, ms: number): void {
    if (!(ms > 0) || !(units > 0)) return;
    const way = first ? "first" : "second";
    const perUnit = ms / units;
    const old = this.cost[way];
    this.cost[way] = Number.isNaN(old) ? perUnit : old + SMOOTHING * (perUnit - old);
    this.samples[way]++;
  }

  /** The smoothed cost of each way, ms per unit (NaN: not yet timed). */
  costs(): { first: number; second: number } {
    return { ...this.cost };
  }

  /** How many runs of each way were timed. */
  timings(): { first: number; second: number } {
    return { ...this.samples };
  }
}

/** Timings of each way before the cheaper is preferred. */
const MIN_SAMPLES = 2;
/** One choice in this many tries the way that measured slower. */
const EXPLORE_EVERY = 16;
/** Weight of a new timing in the smoothed cost. */
const SMOOTHING = 0.3;
