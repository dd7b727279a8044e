// Kernel microbenchmark: the dot product variants V8 compiles differently, timed side by side in one
// process (interleaved, so machine noise hits every variant alike). Prints GFlop/s and ratios.
// Run: node --import tsx bench/kernels.ts [n]
import { dot } from "../src/linalg/kernels.js";

const n = Number(process.argv[2] ?? 10000);
const cols = 8;
const x = Float64Array.from({ length: n * cols }, (_, i) => Math.sin(i));
const r = Float64Array.from({ length: n }, (_, i) => Math.cos(i));

function plain(n: number, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[xo + i] * y[yo + i];
  return s;
}

function unrolled4(n: number, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const m = n - (n % 4);
  let i = 0;
  for (; i < m; i += 4) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    s2 += x[xo + i + 2] * y[yo + i + 2];
    s3 += x[xo + i + 3] * y[yo + i + 3];
  }
  for (; i < n; i++) s0 += x[xo + i] * y[yo + i];
  return s0 + s1 + s2 + s3;
}

const variants: Record<string, typeof plain> = { "kernels.dot (2 accumulators)": dot, plain, "unrolled by 4": unrolled4 };
const total: Record<string, number> = {};
const reps = Math.max(1, Math.round(3e7 / n));
for (let round = 0; round < 7; round++) {
  for (const [name, f] of Object.entries(variants)) {
    const t0 = performance.now();
    let s = 0;
    for (let j = 0; j < reps; j++) s += f(n, x, (j % cols) * n, r, 0);
    if (round > 0) total[name] = (total[name] ?? 0) + performance.now() - t0;
    if (!Number.isFinite(s)) throw new Error("bad sum");
  }
}
const base = total["kernels.dot (2 accumulators)"];
for (const [name, ms] of Object.entries(total)) {
  console.log(`${name.padEnd(30)} ${((2 * n * reps * 6) / ms / 1e6).toFixed(2)} GFlop/s   time ratio to kernels.dot ${(ms / base).toFixed(2)}`);
}
