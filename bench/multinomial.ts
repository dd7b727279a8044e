/**
 * Multinomial benchmark (issue 16): n = 5,000, p = 200, K = 5 classes, glmnet's default lasso path and
 * 10-fold cross-validation with the same seeded fold ids, Shrinkage and glmnet (Rscript) in the same run.
 *   node --import tsx bench/multinomial.ts [--quick] [--grouped] [--no-cv]
 * Reports wall and CPU time (user + system of the process) per system and their ratios; the machine's
 * other load moves wall time, CPU time less. Shrinkage's folds run one after another (no worker threads
 * yet for these families).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cvMultiPath } from "../src/cv/multi-cv.js";
import { modelMatrix } from "../src/data/matrix.js";
import { fitMultinomialPath } from "../src/solve/multi/fit.js";
import { benchRng } from "./rng.js";

const quick = process.argv.includes("--quick");
const grouped = process.argv.includes("--grouped");
const withCv = !process.argv.includes("--no-cv");
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

function timed<T>(f: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
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
  const path = timed(() => fitMultinomialPath(m, labels, { grouped }));
  const cv = withCv ? timed(() => cvMultiPath(m, { family: "multinomial", labels }, { grouped, foldid })) : null;
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
  if (cv) console.log(row("cv", cv, glmnet.cv) + ` | λ_min ${cv.value.lambdaMin.toPrecision(6)} (glmnet ${glmnet.cv?.[2]?.toPrecision(6) ?? "?"})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
