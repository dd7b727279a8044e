/**
 * Stability selection's half-sample pairs on worker threads (Node). Each pair is a pure function of its
 * index and stream state, and the summary adds them in index order, so the result is identical to
 * stability()'s whatever the number of workers or the order in which they finish.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { OptionError, ShrinkageError } from "../errors.js";
import { startWorker, type ParallelOptions } from "../threads.node.js";
import {
  pairStates, resolveStabilityOptions, runPair, summarizeStability,
  type PairSelection, type StabilityData, type StabilityOptions, type StabilityResult,
} from "./stability.js";
import type { StabilityReply, StabilityTask } from "./stability-worker.node.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { stabilityDataRule } from "./arguments.js";
import { STABILITY_OPTIONS_SCHEMA } from "./stability.js";
import { PARALLEL_OPTIONS_SCHEMA } from "../cv/parallel.node.js";

/** Stability selection with its pairs on `jobs` worker threads; the same result as stability(). */
export async function stabilityParallel(data: StabilityData, options: StabilityOptions = {}, parallel: ParallelOptions = {}): Promise<StabilityResult> {
  checkArguments("stabilityParallel", { data, options, parallel }, { data: stabilityDataRule, options: optionsRule(STABILITY_OPTIONS_SCHEMA), parallel: optionsRule(PARALLEL_OPTIONS_SCHEMA) });
  const resolved = resolveStabilityOptions(data, options);
  const jobs = parallel.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`--jobs must be a positive integer, got ${jobs}`, "jobs");
  const states = pairStates(resolved);
  const total = resolved.pairs;
  const onProgress = parallel.onProgress;
  const results: PairSelection[] = new Array(total);
  if (jobs === 1 || total === 1) {
    for (let k = 0; k < total; k++) {
      results[k] = runPair(data, resolved, k, states[k]);
      onProgress?.(k + 1, total);
    }
    return summarizeStability(data, resolved, results);
  }
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
      const give = (worker: Worker) => {
        if (next >= total) return;
        worker.postMessage({ pair: next, state: states[next] } satisfies StabilityTask);
        next++;
      };
      for (let w = 0; w < Math.min(jobs, total); w++) {
        const worker = startWorker(import.meta.url, "stability-worker.node", { workerData: { data, options: resolved } });
        workers.push(worker);
        worker.on("message", (reply: StabilityReply) => {
          if (reply.type === "error") {
            fail(reply.name === "OptionError" ? new OptionError(`half-sample pair ${reply.pair + 1}: ${reply.message}`) : new ShrinkageError(`half-sample pair ${reply.pair + 1}: ${reply.message}`));
            return;
          }
          results[reply.result.pair] = reply.result;
          done++;
          onProgress?.(done, total);
          if (done === total) resolve();
          else give(worker);
        });
        worker.on("error", (e) => fail(e instanceof Error ? e : new Error(String(e))));
        worker.on("exit", (code) => {
          if (code !== 0 && done < total) fail(new ShrinkageError(`a stability worker stopped with exit code ${code}`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return summarizeStability(data, resolved, results);
}
