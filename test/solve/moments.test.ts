// A gaussian path from sufficient statistics alone (n, weighted means, centred XᵀWX, XᵀWy, yᵀWy) is
// fitPath's path with covariance updates: the door a database source comes in by.
import { test } from "node:test";
import assert from "node:assert/strict";
import { modelMatrix } from "../../src/data/matrix.js";
import { OptionError } from "../../src/errors.js";
import { fitPathFromMoments, momentsOf } from "../../src/solve/moments.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";
import { randomProblem, rng } from "../helpers/random.js";

/** Same λs, df and (to `tol`, relative to the largest) coefficients, intercepts and devRatio. */
function assertSamePath(a: Path, b: Path, tol: number, what: string): void {
  assert.equal(a.lambda.length, b.lambda.length, `${what}: path length`);
  assert.ok(a.lambda.length > 1, `${what}: a path of more than one λ`);
  for (let k = 0; k < a.lambda.length; k++) {
    assert.ok(Math.abs(a.lambda[k] - b.lambda[k]) <= 1e-12 * b.lambda[k], `${what}: λ[${k}] ${a.lambda[k]} vs ${b.lambda[k]}`);
    assert.equal(a.df[k], b.df[k], `${what}: df at λ[${k}]`);
    const ca = coefficientsAt(a, k), cb = coefficientsAt(b, k);
    const scale = Math.max(1, ...Array.from(cb, Math.abs), Math.abs(b.intercept[k]));
    for (let j = 0; j < ca.length; j++) assert.ok(Math.abs(ca[j] - cb[j]) <= tol * scale, `${what}: β[${j}] at λ[${k}]: ${ca[j]} vs ${cb[j]}`);
    assert.ok(Math.abs(a.intercept[k] - b.intercept[k]) <= tol * scale, `${what}: intercept at λ[${k}]`);
    assert.ok(Math.abs(a.devRatio[k] - b.devRatio[k]) <= tol, `${what}: devRatio at λ[${k}]`);
  }
  assert.ok(Math.abs(a.nullDeviance - b.nullDeviance) <= 1e-10 * b.nullDeviance, `${what}: null deviance`);
}

const GAUSSIAN = ["diabetes_lasso", "diabetes_enet05", "diabetes_ridge", "diabetes_lasso_raw", "quickstart_pf", "quickstart_noint"];

for (const name of GAUSSIAN) {
  test(`the path from moments is fitPath's on ${name}, and glmnet's λ sequence`, () => {
    const ref = loadReference(name);
    assert.equal(ref.family, "gaussian");
    const { x, y } = referenceProblem(ref);
    const { family: _f, ...opts } = referenceOptions(ref);
    const options: FitOptions = { ...opts, thresh: 1e-12 };
    const fromMoments = fitPathFromMoments(momentsOf(x, y), options);
    assertSamePath(fromMoments, fitPath(x, y, { ...options, updates: "covariance" }), 1e-9, name);
    for (let k = 0; k < Math.min(ref.lambda.length, fromMoments.lambda.length); k++) {
      assert.ok(Math.abs(fromMoments.lambda[k] / ref.lambda[k] - 1) < 1e-8, `${name}: glmnet's λ[${k}]`);
    }
  });
}

const cases: { name: string; options: FitOptions; weights?: boolean; shift?: number }[] = [
  { name: "lasso", options: {} },
  { name: "elastic net α = 0.3, weights", options: { alpha: 0.3 }, weights: true },
  { name: "no intercept, a mean of 1e3", options: { intercept: false }, shift: 1e3 },
  { name: "not standardized, penalty factors, bounds", options: { standardize: false, penaltyFactor: [0, 2, 1, 1, 0.5, 1, 1, 1], lowerLimits: -0.3, upperLimits: 0.8 } },
  { name: "exclude, user λs", options: { exclude: [2, 5], lambda: [0.5, 0.2, 0.1, 0.05, 0.01] } },
  { name: "ridge, weights", options: { alpha: 0 }, weights: true },
];

for (const c of cases) {
  test(`the path from moments is fitPath's: ${c.name}`, () => {
    const { x, y } = randomProblem(31, 150, 8, { rho: 0.6 });
    if (c.shift) for (let i = 0; i < x.data.length; i++) x.data[i] += c.shift;
    const r = rng(9);
    const weights = c.weights ? Array.from({ length: x.n }, () => 0.2 + 2 * r.uniform()) : undefined;
    const options: FitOptions = { ...c.options, thresh: 1e-12 };
    const fromMoments = fitPathFromMoments(momentsOf(x, y, weights), options);
    assertSamePath(fromMoments, fitPath(x, y, { ...options, weights, updates: "covariance" }), c.shift ? 1e-6 : 1e-9, c.name);
  });
}

test("a constant column is left out of a path from moments, its coefficient 0 at every λ", () => {
  const { x, y } = randomProblem(5, 80, 4);
  x.data.fill(7, 2 * x.n, 3 * x.n);
  const path = fitPathFromMoments(momentsOf(x, y));
  assert.ok(path.lambda.length > 5);
  for (let k = 0; k < path.lambda.length; k++) assert.equal(coefficientsAt(path, k)[2], 0);
  assertSamePath(path, fitPath(x, y, { updates: "covariance" }), 1e-6, "constant column");
});

test("options a path from moments cannot honour are errors naming the option", () => {
  const x = modelMatrix(["a", "b"], [Float64Array.of(1, 2, 3, 4), Float64Array.of(2, 1, 4, 3)]);
  const m = momentsOf(x, [1, 3, 2, 5]);
  const option = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof OptionError, String(e));
      return e.option;
    }
    assert.fail("no error");
  };
  assert.equal(option(() => fitPathFromMoments(m, { weights: [1, 1, 1, 1] })), "weights");
  assert.equal(option(() => fitPathFromMoments(m, { offset: [0, 0, 0, 0] })), "offset");
  assert.equal(option(() => fitPathFromMoments(m, { relax: true })), "relax");
  assert.equal(option(() => fitPathFromMoments(m, { family: "binomial" })), "family");
  assert.equal(option(() => fitPathFromMoments(m, { updates: "naive" })), "updates");
  assert.throws(() => fitPathFromMoments({ ...m, yy: 0 }), /zero variance/);
});
