/**
 * The same rows in memory, in DuckDB (a table and a Parquet file), in PostgreSQL (a table and a query)
 * and in ClickHouse (a Distributed table over two shards on two servers) give the same gaussian path
 * and cross-validation: the penalized objective within 1e-9 at every λ, with weights, a text column and
 * NULLs dropped (--na drop). The servers are started here on free loopback ports, installed when missing.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { cvPath } from "../../src/cv/cv.js";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign, type Design } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { Path } from "../../src/solve/types.js";
import { cvFromStats, fitFromStats } from "../../src/source/fit.js";
import { foldOfKey } from "../../src/source/fold-key.node.js";
import { fitGlmFromSource } from "../../src/source/irls.js";
import { cvGlmFromSource } from "../../src/source/glm-cv.js";
import { explain } from "../../src/explain/explain.js";
import { explainFromStats, explainGlmFromSource } from "../../src/explain/source.js";
import { dropCosts, type DropCosts } from "../../src/explain/drop.js";
import { dropCostsFromStats, dropCostsGlmFromSource } from "../../src/explain/source-drop.js";
import { describe as describeInWords } from "../../src/explain/words.js";
import type { Explanation } from "../../src/explain/explain.js";
import { openSource } from "../../src/source/open.node.js";
import { scanSource, type FoldSpec, type SourceStats } from "../../src/source/scan.js";
import type { SourceRoles } from "../../src/source/design.js";
import { objective } from "../helpers/objective.js";
import { startClickHouseCluster, startPostgres, type Server } from "../helpers/servers.js";
import { sourceData, type Cell } from "./data.js";
import { rng } from "../helpers/random.js";
import { DIALECTS } from "../../src/source/dialect.js";
import { aggregateQueries, column, projected } from "../../src/source/sql.js";
import { run } from "../cli/helpers.js";
import { assertSameSvg } from "./svg.js";

const data = sourceData();
const dir = mkdtempSync(join(tmpdir(), "shrinkage-sources-"));
const csvFile = join(dir, "data.csv");
const duckFile = join(dir, "data.duckdb");
const parquetFile = join(dir, "data.parquet");
writeFileSync(csvFile, data.csv);
const FIT = { alpha: 0.7, nlambda: 40 } as const;

let pg: Server;
let ch: { ports: number[]; stop(): Promise<void> };

async function loadDuckDb(): Promise<void> {
  const instance = await DuckDBInstance.create(duckFile);
  const c = await instance.connect();
  await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csvFile}', header = true, columns = {'id': 'BIGINT', 'x1': 'DOUBLE', 'big': 'DOUBLE', 'count': 'INTEGER', 'g': 'VARCHAR', 'w': 'DOUBLE', 'fold': 'INTEGER', 'y': 'DOUBLE'})`);
  await c.run(`COPY t TO '${parquetFile}' (FORMAT PARQUET)`);
  for (const family of ["binomial", "poisson"] as const) {
    await c.run(`CREATE TABLE glm_${family} AS ${decodeURIComponent(glmQuery(family))}`);
    await c.run(`COPY glm_${family} TO '${glmParquet(family)}' (FORMAT PARQUET)`);
  }
  c.closeSync();
  instance.closeSync();
}

const SQL_TYPES = { int: "BIGINT", double: "DOUBLE PRECISION", text: "TEXT" };
async function loadPostgres(port: number): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
  await client.connect();
  await client.query(`CREATE TABLE t (${data.columns.map((c) => `"${c.name}" ${SQL_TYPES[c.type]}`).join(", ")})`);
  const q = data.columns.length;
  for (let start = 0; start < data.rows.length; start += 200) {
    const chunk = data.rows.slice(start, start + 200);
    const values = chunk.map((_, i) => `(${data.columns.map((_, j) => `$${i * q + j + 1}`).join(", ")})`).join(", ");
    await client.query(`INSERT INTO t VALUES ${values}`, chunk.flat());
  }
  await client.end();
}

const CH_TYPES = { int: "Int64", double: "Nullable(Float64)", text: "Nullable(String)" };
async function clickhouse(port: number, sql: string, body?: string): Promise<void> {
  const url = `http://127.0.0.1:${port}/?query=${encodeURIComponent(sql)}`;
  const r = await fetch(url, { method: "POST", body: body ?? "" });
  if (!r.ok) throw new Error(`ClickHouse: ${await r.text()}`);
}
/** Two shards: alternate rows on each server's local table, a Distributed table over both on the first. */
async function loadClickHouse(ports: number[]): Promise<void> {
  const schema = data.columns.map((c) => `${c.name} ${c.name === "id" ? "Int64" : CH_TYPES[c.type]}`).join(", ");
  const tsv = (c: Cell) => (c === null ? "\\N" : String(c).replace(/\\/g, "\\\\").replace(/\t/g, "\\t"));
  for (const [s, port] of ports.entries()) {
    await clickhouse(port, `CREATE TABLE t_local (${schema}) ENGINE = MergeTree ORDER BY id`);
    const rows = data.rows.filter((_, i) => i % 2 === s).map((row) => row.map(tsv).join("\t")).join("\n");
    await clickhouse(port, "INSERT INTO t_local FORMAT TabSeparated", rows + "\n");
  }
  await clickhouse(ports[0], "CREATE TABLE t AS t_local ENGINE = Distributed(shards, default, t_local)");
}

before(async () => {
  [pg, ch] = await Promise.all([startPostgres(), startClickHouseCluster(), loadDuckDb()]);
  await Promise.all([loadPostgres(pg.port), loadClickHouse(ch.ports)]);
  await loadOddValues();
  await loadStrayValues();
  await loadWide();
  await loadGlmClickHouse(ch.ports);
});
after(async () => {
  await Promise.all([pg?.stop(), ch?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Every engine and form of source, as FILE names it. */
const SOURCES: { name: string; location: () => string }[] = [
  { name: "DuckDB table", location: () => `duckdb:${duckFile}?table=t` },
  { name: "Parquet through DuckDB", location: () => parquetFile },
  { name: "PostgreSQL table", location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres/t` },
  { name: "PostgreSQL query", location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres?query=${encodeURIComponent("SELECT * FROM t WHERE id >= 0")}` },
  { name: "ClickHouse, Distributed over two shards", location: () => `clickhouse://127.0.0.1:${ch.ports[0]}/default/t` },
];
test("the cases cover every engine", () => assert.deepEqual(SOURCES.map((s) => s.name.split(/[ ,]/)[0]), ["DuckDB", "Parquet", "PostgreSQL", "PostgreSQL", "ClickHouse"]));

/** The in-memory design of the same rows (NULLs dropped), without the columns the source does not use. */
function memoryDesign(ignore: string[], foldid?: string): Design {
  return buildDesign(parseCsv(data.csv), { target: "y", weights: "w", na: "drop", ignore, foldid });
}

async function scan(location: string, roles: SourceRoles, folds: FoldSpec): Promise<SourceStats> {
  const engine = await openSource(location);
  try {
    return await scanSource(engine, roles, { folds });
  } finally {
    await engine.close();
  }
}

/** The penalized objective of both paths at every λ agrees within 1e-9 (relative), and the λs agree. */
function assertSamePath(got: Path, want: Path, design: Design): void {
  assert.deepEqual(got.features, want.features);
  assert.equal(got.lambda.length, want.lambda.length);
  assert.ok(want.lambda.length >= 10, "the path has λs to compare");
  for (let l = 0; l < want.lambda.length; l++) {
    assert.ok(Math.abs(got.lambda[l] - want.lambda[l]) <= 1e-12 * want.lambda[l], `λ_${l}`);
    const opts = { ...FIT, lambda: want.lambda[l], standardize: true, intercept: true, weights: design.weights };
    const a = objective(design.x, design.y, "gaussian", opts, got.intercept[l], coefficientsAt(got, l));
    const b = objective(design.x, design.y, "gaussian", opts, want.intercept[l], coefficientsAt(want, l));
    assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `objective at λ_${l}: ${a} vs ${b}`);
  }
}

describe("a source gives the in-memory answer", () => {
  const plain = memoryDesign(["id", "fold"]);
  const memoryPath = fitPath(plain.x, plain.y, { ...FIT, weights: plain.weights });
  // The folds in memory: the same hash of the same keys (the ids of the rows kept).
  const byKey = memoryDesign(["id", "fold"]);
  const keyFolds = Int32Array.from(byKey.rowNumbers, (row) => foldOfKey(data.rows[row - 2][0] as number, 5));
  const memoryCvKey = cvPath(byKey.x, byKey.y, { ...FIT, weights: byKey.weights, foldid: keyFolds });
  const byColumn = memoryDesign(["id"], "fold");
  const memoryCvColumn = cvPath(byColumn.x, byColumn.y, { ...FIT, weights: byColumn.weights, foldid: byColumn.foldid });

  test("the in-memory design has what the sources must reproduce", () => {
    assert.deepEqual(plain.x.names, ["x1", "big", "count", "g=b", "g=o'k", "g=zeta"]);
    assert.ok(plain.droppedRows > 0);
    assert.equal(new Set(keyFolds).size, 5);
  });

  for (const source of SOURCES) {
    test(`${source.name}: the path`, async () => {
      const stats = await scan(source.location(), { target: "y", weights: "w", na: "drop", ignore: ["id", "fold"] }, { kind: "none" });
      assert.equal(stats.rows, plain.x.n);
      assert.equal(stats.droppedRows, plain.droppedRows);
      assertSamePath(fitFromStats(stats, FIT), memoryPath, plain);
    });

    test(`${source.name}: cross-validation, folds from a hash of a key`, async () => {
      const stats = await scan(source.location(), { target: "y", weights: "w", na: "drop", ignore: ["fold"] }, { kind: "key", column: "id", folds: 5 });
      const cv = cvFromStats(stats, FIT);
      assertSamePath(cv.path, memoryCvKey.path, byKey);
      assert.deepEqual(cv.foldRows, [1, 2, 3, 4, 5].map((k) => keyFolds.filter((f) => f === k).length));
      for (let l = 0; l < cv.cvm.length; l++) {
        assert.ok(Math.abs(cv.cvm[l] - memoryCvKey.cvm[l]) <= 1e-9 * memoryCvKey.cvm[l], `cvm at λ_${l}: ${cv.cvm[l]} vs ${memoryCvKey.cvm[l]}`);
        assert.ok(Math.abs(cv.cvsd[l] - memoryCvKey.cvsd[l]) <= 1e-6 * memoryCvKey.cvsd[l], `cvsd at λ_${l}`);
      }
      assert.equal(cv.indexMin, memoryCvKey.indexMin);
      assert.equal(cv.index1se, memoryCvKey.index1se);
    });

    test(`${source.name}: cross-validation, folds from a column`, async () => {
      const stats = await scan(source.location(), { target: "y", weights: "w", na: "drop", ignore: ["id"] }, { kind: "column", column: "fold" });
      const cv = cvFromStats(stats, FIT);
      for (let l = 0; l < cv.cvm.length; l++) {
        assert.ok(Math.abs(cv.cvm[l] - memoryCvColumn.cvm[l]) <= 1e-9 * memoryCvColumn.cvm[l], `cvm at λ_${l}`);
      }
      assert.equal(cv.indexMin, memoryCvColumn.indexMin);
    });
  }
});

/**
 * Binomial and Poisson targets made from the same rows by SQL every engine runs alike (NULL stays NULL):
 * yb = [y > 1], yc = ⌊exp(0.4·x1 + 0.2·count)⌋; and the same in memory.
 */
const GLM_TARGETS = { binomial: 'CASE WHEN y > 1 THEN 1 WHEN y <= 1 THEN 0 END', poisson: 'FLOOR(EXP(0.4 * x1 + 0.2 * "count"))' } as const;
const glmParquet = (family: keyof typeof GLM_TARGETS) => join(dir, `glm-${family}.parquet`);
const glmQuery = (family: keyof typeof GLM_TARGETS) => encodeURIComponent(`SELECT id, x1, big, "count", g, w, ${GLM_TARGETS[family]} AS yt FROM t`);
const GLM_SOURCES: { name: string; location: (family: keyof typeof GLM_TARGETS) => string }[] = [
  { name: "DuckDB", location: (f) => `duckdb:${duckFile}?query=${glmQuery(f)}` },
  { name: "PostgreSQL", location: (f) => `postgres://postgres@127.0.0.1:${pg.port}/postgres?query=${glmQuery(f)}` },
  { name: "ClickHouse", location: (f) => `clickhouse://127.0.0.1:${ch.ports[0]}/default?query=${glmQuery(f)}` },
];

/** The GLM targets as tables too: DuckDB's table and Parquet (loadDuckDb), and ClickHouse's Distributed table over both shards. */
async function loadGlmClickHouse(ports: number[]): Promise<void> {
  for (const family of ["binomial", "poisson"] as const) {
    for (const port of ports) {
      await clickhouse(port, `CREATE TABLE glm_${family}_local ENGINE = MergeTree ORDER BY id AS SELECT id, x1, big, "count", g, w, ${GLM_TARGETS[family]} AS yt FROM t_local`);
    }
    await clickhouse(ports[0], `CREATE TABLE glm_${family} AS glm_${family}_local ENGINE = Distributed(shards, default, glm_${family}_local)`);
  }
}
const GLM_TABLES: typeof GLM_SOURCES = [
  { name: "DuckDB table", location: (f) => `duckdb:${duckFile}?table=glm_${f}` },
  { name: "Parquet through DuckDB", location: glmParquet },
  { name: "ClickHouse, Distributed table over two shards", location: (f) => `clickhouse://127.0.0.1:${ch.ports[0]}/default/glm_${f}` },
];

function glmDesign(family: keyof typeof GLM_TARGETS): Design {
  const lines = data.rows.map((row) => {
    const [id, x1, big, count, g, w, , y] = row as [number, number | null, number, number, string | null, number, number, number | null];
    const yt = family === "binomial" ? (y === null ? null : y > 1 ? 1 : 0) : x1 === null ? null : Math.floor(Math.exp(0.4 * x1 + 0.2 * count));
    const cell = (c: number | string | null) => (c === null ? "" : String(c));
    return [id, x1, big, count, g, w, yt].map(cell).join(",");
  });
  const csv = ["id,x1,big,count,g,w,yt", ...lines].join("\n");
  return buildDesign(parseCsv(csv), { target: "yt", weights: "w", na: "drop", ignore: ["id"], family });
}

describe("binomial and Poisson from a source by IRLS, one scan per Newton step", () => {
  const GLM_FIT = { alpha: 0.7, nlambda: 12 } as const;
  for (const family of ["binomial", "poisson"] as const) {
    const design = glmDesign(family);
    const memory = fitPath(design.x, design.y, { ...GLM_FIT, family, weights: design.weights, thresh: 1e-14 });
    for (const source of [...GLM_SOURCES, ...GLM_TABLES]) {
      test(`${family}, ${source.name}: the path's objective within 1e-7 of the in-memory fit at every λ`, async () => {
        const engine = await openSource(source.location(family));
        let path: Path;
        try {
          const stats = await scanSource(engine, { target: "yt", weights: "w", na: "drop", ignore: ["id"] });
          assert.equal(stats.rows, design.x.n);
          path = await fitGlmFromSource(engine, stats, { ...GLM_FIT, family });
        } finally {
          await engine.close();
        }
        assert.deepEqual(path.features, memory.features);
        assert.equal(path.lambda.length, memory.lambda.length);
        assert.ok(memory.lambda.length >= 8, "the path has λs to compare");
        for (let l = 0; l < memory.lambda.length; l++) {
          assert.ok(Math.abs(path.lambda[l] - memory.lambda[l]) <= 1e-10 * memory.lambda[l], `λ_${l}: ${path.lambda[l]} vs ${memory.lambda[l]}`);
          const opts = { ...GLM_FIT, lambda: memory.lambda[l], standardize: true, intercept: true, weights: design.weights };
          const a = objective(design.x, design.y, family, opts, path.intercept[l], coefficientsAt(path, l));
          const b = objective(design.x, design.y, family, opts, memory.intercept[l], coefficientsAt(memory, l));
          assert.ok(Math.abs(a - b) <= 1e-7 * Math.abs(b), `objective at λ_${l}: ${a} vs ${b}`);
        }
      });
    }
  }
});

/** The GLM targets' rows in memory with their folds: the same hash of the same keys (the ids of the rows kept). */
function glmKeyFolds(design: Design, folds: number): Int32Array {
  return Int32Array.from(design.rowNumbers, (row) => foldOfKey(data.rows[row - 2][0] as number, folds));
}

describe("binomial and Poisson cross-validation from a source, the folds side by side in each pass", () => {
  const GLM_FIT = { alpha: 0.7, nlambda: 12 } as const;
  const CASES = [
    ...(["binomial", "poisson"] as const).flatMap((family) => GLM_SOURCES.map((source) => ({ family, source, measure: "deviance" as const }))),
    { family: "binomial" as const, source: GLM_SOURCES[0], measure: "class" as const },
    { family: "binomial" as const, source: GLM_SOURCES[1], measure: "mse" as const },
    { family: "poisson" as const, source: GLM_SOURCES[2], measure: "mae" as const },
    // Tables, not queries: Parquet, and ClickHouse's Distributed table summed on each shard.
    ...(["binomial", "poisson"] as const).flatMap((family) => GLM_TABLES.slice(1).map((source) => ({ family, source, measure: "deviance" as const }))),
  ];
  test("the cases cover both families on every engine, queries and tables, and the other measures", () => {
    assert.equal(CASES.length, 13);
    assert.deepEqual(new Set(CASES.map((c) => `${c.family} ${c.source.name}`)).size, 10);
  });
  for (const { family, source, measure } of CASES) {
    test(`${family}, ${source.name}, ${measure}: cvm, cvsd, λ_min and λ_1se as cvPath's on the same folds`, async () => {
      const design = glmDesign(family);
      const foldid = glmKeyFolds(design, 5);
      const memory = cvPath(design.x, design.y, { ...GLM_FIT, family, weights: design.weights, foldid, measure, thresh: 1e-14 });
      const engine = await openSource(source.location(family));
      let cv;
      try {
        const stats = await scanSource(engine, { target: "yt", weights: "w", na: "drop", ignore: ["id"] }, { folds: { kind: "key", column: "id", folds: 5 } });
        cv = await cvGlmFromSource(engine, stats, { ...GLM_FIT, family, measure });
      } finally {
        await engine.close();
      }
      assert.equal(cv.measure, measure);
      assert.deepEqual(cv.foldRows, [1, 2, 3, 4, 5].map((k) => foldid.filter((f) => f === k).length));
      assert.equal(cv.cvm.length, memory.cvm.length);
      assert.ok(memory.cvm.length >= 8, "the path has λs to compare");
      for (let l = 0; l < memory.cvm.length; l++) {
        assert.ok(Math.abs(cv.lambda[l] - memory.lambda[l]) <= 1e-10 * memory.lambda[l], `λ_${l}`);
        const tol = measure === "class" ? 1e-12 : 1e-7;
        assert.ok(Math.abs(cv.cvm[l] - memory.cvm[l]) <= tol * Math.abs(memory.cvm[l]), `cvm at λ_${l}: ${cv.cvm[l]} vs ${memory.cvm[l]}`);
        assert.ok(Math.abs(cv.cvsd[l] - memory.cvsd[l]) <= 1e-5 * memory.cvsd[l] + 1e-12, `cvsd at λ_${l}: ${cv.cvsd[l]} vs ${memory.cvsd[l]}`);
      }
      assert.equal(cv.indexMin, memory.indexMin);
      assert.equal(cv.index1se, memory.index1se);
      assert.ok(Math.abs(cv.lambdaMin - memory.lambdaMin) <= 1e-10 * memory.lambdaMin, "λ_min");
      assert.ok(Math.abs(cv.lambda1se - memory.lambda1se) <= 1e-10 * memory.lambda1se, "λ_1se");
    });
  }
});

/**
 * Odd values as a file and as each engine holds them: NaN and ±Infinity in a DOUBLE column (missing in
 * a file: "NaN", "Inf"), text levels padded with spaces and tabs (one level once trimmed, as the file's
 * reader trims), and text that is empty, blank or NA once trimmed (missing in a file), beside NULLs.
 */
const ODD_LEVELS = ["a", " a", "a ", "\tb", "b", "c  ", "  ", "NA", " na ", null] as const;
const odd = (() => {
  const r = rng(7);
  const rows: { id: number; x: number; g: string | null; y: number }[] = [];
  for (let i = 0; i < 240; i++) {
    const x = i % 37 === 3 ? NaN : i % 53 === 9 ? Infinity : i % 71 === 20 ? -Infinity : r.normal();
    const g = ODD_LEVELS[i % ODD_LEVELS.length];
    const trimmed = g === null ? "" : g.trim();
    rows.push({ id: i, x, g, y: 1 + (Number.isFinite(x) ? x : 0) + (trimmed === "b" ? 1 : trimmed === "c" ? -1 : 0) + r.normal() });
  }
  const cell = (v: number) => (Number.isNaN(v) ? "NaN" : v === Infinity ? "Inf" : v === -Infinity ? "-Inf" : String(v));
  const quoted = (g: string | null) => (g === null ? "" : `"${g}"`);
  const csv = ["id,x,g,y", ...rows.map((row) => `${row.id},${cell(row.x)},${quoted(row.g)},${row.y}`)].join("\n") + "\n";
  return { rows, csv, nonFinite: rows.filter((row) => !Number.isFinite(row.x)).length };
})();

async function loadOddValues(): Promise<void> {
  const sqlNumber = (v: number, type: string) => (Number.isFinite(v) ? String(v) : `CAST('${Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity"}' AS ${type})`);
  const sqlText = (g: string | null) => (g === null ? "NULL" : `'${g}'`);
  const values = (type: string) => odd.rows.map((row) => `(${row.id}, ${sqlNumber(row.x, type)}, ${sqlText(row.g)}, ${row.y})`).join(", ");
  const instance = await DuckDBInstance.create(duckFile);
  const c = await instance.connect();
  await c.run(`CREATE TABLE odd (id BIGINT, x DOUBLE, g VARCHAR, y DOUBLE); INSERT INTO odd VALUES ${values("DOUBLE")}`);
  c.closeSync();
  instance.closeSync();
  const pgClient = new (await import("pg")).default.Client({ host: "127.0.0.1", port: pg.port, user: "postgres", database: "postgres" });
  await pgClient.connect();
  await pgClient.query(`CREATE TABLE odd (id BIGINT, x DOUBLE PRECISION, g TEXT, y DOUBLE PRECISION); INSERT INTO odd VALUES ${values("DOUBLE PRECISION")}`);
  await pgClient.end();
  const tsv = (row: (typeof odd.rows)[number]) => [row.id, Number.isNaN(row.x) ? "nan" : row.x === Infinity ? "inf" : row.x === -Infinity ? "-inf" : row.x, row.g === null ? "\\N" : row.g.replace(/\t/g, "\\t"), row.y].join("\t");
  for (const [s, port] of ch.ports.entries()) {
    await clickhouse(port, "CREATE TABLE odd_local (id Int64, x Float64, g Nullable(String), y Float64) ENGINE = MergeTree ORDER BY id");
    await clickhouse(port, "INSERT INTO odd_local FORMAT TabSeparated", odd.rows.filter((_, i) => i % 2 === s).map(tsv).join("\n") + "\n");
  }
  await clickhouse(ch.ports[0], "CREATE TABLE odd AS odd_local ENGINE = Distributed(shards, default, odd_local)");
}

describe("NaN, infinities, padded and blank text: as a file reads them", () => {
  const ODD_SOURCES = [
    { name: "DuckDB", location: () => `duckdb:${duckFile}?table=odd` },
    { name: "PostgreSQL", location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres/odd` },
    { name: "ClickHouse", location: () => `clickhouse://127.0.0.1:${ch.ports[0]}/default/odd` },
  ];
  const design = buildDesign(parseCsv(odd.csv), { target: "y", na: "drop", ignore: ["id"] });
  const memory = fitPath(design.x, design.y, FIT);
  test("the file's design trims the levels and drops NaN, Inf, blank and NA", () => {
    assert.deepEqual(design.x.names, ["x", "g=b", "g=c"]);
    assert.ok(odd.nonFinite >= 9);
    assert.ok(design.droppedRows > odd.nonFinite);
    assert.equal(ODD_SOURCES.length, 3);
  });
  for (const source of ODD_SOURCES) {
    test(`${source.name}: the same design, rows and path as the file`, async () => {
      const stats = await scan(source.location(), { target: "y", na: "drop", ignore: ["id"] }, { kind: "none" });
      assert.deepEqual(stats.names, design.x.names);
      assert.equal(stats.rows, design.x.n);
      assert.equal(stats.droppedRows, design.droppedRows);
      assertSamePath(fitFromStats(stats, FIT), memory, design);
    });
    test(`${source.name}: without --na drop, NaN and infinities are refused naming the column and the rows`, async () => {
      await assert.rejects(scan(source.location(), { target: "y", ignore: ["id", "g"] }, { kind: "none" }),
        new RegExp(`column "x" of .* holds NaN or an infinite value in ${odd.nonFinite} rows; fix them, or drop rows with missing values \\(na drop\\)`));
      await assert.rejects(scan(source.location(), { target: "y", ignore: ["id", "x"] }, { kind: "none" }), /column "g" of .* is NULL in \d+ rows/);
    });
  }
});

/**
 * Numbers kept as text in a table (a VARCHAR, TEXT or String column), as a CSV export would hold them:
 * x numbers (padded, ".5", "1e-1", NULL, NA) with a few stray words, h mostly words with some numbers.
 * The in-memory reader types x numeric (the words' rows dropped under --na drop) and h text (every
 * value a level).
 */
const stray = (() => {
  const r = rng(23);
  const rows: { id: number; x: string | null; h: string; y: number }[] = [];
  for (let i = 0; i < 200; i++) {
    const v = r.normal();
    const x = i % 41 === 6 ? "abc" : i % 43 === 8 ? "n/a?" : i % 29 === 3 ? null : i % 31 === 4 ? "NA" : i % 7 === 2 ? ` ${v} ` : i === 10 ? ".5" : i === 11 ? "1e-1" : String(v);
    const xv = x === ".5" ? 0.5 : x === "1e-1" ? 0.1 : v;
    const h = i % 6 === 0 ? String(i % 4) : ["red", "green", "blue"][i % 3];
    rows.push({ id: i, x, h, y: 1 + 2 * xv + (h === "red" ? 1 : 0) + r.normal() });
  }
  const csv = ["id,x,h,y", ...rows.map((row) => [row.id, row.x ?? "", row.h, row.y].join(","))].join("\n") + "\n";
  return { rows, csv, words: rows.filter((row) => row.x === "abc" || row.x === "n/a?").length };
})();

async function loadStrayValues(): Promise<void> {
  const sqlText = (v: string | null) => (v === null ? "NULL" : `'${v}'`);
  const values = stray.rows.map((row) => `(${row.id}, ${sqlText(row.x)}, ${sqlText(row.h)}, ${row.y})`).join(", ");
  const instance = await DuckDBInstance.create(duckFile);
  const c = await instance.connect();
  await c.run(`CREATE TABLE stray (id BIGINT, x VARCHAR, h VARCHAR, y DOUBLE); INSERT INTO stray VALUES ${values}`);
  c.closeSync();
  instance.closeSync();
  const pgClient = new (await import("pg")).default.Client({ host: "127.0.0.1", port: pg.port, user: "postgres", database: "postgres" });
  await pgClient.connect();
  await pgClient.query(`CREATE TABLE stray (id BIGINT, x TEXT, h TEXT, y DOUBLE PRECISION); INSERT INTO stray VALUES ${values}`);
  await pgClient.end();
  const tsv = (row: (typeof stray.rows)[number]) => [row.id, row.x ?? "\\N", row.h, row.y].join("\t");
  for (const [s, port] of ch.ports.entries()) {
    await clickhouse(port, "CREATE TABLE stray_local (id Int64, x Nullable(String), h String, y Float64) ENGINE = MergeTree ORDER BY id");
    await clickhouse(port, "INSERT INTO stray_local FORMAT TabSeparated", stray.rows.filter((_, i) => i % 2 === s).map(tsv).join("\n") + "\n");
  }
  await clickhouse(ch.ports[0], "CREATE TABLE stray AS stray_local ENGINE = Distributed(shards, default, stray_local)");
}

describe("numbers kept as text in a table, with stray words: typed and dropped as a file's", () => {
  const STRAY_SOURCES = [
    { name: "DuckDB VARCHAR", location: () => `duckdb:${duckFile}?table=stray` },
    { name: "PostgreSQL TEXT", location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres/stray` },
    { name: "ClickHouse String, two shards", location: () => `clickhouse://127.0.0.1:${ch.ports[0]}/default/stray` },
  ];
  const design = buildDesign(parseCsv(stray.csv), { target: "y", na: "drop", ignore: ["id"] });
  const memory = fitPath(design.x, design.y, FIT);
  test("the file's design: x numeric with the words' rows dropped, h text with its numbers as levels", () => {
    assert.deepEqual(design.x.names, ["x", "h=2", "h=blue", "h=green", "h=red"]);
    assert.ok(stray.words >= 8);
    assert.ok(design.droppedRows > stray.words);
    assert.equal(STRAY_SOURCES.length, 3);
  });
  for (const source of STRAY_SOURCES) {
    test(`${source.name}, --na drop: the same design, rows dropped and path as the file`, async () => {
      const stats = await scan(source.location(), { target: "y", na: "drop", ignore: ["id"] }, { kind: "none" });
      assert.deepEqual(stats.names, design.x.names);
      assert.equal(stats.rows, design.x.n);
      assert.equal(stats.droppedRows, design.droppedRows);
      assertSamePath(fitFromStats(stats, FIT), memory, design);
    });
    test(`${source.name}, --na error: the words refused, naming the column, how many and one of them`, async () => {
      await assert.rejects(scan(source.location(), { target: "y", na: "error", ignore: ["id"] }, { kind: "none" }),
        new RegExp(`column "x" of table "stray" .* holds numbers, but ${stray.words} rows hold text, such as "(abc|n/a\\?)", which is not a number; .*\\(na drop\\), or leave the column out \\(ignore\\)`));
    });
  }
});

describe("plot from PostgreSQL and ClickHouse: the in-memory chart of the same rows", () => {
  const PLOT_SOURCES = [
    { name: "PostgreSQL", location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres/t` },
    { name: "ClickHouse, two shards", location: () => `clickhouse://127.0.0.1:${ch.ports[0]}/default/t` },
  ];
  // A pull is a sum of w·x̃·r over the rows, with x̃ centred (a column has a mean of 10⁶): the rows' and
  // the statistics' sums agree to about 1e-9 of it (the explain tests hold pulls to 1e-7 of the largest).
  const KINDS = [{ argv: ["--kind", "cv"], tol: 1e-9 }, { argv: ["--kind", "pull", "--lambda", "min"], tol: 1e-8 }];
  const COMMON = ["--target", "y", "--weights", "w", "--ignore", "id", "--foldid", "fold", "--na", "drop", "--alpha", "0.7", "--nlambda", "40"];
  test("the cases: both servers, a CV curve and pulls", () => assert.equal(PLOT_SOURCES.length * KINDS.length, 4));
  for (const source of PLOT_SOURCES) {
    for (const { argv, tol } of KINDS) {
      test(`${source.name}: plot ${argv.join(" ")}, every number within ${tol}`, async () => {
        const got = await run(["plot", source.location(), ...COMMON, ...argv]);
        assert.equal(got.code, 0, got.stderr);
        const want = await run(["plot", csvFile, ...COMMON, ...argv]);
        assert.equal(want.code, 0, want.stderr);
        assertSameSvg(got.stdout, want.stdout, tol);
      });
    }
  }
});

describe("bad input from every engine: a clear error naming what is at fault", () => {
  const where = {
    DuckDB: () => ({ table: (t: string) => `duckdb:${duckFile}?table=${t}`, query: (q: string) => `duckdb:${duckFile}?query=${encodeURIComponent(q)}` }),
    PostgreSQL: () => ({ table: (t: string) => `postgres://postgres@127.0.0.1:${pg.port}/postgres/${t}`, query: (q: string) => `postgres://postgres@127.0.0.1:${pg.port}/postgres?query=${encodeURIComponent(q)}` }),
    ClickHouse: () => ({ table: (t: string) => `clickhouse://127.0.0.1:${ch.ports[0]}/default/${t}`, query: (q: string) => `clickhouse://127.0.0.1:${ch.ports[0]}/default?query=${encodeURIComponent(q)}` }),
  };
  const CASES: { name: string; argv: (l: ReturnType<typeof where.DuckDB>) => string[]; code: number; message: RegExp }[] = [
    { name: "a table that does not exist", argv: (l) => ["fit", l.table("nope"), "--target", "y"], code: 1, message: /nope.* (does not|doesn't) exist/i },
    { name: "a target column that does not exist", argv: (l) => ["fit", l.table("t"), "--target", "progress"], code: 2, message: /target column "progress" does not exist in table "t"/ },
    { name: "an ignored column that does not exist", argv: (l) => ["fit", l.table("t"), "--target", "y", "--ignore", "idd"], code: 2, message: /column to ignore "idd" does not exist in table "t"/ },
    { name: "a text column as the target", argv: (l) => ["fit", l.table("t"), "--target", "g", "--na", "drop"], code: 1, message: /target column "g" in table "t" .* holds text \((VARCHAR|text|Nullable\(String\))\); it must hold numbers/ },
    { name: "a text column as the fold ids", argv: (l) => ["cv", l.table("t"), "--target", "y", "--foldid", "g", "--na", "drop"], code: 1, message: /fold-id column "g" in table "t" .* holds text/ },
    { name: "a query that returns no rows", argv: (l) => ["fit", l.query("SELECT * FROM t WHERE id < 0"), "--target", "y"], code: 1, message: /the query .* has no rows; there is nothing to fit/ },
    { name: "no rows once --na drop drops those with a NULL", argv: (l) => ["fit", l.query("SELECT id, x1, y FROM t WHERE x1 IS NULL"), "--target", "y", "--na", "drop"], code: 1, message: /has no rows once --na drop removed the \d+ with a missing or non-numeric value/ },
  ];
  test("every case on every engine", () => assert.equal(CASES.length * Object.keys(where).length, 21));
  for (const [engine, locate] of Object.entries(where)) {
    for (const c of CASES) {
      test(`${engine}: ${c.name}`, async () => {
        const r = await run(c.argv(locate()));
        assert.equal(r.code, c.code, r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, c.message);
        assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
      });
    }
    test(`${engine}: more features than the p×p statistics may hold, saying how many may`, async () => {
      const engineOpen = await openSource(locate().table("t"));
      try {
        await assert.rejects(scanSource(engineOpen, { target: "y", na: "drop" }, { maxFeatures: 4 }), /gives 9 features \(text columns as indicators\), more than the 4 whose 9×9 statistics fit in memory; ignore some columns/);
      } finally {
        await engineOpen.close();
      }
    });
  }
  test("DuckDB: a database file that does not exist, named", async () => {
    const r = await run(["fit", `duckdb:${join(dir, "missing.duckdb")}?table=t`, "--target", "y"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot open .*missing\.duckdb with DuckDB/);
  });
});

describe("explain from a source's statistics, without the rows", () => {
  const plain = memoryDesign(["id", "fold"]);
  const memoryPath = fitPath(plain.x, plain.y, { ...FIT, weights: plain.weights });
  const onPath = memoryPath.lambda[12];
  const between = Math.sqrt(memoryPath.lambda[20] * memoryPath.lambda[21]);
  test("the λs to explain: one on the path, one between two of its λs", () => {
    assert.ok(memoryPath.lambda.length > 21);
    assert.ok(between < memoryPath.lambda[20] && between > memoryPath.lambda[21]);
  });
  for (const [name, lambda] of [["a λ on the path", onPath], ["a λ off the path (refitted)", between]] as const) {
    test(`DuckDB, ${name}: the same coefficients, pulls, prices and statuses as explain on the rows`, async () => {
      const stats = await scan(`duckdb:${duckFile}?table=t`, { target: "y", weights: "w", na: "drop", ignore: ["id", "fold"] }, { kind: "none" });
      const got = explainFromStats(stats, fitFromStats(stats, FIT), { lambda });
      const want = explain(memoryPath, { x: plain.x, y: plain.y, weights: plain.weights }, { lambda });
      assert.equal(got.source, want.source);
      assert.equal(got.step, want.step);
      assert.ok(Math.abs(got.intercept - want.intercept) <= 1e-7 * Math.abs(want.intercept), `intercept ${got.intercept} vs ${want.intercept}`);
      assert.ok(Math.abs(got.devRatio - want.devRatio) <= 1e-9, "devRatio");
      const scale = Math.max(...want.coefficients.map((c) => c.absPull));
      assert.equal(got.coefficients.length, 6);
      got.coefficients.forEach((c, j) => {
        const w = want.coefficients[j];
        assert.equal(c.feature, w.feature);
        assert.equal(c.status, w.status, c.feature);
        assert.ok(Math.abs(c.coefficient - w.coefficient) <= 1e-7 * Math.abs(w.coefficient) + 1e-12, `${c.feature}: ${c.coefficient} vs ${w.coefficient}`);
        assert.ok(Math.abs(c.pull - w.pull) <= 1e-7 * scale, `${c.feature} pull: ${c.pull} vs ${w.pull}`);
        assert.equal(c.price, w.price);
        assert.equal(c.correlation === null, w.correlation === null);
        if (c.correlation !== null) assert.ok(Math.abs(c.correlation - w.correlation!) <= 1e-9, `${c.feature} correlation`);
      });
      // The KKT check reads the same: the path's own tolerance, not the rows' stand-ins, sets the gap.
      assert.ok(Math.abs(got.kkt.maxViolation - want.kkt.maxViolation) <= 1e-7 * scale, `KKT ${got.kkt.maxViolation} vs ${want.kkt.maxViolation}`);
    });
  }
});

/** Two explanations agree: the solution, pulls (to 1e-7 of the largest), prices, statuses, entries, KKT check and words. */
function assertSameExplanation(got: Explanation, want: Explanation): void {
  assert.equal(got.source, want.source);
  assert.equal(got.step, want.step);
  assert.equal(got.refined, want.refined);
  assert.ok(Math.abs(got.intercept - want.intercept) <= 1e-7 * Math.max(1, Math.abs(want.intercept)), `intercept ${got.intercept} vs ${want.intercept}`);
  assert.ok(Math.abs(got.devRatio - want.devRatio) <= 1e-7, `devRatio ${got.devRatio} vs ${want.devRatio}`);
  const scale = Math.max(...want.coefficients.map((c) => c.absPull));
  // The in-memory solution is itself exact only to its KKT gap (a Poisson path's IRLS stops near 1e-8).
  const slack = 2 * want.kkt.maxViolation;
  assert.equal(got.coefficients.length, want.coefficients.length);
  got.coefficients.forEach((c, j) => {
    const w = want.coefficients[j];
    assert.equal(c.feature, w.feature);
    assert.equal(c.status, w.status, c.feature);
    assert.ok(Math.abs(c.coefficient - w.coefficient) <= 1e-7 * Math.max(1, Math.abs(w.coefficient)), `${c.feature}: ${c.coefficient} vs ${w.coefficient}`);
    assert.ok(Math.abs(c.pull - w.pull) <= 1e-7 * scale + slack, `${c.feature} pull: ${c.pull} vs ${w.pull}`);
    assert.ok(Math.abs(c.price - w.price) <= 1e-9 * w.price, `${c.feature} price: ${c.price} vs ${w.price}`);
    assert.ok(Math.abs(c.standardized - w.standardized) <= 1e-7 * Math.max(1, Math.abs(w.standardized)), `${c.feature} standardized`);
    assert.equal(c.correlation === null, w.correlation === null);
    if (c.correlation !== null) assert.ok(Math.abs(c.correlation - w.correlation!) <= 1e-9, `${c.feature} correlation`);
    assert.ok(Math.abs((c.startPull ?? 0) - (w.startPull ?? 0)) <= 1e-7 * scale, `${c.feature} start pull`);
    assert.equal(c.entry.kind, w.entry.kind, `${c.feature} entry`);
    assert.equal(c.history.firstStep, w.history.firstStep, `${c.feature} entered at step`);
  });
  assert.ok(Math.abs(got.kkt.maxViolation - want.kkt.maxViolation) <= 1e-7 * scale + slack, `KKT ${got.kkt.maxViolation} vs ${want.kkt.maxViolation}`);
  assert.ok(Math.abs(got.kkt.scale - want.kkt.scale) <= 1e-7 * want.kkt.scale + slack, "KKT scale");
  assert.deepEqual(got.competitors.map((c) => [c.a, c.b, c.kind]), want.competitors.map((c) => [c.a, c.b, c.kind]));
  // The words, but for the size of the KKT gap (rounding noise on either side: compared above).
  const words = (e: Explanation) => JSON.stringify(describeInWords(e)).replace(/to within [^ ]+, [^ ]+ of the pulls' scale/g, "to within the gap");
  assert.equal(words(got), words(want));
}

describe("explain a binomial or Poisson path from a source: its pulls from one more pass", () => {
  const GLM_FIT = { alpha: 0.7, nlambda: 12, thresh: 1e-14 } as const;
  const SOURCES = [
    { name: "DuckDB table", location: (f: keyof typeof GLM_TARGETS) => `duckdb:${duckFile}?table=glm_${f}` },
    { name: "Parquet through DuckDB", location: glmParquet },
    { name: "PostgreSQL", location: GLM_SOURCES[1].location },
    { name: "ClickHouse, two shards", location: GLM_SOURCES[2].location },
  ];
  test("the cases cover DuckDB's table and Parquet, PostgreSQL and ClickHouse", () => assert.equal(SOURCES.length, 4));
  for (const family of ["binomial", "poisson"] as const) {
    const design = glmDesign(family);
    const memory = fitPath(design.x, design.y, { ...GLM_FIT, family, weights: design.weights });
    const between = Math.sqrt(memory.lambda[4] * memory.lambda[5]);
    const rows = { x: design.x, y: design.y, weights: design.weights };
    for (const source of SOURCES) {
      test(`${family}, ${source.name}: explain on and off the path as on the rows`, async () => {
        const engine = await openSource(source.location(family));
        try {
          const stats = await scanSource(engine, { target: "yt", weights: "w", na: "drop", ignore: ["id"] });
          const path = await fitGlmFromSource(engine, stats, { ...GLM_FIT, family });
          const statuses = new Set<string>();
          // On the path: each path's own λ (the same to 1e-10), so that "this λ" reads alike.
          for (const [mine, theirs] of [[path.lambda[2], memory.lambda[2]], [between, between]]) {
            const got = await explainGlmFromSource(engine, stats, path, { lambda: mine });
            const want = explain(memory, rows, { lambda: theirs });
            assert.equal(want.source, theirs === between ? "refit" : "path");
            assertSameExplanation(got, want);
            for (const c of want.coefficients) statuses.add(c.status);
          }
          assert.ok(statuses.has("active") && statuses.has("zero"), "active and zero coefficients compared");
        } finally {
          await engine.close();
        }
      });
    }
  }
});

test("ClickHouse: a scan of the Distributed table sums on each shard, the server asked merges the partial sums", async () => {
  const d = DIALECTS.clickhouse;
  const engine = await openSource(`clickhouse://127.0.0.1:${ch.ports[0]}/default/t`);
  try {
    const rows = projected(d, { from: engine.from, where: `${d.id("x1")} IS NOT NULL` }, { v: `(${d.toDouble(d.id("x1"))} - 0.5)` }, d.foldOfKey(d.id("id"), 5));
    const [sql, ...more] = aggregateQueries(d, rows, [{ sql: "COUNT(*)", as: "n" }, { sql: `SUM(${column(d, "v")} * ${column(d, "v")})`, as: "s" }], column(d, "key"));
    assert.equal(more.length, 0);
    assert.match(sql, /^WITH .* FROM "t" WHERE/, "the aggregates read the Distributed table itself, not a subquery");
    const merged = await engine.rows(sql);
    // Without the merge step each shard's partial sums come back as they are: two rows per fold.
    const partial = await engine.rows(`${sql} SETTINGS distributed_group_by_no_merge = 1`);
    assert.equal(merged.length, 5);
    assert.equal(partial.length, 10);
    const ALIAS = "shrinkage__";
    for (const m of merged) {
      const parts = partial.filter((r) => String(r[`${ALIAS}fold`]) === String(m[`${ALIAS}fold`]));
      assert.equal(parts.length, 2, "one partial sum per shard");
      assert.equal(parts.reduce((a, r) => a + Number(r[`${ALIAS}n`]), 0), Number(m[`${ALIAS}n`]));
      const s = parts.reduce((a, r) => a + Number(r[`${ALIAS}s`]), 0);
      assert.ok(Math.abs(s - Number(m[`${ALIAS}s`])) <= 1e-9 * Number(m[`${ALIAS}s`]));
    }
    // Each shard holds every other row (loadClickHouse): its partial counts are its own rows'.
    const byShard = [0, 1].map((s) => data.rows.filter((row, i) => i % 2 === s && row[1] !== null).length);
    const counts = partial.map((r) => Number(r[`${ALIAS}n`]));
    assert.equal(counts.reduce((a, b) => a + b, 0), byShard[0] + byShard[1]);
  } finally {
    await engine.close();
  }
});

/** Two sets of drop costs agree: the same variables and kinds, deviances and rises to `tol` (relative), CV to `tol` of the baseline's error. */
function assertSameDropCosts(got: DropCosts, want: DropCosts, tol: number): void {
  assert.ok(Math.abs(got.nullDeviance - want.nullDeviance) <= 1e-9 * want.nullDeviance, `null deviance ${got.nullDeviance} vs ${want.nullDeviance}`);
  assert.ok(Math.abs(got.deviance - want.deviance) <= tol * want.deviance, `deviance ${got.deviance} vs ${want.deviance}`);
  assert.equal(got.measure, want.measure);
  assert.equal(got.cvError === null, want.cvError === null);
  if (want.cvError !== null) assert.ok(Math.abs(got.cvError! - want.cvError) <= tol * Math.abs(want.cvError), `CV error ${got.cvError} vs ${want.cvError}`);
  assert.deepEqual(got.costs.map((c) => [c.feature, c.kind]), want.costs.map((c) => [c.feature, c.kind]));
  got.costs.forEach((c, i) => {
    const w = want.costs[i];
    assert.ok(w.deviance > 0, `${w.feature}: a rise to compare`);
    assert.ok(Math.abs(c.deviance - w.deviance) <= tol * w.deviance, `${w.feature} (${w.kind}) deviance rise ${c.deviance} vs ${w.deviance}`);
    assert.ok(Math.abs(c.devianceShare - w.devianceShare) <= tol * w.devianceShare, `${w.feature} share`);
    assert.equal(c.cv === null, w.cv === null);
    if (w.cv !== null) assert.ok(Math.abs(c.cv! - w.cv) <= tol * Math.abs(want.cvError!), `${w.feature} CV rise ${c.cv} vs ${w.cv}`);
    assert.ok(Math.abs(c.coefficient - w.coefficient) <= 1e-7 * Math.max(1, Math.abs(w.coefficient)), `${w.feature} coefficient`);
    assert.ok(Math.abs(c.refitCoefficient - w.refitCoefficient) <= 1e-7 * Math.max(1, Math.abs(w.refitCoefficient)), `${w.feature} refit coefficient`);
    assert.ok(Math.abs(c.price - w.price) <= 1e-12 * w.price, `${w.feature} price`);
    assert.ok(Math.abs(c.pullRatio! - w.pullRatio!) <= 1e-7 * w.pullRatio!, `${w.feature} pull₀/price ${c.pullRatio} vs ${w.pullRatio}`);
    assert.equal(c.mostChanged?.feature, w.mostChanged?.feature, `${w.feature}: the coefficient that moves most`);
  });
}

describe("drop costs from a source, as dropCosts on the rows", () => {
  const design = memoryDesign(["id", "fold"]);
  const memoryPath = fitPath(design.x, design.y, { ...FIT, weights: design.weights });
  const foldid = Int32Array.from(design.rowNumbers, (row) => foldOfKey(data.rows[row - 2][0] as number, 5));
  // A λ on the path with some coefficients in and some at zero: both drops and forcings.
  const at = memoryPath.df.findIndex((df) => df >= 3);
  const want = dropCosts(memoryPath, { x: design.x, y: design.y, weights: design.weights }, { lambda: memoryPath.lambda[at], cv: { foldid } });
  test("the gaussian case drops some variables and forces others in", () => {
    assert.ok(want.costs.some((c) => c.kind === "drop") && want.costs.some((c) => c.kind === "force"));
    assert.equal(want.costs.length, 6);
  });
  const GAUSSIAN = SOURCES.filter((s) => s.name !== "PostgreSQL query");
  test("gaussian: every engine, DuckDB's table and Parquet", () => assert.equal(GAUSSIAN.length, 4));
  for (const source of GAUSSIAN) {
    test(`gaussian, ${source.name}: from the per-fold statistics, deviance and CV rises within 1e-9`, async () => {
      const stats = await scan(source.location(), { target: "y", weights: "w", na: "drop", ignore: ["fold"] }, { kind: "key", column: "id", folds: 5 });
      const path = fitFromStats(stats, FIT);
      assertSameDropCosts(dropCostsFromStats(stats, path, { lambda: path.lambda[at], cv: {} }), want, 1e-9);
    });
  }

  // Binomial and Poisson refit by IRLS passes: each engine once, both families with and without folds
  // (the folds' passes on ClickHouse are cvGlmFromSource's, tested above; here they would add half a minute).
  const GLM_FIT = { alpha: 0.7, nlambda: 12 } as const;
  const CASES = [
    { family: "binomial" as const, name: "Parquet through DuckDB", location: glmParquet, cv: true },
    { family: "poisson" as const, name: "PostgreSQL", location: GLM_SOURCES[1].location, cv: true },
    { family: "binomial" as const, name: "ClickHouse, two shards", location: GLM_SOURCES[2].location, cv: false },
    { family: "poisson" as const, name: "DuckDB table", location: (f: keyof typeof GLM_TARGETS) => `duckdb:${duckFile}?table=glm_${f}`, cv: false },
  ];
  test("binomial and Poisson: both families, every engine, with and without folds", () => {
    assert.deepEqual(new Set(CASES.map((c) => c.name.split(/[ ,]/)[0])), new Set(["ClickHouse", "PostgreSQL", "Parquet", "DuckDB"]));
    assert.deepEqual(CASES.map((c) => `${c.family} ${c.cv}`).sort(), ["binomial false", "binomial true", "poisson false", "poisson true"]);
  });
  for (const { family, name, location, cv } of CASES) {
    test(`${family}, ${name}${cv ? ", cross-validated" : ""}: refits by IRLS passes, deviance${cv ? " and CV" : ""} rises within 1e-7`, async () => {
      const rows = glmDesign(family);
      const memory = fitPath(rows.x, rows.y, { ...GLM_FIT, family, weights: rows.weights });
      const lambda = Math.sqrt(memory.lambda[2] * memory.lambda[3]);
      // The reference refits run to thresh 1e-20: at dropCosts' default 1e-12, IRLS in memory leaves ~1e-9 of the deviance.
      const memoryCv = cv ? { foldid: glmKeyFolds(rows, 5) } : undefined;
      const wanted = dropCosts(memory, { x: rows.x, y: rows.y, weights: rows.weights }, { lambda, cv: memoryCv, thresh: 1e-20 });
      assert.ok(wanted.costs.some((c) => c.kind === "drop") && wanted.costs.some((c) => c.kind === "force"), "drops and forcings compared");
      const engine = await openSource(location(family));
      try {
        const stats = await scanSource(engine, { target: "yt", weights: "w", na: "drop", ignore: ["id"] }, cv ? { folds: { kind: "key", column: "id", folds: 5 } } : {});
        const path = await fitGlmFromSource(engine, stats, { ...GLM_FIT, family });
        assertSameDropCosts(await dropCostsGlmFromSource(engine, stats, path, { lambda, cv: cv ? {} : undefined }), wanted, 1e-7);
      } finally {
        await engine.close();
      }
    });
  }
});

/**
 * Wide tables past each engine's own limit on one query: PostgreSQL returns at most 1,664 columns, and
 * DuckDB fails (SIGFPE, the test process with it) on a GROUP BY of 16,383 or more SUM aggregates. The
 * second pass of p features is 2 + (p + 1) + (p + 1)(p + 2)/2 sums beside the fold: p = 60 gives 1,954,
 * p = 180 gives 16,654; split into queries under dialect.maxColumns, the CV is the in-memory one.
 */
const WIDE = { postgres: 60, duckdb: 180 } as const;
const wideSums = (p: number) => 2 + (p + 1) + ((p + 1) * (p + 2)) / 2;
function wideData(p: number): { csv: string; rows: number[][] } {
  const r = rng(100 + p);
  const rows: number[][] = [];
  for (let i = 0; i < 2 * p + 40; i++) {
    const x = Array.from({ length: p }, (_, j) => j + r.normal());
    const y = 3 + x[0] - 2 * x[1] + 0.5 * x[p - 1] + r.normal();
    rows.push([i, ...x, y]);
  }
  const header = ["id", ...Array.from({ length: p }, (_, j) => `x${j}`), "y"];
  return { csv: [header.join(","), ...rows.map((row) => row.join(","))].join("\n") + "\n", rows };
}
const wide = { postgres: wideData(WIDE.postgres), duckdb: wideData(WIDE.duckdb) };

async function loadWide(): Promise<void> {
  const file = join(dir, "wide.csv");
  writeFileSync(file, wide.duckdb.csv);
  const instance = await DuckDBInstance.create(duckFile);
  const c = await instance.connect();
  await c.run(`CREATE TABLE wide AS SELECT * FROM read_csv('${file}', header = true)`);
  c.closeSync();
  instance.closeSync();
  const client = new (await import("pg")).default.Client({ host: "127.0.0.1", port: pg.port, user: "postgres", database: "postgres" });
  await client.connect();
  const p = WIDE.postgres;
  await client.query(`CREATE TABLE wide (id BIGINT, ${Array.from({ length: p }, (_, j) => `x${j} DOUBLE PRECISION`).join(", ")}, y DOUBLE PRECISION)`);
  const q = p + 2;
  const values = wide.postgres.rows.map((_, i) => `(${Array.from({ length: q }, (_, j) => `$${i * q + j + 1}`).join(", ")})`).join(", ");
  await client.query(`INSERT INTO wide VALUES ${values}`, wide.postgres.rows.flat());
  await client.end();
}

describe("past an engine's limit on one query: the sums split into several, the in-memory CV", () => {
  test("the wide cases pass each limit", () => {
    assert.ok(wideSums(WIDE.postgres) > 1664 && DIALECTS.postgres.maxColumns <= 1664);
    assert.ok(wideSums(WIDE.duckdb) >= 16383 && DIALECTS.duckdb.maxColumns < 16383);
  });
  const CASES = [
    { name: "PostgreSQL, 1,664 result columns", engine: "postgres" as const, location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres/wide` },
    { name: "DuckDB, 16,383 SUMs in a GROUP BY", engine: "duckdb" as const, location: () => `duckdb:${duckFile}?table=wide` },
  ];
  for (const c of CASES) {
    test(`${c.name}: ${WIDE[c.engine]} features, ${wideSums(WIDE[c.engine])} sums in ${Math.ceil(wideSums(WIDE[c.engine]) / (DIALECTS[c.engine].maxColumns - 1))} queries`, async () => {
      const design = buildDesign(parseCsv(wide[c.engine].csv), { target: "y", ignore: ["id"] });
      const foldid = Int32Array.from(design.rowNumbers, (row) => foldOfKey(wide[c.engine].rows[row - 2][0], 5));
      const memory = cvPath(design.x, design.y, { ...FIT, nlambda: 20, foldid });
      const engine = await openSource(c.location());
      const grouped: string[] = [];
      let cv;
      try {
        const counting = { ...engine, rows: (sql: string) => (/ GROUP BY /.test(sql) && grouped.push(sql), engine.rows(sql)) };
        const stats = await scanSource(counting, { target: "y" }, { folds: { kind: "key", column: "id", folds: 5 } });
        cv = cvFromStats(stats, { ...FIT, nlambda: 20 });
      } finally {
        await engine.close();
      }
      assert.equal(grouped.length, Math.ceil(wideSums(WIDE[c.engine]) / (DIALECTS[c.engine].maxColumns - 1)));
      assert.ok(grouped.length > 1);
      assertSamePath(cv.path, memory.path, design);
      for (let l = 0; l < cv.cvm.length; l++) assert.ok(Math.abs(cv.cvm[l] - memory.cvm[l]) <= 1e-9 * memory.cvm[l], `cvm at λ_${l}: ${cv.cvm[l]} vs ${memory.cvm[l]}`);
      assert.equal(cv.indexMin, memory.indexMin);
    });
  }
});

describe("a fold key held as a double or a decimal: the folds of its whole numbers, on every engine", () => {
  // DuckDB writes a DOUBLE 1000 as "1000.0" and a DECIMAL as "1000.00", PostgreSQL a NUMERIC(12,2) as "1000.00":
  // hashed as such text, the same rows would fall in other folds than in memory and on the other engines.
  const design = memoryDesign(["fold"]);
  const keyFolds = Int32Array.from(design.rowNumbers, (row) => foldOfKey(data.rows[row - 2][0] as number, 5));
  const want = [1, 2, 3, 4, 5].map((k) => keyFolds.filter((f) => f === k).length);
  const select = (id: string) => encodeURIComponent(`SELECT ${id} AS id, x1, big, "count", g, w, y FROM t`);
  const CASES = [
    { name: "DuckDB DOUBLE", location: () => `duckdb:${duckFile}?query=${select("CAST(id AS DOUBLE)")}` },
    { name: "DuckDB DECIMAL", location: () => `duckdb:${duckFile}?query=${select("CAST(id AS DECIMAL(12, 2))")}` },
    { name: "PostgreSQL DOUBLE PRECISION", location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres?query=${select("CAST(id AS DOUBLE PRECISION)")}` },
    { name: "PostgreSQL NUMERIC", location: () => `postgres://postgres@127.0.0.1:${pg.port}/postgres?query=${select("CAST(id AS NUMERIC(12, 2))")}` },
    { name: "ClickHouse Float64", location: () => `clickhouse://127.0.0.1:${ch.ports[0]}/default?query=${select("toFloat64(id)")}` },
    { name: "ClickHouse Decimal", location: () => `clickhouse://127.0.0.1:${ch.ports[0]}/default?query=${select("toDecimal64(id, 2)")}` },
  ];
  test("the cases: a double and a decimal on each engine", () => assert.equal(CASES.length, 6));
  for (const c of CASES) {
    test(`${c.name}: the rows of each fold as foldOfKey of the whole numbers`, async () => {
      const stats = await scan(c.location(), { target: "y", weights: "w", na: "drop" }, { kind: "key", column: "id", folds: 5 });
      assert.deepEqual([1, 2, 3, 4, 5].map((k) => stats.folds!.get(k)!.n), want);
    });
  }
});
