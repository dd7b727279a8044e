/**
 * Multinomial benchmark (issue 16): n = 5,000, p = 200, K = 5 classes, glmnet's default lasso path and
 * 10-fold cross-validation with the same seeded fold ids, Shrinkage and glmnet (Rscript) in the same run.
 *   node --expose-gc --import tsx bench/multinomial.ts [--quick] [--grouped] [--no-cv] [--no-glmnet]
 *        [--jobs N] [--runs N] [--rows N] [--engine src|dist]
 * The path is fitted `--runs` times by each system (after one untimed fit), in two rounds that
 * alternate the systems: CPU time (user + system) per run, their medians and ratio. The machine's
 * other load moves wall time, CPU time less.
 * Shrinkage's path and CV each run in a child process holding only the data, so that the memory they
 * add is their own: the high-water mark (VmHWM, restarted by writing 5 to /proc/self/clear_refs) over
 * the RSS of the process holding the data alone, before any fit, and the RSS after; V8's ArrayBuffer
 * bytes and used heap before and after, against X's size. `--engine dist` measures the build (what a
 * user runs; `npm run build` first): from the sources (the default) the CV's worker threads start tsx
 * and compile the sources in themselves, which costs memory and time a user's workers do not spend.
 * The CV's folds run on `--jobs` threads (cvMultiPathParallel; one per core by default), glmnet's one
 * after another. Each thread's own CPU time is read from /proc/self/task/<tid>/stat as the folds finish:
 * the busiest thread's, or the total over `--jobs` if larger, is what the CV's wall time would be on
 * `--jobs` idle cores. On a loaded Linux
 * machine with autogroup scheduling (sched_autogroup_enabled) a process's threads share one group's
 * CPU, so its wall time there shows little of the threads' gain.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { cvMultiPathParallel as CvMultiPathParallel } from "../src/cv/multi-parallel.node.js";
import type { modelMatrix as ModelMatrixOf, ModelMatrix } from "../src/data/matrix.js";
import type { fitMultinomialPath as FitMultinomialPath } from "../src/solve/multi/fit.js";
import { multiRoom } from "../src/solve/multi/solver.js";
import { statusKb } from "./exchange.js";
import { benchRng } from "./rng.js";

const argv = process.argv;
if (argv.includes("--help")) {
  console.log(`node --expose-gc --import tsx bench/multinomial.ts [--quick] [--grouped] [--no-cv] [--no-glmnet] [--jobs N] [--runs N] [--rows N] [--engine src|dist]
  --quick      1,000 × 50 instead of 5,000 × 200 (K = 5 classes, 10-fold CV)
  --grouped    type.multinomial = "grouped"
  --no-cv      the path alone;  --no-glmnet  Shrinkage alone (its memory at a large --rows)
  --jobs N     threads for the CV's folds (default: one per core)
  --runs N     path fits per system, after one untimed fit (default 3)
  --rows N     rows n (default 5,000)
  --engine E   src: the TypeScript sources through tsx (default); dist: the build (npm run build first)`);
  process.exit(0);
}
const quick = argv.includes("--quick");
const grouped = argv.includes("--grouped");
const withCv = !argv.includes("--no-cv");
const withGlmnet = !argv.includes("--no-glmnet");
const engine = argv.includes("--engine") ? argv[argv.indexOf("--engine") + 1] : "src";
if (engine !== "src" && engine !== "dist") throw new Error(`bench: --engine must be src or dist, got "${engine}"`);
const option = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const jobs = option("--jobs", availableParallelism());
const runs = option("--runs", 3);
const [n, p, K, nfolds] = [option("--rows", quick ? 1000 : 5000), quick ? 50 : 200, 5, 10];

/** Seeded data: 10 true variables, each moving two classes' log-odds; classes drawn from the softmax. */
function problem(): { x: Float64Array; labels: string[]; foldid: Int32Array } {
  const rng = benchRng(16);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n * p; i++) x[i] = rng.normal();
  const labels: string[] = [];
  const eta = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    eta.fill(0);
    for (let j = 0; j < 10; j++) {
      eta[j % K] += 0.8 * x[j * n + i];
      eta[(j + 1) % K] -= 0.5 * x[j * n + i];
    }
    const e = Array.from(eta, Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    let u = rng.uniform() * s, k = 0;
    while (k < K - 1 && u > e[k]) u -= e[k++];
    labels.push(`c${k + 1}`);
  }
  const foldid = Int32Array.from({ length: n }, (_, i) => (i % nfolds) + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [foldid[i], foldid[j]] = [foldid[j], foldid[i]];
  }
  return { x, labels, foldid };
}

/**
 * The engine's entry points, from the TypeScript sources (through tsx, workers too) or the build (what
 * a user runs: `npm run build` first), imported by the child alone.
 */
async function engineModules(): Promise<{ modelMatrix: typeof ModelMatrixOf; fitMultinomialPath: typeof FitMultinomialPath; cvMultiPathParallel: typeof CvMultiPathParallel }> {
  const at = (path: string) => new URL(engine === "dist" ? `../dist/${path}.js` : `../src/${path}.ts`, import.meta.url).href;
  const [{ modelMatrix }, { fitMultinomialPath }, { cvMultiPathParallel }] = await Promise.all([
    import(at("data/matrix")) as Promise<{ modelMatrix: typeof ModelMatrixOf }>,
    import(at("solve/multi/fit")) as Promise<{ fitMultinomialPath: typeof FitMultinomialPath }>,
    import(at("cv/multi-parallel.node")) as Promise<{ cvMultiPathParallel: typeof CvMultiPathParallel }>,
  ]);
  return { modelMatrix, fitMultinomialPath, cvMultiPathParallel };
}

function design(x: Float64Array, modelMatrix: typeof ModelMatrixOf): ModelMatrix {
  const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  return modelMatrix(names, names.map((_, j) => x.subarray(j * n, (j + 1) * n)));
}

async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

/** Restart the process's RSS high-water mark at its RSS now (Linux); false where it cannot. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** CPU time (ms) of each thread of this process now, by thread id (Linux; empty elsewhere). */
function threadCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync("/proc/self/task")) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10); // utime, stime in 1/100 s
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    // no /proc
  }
  return out;
}

/** What a child reports: its time, memory, and (CV) each thread's CPU time. */
interface ChildReport {
  wallMs: number[];
  cpuMs: number[];
  lambdas: number;
  lambdaMin?: number;
  dataKb: number | null;
  peakKb: number | null;
  afterKb: number | null;
  buffersBefore: number;
  buffersAfter: number;
  heapBefore: number;
  heapAfter: number;
  mainThreadMs?: number;
  otherThreadMs?: number[];
}

/**
 * The child: the path (one untimed fit, then `runs` timed) or the CV alone, on data it generates (the
 * same), as one JSON line. Its memory is counted from the process holding the data alone: the peak
 * (VmHWM, restarted there) covers everything the fits add, the untimed first one included: X̃'s copy
 * and the solver's room (which the thread's pool keeps after a path), WebAssembly's compiled kernels,
 * V8's code and heap growth, a CV's worker thread.
 */
async function child(what: "path" | "cv"): Promise<void> {
  const { modelMatrix, fitMultinomialPath, cvMultiPathParallel } = await engineModules();
  const { x, labels, foldid } = problem();
  const m = design(x, modelMatrix);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const dataKb = statusKb("self", "VmRSS");
  const peakReset = resetPeak();
  const buffersBefore = process.memoryUsage().arrayBuffers, heapBefore = process.memoryUsage().heapUsed;
  const report: Partial<ChildReport> = {};
  let keep: unknown;
  if (what === "path") {
    keep = fitMultinomialPath(m, labels, { grouped }); // untimed, as glmnet's first fit
    // One path held at a time, as a user's: each fit's result replaces the last.
    const t: { wallMs: number; cpuMs: number }[] = [];
    for (let r = 0; r < runs; r++) {
      keep = null;
      const { value, wallMs, cpuMs } = await timed(() => fitMultinomialPath(m, labels, { grouped }));
      keep = value;
      t.push({ wallMs, cpuMs });
    }
    Object.assign(report, { wallMs: t.map((r) => r.wallMs), cpuMs: t.map((r) => r.cpuMs), lambdas: (keep as { lambda: Float64Array }).lambda.length });
  } else {
    const start = threadCpuMs(), last = new Map<number, number>();
    const sample = () => threadCpuMs().forEach((ms, tid) => last.set(tid, ms - (start.get(tid) ?? 0)));
    const cv = await timed(() => cvMultiPathParallel(m, { family: "multinomial", labels }, { grouped, foldid }, { jobs, onProgress: sample }));
    sample();
    keep = cv.value;
    const other = [...last.entries()].filter(([tid]) => tid !== process.pid).map(([, ms]) => ms).sort((a, b) => b - a);
    Object.assign(report, {
      wallMs: [cv.wallMs], cpuMs: [cv.cpuMs], lambdas: cv.value.lambda.length, lambdaMin: cv.value.lambdaMin,
      mainThreadMs: last.get(process.pid) ?? null, otherThreadMs: other.slice(0, 3),
    });
  }
  const peakKb = statusKb("self", "VmHWM");
  gc?.();
  const afterKb = statusKb("self", "VmRSS");
  const buffersAfter = process.memoryUsage().arrayBuffers, heapAfter = process.memoryUsage().heapUsed;
  void keep;
  console.log(JSON.stringify({
    ...report, dataKb, peakKb: peakReset ? peakKb : null, afterKb, buffersBefore, buffersAfter, heapBefore, heapAfter,
  }));
}

if (argv.includes("--child")) {
  await child(argv[argv.indexOf("--child") + 1] as "path" | "cv");
  process.exit(0);
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
const xBytes = 8 * n * p;

function runChild(what: "path" | "cv"): ChildReport {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), "--child", what, "--jobs", String(jobs), "--runs", String(runs), "--rows", String(n), "--engine", engine,
    ...(quick ? ["--quick"] : []), ...(grouped ? ["--grouped"] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }).trim().split("\n").pop()!) as ChildReport;
}

/** The data as a CSV for R (the same seeded problem). */
function writeCsv(dir: string): void {
  const { x, labels, foldid } = problem();
  const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const lines = [[...names, "cls", "fold"].join(",")];
  for (let i = 0; i < n; i++) lines.push([...names.map((_, j) => x[j * n + i]), labels[i], foldid[i]].join(","));
  writeFileSync(join(dir, "data.csv"), lines.join("\n") + "\n");
}

/**
 * glmnet's path (`runs` times after one untimed fit) or its CV, in a fresh Rscript, each line
 * "what wall cpu extra"; empty when R or glmnet is missing.
 */
function glmnet(dir: string, what: "path" | "cv"): number[][] {
  const type = grouped ? "grouped" : "ungrouped";
  const fit = `glmnet(x, y, family = "multinomial", type.multinomial = "${type}")`;
  writeFileSync(join(dir, "run.R"), `suppressMessages(library(glmnet))
d <- read.csv("${join(dir, "data.csv")}"); x <- as.matrix(d[, 1:${p}]); y <- d$cls
cpu <- function(t) sum(t[c(1, 2)], na.rm = TRUE)
${what === "path" ? `g <- ${fit}
for (r in 1:${runs}) {
  t <- system.time(g <- ${fit})
  cat("path", t[["elapsed"]] * 1000, cpu(t) * 1000, length(g$lambda), "\\n")
}` : `t <- system.time(cv <- cv.${fit.replace(")", ", foldid = d$fold)")})
cat("cv", t[["elapsed"]] * 1000, cpu(t) * 1000, cv$lambda.min, "\\n")`}
`);
  try {
    const r = execFileSync(process.env.SHRINKAGE_BENCH_RSCRIPT ?? "Rscript", [join(dir, "run.R")], { encoding: "utf8" }).trim().split("\n");
    return r.map((l) => l.trim().split(/\s+/).slice(1).map(Number));
  } catch (e) {
    console.log(`glmnet: missing (${(e as Error).message.split("\n")[0]})`);
    return [];
  }
}

/**
 * Peak RSS over the process holding the data alone (everything the fits add, see child), and RSS after
 * (gc(), the result held); what the fit holds on to: ArrayBuffers and V8's used heap before and after.
 */
function memoryLine(what: string, c: ChildReport, rooms: number): string {
  if (c.dataKb === null || c.peakKb === null) return `${what} memory: no /proc/self/clear_refs here: peak not measured`;
  const x = (bytes: number) => `${bytes < 0 ? "" : "+"}${mb(bytes)} MB = ${(bytes / xBytes).toFixed(2)} X`;
  return `${what} memory (X is ${mb(xBytes)} MB): peak RSS over the data alone (${mb(c.dataKb * 1024)} MB) ${x((c.peakKb - c.dataKb) * 1024)}, ` +
    `after ${x(((c.afterKb ?? c.dataKb) - c.dataKb) * 1024)} | ` +
    `held: ArrayBuffers ${mb(c.buffersBefore)} → ${mb(c.buffersAfter)} MB, V8 heap used ${mb(c.heapBefore)} → ${mb(c.heapAfter)} MB | ` +
    `by construction: the standardized copy 1 X + solver rooms ${mb(8 * rooms)} MB = ${((xBytes + 8 * rooms) / xBytes).toFixed(2)} X`;
}

const load0 = loadavg()[0];
const dir = mkdtempSync(join(tmpdir(), "shrinkage-bench-multi-"));
try {
  if (withGlmnet) writeCsv(dir);
  // Two rounds of the path, each system's runs in turn, so that both meet the machine's load alike.
  const path = runChild("path"), gPathRuns = withGlmnet ? glmnet(dir, "path") : [];
  const again = runChild("path");
  path.cpuMs.push(...again.cpuMs);
  if (withGlmnet) gPathRuns.push(...glmnet(dir, "path"));
  const cv = withCv ? runChild("cv") : null;
  const g: Record<string, number[][]> = { path: gPathRuns, cv: withCv && withGlmnet ? glmnet(dir, "cv") : [] };
  const type = grouped ? "grouped" : "ungrouped";
  console.log(`multinomial (${type}), n = ${n}, p = ${p}, K = ${K}${quick ? " (--quick)" : ""}, engine ${engine === "dist" ? "dist (the build)" : "src (tsx)"}: ${path.lambdas} λs (glmnet ${g.path?.[0]?.[2] ?? "?"}); ` +
    `load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  const gPath = g.path.length > 0 ? g.path.map((r) => r[1]) : null;
  console.log(`path CPU ms, 2 × ${runs} runs: shrinkage ${path.cpuMs.map((v) => v.toFixed(0)).join(" ")}` +
    (gPath ? ` | glmnet ${gPath.map((v) => v.toFixed(0)).join(" ")} | median S/G ${(median(path.cpuMs) / median(gPath)).toFixed(2)}` : ""));
  console.log(memoryLine("path", path, multiRoom(n, p, K)));
  if (cv) {
    const gcv = g.cv?.[0];
    // On `jobs` idle cores the CV would take at least its busiest thread's CPU time, and its total over jobs.
    const critical = Math.max(cv.mainThreadMs ?? 0, cv.otherThreadMs?.[0] ?? 0, cv.cpuMs[0] / jobs);
    console.log(`cv (${jobs} jobs): shrinkage ${cv.wallMs[0].toFixed(0)} ms wall ${cv.cpuMs[0].toFixed(0)} ms cpu, ` +
      `threads: main ${cv.mainThreadMs?.toFixed(0) ?? "?"} ms, others ${cv.otherThreadMs?.map((v) => v.toFixed(0)).join(" ") ?? "?"} ms` +
      (gcv ? ` | glmnet ${gcv[0].toFixed(0)} ms wall ${gcv[1].toFixed(0)} ms cpu | S/G: cpu ${(cv.cpuMs[0] / gcv[1]).toFixed(2)}, ` +
        `wall ${(cv.wallMs[0] / gcv[0]).toFixed(2)}, on ${jobs} idle cores ≈ ${(critical / gcv[1]).toFixed(2)}` : "") +
      ` | λ_min ${cv.lambdaMin?.toPrecision(6)} (glmnet ${gcv?.[2]?.toPrecision(6) ?? "?"})`);
    console.log(memoryLine("cv", cv, (jobs) * multiRoom(n, p, K)));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
