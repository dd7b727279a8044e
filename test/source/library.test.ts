/**
 * The library's source, beside ModelMatrix, through the public entry (`shrinkage/node`, here
 * src/node.ts) as README shows it: openSource(location) gives an engine, scanSource its statistics,
 * and fitFromStats, cvFromStats, fitGlmFromSource and explainFromStats take them where fitPath, cvPath
 * and explain take a ModelMatrix. The numbers are those of the same rows in memory.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import * as shrinkage from "../../src/node.js";
import { scratchFile } from "../cli/helpers.js";
import { sourceData } from "./data.js";

const data = sourceData(400, 5);
const csv = scratchFile("data.csv", data.csv);
const parquet = csv.replace(/data\.csv$/, "data.parquet");
const ready = (async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  await c.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT PARQUET)`);
  c.closeSync();
  instance.closeSync();
})();

const ROLES = { target: "y", weights: "w", na: "drop" as const, ignore: ["fold"] };
const FIT = { alpha: 0.5, nlambda: 30 };

test("openSource, scanSource and cvFromStats from the public entry: the cvPath of the same rows on the same folds", async () => {
  await ready;
  const engine = await shrinkage.openSource(parquet);
  let stats, cv;
  try {
    stats = await shrinkage.scanSource(engine, ROLES, { folds: { kind: "key", column: "id", folds: 4 } });
    cv = shrinkage.cvFromStats(stats, FIT);
  } finally {
    await engine.close();
  }
  const design = shrinkage.buildDesign(shrinkage.parseCsv(data.csv), { ...ROLES, ignore: ["id", "fold"] });
  const foldid = Int32Array.from(design.rowNumbers, (row) => shrinkage.foldOfKey(data.rows[row - 2][0] as number, 4));
  const memory = shrinkage.cvPath(design.x, design.y, { ...FIT, weights: design.weights, foldid });
  assert.deepEqual(stats.names, design.x.names);
  assert.equal(stats.rows, design.x.n);
  assert.equal(cv.cvm.length, memory.cvm.length);
  assert.ok(cv.cvm.length >= 10);
  cv.cvm.forEach((v, l) => assert.ok(Math.abs(v - memory.cvm[l]) <= 1e-9 * memory.cvm[l], `cvm at λ_${l}: ${v} vs ${memory.cvm[l]}`));
  assert.equal(cv.indexMin, memory.indexMin);
  assert.equal(cv.index1se, memory.index1se);
  // explain at λ_1se from the statistics: the same solution as explain on the rows.
  const got = shrinkage.explainFromStats(stats, cv.path, { lambda: "lambda1se", cv });
  const want = shrinkage.explain(memory.path, { x: design.x, y: design.y, weights: design.weights }, { lambda: memory.lambda1se });
  assert.deepEqual(got.coefficients.map((c) => [c.feature, c.status]), want.coefficients.map((c) => [c.feature, c.status]));
  got.coefficients.forEach((c, j) => assert.ok(Math.abs(c.coefficient - want.coefficients[j].coefficient) <= 1e-7 * Math.max(1, Math.abs(want.coefficients[j].coefficient)), c.feature));
});

test("fitGlmFromSource from the public entry: a Poisson path of the same rows as fitPath's", async () => {
  await ready;
  const roles = { target: "count", na: "drop" as const, ignore: ["id", "fold", "y", "w"] };
  const engine = await shrinkage.openSource(shrinkage.parseLocation(`duckdb:?query=${encodeURIComponent(`SELECT * FROM read_parquet('${parquet}')`)}`));
  let path;
  try {
    const stats = await shrinkage.scanSource(engine, roles);
    path = await shrinkage.fitGlmFromSource(engine, stats, { family: "poisson", nlambda: 8 });
  } finally {
    await engine.close();
  }
  const design = shrinkage.buildDesign(shrinkage.parseCsv(data.csv), { ...roles, family: "poisson" });
  // The in-memory IRLS run to convergence (its default thresh stops it near 1e-7 of the deviance).
  const memory = shrinkage.fitPath(design.x, design.y, { family: "poisson", nlambda: 8, thresh: 1e-14 });
  assert.deepEqual(path.features, memory.features);
  assert.equal(path.lambda.length, memory.lambda.length);
  path.devRatio.forEach((v, l) => assert.ok(Math.abs(v - memory.devRatio[l]) <= 1e-7, `devRatio at λ_${l}: ${v} vs ${memory.devRatio[l]}`));
});
