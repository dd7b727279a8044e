// A worker thread that fits cross-validation folds on request (see parallel.node.ts).
import { parentPort } from "node:worker_threads";
import type { ModelMatrix } from "../data/matrix.js";
import type { FitOptions } from "../solve/types.js";
import { fitFold } from "./cv.js";

export interface FoldJob {
  x: { n: number; p: number; names: string[]; data: Float64Array };
  y: Float64Array;
  options: FitOptions;
  lambda: Float64Array;
  foldid: Int32Array;
}

let job: FoldJob | null = null;
let x: ModelMatrix | null = null;

parentPort!.on("message", (msg: { kind: "job"; job: FoldJob } | { kind: "fold"; fold: number }) => {
  if (msg.kind === "job") {
    job = msg.job;
    x = { n: job.x.n, p: job.x.p, names: job.x.names, data: job.x.data };
    return;
  }
  try {
    const f = fitFold(x!, job!.y, job!.options, job!.lambda, job!.foldid, msg.fold);
    parentPort!.postMessage({ kind: "done", fit: f });
  } catch (e) {
    parentPort!.postMessage({ kind: "error", fold: msg.fold, message: (e as Error).message, name: (e as Error).name });
  }
});
