// bench/sparse.ts's Shrinkage side, in a process of its own: read the CSC files, time fitSparsePath
// (the process's first fit, then warm runs), write the times, VmHWM and the last path.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sparseMatrix } from "../src/data/sparse.js";
import { fitSparsePath } from "../src/solve/sparse-fit.js";

const [dir, ns, ps, runsText, familyText] = process.argv.slice(2);
const family = (familyText ?? "gaussian") as "gaussian" | "binomial";
const n = Number(ns), p = Number(ps), runs = Number(runsText);
const read = (name: string) => readFileSync(join(dir, name));
const i32 = (b: Buffer) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const f64 = (b: Buffer) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const kb = (field: string) => Number(/(\d+)/.exec(readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith(field))!)![1]);
const x = sparseMatrix(n, Array.from({ length: p }, (_, j) => `x${j + 1}`), i32(read("colptr.i32")), i32(read("rowindex.i32")), f64(read("values.f64")));
const y = f64(read("y.f64"));
const baseMb = kb("VmRSS:") / 1024;
/** Process CPU time (user + system, all threads), ms: it stays put when other work shares the machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let t = performance.now();
let c = cpu();
let path = fitSparsePath(x, y, { family });
const firstMs = performance.now() - t;
const firstCpuMs = cpu() - c;
const warmMs: number[] = [];
const warmCpuMs: number[] = [];
for (let r = 0; r < runs; r++) {
  t = performance.now();
  c = cpu();
  path = fitSparsePath(x, y, { family });
  warmMs.push(performance.now() - t);
  warmCpuMs.push(cpu() - c);
}
const out = {
  firstMs, warmMs, firstCpuMs, warmCpuMs, baseMb, peakMb: kb("VmHWM:") / 1024,
  lambda: Array.from(path.lambda), a0: Array.from(path.intercept),
  beta: path.beta.map((b) => [Array.from(b.index), Array.from(b.value)]), gap: Array.from(path.gap ?? []),
};
writeFileSync(join(dir, "shrinkage.json"), JSON.stringify(out));
