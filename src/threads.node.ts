// Starting worker threads from either the built JavaScript or the TypeScript sources (Node only).
import { Worker, type WorkerOptions } from "node:worker_threads";

/** How work is spread over worker threads (cross-validation folds, simulation repetitions). */
export interface ParallelOptions {
  /**
   * Threads at once (one per core by default; for cross-validation, one when X has fewer than
   * SMALL_CELLS cells, and no more than the free memory holds); 1 runs everything in this thread.
   */
  jobs?: number;
  /** Called after each finished piece (fold, repetition) with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Start the worker module `name` (without extension) that sits beside `base` (an import.meta.url).
 * Built, it is name.js. From sources (tests, `node --import tsx`) it is name.ts, and Node 20 does not
 * apply the parent's --import loader to a worker's entry module, so a small bootstrap registers tsx's
 * loader first and then imports it.
 */
export function startWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  if (!base.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, base), options);
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, base).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })` +
    `.catch((e) => { process.nextTick(() => { throw e; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
