/**
 * Repetitions on worker threads (Node). Each repetition is a pure function of its index and its
 * stream state, and the summary adds repetitions in index order, so the result is identical to
 * runExperiment's whatever the number of workers or the order in which they finish.
 */
import { availableParallelism } from "node:os";
import { OptionError, ShrinkageError } from "../errors.js";
import type { Design } from "./design.js";
import {
  repetitionStates, resolveExperimentOptions, runRepetition, summarizeExperiment,
  type ExperimentOptions, type RepetitionResult, type SimulationSummary,
} from "./experiment.js";
import { runTasks, type ParallelOptions } from "../threads.node.js";
import type { WorkerTask } from "./worker.node.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { designRule } from "./arguments.js";
import { EXPERIMENT_OPTIONS_SCHEMA } from "./experiment.js";
import { PARALLEL_OPTIONS_SCHEMA } from "../cv/jobs.node.js";


/** Run an experiment's repetitions on `jobs` worker threads; same result as runExperiment. */
export async function runExperimentParallel(
  design: Design,
  options: ExperimentOptions = {},
  parallel: ParallelOptions = {},
): Promise<SimulationSummary> {
  checkArguments("runExperimentParallel", { design, options, parallel }, { design: designRule, options: optionsRule(EXPERIMENT_OPTIONS_SCHEMA), parallel: optionsRule(PARALLEL_OPTIONS_SCHEMA) });
  const resolved = resolveExperimentOptions(design, options);
  const jobs = parallel.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`jobs must be a positive integer, got ${jobs}`, "jobs");
  const states = repetitionStates(resolved);
  const total = resolved.reps;
  const onProgress = parallel.onProgress;
  if (jobs === 1 || total === 1) {
    const reps: RepetitionResult[] = [];
    for (let r = 0; r < total; r++) {
      reps.push(runRepetition(design, resolved, r, states[r]));
      onProgress?.(r + 1, total);
    }
    return summarizeExperiment(design, resolved, reps);
  }
  const results = await runTasks<RepetitionResult>({
    base: import.meta.url, name: "worker.node", workerData: { design, options: resolved }, jobs, total, onProgress,
    task: (rep): WorkerTask => ({ rep, state: states[rep] }),
    failure: (rep, reply) => (reply.name === "OptionError" ? new OptionError(reply.message) : new ShrinkageError(`repetition ${rep + 1}: ${reply.message}`)),
    label: "a simulation worker",
  });
  return summarizeExperiment(design, resolved, results);
}
