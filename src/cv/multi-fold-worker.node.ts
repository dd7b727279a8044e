// A worker thread that fits multi-response cross-validation folds (see multi-parallel.node.ts): once it
// has the λ sequence, it claims folds from a counter shared with the other threads until none is left,
// each a view of the full data's standardized copy in shared memory, and sends back each fold's path.
import { parentPort } from "node:worker_threads";
import { CvMemory, foldOrder } from "./copy.js";
import { LAMBDA_LIMIT, NEXT_FOLD } from "./fold-protocol.js";
import { fitMultiFold } from "./multi-folds.js";
import { multiPathBuffers, type FromMultiWorker, type MultiFoldWork, type ToMultiWorker } from "./multi-fold-protocol.js";

let work: MultiFoldWork | null = null;
const send = (msg: FromMultiWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(msg, transfer);

parentPort!.on("message", (msg: ToMultiWorker) => {
  if (msg.kind === "work") {
    work = msg.work;
    return;
  }
  const { job, foldid, nfolds, control, memory: wasm, copy, room, thread } = work!;
  const memory = CvMemory.attach(wasm, copy, job.n, job.p, room);
  const full = { ...msg.full, x: memory.copy }, folds = foldOrder(foldid, nfolds);
  const limit = () => Atomics.load(control, LAMBDA_LIMIT);
  for (;;) {
    const k = Atomics.add(control, NEXT_FOLD, 1) + 1;
    if (k > nfolds) break;
    try {
      // Each fold's solver starts afresh in this thread's room; its path's arrays move to the thread holding X.
      const path = fitMultiFold(job, msg.lambda, k, { full, folds, workspace: memory.workspace(thread) }, limit);
      send({ kind: "path", fold: k, path }, multiPathBuffers(path));
    } catch (e) {
      send({ kind: "error", fold: k, message: (e as Error).message, name: (e as Error).name });
      return;
    }
  }
  // The thread may wait in the process's pool for the next cross-validation: it keeps none of this one's data.
  work = null;
  send({ kind: "idle" });
});
