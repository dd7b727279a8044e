// A worker thread that fits cv.ncvreg's folds (see ncv-parallel.node.ts): it claims folds one at a time
// from a counter shared with the other threads until none is left.
import { parentPort } from "node:worker_threads";
import { OptionError } from "../errors.js";
import { ncvFold } from "./ncv-cv.js";
import type { NcvFoldJob, NcvFromWorker } from "./ncv-parallel.node.js";

const send = (msg: NcvFromWorker) => parentPort!.postMessage(msg);

parentPort!.on("message", (job: NcvFoldJob) => {
  for (;;) {
    const k = Atomics.add(job.control, 0, 1) + 1;
    if (k > job.nfolds) break;
    try {
      send({ kind: "done", fold: ncvFold(job.task, k) });
    } catch (e) {
      const option = e instanceof OptionError ? e.option : undefined;
      send({ kind: "error", message: (e as Error).message, name: (e as Error).name, option });
      return;
    }
  }
  send({ kind: "idle" });
});
