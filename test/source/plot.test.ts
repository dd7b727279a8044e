/**
 * `plot SOURCE`: the charts that need only the path, its cross-validation and the explanation at λ,
 * drawn from a source's statistics, are the in-memory charts of the same rows (every number within
 * 1e-9); the kinds that read each row are refused, naming the kind and saying it needs the rows.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { run, scratchFile } from "../cli/helpers.js";
import { sourceData } from "./data.js";
import { duckdbCopies } from "./duckdb-copies.js";
import { assertSameSvg } from "./svg.js";

const { csv, duck, parquet, ready } = duckdbCopies(300);

const COMMON = ["--target", "y", "--weights", "w", "--ignore", "id", "--foldid", "fold", "--na", "drop", "--alpha", "0.7", "--nlambda", "40"];
const CASES: { name: string; options: string[] }[] = [
  { name: "path", options: ["--kind", "path"] },
  { name: "path at λ_min, standardized, against the deviance explained", options: ["--kind", "path", "--lambda", "min", "--scale", "standardized", "--xvar", "dev"] },
  { name: "cv", options: ["--kind", "cv"] },
  { name: "pull at λ_1se", options: ["--kind", "pull"] },
  { name: "pull at a λ off the path", options: ["--kind", "pull", "--lambda", "0.05"] },
  { name: "spectrum", options: ["--kind", "spectrum", "--lambda", "min"] },
];
test("the cases cover every kind drawn from a source", () => assert.deepEqual([...new Set(CASES.map((c) => c.options[1]))], ["path", "cv", "pull", "spectrum"]));

for (const { name, options } of CASES) {
  test(`${name}: the chart from a Parquet file is the in-memory chart of the same rows`, async () => {
    await ready;
    const source = await run(["plot", parquet, ...COMMON, ...options]);
    assert.equal(source.code, 0, source.stderr);
    const memory = await run(["plot", csv, ...COMMON, ...options]);
    assert.equal(memory.code, 0, memory.stderr);
    assertSameSvg(source.stdout, memory.stdout, 1e-9);
    assert.match(source.stderr, /dropped \d+ rows with a missing or non-numeric value/);
  });
}

test("binomial pull from a DuckDB query, by IRLS passes: the in-memory chart (numbers to 1e-6)", async () => {
  await ready;
  const query = encodeURIComponent("SELECT id, x1, big, g, fold, CASE WHEN y > 1 THEN 1 WHEN y <= 1 THEN 0 END AS yb FROM t");
  const binomialCsv = scratchFile("binomial.csv", sourceData(300).csv.split("\n").map((line, i) => {
    if (line === "") return line;
    const [id, x1, big, , g, , fold, y] = line.split(",");
    return i === 0 ? "id,x1,big,g,fold,yb" : [id, x1, big, g, fold, y === "" ? "" : Number(y) > 1 ? 1 : 0].join(",");
  }).join("\n"));
  const options = ["--target", "yb", "--family", "binomial", "--ignore", "id", "--foldid", "fold", "--na", "drop", "--nlambda", "12", "--kind", "pull", "--lambda", "0.02"];
  const source = await run(["plot", `duckdb:${duck}?query=${query}`, ...options]);
  assert.equal(source.code, 0, source.stderr);
  const memory = await run(["plot", binomialCsv, ...options]);
  assert.equal(memory.code, 0, memory.stderr);
  assertSameSvg(source.stdout, memory.stdout, 1e-6);
});

const REFUSED: { kind: string; options: string[]; message: RegExp }[] = [
  { kind: "survival", options: ["--target", "y"], message: /--kind survival needs the rows in memory \(its Kaplan–Meier curves read each row's time, status and linear predictor\)/ },
  { kind: "price", options: ["--target", "y"], message: /--kind price needs the rows in memory/ },
  { kind: "drop", options: ["--target", "y"], message: /--kind drop needs the rows in memory/ },
  { kind: "spectrum", options: ["--family", "poisson", "--target", "count", "--lambda", "0.1"], message: /--kind spectrum needs the rows in memory for a poisson fit/ },
];
test("the refused kinds are every kind not drawn from a source, and a GLM's spectrum", () => assert.deepEqual(REFUSED.map((r) => r.kind), ["survival", "price", "drop", "spectrum"]));
for (const r of REFUSED) {
  test(`refused: --kind ${r.kind} ${r.options.join(" ")} from a source, an option error naming the kind`, async () => {
    await ready;
    const out = await run(["plot", parquet, "--ignore", "id,fold,w", "--na", "drop", "--kind", r.kind, ...r.options]);
    assert.equal(out.code, 2, out.stderr);
    assert.equal(out.stdout, "");
    assert.match(out.stderr, r.message);
  });
}
