// A worker thread that fits a sparse cross-validation's folds (see sparse-parallel.node.ts): it claims
// folds one at a time from a counter shared with the other threads until none is left.
import { parentPort } from "node:worker_threads";
import { foldErrorMessage } from "./folds.js";
import { fitJobFold, jobFoldBuffers, type SparseFoldJob, type SparseFromWorker } from "./sparse-parallel.node.js";

const send = (msg: SparseFromWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(msg, transfer);

parentPort!.on("message", (job: SparseFoldJob) => {
  for (;;) {
    const k = Atomics.add(job.control, 0, 1) + 1;
    if (k > job.nfolds) break;
    try {
      // Each fold's arrays move to the thread gathering the folds (their whole buffers: wholeBuffers).
      const fold = fitJobFold(job, k);
      send({ kind: "done", fold }, jobFoldBuffers(fold));
    } catch (e) {
      send({ kind: "error", ...foldErrorMessage(e) });
      return;
    }
  }
  send({ kind: "idle" });
});
