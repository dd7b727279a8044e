/**
 * What a column read after a gap costs: dotColumns over every column of a 500 × 20,000 X (the wide
 * benchmark's shape), then over lists keeping one column in 2, 4, 8 or 16 (seeded, in order), with the
 * columns read one at a time (dotcols) and four side by side (dotcolsx, linalg/kernels.ts readApart).
 * CPU µs per column, the best of 15 calls; one thread. A tool for the KKT check's reads; not a test.
 *
 *   node --import tsx bench/read-apart.ts [n] [p]
 */
import { cpuUsage } from "node:process";
import { setReadApart } from "../src/linalg/kernels.js";
import { setKernels, Workspace } from "../src/linalg/workspace.js";
import { benchRng } from "./rng.js";

const n = Number(process.argv[2] ?? 500);
const p = Number(process.argv[3] ?? 20000);
setKernels("wasm");
const ws = Workspace.create(n * p + n + 2 * p + 64);
const x = ws.f64(n * p), v = ws.f64(n), out = ws.f64(p), cols = ws.i32(p);
const rng = benchRng(7);
for (let i = 0; i < x.length; i++) x[i] = rng.normal();
for (let i = 0; i < n; i++) v[i] = rng.normal();
const cpu = () => {
  const u = cpuUsage();
  return u.user + u.system;
};

/** Best CPU µs per column over 15 calls on a list keeping each column with probability 1/every. */
function perColumn(every: number, apart: boolean): number {
  setReadApart(apart);
  let best = Infinity;
  for (let rep = 0; rep < 15; rep++) {
    let count = 0;
    for (let j = 0; j < p; j++) if (every === 1 || rng.uniform() * every < 1) cols[count++] = j;
    const t = cpu();
    ws.kernels.dotColumns(n, x, cols, count, v, out);
    best = Math.min(best, (cpu() - t) / count);
  }
  return best;
}

process.stdout.write(`dotColumns, n = ${n}, p = ${p}: CPU µs a column (one at a time / four side by side)\n`);
for (const every of [1, 2, 4, 8, 16]) {
  process.stdout.write(`  one column in ${every}: ${perColumn(every, false).toFixed(3)} / ${perColumn(every, true).toFixed(3)}\n`);
}
setReadApart(true);
