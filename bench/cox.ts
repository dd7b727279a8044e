/**
 * The Cox benchmark (issue 17): a seeded survival problem, n = 5,000 × p = 200 (AR(1) ρ = 0.5 columns,
 * 20 true nonzeros, exponential times, about 30% censored), fitted by Shrinkage and by R's glmnet in the
 * same run on the same numbers: the default path, and 10-fold CV with the same fold ids.
 *
 *   node --import tsx bench/cox.ts [--n 5000] [--p 200] [--runs 3]
 *
 * Prints the median wall time of each and the ratio Shrinkage/glmnet (the machine is shared: ratios
 * from one run, side by side, are what to read). glmnet is run with its defaults (thresh 1e-7).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelMatrix } from "../src/data/matrix.js";
import { fitPath } from "../src/solve/path.js";
import { cvPath } from "../src/cv/cv.js";
import { cvPathParallel } from "../src/cv/parallel.node.js";
import { benchRng } from "./rng.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const n = option("n", 5000), p = option("p", 200), runs = option("runs", 3);
const rng = benchRng(17);
const x = new Float64Array(n * p);
for (let i = 0; i < n; i++) {
  let prev = rng.normal();
  for (let j = 0; j < p; j++) {
    const v = j === 0 ? prev : 0.5 * prev + Math.sqrt(0.75) * rng.normal();
    x[j * n + i] = v;
    prev = v;
  }
}
const time = new Float64Array(n), status = new Float64Array(n), foldid = new Int32Array(n);
for (let i = 0; i < n; i++) {
  let eta = 0;
  for (let j = 0; j < 20; j++) eta += (j % 2 ? -0.3 : 0.3) * x[j * Math.floor(p / 20) * n + i];
  const t = -Math.log(1 - rng.uniform()) / Math.exp(eta);
  const c = -Math.log(1 - rng.uniform()) / 0.4;
  time[i] = Math.min(t, c);
  status[i] = t <= c ? 1 : 0;
  foldid[i] = 1 + (i % 10);
}
const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
const matrix = modelMatrix(names, Array.from({ length: p }, (_, j) => x.subarray(j * n, (j + 1) * n)));

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
function timed(f: () => unknown): number[] {
  f();
  return Array.from({ length: runs }, () => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  });
}

const options = { family: "cox" as const, survival: { status } };
const path = fitPath(matrix, time, options);
const ours = {
  path: median(timed(() => fitPath(matrix, time, options))),
  cv: median(timed(() => cvPath(matrix, time, { ...options, foldid }))),
  cvParallel: median(await (async () => {
    const out: number[] = [];
    await cvPathParallel(matrix, time, { ...options, foldid }, { jobs: 2 });
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      await cvPathParallel(matrix, time, { ...options, foldid }, { jobs: 2 });
      out.push(performance.now() - t0);
    }
    return out;
  })()),
};

const dir = mkdtempSync(join(tmpdir(), "shrinkage-cox-bench-"));
try {
  writeFileSync(join(dir, "x.bin"), Buffer.from(x.buffer));
  writeFileSync(join(dir, "y.bin"), Buffer.from(Float64Array.from([...time, ...status]).buffer));
  writeFileSync(join(dir, "foldid.bin"), Buffer.from(foldid.buffer));
  const script = `
suppressPackageStartupMessages({ library(glmnet); library(survival) })
n <- ${n}; p <- ${p}; runs <- ${runs}
x <- matrix(readBin("${dir}/x.bin", "double", n * p), n, p)
ty <- readBin("${dir}/y.bin", "double", 2 * n); y <- Surv(ty[1:n], ty[n + 1:n])
foldid <- readBin("${dir}/foldid.bin", "integer", n)
med <- function(f) { f(); median(sapply(1:runs, function(r) system.time(f())[["elapsed"]] * 1000)) }
fit <- glmnet(x, y, family = "cox")
cat(length(fit$lambda), med(function() glmnet(x, y, family = "cox")), med(function() cv.glmnet(x, y, family = "cox", foldid = foldid, lambda = fit$lambda)), "\\n")`;
  const r = spawnSync(process.env.SHRINKAGE_BENCH_RSCRIPT ?? "Rscript", ["-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`glmnet: ${r.stderr}`);
  const [nlam, gPath, gCv] = r.stdout.trim().split(/\s+/).map(Number);
  const row = (what: string, s: number, g: number) => `${what.padEnd(28)} ${s.toFixed(0).padStart(8)} ms ${g.toFixed(0).padStart(8)} ms   ${(s / g).toFixed(2)}×`;
  console.log(`Cox ${n} × ${p}, ${status.reduce((a, b) => a + b, 0)} events; λs: Shrinkage ${path.lambda.length}, glmnet ${nlam}; median of ${runs}`);
  console.log(`${"".padEnd(28)} ${"Shrinkage".padStart(11)} ${"glmnet".padStart(11)}   ratio`);
  console.log(row("path", ours.path, gPath));
  console.log(row("10-fold CV (1 thread)", ours.cv, gCv));
  console.log(row("10-fold CV (2 worker jobs)", ours.cvParallel, gCv));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
