// Kernel microbenchmark: the TypeScript reference kernels and the WebAssembly SIMD ones, side by side in
// one process, interleaved (so machine noise hits every variant alike), at lengths from call-overhead
// size to columns that do not fit in cache. Prints GFlop/s (median over rounds) and the speedup.
// Then a coordinate-descent sweep (update column j, pull of column j + 1) with the update and the next
// pull apart or fused, over columns in cache and streamed from memory: the case for CACHED_SWEEP_BYTES and faster-way.ts.
// Run: node --import tsx bench/kernels.ts [n ...]     (default lengths 8 64 1000 10000 100000)
//
// With --fits: whole default paths (bench/problems.ts data) under the TypeScript and the WebAssembly
// kernels, alternating in one process, median wall and CPU time of each and their ratio:
//      node --import tsx bench/kernels.ts --fits tall,logistic,diabetes --rounds 7
import { modelMatrix } from "../src/data/matrix.js";
import * as ref from "../src/linalg/reference.js";
import { kernelCalls } from "../src/linalg/kernels.js";
import { setKernels, Workspace } from "../src/linalg/workspace.js";
import { fitPath } from "../src/solve/path.js";
import type { Path } from "../src/solve/types.js";
import { loadData } from "./problems.js";

const argv = process.argv.slice(2);
const fitsArg = argv.indexOf("--fits");
const roundsArg = argv.indexOf("--rounds");
const lengths = fitsArg >= 0 ? [] : argv.map(Number);
const ns = lengths.length > 0 ? lengths : [8, 64, 1000, 10000, 100000];
const pad = (s: string, w: number) => s.padEnd(w);
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

// The microbenchmarks want WebAssembly at every size (by default small workspaces are plain).
if (fitsArg < 0) setKernels("wasm");
for (const n of fitsArg >= 0 ? [] : ns) {
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
  console.log(`${pad("kernel", 12)} ${"implementation".padEnd(30)} ${"GFlop/s".padStart(8)} ${"ns/call".padStart(9)}  speedup over ts`);
  for (const kernel of Object.keys(FLOPS) as Name[]) {
    const tsMs = median(times.get(variants.find((v) => v.kernel === kernel && v.impl === "ts")!)!);
    for (const variant of variants.filter((v) => v.kernel === kernel)) {
      const ms = median(times.get(variant)!);
      const gflops = (FLOPS[kernel] * n * reps) / ms / 1e6;
      console.log(`${pad(kernel, 12)} ${variant.impl.padEnd(30)} ${gflops.toFixed(2).padStart(8)} ${((ms * 1e6) / reps).toFixed(1).padStart(9)}  ${(tsMs / ms).toFixed(2)}`);
    }
  }
}

/** µs per coordinate of a sweep over every column of an n × cols matrix, the update and next pull apart or fused. */
function sweeps(n: number, cols: number): void {
  const ws = Workspace.create(n * cols + 4 * n + 64);
  const x = ws.f64(n * cols), r = ws.f64(n), v = ws.f64(n);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i);
  for (let i = 0; i < n; i++) {
    r[i] = Math.cos(i);
    v[i] = 0.25;
  }
  const K = ws.kernels;
  const step = (j: number) => (j & 1 ? 1e-9 : -1e-9);
  const variants: Record<string, () => number> = {
    "axpy, then dot": () => {
      let s = 0;
      for (let j = 0; j + 1 < cols; j++) {
        K.axpy(n, step(j), x, j * n, r, 0);
        s += K.dot(n, r, 0, x, (j + 1) * n);
      }
      return s;
    },
    "axpyDot (fused)": () => {
      let s = 0;
      for (let j = 0; j + 1 < cols; j++) s += K.axpyDot(n, step(j), x, j * n, r, 0, x, (j + 1) * n);
      return s;
    },
    "waxpy, then dot": () => {
      let s = 0;
      for (let j = 0; j + 1 < cols; j++) {
        K.waxpy(n, step(j), v, 0, x, j * n, r, 0);
        s += K.dot(n, r, 0, x, (j + 1) * n);
      }
      return s;
    },
    "waxpyDot (fused)": () => {
      let s = 0;
      for (let j = 0; j + 1 < cols; j++) s += K.waxpyDot(n, step(j), v, 0, x, j * n, r, 0, x, (j + 1) * n);
      return s;
    },
  };
  const times: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const t0 = performance.now();
      if (!Number.isFinite(run())) throw new Error("bad sum");
      if (round > 0) (times[name] ??= []).push(performance.now() - t0);
    }
  }
  console.log(`\nsweep: n = ${n}, ${cols} columns (${((n * cols * 8) / 2 ** 20).toFixed(0)} MiB), µs per coordinate, median of ${ROUNDS}`);
  for (const [name, t] of Object.entries(times)) console.log(`${name.padEnd(20)} ${((median(t) * 1000) / (cols - 1)).toFixed(2).padStart(8)}`);
}

/** Default paths under both kernels, interleaved; the paths must be identical, the times are not. */
function fits(keys: string[], rounds: number): void {
  console.log(`whole fits, median of ${rounds} interleaved rounds (after a warm-up of each); wasm = the default kernels; ratio = ts ÷ wasm`);
  console.log(`${"data".padEnd(10)} ${"passes".padStart(6)} ${"ts ms".padStart(9)} ${"wasm ms".padStart(9)} ${"ratio".padStart(6)} ${"ts cpu".padStart(9)} ${"wasm cpu".padStart(9)} ${"ratio".padStart(6)}`);
  for (const key of keys) {
    const d = loadData(key, false);
    const x = modelMatrix(d.names, Array.from({ length: d.p }, (_, j) => d.x.subarray(j * d.n, (j + 1) * d.n)));
    // Small problems are timed over several fits, so that a timing is not a single millisecond.
    const inner = d.n * d.p < 1e5 ? 50 : 1;
    // "auto" is the default: WebAssembly, except for workspaces too small for it to pay (then plain).
    type Side = "ts" | "auto";
    const wall: Record<Side, number[]> = { ts: [], auto: [] };
    const cpu: Record<Side, number[]> = { ts: [], auto: [] };
    const paths: Partial<Record<Side, Path>> = {};
    let wasmCalls = 0;
    for (let round = 0; round <= rounds; round++) {
      for (const kernels of (round % 2 ? ["ts", "auto"] : ["auto", "ts"]) as Side[]) {
        setKernels(kernels);
        const calls = kernelCalls.wasm;
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (let i = 0; i < inner; i++) paths[kernels] = fitPath(x, d.y, { family: d.family });
        const c = process.cpuUsage(c0);
        if (kernels === "auto") wasmCalls = kernelCalls.wasm - calls;
        if (round === 0) continue;
        wall[kernels].push((performance.now() - t0) / inner);
        cpu[kernels].push((c.user + c.system) / 1000 / inner);
      }
    }
    setKernels("auto");
    const a = paths.ts!, b = paths.auto!;
    const same = a.npasses === b.npasses && a.lambda.length === b.lambda.length &&
      a.intercept.every((v, k) => Object.is(v, b.intercept[k])) && a.devRatio.every((v, k) => Object.is(v, b.devRatio[k]));
    if (!same) throw new Error(`${key}: the two kernels gave different paths`);
    const [wt, ww, ct, cw] = [median(wall.ts), median(wall.auto), median(cpu.ts), median(cpu.auto)];
    const note = wasmCalls > 0 ? "" : "  (default ran the TypeScript kernels: too small for WebAssembly)";
    console.log(`${key.padEnd(10)} ${String(a.npasses).padStart(6)} ${wt.toFixed(1).padStart(9)} ${ww.toFixed(1).padStart(9)} ${(wt / ww).toFixed(2).padStart(6)} ${ct.toFixed(1).padStart(9)} ${cw.toFixed(1).padStart(9)} ${(ct / cw).toFixed(2).padStart(6)}${note}`);
  }
}

if (fitsArg >= 0) {
  const keys = (argv[fitsArg + 1] && !argv[fitsArg + 1].startsWith("--") ? argv[fitsArg + 1] : "tall,logistic,diabetes").split(",");
  fits(keys, roundsArg >= 0 ? Number(argv[roundsArg + 1]) : 5);
} else if (lengths.length === 0) {
  sweeps(5000, 200);
  sweeps(10000, 1000);
}
