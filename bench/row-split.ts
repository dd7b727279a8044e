/**
 * Threads 1 against threads 2 (the naive passes split by rows with the second core, src/linalg/row-split.ts)
 * on one benchmark problem, alternated fit for fit in one process: wall and CPU time per fit (CPU counting
 * both threads), medians and the paired wall ratio (2 ÷ 1), the passes of each, the largest difference of
 * their coefficients relative to the largest coefficient at that λ, and the halves the helper ran.
 *
 *   node --import tsx bench/row-split.ts [tall] [--rounds 6] [--verbose] [--fit-cells N] [--rows N]   (--verbose: each threads-2 fit's calls, stalls, halves)
 */
import { cpuUsage } from "node:process";
import type { ModelMatrix } from "../src/data/matrix.js";
import { rowSplitStats } from "../src/linalg/row-split.js";
import { SECOND_CORE_CELLS, setSecondCoreThresholds } from "../src/linalg/second-core.js";
import "../src/linalg/second-core.node.js";
import { fitPath } from "../src/solve/path.js";
import type { Path } from "../src/solve/types.js";
import { loadData, simulate, simulationSpecs } from "./problems.js";

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const name = argv.find((a, k) => !a.startsWith("--") && !argv[k - 1]?.startsWith("--")) ?? "tall";
const rounds = Number(option("--rounds") ?? 6);
// --fit-cells N: fits from N cells get the helper (SECOND_CORE_CELLS by default), to try smaller problems.
const previous = setSecondCoreThresholds({ fitCells: SECOND_CORE_CELLS, callCells: 0 });
setSecondCoreThresholds({ fitCells: Number(option("--fit-cells") ?? SECOND_CORE_CELLS), callCells: previous.callCells });

// --rows N: the problem's simulation with N rows (its seed and columns kept), e.g. a logistic path large enough for the helper.
const rows = option("--rows");
const spec = simulationSpecs(false).find((sp) => sp.key === name);
const data = rows !== undefined && spec !== undefined ? simulate({ ...spec, n: Number(rows) }) : loadData(name, false);
const x: ModelMatrix = { n: data.n, p: data.p, data: data.x, names: data.names };
const cpu = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

/** max over λ and j of |a_j − b_j| / max_j |a_j|: the coefficients as dense vectors. */
function largestDifference(a: Path, b: Path): number {
  let worst = 0;
  for (let l = 0; l < Math.min(a.beta.length, b.beta.length); l++) {
    const [da, db] = [a.beta[l], b.beta[l]].map((s) => {
      const d = new Float64Array(x.p);
      s.index.forEach((j, m) => (d[j] = s.value[m]));
      return d;
    });
    const scale = Math.max(...da.map(Math.abs), Number.MIN_VALUE);
    for (let j = 0; j < x.p; j++) worst = Math.max(worst, Math.abs(da[j] - db[j]) / scale);
  }
  return worst;
}

const fit = (threads: number) => fitPath(x, data.y, { family: data.family, threads });
const one = fit(1);
const two = fit(2);
const times: Record<number, { wall: number[]; cpu: number[] }> = { 1: { wall: [], cpu: [] }, 2: { wall: [], cpu: [] } };
const before = { ...rowSplitStats };
for (let r = 0; r < rounds; r++) {
  for (const threads of r % 2 ? [1, 2] : [2, 1]) {
    const [w0, c0, s0] = [performance.now(), cpu(), { ...rowSplitStats }];
    fit(threads);
    times[threads].wall.push(performance.now() - w0);
    times[threads].cpu.push(cpu() - c0);
    if (argv.includes("--verbose") && threads === 2) {
      const d = (k: keyof typeof rowSplitStats) => rowSplitStats[k] - s0[k];
      process.stdout.write(`  threads 2: ${(performance.now() - w0).toFixed(0)} ms, calls ${d("calls")}, alone ${d("alone")}, stalls ${d("stalls")}, helper's halves ${d("helped")}\n`);
    }
  }
}
const paired = times[2].wall.map((t, k) => t / times[1].wall[k]);
const ms = (v: number[]) => `${median(v).toFixed(0)} ms (${v.map((t) => t.toFixed(0)).join(" ")})`;
process.stdout.write(
  `${name}: ${data.description}; ${rounds} rounds\n` +
  `threads 1: wall ${ms(times[1].wall)}, cpu ${ms(times[1].cpu)}, ${one.npasses} passes\n` +
  `threads 2: wall ${ms(times[2].wall)}, cpu ${ms(times[2].cpu)}, ${two.npasses} passes\n` +
  `paired wall ratio 2/1: median ${median(paired).toFixed(3)}; largest coefficient difference ${largestDifference(one, two).toExponential(2)}; ` +
  `split calls ${rowSplitStats.calls - before.calls} (alone: both halves in one thread, ${rowSplitStats.alone - before.alone}), halves by the helper ${rowSplitStats.helped - before.helped}\n`,
);
