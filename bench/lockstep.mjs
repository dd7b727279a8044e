// Lock-step coordinate passes split by rows, two threads against one (issue 20's feasibility check for
// src/linalg/row-split.ts; bench/README.md, "The tall path's passes split by rows"): P columns of N rows
// in a shared WebAssembly memory, each pass the fused update-and-pull (the kernels' axpydot) column after
// column, a coefficient step from each pull; two threads each own half the rows, publish their partial
// pull and spin until the other's is there. Prints ms per pass, min and median of ROUNDS rounds.
//   node bench/lockstep.mjs [P 300] [N 10000] [PASSES 20] [ROUNDS 15]
import { Worker } from "node:worker_threads";
import { readFileSync } from "node:fs";
const src = readFileSync(new URL("../src/linalg/wasm/kernels.wasm.ts", import.meta.url), "utf8");
const b64 = /KERNELS_SHARED_WASM_BASE64 =\s*"([^"]+)"/.exec(src)[1];
const module = new WebAssembly.Module(Buffer.from(b64, "base64"));
const P = +(process.argv[2] ?? 300), N = +(process.argv[3] ?? 10000), PASSES = +(process.argv[4] ?? 20);
const bytes = 8 * N * (P + 2) + 65536 * 2;
const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536), maximum: 65536, shared: true });
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const f = new Float64Array(memory.buffer);
const SYNC = 0;             // bytes 0..255: flags (i32 at 0, 16), partials f64 at 64..
const R = 4096, X = R + 8 * N;
let s = 12345; const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
for (let i = 0; i < N * P; i++) f[X / 8 + i] = rnd();
for (let i = 0; i < N; i++) f[R / 8 + i] = rnd();
const r0 = f.slice(R / 8, R / 8 + N);
const control = new SharedArrayBuffer(64);
const ctl = new Int32Array(control);
// step function shared by both threads (as text for the worker)
const LOOP = `
function pass(k, mem, t, lo, hi, P, N, X, R, seq0) {
  const I = new Int32Array(mem.buffer), F = new Float64Array(mem.buffer);
  const other = 1 - t;
  let a = 0, prev = X; let seq = seq0;
  for (let j = 0; j < P; j++) {
    const xj = X + 8 * N * j;
    const part = k.axpydot(hi - lo, a, prev + 8 * lo, R + 8 * lo, xj + 8 * lo);
    seq++;
    F[8 + 2 * t + (seq & 1)] = part;
    Atomics.store(I, 4 * t, seq);
    while (Atomics.load(I, 4 * other) < seq) {}
    const pull = F[8 + (seq & 1)] + F[8 + 2 + (seq & 1)];
    a = -0.3 * pull / N;
    prev = xj;
  }
  k.axpy(hi - lo, a, prev + 8 * lo, R + 8 * lo);
  return seq;
}`;
const pass = new Function(LOOP + "; return pass;")();
function pass1(P, N) {
  let a = 0, prev = X;
  for (let j = 0; j < P; j++) {
    const xj = X + 8 * N * j;
    const pull = k.axpydot(N, a, prev, R, xj);
    a = -0.3 * pull / N;
    prev = xj;
  }
  k.axpy(N, a, prev, R);
}
const half = N >> 1;
const worker = new Worker(`
const { workerData } = require("node:worker_threads");
const { module, memory, control, P, N, X, R, half } = workerData;
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
${LOOP}
let seen = 0, seq = 0;
for (;;) { Atomics.wait(c, 0, seen); seen = Atomics.load(c, 0); if (c[1]) break; seq = pass(k, memory, 1, half, N, P, N, X, R, seq); Atomics.store(c, 2, seen); Atomics.notify(c, 2); }
`, { eval: true, workerData: { module, memory, control, P, N, X, R, half } });
await new Promise((res) => setTimeout(res, 300));
let seq = 0, job = 0;
function pass2() {
  job++; Atomics.store(ctl, 0, job); Atomics.notify(ctl, 0);
  seq = pass(k, memory, 0, 0, half, P, N, X, R, seq);
  for (let d = Atomics.load(ctl, 2); d < job; d = Atomics.load(ctl, 2)) Atomics.wait(ctl, 2, d);
}
// correctness: one pass each from same r
f.set(r0, R / 8); pass1(P, N); const ra = f.slice(R / 8, R / 8 + N);
f.set(r0, R / 8); pass2(); const rb = f.slice(R / 8, R / 8 + N);
let md = 0; for (let i = 0; i < N; i++) md = Math.max(md, Math.abs(ra[i] - rb[i]));
console.log("max |r1-r2| after a pass", md);
const t1 = [], t2 = [];
const ROUNDS = +(process.argv[5] ?? 15);
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now(); for (let q = 0; q < PASSES; q++) pass1(P, N); t1.push((performance.now() - t) / PASSES);
  t = performance.now(); for (let q = 0; q < PASSES; q++) pass2(); t2.push((performance.now() - t) / PASSES);
}
const med = (v) => v.slice().sort((a, b) => a - b)[v.length >> 1];
const min = (v) => Math.min(...v);
console.log(`P=${P} N=${N} (${(8 * N * P / 2 ** 20).toFixed(1)} MB), ${ROUNDS} rounds of ${PASSES} passes: ms/pass 1 thread min ${min(t1).toFixed(2)} med ${med(t1).toFixed(2)} | 2 threads min ${min(t2).toFixed(2)} med ${med(t2).toFixed(2)} | speedup min ${(min(t1) / min(t2)).toFixed(2)} med ${(med(t1) / med(t2)).toFixed(2)}`);
ctl[1] = 1; Atomics.add(ctl, 0, 1); Atomics.notify(ctl, 0); await worker.terminate();
