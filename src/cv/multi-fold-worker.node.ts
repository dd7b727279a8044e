// A worker thread that fits multi-response cross-validation folds (see multi-parallel.node.ts): once it
// has the λ sequence, it claims folds from a counter shared with the other threads until none is left,
// each a view of the full data's standardized copy in shared memory, and sends back each fold's path.
import { parentPort } from "node:worker_threads";
import { CvMemory, foldOrder } from "./copy.js";
import { LAMBDA_LIMIT, NEXT_FOLD } from "./fold-protocol.js";
import { fitMultiFold } from "./multi-folds.js";
import { foldErrorMessage } from "./folds.js";
import { multiPathBuffers, type FromMultiWorker, type MultiFoldWork, type RelaxedMultiWork, type ToMultiWorker } from "./multi-fold-protocol.js";
import { fitRelaxedFold } from "./multi-cv.js";

let work: MultiFoldWork | null = null;
const send = (msg: FromMultiWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(msg, transfer);

parentPort!.on("message", (msg: ToMultiWorker) => {
  if (msg.kind === "work") {
    work = msg.work;
    return;
  }
  if (msg.kind === "relaxed") {
    fitRelaxedFolds(msg.work);
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
      send(errorMessage(k, e));
      return;
    }
  }
  // The thread may wait in the process's pool for the next cross-validation: it keeps none of this one's data.
  work = null;
  send({ kind: "idle" });
});

/** A relaxed cross-validation's folds, claimed one at a time until none is left, each sent back with its warnings. */
function fitRelaxedFolds({ x, outcome, plan, control }: RelaxedMultiWork): void {
  for (;;) {
    const k = Atomics.add(control, NEXT_FOLD, 1) + 1;
    if (k > plan.nfolds) break;
    try {
      send({ kind: "relaxed", fold: fitRelaxedFold(x, outcome, plan, k) });
    } catch (e) {
      send(errorMessage(k, e));
      return;
    }
  }
  send({ kind: "idle" });
}

/** The error that stopped fold k, with what it names (the thread holding X raises it again as it was). */
function errorMessage(k: number, e: unknown): FromMultiWorker {
  return { kind: "error", fold: k, ...foldErrorMessage(e) };
}
