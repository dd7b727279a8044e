import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../../src/errors.js";
import { gaussian } from "../../../src/model/families/gaussian.js";
import { assertClose, assertVarianceIsSlope, assertWorkingResidual } from "../helpers.js";

test("gaussian: identity link, unit deviance (y − μ)², variance 1", () => {
  assert.equal(gaussian.link, "identity");
  assert.equal(gaussian.solver, "least-squares");
  for (const eta of [-1e300, -3.5, 0, 2, 1e300]) {
    assert.equal(gaussian.mean(eta), eta);
    assert.equal(gaussian.response(eta), eta);
  }
  for (const [y, mu] of [[0, 0], [0, 2], [3, 1], [-1.5, 2.5], [1e6, 1e6 + 1]]) {
    assert.equal(gaussian.unitDeviance(y, mu), (y - mu) ** 2);
  }
  assertVarianceIsSlope(gaussian, [-5, 0, 3]);
  assertWorkingResidual(gaussian, [0, 1.5, -2, 4], [1, -0.5, 0.3, 0], [0.1, 0.2, 0.3, 0.4]);
});

test("gaussian: the null intercept is Σ w(y − o) (w summing to 1)", () => {
  const y = Float64Array.of(1, 2, 6), w = Float64Array.of(0.5, 0.25, 0.25);
  assert.equal(gaussian.nullIntercept(y, w, null), 0.5 + 0.5 + 1.5);
  const o = Float64Array.of(1, -2, 2);
  assert.equal(gaussian.nullIntercept(y, w, o), 0 + 1 + 1);
  // It solves Σ w(y − (b0 + o)) = 0.
  const b0 = gaussian.nullIntercept(y, w, o);
  let r = 0;
  for (let i = 0; i < 3; i++) r += w[i] * (y[i] - gaussian.mean(b0 + o[i]));
  assertClose(r, 0, 1e-15, 1);
});

test("gaussian: checkResponse names the row that is not a finite number, and refuses a constant outcome", () => {
  const ones = [1, 1, 1, 1];
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => gaussian.checkResponse([1, 2, bad, 4], ones, false), (e) => e instanceof DataError && e.row === 3 && /row 3/.test(e.message));
  }
  assert.throws(() => gaussian.checkResponse([2, 2, 2, 2], ones, false), (e) => e instanceof DataError && /zero variance/.test(e.message));
  // Constant among the rows with weight is constant.
  assert.throws(() => gaussian.checkResponse([2, 5, 2, 2], [1, 0, 1, 1], false), DataError);
  assert.doesNotThrow(() => gaussian.checkResponse([2, 2, 2, 2 + 1e-12], ones, false));
});

test("gaussian: checkResponse names a leading non-finite row too", () => {
  assert.throws(() => gaussian.checkResponse([NaN, 2, 2], [1, 1, 1], false), (e) => e instanceof DataError && e.row === 1);
});

test("gaussian: no offset problem, no warnings, no classes", () => {
  assert.equal(gaussian.offsetProblem([1, 2], undefined, [1e300, -1e300], true), null);
  assert.deepEqual(gaussian.dataWarnings([1, 2], [1, 1], null), []);
  assert.deepEqual(gaussian.pathWarnings([0.5, 0.9999]), []);
  assert.equal(gaussian.saturated(0), false);
  assert.equal(gaussian.classify, null);
  assert.equal(gaussian.devianceName, "variance");
});

test("gaussian: the early stop is the relative gain in R² below fdev", () => {
  const fdev = 1e-5;
  assert.equal(gaussian.earlyStop([0.3], fdev), false);
  assert.equal(gaussian.earlyStop([0.1, 0.2], fdev), false);
  assert.equal(gaussian.earlyStop([0.5, 0.5 + 4e-6], fdev), true); // 4e-6 < 1e-5·0.500004
  assert.equal(gaussian.earlyStop([0.5, 0.5 + 6e-6], fdev), false);
  // Relative, not absolute: a gain of 9e-6 on an R² of 0.01 is large.
  assert.equal(gaussian.earlyStop([0.01, 0.010009], fdev), false);
  assert.equal(gaussian.earlyStop([0.2, 0.3, 0.3], fdev), true);
});

test("gaussian: the point errors are mse and mae", () => {
  assert.deepEqual(gaussian.measures, ["mse", "mae"]);
  assert.equal(gaussian.defaultMeasure, "mse");
  assert.equal(gaussian.pointError("mse", 3, 1), 4);
  assert.equal(gaussian.pointError("mae", 3, 1), 2);
  assert.equal(gaussian.pointError("mse", -1, 0.5), 2.25);
  assert.equal(gaussian.pointError("mae", -1, 0.5), 1.5);
});
