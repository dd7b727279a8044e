/**
 * MCP on the benchmark's tall and logistic problems: Shrinkage's ncvreg-convention path (fitPath with
 * penalty "mcp") beside R's ncvreg in the same run, when R has it (else reported missing).
 *
 *   node --import tsx bench/mcp.ts [--quick] [--runs N]
 *
 * ncvreg is looked for with library(ncvreg) in Rscript (R_LIBS decides where); both fit the default
 * 100-λ path at eps 1e-4 on the same raw files; only the fit is timed (wall and CPU), median of the runs reported, with
 * the largest difference in coefficients on ncvreg's standardized scale as a check that both found the same path.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fitPath } from "../src/solve/path.js";
import { coefficientsAt } from "../src/solve/predict.js";
import { loadData, type BenchData } from "./problems.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const runs = Number(args[args.indexOf("--runs") + 1]) || 3;

const R_SCRIPT = `
args <- commandArgs(TRUE); dir <- args[1]; n <- as.integer(args[2]); p <- as.integer(args[3]); family <- args[4]; runs <- as.integer(args[5])
if (!requireNamespace("ncvreg", quietly = TRUE)) { cat("missing: R has no ncvreg\\n"); quit(status = 3) }
X <- matrix(readBin(file.path(dir, "x.bin"), "double", n * p), n, p); y <- readBin(file.path(dir, "y.bin"), "double", n)
fit <- ncvreg::ncvreg(X, y, family = family, penalty = "MCP")
tm <- sapply(seq_len(runs), function(i) { t <- proc.time(); fit <<- ncvreg::ncvreg(X, y, family = family, penalty = "MCP"); d <- proc.time() - t; 1000 * c(d[["elapsed"]], d[["user.self"]] + d[["sys.self"]]) })
writeBin(as.double(fit$beta[-1, ]), file.path(dir, "beta.bin")); cat(median(tm[1, ]), ncol(fit$beta), median(tm[2, ]), "\\n")
`;

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall and CPU time (median of the runs, ms) and the coefficients at each λ. */
interface Timed {
  ms: number;
  cpu: number;
  beta: Float64Array[];
}

function ours(d: BenchData): Timed {
  const x = { n: d.n, p: d.p, data: d.x, names: d.names };
  let path = fitPath(x, d.y, { family: d.family, penalty: "mcp" });
  const ms: number[] = [], cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now(), c0 = process.cpuUsage();
    path = fitPath(x, d.y, { family: d.family, penalty: "mcp" });
    const c = process.cpuUsage(c0);
    ms.push(performance.now() - t);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(ms), cpu: median(cpu), beta: Array.from(path.lambda, (_, l) => coefficientsAt(path, l)) };
}

function theirs(d: BenchData): Timed | string {
  const dir = mkdtempSync(join(tmpdir(), "mcp-bench-"));
  try {
    writeFileSync(join(dir, "x.bin"), d.x);
    writeFileSync(join(dir, "y.bin"), d.y);
    writeFileSync(join(dir, "fit.R"), R_SCRIPT);
    const r = spawnSync(process.env.SHRINKAGE_BENCH_RSCRIPT ?? "Rscript", [join(dir, "fit.R"), dir, String(d.n), String(d.p), d.family, String(runs)], { encoding: "utf8" });
    if (r.error) return `missing: ${r.error.message}`;
    if (r.status !== 0) return r.stdout.trim() || `missing: Rscript failed (${r.stderr.trim().split("\n").pop()})`;
    const [ms, nl, cpu] = r.stdout.trim().split(/\s+/).map(Number);
    const all = new Float64Array(readFileSync(join(dir, "beta.bin")).buffer.slice(0));
    return { ms, cpu, beta: Array.from({ length: nl }, (_, l) => all.slice(l * d.p, (l + 1) * d.p)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Largest |Δβ̃| over λs and features, relative to the largest |β̃| at that λ (1/n sd scale). */
function agreement(d: BenchData, a: Float64Array[], b: Float64Array[]): number {
  const sd = Float64Array.from({ length: d.p }, (_, j) => {
    let m = 0, s = 0;
    for (let i = 0; i < d.n; i++) m += d.x[j * d.n + i] / d.n;
    for (let i = 0; i < d.n; i++) s += (d.x[j * d.n + i] - m) ** 2;
    return Math.sqrt(s / d.n);
  });
  let worst = 0;
  for (let l = 0; l < Math.min(a.length, b.length); l++) {
    let big = 0, diff = 0;
    for (let j = 0; j < d.p; j++) {
      big = Math.max(big, Math.abs(b[l][j] * sd[j]));
      diff = Math.max(diff, Math.abs((a[l][j] - b[l][j]) * sd[j]));
    }
    if (big > 0) worst = Math.max(worst, diff / big);
  }
  return worst;
}

for (const key of ["tall", "logistic"]) {
  const d = loadData(key, quick);
  const s = ours(d);
  const r = theirs(d);
  const line = typeof r === "string"
    ? `${key} ${d.n}×${d.p}: Shrinkage ${s.ms.toFixed(0)} ms; ncvreg ${r}`
    : `${key} ${d.n}×${d.p}: Shrinkage ${s.ms.toFixed(0)} ms, ncvreg ${r.ms.toFixed(0)} ms, ratio ${(s.ms / r.ms).toFixed(2)}×; CPU ${s.cpu.toFixed(0)} vs ${r.cpu.toFixed(0)} ms, ${(s.cpu / r.cpu).toFixed(2)}×; λs ${s.beta.length}/${r.beta.length}; largest Δβ̃ ${agreement(d, s.beta, r.beta).toExponential(1)} of the largest`;
  console.log(line);
}
