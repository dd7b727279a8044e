// --relax on fit and cv: the relaxed refits and the cross-validated (λ, γ), as the library computes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coef } from "../../src/solve/predict.js";
import { cvPath } from "../../src/cv/cv.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";
import { join } from "node:path";
import { DIABETES, ROOT, assertOneLineError, run } from "./helpers.js";

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

test("--relax with a multi-response family is refused up front in one line naming --relax and the family", async () => {
  const cases = [
    { family: "multinomial", file: "data/glmnet_multinomial.csv", target: "class" },
    { family: "mgaussian", file: "data/glmnet_mgaussian.csv", target: "y1,y2" },
  ];
  for (const c of cases) {
    // cv and fit store X densely or sparsely; explain and plot take no storage option.
    const runs = [["cv", "--dense"], ["cv", "--sparse"], ["fit", "--dense"], ["fit", "--sparse"], ["explain"], ["plot"]];
    for (const [command, ...storage] of runs) {
      const r = await run([command, join(ROOT, c.file), "--target", c.target, "--family", c.family, "--relax", ...storage]);
      assertOneLineError(r, `--relax is not supported for --family ${c.family}`);
      // Not the library's words: no function name, no list of its option names.
      assert.doesNotMatch(r.stderr, /PathParallel|fit\w+Path|the options are/, `${command} ${c.family} ${storage.join(" ")}`);
    }
  }
  // Without --relax the same command runs.
  const ok = await run(["cv", join(ROOT, cases[1].file), "--target", "y1,y2", "--family", "mgaussian", "--folds", "3", "--jobs", "1"]);
  assert.equal(ok.code, 0, ok.stderr);
});
