// Cross-validation with the folds fitted on worker threads (Node only). Each fold's fit is the same
// deterministic computation wherever it runs, so the result equals cvPath's, bit for bit.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError, ShrinkageError } from "../errors.js";
import { fitFold, prepareCv, summarizeCv, type CvOptions, type CvResult, type FoldFit } from "./cv.js";
import { startWorker, type ParallelOptions } from "../threads.node.js";
import type { FoldJob } from "./fold-worker.node.js";


export async function cvPathParallel(x: ModelMatrix, y: ArrayLike<number>, options: CvOptions = {}, par: ParallelOptions = {}): Promise<CvResult> {
  const jobs = par.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new OptionError(`jobs must be a positive integer, got ${jobs}`, "jobs");
  const { path, foldid, nfolds, fitOptions } = prepareCv(x, y, options);
  const folds: FoldFit[] = [];
  const yy = Float64Array.from(y);
  if (jobs === 1) {
    for (let k = 1; k <= nfolds; k++) {
      folds.push(fitFold(x, yy, fitOptions, path.lambda, foldid, k));
      par.onProgress?.(k, nfolds);
    }
  } else {
    folds.push(...(await fitFoldsOnWorkers(x, yy, fitOptions, path.lambda, foldid, nfolds, Math.min(jobs, nfolds), par.onProgress)));
    folds.sort((a, b) => a.fold - b.fold);
  }
  return summarizeCv(path, y, options, foldid, nfolds, folds);
}

function fitFoldsOnWorkers(
  x: ModelMatrix, y: Float64Array, options: CvOptions, lambda: Float64Array, foldid: Int32Array, nfolds: number, jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FoldFit[]> {
  // X goes to the workers once, in shared memory, not copied per worker.
  const shared = new Float64Array(new SharedArrayBuffer(x.data.byteLength));
  shared.set(x.data);
  const job: FoldJob = { x: { n: x.n, p: x.p, names: [...x.names], data: shared }, y, options, lambda, foldid };
  return new Promise((resolve, reject) => {
    const results: FoldFit[] = [];
    const workers: Worker[] = [];
    let next = 1;
    let failed = false;
    const finish = (err?: Error) => {
      if (failed) return;
      if (err) failed = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    for (let t = 0; t < jobs; t++) {
      const w = startWorker(import.meta.url, "fold-worker.node");
      workers.push(w);
      w.on("error", (e) => finish(e));
      w.on("message", (msg: { kind: "done"; fit: FoldFit } | { kind: "error"; fold: number; message: string; name: string }) => {
        if (msg.kind === "error") {
          const e = msg.name === "OptionError" ? new OptionError(msg.message, "foldid") : new ShrinkageError(msg.message);
          return finish(e);
        }
        results.push(msg.fit);
        onProgress?.(results.length, nfolds);
        if (results.length === nfolds) return finish();
        if (next <= nfolds) w.postMessage({ kind: "fold", fold: next++ });
      });
      w.postMessage({ kind: "job", job });
      if (next <= nfolds) w.postMessage({ kind: "fold", fold: next++ });
    }
  });
}

