/**
 * `fit` and `cv` on a source from the command line (DuckDB: no server to start), and the errors a
 * person meets: a missing table or column named, a text column where numbers are needed, a refused
 * connection naming host and port, a query without rows, too many features for the p×p statistics.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { freePort } from "../helpers/servers.js";
import { assertOneLineError, run, spawn } from "../cli/helpers.js";
import { openSource } from "../../src/source/open.node.js";
import { maxFeatures, scanSource } from "../../src/source/scan.js";
import { duckdbCopies } from "./duckdb-copies.js";

const { csv, duck, parquet, ready } = duckdbCopies(300);

test("fit on a Parquet file prints the path and the JSON's source", async () => {
  await ready;
  const r = await run(["fit", parquet, "--target", "y", "--weights", "w", "--ignore", "id,fold", "--na", "drop", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.features, ["x1", "big", "count", "g=b", "g=o'k", "g=zeta"]);
  assert.equal(json.source.engine, "duckdb");
  assert.ok(json.source.rows > 0 && json.source.rows < 300);
  assert.ok(json.source.scanMs > 0);
  assert.match(r.stderr, /dropped \d+ rows with a missing or non-numeric value/);
});

test("fit on a source counts one λ as 1 λ, not 1 λs", async () => {
  await ready;
  const r = await run(["fit", parquet, "--target", "y", "--ignore", "id,fold", "--na", "drop", "--lambda", "0.1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.split("\n")[0], / · 1 λ · scanned by duckdb/);
});

test("cv on a DuckDB table by a fold key prints λ_min and λ_1se", async () => {
  await ready;
  const r = await run(["cv", `duckdb:${duck}?table=t`, "--target", "y", "--ignore", "fold", "--fold-key", "id", "--folds", "4", "--na", "drop"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /4-fold cross-validation \(folds from a hash of column "id"\); measure: mean squared error \(mse\)/);
  assert.match(r.stdout, /λ_min/);
});

test("a CSV given as duckdb:PATH.csv is scanned by DuckDB", async () => {
  await ready;
  const r = await run(["fit", `duckdb:${csv}`, "--target", "y", "--ignore", "id,fold", "--na", "drop", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).source.engine, "duckdb");
});

const BAD: { name: string; argv: () => string[]; message: RegExp }[] = [
  { name: "a table that does not exist", argv: () => ["fit", `duckdb:${duck}?table=nope`, "--target", "y"], message: /nope/ },
  { name: "a column that does not exist", argv: () => ["fit", `duckdb:${duck}?table=t`, "--target", "progress"], message: /target column "progress" does not exist in table "t"/ },
  { name: "a text column as the target", argv: () => ["fit", `duckdb:${duck}?table=t`, "--target", "g", "--na", "drop"], message: /target column "g" .* holds text \(VARCHAR\); it must hold numbers/ },
  { name: "a text column as weights", argv: () => ["fit", `duckdb:${duck}?table=t`, "--target", "y", "--weights", "g"], message: /weights column "g" .* holds text/ },
  { name: "NULLs without --na drop", argv: () => ["fit", `duckdb:${duck}?table=t`, "--target", "y"], message: /column "y" of table "t" .* is NULL in \d+ rows; .*--na drop/ },
  { name: "a query that returns no rows", argv: () => ["fit", `duckdb:${duck}?query=${encodeURIComponent("SELECT * FROM t WHERE id < 0")}`, "--target", "y"], message: /has no rows/ },
  { name: "cv without folds", argv: () => ["cv", `duckdb:${duck}?table=t`, "--target", "y"], message: /--fold-key COL/ },
];
test("the bad inputs cover the issue's list", () => assert.equal(BAD.length, 7));
for (const bad of BAD) {
  test(`refused: ${bad.name}`, async () => {
    await ready;
    const r = await run(bad.argv());
    assert.notEqual(r.code, 0);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, bad.message);
  });
}

test("refused: a connection nobody answers, naming host and port", async () => {
  const port = await freePort();
  const pg = await run(["fit", `postgres://someone@127.0.0.1:${port}/db/t`, "--target", "y"]);
  assert.equal(pg.code, 1);
  assert.match(pg.stderr, new RegExp(`cannot connect to postgres at 127\\.0\\.0\\.1:${port}: connection refused`));
  // As a process: the whole of stderr is the one line (the ClickHouse client's own log kept quiet).
  const ch = spawn(["fit", `clickhouse://127.0.0.1:${port}/db/t`, "--target", "y"]);
  assertOneLineError(ch, new RegExp(`cannot connect to clickhouse at 127\\.0\\.0\\.1:${port}: connection refused`));
  assert.equal(ch.code, 1);
});

test("refused: more features than the p×p statistics may hold, saying the largest p", async () => {
  await ready;
  const engine = await openSource(`duckdb:${duck}?table=t`);
  try {
    await assert.rejects(scanSource(engine, { target: "y", na: "drop" }, { maxFeatures: 4 }), /gives 9 features .*more than the 4 whose 9×9 statistics fit in memory/);
  } finally {
    await engine.close();
  }
  // The default bound: (p+1)² doubles per fold and in all within 1 GiB.
  assert.equal(maxFeatures(10), Math.floor(Math.sqrt(2 ** 30 / 88)) - 1);
});

test("fit and cv --family binomial on a source fit by IRLS in the engine; --measure auc is refused plainly", async () => {
  await ready;
  const query = encodeURIComponent("SELECT id, x1, big, g, CASE WHEN y > 1 THEN 1 WHEN y <= 1 THEN 0 END AS yb FROM t");
  const r = await run(["fit", `duckdb:${duck}?query=${query}`, "--target", "yb", "--ignore", "id", "--family", "binomial", "--na", "drop", "--nlambda", "8", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.family, "binomial");
  assert.equal(json.source.engine, "duckdb");
  assert.ok(json.devRatio[json.devRatio.length - 1] > 0.1);
  const cv = await run(["cv", `duckdb:${duck}?query=${query}`, "--target", "yb", "--family", "binomial", "--na", "drop", "--fold-key", "id", "--folds", "4", "--nlambda", "8", "--measure", "class"]);
  assert.equal(cv.code, 0, cv.stderr);
  assert.match(cv.stdout, /4-fold cross-validation \(folds from a hash of column "id"\); measure: misclassification rate \(class\)/);
  assert.match(cv.stdout, /λ_min/);
  const auc = await run(["cv", `duckdb:${duck}?query=${query}`, "--target", "yb", "--family", "binomial", "--na", "drop", "--fold-key", "id", "--measure", "auc"]);
  assert.equal(auc.code, 2);
  assert.match(auc.stderr, /--measure auc ranks each held-out row's prediction/);
});

test("explain on a Parquet file at λ_1se of a fold-key cross-validation, from the statistics; Poisson by a pass at the solution", async () => {
  await ready;
  const r = await run(["explain", parquet, "--target", "y", "--ignore", "fold", "--fold-key", "id", "--folds", "4", "--na", "drop"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /λ = [\d.e-]+ \(λ_1se of 4-fold cross-validation\)/);
  assert.match(r.stdout, /pull/);
  assert.match(r.stdout, /x1/);
  const json = await run(["explain", parquet, "--target", "y", "--ignore", "id,fold", "--na", "drop", "--lambda", "0.05", "--format", "json"]);
  assert.equal(json.code, 0, json.stderr);
  const e = JSON.parse(json.stdout);
  assert.equal(e.lambda, 0.05);
  assert.equal(e.source, "refit");
  assert.equal(e.coefficients.length, 7);
  assert.equal(e.cv, null);
  assert.equal(e.scan.engine, "duckdb");
  const poisson = await run(["explain", parquet, "--target", "count", "--family", "poisson", "--ignore", "id,fold", "--na", "drop", "--lambda", "0.05"]);
  assert.equal(poisson.code, 0, poisson.stderr);
  assert.match(poisson.stdout, /count ~ poisson/);
  assert.match(poisson.stdout, /not on the path: refitted at it by IRLS passes over the source/);
  assert.match(poisson.stdout, /pull/);
  const binomial = await run(["explain", `duckdb:${duck}?query=${encodeURIComponent("SELECT id, x1, big, g, CASE WHEN y > 1 THEN 1 WHEN y <= 1 THEN 0 END AS yb FROM t")}`,
    "--target", "yb", "--family", "binomial", "--na", "drop", "--fold-key", "id", "--folds", "4", "--nlambda", "10", "--lambda", "min", "--format", "json"]);
  assert.equal(binomial.code, 0, binomial.stderr);
  const b = JSON.parse(binomial.stdout);
  assert.equal(b.family, "binomial");
  assert.equal(b.lambdaLabel, "lambdaMin");
  assert.equal(b.lambda, b.cv.lambdaMin);
  assert.equal(b.source, "path");
  assert.ok(b.coefficients.some((c: { status: string }) => c.status === "active"));
  // λ_min without folds to cross-validate on: the options to give, named.
  const noFolds = await run(["explain", parquet, "--target", "count", "--family", "poisson", "--ignore", "id,fold", "--na", "drop", "--lambda", "min"]);
  assert.equal(noFolds.code, 2);
  assert.match(noFolds.stderr, /cross-validating a source needs its folds: --fold-key COL .* or --foldid COL/);
  // A binomial target that is not 0/1: its range said.
  const notBinary = await run(["explain", parquet, "--target", "count", "--family", "binomial", "--ignore", "id,fold", "--na", "drop", "--lambda", "0.05"]);
  assert.equal(notBinary.code, 1);
  assert.match(notBinary.stderr, /a binomial target from a source must hold 0 and 1 \(numbers\); it ranges from 0 to 4/);
});

test("explain SOURCE shows what dropping or forcing each variable would do, as explain on the rows in memory", async () => {
  await ready;
  const options = ["--target", "y", "--weights", "w", "--ignore", "id", "--foldid", "fold", "--na", "drop", "--lambda", "1se", "--alpha", "0.5"];
  const [memory, source] = await Promise.all([run(["explain", csv, ...options, "--format", "json"]), run(["explain", `duckdb:${duck}?table=t`, ...options, "--format", "json"])]);
  assert.equal(memory.code, 0, memory.stderr);
  assert.equal(source.code, 0, source.stderr);
  const [want, got] = [JSON.parse(memory.stdout), JSON.parse(source.stdout)];
  assert.ok(Math.abs(got.lambda - want.lambda) <= 1e-12 * want.lambda, "the same λ_1se");
  assert.equal(got.dropCosts.measure, "mse");
  assert.ok(Math.abs(got.dropCosts.deviance - want.dropCosts.deviance) <= 1e-9 * want.dropCosts.deviance, "deviance");
  assert.ok(Math.abs(got.dropCosts.cvError - want.dropCosts.cvError) <= 1e-9 * want.dropCosts.cvError, "CV error");
  type Cost = { feature: string; kind: string; deviance: number; cv: number };
  const costs = (e: { coefficients: { dropCost: Cost | null }[] }) => e.coefficients.map((c) => c.dropCost!);
  assert.deepEqual(costs(got).map((c) => [c.feature, c.kind]), costs(want).map((c) => [c.feature, c.kind]));
  assert.equal(costs(want).length, 6);
  costs(got).forEach((c, i) => {
    const w = costs(want)[i];
    assert.ok(Math.abs(c.deviance - w.deviance) <= 1e-9 * Math.abs(w.deviance), `${c.feature}: ${c.deviance} vs ${w.deviance}`);
    assert.ok(Math.abs(c.cv - w.cv) <= 1e-9 * want.dropCosts.cvError, `${c.feature} CV: ${c.cv} vs ${w.cv}`);
  });
  // The table's columns and the words, as explain prints them on rows.
  const text = await run(["explain", parquet, ...options]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Δdev %\s+Δcv mse\s+pull₀\/price/);
  assert.match(text.stdout, /Δdev %: the training deviance \(share of the null deviance\) of the model refitted at this λ without/);
  assert.match(text.stdout, /without it \(refitted at this λ\) the training deviance would rise by [\d.]+/);
});

test("progress on stderr for long scans: each query of the scan and each IRLS pass, on a terminal only, then erased", async () => {
  await ready;
  const gaussian = await run(["fit", parquet, "--target", "y", "--ignore", "id,fold", "--na", "drop"], { tty: true });
  assert.equal(gaussian.code, 0, gaussian.stderr);
  for (const step of ["reading the columns", "reading the levels of \"g\"", "first pass: means", "second pass: cross-products", "done"]) {
    assert.match(gaussian.stderr, new RegExp(`\\r\\x1b\\[Kshrinkage: duckdb: ${step} \\(\\d+\\.\\d s\\)`), step);
  }
  const query = encodeURIComponent("SELECT id, x1, big, g, CASE WHEN y > 1 THEN 1 WHEN y <= 1 THEN 0 END AS yb FROM t");
  const binomial = await run(["fit", `duckdb:${duck}?query=${query}`, "--target", "yb", "--ignore", "id", "--family", "binomial", "--na", "drop", "--nlambda", "5"], { tty: true });
  assert.equal(binomial.code, 0, binomial.stderr);
  const passes = [...binomial.stderr.matchAll(/fitting by IRLS: pass (\d+) over the source/g)].map((m) => Number(m[1]));
  assert.ok(passes.length >= 5, `one message a pass: ${passes.length}`);
  assert.deepEqual(passes, passes.map((_, i) => i + 1));
  // Erased after the last pass, and nothing of it without a terminal.
  assert.ok(binomial.stderr.slice(binomial.stderr.lastIndexOf("fitting by IRLS")).includes("\r\x1b[K"), "the last message erased");
  const quiet = await run(["fit", `duckdb:${duck}?query=${query}`, "--target", "yb", "--ignore", "id", "--family", "binomial", "--na", "drop", "--nlambda", "5"]);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /pass|\r|\x1b/);
});

test("aggregates beyond an engine's limit go into several queries, joined by fold: the same statistics", async () => {
  await ready;
  const engine = await openSource(`duckdb:${duck}?table=t`);
  try {
    const roles = { target: "y", weights: "w", na: "drop" as const, ignore: ["fold"] };
    const folds = { kind: "key" as const, column: "id", folds: 4 };
    const counted = (maxColumns: number) => {
      const sql: string[] = [];
      return { sql, engine: { ...engine, dialect: { ...engine.dialect, maxColumns }, rows: (q: string) => (sql.push(q), engine.rows(q)) } };
    };
    const wide = counted(engine.dialect.maxColumns);
    const narrow = counted(9);
    const [a, b] = [await scanSource(wide.engine, roles, { folds }), await scanSource(narrow.engine, roles, { folds })];
    // q = 6 features + y: n, Σw, 7 linear and 28 product sums = 37 aggregates, 8 to a query beside the fold.
    const grouped = (sql: string[]) => sql.filter((q) => / GROUP BY /.test(q)).length;
    assert.equal(grouped(wide.sql), 1);
    assert.equal(grouped(narrow.sql), Math.ceil(37 / 8));
    assert.deepEqual(b.names, a.names);
    assert.equal(b.rows, a.rows);
    const close = (x: ArrayLike<number>, y: ArrayLike<number>, what: string) => Array.from(y).forEach((v, i) => assert.ok(Math.abs(x[i] - v) <= 1e-12 * Math.max(1, Math.abs(v)), `${what}[${i}]: ${x[i]} vs ${v}`));
    close(b.shift, a.shift, "shift");
    assert.equal(b.folds!.size, 4);
    for (const [k, s] of [["all", a.total], ...a.folds!] as const) {
      const t = k === "all" ? b.total : b.folds!.get(k as number)!;
      assert.equal(t.n, s.n, `rows of ${k}`);
      close([t.weightSum, ...t.linear, ...t.products], [s.weightSum, ...s.linear, ...s.products], `sums of ${k}`);
    }
  } finally {
    await engine.close();
  }
});

test("refused on the command line: a text column of 12,000 levels, more features than the p×p statistics hold, the largest p said", async () => {
  const query = encodeURIComponent("SELECT 'level ' || CAST(i AS VARCHAR) AS g, CAST(i % 7 AS DOUBLE) AS y, i FROM range(12000) AS r(i)");
  const fit = await run(["fit", `duckdb:?query=${query}`, "--target", "y", "--ignore", "i"]);
  assert.equal(fit.code, 1, fit.stderr);
  assert.equal(fit.stdout, "");
  assert.match(fit.stderr, new RegExp(`gives 11999 features \\(text columns as indicators\\), more than the ${maxFeatures(0)} whose 11999×11999 statistics fit in memory; ignore some columns \\(--ignore\\)`));
  // Per fold, with 10 folds: a smaller bound.
  const cv = await run(["cv", `duckdb:?query=${query}`, "--target", "y", "--fold-key", "i", "--folds", "10"]);
  assert.equal(cv.code, 1, cv.stderr);
  assert.match(cv.stderr, new RegExp(`more than the ${maxFeatures(10)} whose 11999×11999 statistics per fold fit in memory`));
  assert.ok(maxFeatures(10) < maxFeatures(0) && maxFeatures(0) < 11999);
});

test("refused: folds that cannot cross-validate, naming the fold column and the source", async () => {
  const rows = (fold: string, n = 60) => `duckdb:?query=${encodeURIComponent(`SELECT i, CAST(i * 13 % 17 AS DOUBLE) AS x, CAST(i * 7 % 11 AS DOUBLE) AS y, ${fold} AS f FROM range(${n}) AS r(i)`)}`;
  const cases: { name: string; argv: string[]; code: number; message: RegExp }[] = [
    { name: "a fold with no rows", argv: ["cv", rows("CASE WHEN i % 3 = 2 THEN 4 ELSE i % 3 + 1 END"), "--target", "y", "--foldid", "f"], code: 2, message: /fold 3 of 1\.\.4 has no rows in fold-id column "f" of the query "SELECT i/ },
    { name: "two folds", argv: ["cv", rows("i % 2 + 1"), "--target", "y", "--foldid", "f"], code: 2, message: /at least 3 folds; fold-id column "f" of the query .* gives 2/ },
    { name: "a fold id that is not a fold number", argv: ["cv", rows("i % 4"), "--target", "y", "--foldid", "f"], code: 1, message: /fold-id column "f" of the query .* holds "0", not a fold number; fold ids are whole numbers 1\.\.K/ },
    { name: "more folds than keys", argv: ["cv", rows("0", 5), "--target", "y", "--ignore", "f", "--fold-key", "i", "--folds", "20"], code: 1, message: /no row's key in fold-key column "i" of the query .* hashes to fold \d+ of 20; ask for fewer folds \(--folds\)/ },
    { name: "both --foldid and --fold-key", argv: ["cv", rows("i % 4 + 1"), "--target", "y", "--foldid", "f", "--fold-key", "i"], code: 2, message: /give either --foldid or --fold-key, not both/ },
  ];
  assert.equal(cases.length, 5);
  for (const c of cases) {
    const r = await run(c.argv);
    assert.equal(r.code, c.code, `${c.name}: ${r.stderr}`);
    assert.equal(r.stdout, "", c.name);
    assert.match(r.stderr, c.message, c.name);
  }
});
