import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCoefficients } from "./exchange.js";
import type { PathCoefficients } from "./objective.js";
import type { BenchData, BenchProblem } from "./problems.js";
import type { WorkerSpec } from "./shrinkage-worker.js";
import { chromiumPath, packageVersion, type BrowserSpec } from "./browser.js";

/** shrinkage: in Node; browser: the same engine in headless Chromium (bench/browser-worker.ts). */
export type SystemName = "shrinkage" | "browser" | "glmnet" | "sklearn";
export const SYSTEMS: readonly SystemName[] = ["shrinkage", "browser", "glmnet", "sklearn"];

/** What one system did on one problem. "missing": not installed; "failed": it ran and broke. */
export interface SystemRun {
  readonly status: "ok" | "missing" | "failed" | "not run";
  readonly message?: string;
  readonly variant?: string;
  readonly times?: number[];
  readonly medianMs?: number;
  /** The fastest run: less sensitive than the median to other work on a busy machine. */
  readonly minMs?: number;
  /** Median process CPU time (user + system, all threads): robust to other work on the machine. */
  readonly cpuMedianMs?: number;
  /** The first fit in a fresh process (wall and process CPU time): what a CLI call or a one-off script pays. */
  readonly coldMs?: number;
  readonly coldCpuMs?: number;
  readonly baseRssMb?: number;
  readonly peakRssMb?: number;
  readonly nlambda?: number;
  readonly npasses?: number;
  readonly lambdaMin?: number;
  readonly lambda1se?: number;
  readonly extra?: Record<string, unknown>;
  /** The last fitted path (kept out of the JSON). */
  readonly coef?: PathCoefficients;
}

/** Whether a peer can run here, and its version or why not. */
export interface PeerAvailability {
  readonly available: boolean;
  readonly command: string;
  readonly version?: string;
  readonly reason?: string;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function tail(text: string, lines = 12): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/** Rscript with glmnet: $SHRINKAGE_BENCH_RSCRIPT or Rscript on PATH. */
export function findGlmnet(): PeerAvailability {
  const command = process.env.SHRINKAGE_BENCH_RSCRIPT ?? "Rscript";
  const r = spawnSync(command, ["-e", 'suppressPackageStartupMessages(library(glmnet)); cat(as.character(packageVersion("glmnet")), R.version$major, R.version$minor)'], { encoding: "utf8" });
  if (r.error) return { available: false, command, reason: `${command} not found (apt-get install r-cran-glmnet)` };
  if (r.status !== 0) return { available: false, command, reason: `glmnet not loadable: ${tail(r.stderr, 2)}` };
  const [glmnet, major, minor] = r.stdout.trim().split(/\s+/);
  return { available: true, command, version: `glmnet ${glmnet}, R ${major}.${minor}` };
}

/**
 * A Python that imports scikit-learn: $SHRINKAGE_BENCH_PYTHON, then Debian's /usr/bin/python3
 * (where python3-sklearn installs), then python3 on PATH (often a pyenv without it).
 */
export function findSklearn(): PeerAvailability {
  const candidates = [process.env.SHRINKAGE_BENCH_PYTHON, "/usr/bin/python3", "python3"].filter((c): c is string => !!c);
  const reasons: string[] = [];
  for (const command of candidates) {
    const r = spawnSync(command, ["-c", "import sklearn, numpy, platform; print(sklearn.__version__, numpy.__version__, platform.python_version())"], { encoding: "utf8" });
    if (r.error) { reasons.push(`${command}: not found`); continue; }
    if (r.status !== 0) { reasons.push(`${command}: no sklearn`); continue; }
    const [sk, np, py] = r.stdout.trim().split(/\s+/);
    return { available: true, command, version: `scikit-learn ${sk}, NumPy ${np}, Python ${py}` };
  }
  return { available: false, command: candidates.join(" | "), reason: `${reasons.join("; ")} (apt-get install python3-sklearn)` };
}

/**
 * Headless Chromium with playwright-core and Vite to drive and bundle for it: the browser at
 * $SHRINKAGE_BENCH_CHROMIUM or /usr/bin/chromium (Debian's, as the browser tests use).
 */
export function findBrowser(): PeerAvailability {
  const command = chromiumPath();
  if (!existsSync(command)) return { available: false, command, reason: `${command} not found (apt-get install chromium, or set $SHRINKAGE_BENCH_CHROMIUM)` };
  const playwright = packageVersion("playwright-core");
  if (playwright === null) return { available: false, command, reason: "playwright-core not installed (npm install)" };
  if (packageVersion("vite") === null) return { available: false, command, reason: "vite not installed (npm install)" };
  const r = spawnSync(command, ["--version"], { encoding: "utf8" });
  if (r.error) return { available: false, command, reason: `${command}: ${r.error.message}` };
  const version = /[\d.]+\.\d+/.exec(r.stdout)?.[0];
  if (r.status !== 0 || !version) return { available: false, command, reason: `${command} --version: ${tail(r.stderr || r.stdout || `exit ${r.status ?? r.signal}`, 2)}` };
  return { available: true, command, version: `Chromium ${version}, playwright-core ${playwright}` };
}

interface RawResult {
  times: number[];
  cpuTimes?: number[];
  coldMs?: number;
  coldCpuMs?: number;
  /** null: not measurable (the browser's renderer process not found). */
  baseRssKb: number | null;
  peakRssKb: number | null;
  nlambda: number;
  npasses?: number;
  variant?: string;
  lambdaMin?: number;
  lambda1se?: number;
  cvm?: number[];
  [k: string]: unknown;
}

/** Run one child process that writes <out>.json and <out>.coef.f64, and read them back. */
function runChild(command: string, args: string[], out: string, p: number, timeoutMs: number): SystemRun {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 });
  if (r.error) return { status: "failed", message: `${command}: ${r.error.message}` };
  if (r.status !== 0 || !existsSync(`${out}.json`)) {
    return { status: "failed", message: tail(r.stderr || r.stdout || `exit ${r.status ?? r.signal}`) };
  }
  const raw = JSON.parse(readFileSync(`${out}.json`, "utf8")) as RawResult;
  const { times, cpuTimes, coldMs, coldCpuMs, baseRssKb, peakRssKb, nlambda, npasses, variant, lambdaMin, lambda1se, cvm, ...extra } = raw;
  void cvm;
  return {
    status: "ok", times, medianMs: median(times), minMs: Math.min(...times),
    cpuMedianMs: cpuTimes?.length ? median(cpuTimes) : undefined, coldMs, coldCpuMs, variant, nlambda, npasses, lambdaMin, lambda1se,
    baseRssMb: baseRssKb == null ? undefined : baseRssKb / 1024, peakRssMb: peakRssKb == null ? undefined : peakRssKb / 1024,
    extra: Object.keys(extra).length ? extra : undefined,
    coef: readCoefficients(`${out}.coef.f64`, nlambda, p),
  };
}

const TIMEOUT_MS = 60 * 60 * 1000;

/** How Shrinkage's worker runs a problem: threads for CV, the time budget, which build, and the solver's stop. */
export interface ShrinkageRun {
  jobs: number;
  budgetMs: number;
  engine: "src" | "dist";
  gapTol?: number;
  solver?: "glmnet" | "ws";
}

export function runShrinkage(dir: string, data: BenchData, problem: BenchProblem, run: ShrinkageRun): SystemRun {
  const { jobs, budgetMs, engine, gapTol, solver = "glmnet" } = run;
  const tag = `shrinkage-${problem.name}-${jobs}`;
  const spec: WorkerSpec = {
    dir, n: data.n, p: data.p, family: data.family === "binomial" || data.family === "poisson" ? data.family : "gaussian", alpha: problem.alpha,
    kind: problem.kind, jobs, engine, runs: problem.runs, warmup: problem.warmup, budgetMs, out: join(dir, tag),
    ...(gapTol !== undefined ? { gapTol } : {}),
    ...(solver !== "glmnet" ? { solver } : {}),
  };
  const specFile = join(dir, `${tag}.spec.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  return runChild(process.execPath, ["--expose-gc", "--import", "tsx", here("./shrinkage-worker.ts"), specFile], spec.out, data.p, TIMEOUT_MS);
}

/** Shrinkage in headless Chromium, on the same data files (bench/browser-worker.ts). CV: cvPath, one job. */
export function runBrowser(
  peer: PeerAvailability, dir: string, data: BenchData, problem: BenchProblem, budgetMs: number, engine: "src" | "dist",
): SystemRun {
  if (!peer.available) return { status: "missing", message: peer.reason };
  const tag = `browser-${problem.name}`;
  const spec: BrowserSpec = {
    dir, n: data.n, p: data.p, family: data.family === "binomial" ? "binomial" : "gaussian", alpha: problem.alpha,
    kind: problem.kind, jobs: 0, engine, runs: problem.runs, warmup: problem.warmup, budgetMs, out: join(dir, tag), chromium: peer.command,
  };
  const specFile = join(dir, `${tag}.spec.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  return runChild(process.execPath, ["--import", "tsx", here("./browser-worker.ts"), specFile], spec.out, data.p, TIMEOUT_MS);
}

function peerArgs(dir: string, data: BenchData, problem: BenchProblem, out: string, budgetMs: number): string[] {
  return [dir, String(data.n), String(data.p), data.family, String(problem.alpha), problem.kind, String(problem.runs), String(problem.warmup), out, String(budgetMs)];
}

export function runGlmnet(peer: PeerAvailability, dir: string, data: BenchData, problem: BenchProblem, budgetMs: number): SystemRun {
  if (!peer.available) return { status: "missing", message: peer.reason };
  const out = join(dir, `glmnet-${problem.name}`);
  return runChild(peer.command, [here("./peers/glmnet.R"), ...peerArgs(dir, data, problem, out, budgetMs)], out, data.p, TIMEOUT_MS);
}

/** scikit-learn on the λ sequence in <dir>/lambda.f64 (written by the caller). */
export function runSklearn(peer: PeerAvailability, dir: string, data: BenchData, problem: BenchProblem, budgetMs: number, tol: number): SystemRun {
  if (!peer.available) return { status: "missing", message: peer.reason };
  const out = join(dir, `sklearn-${problem.name}`);
  return runChild(peer.command, [here("./peers/sklearn_fit.py"), ...peerArgs(dir, data, problem, out, budgetMs), String(tol)], out, data.p, TIMEOUT_MS);
}
