// How many threads a parallel cross-validation runs, and the options that say so (ParallelOptions).
import { functionRule, numberRule, type Schema } from "../data/arguments.js";
import type { ModelMatrix } from "../data/matrix.js";
import type { ParallelOptions } from "../threads.node.js";
import { cvMemoryBytes } from "./copy.js";

/** The options of the threads that run folds (ParallelOptions). */
export const PARALLEL_OPTIONS_SCHEMA: Schema<ParallelOptions> = {
  jobs: numberRule({ integer: true, min: 1 }),
  onProgress: functionRule,
};

/**
 * Below this many cells of X, jobs left unset means one: starting a worker (~100 ms) costs more than
 * the folds take (a 1,000 × 50 logistic CV: 0.2 s in one thread, 0.36 s with a worker). Only speed
 * depends on it; the numbers are the same either way.
 */
export const SMALL_CELLS = 250_000;

/**
 * Threads when jobs is left unset: one per core, or one for X under SMALL_CELLS cells, and never more
 * than the free memory holds: one standardized copy of X for all of them and each thread's solver room
 * (cvMemoryBytes), and X in shared memory for the workers, a copy when X is not there already. A big X
 * on a small machine then runs in fewer threads, slower, instead of running out of memory.
 */
export function defaultJobs(x: ModelMatrix, cores: number, freeBytes: number): number {
  if (x.n * x.p < SMALL_CELLS) return 1;
  const sharedCopy = x.data.buffer instanceof SharedArrayBuffer ? 0 : x.data.byteLength;
  // Leave a fifth of the free memory to everything else.
  const room = 0.8 * freeBytes;
  let jobs = 1;
  while (jobs < cores && sharedCopy + cvMemoryBytes(x.n, x.p, jobs + 1) <= room) jobs++;
  return jobs;
}
