// cv.glmnet for multinomial and mgaussian as R users usually call it, without λs: glmnet 4.1-6 fits each
// fold on its own default sequence and predicts its held-out rows at the full data's λs with
// predict(s = lambda), linear in λ between the fold's λs and clamped to its first and last fits beyond
// them (lambda.interp). foldLambda "own" gives those numbers (fixture: test/fixtures/multi/own-lambda.R);
// the default, folds on the full data's λs, stays cv.glmnet given the full fit's λs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { cvMultiPath, type MultiCvOptions, type MultiCvResult, type MultiOutcome } from "../../src/cv/multi-cv.js";
import { cvMultiPathParallel } from "../../src/cv/multi-parallel.node.js";
import { cvSparseMultiPath } from "../../src/cv/sparse-multi-cv.js";
import { cvSparseMultiPathParallel } from "../../src/cv/sparse-parallel.node.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { sparseFromDense } from "../../src/data/sparse.js";
import { OptionError } from "../../src/errors.js";
import type { MultiMeasure } from "../../src/model/multi-family.js";

interface Case {
  case: string; family: "multinomial" | "mgaussian"; measure: MultiMeasure; grouped: boolean | number; alpha: number;
  lambda: number[]; cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number; outside: number[];
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/multi/own-lambda.json", import.meta.url), "utf8")) as {
  x: number[][]; classes: string[]; y: number[][]; weights: number[]; foldid: number[]; thresh: number; cases: Case[];
};
const x = modelMatrix(fixture.x.map((_, j) => `x${j + 1}`), fixture.x);
const outcomeOf = (c: Case): MultiOutcome => (c.family === "multinomial" ? { family: c.family, labels: fixture.classes } : { family: c.family, y: fixture.y });
const optionsOf = (c: Case): MultiCvOptions => ({
  foldid: fixture.foldid, weights: fixture.weights, measure: c.measure, alpha: c.alpha, grouped: c.grouped ? true : undefined, thresh: fixture.thresh, maxit: 1e7,
});
const gap = (a: ArrayLike<number>, b: readonly number[]) => Math.max(...b.map((v, l) => Math.abs(a[l] / v - 1)));

function assertMatchesGlmnet(cv: MultiCvResult, c: Case, tol: { cvm: number; cvsd: number }): void {
  assert.equal(cv.lambda.length, c.lambda.length, "number of λs");
  assert.ok(gap(cv.lambda, c.lambda) < 1e-10, "λ");
  assert.ok(gap(cv.cvm, c.cvm) < tol.cvm, `cvm: largest relative gap ${gap(cv.cvm, c.cvm)}`);
  assert.ok(gap(cv.cvsd, c.cvsd) < tol.cvsd, `cvsd: largest relative gap ${gap(cv.cvsd, c.cvsd)}`);
  assert.ok(Math.abs(cv.lambdaMin / c.lambdaMin - 1) < 1e-10, `λ_min ${cv.lambdaMin} vs ${c.lambdaMin}`);
  assert.ok(Math.abs(cv.lambda1se / c.lambda1se - 1) < 1e-10, `λ_1se ${cv.lambda1se} vs ${c.lambda1se}`);
}

test("the fixture has the cases it was made with, and folds whose own λs do not cover the full data's", () => {
  assert.deepEqual(fixture.cases.map((c) => c.case), ["multinomial_deviance", "multinomial_class", "grouped_deviance", "mgaussian_mse"]);
  // Held-out rows predicted at λs beyond a fold's path: glmnet clamps to the fold's end fits there.
  for (const c of fixture.cases) assert.ok(c.outside.some((k) => k > 0), `${c.case}: no fold's own path misses a full λ`);
});

for (const c of fixture.cases) {
  test(`${c.case}: foldLambda "own" gives cv.glmnet's numbers without λs, sequential and on 2 threads bit for bit`, async () => {
    const own = cvMultiPath(x, outcomeOf(c), { ...optionsOf(c), foldLambda: "own" });
    // class: a row's error is 0 or 1, so cvm is exact once the predicted classes agree.
    assertMatchesGlmnet(own, c, { cvm: 1e-8, cvsd: 1e-7 });
    const full = cvMultiPath(x, outcomeOf(c), optionsOf(c));
    assert.ok(gap(full.cvm, c.cvm) > 1e-6, "the folds on the full data's λs should not match cv.glmnet without λs");
    assert.deepEqual(Array.from(cvMultiPath(x, outcomeOf(c), { ...optionsOf(c), foldLambda: "full" }).cvm), Array.from(full.cvm), "\"full\" is the default");
    const par = await cvMultiPathParallel(x, outcomeOf(c), { ...optionsOf(c), foldLambda: "own" }, { jobs: 2 });
    assert.deepEqual(Array.from(par.cvm), Array.from(own.cvm));
    assert.deepEqual(Array.from(par.cvsd), Array.from(own.cvsd));
    assert.deepEqual(par.warnings, own.warnings);
  });
  test(`${c.case}: foldLambda "own" on a sparse X: cv.glmnet's numbers, any number of threads`, async () => {
    const sx = sparseFromDense(x);
    const own = cvSparseMultiPath(sx, outcomeOf(c), { ...optionsOf(c), foldLambda: "own" });
    assertMatchesGlmnet(own, c, { cvm: 1e-8, cvsd: 1e-7 });
    const par = await cvSparseMultiPathParallel(sx, outcomeOf(c), { ...optionsOf(c), foldLambda: "own" }, { jobs: 3 });
    assert.deepEqual(Array.from(par.cvm), Array.from(own.cvm));
    assert.deepEqual(Array.from(par.cvsd), Array.from(own.cvsd));
  });
}

test("foldLambda is checked, and \"own\" with λs given (every fold's, as cv.glmnet's) is refused, not ignored", () => {
  const c = fixture.cases[0];
  assert.throws(() => cvMultiPath(x, outcomeOf(c), { foldLambda: "mine" as "own" }), (e: unknown) => e instanceof OptionError && e.option === "foldLambda");
  const lambda = [0.2, 0.1, 0.05, 0.02, 0.01];
  assert.throws(() => cvMultiPath(x, outcomeOf(c), { ...optionsOf(c), lambda, foldLambda: "own" }), (e: unknown) => e instanceof OptionError && e.option === "foldLambda" && /but lambda is given/.test(e.message));
  const a = cvMultiPath(x, outcomeOf(c), { ...optionsOf(c), lambda, foldLambda: "full" });
  const b = cvMultiPath(x, outcomeOf(c), { ...optionsOf(c), lambda });
  assert.deepEqual(Array.from(a.cvm), Array.from(b.cvm));
});

test("foldLambda \"own\" where a fold leaves a class out (its rows copied): every fold on its own λs", () => {
  // Class "z" has two rows, both in fold 1: fold 1's fit leaves it out; the other folds view the copy no more.
  const labels = fixture.classes.map((l, i) => (i === 0 || i === 5 ? "z" : l));
  const outcome: MultiOutcome = { family: "multinomial", labels };
  const options: MultiCvOptions = { foldid: fixture.foldid, thresh: 1e-10 };
  const own = cvMultiPath(x, outcome, { ...options, foldLambda: "own" });
  const full = cvMultiPath(x, outcome, options);
  assert.ok(own.warnings.some((w) => w.startsWith("fold 1: class \"z\"")), own.warnings.join("\n"));
  assert.equal(own.cvm.length, full.cvm.length);
  assert.ok(own.cvm.every(Number.isFinite));
  assert.notDeepEqual(Array.from(own.cvm), Array.from(full.cvm));
});
