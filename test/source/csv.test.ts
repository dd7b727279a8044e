/**
 * A CSV read through DuckDB takes its column types as the in-memory reader does: a number column with
 * "NA", blank, "NaN", " na " or "Inf" cells is numeric with those missing (--na), not text; a stray word
 * in a number column drops its row under --na drop and is an error naming the column and the line under
 * --na error, as in memory.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { fitFromStats } from "../../src/source/fit.js";
import type { Path } from "../../src/solve/types.js";
import type { Design } from "../../src/data/design.js";
import { objective } from "../helpers/objective.js";
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

/** Both paths' penalized objectives agree within 1e-9 (relative) at every λ, on the in-memory rows. */
function assertSamePath(got: Path, want: Path, design: Design): void {
  assert.deepEqual(got.features, want.features);
  assert.equal(got.lambda.length, want.lambda.length);
  assert.ok(want.lambda.length >= 10, "the path has λs to compare");
  for (let l = 0; l < want.lambda.length; l++) {
    const opts = { alpha: 1, lambda: want.lambda[l], standardize: true, intercept: true };
    const a = objective(design.x, design.y, "gaussian", opts, got.intercept[l], coefficientsAt(got, l));
    const b = objective(design.x, design.y, "gaussian", opts, want.intercept[l], coefficientsAt(want, l));
    assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `objective at λ_${l}: ${a} vs ${b}`);
  }
}

test("--na drop: a stray word in a number column drops its row, as in memory (the same rows, the same path to 1e-9)", async () => {
  const strayText = csvWithMissing(300, "abc");
  const bad = scratchFile("stray.csv", strayText);
  const design = buildDesign(parseCsv(strayText), { target: "y", na: "drop", ignore: ["id"] });
  assert.deepEqual(design.x.names, ["x", "g=b", "g=c"]);
  assert.ok(!design.rowNumbers.includes(300), "the stray word's line is dropped in memory");
  const stats = await scan(`duckdb:${bad}`, { target: "y", na: "drop", ignore: ["id"] });
  assert.deepEqual(stats.names, design.x.names);
  assert.equal(stats.rows, design.x.n);
  assert.equal(stats.droppedRows, design.droppedRows);
  assertSamePath(fitFromStats(stats, { nlambda: 30 }), fitPath(design.x, design.y, { nlambda: 30 }), design);
});

test("--na error: a stray word in a number column is an error naming the column and the line; left out, the column is not read", async () => {
  const bad = scratchFile("stray.csv", csvWithMissing(300, "abc"));
  await assert.rejects(scan(`duckdb:${bad}`, { target: "y", na: "error", ignore: ["id"] }), /column "x" of .*stray\.csv holds numbers, but line 300 has "abc", which is not a number; fix that cell, drop its row \(na drop\), or leave the column out \(ignore\)/);
  const stats = await scan(`duckdb:${bad}`, { target: "y", ignore: ["id", "x"] });
  assert.deepEqual(stats.names, ["g=b", "g=c"]);
});

/**
 * Columns at the reader's edges: h mostly words with a few numbers (text: every value a level, numbers
 * too), t as many numbers as words (numeric, as in memory: numbers are not outnumbered), m every cell
 * missing but one number.
 */
function edgeCsv(): string {
  const r = rng(11);
  const lines = ["h,t,x,y"];
  for (let i = 0; i < 60; i++) {
    const h = i % 5 === 0 ? String(i % 3) : ["red", "green", "blue"][i % 3];
    const t = i % 2 === 0 ? String(r.normal()) : i % 4 === 1 ? "word" : "other";
    const x = r.normal();
    lines.push(`${h},${t},${x},${1 + x + r.normal()}`);
  }
  return lines.join("\n") + "\n";
}

test("--na drop: a column mostly of words is text with indicators (its numbers levels), one of as many numbers as words numeric with the words' rows dropped", async () => {
  const edge = edgeCsv();
  const design = buildDesign(parseCsv(edge), { target: "y", na: "drop" });
  assert.deepEqual(design.x.names, ["h=1", "h=2", "h=blue", "h=green", "h=red", "t", "x"]);
  assert.equal(design.droppedRows, 30);
  const stats = await scan(`duckdb:${scratchFile("edge.csv", edge)}`, { target: "y", na: "drop" });
  assert.deepEqual(stats.names, design.x.names);
  assert.equal(stats.rows, 30);
  assert.equal(stats.droppedRows, 30);
  assertSamePath(fitFromStats(stats, { nlambda: 20 }), fitPath(design.x, design.y, { nlambda: 20 }), design);
});

test("a number with a thousands separator in a number column is an error under --na drop too, as in memory", async () => {
  const text = csvWithMissing(200, '"1,234"');
  assert.throws(() => buildDesign(parseCsv(text), { target: "y", na: "drop", ignore: ["id"] }), /column "x", row 200: "1,234" is a number written with/);
  const bad = scratchFile("formatted.csv", text);
  await assert.rejects(scan(`duckdb:${bad}`, { target: "y", na: "drop", ignore: ["id"] }), /column "x" of .*formatted\.csv holds numbers, but line 200 has "1,234", a number with a separator: a source reads plain numbers \(1234\.5\) only/);
});

test("on the command line: --na drop drops the stray word's row and says so; --na error names its column and line (exit 1)", async () => {
  const bad = scratchFile("stray-cli.csv", csvWithMissing(120, "x12"));
  const dropped = await run(["fit", `duckdb:${bad}`, "--target", "y", "--ignore", "id", "--na", "drop", "--format", "json"]);
  assert.equal(dropped.code, 0, dropped.stderr);
  const memory = await run(["fit", bad, "--target", "y", "--ignore", "id", "--na", "drop", "--format", "json"]);
  assert.equal(memory.code, 0, memory.stderr);
  const [a, b] = [JSON.parse(dropped.stdout), JSON.parse(memory.stdout)];
  const droppedCount = Number(/dropped (\d+) rows with a missing or non-numeric value/.exec(dropped.stderr)?.[1]);
  assert.equal(droppedCount, Number(/dropped (\d+) rows with a missing or non-numeric value/.exec(memory.stderr)?.[1]));
  assert.ok(droppedCount > 0);
  a.lambda.forEach((v: number, l: number) => assert.ok(Math.abs(v - b.lambda[l]) <= 1e-9 * b.lambda[l], `λ_${l}`));
  const refused = await run(["fit", `duckdb:${bad}`, "--target", "y", "--ignore", "id", "--na", "error"]);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /column "x" of .*stray-cli\.csv holds numbers, but line 120 has "x12", which is not a number/);
});
