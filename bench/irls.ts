/**
 * The IRLS families against glmnet, round after round (issue 20): the benchmark's logistic problem
 * (n = 5,000 × p = 200, AR(1) ρ = 0.5, 20 true nonzeros) or a Poisson one on the same X (counts drawn
 * with mean exp(0.5 + η/8) from the same sparse η), default 100-λ lasso path. Each round runs each
 * system in a fresh process (bench/shrinkage-worker.ts, bench/peers/glmnet.R, as `npm run bench` does):
 * the first fit of the process, then warm-up and timed runs; it prints process CPU times (user + system),
 * steadier than wall times on a shared machine, the ratios Shrinkage/glmnet and the load average.
 *
 *   node --import tsx bench/irls.ts [--family binomial|poisson] [--rounds 3] [--runs 5] [--quick]
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { writeData } from "./exchange.js";
import { simulate, simulationSpecs, type BenchData, type BenchProblem } from "./problems.js";
import { benchRng } from "./rng.js";
import { findGlmnet, median, runGlmnet, runShrinkage, type SystemRun } from "./systems.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** A Poisson draw by multiplying uniforms (Knuth): the means here are below ~50. */
function poissonDraw(uniform: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let prod = uniform(); prod > limit; prod *= uniform()) k++;
  return k;
}

/** The logistic problem's data, or its X with Poisson counts from the same sparse truth. */
function problemData(family: "binomial" | "poisson", quick: boolean): BenchData {
  const spec = simulationSpecs(quick).find((s) => s.key === "logistic")!;
  if (family === "binomial") return simulate(spec);
  // Gaussian with infinite SNR: y is the linear predictor itself.
  const truth = simulate({ ...spec, family: "gaussian", snr: Infinity });
  const rng = benchRng(spec.seed + 100);
  const y = Float64Array.from(truth.y, (eta) => poissonDraw(() => rng.uniform(), Math.exp(0.5 + eta / 8)));
  return { ...truth, key: "poisson", family: "poisson", y, description: truth.description.replace("gaussian", "poisson") };
}

const family = option("family", "binomial") as "binomial" | "poisson";
if (family !== "binomial" && family !== "poisson") throw new Error(`bench/irls: --family binomial or poisson, not ${family}`);
const rounds = Number(option("rounds", "3"));
const runs = Number(option("runs", "5"));
const quick = process.argv.includes("--quick");
const data = problemData(family, quick);
const problem: BenchProblem = { name: family, data: family, kind: "path", alpha: 1, nfolds: 0, runs, warmup: 1 };
const glmnet = findGlmnet();
if (!glmnet.available) throw new Error(`bench/irls: ${glmnet.reason}`);
const dir = mkdtempSync(join(os.tmpdir(), "shrinkage-irls-"));
const budgetMs = 120_000;
const fmt = (v: number | undefined): string => (v === undefined ? "—" : v.toFixed(0));
const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? "—" : (a / b).toFixed(2));

try {
  writeData(dir, data);
  process.stdout.write(`${data.description}; ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, Node ${process.version}, ${glmnet.version}\n`);
  process.stdout.write("round  load  first cpu S  first cpu G  S/G   warm cpu S  warm cpu G  S/G   λ S/G    passes S/G\n");
  const warm: [number, number][] = [];
  const first: [number, number][] = [];
  for (let r = 1; r <= rounds; r++) {
    const load = os.loadavg()[0];
    const s: SystemRun = runShrinkage(dir, data, problem, { jobs: 0, budgetMs, engine: "src" });
    const g: SystemRun = runGlmnet(glmnet, dir, data, problem, budgetMs);
    if (s.status !== "ok" || g.status !== "ok") throw new Error(`bench/irls: ${s.message ?? ""} ${g.message ?? ""}`);
    warm.push([s.cpuMedianMs!, g.cpuMedianMs!]);
    first.push([s.coldCpuMs!, g.coldCpuMs!]);
    process.stdout.write(
      `${String(r).padStart(5)}  ${load.toFixed(0).padStart(4)}  ${fmt(s.coldCpuMs).padStart(11)}  ${fmt(g.coldCpuMs).padStart(11)}  ${ratio(s.coldCpuMs, g.coldCpuMs).padStart(4)}  ` +
        `${fmt(s.cpuMedianMs).padStart(10)}  ${fmt(g.cpuMedianMs).padStart(10)}  ${ratio(s.cpuMedianMs, g.cpuMedianMs).padStart(4)}  ` +
        `${s.nlambda}/${g.nlambda}`.padEnd(8) + ` ${s.npasses}/${g.npasses}\n`,
    );
  }
  const med = (pairs: [number, number][]): string => median(pairs.map(([a, b]) => a / b)).toFixed(2);
  process.stdout.write(`median of the rounds' ratios: first fit ${med(first)}, warm ${med(warm)} (CPU time, Shrinkage/glmnet)\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
