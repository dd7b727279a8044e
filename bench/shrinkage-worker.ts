/**
 * The benchmark's Shrinkage side, run in a child process of bench/run.ts so that its peak RSS
 * (process.resourceUsage().maxRSS) is the fit's alone, like R's and Python's.
 *
 * Usage: node --import tsx bench/shrinkage-worker.ts <spec.json>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { ModelMatrix } from "../src/data/matrix.js";
import type { FitOptions, Path } from "../src/solve/types.js";
import { denseCoefficients, readF64, readI32, statusKb, writeCoefficients } from "./exchange.js";
import { timeRuns } from "./schedule.js";

export interface WorkerSpec {
  readonly dir: string;
  readonly n: number;
  readonly p: number;
  readonly family: "gaussian" | "binomial" | "poisson";
  readonly alpha: number;
  readonly kind: "path" | "cv";
  /** Cross-validation: 0 runs cvPath (folds in turn), ≥ 1 runs cvPathParallel with that many jobs. */
  readonly jobs: number;
  /** "src": the TypeScript sources through tsx; "dist": the built JavaScript (npm run build), as users run it. */
  readonly engine: "src" | "dist";
  readonly runs: number;
  readonly warmup: number;
  /** Stop timing once the timed runs add up to this (at least one run is kept). */
  readonly budgetMs: number;
  readonly out: string;
  /** Stop each λ at this relative duality gap (FitOptions.gapTol); absent: glmnet's thresh. */
  readonly gapTol?: number;
  /** Shrinkage's solver (FitOptions.solver); absent: glmnet's iterates. */
  readonly solver?: "ws";
}

export interface WorkerResult {
  readonly times: number[];
  /** Process CPU time (user + system, all threads) of each timed run. */
  readonly cpuTimes: number[];
  /** The very first fit in a fresh process (JIT cold), warm-up included. */
  readonly coldMs: number;
  /** Its process CPU time. */
  readonly coldCpuMs?: number;
  readonly baseRssKb: number;
  readonly peakRssKb: number;
  readonly nlambda: number;
  readonly npasses: number;
  readonly variant: string;
  readonly lambdaMin?: number;
  readonly lambda1se?: number;
  readonly cvm?: number[];
}

/** The parts of CvResult the benchmark reads (src/cv is loaded only when cross-validating). */
interface CvLike {
  readonly path: Path;
  readonly cvm: Float64Array;
  readonly lambdaMin: number;
  readonly lambda1se: number;
}
type CvOptions = FitOptions & { foldid: Int32Array };
type CvRunner = (x: ModelMatrix, y: Float64Array, options: CvOptions) => CvLike | Promise<CvLike>;
type FitPath = (x: ModelMatrix, y: ArrayLike<number>, options?: FitOptions) => Path;

/** A module of the engine, from the sources or the build; by computed specifier so either can be absent. */
function engineModule(engine: "src" | "dist", path: string): string {
  return new URL(engine === "dist" ? `../dist/${path}.js` : `../src/${path}.ts`, import.meta.url).href;
}

async function loadFitPath(engine: "src" | "dist"): Promise<FitPath> {
  // The second core's thread (SHRINKAGE_THREADS=2), as the Node entry points load it.
  await import(engineModule(engine, "linalg/second-core.node"));
  const mod = (await import(engineModule(engine, "solve/path"))) as { fitPath?: FitPath };
  if (typeof mod.fitPath !== "function") throw new Error(`${engine}/solve/path has no fitPath`);
  return mod.fitPath;
}

/**
 * The CV entry points, imported by computed specifier: src/cv may not exist yet while the engine
 * is being written, and the benchmark must still type-check and run its other problems.
 */
async function cvRunner(engine: "src" | "dist", jobs: number): Promise<CvRunner> {
  if (jobs >= 1) {
    const spec = engineModule(engine, "cv/parallel.node");
    const mod = (await import(spec)) as { cvPathParallel?: (x: ModelMatrix, y: Float64Array, o: CvOptions, p: { jobs: number }) => Promise<CvLike> };
    if (typeof mod.cvPathParallel !== "function") throw new Error("src/cv/parallel.node.ts has no cvPathParallel");
    const run = mod.cvPathParallel;
    return (x, y, o) => run(x, y, o, { jobs });
  }
  const mod = (await import(engineModule(engine, "cv/cv"))) as { cvPath?: CvRunner };
  if (typeof mod.cvPath !== "function") throw new Error("src/cv/cv.ts has no cvPath");
  return mod.cvPath;
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2], "utf8")) as WorkerSpec;
  const { n, p } = spec;
  const x: ModelMatrix = {
    n, p, data: readF64(join(spec.dir, "x.f64"), n * p),
    names: Array.from({ length: p }, (_, j) => `x${j + 1}`),
  };
  const y = readF64(join(spec.dir, "y.f64"), n);
  const options: FitOptions = { family: spec.family, alpha: spec.alpha, ...(spec.gapTol !== undefined ? { gapTol: spec.gapTol } : {}), ...(spec.solver ? { solver: spec.solver } : {}) };
  const foldid = spec.kind === "cv" ? readI32(join(spec.dir, "foldid.i32"), n) : null;
  const runCv = foldid ? await cvRunner(spec.engine, spec.jobs) : null;
  const fitPath = await loadFitPath(spec.engine);
  // As the CLI's fit and cv do while they read the data: the WebAssembly modules compiled off the main
  // thread (the shared builds too where folds run on workers), before the first fit.
  const wasm = (await import(engineModule(spec.engine, "linalg/wasm"))) as { compileAhead?: (b: "plain" | "both") => Promise<void> };
  if (typeof wasm.compileAhead !== "function") throw new Error(`${spec.engine}/linalg/wasm has no compileAhead`);
  await wasm.compileAhead(runCv && spec.jobs > 1 ? "both" : "plain");
  const baseRssKb = process.memoryUsage().rss / 1024;

  const once = async (): Promise<{ path: Path; cv: CvLike | null }> => {
    if (runCv && foldid) {
      const cv = await runCv(x, y, { ...options, foldid });
      return { path: cv.path, cv };
    }
    return { path: fitPath(x, y, options), cv: null };
  };

  // The first fit in a fresh process is timed apart (JIT cold: what the lab feels on first use).
  // It is a warm-up run when warm-ups are asked for, else the first timed run. With --expose-gc the
  // previous run's garbage is collected first, so the peak RSS is one fit's, not several runs' litter.
  // Only for data of some size: on the small problems a forced full collection leaves concurrent
  // sweeping behind that lands in the next timed run (diabetes: 0.7 ms became 2.5 ms).
  const gc = (globalThis as { gc?: () => void }).gc;
  const collect = async (): Promise<void> => {
    if (!gc || n * p < 1_000_000) return;
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const timed = async (): Promise<{ path: Path; cv: CvLike | null }> => {
    await collect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await once();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
    return r;
  };
  const { coldMs, coldCpuMs, last } = await timeRuns(spec, {
    timed,
    untimed: async () => {
      await collect();
      await once();
    },
  }, times, cpuTimes);
  // VmHWM, not resourceUsage().maxRSS: the kernel carries maxRSS over exec, so a child of a large
  // parent would report the parent's RSS at the fork (the small problems read 167 MB of the bench's).
  const peakRssKb = statusKb("self", "VmHWM") ?? process.resourceUsage().maxRSS;

  writeCoefficients(`${spec.out}.coef.f64`, denseCoefficients(last.path, p));
  const variant = `${spec.kind === "cv" ? (spec.jobs >= 1 ? `cvPathParallel, ${spec.jobs} jobs` : "cvPath, 1 job") : "fitPath"} (${spec.engine}${spec.gapTol !== undefined ? `, gapTol ${spec.gapTol}` : ""}${spec.solver ? `, solver ${spec.solver}` : ""})`;
  const result: WorkerResult = {
    times, cpuTimes, coldMs, coldCpuMs, baseRssKb, peakRssKb, variant,
    nlambda: last.path.lambda.length,
    npasses: last.path.npasses,
    ...(last.cv ? { lambdaMin: last.cv.lambdaMin, lambda1se: last.cv.lambda1se, cvm: Array.from(last.cv.cvm) } : {}),
  };
  writeFileSync(`${spec.out}.json`, JSON.stringify(result));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
