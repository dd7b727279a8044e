// Sparse X cross-validation against glmnet's cv.glmnet with a dgCMatrix: 10-fold CV of the lasso path
// on bench/sparse.ts's problem with the same fold ids, each system in a fresh process; Shrinkage with
// one thread and with --jobs worker threads. Prints wall and CPU time, peak memory (VmHWM) and what the
// CV added beyond the loaded data, per system, and the ratios.
//
//   node --import tsx bench/sparse-cv.ts [--n 100000] [--p 20000] [--density 0.005] [--jobs 2] [--keep]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchRng } from "./rng.js";
import { generateSparse, writeArray } from "./sparse-data.js";

const here = fileURLToPath(new URL(".", import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface CvRun { ms: number; cpuMs: number; baseMb: number; peakMb: number; lambda: number[]; cvm: number[]; lambdaMin: number }

const n = arg("n", 100000), p = arg("p", 20000), density = arg("density", 0.005), jobs = arg("jobs", 2);
const dir = mkdtempSync(join(tmpdir(), "shrinkage-sparse-cv-"));
const data = generateSparse(n, p, density, 20261206);
const rng = benchRng(7);
const foldid = Int32Array.from({ length: n }, () => 1 + Math.floor(10 * rng.uniform()));
for (const [name, a] of [["colptr.i32", data.colPtr], ["rowindex.i32", data.rowIndex], ["values.f64", data.values], ["y.f64", data.y], ["foldid.i32", foldid]] as const) writeArray(dir, name, a);
const nnz = data.values.length;
const xMb = (nnz * 12) / 2 ** 20;

const run = (cmd: string, args: string[], out: string): CvRun => {
  execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  return JSON.parse(readFileSync(join(dir, out), "utf8")) as CvRun;
};
const worker = join(here, "sparse-cv-worker.ts");
const one = run(process.execPath, ["--import", "tsx", worker, dir, String(n), String(p), "1"], "shrinkage-cv-1.json");
const many = run(process.execPath, ["--import", "tsx", worker, dir, String(n), String(p), String(jobs)], `shrinkage-cv-${jobs}.json`);
const gl = run("Rscript", [join(here, "peers", "glmnet-sparse-cv.R"), dir, String(n), String(p)], "glmnet-cv.json");

console.log(`sparse lasso 10-fold CV, ${n} × ${p} at ${(100 * density).toFixed(2)}% (${nnz} nonzeros, X ${xMb.toFixed(0)} MB), λs ${one.lambda.length}/${gl.lambda.length}`);
console.log("system                 wall       cpu   peak MB   added MB   added/X   λ_min");
const sec = (ms: number, width: number) => `${(ms / 1000).toFixed(2).padStart(width)} s`;
for (const [name, r] of [["Shrinkage, 1 thread", one], [`Shrinkage, ${jobs} threads`, many], ["glmnet cv.glmnet", gl]] as const) {
  console.log(`${name.padEnd(21)} ${sec(r.ms, 7)} ${sec(r.cpuMs, 7)} ${r.peakMb.toFixed(0).padStart(9)} ${(r.peakMb - r.baseMb).toFixed(0).padStart(10)} ${((r.peakMb - r.baseMb) / xMb).toFixed(2).padStart(9)}   ${r.lambdaMin.toPrecision(4)}`);
}
const same = one.cvm.length === many.cvm.length && one.cvm.every((v, l) => v === many.cvm[l]);
console.log(`1 thread and ${jobs}: cvm ${same ? "identical" : "DIFFERENT"}; ratios to glmnet: wall ${(one.ms / gl.ms).toFixed(2)} (1 thread), ${(many.ms / gl.ms).toFixed(2)} (${jobs}); cpu ${(one.cpuMs / gl.cpuMs).toFixed(2)}, ${(many.cpuMs / gl.cpuMs).toFixed(2)}`);
if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true });
