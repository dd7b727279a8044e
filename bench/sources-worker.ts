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
  const stats = await scanSource(engine, { target: "y" }, { folds: { kind: "key", column: "id", folds: FOLDS } });
  await engine.close();
  const fitStart = performance.now();
  const cv = cvFromStats(stats);
  const end = performance.now();
  console.log(JSON.stringify({ scanMs: stats.scanMs, fitMs: end - fitStart, totalMs: end - start, maxRssMb: rss(), rows: stats.rows, lambdas: cv.lambda.length, cvmMin: cv.cvm[cv.indexMin] }));
} else {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  const reader = await c.runAndReadAll(`SELECT * FROM read_parquet('${location}') ORDER BY id`);
  const names = reader.columnNames();
  const columns = names.map((_, j) => reader.getColumns()[j]);
  const n = reader.currentRowCount;
  const features = names.filter((name) => name !== "id" && name !== "y");
  const data = new Float64Array(n * features.length);
  features.forEach((name, j) => data.set(columns[names.indexOf(name)] as number[], j * n));
  const y = Float64Array.from(columns[names.indexOf("y")] as number[]);
  const foldid = Int32Array.from(columns[names.indexOf("id")] as bigint[], (id) => foldOfKey(String(id), FOLDS));
  c.closeSync();
  instance.closeSync();
  const start = performance.now();
  const cv = cvPath({ n, p: features.length, data, names: features }, y, { foldid });
  const end = performance.now();
  console.log(JSON.stringify({ scanMs: 0, fitMs: end - start, totalMs: end - start, maxRssMb: rss(), rows: n, lambdas: cv.lambda.length, cvmMin: cv.cvm[cv.indexMin] }));
}
