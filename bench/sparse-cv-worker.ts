// bench/sparse-cv.ts's Shrinkage side, in a process of its own: read the CSC files and the fold ids,
// time cvSparsePathParallel with --jobs threads (the process's first CV), write the time, CPU, VmHWM
// and cvm.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sparseMatrix } from "../src/data/sparse.js";
import { cvSparsePathParallel } from "../src/cv/sparse-parallel.node.js";

const [dir, ns, ps, jobsText] = process.argv.slice(2);
const n = Number(ns), p = Number(ps), jobs = Number(jobsText);
const read = (name: string) => readFileSync(join(dir, name));
const i32 = (b: Buffer) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const f64 = (b: Buffer) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const kb = (field: string) => Number(/(\d+)/.exec(readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith(field))!)![1]);
const x = sparseMatrix(n, Array.from({ length: p }, (_, j) => `x${j + 1}`), i32(read("colptr.i32")), i32(read("rowindex.i32")), f64(read("values.f64")));
const y = f64(read("y.f64"));
const foldid = i32(read("foldid.i32"));
const baseMb = kb("VmRSS:") / 1024;
/** CPU time of this process, all its threads (the workers are threads of it), ms. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t = performance.now();
const c = cpu();
const cv = await cvSparsePathParallel(x, y, { foldid }, { jobs });
const ms = performance.now() - t;
const cpuMs = cpu() - c;
writeFileSync(join(dir, `shrinkage-cv-${jobs}.json`), JSON.stringify({ ms, cpuMs, baseMb, peakMb: kb("VmHWM:") / 1024, lambda: Array.from(cv.lambda), cvm: Array.from(cv.cvm), lambdaMin: cv.lambdaMin }));
