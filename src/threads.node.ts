// Starting worker threads from either the built JavaScript or the TypeScript sources (Node only).
import { Worker, type WorkerOptions } from "node:worker_threads";
import { ShrinkageError } from "./errors.js";

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
 * Built, it is name.js, which the build has bundled into one module (scripts/bundle-workers.mjs bundles
 * every *worker.node.js, so a worker's name ends in "worker.node"). From sources (tests, `node --import
 * tsx`) it is name.ts, and Node 20 does not apply the parent's --import loader to a worker's entry
 * module, so a small bootstrap registers tsx's loader first and then imports it.
 */
export function startWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  if (!name.endsWith("worker.node")) throw new ShrinkageError(`a worker module's name ends in "worker.node" (the build bundles those), got "${name}"`);
  if (!base.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, base), options);
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, base).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })` +
    `.catch((e) => { process.nextTick(() => { throw e; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** A worker's reply to one task: its result, or the error it raised. */
export type TaskReply<R> =
  | { readonly type: "result"; readonly result: R }
  | { readonly type: "error"; readonly message: string; readonly name: string };

/** Independent tasks 0 … total−1 run on `jobs` workers of one module, each worker given the next task as it finishes. */
export interface TaskPool {
  /** The worker module: `name` beside `base` (an import.meta.url), as startWorker takes them. */
  readonly base: string;
  readonly name: string;
  readonly workerData: unknown;
  readonly jobs: number;
  readonly total: number;
  /** The message that starts task i. */
  task(i: number): unknown;
  /** The error to raise when task i failed in its worker. */
  failure(i: number, reply: { readonly message: string; readonly name: string }): Error;
  /** What a worker is called in the error when one stops early, e.g. "a simulation worker". */
  readonly label: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Run a pool's tasks; results in task order whatever order the workers finish in. The first failure rejects. */
export async function runTasks<R>(pool: TaskPool): Promise<R[]> {
  const results: R[] = new Array(pool.total);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const held = new Map<Worker, number>();
      const give = (worker: Worker) => {
        if (next >= pool.total) return;
        held.set(worker, next);
        worker.postMessage(pool.task(next));
        next++;
      };
      for (let w = 0; w < Math.min(pool.jobs, pool.total); w++) {
        const worker = startWorker(pool.base, pool.name, { workerData: pool.workerData });
        workers.push(worker);
        worker.on("message", (reply: TaskReply<R>) => {
          const i = held.get(worker)!;
          if (reply.type === "error") return fail(pool.failure(i, reply));
          results[i] = reply.result;
          done++;
          pool.onProgress?.(done, pool.total);
          if (done === pool.total) resolve();
          else give(worker);
        });
        worker.on("error", (e) => fail(e instanceof Error ? e : new Error(String(e))));
        worker.on("exit", (code) => {
          if (code !== 0 && done < pool.total) fail(new ShrinkageError(`${pool.label} stopped with exit code ${code}`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
