// A worker thread that fits cv.ncvreg's folds (see ncv-parallel.node.ts): it claims folds one at a time
// from a counter shared with the other threads until none is left.
import { parentPort } from "node:worker_threads";
import { OptionError } from "../errors.js";
import { ncvFold } from "./ncv-cv.js";
import { wholeBuffers } from "./fold-protocol.js";
import type { NcvFoldJob, NcvFromWorker } from "./ncv-parallel.node.js";

const send = (msg: NcvFromWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(msg, transfer);

parentPort!.on("message", (job: NcvFoldJob) => {
  for (;;) {
    const k = Atomics.add(job.control, 0, 1) + 1;
    if (k > job.nfolds) break;
    try {
      // Each fold's losses move to the thread gathering the folds (their whole buffers: wholeBuffers).
      const fold = ncvFold(job.task, k);
      send({ kind: "done", fold }, wholeBuffers([fold.rows, fold.loss]));
    } catch (e) {
      const option = e instanceof OptionError ? e.option : undefined;
      send({ kind: "error", message: (e as Error).message, name: (e as Error).name, option });
      return;
    }
  }
  send({ kind: "idle" });
});
