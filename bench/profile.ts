/**
 * Where Shrinkage's time goes on one benchmark problem: a CPU profile of fitPath (or cvPath),
 * summarized by self time per function. A tool for the speed work; not part of `npm run bench`.
 *
 *   node --import tsx bench/profile.ts tall            (or wide, logistic, small, cv-tall, cv-logistic)
 *   node --import tsx bench/profile.ts wide --quick --top 25 --out wide.cpuprofile
 *   node --import tsx bench/profile.ts logistic --quick --penalty mcp      (ncvreg's MCP path)
 *   node --expose-gc --import tsx bench/profile.ts wide --gc   (a full collection before the profiled fit, as the benchmark's worker)
 */
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { ModelMatrix } from "../src/data/matrix.js";
import { fitPath } from "../src/solve/path.js";
import { loadData, problemFolds, problems } from "./problems.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function (ms), largest first. */
export function selfTimes(profile: Profile): { name: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, k) => {
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const file = f.url.replace(/^.*\/(src|bench|node_modules)\//, "$1/");
    const name = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    const dt = (deltas[k] ?? 0) / 1000;
    total += dt;
    ms.set(name, (ms.get(name) ?? 0) + dt);
  });
  return [...ms.entries()].map(([name, t]) => ({ name, ms: t, share: t / total })).sort((a, b) => b.ms - a.ms);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const name = argv.find((a) => !a.startsWith("--")) ?? "tall";
  const quick = argv.includes("--quick");
  const top = Number(argv[argv.indexOf("--top") + 1]) || 20;
  const out = argv.includes("--out") ? argv[argv.indexOf("--out") + 1] : null;
  const problem = problems(quick).find((p) => p.name === name);
  if (!problem) throw new Error(`profile: unknown problem "${name}"`);
  const data = loadData(problem.data, quick);
  const x: ModelMatrix = { n: data.n, p: data.p, data: data.x, names: data.names };
  const penalty = argv.includes("--penalty") ? (argv[argv.indexOf("--penalty") + 1] as "lasso" | "mcp" | "scad") : undefined;
  const options = { family: data.family, alpha: problem.alpha, penalty };
  let fit: () => unknown = () => fitPath(x, data.y, options);
  if (problem.kind === "cv") {
    const spec = new URL("../src/cv/cv.ts", import.meta.url).href;
    const { cvPath } = (await import(spec)) as { cvPath: (x: ModelMatrix, y: Float64Array, o: object) => unknown };
    const foldid = problemFolds(data, problem.nfolds);
    fit = () => cvPath(x, data.y, { ...options, foldid });
  }
  fit(); // warm-up: the profile is of optimized code
  if (argv.includes("--gc")) {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) throw new Error("profile: --gc needs node --expose-gc");
    gc();
  }
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  const t0 = performance.now();
  fit();
  const wall = performance.now() - t0;
  const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
  session.disconnect();
  if (out) writeFileSync(out, JSON.stringify(profile));
  process.stdout.write(`${name}: ${data.description}; one fit ${wall.toFixed(0)} ms (profiled)\n`);
  for (const r of selfTimes(profile).slice(0, top)) {
    process.stdout.write(`${(100 * r.share).toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(6)} ms  ${r.name}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
