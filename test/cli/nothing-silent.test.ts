// Issue 21's defect classes through the command line: an empty path is never a success, messages name
// what the user did (not what the code did inside), and a very wide file neither overflows the stack
// nor reads in quadratic time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DIABETES, assertOneLineError, run, scratchFile } from "./helpers.js";

/** A 5-row file whose feature x1 is near 1e200 (the fuzzer's case), at a given scale. */
function extremeFile(scale: number): string {
  const rows = [[1, 1, 0.5], [2, 3, 0.1], [3, 2, 0.9], [4, 5, 0.3], [5, 4, 0.7]];
  return scratchFile(`extreme-${scale}.csv`, `y,x1,x2\n${rows.map(([y, a, b]) => `${y},${a * scale},${b}`).join("\n")}\n`);
}

test("a feature whose squares overflow, unstandardized, is refused by name in every command", async () => {
  const file = extremeFile(1e200);
  const commands: string[][] = [
    ["fit", file, "--target", "y", "--no-standardize"],
    ["fit", file, "--target", "y", "--no-standardize", "--format", "json"],
    ["cv", file, "--target", "y", "--no-standardize", "--folds", "3"],
    ["explain", file, "--target", "y", "--no-standardize", "--folds", "3"],
    ["plot", file, "--target", "y", "--no-standardize"],
  ];
  assert.equal(commands.length, 5);
  for (const argv of commands) {
    const r = await run(argv);
    assertOneLineError(r, /feature "x1" is on too large a scale to fit: its values reach [0-9.]+e\+200, whose squares overflow/);
    assert.doesNotMatch(r.stderr, /lambda is empty/, argv.join(" "));
  }
});

test("the same feature standardized is fitted: a full path of finite numbers", async () => {
  const r = await run(["fit", extremeFile(1e200), "--target", "y", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.ok(json.lambda.length > 1);
  for (const v of [...json.lambda, ...json.intercept, ...json.coefficients.flat(), ...json.devRatio]) assert.ok(Number.isFinite(v), String(v));
});

test("a feature spanning more than a 64-bit number holds is refused even standardized", async () => {
  const file = scratchFile("span.csv", "y,x\n1,1.5e308\n2,-1.5e308\n3,1e300\n4,0\n");
  assertOneLineError(await run(["fit", file, "--target", "y"]), /feature "x" is on too large a scale to fit: its values span more than a 64-bit number holds/);
});

test("a path stopped at its first λ is an error naming the option, in fit and in cv alike", async () => {
  const fit = await run(["fit", DIABETES, "--target", "progression", "--pmax", "0", "--lambda", "40"]);
  assertOneLineError(fit, /no λ was fitted: more than --pmax = 0 variables are nonzero already at the 1st λ \(λ = 40\.0000\); raise --pmax$/m);
  // The default path's first λ is the null model: pmax = 0 fits it, and cv's folds, fitted at the full
  // data's λ_max, say which fold stopped and why.
  const defaultPath = await run(["fit", DIABETES, "--target", "progression", "--pmax", "0", "--format", "json"]);
  assert.equal(defaultPath.code, 0, defaultPath.stderr);
  assert.equal(JSON.parse(defaultPath.stdout).lambda.length, 1);
  const cv = await run(["cv", DIABETES, "--target", "progression", "--pmax", "0"]);
  assertOneLineError(cv, /cross-validation fold \d+ \(fitted without its \d+ rows\): no λ was fitted: more than --pmax = 0 variables are nonzero already at the 1st λ/);
  assert.doesNotMatch(cv.stderr, /the path has no fitted λ/);
});

test("maxit reached at the first λ is an error, not an empty path", async () => {
  const r = await run(["fit", DIABETES, "--target", "progression", "--lambda", "1", "--maxit", "1", "--thresh", "1e-14"]);
  assertOneLineError(r, /no λ was fitted: coordinate descent did not converge within --maxit = 1 passes at the 1st λ \(λ = 1\.00000\); raise --maxit or --thresh \(1e-14\)/);
});

test("more default folds than rows says how many folds the data allow", async () => {
  const r = await run(["explain", extremeFile(1), "--target", "y"]);
  assertOneLineError(r, "there are more folds (10) than rows (5): use at most 5 folds");
});

test("a 150,000-column file fits and prints its table (no argument spread per feature)", async () => {
  const p = 150_000;
  const names = Array.from({ length: p }, (_, j) => `v${j + 1}`);
  const row = (i: number) => [i, ...names.map((_, j) => ((i * 7 + j * 13) % 17) / 4)].join(",");
  const file = scratchFile("wide.csv", [["y", ...names].join(","), row(1), row(2), row(3), row(4)].join("\n") + "\n");
  const table = await run(["fit", file, "--target", "y", "--nlambda", "2"]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /150000 features/);
  assert.match(table.stdout, /^v150000 /m);
  const json = await run(["fit", file, "--target", "y", "--nlambda", "2", "--format", "json"]);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout).features.length, p);
});
