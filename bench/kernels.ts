// Kernel microbenchmark: the TypeScript reference kernels and the WebAssembly SIMD ones, side by side in
// one process, interleaved (so machine noise hits every variant alike), at lengths from call-overhead
// size to columns that do not fit in cache. Prints GFlop/s (median over rounds) and the speedup.
// Run: node --import tsx bench/kernels.ts [n ...]     (default lengths 8 64 1000 10000 100000)
import * as ref from "../src/linalg/reference.js";
import { Workspace } from "../src/linalg/workspace.js";

const lengths = process.argv.slice(2).map(Number);
const ns = lengths.length > 0 ? lengths : [8, 64, 1000, 10000, 100000];
const ROUNDS = 7;
/** Flops per call of each kernel, per element. */
const FLOPS = { dot: 2, sum: 1, axpy: 2, waxpy: 3, axpyDot: 4, waxpyDot: 5, dotWsq: 5, waxpyDotWsq: 8 } as const;
type Name = keyof typeof FLOPS;

/** The dot product as it was before the WebAssembly kernels: two accumulators, the old reference. */
function dot2(n: number, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i < n - 1; i += 2) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
  }
  if (i < n) s0 += x[xo + i] * y[yo + i];
  return s0 + s1;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1];
}

for (const n of ns) {
  // Enough columns that the whole matrix exceeds the caches at large n (each call reads the next column).
  const cols = Math.max(2, Math.min(64, Math.ceil(64e6 / 8 / n)));
  const ws = Workspace.create(n * cols + 4 * n + 64);
  if (!ws.wasm) throw new Error("WebAssembly SIMD unavailable: nothing to compare");
  const xw = ws.f64(n * cols), yw = ws.f64(n), vw = ws.f64(n);
  const xt = new Float64Array(n * cols), yt = new Float64Array(n), vt = new Float64Array(n);
  const ow = ws.f64(1), ot = new Float64Array(1);
  for (let i = 0; i < n * cols; i++) xw[i] = xt[i] = Math.sin(i);
  for (let i = 0; i < n; i++) {
    yw[i] = yt[i] = Math.cos(i) * 1e-9;
    vw[i] = vt[i] = 0.25 + 0.1 * Math.sin(3 * i);
  }
  const reps = Math.max(4, Math.round(2e7 / n));
  type Run = (j: number) => number;
  const variants: { kernel: Name; impl: string; run: Run }[] = [];
  const add = (kernel: Name, impl: string, run: Run) => variants.push({ kernel, impl, run });
  for (const [impl, k, x, y, v, out] of [["ts", ref, xt, yt, vt, ot], ["wasm", ws.kernels, xw, yw, vw, ow]] as const) {
    add("dot", impl, (j) => k.dot(n, x, (j % cols) * n, y, 0));
    add("sum", impl, (j) => k.sum(n, x, (j % cols) * n));
    // ±tiny steps keep y bounded over millions of calls.
    add("axpy", impl, (j) => (k.axpy(n, j & 1 ? 1e-12 : -1e-12, x, (j % cols) * n, y, 0), 0));
    add("waxpy", impl, (j) => (k.waxpy(n, j & 1 ? 1e-12 : -1e-12, v, 0, x, (j % cols) * n, y, 0), 0));
    // The fused kernels of a coordinate-descent sweep: update with column j, pull (and curvature) of j + 1.
    add("axpyDot", impl, (j) => k.axpyDot(n, j & 1 ? 1e-12 : -1e-12, x, (j % cols) * n, y, 0, x, ((j + 1) % cols) * n));
    add("waxpyDot", impl, (j) => k.waxpyDot(n, j & 1 ? 1e-12 : -1e-12, v, 0, x, (j % cols) * n, y, 0, x, ((j + 1) % cols) * n));
    add("dotWsq", impl, (j) => k.dotWsq(n, y, 0, x, (j % cols) * n, v, 0, out, 0));
    add("waxpyDotWsq", impl, (j) => k.waxpyDotWsq(n, j & 1 ? 1e-12 : -1e-12, v, 0, x, (j % cols) * n, y, 0, x, ((j + 1) % cols) * n, out, 0));
  }
  add("dot", "ts, 2 accumulators (before)", (j) => dot2(n, xt, (j % cols) * n, yt, 0));
  const times = new Map<(typeof variants)[number], number[]>();
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const variant of variants) {
      const t0 = performance.now();
      let s = 0;
      for (let j = 0; j < reps; j++) s += variant.run(j);
      const ms = performance.now() - t0;
      if (!Number.isFinite(s)) throw new Error("bad sum");
      if (round > 0) times.set(variant, [...(times.get(variant) ?? []), ms]);
    }
  }
  console.log(`\nn = ${n} (${cols} columns, ${((n * cols * 8) / 2 ** 20).toFixed(1)} MiB), ${reps} calls per timing, median of ${ROUNDS}`);
  console.log(`${"kernel".padEnd(8)} ${"implementation".padEnd(30)} ${"GFlop/s".padStart(8)} ${"ns/call".padStart(9)}  speedup over ts`);
  for (const kernel of Object.keys(FLOPS) as Name[]) {
    const tsMs = median(times.get(variants.find((v) => v.kernel === kernel && v.impl === "ts")!)!);
    for (const variant of variants.filter((v) => v.kernel === kernel)) {
      const ms = median(times.get(variant)!);
      const gflops = (FLOPS[kernel] * n * reps) / ms / 1e6;
      console.log(`${kernel.padEnd(8)} ${variant.impl.padEnd(30)} ${gflops.toFixed(2).padStart(8)} ${((ms * 1e6) / reps).toFixed(1).padStart(9)}  ${(tsMs / ms).toFixed(2)}`);
    }
  }
}
