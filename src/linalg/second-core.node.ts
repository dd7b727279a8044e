/**
 * The second core's helper thread (Node): registers with second-core.ts as it loads, so that fits in this
 * process may start one (FitOptions.threads). Loaded by the Node entry points (src/node.ts, the CLI).
 */
import { isMainThread, Worker } from "node:worker_threads";
import {
  APART, CHUNK, CHUNKS, CLAIM, COUNT, DONE, HELPED, KIND, KIND_ROWS, LDO, N, NV, PCOLS, POUT, provideHelperThreads, PX, ROWS_CTL, ROWS_H,
  ROWS_N, SEQ, STOP, V,
} from "./second-core.js";

/**
 * Looks the helper makes for a posted half before it sleeps on the control block (rowsplit.wat's serve,
 * some tens of µs: the calling thread posts one every few µs while a pass call lasts, unless descheduled),
 * and its 50 ms sleeps that find nothing before it returns to Atomics.wait (a lost "leave", at most a second).
 */
const SERVE_SPINS = 1 << 14, SERVE_NAPS = 20;

/**
 * The helper thread's script: wait for a job, claim chunks of it while any is left, compute them with
 * its own instance of the kernels on the shared memory. A claim is a compare-and-swap on (job, chunk),
 * and the job's parameters are read before it: a claim that succeeds proves they were that job's. A
 * KIND_ROWS bump instead has it run the halves of a split pass call (row-split.ts) until told to leave.
 */
const HELPER_SCRIPT = `
const { workerData } = require("node:worker_threads");
const { module, gramModule, rowsModule, memory, control } = workerData;
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
let rows = null;
const g = gramModule ? new WebAssembly.Instance(gramModule, { env: { memory } }).exports : null;
const c = new Int32Array(control);
const claim = new BigInt64Array(control);
let seen = 0;
for (;;) {
  Atomics.wait(c, ${SEQ}, seen);
  seen = Atomics.load(c, ${SEQ});
  if (Atomics.load(c, ${STOP})) break;
  if (Atomics.load(c, ${KIND}) === ${KIND_ROWS}) {
    rows ??= new WebAssembly.Instance(rowsModule, { env: { memory }, kernels: k }).exports;
    rows.setup(Atomics.load(c, ${ROWS_CTL}), Atomics.load(c, ${ROWS_N}), Atomics.load(c, ${ROWS_H}));
    // Told to leave: every wake-up up to that call's is answered (a later one, not).
    if (rows.serve(${SERVE_SPINS}, ${SERVE_NAPS}) === 1) seen = rows.left();
    continue;
  }
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
