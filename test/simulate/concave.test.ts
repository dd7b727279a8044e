import { test } from "node:test";
import assert from "node:assert/strict";
import { compareConcave, scoreSelection } from "../../src/simulate/concave.js";
import { makeDesign } from "../../src/simulate/design.js";
import { run } from "../cli/helpers.js";

test("scoreSelection counts exact recovery, false and true selections, and the survivors' bias toward zero", () => {
  const truth = [2, -1, 0, 0];
  assert.deepEqual(scoreSelection([1.5, -0.5, 0, 0], truth), { exact: true, fp: 0, tp: 2, biasSum: -0.5 - 0.5, kept: 2 });
  assert.deepEqual(scoreSelection([2.5, 0, 0.1, 0], truth), { exact: false, fp: 1, tp: 1, biasSum: 0.5, kept: 1 });
});

test("on a strong sparse truth MCP and SCAD shrink the survivors less than the lasso and select fewer false ones", () => {
  const design = makeDesign({ n: 120, p: 20, s: 3, size: 1, positions: "spread", sigma: 1 });
  const rows = compareConcave(design, { reps: 3, seed: 7, nfolds: 5 });
  assert.deepEqual(rows.map((r) => r.method), ["lasso", "mcp", "scad", "adaptive"]);
  const by = Object.fromEntries(rows.map((r) => [r.method, r]));
  for (const r of rows) assert.equal(r.trueSelections, 3, `${r.method} keeps every strong signal`);
  assert.ok(by.lasso.survivorBias < -0.02, `lasso bias ${by.lasso.survivorBias}`);
  for (const m of ["mcp", "scad"]) {
    assert.ok(Math.abs(by[m].survivorBias) < Math.abs(by.lasso.survivorBias) / 2, `${m} bias ${by[m].survivorBias} vs lasso ${by.lasso.survivorBias}`);
    assert.ok(by[m].falseSelections <= by.lasso.falseSelections, `${m} false ${by[m].falseSelections}`);
  }
});

test("simulate --penalties prints the four methods; --methods picks among them", async () => {
  const r = await run(["simulate", "--n", "80", "--p", "10", "--s", "2", "--penalties", "--reps", "1", "--folds", "5", "--methods", "lasso,scad", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.penalties.map((m: { method: string }) => m.method), ["lasso", "scad"]);
  const bad = await run(["simulate", "--n", "80", "--p", "10", "--s", "2", "--penalties", "--methods", "ridge"]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--methods/);
});
