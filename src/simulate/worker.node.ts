/**
 * A worker thread of runExperimentParallel: receives the design and options once, then
 * repetitions to run (index and stream state), and posts each repetition's result back.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Design } from "./design.js";
import { runRepetition, type ResolvedExperimentOptions } from "./experiment.js";

export interface WorkerTask {
  readonly rep: number;
  readonly state: readonly number[];
}

export type WorkerReply =
  | { readonly type: "result"; readonly result: ReturnType<typeof runRepetition> }
  | { readonly type: "error"; readonly rep: number; readonly message: string; readonly name: string };

const { design, options } = workerData as { design: Design; options: ResolvedExperimentOptions };
const port = parentPort;
if (!port) throw new Error("worker.node.ts must run as a worker thread");
port.on("message", (task: WorkerTask) => {
  try {
    const result = runRepetition(design, options, task.rep, task.state);
    port.postMessage({ type: "result", result } satisfies WorkerReply);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ type: "error", rep: task.rep, message: err.message, name: err.name } satisfies WorkerReply);
  }
});
