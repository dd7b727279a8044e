/**
 * A worker thread of stabilityParallel: receives the data and options once, then half-sample pairs to fit
 * (index and stream state), and posts each pair's selections back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runPair, type PairSelection, type ResolvedStabilityOptions, type StabilityData } from "./stability.js";

export interface StabilityTask {
  readonly pair: number;
  readonly state: readonly number[];
}

export type StabilityReply =
  | { readonly type: "result"; readonly result: PairSelection }
  | { readonly type: "error"; readonly pair: number; readonly message: string; readonly name: string };

const { data, options } = workerData as { data: StabilityData; options: ResolvedStabilityOptions };
const port = parentPort;
if (!port) throw new Error("stability-worker.node.ts must run as a worker thread");
port.on("message", (task: StabilityTask) => {
  try {
    port.postMessage({ type: "result", result: runPair(data, options, task.pair, task.state) } satisfies StabilityReply);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ type: "error", pair: task.pair, message: err.message, name: err.name } satisfies StabilityReply);
  }
});
