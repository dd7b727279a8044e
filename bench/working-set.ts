/**
 * The working-set solver (solver "ws") against glmnet's iterates (solver "glmnet"), both in Shrinkage, at
 * EQUAL relative duality gap (issue 20): on the benchmark's tall and wide gaussian problems
 * (bench/problems.ts), each λ of the default path stopped at the same gapTol. Both run in one process,
 * alternating ws and glmnet's round after round after one warm-up each, timed in process CPU time (user +
 * system), steadier than wall time on a shared machine. Prints per round the CPU times, the ratio ws/glmnet,
 * the passes, each path's largest gap and the load average; then the medians.
 *
 *   node --import tsx bench/working-set.ts [--problems tall,wide] [--gap-tol 1e-6,1e-8] [--rounds 5] [--quick]
 */
import os from "node:os";
import { fitPath } from "../src/solve/path.js";
import type { FitOptions, Path } from "../src/solve/types.js";
import type { ModelMatrix } from "../src/data/matrix.js";
import { simulate, simulationSpecs } from "./problems.js";
import { median } from "./systems.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const quick = process.argv.includes("--quick");
const rounds = Number(option("rounds", "5"));
const keys = option("problems", "tall,wide").split(",");
const tols = option("gap-tol", "1e-6,1e-8").split(",").map(Number);
if (!(rounds >= 1) || tols.some((t) => !(t > 0))) throw new Error("bench/working-set: --rounds ≥ 1 and positive --gap-tol values");

/** CPU milliseconds of one fit, and the fit. */
function timed(x: ModelMatrix, y: Float64Array, options: FitOptions): { ms: number; path: Path } {
  const c0 = process.cpuUsage();
  const path = fitPath(x, y, options);
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, path };
}

const maxGap = (path: Path): number => Math.max(...Array.from(path.gap ?? [NaN]).slice(1));
const exp = (v: number): string => v.toExponential(1);

process.stdout.write(`${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, Node ${process.version}\n`);
for (const key of keys) {
  const spec = simulationSpecs(quick).find((s) => s.key === key);
  if (!spec || spec.family !== "gaussian") throw new Error(`bench/working-set: no gaussian problem "${key}"`);
  const data = simulate(spec);
  const x: ModelMatrix = { n: data.n, p: data.p, data: data.x, names: data.names };
  for (const gapTol of tols) {
    process.stdout.write(`\n${data.description}, default path, gapTol ${gapTol}\n`);
    process.stdout.write("round  load  cpu ws ms  cpu glmnet ms  ws/glmnet  passes ws/glmnet  λs ws/glmnet  largest gap ws/glmnet\n");
    const solvers = ["ws", "glmnet"] as const;
    for (const solver of solvers) fitPath(x, data.y, { gapTol, solver });
    const ratios: number[] = [];
    const ms: Record<string, number[]> = { ws: [], glmnet: [] };
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so neither always follows the other's garbage.
      const order = r % 2 === 0 ? solvers : ([...solvers].reverse() as unknown as typeof solvers);
      const out: Record<string, { ms: number; path: Path }> = {};
      for (const solver of order) out[solver] = timed(x, data.y, { gapTol, solver });
      const { ws, glmnet } = out;
      ms.ws.push(ws.ms);
      ms.glmnet.push(glmnet.ms);
      ratios.push(ws.ms / glmnet.ms);
      process.stdout.write(`${String(r + 1).padStart(5)}  ${os.loadavg()[0].toFixed(1).padStart(4)}  ${ws.ms.toFixed(0).padStart(9)}  ${glmnet.ms.toFixed(0).padStart(13)}  ${(ws.ms / glmnet.ms).toFixed(2).padStart(9)}  ${`${ws.path.npasses}/${glmnet.path.npasses}`.padStart(16)}  ${`${ws.path.lambda.length}/${glmnet.path.lambda.length}`.padStart(11)}  ${`${exp(maxGap(ws.path))}/${exp(maxGap(glmnet.path))}`.padStart(21)}\n`);
    }
    process.stdout.write(`median: ws ${median(ms.ws).toFixed(0)} ms, glmnet ${median(ms.glmnet).toFixed(0)} ms, ratio ${median(ratios).toFixed(2)} (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})\n`);
  }
}
