/**
 * This checkout's fitPath against another checkout's (its TypeScript sources), both loaded in one process
 * and alternated fit for fit, so that the machine's load hits both alike: CPU time per fit, each side's
 * median and the median of the paired ratios (this ÷ other). A tool for before/after measurements on a
 * shared machine; not part of `npm run bench`.
 *
 *   node --import tsx bench/alternate.ts --root /path/to/other/checkout [tall] [--rounds 8] [--fuse BYTES]
 *   node --expose-gc --import tsx bench/alternate.ts --root /path/to/other/checkout wide --gc
 *
 * The other checkout needs its node_modules (a symlink to this one's will do). `--fuse` sets both sides'
 * fusion threshold (setFusedSweepBytes, linalg/kernels.ts; without it each side times and chooses its own way
 * for sweeps that stream from memory, faster-way.ts) to compare other changes with the sweeps run alike.
 * `--gc` runs a full collection (untimed) before each fit, as the benchmark's worker does (keep-warm.ts).
 */
import { cpuUsage } from "node:process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ModelMatrix } from "../src/data/matrix.js";
import { setFusedSweepBytes } from "../src/linalg/kernels.js";
import { fitPath } from "../src/solve/path.js";
import { loadData } from "./problems.js";

type Fit = typeof fitPath;

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const root = option("--root");
if (root === undefined) throw new Error("alternate: --root DIR (the other checkout) is required");
const name = argv.find((a, k) => !a.startsWith("--") && !argv[k - 1]?.startsWith("--")) ?? "tall";
const rounds = Number(option("--rounds") ?? 8);
const fuse = option("--fuse");
const gc = argv.includes("--gc") ? (globalThis as { gc?: () => void }).gc : undefined;
if (argv.includes("--gc") && gc === undefined) throw new Error("alternate: --gc needs node --expose-gc");

const other = (file: string) => pathToFileURL(resolve(root, file)).href;
const { fitPath: otherFit } = (await import(other("src/solve/path.ts"))) as { fitPath: Fit };
if (fuse !== undefined) {
  setFusedSweepBytes(Number(fuse));
  ((await import(other("src/linalg/kernels.ts"))) as { setFusedSweepBytes: (b: number) => number }).setFusedSweepBytes(Number(fuse));
}

const data = loadData(name, false);
const x: ModelMatrix = { n: data.n, p: data.p, data: data.x, names: data.names };
const options = { family: data.family };
const cpu = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

fitPath(x, data.y, options);
otherFit(x, data.y, options);
const mine: number[] = [];
const theirs: number[] = [];
for (let r = 0; r < rounds; r++) {
  const order: [Fit, number[]][] = r % 2 ? [[fitPath, mine], [otherFit, theirs]] : [[otherFit, theirs], [fitPath, mine]];
  for (const [fit, times] of order) {
    gc?.();
    const t0 = cpu();
    fit(x, data.y, options);
    times.push(cpu() - t0);
  }
}
const paired = mine.map((t, k) => t / theirs[k]);
process.stdout.write(
  `${name}: ${data.description}; ${rounds} pairs${gc ? ", gc() before each fit" : ""}, CPU ms\n` +
  `  other (${root}): ${theirs.map(Math.round).join(" ")}, median ${Math.round(median(theirs))}\n` +
  `  this: ${mine.map(Math.round).join(" ")}, median ${Math.round(median(mine))}\n` +
  `  paired ratio this ÷ other, median ${median(paired).toFixed(3)}\n`,
);
