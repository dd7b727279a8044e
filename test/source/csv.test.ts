/**
 * A CSV read through DuckDB takes its column types as the in-memory reader does: a number column with
 * "NA", blank, "NaN", " na " or "Inf" cells is numeric with those missing (--na), not text; a stray word
 * in a number column is an error naming the column and the line.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { fitFromStats } from "../../src/source/fit.js";
import { openSource } from "../../src/source/open.node.js";
import { scanSource } from "../../src/source/scan.js";
import type { SourceRoles } from "../../src/source/design.js";
import { run, scratchFile } from "../cli/helpers.js";
import { rng } from "../helpers/random.js";

/** Rows with x missing in many spellings (some past DuckDB's 20,480-row sample), a text column g and y. */
function csvWithMissing(rows: number, stray: string | null = null): string {
  const r = rng(3);
  const MISSING = ["NA", "", "NaN", " na ", "Inf", "-inf", "NULL", "?"];
  const lines = ["id,x,g,y"];
  for (let i = 0; i < rows; i++) {
    const x = r.normal();
    const g = ["a", "b", "c"][i % 3];
    const y = 1 + 2 * x + (g === "b" ? 1 : 0) + r.normal();
    const cell = i % 17 === 4 || i === rows - 3 ? MISSING[i % MISSING.length] : i === rows - 2 && stray !== null ? stray : String(x);
    lines.push(`${i},${cell},${g},${y}`);
  }
  return lines.join("\n") + "\n";
}

const text = csvWithMissing(21_000);
const file = scratchFile("missing.csv", text);

async function scan(location: string, roles: SourceRoles) {
  const engine = await openSource(location);
  try {
    return await scanSource(engine, roles);
  } finally {
    await engine.close();
  }
}

test("a number column with NA, blank, NaN and Inf cells is numeric, those missing: the in-memory design and path", async () => {
  const design = buildDesign(parseCsv(text), { target: "y", na: "drop", ignore: ["id"] });
  assert.deepEqual(design.x.names, ["x", "g=b", "g=c"]);
  assert.ok(design.droppedRows > 1000, "many rows have x missing");
  const stats = await scan(`duckdb:${file}`, { target: "y", na: "drop", ignore: ["id"] });
  assert.deepEqual(stats.names, design.x.names);
  assert.equal(stats.rows, design.x.n);
  assert.equal(stats.droppedRows, design.droppedRows);
  const got = fitFromStats(stats, { nlambda: 20 });
  const want = fitPath(design.x, design.y, { nlambda: 20 });
  assert.equal(got.lambda.length, want.lambda.length);
  for (let l = 0; l < want.lambda.length; l++) {
    const [a, b] = [coefficientsAt(got, l), coefficientsAt(want, l)];
    b.forEach((v, j) => assert.ok(Math.abs(a[j] - v) <= 1e-7 * Math.max(1, Math.abs(v)), `β_${j} at λ_${l}: ${a[j]} vs ${v}`));
  }
});

test("without --na drop the missing cells are refused, naming the column and how many", async () => {
  const missing = text.split("\n").slice(1, -1).filter((line) => !Number.isFinite(Number(line.split(",")[1])) || line.split(",")[1].trim() === "").length;
  assert.ok(missing > 1000);
  await assert.rejects(scan(`duckdb:${file}`, { target: "y", ignore: ["id"] }), new RegExp(`column "x" of .*missing\\.csv (is NULL|holds NaN or an infinite value) in \\d+ rows`));
});

test("a stray word in a number column is an error naming the column and the line; left out, the column is not read", async () => {
  const bad = scratchFile("stray.csv", csvWithMissing(300, "abc"));
  await assert.rejects(scan(`duckdb:${bad}`, { target: "y", na: "drop", ignore: ["id"] }), /column "x" of .*stray\.csv holds numbers, but line 300 has "abc", which is not a number/);
  const stats = await scan(`duckdb:${bad}`, { target: "y", na: "drop", ignore: ["id", "x"] });
  assert.deepEqual(stats.names, ["g=b", "g=c"]);
});

test("on the command line: the stray word's column and line, a data error (exit 1)", async () => {
  const bad = scratchFile("stray-cli.csv", csvWithMissing(120, "x12"));
  const r = await run(["fit", `duckdb:${bad}`, "--target", "y", "--ignore", "id", "--na", "drop"]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /column "x" of .*stray-cli\.csv holds numbers, but line 120 has "x12", which is not a number/);
});
