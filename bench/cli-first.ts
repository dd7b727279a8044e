/**
 * The command line's first fit (issue 20): every `shrinkage fit` is the first fit of a fresh process.
 * Writes a seeded gaussian problem (AR(1) design, as the benchmark's) as a CSV, then, each in its own
 * fresh process, `runs` times (alternating, so both meet the same load):
 *   - the CLI as users run it (npm run build first): `node dist/cli/main.js fit FILE --target y
 *     --format json`, its reported fitMs (wall, the fit alone, reading excluded);
 *   - the first fitPath of a fresh Node process on the same X and y (dist), wall and process CPU time,
 *     and the same with the WebAssembly modules compiled before it (compileAhead, as the CLI does while
 *     it reads the data): the CLI's own fit, on CPU time;
 *   - glmnet's first glmnet() call in a fresh R process (glmnet attached), wall and CPU (user + system).
 *
 *   node --import tsx bench/cli-first.ts [--n 300] [--p 5000] [--runs 5] [--data diabetes] [--root DIR]
 *
 * Prints each run and the medians; CPU ratios are the ones to read on a loaded machine.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeData } from "./exchange.js";
import { diabetes, simulate, type BenchData } from "./problems.js";
import { findGlmnet, median } from "./systems.js";

/** The checkout whose build runs (--root DIR: another one's, e.g. a copy of main for a before/after). */
const root = (() => {
  const i = process.argv.indexOf("--root");
  return i >= 0 ? `${process.argv[i + 1].replace(/\/$/, "")}/` : fileURLToPath(new URL("../", import.meta.url));
})();

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function csvOf(data: BenchData): string {
  const { n, p, x, y, names } = data;
  const lines = [[...names, "y"].join(",")];
  for (let i = 0; i < n; i++) {
    const row: string[] = [];
    for (let j = 0; j < p; j++) row.push(String(x[j * n + i]));
    row.push(String(y[i]));
    lines.push(row.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** The first fitPath of a fresh Node process on the problem's binary X and y (the build). */
const FIRST_FIT = `
import { readFileSync } from "node:fs";
const [dir, n, p] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const f64 = (name) => { const b = readFileSync(dir + "/" + name); return new Float64Array(b.buffer, b.byteOffset, b.length / 8); };
const { fitPath } = await import(${JSON.stringify(`${root}dist/solve/path.js`)});
if (process.argv[5] === "ahead") await (await import(${JSON.stringify(`${root}dist/linalg/wasm.js`)})).compileAhead();
const x = { n, p, data: f64("x.f64").slice(), names: Array.from({ length: p }, (_, j) => "x" + (j + 1)) };
const y = f64("y.f64").slice();
const c0 = process.cpuUsage(), t0 = performance.now();
const path = fitPath(x, y, { family: "gaussian" });
const wall = performance.now() - t0, c = process.cpuUsage(c0);
console.log(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000, nlambda: path.lambda.length }));
`;

/** glmnet's first call in a fresh R process. */
const GLMNET_FIRST = `
suppressPackageStartupMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE); n <- as.integer(a[2]); p <- as.integer(a[3])
rd <- function(f, k) { con <- file(file.path(a[1], f), "rb"); on.exit(close(con)); readBin(con, "double", k, size = 8, endian = "little") }
x <- matrix(rd("x.f64", n * p), n, p); y <- rd("y.f64", n)
t <- system.time(fit <- glmnet(x, y))
cat(sprintf('{"wall": %.3f, "cpu": %.3f, "nlambda": %d}\\n', 1000 * t[["elapsed"]], 1000 * (t[["user.self"]] + t[["sys.self"]]), length(fit$lambda)))
`;

function main(): void {
  const runs = Number(option("runs", "5"));
  const data = option("data", "") === "diabetes" ? diabetes()
    : simulate({ key: "cli", family: "gaussian", n: Number(option("n", "300")), p: Number(option("p", "5000")), rho: 0.5, nonzeros: 20, snr: 3, seed: 20261207 });
  const dir = mkdtempSync(join(os.tmpdir(), "shrinkage-cli-first-"));
  try {
    writeData(dir, data);
    const csv = join(dir, "data.csv");
    writeFileSync(csv, csvOf(data));
    const script = join(dir, "first.mjs");
    writeFileSync(script, FIRST_FIT);
    const rScript = join(dir, "first.R");
    writeFileSync(rScript, GLMNET_FIRST);
    const glmnet = findGlmnet();
    const rows: { cli: number; wall: number; cpu: number; aheadCpu: number; gWall: number; gCpu: number }[] = [];
    console.log(`${data.description}: ${runs} fresh processes each; load average ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
    for (let r = 0; r < runs; r++) {
      const cliOut = execFileSync(process.execPath, [`${root}dist/cli/main.js`, "fit", csv, "--target", "y", "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 28 });
      const cli = (JSON.parse(cliOut) as { fitMs: number }).fitMs;
      const first = JSON.parse(execFileSync(process.execPath, [script, dir, String(data.n), String(data.p)], { encoding: "utf8" })) as { wall: number; cpu: number };
      const ahead = JSON.parse(execFileSync(process.execPath, [script, dir, String(data.n), String(data.p), "ahead"], { encoding: "utf8" })) as { wall: number; cpu: number };
      const g = glmnet.available
        ? JSON.parse(execFileSync(glmnet.command, [rScript, dir, String(data.n), String(data.p)], { encoding: "utf8" })) as { wall: number; cpu: number }
        : { wall: NaN, cpu: NaN };
      rows.push({ cli, wall: first.wall, cpu: first.cpu, aheadCpu: ahead.cpu, gWall: g.wall, gCpu: g.cpu });
      console.log(`run ${r + 1}: CLI fitMs ${cli.toFixed(1)} | first fitPath wall ${first.wall.toFixed(1)} cpu ${first.cpu.toFixed(1)}, compiled ahead cpu ${ahead.cpu.toFixed(1)} | glmnet wall ${g.wall.toFixed(1)} cpu ${g.cpu.toFixed(1)} ms`);
    }
    const m = (k: keyof (typeof rows)[number]) => median(rows.map((row) => row[k]));
    console.log(`medians: CLI fitMs ${m("cli").toFixed(1)} ms; first fitPath wall ${m("wall").toFixed(1)}, cpu ${m("cpu").toFixed(1)} ms, compiled ahead cpu ${m("aheadCpu").toFixed(1)} ms; glmnet wall ${m("gWall").toFixed(1)}, cpu ${m("gCpu").toFixed(1)} ms`);
    console.log(`ratios: CLI/glmnet wall ${(m("cli") / m("gWall")).toFixed(2)}, first fitPath/glmnet cpu ${(m("cpu") / m("gCpu")).toFixed(2)}, compiled ahead (the CLI's fit)/glmnet cpu ${(m("aheadCpu") / m("gCpu")).toFixed(2)}; load average now ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
