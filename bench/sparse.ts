// Sparse X against glmnet with a dgCMatrix: a lasso path on a one-hot-like X (values 1..3 at the
// given density), timed in fresh processes: the first fit of the process and the median of warm ones,
// peak memory (VmHWM), and each system's accuracy (its objective's excess over the better system's at
// each λ, relative to the null objective) and Shrinkage's duality gap.
//
//   node --import tsx bench/sparse.ts [--n 100000] [--p 20000] [--density 0.005] [--runs 3] [--family binomial] [--keep]
//
// --family binomial fits a logistic path to y > its median (sparseOutcome).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSparse, sparseOutcome, writeArray } from "./sparse-data.js";

const here = fileURLToPath(new URL(".", import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface SystemResult { firstMs: number; warmMs: number[]; firstCpuMs: number; warmCpuMs: number[]; peakMb: number; baseMb: number; lambda: number[]; a0: number[]; beta: [number[], number[]][]; gap?: number[] }

const n = arg("n", 100000), p = arg("p", 20000), density = arg("density", 0.005), runs = arg("runs", 3);
const family = process.argv.includes("--family") ? process.argv[process.argv.indexOf("--family") + 1] : "gaussian";
if (family !== "gaussian" && family !== "binomial") throw new Error(`bench/sparse.ts: --family must be gaussian or binomial, got ${family}`);
const dir = mkdtempSync(join(tmpdir(), "shrinkage-sparse-"));
const t0 = performance.now();
const data = generateSparse(n, p, density, 20261206);
const y = sparseOutcome(data.y, family);
for (const [name, a] of [["colptr.i32", data.colPtr], ["rowindex.i32", data.rowIndex], ["values.f64", data.values], ["y.f64", y]] as const) writeArray(dir, name, a);
const nnz = data.values.length;
console.error(`data: ${n} × ${p}, ${nnz} nonzeros (${((100 * nnz) / (n * p)).toFixed(2)}%), X ${(nnz * 12 / 2 ** 20).toFixed(0)} MB as CSC, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const run = (cmd: string, args: string[]): SystemResult => {
  execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], maxBuffer: 1 << 30 });
  return JSON.parse(readFileSync(join(dir, `${cmd === "Rscript" ? "glmnet" : "shrinkage"}.json`), "utf8")) as SystemResult;
};
const sh = run(process.execPath, ["--import", "tsx", join(here, "sparse-worker.ts"), dir, String(n), String(p), String(runs), family]);
const gl = run("Rscript", [join(here, "peers", "glmnet-sparse.R"), dir, String(n), String(p), String(runs), family]);

/**
 * glmnet's objective on standardized columns, from the nonzeros: gaussian ½Σ(y − a0 − Xβ)²/n, binomial
 * Σ[log(1 + e^η) − y·η]/n, plus λ·Σ s_j|β_j|.
 */
function objective(lambda: number, a0: number, beta: [number[], number[]], sd: Float64Array): number {
  const eta = new Float64Array(n).fill(a0);
  const [idx, val] = beta;
  let pen = 0;
  idx.forEach((j, c) => {
    for (let t = data.colPtr[j]; t < data.colPtr[j + 1]; t++) eta[data.rowIndex[t]] += val[c] * data.values[t];
    pen += sd[j] * Math.abs(val[c]);
  });
  let fit = 0;
  for (let i = 0; i < n; i++) fit += family === "gaussian" ? (y[i] - eta[i]) ** 2 / 2 : Math.max(eta[i], 0) + Math.log1p(Math.exp(-Math.abs(eta[i]))) - y[i] * eta[i];
  return fit / n + lambda * pen;
}
const sd = new Float64Array(p);
for (let j = 0; j < p; j++) {
  let s = 0, q = 0;
  for (let t = data.colPtr[j]; t < data.colPtr[j + 1]; t++) { s += data.values[t]; q += data.values[t] ** 2; }
  sd[j] = Math.sqrt(q / n - (s / n) ** 2);
}
let ym = 0;
for (const v of y) ym += v / n;
let null0 = 0;
for (const v of y) null0 += family === "gaussian" ? (v - ym) ** 2 / (2 * n) : -(v * Math.log(ym) + (1 - v) * Math.log(1 - ym)) / n;
const L = Math.min(sh.lambda.length, gl.lambda.length);
let excessS = 0, excessG = 0, lambdaDiff = 0;
for (let k = 1; k < L; k++) {
  lambdaDiff = Math.max(lambdaDiff, Math.abs(sh.lambda[k] - gl.lambda[k]) / gl.lambda[k]);
  // glmnet's λ on the data's scale includes sd(y): its objective divides the penalty's λ by it (gaussian).
  const os = objective(gl.lambda[k], sh.a0[k], sh.beta[k], sd), og = objective(gl.lambda[k], gl.a0[k], gl.beta[k], sd);
  const best = Math.min(os, og);
  excessS = Math.max(excessS, (os - best) / null0);
  excessG = Math.max(excessG, (og - best) / null0);
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const xMb = (nnz * 12) / 2 ** 20;
console.log(`sparse lasso path (${family}), ${n} × ${p} at ${(100 * density).toFixed(2)}% (${nnz} nonzeros, X ${xMb.toFixed(0)} MB), λs ${sh.lambda.length}/${gl.lambda.length}, λ agree to ${lambdaDiff.toExponential(0)}`);
console.log("system      first fit   (cpu)    warm (median)   (cpu)   peak MB   added MB   added/X   objective excess   max duality gap");
const sec = (ms: number, width: number) => `${(ms / 1000).toFixed(2).padStart(width)} s`;
for (const [name, r, ex] of [["Shrinkage", sh, excessS], ["glmnet", gl, excessG]] as const) {
  console.log(`${name.padEnd(10)} ${sec(r.firstMs, 8)} ${sec(r.firstCpuMs, 6)} ${sec(med(r.warmMs), 12)} ${sec(med(r.warmCpuMs), 6)} ${r.peakMb.toFixed(0).padStart(9)} ${(r.peakMb - r.baseMb).toFixed(0).padStart(10)} ${((r.peakMb - r.baseMb) / xMb).toFixed(2).padStart(9)} ${ex.toExponential(0).padStart(18)} ${r.gap ? Math.max(...r.gap.slice(1)).toExponential(0).padStart(17) : "—".padStart(17)}`);
}
console.log(`ratios S/glmnet: first fit ${(sh.firstMs / gl.firstMs).toFixed(2)} (cpu ${(sh.firstCpuMs / gl.firstCpuMs).toFixed(2)}), warm ${(med(sh.warmMs) / med(gl.warmMs)).toFixed(2)} (cpu ${(med(sh.warmCpuMs) / med(gl.warmCpuMs)).toFixed(2)}), added memory ${((sh.peakMb - sh.baseMb) / (gl.peakMb - gl.baseMb)).toFixed(2)}`);
if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true });
