/**
 * One timed run of bench/sources.ts, in a process of its own (its peak RSS is the run's):
 *   source LOCATION   scan the source (10 folds by a hash of id) and cross-validate from the statistics
 *   memory PARQUET    read the rows into memory (through DuckDB, not timed), then cvPath on them
 * Prints one JSON line: scanMs, fitMs, totalMs, maxRssMb, rows, lambdas, cvmMin.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { cvPath } from "../src/cv/cv.js";
import { cvFromStats } from "../src/source/fit.js";
import { foldOfKey } from "../src/source/fold-key.node.js";
import { openSource } from "../src/source/open.node.js";
import { scanSource } from "../src/source/scan.js";

const [mode, location] = process.argv.slice(2);
const FOLDS = 10;
const rss = () => process.resourceUsage().maxRSS / 1024;

if (mode === "source") {
  const start = performance.now();
  const engine = await openSource(location);
  const stats = await scanSource(engine, { target: "y" }, { folds: { kind: "key", column: "id", folds: FOLDS }, onProgress: (m) => console.error(m) });
  await engine.close();
  const fitStart = performance.now();
  const cv = cvFromStats(stats);
  const end = performance.now();
  console.log(JSON.stringify({ scanMs: stats.scanMs, fitMs: end - fitStart, totalMs: end - start, maxRssMb: rss(), rows: stats.rows, lambdas: cv.lambda.length, cvmMin: cv.cvm[cv.indexMin] }));
} else {
  // The rows into typed arrays a column at a time (one query per column, untimed), then cvPath on them.
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  const relation = `read_parquet('${location}')`;
  const names = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjects().map((r) => String(r.column_name));
  const column = async (name: string) => (await c.runAndReadAll(`SELECT "${name}" FROM ${relation} ORDER BY id`)).getColumns()[0];
  const features = names.filter((name) => name !== "id" && name !== "y");
  const y = Float64Array.from((await column("y")) as number[]);
  const n = y.length;
  const data = new Float64Array(n * features.length);
  for (const [j, name] of features.entries()) data.set((await column(name)) as number[], j * n);
  const foldid = Int32Array.from((await column("id")) as bigint[], (id) => foldOfKey(String(id), FOLDS));
  c.closeSync();
  instance.closeSync();
  const start = performance.now();
  const cv = cvPath({ n, p: features.length, data, names: features }, y, { foldid });
  const end = performance.now();
  console.log(JSON.stringify({ scanMs: 0, fitMs: end - start, totalMs: end - start, maxRssMb: rss(), rows: n, lambdas: cv.lambda.length, cvmMin: cv.cvm[cv.indexMin] }));
}
