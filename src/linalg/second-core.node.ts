/**
 * The second core's helper thread (Node): registers with second-core.ts as it loads, so that fits in this
 * process may start one (FitOptions.threads). Loaded by the Node entry points (src/node.ts, the CLI).
 */
import { isMainThread, Worker } from "node:worker_threads";
import { APART, CHUNK, CHUNKS, CLAIM, COUNT, DONE, HELPED, LDO, N, NV, PCOLS, POUT, provideHelperThreads, PX, SEQ, STOP, V } from "./second-core.js";

/**
 * The helper thread's script: wait for a job, claim chunks of it while any is left, compute them with
 * its own instance of the kernels on the shared memory. A claim is a compare-and-swap on (job, chunk),
 * and the job's parameters are read before it: a claim that succeeds proves they were that job's.
 */
const HELPER_SCRIPT = `
const { workerData } = require("node:worker_threads");
const { module, gramModule, memory, control } = workerData;
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const g = gramModule ? new WebAssembly.Instance(gramModule, { env: { memory } }).exports : null;
const c = new Int32Array(control);
const claim = new BigInt64Array(control);
let seen = 0;
for (;;) {
  Atomics.wait(c, ${SEQ}, seen);
  seen = Atomics.load(c, ${SEQ});
  if (Atomics.load(c, ${STOP})) break;
  for (;;) {
    const cur = Atomics.load(claim, ${CLAIM});
    const n = Atomics.load(c, ${N}), px = Atomics.load(c, ${PX}), pcols = Atomics.load(c, ${PCOLS});
    const count = Atomics.load(c, ${COUNT}), pout = Atomics.load(c, ${POUT}), ldo = Atomics.load(c, ${LDO});
    const chunk = Atomics.load(c, ${CHUNK}), chunks = Atomics.load(c, ${CHUNKS}), nv = Atomics.load(c, ${NV});
    const v0 = Atomics.load(c, ${V[0]}), v1 = Atomics.load(c, ${V[1]}), v2 = Atomics.load(c, ${V[2]}), v3 = Atomics.load(c, ${V[3]});
    const i = Number(BigInt.asUintN(32, cur));
    if (i >= chunks) break;
    if (Atomics.compareExchange(claim, ${CLAIM}, cur, cur + 1n) !== cur) continue;
    const start = i * chunk, len = Math.min(chunk, count - start), at = pcols + 4 * start;
    if (nv === 4) g.dotcols4(n, n, px, at, len, v0, v1, v2, v3, pout, ldo);
    else if (nv === 2) g.dotcols2(n, n, px, at, len, v0, v1, pout, ldo);
    else if (nv === ${APART} && g) g.dotcolsx(n, px, at, len, v0, pout);
    else k.dotcols(n, px, at, len, v0, pout);
    Atomics.add(c, ${HELPED}, len);
    // Wake the calling thread only when the job is complete (it waits for nothing else).
    if (Atomics.add(c, ${DONE}, len) + len === count) Atomics.notify(c, ${DONE});
  }
}
`;

provideHelperThreads({
  isMainThread,
  start: (workerData) => new Worker(HELPER_SCRIPT, { eval: true, workerData }),
});
