/**
 * Multinomial benchmark (issue 16): n = 5,000, p = 200, K = 5 classes, glmnet's default lasso path and
 * 10-fold cross-validation with the same seeded fold ids, Shrinkage and glmnet (Rscript) in the same run.
 *   node --import tsx bench/multinomial.ts [--quick] [--grouped] [--no-cv] [--jobs N]
 * Reports wall and CPU time (user + system of the process, its worker threads included) per system and
 * their ratios; the machine's other load moves wall time, CPU time less. Shrinkage's folds run on
 * `--jobs` threads (cvMultiPathParallel; one per core by default), glmnet's one after another. The
 * cross-validation runs in a child process holding only the data (X and the labels), so that its peak
 * memory is its own: the child's RSS high-water mark (VmHWM, restarted just before the CV by writing 5
 * to /proc/self/clear_refs) over its RSS then, against X's size and the solvers' rooms.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { cvMultiPathParallel } from "../src/cv/multi-parallel.node.js";
import { modelMatrix } from "../src/data/matrix.js";
import { fitMultinomialPath } from "../src/solve/multi/fit.js";
import { multiRoom } from "../src/solve/multi/solver.js";
import { statusKb } from "./exchange.js";
import { benchRng } from "./rng.js";

const quick = process.argv.includes("--quick");
const grouped = process.argv.includes("--grouped");
const withCv = !process.argv.includes("--no-cv");
const jobsAt = process.argv.indexOf("--jobs");
const jobs = jobsAt > 0 ? Number(process.argv[jobsAt + 1]) : availableParallelism();
const [n, p, K, nfolds] = quick ? [1000, 50, 5, 10] : [5000, 200, 5, 10];

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

async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

/** What the child reports of its cross-validation. */
interface ChildCv {
  wallMs: number;
  cpuMs: number;
  lambdaMin: number;
  baseKb: number | null;
  peakKb: number | null;
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

/** The child: the CV alone, on data it generates (the same), its time and peak memory as one JSON line. */
async function childCv(): Promise<void> {
  const { x, labels, foldid } = problem();
  const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const m = modelMatrix(names, names.map((_, j) => x.subarray(j * n, (j + 1) * n)));
  fitMultinomialPath(m, labels, { grouped, nlambda: 5 });
  (globalThis as { gc?: () => void }).gc?.();
  const peakReset = resetPeak();
  const baseKb = statusKb("self", "VmRSS");
  const cv = await timed(() => cvMultiPathParallel(m, { family: "multinomial", labels }, { grouped, foldid }, { jobs }));
  const peakKb = statusKb("self", "VmHWM");
  console.log(JSON.stringify({ wallMs: cv.wallMs, cpuMs: cv.cpuMs, lambdaMin: cv.value.lambdaMin, baseKb: peakReset ? baseKb : null, peakKb }));
}

if (process.argv.includes("--child-cv")) {
  await childCv();
  process.exit(0);
}

const { x, labels, foldid } = problem();
const dir = mkdtempSync(join(tmpdir(), "shrinkage-bench-multi-"));
try {
  const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const lines = [[...names, "cls", "fold"].join(",")];
  for (let i = 0; i < n; i++) lines.push([...names.map((_, j) => x[j * n + i]), labels[i], foldid[i]].join(","));
  writeFileSync(join(dir, "data.csv"), lines.join("\n") + "\n");
  const type = grouped ? "grouped" : "ungrouped";
  writeFileSync(join(dir, "run.R"), `suppressMessages(library(glmnet))
d <- read.csv("${join(dir, "data.csv")}"); x <- as.matrix(d[, 1:${p}]); y <- d$cls
cpu <- function(t) sum(t[c(1, 2)], na.rm = TRUE)
g <- glmnet(x, y, family = "multinomial", type.multinomial = "${type}")
t <- system.time(g <- glmnet(x, y, family = "multinomial", type.multinomial = "${type}"))
cat("path", t[["elapsed"]] * 1000, cpu(t) * 1000, length(g$lambda), "\\n")
${withCv ? `t <- system.time(cv <- cv.glmnet(x, y, family = "multinomial", type.multinomial = "${type}", foldid = d$fold))
cat("cv", t[["elapsed"]] * 1000, cpu(t) * 1000, cv$lambda.min, "\\n")` : ""}
`);
  const m = modelMatrix(names, names.map((_, j) => x.subarray(j * n, (j + 1) * n)));
  fitMultinomialPath(m, labels, { grouped, nlambda: 5 });
  const path = await timed(() => fitMultinomialPath(m, labels, { grouped }));
  const args = [...process.execArgv, fileURLToPath(import.meta.url), "--child-cv", "--jobs", String(jobs), ...(quick ? ["--quick"] : []), ...(grouped ? ["--grouped"] : [])];
  const child = withCv ? JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }).trim().split("\n").pop()!) as ChildCv : null;
  const cv = child ? { wallMs: child.wallMs, cpuMs: child.cpuMs, value: { lambdaMin: child.lambdaMin } } : null;
  let r: string[] = [];
  try {
    r = execFileSync(process.env.SHRINKAGE_BENCH_RSCRIPT ?? "Rscript", [join(dir, "run.R")], { encoding: "utf8" }).trim().split("\n");
  } catch (e) {
    console.log(`glmnet: missing (${(e as Error).message.split("\n")[0]})`);
  }
  const glmnet = Object.fromEntries(r.map((l) => l.trim().split(/\s+/)).map(([k, ...v]) => [k, v.map(Number)]));
  const row = (what: string, s: { wallMs: number; cpuMs: number }, g?: number[]) =>
    `${what.padEnd(6)} shrinkage ${s.wallMs.toFixed(0).padStart(7)} ms wall ${s.cpuMs.toFixed(0).padStart(7)} ms cpu` +
    (g ? ` | glmnet ${g[0].toFixed(0).padStart(6)} ms wall ${g[1].toFixed(0).padStart(6)} ms cpu | cpu S/G ${(s.cpuMs / g[1]).toFixed(2)}` : "");
  console.log(`multinomial (${type}), n = ${n}, p = ${p}, K = ${K}${quick ? " (--quick)" : ""}: ${path.value.lambda.length} λs (glmnet ${glmnet.path?.[2] ?? "?"})`);
  console.log(row("path", path, glmnet.path));
  if (cv) {
    console.log(row("cv", cv, glmnet.cv) + ` | wall S/G ${glmnet.cv ? (cv.wallMs / glmnet.cv[0]).toFixed(2) : "?"} | ${jobs} jobs | λ_min ${cv.value.lambdaMin.toPrecision(6)} (glmnet ${glmnet.cv?.[2]?.toPrecision(6) ?? "?"})`);
    const mb = (b: number) => (b / 2 ** 20).toFixed(1);
    const xBytes = 8 * n * p, rooms = 8 * jobs * multiRoom(n, p, K);
    if (child && child.baseKb !== null && child.peakKb !== null) {
      const { baseKb, peakKb } = child;
      const rise = (peakKb - baseKb) * 1024;
      console.log(`memory: the CV's process at ${mb(baseKb * 1024)} MB RSS before it (X is ${mb(xBytes)} MB), peak ${mb(peakKb * 1024)} MB: +${mb(rise)} MB = ${(rise / xBytes).toFixed(2)} X ` +
        `(the copy 1 X + ${jobs} solver rooms ${mb(rooms)} MB = ${((xBytes + rooms) / xBytes).toFixed(2)} X, and each worker thread's own heap)`);
    } else console.log("memory: no /proc/self/clear_refs here: peak not measured");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
