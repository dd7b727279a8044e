// Cases the fuzzer found (issue 21), kept as files so they stay fixed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { brokenPromise } from "../fuzz/promise.js";
import { ROOT, run } from "./helpers.js";

const FOUND = join(ROOT, "test/fixtures/fuzz");

test("cv with weights up to 1e300 and errors near 1e238 (ungrouped folds): finite cvm and cvsd, not Infinity ± NaN", async () => {
  const args = ["--target", "y", "--family", "gaussian", "--weights", "w", "--offset", "off", "--folds", "10", "--pmax", "2", "--thresh", "1e-14", "--na", "drop"];
  for (const format of ["table", "json"]) {
    const r = await run(["cv", join(FOUND, "cv-huge-weights.csv"), ...args, "--format", format]);
    assert.equal(brokenPromise({ command: "cv", args: [...args, "--format", format] }, r), null, r.stdout.slice(0, 400));
  }
});

test("explain where the outcome's weighted sum of squares underflows: no NaN in the ridge column", async () => {
  const args = ["--target", "y", "--family", "gaussian", "--weights", "w", "--foldid", "fold", "--maxit", "100", "--na", "drop"];
  const r = await run(["explain", join(FOUND, "explain-underflow.tsv"), ...args]);
  assert.equal(brokenPromise({ command: "explain", args }, r), null, r.stdout.slice(0, 600));
});

test("multinomial with weights from 1e-300 to 1e300: an error naming the overflow, not a table of NaN", async () => {
  const args = ["--target", "y", "--family", "multinomial", "--weights", "w", "--alpha", "0.5", "--format", "table"];
  const r = await run(["fit", join(FOUND, "multinomial-weights.csv"), ...args]);
  assert.equal(brokenPromise({ command: "fit", args }, r), null, r.stdout.slice(0, 600));
  assert.match(r.stderr, /not a number .* overflow 64-bit arithmetic/);
});

test("MCP with alpha = 9.4e-323: an error naming alpha, not a path of nulls", async () => {
  const args = ["--target", "y", "--family", "gaussian", "--alpha", "9.4e-323", "--na", "drop", "--penalty", "mcp", "--format", "json"];
  const r = await run(["fit", join(FOUND, "mcp-tiny-alpha.csv"), ...args]);
  assert.equal(brokenPromise({ command: "fit", args }, r), null, r.stdout.slice(0, 600));
  assert.match(r.stderr, /alpha is too small/);
});

test("explain where the Monte Carlo df overflows: no ± Infinity line", async () => {
  const args = ["--target", "y", "--family", "gaussian", "--weights", "w", "--folds", "3", "--nlambda", "1", "--maxit", "100", "--lambda-min-ratio", "1e-8"];
  const r = await run(["explain", join(FOUND, "explain-df-overflow.csv"), ...args]);
  assert.equal(brokenPromise({ command: "explain", args }, r), null, r.stdout.slice(0, 600));
});
