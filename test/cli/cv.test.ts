// `shrinkage cv` end to end: JSON equal to cvPath, the table with λ_min and λ_1se, folds, errors, progress.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cvPath, type CvOptions } from "../../src/cv/cv.js";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { signif } from "../../src/cli/format.js";
import { command as cvCommand } from "../../src/cli/commands/cv.js";
import { DIABETES, assertOneLineError, run, scratchFile } from "./helpers.js";

function libraryCv(file: string, options: CvOptions, foldidColumn?: string) {
  const d = buildDesign(parseCsv(readFileSync(file, "utf8")), { target: "progression", foldid: foldidColumn });
  return cvPath(d.x, d.y, { ...options, foldid: d.foldid ?? options.foldid });
}

test("--format json is the fit object plus cv, equal to cvPath with the same folds", async () => {
  const r = await run(["cv", DIABETES, "--target", "progression", "--folds", "5", "--seed", "7", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json), ["family", "alpha", "penalty", "features", "positiveClass", "lambda", "intercept", "coefficients", "df", "devRatio", "nullDeviance", "gap", "fitMs", "cv"]);
  assert.deepEqual(Object.keys(json.cv), ["measure", "cvm", "cvsd", "lambdaMin", "lambda1se", "foldid"]);
  const cv = libraryCv(DIABETES, { nfolds: 5, seed: 7 });
  assert.deepEqual(json.lambda, Array.from(cv.path.lambda));
  assert.equal(json.cv.measure, "mse");
  assert.deepEqual(json.cv.cvm, Array.from(cv.cvm));
  assert.deepEqual(json.cv.cvsd, Array.from(cv.cvsd));
  assert.equal(json.cv.lambdaMin, cv.lambdaMin);
  assert.equal(json.cv.lambda1se, cv.lambda1se);
  assert.deepEqual(json.cv.foldid, Array.from(cv.foldid));
  assert.deepEqual(new Set(json.cv.foldid), new Set([1, 2, 3, 4, 5]));
  const other = JSON.parse((await run(["cv", DIABETES, "--target", "progression", "--folds", "5", "--seed", "8", "--format", "json"])).stdout);
  assert.notDeepEqual(other.cv.foldid, json.cv.foldid, "another seed, other folds");
});

test("--foldid takes the folds from a column, which is then not a feature", async () => {
  const lines = readFileSync(DIABETES, "utf8").trim().split(/\r?\n/);
  const file = scratchFile("folds.csv", [`${lines[0]},fold`, ...lines.slice(1).map((l, i) => `${l},${(i % 4) + 1}`)].join("\n"));
  const r = await run(["cv", file, "--target", "progression", "--foldid", "fold", "--measure", "mae", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.ok(!json.features.includes("fold"));
  assert.deepEqual(json.cv.foldid, Array.from({ length: 442 }, (_, i) => (i % 4) + 1));
  const cv = libraryCv(file, { measure: "mae" }, "fold");
  assert.equal(json.cv.measure, "mae");
  assert.deepEqual(json.cv.cvm, Array.from(cv.cvm));
});

test("--fold-lambda own fits each fold on its own λs (cv.glmnet without λs), as cvPath with foldLambda \"own\"", async () => {
  const args = ["cv", DIABETES, "--target", "progression", "--folds", "5", "--seed", "3", "--format", "json"];
  const r = await run([...args, "--fold-lambda", "own"]);
  assert.equal(r.code, 0, r.stderr);
  const own = JSON.parse(r.stdout);
  const cv = libraryCv(DIABETES, { nfolds: 5, seed: 3, foldLambda: "own" });
  assert.deepEqual(own.cv.cvm, Array.from(cv.cvm));
  const full = JSON.parse((await run(args)).stdout);
  assert.notDeepEqual(own.cv.cvm, full.cv.cvm, "the default fits the folds on the full data's λs");
  assertOneLineError(await run([...args, "--fold-lambda", "mine"]), "--fold-lambda");
  // Combinations whose folds' λs are set otherwise are refused, naming --fold-lambda, not ignored.
  assertOneLineError(await run([...args, "--fold-lambda", "own", "--lambda", "2,1,0.5"]), /--fold-lambda "own" .* but --lambda is given/);
  assertOneLineError(await run([...args, "--fold-lambda", "full", "--relax"]), /--fold-lambda "full" is not offered with --relax/);
  assertOneLineError(await run([...args, "--fold-lambda", "own", "--penalty", "mcp"]), /--fold-lambda "own" is not offered for mcp/);
});

test("--jobs 2 (worker threads) prints the same numbers as --jobs 1", async () => {
  const args = ["cv", DIABETES, "--target", "progression", "--folds", "4", "--alpha", "0.5", "--format", "json"];
  const one = JSON.parse((await run([...args, "--jobs", "1"])).stdout);
  const two = await run([...args, "--jobs", "2"]);
  assert.equal(two.code, 0, two.stderr);
  const parallel = JSON.parse(two.stdout);
  delete one.fitMs;
  delete parallel.fitMs;
  assert.deepEqual(parallel, one);
  assertOneLineError(await run([...args, "--jobs", "0"]), "--jobs: 0 must be at least 1");
});

test("--jobs 3 starts its two workers before reading the data, and the cross-validation takes those", async () => {
  const { closeIdleWorkers, workerCounts } = await import("../../src/cv/worker-pool.node.js");
  await closeIdleWorkers();
  const before = workerCounts().started;
  const args = ["cv", DIABETES, "--target", "progression", "--folds", "4", "--format", "json"];
  const three = await run([...args, "--jobs", "3"]);
  assert.equal(three.code, 0, three.stderr);
  assert.deepEqual(workerCounts(), { started: before + 2, idle: 2 }, "two started, used and back in the pool");
  // A small file with jobs unset: no worker is started ahead (nor by the cross-validation: one thread).
  await closeIdleWorkers();
  const unset = await run(args);
  assert.equal(unset.code, 0, unset.stderr);
  assert.deepEqual(workerCounts(), { started: before + 2, idle: 0 });
  const parallel = JSON.parse(three.stdout), serial = JSON.parse(unset.stdout);
  delete parallel.fitMs;
  delete serial.fitMs;
  assert.deepEqual(parallel, serial);
});

test("the table marks λ_min and λ_1se and shows the coefficients at both", async () => {
  const r = await run(["cv", DIABETES, "--target", "progression", "--folds", "5"]);
  assert.equal(r.code, 0, r.stderr);
  const cv = libraryCv(DIABETES, { nfolds: 5 });
  const lines = r.stdout.split("\n");
  assert.match(lines[1], /5-fold cross-validation \(seed 1\); measure: mean squared error \(mse\)/);
  const minLine = lines.find((l) => /\sλ_min( λ_1se)?$/.test(l)) ?? "";
  assert.equal(minLine.trim().split(/\s+/)[1], signif(cv.lambdaMin));
  const seLine = lines.find((l) => /\sλ_1se$/.test(l)) ?? minLine;
  assert.equal(seLine.trim().split(/\s+/)[1], signif(cv.lambda1se));
  assert.ok(lines.includes(`λ_min = ${signif(cv.lambdaMin)} (step ${cv.indexMin + 1}): mse ${signif(cv.cvm[cv.indexMin])} ± ${signif(cv.cvsd[cv.indexMin])}, ${cv.nzero[cv.indexMin]} nonzero`));
  const coef = lines.findIndex((l) => l.startsWith("Coefficients at λ_min and λ_1se"));
  assert.deepEqual(lines[coef + 1].trim().split(/\s+/), [`λ_min=${signif(cv.lambdaMin)}`, `λ_1se=${signif(cv.lambda1se)}`]);
  assert.equal(lines.filter((l) => /^\s*\d+\s/.test(l)).length >= cv.lambda.length, true);
});

test("progress goes to stderr on a terminal only, and is erased", async () => {
  const quiet = await run(["cv", DIABETES, "--target", "progression", "--folds", "3", "--format", "json"]);
  assert.equal(quiet.stderr, "");
  const tty = await run(["cv", DIABETES, "--target", "progression", "--folds", "3", "--format", "json"], { tty: true });
  assert.match(tty.stderr, /cross-validating: 0\/3 folds fitted/);
  assert.match(tty.stderr, /3\/3 folds fitted/);
  assert.ok(tty.stderr.endsWith("\r\x1b[K"));
  const withoutTime = (text: string) => text.replace(/"fitMs": [^,\n]+/, "");
  assert.equal(withoutTime(tty.stdout), withoutTime(quiet.stdout), "the result is the same either way");
});

test("fold errors: too few folds, more folds than rows, bad fold ids, both --folds and --foldid", async () => {
  assertOneLineError(await run(["cv", DIABETES, "--target", "progression", "--folds", "2"]), "--folds: 2 must be at least 3");
  const small = scratchFile("small.csv", "progression,x,fold\n1,2,1\n2,1,2\n3,5,3\n4,3,0\n5,4,1\n");
  assertOneLineError(await run(["cv", small, "--target", "progression", "--folds", "6", "--ignore", "fold"]), "more folds (6) than rows (5)");
  assertOneLineError(await run(["cv", small, "--target", "progression", "--foldid", "fold"]), 'fold-id column "fold", row 5: "0" is not a fold number');
  assertOneLineError(await run(["cv", small, "--target", "progression", "--foldid", "fold", "--folds", "3"]), "give either --folds or --foldid");
  assertOneLineError(await run(["cv", small, "--target", "progression", "--foldid", "fols"]), 'fold-id column "fols" does not exist; did you mean "fold"?');
  const gap = scratchFile("gap.csv", "progression,x,fold\n1,2,1\n2,1,2\n3,5,4\n4,3,1\n5,4,2\n6,1,4\n");
  assertOneLineError(await run(["cv", gap, "--target", "progression", "--foldid", "fold"]), "fold 3 has no rows");
  assertOneLineError(await run(["cv", DIABETES, "--target", "progression", "--measure", "auc"]), 'measure "auc" is for binomial models');
});

test("--help documents the cv options and their defaults", async () => {
  const r = await run(["cv", "--help"]);
  assert.equal(r.code, 0);
  for (const name of ["folds", "foldid", "seed", "measure", "jobs", "alpha", "lambda", "format", "out"]) assert.match(r.stdout, new RegExp(`^  --${name}\\b`, "m"), name);
  for (const spec of cvCommand.options) if (spec.default !== undefined) assert.ok(r.stdout.includes(`(default: ${spec.default})`), spec.name);
});

test("a fold emptied by --na drop is an error that says the dropped rows emptied it", async () => {
  const lines = ["y,x1,x2,fold"];
  for (let i = 0; i < 40; i++) lines.push(`${(i * 0.37) % 3},${(i * 1.7) % 5},${i % 4 === 2 ? "NA" : (i * 0.9) % 2},${(i % 4) + 1}`);
  const file = scratchFile("fold-na.csv", lines.join("\n"));
  const r = await run(["cv", file, "--target", "y", "--foldid", "fold", "--na", "drop"]);
  assertOneLineError(r, "fold 3 has no rows once --na drop removed 10 rows with missing values");
});
