// Defects the wave-2 fuzzer found (issue 21), each as a class: a test per class, not per example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../src/errors.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { assertOneLineError, run, scratchFile } from "./helpers.js";

// MCP and SCAD fitted a gaussian outcome whose deviance overflows (values near 1e299) and printed
// devRatio and nullDeviance as null with exit 0; the elastic net refuses it. Now both refuse it alike.
test("a gaussian outcome too large to square is refused under every penalty, as the elastic net refuses it", async () => {
  const rows = ["y,x1,x2", "1e299,1,0.5", "-3e298,2,0.1", "2e299,3,0.9", "5e298,4,0.3", "-1e299,5,0.7", "4e298,6,0.2"];
  const file = scratchFile("huge.csv", rows.join("\n") + "\n");
  const penalties = ["lasso", "mcp", "scad"];
  for (const penalty of penalties) {
    assertOneLineError(await run(["fit", file, "--target", "y", "--penalty", penalty, "--format", "json"]), /the outcome is too large to square \(values up to 2e\+299\)/);
  }
  const x = modelMatrix(["x1", "x2"], [[1, 2, 3, 4, 5, 6], [0.5, 0.1, 0.9, 0.3, 0.7, 0.2]]);
  const y = [1e299, -3e298, 2e299, 5e298, -1e299, 4e298];
  for (const penalty of ["mcp", "scad"] as const) assert.throws(() => fitPath(x, y, { penalty }), (e: unknown) => e instanceof DataError && /too large to square/.test(e.message));
  assert.equal(penalties.length, 3);
});

// explain printed "Infinity" in the pull₀/price column at α = 6e-323: the price λ·α·v was a denormal
// number and the ratio overflowed. A ratio to a price too small to compare with is null (shown blank).
test("drop costs' pull-to-price ratio is a finite number or null, never Infinity, when α is tiny", async () => {
  const { dropCosts } = await import("../../src/explain/drop.js");
  const x = modelMatrix(["a", "b", "c"], [[1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7], [1, 0, 1, 0, 1, 1, 0, 0]]);
  const y = [1.2, 1.9, 3.4, 3.8, 5.1, 6.3, 6.8, 8.4];
  const path = fitPath(x, y, { alpha: 6e-323, nlambda: 5 });
  const costs = dropCosts(path, { x, y }, { lambda: path.lambda[2] });
  const ratios = costs.costs.map((d) => d.pullRatio);
  assert.equal(ratios.length, 3);
  assert.ok(ratios.every((r) => r === null || Number.isFinite(r)), String(ratios));
  assert.ok(ratios.some((r) => r === null), "a denormal price gives no ratio");
});

// MCP on features of scale 1e-200 (every sd ≤ 1e-6, which ncvreg leaves out) drew a chart "for λ from 0
// down to NaN" with exit 0. With no usable column there is no path: refused, naming the rule.
test("MCP and SCAD refuse a design whose every feature ncvreg would leave out (sd ≤ 1e-6)", async () => {
  const rows = ["y,a,b", "1,1e-200,3e-201", "0,-2e-200,1e-201", "1,3e-200,-2e-201", "0,1e-201,5e-201", "1,-1e-200,2e-201", "0,2e-200,-1e-201"];
  const file = scratchFile("tiny.csv", rows.join("\n") + "\n");
  const cases = [["plot", "--family", "binomial", "--penalty", "mcp"], ["fit", "--family", "gaussian", "--penalty", "scad"]];
  for (const [command, ...args] of cases) {
    assertOneLineError(await run([command, file, "--target", "y", ...args]), /every feature has a standard deviation ≤ 1e-6, which (mcp|scad) leaves out/);
  }
  assert.equal(cases.length, 2);
});
