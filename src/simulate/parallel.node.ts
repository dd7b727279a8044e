/**
 * Repetitions on worker threads (Node). Each repetition is a pure function of its index and its
 * stream state, and the summary adds repetitions in index order, so the result is identical to
 * runExperiment's whatever the number of workers or the order in which they finish.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { OptionError, ShrinkageError } from "../errors.js";
import type { Design } from "./design.js";
import {
  repetitionStates, resolveExperimentOptions, runRepetition, summarizeExperiment,
  type ExperimentOptions, type RepetitionResult, type SimulationSummary,
} from "./experiment.js";
import { startWorker, type ParallelOptions } from "../threads.node.js";
import type { WorkerReply, WorkerTask } from "./worker.node.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { designRule } from "./arguments.js";
import { EXPERIMENT_OPTIONS_SCHEMA } from "./experiment.js";
import { PARALLEL_OPTIONS_SCHEMA } from "../cv/parallel.node.js";


/** Run an experiment's repetitions on `jobs` worker threads; same result as runExperiment. */
export async function runExperimentParallel(
  design: Design,
  options: ExperimentOptions = {},
  parallel: ParallelOptions = {},
): Promise<SimulationSummary> {
  checkArguments("runExperimentParallel", { design, options, parallel }, { design: designRule, options: optionsRule(EXPERIMENT_OPTIONS_SCHEMA), parallel: optionsRule(PARALLEL_OPTIONS_SCHEMA) });
  const resolved = resolveExperimentOptions(design, options);
  const jobs = parallel.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`--jobs must be a positive integer, got ${jobs}`, "jobs");
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
  const results: RepetitionResult[] = new Array(total);
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
        if (next < total) {
          const task: WorkerTask = { rep: next, state: states[next] };
          next++;
          worker.postMessage(task);
        }
      };
      for (let w = 0; w < Math.min(jobs, total); w++) {
        const worker = startWorker(import.meta.url, "worker.node", { workerData: { design, options: resolved } });
        workers.push(worker);
        worker.on("message", (reply: WorkerReply) => {
          if (reply.type === "error") {
            const error = reply.name === "OptionError" ? new OptionError(reply.message) : new ShrinkageError(`repetition ${reply.rep + 1}: ${reply.message}`);
            fail(error);
            return;
          }
          results[reply.result.rep] = reply.result;
          done++;
          onProgress?.(done, total);
          if (done === total) resolve();
          else give(worker);
        });
        worker.on("error", (e) => fail(e instanceof Error ? e : new Error(String(e))));
        worker.on("exit", (code) => {
          if (code !== 0 && done < total) fail(new ShrinkageError(`a simulation worker stopped with exit code ${code}`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return summarizeExperiment(design, resolved, results);
}
