import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveFolds } from "../../src/cv/folds.js";
import { cvPath } from "../../src/cv/cv.js";
import { weightedAuc, pointError } from "../../src/cv/measures.js";
import { randomProblem } from "../helpers/random.js";

test("random folds are balanced, reproducible from the seed, and differ between seeds", () => {
  const a = resolveFolds(103, { nfolds: 10, seed: 7 }).foldid;
  const b = resolveFolds(103, { nfolds: 10, seed: 7 }).foldid;
  const c = resolveFolds(103, { nfolds: 10, seed: 8 }).foldid;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const counts = new Array(11).fill(0);
  for (const f of a) counts[f]++;
  for (let k = 1; k <= 10; k++) assert.ok(counts[k] === 10 || counts[k] === 11, `fold ${k} has ${counts[k]} rows`);
});

test("fold errors: fewer than 3 folds, more folds than rows, ids outside 1..K or missing a fold", () => {
  assert.throws(() => resolveFolds(50, { nfolds: 2 }), /at least 3 folds/);
  assert.throws(() => resolveFolds(5, { nfolds: 10 }), /more folds \(10\) than rows \(5\)/);
  assert.throws(() => resolveFolds(4, { foldid: [1, 2, 0, 3] }), /row 3 has 0/);
  assert.throws(() => resolveFolds(4, { foldid: [1, 2, 1.5, 3] }), /row 3 has 1.5/);
  assert.throws(() => resolveFolds(4, { foldid: [1, 2, 4, 4] }), /fold 3 has no rows/);
  assert.throws(() => resolveFolds(4, { foldid: [1, 2, 3] }), /foldid has 3 values but there are 4 rows/);
});

test("weighted AUC counts ordered pairs, ties as one half", () => {
  assert.equal(weightedAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]), 1);
  assert.equal(weightedAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]), 0);
  assert.equal(weightedAuc([0, 1], [0.5, 0.5], [1, 1]), 0.5);
  // One misordered pair out of four; doubling a negative's weight doubles its pairs.
  assert.equal(weightedAuc([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]), 0.75);
  assert.equal(weightedAuc([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], [1, 1, 2, 1]), 4 / 6);
});

test("point errors are cv.glmnet's: binomial mse counts both classes, p = 0.5 is class 0", () => {
  assert.equal(pointError("mse", "binomial", 1, 0), 2 * 0.25);
  // cv.lognet: y[,1]*(p > 0.5) + y[,2]*(p <= 0.5), wrong at p = 0.5 for y = 1 only.
  assert.equal(pointError("class", "binomial", 1, 0), 1);
  assert.equal(pointError("class", "binomial", 0, 0), 0);
  assert.ok(Math.abs(pointError("deviance", "poisson", 0, Math.log(2)) - 4) < 1e-12);
});

test("λ_1se is at least λ_min, and every measure runs for binomial", () => {
  const { x, y } = randomProblem(4, 200, 15, { family: "binomial" });
  for (const measure of ["deviance", "mse", "mae", "class", "auc"] as const) {
    const r = cvPath(x, y, { family: "binomial", measure, nfolds: 5, seed: 3 });
    assert.ok(r.lambda1se >= r.lambdaMin, measure);
    for (const v of r.cvm) assert.ok(Number.isFinite(v), measure);
  }
  assert.throws(() => cvPath(x, y, { family: "gaussian", measure: "auc" }), /binomial/);
});
