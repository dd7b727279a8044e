import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../../src/errors.js";
import { BINOMIAL_PMIN, binomial } from "../../../src/model/families/binomial.js";
import { assertClose, assertVarianceIsSlope, assertWorkingResidual, nextUp } from "../helpers.js";

const sigma = (eta: number) => 1 / (1 + Math.exp(-eta));
/** Beyond ±this the fitted probability is exactly 0 or 1 (glmnet's fmax). */
const ETA_EDGE = Math.log(1 / BINOMIAL_PMIN - 1);

test("binomial: unit deviance −2[y log p + (1−y) log(1−p)]", () => {
  for (const p of [1e-6, 0.1, 0.5, 0.73, 0.999]) {
    assertClose(binomial.unitDeviance(1, p), -2 * Math.log(p), 1e-14, 1);
    assertClose(binomial.unitDeviance(0, p), -2 * Math.log(1 - p), 1e-14, 1);
  }
  // A fractional y (cbind counts): the saturated model's part is subtracted.
  const y = 0.3, p = 0.6;
  assertClose(binomial.unitDeviance(y, p), 2 * (y * Math.log(y / p) + (1 - y) * Math.log((1 - y) / (1 - p))), 1e-14);
  // Fitted probabilities are kept pmin from 0 and 1, so the deviance of a sure miss is finite.
  assertClose(binomial.unitDeviance(1, 0), -2 * Math.log(BINOMIAL_PMIN), 1e-14);
  assertClose(binomial.unitDeviance(0, 1), -2 * Math.log(BINOMIAL_PMIN), 1e-6);
  assertClose(binomial.unitDeviance(1, 1), -2 * Math.log(1 - BINOMIAL_PMIN), 1e-6);
});

test("binomial: logit link; dμ/dη = μ(1 − μ); the deviance's slope in η is the working residual", () => {
  assert.equal(binomial.link, "logit");
  assert.equal(binomial.solver, "irls");
  for (const eta of [-8, -1, 0, 0.5, 3]) assertClose(binomial.mean(eta), sigma(eta), 1e-15);
  assertVarianceIsSlope(binomial, [-6, -1, 0, 0.7, 4]);
  assertWorkingResidual(binomial, [0, 1, 1, 0, 1], [-2, 0.5, 3, 1, -4], [0.1, 0.3, 0.2, 0.25, 0.15]);
});

test("binomial: the mean is exactly 0 or 1 beyond ±log(1/pmin − 1); the response has no guard", () => {
  const past = nextUp(ETA_EDGE);
  assert.equal(binomial.mean(past), 1);
  assert.equal(binomial.mean(-past), 0);
  assert.equal(binomial.mean(800), 1);
  assert.equal(binomial.mean(-800), 0);
  assertClose(binomial.mean(ETA_EDGE), 1 - BINOMIAL_PMIN, 1e-15);
  assertClose(binomial.mean(-ETA_EDGE), BINOMIAL_PMIN, 1e-6);
  assert.ok(binomial.mean(ETA_EDGE) < 1 && binomial.mean(-ETA_EDGE) > 0);
  assert.ok(binomial.response(30) < 1 && binomial.response(30) > 1 - 1e-12);
  assert.ok(binomial.response(-30) > 0 && binomial.response(-30) < 1e-12);
  assert.equal(binomial.response(0), 0.5);
});

/** Σ w(y − σ(b + o)), with the logistic function itself (no guard). */
function score(y: Float64Array, w: Float64Array, o: Float64Array | null, b: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) if (w[i] !== 0) s += w[i] * (y[i] - sigma(b + (o ? o[i] : 0)));
  return s;
}

/** b0 solves the score equation: (near) 0 there, positive just below, negative just above. */
function assertRoot(y: Float64Array, w: Float64Array, o: Float64Array | null): void {
  const b0 = binomial.nullIntercept(y, w, o);
  assert.ok(Number.isFinite(b0), `b0 = ${b0}`);
  assert.ok(Math.abs(score(y, w, o, b0)) <= 1e-12, `score ${score(y, w, o, b0)} at ${b0}`);
  const d = 1e-8 * (1 + Math.abs(b0));
  assert.ok(score(y, w, o, b0 - d) > 0 && score(y, w, o, b0 + d) < 0, `no sign change at ${b0}`);
}

test("binomial: the null intercept solves Σ w(y − μ(b0 + o)) = 0", () => {
  const y = Float64Array.of(1, 0, 1, 1, 0), w = Float64Array.of(0.1, 0.2, 0.3, 0.15, 0.25);
  const b0 = binomial.nullIntercept(y, w, null);
  assertClose(b0, Math.log(0.55 / 0.45), 1e-14);
  assertRoot(y, w, null);
  assertRoot(y, w, Float64Array.of(0.3, -1, 2, 0, -0.5));
  // Offsets of ±800: rows saturated either way, the Newton step infinite; bisection finds the root.
  assertRoot(y, w, Float64Array.of(800, -800, 0, 0, 0.5));
  assertRoot(Float64Array.of(0, 1), Float64Array.of(0.3, 0.7), Float64Array.of(800, -800));
  assertRoot(Float64Array.of(0, 1), Float64Array.of(0.7, 0.3), Float64Array.of(800, -800));
  // Every offset 800: the root is logit(ȳ) − 800.
  const all = new Float64Array(5).fill(800);
  assertClose(binomial.nullIntercept(y, w, all), Math.log(0.55 / 0.45) - 800, 1e-14);
  // A row without weight has no say, whatever its offset.
  const w0 = Float64Array.of(0.25, 0.25, 0.25, 0.25, 0);
  assertClose(binomial.nullIntercept(y, w0, Float64Array.of(0, 0, 0, 0, -800)), binomial.nullIntercept(y, w0, null), 1e-12, 1);
});

test("binomial: checkResponse names the row of a NaN or a value other than 0/1, and refuses one class", () => {
  const ones = [1, 1, 1, 1];
  assert.throws(() => binomial.checkResponse([0, 1, NaN, 1], ones, false), (e) => e instanceof DataError && e.row === 3 && /row 3/.test(e.message));
  for (const bad of [2, 0.5, -1]) {
    assert.throws(() => binomial.checkResponse([0, 1, 1, bad], ones, false), (e) => e instanceof DataError && e.row === 4 && /0 or 1/.test(e.message) && /row 4/.test(e.message));
  }
  assert.throws(() => binomial.checkResponse([0, 0, 0, 0], ones, false), (e) => e instanceof DataError && /no row is 1/.test(e.message));
  assert.throws(() => binomial.checkResponse([1, 1, 1, 1], ones, false), (e) => e instanceof DataError && /every row is 1/.test(e.message));
  // Weighted: the only 0 carries no weight.
  assert.throws(() => binomial.checkResponse([1, 0, 1, 1], [1, 0, 1, 1], false), DataError);
  assert.doesNotThrow(() => binomial.checkResponse([1, 0, 1, 1], ones, false));
});

test("binomial: no offset problem; the small-class warning; the separation warning; saturation", () => {
  assert.equal(binomial.offsetProblem([0, 1], undefined, [800, -800], true), null);
  const y = [...Array(20).fill(0), ...Array(3).fill(1)];
  const w = Array(23).fill(1);
  assert.match(binomial.dataWarnings(y, w, null)[0], /class 1 has only 3 rows/);
  assert.match(binomial.dataWarnings(y, w, "yes")[0], /class "yes" has only 3 rows/);
  assert.deepEqual(binomial.dataWarnings([...Array(8).fill(0), ...Array(8).fill(1)], Array(16).fill(1), null), []);
  assert.deepEqual(binomial.pathWarnings([0, 0.5, 0.99]), []);
  assert.match(binomial.pathWarnings([0, 0.5, 0.995])[0], /99\.5%/);
  assert.equal(binomial.saturated(0), true);
  assert.equal(binomial.saturated(0.01), false);
});

test("binomial: the early stop is the absolute gain in devRatio below fdev", () => {
  const fdev = 1e-5;
  assert.equal(binomial.earlyStop([0.3], fdev), false);
  assert.equal(binomial.earlyStop([0.5, 0.500009], fdev), true);
  assert.equal(binomial.earlyStop([0.5, 0.500011], fdev), false);
  // Absolute, not relative: the same gain on a small devRatio stops too.
  assert.equal(binomial.earlyStop([0.01, 0.010009], fdev), true);
  assert.equal(binomial.earlyStop([0.1, 0.2, 0.3], fdev), false);
});

test("binomial: the point errors, by hand", () => {
  assert.deepEqual(binomial.measures, ["mse", "mae", "deviance", "class", "auc"]);
  assert.equal(binomial.defaultMeasure, "deviance");
  const e = Math.log(3); // p = 0.75
  assertClose(binomial.pointError("mse", 1, e), 2 * 0.25 ** 2, 1e-14);
  assertClose(binomial.pointError("mse", 0, e), 2 * 0.75 ** 2, 1e-14);
  assertClose(binomial.pointError("mae", 1, e), 0.5, 1e-14);
  assertClose(binomial.pointError("mae", 0, e), 1.5, 1e-14);
  assertClose(binomial.pointError("deviance", 1, e), -2 * Math.log(0.75), 1e-14);
  assertClose(binomial.pointError("deviance", 0, e), -2 * Math.log(0.25), 1e-14);
  assert.equal(binomial.pointError("class", 1, e), 0);
  assert.equal(binomial.pointError("class", 0, e), 1);
  assert.equal(binomial.pointError("class", 1, -e), 1);
  assert.equal(binomial.pointError("class", 0, -e), 0);
  // p = 0.5 is class 0 (cv.lognet predicts 1 when p > 0.5): wrong for y = 1, right for y = 0. In R,
  // glmnet:::cv.lognet(matrix(0, 4, 1), c(0, 1, 0, 1), "class", rep(1, 4), c(1, 1, 2, 2), TRUE)$cvraw is 0, 1, 0, 1.
  assert.equal(binomial.pointError("class", 1, 0), 1);
  assert.equal(binomial.pointError("class", 0, 0), 0);
  assert.equal(binomial.pointError("mse", 1, 0), 0.5);
  // The deviance clamps held-out probabilities to [1e-5, 1 − 1e-5].
  assertClose(binomial.pointError("deviance", 1, -50), -2 * Math.log(1e-5), 1e-14);
  assertClose(binomial.pointError("deviance", 0, 50), -2 * Math.log(1e-5), 1e-9);
  assertClose(binomial.pointError("deviance", 1, 50), -2 * Math.log(1 - 1e-5), 1e-12);
});

test("binomial: classify is 1 for η > 0, else 0", () => {
  assert.ok(binomial.classify);
  assert.equal(binomial.classify(1e-300), 1);
  assert.equal(binomial.classify(2), 1);
  assert.equal(binomial.classify(0), 0);
  assert.equal(binomial.classify(-2), 0);
  assert.equal(binomial.devianceName, "deviance");
});

test("binomial: a class present but carrying almost no weight is said to carry almost no weight", () => {
  assert.throws(() => binomial.checkResponse([1, 0], [1, 1e6], false), (e) => e instanceof DataError && /rows that are 1 carry almost no weight/.test(e.message));
  assert.throws(() => binomial.checkResponse([1, 0], [1e6, 1], false), (e) => e instanceof DataError && /rows that are 0 carry almost no weight/.test(e.message));
});
