// --penalty mcp|scad, --gamma and --adaptive on fit and cv: the JSON of DESIGN.md's Wave 2 contracts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fitAdaptive } from "../../src/cv/cv.js";
import { loadNcvReference, ncvProblem } from "../helpers/ncvreg.js";
import { ROOT, run, scratchFile } from "./helpers.js";

const PROSTATE = join(ROOT, "data/prostate.csv");
const HEART = join(ROOT, "data/heart.csv");

test("fit --penalty mcp --thresh 1e-12 prints ncvreg's path, with penalty and gamma in the JSON", async () => {
  const ref = loadNcvReference("prostate_mcp");
  const r = await run(["fit", PROSTATE, "--target", "lpsa", "--penalty", "mcp", "--thresh", "1e-12", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.penalty, "mcp");
  assert.equal(json.gamma, 3);
  assert.deepEqual(json.features, ref.features);
  assert.equal(json.lambda.length, ref.lambda.length);
  for (const l of [1, 30, 99]) {
    assert.ok(Math.abs(json.lambda[l] / ref.lambda[l] - 1) < 1e-8);
    const big = Math.max(...ref.coefficients[l].map(Math.abs));
    json.coefficients[l].forEach((b: number, j: number) => assert.ok(Math.abs(b - ref.coefficients[l][j]) < 1e-6 * big, `λ[${l}] ${ref.features[j]}`));
  }
  const lasso = JSON.parse((await run(["fit", PROSTATE, "--target", "lpsa", "--format", "json"])).stdout);
  assert.equal(lasso.penalty, "lasso");
  assert.equal(lasso.gamma, undefined);
});

test("--gamma at or below 1 (MCP) or 2 (SCAD), or without mcp/scad, is an error naming --gamma", async () => {
  const cases = [["--penalty", "mcp", "--gamma", "1"], ["--penalty", "scad", "--gamma", "2"], ["--gamma", "3"]];
  assert.equal(cases.length, 3);
  for (const extra of cases) {
    const r = await run(["fit", PROSTATE, "--target", "lpsa", ...extra]);
    assert.notEqual(r.code, 0);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /--gamma/);
  }
  const r = await run(["fit", PROSTATE, "--target", "lpsa", "--penalty", "scad", "--gamma", "4.5", "--format", "json"]);
  assert.equal(JSON.parse(r.stdout).gamma, 4.5);
});

test("cv --penalty mcp with the reference's folds gives cv.ncvreg's λ_min", async () => {
  const ref = loadNcvReference("heart_mcp");
  const { x } = ncvProblem(ref);
  assert.equal(x.n, ref.cv?.foldid.length);
  // The fold ids as a column of the file.
  
  const csv = (await import("node:fs")).readFileSync(HEART, "utf8").trim().split("\n");
  const file = scratchFile("heart-folds.csv", [csv[0] + ",fold", ...csv.slice(1).map((line, i) => `${line},${ref.cv?.foldid[i]}`)].join("\n") + "\n");
  const r = await run(["cv", file, "--target", "chd", "--family", "binomial", "--penalty", "mcp", "--thresh", "1e-12", "--foldid", "fold", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.penalty, "mcp");
  assert.ok(Math.abs(json.cv.lambdaMin / (ref.cv?.lambdaMin ?? NaN) - 1) < 1e-10);
  assert.ok(Math.abs(json.cv.cvm[10] / (ref.cv?.cvm[10] ?? NaN) - 1) < 1e-10);
});

test("fit --adaptive reports the penalty factors it used, the library's fitAdaptive's", async () => {
  const r = await run(["fit", PROSTATE, "--target", "lpsa", "--adaptive", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const { x, y } = ncvProblem(loadNcvReference("prostate_mcp"));
  const path = fitAdaptive(x, y, { adaptive: true });
  assert.equal(json.adaptive.first, "ridge");
  assert.equal(json.adaptive.nu, 1);
  assert.deepEqual(json.adaptive.penaltyFactor, Array.from(path.adaptive?.penaltyFactor ?? []));
  assert.equal(json.adaptive.penaltyFactor.length, 8);
  assert.ok(json.adaptive.penaltyFactor.every((v: number) => v > 0));
  assert.deepEqual(json.coefficients.at(-1), Array.from({ length: 8 }, (_, j) => {
    const last = path.beta[path.beta.length - 1];
    const k = Array.from(last.index).indexOf(j);
    return k < 0 ? 0 : last.value[k];
  }));
  const both = await run(["fit", PROSTATE, "--target", "lpsa", "--adaptive", "--penalty", "mcp"]);
  assert.notEqual(both.code, 0);
  assert.match(both.stderr, /--adaptive/);
});

test("cv --penalty mcp --jobs 3 prints the numbers of --jobs 1 (folds on worker threads)", async () => {
  const args = ["cv", PROSTATE, "--target", "lpsa", "--penalty", "mcp", "--folds", "5", "--seed", "9", "--format", "json"];
  const one = await run([...args, "--jobs", "1"]);
  const three = await run([...args, "--jobs", "3"]);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(three.code, 0, three.stderr);
  const a = JSON.parse(one.stdout).cv, b = JSON.parse(three.stdout).cv;
  assert.equal(a.cvm.length, 100);
  assert.deepEqual(b, a);
});

test("fit --penalty mcp --penalty-factor lcavol=0 keeps lcavol in at every λ", async () => {
  const r = await run(["fit", PROSTATE, "--target", "lpsa", "--penalty", "mcp", "--penalty-factor", "lcavol=0", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const j = json.features.indexOf("lcavol");
  assert.ok(j >= 0);
  assert.equal(json.coefficients.length, 100);
  for (const row of json.coefficients) assert.notEqual(row[j], 0);
});
