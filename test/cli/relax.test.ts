// --relax on fit and cv: the relaxed refits and the cross-validated (λ, γ), as the library computes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coef, coefficientsAt } from "../../src/solve/predict.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { readFileSync } from "node:fs";
import { cvPath } from "../../src/cv/cv.js";
import { cvMultiPath } from "../../src/cv/multi-cv.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";
import { join } from "node:path";
import { DIABETES, ROOT, assertOneLineError, run } from "./helpers.js";

/** A CSV's header and its columns as text, by name. */
function readCsvTable(file: string): { names: string[]; column: (name: string) => string[] } {
  const lines = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const names = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
  return { names, column: (name) => lines.slice(1).map((l) => l.split(",")[names.indexOf(name)].replace(/^"|"$/g, "")) };
}

/** A numeric CSV's columns by name. */
function loadCsvColumns(file: string): (name: string) => Float64Array {
  const lines = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const names = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
  return (name) => Float64Array.from(lines.slice(1), (l) => Number(l.split(",")[names.indexOf(name)]));
}

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

test("--relax with a multi-response family: fit and cv relax the path; explain and plot refuse up front in one line", async () => {
  const cases = [
    { family: "multinomial", file: "data/glmnet_multinomial.csv", target: "class" },
    { family: "mgaussian", file: "data/glmnet_mgaussian.csv", target: "y1,y2" },
  ];
  for (const c of cases) {
    // explain and plot take no storage option.
    const runs = [["explain"], ["plot"]];
    for (const [command, ...storage] of runs) {
      const r = await run([command, join(ROOT, c.file), "--target", c.target, "--family", c.family, "--relax", ...storage]);
      assertOneLineError(r, `--relax is not supported for --family ${c.family} in explain or plot (fit and cv take it)`);
      // Not the library's words: no function name, no list of its option names.
      assert.doesNotMatch(r.stderr, /PathParallel|fit\w+Path|the options are/, `${command} ${c.family} ${storage.join(" ")}`);
    }
    for (const command of ["fit", "cv"]) {
      const sparse = await run([command, join(ROOT, c.file), "--target", c.target, "--family", c.family, "--relax", "--sparse"]);
      assertOneLineError(sparse, "--relax is not offered for a sparse X");
    }
  }
  // Without --relax the same command runs.
  const ok = await run(["cv", join(ROOT, cases[1].file), "--target", "y1,y2", "--family", "mgaussian", "--folds", "3", "--jobs", "1"]);
  assert.equal(ok.code, 0, ok.stderr);
});

test("fit --family multinomial|mgaussian --relax holds the relaxed refits as the library computes them", async () => {
  const m = await run(["fit", join(ROOT, "data/glmnet_multinomial.csv"), "--target", "class", "--family", "multinomial", "--relax", "--format", "json"]);
  assert.equal(m.code, 0, m.stderr);
  const mj = JSON.parse(m.stdout);
  const table = readCsvTable(join(ROOT, "data/glmnet_multinomial.csv"));
  const feats = table.names.filter((n) => n !== "class");
  const xm = modelMatrix(feats, feats.map((f) => table.column(f).map(Number)));
  const labels = table.column("class");
  const path = fitPath(xm, labels.every((v) => v !== "" && Number.isFinite(Number(v))) ? labels.map(Number) : labels, { family: "multinomial", relax: true });
  assert.equal(mj.relaxed.coefficients.length, path.lambda.length);
  const l = 20, p = feats.length;
  assert.deepEqual(mj.relaxed.intercept[l], Array.from(path.relaxed!.intercept[l]));
  assert.deepEqual(mj.relaxed.coefficients[l], path.classes.map((_, k) => Array.from(path.relaxed!.beta[l].subarray(k * p, (k + 1) * p))));
  const text = await run(["fit", join(ROOT, "data/glmnet_mgaussian.csv"), "--target", "y1,y2", "--family", "mgaussian", "--relax"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Relaxed \(--relax\): refitted without penalty on the same variables at those λs:\n\nResponse "y1":/);
});

test("fit --family cox --relax holds the relaxed Cox refits (no intercept) as the library computes them; explain shows them", async () => {
  const SURVIVAL = join(ROOT, "test/fixtures/cox/survival.csv");
  const cox = ["--family", "cox", "--target", "time", "--status", "status", "--strata", "stratum", "--ignore", "start,w,off"];
  const r = await run(["fit", SURVIVAL, ...cox, "--relax", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.relaxed.intercept, null);
  const sv = loadCsvColumns(SURVIVAL);
  const names = ["v1", "v2", "v3", "v4", "v5", "v6"];
  const path = fitPath(modelMatrix(names, names.map(sv)), sv("time"), { family: "cox", relax: true, survival: { status: sv("status"), strata: sv("stratum") } });
  assert.equal(json.relaxed.coefficients.length, path.lambda.length);
  for (const k of [5, 20, path.lambda.length - 1]) assert.deepEqual(json.relaxed.coefficients[k], Array.from(coef(path, path.lambda[k], { gamma: 0 }).beta));
  const table = await run(["fit", SURVIVAL, ...cox, "--relax"]);
  assert.match(table.stdout, /Relaxed \(--relax\): refitted without penalty/);
  const ex = await run(["explain", SURVIVAL, ...cox, "--relax", "--lambda", "0.05", "--format", "json"]);
  assert.equal(ex.code, 0, ex.stderr);
  const e = JSON.parse(ex.stdout);
  // explain's relaxed column: the unpenalized Cox fit on the variables active at λ = 0.05.
  const rows: { feature: string; status: string; relaxed: number | null }[] = e.coefficients;
  const exclude = rows.filter((c) => c.status !== "active").map((c) => c.feature);
  assert.ok(exclude.length > 0 && exclude.length < names.length);
  const refit = fitPath(modelMatrix(names, names.map(sv)), sv("time"), { family: "cox", lambda: [0], exclude, thresh: 1e-14, survival: { status: sv("status"), strata: sv("stratum") } });
  rows.forEach((c, j) => assert.ok(Math.abs((c.relaxed ?? 0) - coefficientsAt(refit, 0)[j]) < 1e-6, `explain's relaxed ${c.feature} ${c.relaxed}`));
});

test("cv --family cox --relax reports the cross-validated (λ, γ) of cvPath with relax", async () => {
  const SURVIVAL = join(ROOT, "test/fixtures/cox/survival.csv");
  const r = await run(["cv", SURVIVAL, "--family", "cox", "--target", "time", "--status", "status", "--ignore", "start,stratum,w,off", "--relax", "--seed", "3", "--jobs", "1", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const sv = loadCsvColumns(SURVIVAL);
  const names = ["v1", "v2", "v3", "v4", "v5", "v6"];
  const lib = cvPath(modelMatrix(names, names.map(sv)), sv("time"), { family: "cox", relax: true, seed: 3, survival: { status: sv("status") } });
  assert.deepEqual(json.cv.relaxed.cvm, lib.relaxed!.cvm.map((a) => Array.from(a)));
  assert.deepEqual([json.cv.relaxed.lambdaMin, json.cv.relaxed.gammaMin, json.cv.relaxed.lambda1se, json.cv.relaxed.gamma1se],
    [lib.relaxed!.lambdaMin, lib.relaxed!.gammaMin, lib.relaxed!.lambda1se, lib.relaxed!.gamma1se]);
});

test("cv --family mgaussian --relax reports the cross-validated (λ, γ) of cvMultiPath with relax", async () => {
  const file = join(ROOT, "data/glmnet_mgaussian.csv");
  const r = await run(["cv", file, "--target", "y1,y2", "--family", "mgaussian", "--relax", "--seed", "3", "--folds", "5", "--jobs", "2", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const table = readCsvTable(file);
  const feats = table.names.filter((n) => n !== "y1" && n !== "y2");
  const xm = modelMatrix(feats, feats.map((f) => table.column(f).map(Number)));
  const lib = cvMultiPath(xm, { family: "mgaussian", y: [table.column("y1").map(Number), table.column("y2").map(Number)] }, { relax: true, seed: 3, nfolds: 5, responses: ["y1", "y2"] });
  assert.deepEqual(json.cv.relaxed.gamma, [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(json.cv.relaxed.cvm, lib.relaxed!.cvm.map((a) => Array.from(a)));
  assert.deepEqual([json.cv.relaxed.lambdaMin, json.cv.relaxed.gammaMin, json.cv.relaxed.lambda1se, json.cv.relaxed.gamma1se],
    [lib.relaxed!.lambdaMin, lib.relaxed!.gammaMin, lib.relaxed!.lambda1se, lib.relaxed!.gamma1se]);
  const text = await run(["cv", file, "--target", "y1,y2", "--family", "mgaussian", "--relax", "--seed", "3", "--folds", "5"]);
  assert.match(text.stdout, /relaxed \(blend γ·β \+ \(1 − γ\)·β_relaxed.*minimum at λ = [0-9.]+, γ = [0-9.]+/);
});
