import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../../src/errors.js";
import { poisson } from "../../../src/model/families/poisson.js";
import { assertClose, assertVarianceIsSlope, assertWorkingResidual } from "../helpers.js";

test("poisson: unit deviance 2[y log(y/μ) − (y − μ)], 2μ at y = 0", () => {
  for (const [y, mu] of [[1, 1], [3, 1], [1, 3], [2.5, 0.1], [7, 7.5]]) {
    assertClose(poisson.unitDeviance(y, mu), 2 * (y * Math.log(y / mu) - (y - mu)), 1e-13, 1e-300);
  }
  for (const mu of [1e-300, 0.2, 1, 40]) assertClose(poisson.unitDeviance(0, mu), 2 * mu, 1e-15);
  assert.equal(poisson.unitDeviance(0, 0), 0);
  // A mean near the smallest double: y·(log y − log μ), where y/μ would overflow.
  assertClose(poisson.unitDeviance(1e10, 1e-300), 2 * (1e10 * (Math.log(1e10) + 300 * Math.LN10) - 1e10), 1e-12);
  assert.equal(poisson.unitDeviance(2, 0), Infinity);
});

test("poisson: log link; dμ/dη = μ; the deviance's slope in η is the working residual", () => {
  assert.equal(poisson.link, "log");
  assert.equal(poisson.solver, "irls");
  for (const eta of [-3, 0, 2.5]) assertClose(poisson.mean(eta), Math.exp(eta), 1e-15);
  assertVarianceIsSlope(poisson, [-5, -1, 0, 1.5, 6]);
  assertWorkingResidual(poisson, [0, 2, 5, 1, 0], [-1, 0.2, 1, 2, 0.5], [0.2, 0.2, 0.3, 0.1, 0.2]);
});

test("poisson: the mean is capped below overflow; the response is the mean", () => {
  const cap = Math.log(Number.MAX_VALUE * 0.1);
  assert.equal(poisson.mean(1000), poisson.mean(cap));
  assert.equal(poisson.mean(1e300), poisson.mean(cap));
  assert.ok(Number.isFinite(poisson.mean(1000)) && poisson.mean(1000) > 1e307);
  assert.equal(poisson.mean(700), Math.exp(700));
  assert.equal(poisson.mean(-800), 0);
  for (const eta of [-800, -2, 0, 3, 1000]) assert.equal(poisson.response(eta), poisson.mean(eta));
});

function score(y: Float64Array, w: Float64Array, o: Float64Array | null, b: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) if (w[i] !== 0) s += w[i] * (y[i] - Math.exp(b + (o ? o[i] : 0)));
  return s;
}

test("poisson: the null intercept solves Σ w(y − μ(b0 + o)) = 0", () => {
  const y = Float64Array.of(0, 2, 5, 1), w = Float64Array.of(0.25, 0.25, 0.4, 0.1);
  const ybar = 0.5 + 2 + 0.1;
  assertClose(poisson.nullIntercept(y, w, null), Math.log(ybar), 1e-15);
  for (const o of [null, Float64Array.of(0.5, -1, 2, 0), new Float64Array(4).fill(-800), Float64Array.of(-800, 0, -800, 0), Float64Array.of(700, 600, 650, 690)]) {
    const b0 = poisson.nullIntercept(y, w, o);
    assert.ok(Number.isFinite(b0), `b0 = ${b0}`);
    assertClose(score(y, w, o, b0), 0, 1e-12, ybar, `offset ${o?.[0]}:`);
  }
  // Every offset −800: the intercept is 800 + log ȳ, not log(ȳ/0).
  assertClose(poisson.nullIntercept(y, w, new Float64Array(4).fill(-800)), 800 + Math.log(ybar), 1e-15);
  // A row without weight has no say, whatever its offset.
  const w0 = Float64Array.of(0, 0.5, 0.5, 0);
  assertClose(poisson.nullIntercept(y, w0, Float64Array.of(800, 0, 0, -800)), Math.log(3.5), 1e-15);
});

test("poisson: checkResponse names the row of a NaN or a negative count, and refuses nothing to fit", () => {
  const ones = [1, 1, 1, 1];
  assert.throws(() => poisson.checkResponse([0, 1, 2, NaN], ones, false), (e) => e instanceof DataError && e.row === 4 && /row 4/.test(e.message));
  assert.throws(() => poisson.checkResponse([0, -1, 2, 3], ones, false), (e) => e instanceof DataError && e.row === 2 && /count ≥ 0; row 2/.test(e.message));
  assert.doesNotThrow(() => poisson.checkResponse([0, 1.5, 2, 3], ones, false));
  // A constant count: nothing to fit without an offset, something with one.
  assert.throws(() => poisson.checkResponse([3, 3, 3, 3], ones, false), (e) => e instanceof DataError && /same count, 3/.test(e.message));
  assert.doesNotThrow(() => poisson.checkResponse([3, 3, 3, 3], ones, true));
  // All zero: nothing to fit, offset or not.
  for (const hasOffset of [false, true]) {
    assert.throws(() => poisson.checkResponse([0, 0, 0, 0], ones, hasOffset), (e) => e instanceof DataError && /0 in every row/.test(e.message));
  }
  assert.throws(() => poisson.checkResponse([0, 4, 0, 0], [1, 0, 1, 1], false), DataError);
});

test("poisson: offsetProblem names the first row whose offset overflows or underflows the null model", () => {
  const y = [1, 2, 0, 3];
  assert.equal(poisson.offsetProblem(y, undefined, [0, 1, -2, 0.5], true), null);
  // exp(710) overflows.
  const over = poisson.offsetProblem(y, undefined, [0, 710, 0, 720], true);
  assert.equal(over?.row, 1);
  assert.match(over!.problem, /overflows/);
  assert.equal(poisson.offsetProblem(y, undefined, [0, 709, 0, 0], true), null);
  // Unless the row has no weight.
  assert.equal(poisson.offsetProblem(y, [1, 0, 1, 1], [0, 710, 0, 0], true), null);
  // A row that counts events but whose expected count is 0 to doubles.
  const under = poisson.offsetProblem(y, undefined, [0, 0, 0, -800], true);
  assert.equal(under?.row, 3);
  assert.match(under!.problem, /exp\(-745\)/);
  // A row with no events may have any small offset; one without weight too.
  assert.equal(poisson.offsetProblem(y, undefined, [0, 0, -800, 0], true), null);
  assert.equal(poisson.offsetProblem(y, [1, 1, 1, 0], [0, 0, 0, -800], true), null);
  // Every offset −800: the intercept makes up for it, unless there is none.
  const low = [-800, -800, -800, -800];
  assert.equal(poisson.offsetProblem(y, undefined, low, true), null);
  assert.equal(poisson.offsetProblem(y, undefined, low, false)?.row, 0);
});

test("poisson: the early stop is the relative gain over the last four λs below 10·fdev, from the fifth λ", () => {
  const fdev = 1e-5;
  // Fewer than five λs: never.
  assert.equal(poisson.earlyStop([0.5], fdev), false);
  assert.equal(poisson.earlyStop([0.5, 0.5, 0.5, 0.5], fdev), false);
  assert.equal(poisson.earlyStop([0.5, 0.5, 0.5, 0.5, 0.5], fdev), true);
  assert.equal(poisson.earlyStop([0.5, 0.5, 0.5, 0.5, 0.50004], fdev), true); // 4e-5/0.50004 < 1e-4
  assert.equal(poisson.earlyStop([0.5, 0.5, 0.5, 0.5, 0.50006], fdev), false);
  // Compared with the λ four back: not the one before, not five back.
  assert.equal(poisson.earlyStop([0.1, 0.5, 0.5, 0.5, 0.5], fdev), false);
  assert.equal(poisson.earlyStop([0, 0.5, 0.5, 0.5, 0.5, 0.5], fdev), true);
});

test("poisson: the point errors, by hand", () => {
  assert.deepEqual(poisson.measures, ["mse", "mae", "deviance"]);
  assert.equal(poisson.defaultMeasure, "deviance");
  assert.equal(poisson.pointError("mse", 0, 0), 1);
  assert.equal(poisson.pointError("mae", 0, 0), 1);
  assert.equal(poisson.pointError("deviance", 0, 0), 2);
  assertClose(poisson.pointError("mse", 5, Math.log(2)), 9, 1e-14);
  assertClose(poisson.pointError("mae", 5, Math.log(2)), 3, 1e-14);
  assertClose(poisson.pointError("deviance", 3, 0), 2 * (3 * Math.log(3) - 2), 1e-14);
  assertClose(poisson.pointError("deviance", 2, Math.log(2)), 0, 0, 1e-15);
  for (const [y, eta] of [[0, 1.3], [4, 0.2], [1, -2]]) assertClose(poisson.pointError("deviance", y, eta), poisson.unitDeviance(y, Math.exp(eta)), 1e-13);
  assert.equal(poisson.classify, null);
  assert.equal(poisson.devianceName, "deviance");
  assert.equal(poisson.saturated(0), false);
  assert.deepEqual(poisson.dataWarnings([1, 2], [1, 1], null), []);
  assert.deepEqual(poisson.pathWarnings([0, 0.9999]), []);
});

test("poisson: checkResponse names a leading non-finite row too", () => {
  assert.throws(() => poisson.checkResponse([NaN, 3, 3], [1, 1, 1], false), (e) => e instanceof DataError && e.row === 1);
});
