// A worker thread that fits cross-validation folds (see parallel.node.ts): once it has the λ sequence,
// it claims folds one at a time from a counter shared with the other threads until none is left.
import { parentPort } from "node:worker_threads";
import { fitFold, fitFoldPath, type FoldFit } from "./cv.js";
import { CvMemory, foldOrder } from "./copy.js";
import { foldErrorMessage, foldSizes } from "./folds.js";
import { WorkspacePool } from "../linalg/workspace.js";
import { compileAhead } from "../linalg/wasm.js";
import { designRoom } from "../solve/standardize.js";
import { GramCache } from "../solve/gram-cache.js";
import { foldFitBuffers, LAMBDA_LIMIT, NEXT_FOLD, pathBuffers, type FoldJob, type FromWorker, type ToWorker } from "./fold-protocol.js";

let job: FoldJob | null = null;
// This thread's folds, one after another, share one memory (a cross-validation's: the thread may wait
// in the process's pool between cross-validations, holding none of their data).
let workspaces = new WorkspacePool();
// Each fold's path or predictions move to the thread gathering the folds (their whole buffers: wholeBuffers).
const send = (msg: FromWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(msg, transfer);
const sendFit = (fit: FoldFit) => send({ kind: "done", fit }, foldFitBuffers(fit));
// The folds' modules (built for the CV's shared memory), compiled off this thread while it waits for its job and λs.
void compileAhead("shared");

parentPort!.on("message", (msg: ToWorker) => {
  if (msg.kind === "job") {
    job = msg.job;
    workspaces = new WorkspacePool();
    // Room for the largest fold's fit: each fold, whatever its size, then reuses the same memory.
    workspaces.reserve(designRoom(largestTraining(job.foldid, job.nfolds), job.x.p));
    return;
  }
  const { x, y, options, ownLambda, foldid, nfolds, control, copy } = job!;
  const limit = () => Atomics.load(control, LAMBDA_LIMIT);
  // Folds viewing the full data's copy fit in this thread's room of the shared memory.
  // The regions as the memory's maker sized them (cvSolverDoubles): another size would overlap the other threads'.
  const memory = copy && msg.full ? CvMemory.attach(copy.memory, copy.data, x.n, x.p, copy.room) : null;
  const gram = msg.full?.gram && GramCache.attach(msg.full.gram);
  const full = memory && msg.full ? { ...msg.full, x: memory.copy, gram } : null;
  const folds = full ? foldOrder(foldid, nfolds) : null;
  for (;;) {
    const k = Atomics.add(control, NEXT_FOLD, 1) + 1;
    if (k > nfolds) break;
    const task = { x, y, options, lambda: msg.lambda, foldid, fold: k };
    try {
      if (memory && full && folds) {
        const hooks = { ownLambda, lambdaLimit: limit, copy: { full, folds, workspace: memory.workspace(copy!.thread) } };
        // Without X (not in shared memory: never copied for these folds), the thread that has it predicts.
        if (x.data.length === 0) {
          const path = fitFoldPath(task, hooks);
          send({ kind: "path", fold: k, path }, pathBuffers(path));
        } else sendFit(fitFold(task, hooks));
      } else sendFit(fitFold(task, { ownLambda, lambdaLimit: limit, workspaces }));
    } catch (e) {
      send({ kind: "error", fold: k, ...foldErrorMessage(e) });
      return;
    }
  }
  job = null;
  workspaces = new WorkspacePool();
  send({ kind: "idle" });
});

/** The most training rows any fold has: all rows but the smallest fold's. */
function largestTraining(foldid: Int32Array, nfolds: number): number {
  // A loop, not Math.min(...sizes): leave-one-out has as many folds as rows, too many to spread.
  const sizes = foldSizes(foldid, nfolds);
  let smallest = foldid.length;
  for (let k = 1; k <= nfolds; k++) smallest = Math.min(smallest, sizes[k]);
  return foldid.length - smallest;
}
