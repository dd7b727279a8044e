// --relax on fit and cv: the relaxed refits and the cross-validated (λ, γ), as the library computes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coef } from "../../src/solve/predict.js";
import { cvPath } from "../../src/cv/cv.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";
import { DIABETES, run } from "./helpers.js";

const { x, y } = referenceProblem(loadReference("diabetes_lasso"));

test("fit --relax prints the relaxed coefficients, and its JSON holds them as the library computes them", async () => {
  const r = await run(["fit", DIABETES, "--target", "progression", "--relax", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const path = fitPath(x, y, { relax: true });
  assert.equal(json.relaxed.coefficients.length, path.lambda.length);
  for (const k of [5, 20, path.lambda.length - 1]) {
    const rel = coef(path, path.lambda[k], { gamma: 0 });
    assert.deepEqual(json.relaxed.coefficients[k], Array.from(rel.beta));
    assert.equal(json.relaxed.intercept[k], rel.intercept);
  }
  const table = await run(["fit", DIABETES, "--target", "progression", "--relax"]);
  assert.match(table.stdout, /Relaxed \(--relax\): refitted without penalty/);
  const plain = await run(["fit", DIABETES, "--target", "progression", "--format", "json"]);
  assert.equal(JSON.parse(plain.stdout).relaxed, undefined);
});

test("cv --relax reports the cross-validated (λ, γ) of cvPath with relax", async () => {
  const r = await run(["cv", DIABETES, "--target", "progression", "--relax", "--seed", "3", "--jobs", "1", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const lib = cvPath(x, y, { relax: true, seed: 3 });
  assert.deepEqual(json.cv.relaxed.gamma, [0, 0.25, 0.5, 0.75, 1]);
  assert.equal(json.cv.relaxed.lambdaMin, lib.relaxed!.lambdaMin);
  assert.equal(json.cv.relaxed.gammaMin, lib.relaxed!.gammaMin);
  assert.equal(json.cv.relaxed.lambda1se, lib.relaxed!.lambda1se);
  assert.equal(json.cv.relaxed.gamma1se, lib.relaxed!.gamma1se);
  const table = await run(["cv", DIABETES, "--target", "progression", "--relax", "--seed", "3", "--jobs", "1"]);
  assert.match(table.stdout, /relaxed \(blend γ·β \+ \(1 − γ\)·β_relaxed.*minimum at λ = [0-9.]+, γ = [0-9.]+/);
});
