/**
 * Sources at scale (issue 19): a gaussian path and its 10-fold cross-validation from sufficient
 * statistics that an engine scans, against the same fit in memory.
 *
 *   node --import tsx bench/sources.ts [--rows N] [--cols P] [--memory-rows M] [--no-clickhouse] [--no-duckdb] [--no-memory] [--dir D]
 *
 * 1. DuckDB writes a Parquet file of N rows × P features (uniform features, y linear in 10 of them plus
 *    noise, an integer id); `cv` reads it through DuckDB (--fold-key id), in a child process whose peak
 *    RSS (DuckDB included) is reported, with the share of the time that is the engine's scan.
 * 2. The same shape generated in a two-shard ClickHouse cluster (a Distributed table), same fit.
 * 3. At M rows (what fits in memory), in memory (cvPath on the rows) against DuckDB on the same rows.
 * --no-duckdb skips 1, --no-clickhouse 2, --no-memory 3. The scan's progress goes to stderr.
 * The machine is shared: read ratios, not absolute times.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { startClickHouseCluster } from "../test/helpers/servers.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rows = option("rows", 2_000_000);
const cols = option("cols", 50);
const memoryRows = option("memory-rows", 500_000);
const dirArg = args.indexOf("--dir") >= 0 ? args[args.indexOf("--dir") + 1] : null;
const dir = dirArg ?? mkdtempSync(join(tmpdir(), "shrinkage-bench-sources-"));
const worker = fileURLToPath(new URL("./sources-worker.ts", import.meta.url));

/** The SELECT of the bench data: id, x1..xP uniform on (−0.5, 0.5), y = Σ_{j≤10} j·x_j/10 + noise. */
function dataSelect(from: string, random: (k: number) => string): string {
  const xs = Array.from({ length: cols }, (_, j) => `(${random(j)} - 0.5) AS x${j + 1}`);
  const signal = Array.from({ length: Math.min(10, cols) }, (_, j) => `${(j + 1) / 10} * x${j + 1}`).join(" + ");
  return `SELECT *, ${signal} + (${random(cols)} - 0.5) AS y FROM (SELECT id, ${xs.join(", ")} FROM ${from})`;
}

async function writeParquet(path: string, n: number): Promise<number> {
  const start = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  await c.run("SELECT setseed(0.19)");
  await c.run(`COPY (${dataSelect(`(SELECT range AS id FROM range(${n}))`, () => "random()")}) TO '${path}' (FORMAT PARQUET)`);
  c.closeSync();
  instance.closeSync();
  return performance.now() - start;
}

/** A query on a fresh connection (ClickHouse 18 closes idle keep-alive sockets that fetch would reuse). */
function postOnce(port: number, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = request({ host: "127.0.0.1", port, method: "POST", path: "/", agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(body) : reject(new Error(body))));
    });
    r.on("error", reject);
    r.end(sql);
  });
}

interface WorkerResult { scanMs: number; fitMs: number; totalMs: number; maxRssMb: number; rows: number; lambdas: number; cvmMin: number }

function runWorker(mode: "source" | "memory", location: string): WorkerResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", worker, mode, location], { encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error(`worker ${mode} ${location} failed (exit ${r.status}); its stderr is above`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

function line(label: string, r: WorkerResult): string {
  const share = mode(r);
  return `${label.padEnd(44)} ${(r.totalMs / 1000).toFixed(1).padStart(7)} s  scan ${share}  peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB  ${r.rows} rows, ${r.lambdas} λs, min cvm ${r.cvmMin.toPrecision(6)}`;
}
const mode = (r: WorkerResult) => (r.scanMs > 0 ? `${((100 * r.scanMs) / r.totalMs).toFixed(0).padStart(3)}%` : "  – ");

async function main(): Promise<void> {
  console.log(`Sources bench: ${rows.toLocaleString("en")} × ${cols} (Parquet, ClickHouse), ${memoryRows.toLocaleString("en")} × ${cols} in memory; 10-fold CV by --fold-key id`);
  if (!args.includes("--no-duckdb")) {
    const big = join(dir, "big.parquet");
    const writeMs = await writeParquet(big, rows);
    console.log(`DuckDB wrote ${big}: ${(statSync(big).size / 1e9).toFixed(2)} GB in ${(writeMs / 1000).toFixed(1)} s`);
    console.log(line(`DuckDB, Parquet, ${rows.toLocaleString("en")} rows`, runWorker("source", big)));
    rmSync(big, { force: true });
  }

  if (!args.includes("--no-clickhouse")) {
    const ch = await startClickHouseCluster();
    try {
      const schema = ["id UInt64", ...Array.from({ length: cols }, (_, j) => `x${j + 1} Float64`), "y Float64"].join(", ");
      const q = async (port: number, sql: string) => {
        const r = await fetch(`http://127.0.0.1:${port}/?query=${encodeURIComponent(sql)}`, { method: "POST" });
        if (!r.ok) throw new Error(await r.text());
      };
      const start = performance.now();
      // Each shard holds half the ids (even, odd), inserted in chunks of at most 1M rows, both shards at once.
      const half = Math.floor(rows / 2);
      const chunk = 1_000_000;
      await Promise.all(ch.ports.map(async (port, s) => {
        await q(port, `CREATE TABLE t_local (${schema}) ENGINE = MergeTree ORDER BY id`);
        for (let done = 0; done < half; done += chunk) {
          const ids = `(SELECT number * 2 + ${s} AS id FROM system.numbers LIMIT ${Math.min(chunk, half - done)} OFFSET ${done})`;
          await q(port, `INSERT INTO t_local ${dataSelect(ids, (k) => `(rand64(${k}) / 18446744073709551616)`)}`);
          console.error(`shard ${s + 1}: ${(done + Math.min(chunk, half - done)).toLocaleString("en")} rows (${((performance.now() - start) / 1000).toFixed(1)} s)`);
        }
      }));
      await q(ch.ports[0], "CREATE TABLE t AS t_local ENGINE = Distributed(shards, default, t_local)");
      console.log(`ClickHouse generated ${rows.toLocaleString("en")} rows on two shards in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      // The servers' own CPU time (user + system, all their queries' threads): steady when the machine is shared.
      const cpu = async () => {
        let us = 0;
        for (const port of ch.ports) {
          const sql = "SELECT sum(value) FROM system.events WHERE event IN ('UserTimeMicroseconds', 'SystemTimeMicroseconds')";
          us += Number(await postOnce(port, sql));
        }
        return us / 1e6;
      };
      const before = await cpu();
      console.log(line("ClickHouse, Distributed over two shards", runWorker("source", `clickhouse://127.0.0.1:${ch.ports[0]}/default/t`)));
      console.log(`ClickHouse servers' CPU time in the scan (both, user + system): ${((await cpu()) - before).toFixed(1)} s`);
    } finally {
      await ch.stop();
    }
  }

  if (!args.includes("--no-memory")) {
    const small = join(dir, "small.parquet");
    await writeParquet(small, memoryRows);
    console.log(line(`DuckDB, Parquet, ${memoryRows.toLocaleString("en")} rows`, runWorker("source", small)));
    console.log(line(`in memory (cvPath), ${memoryRows.toLocaleString("en")} rows`, runWorker("memory", small)));
  }
  if (dirArg === null) rmSync(dir, { recursive: true, force: true });
}

await main();
