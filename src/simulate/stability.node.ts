/**
 * Stability selection's half-sample pairs on worker threads (Node). Each pair is a pure function of its
 * index and stream state, and the summary adds them in index order, so the result is identical to
 * stability()'s whatever the number of workers or the order in which they finish.
 */
import { availableParallelism } from "node:os";
import { OptionError, ShrinkageError } from "../errors.js";
import { runTasks, type ParallelOptions } from "../threads.node.js";
import {
  pairStates, resolveStabilityOptions, runPair, summarizeStability,
  type PairSelection, type StabilityData, type StabilityOptions, type StabilityResult,
} from "./stability.js";
import type { StabilityTask } from "./stability-worker.node.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { stabilityDataRule } from "./arguments.js";
import { STABILITY_OPTIONS_SCHEMA } from "./stability.js";
import { PARALLEL_OPTIONS_SCHEMA } from "../cv/jobs.node.js";

/** Stability selection with its pairs on `jobs` worker threads; the same result as stability(). */
export async function stabilityParallel(data: StabilityData, options: StabilityOptions = {}, parallel: ParallelOptions = {}): Promise<StabilityResult> {
  checkArguments("stabilityParallel", { data, options, parallel }, { data: stabilityDataRule, options: optionsRule(STABILITY_OPTIONS_SCHEMA), parallel: optionsRule(PARALLEL_OPTIONS_SCHEMA) });
  const resolved = resolveStabilityOptions(data, options);
  const jobs = parallel.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`jobs must be a positive integer, got ${jobs}`, "jobs");
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
  const selections = await runTasks<PairSelection>({
    base: import.meta.url, name: "stability-worker.node", workerData: { data, options: resolved }, jobs, total, onProgress,
    task: (pair): StabilityTask => ({ pair, state: states[pair] }),
    failure: (pair, reply) => new (reply.name === "OptionError" ? OptionError : ShrinkageError)(`half-sample pair ${pair + 1}: ${reply.message}`),
    label: "a stability worker",
  });
  return summarizeStability(data, resolved, selections);
}
