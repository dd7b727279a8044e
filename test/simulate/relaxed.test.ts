import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, solve } from "ml-matrix";
import { crossProducts, leastSquaresRefit, logisticRefit, relaxedRefits } from "../../src/simulate/relaxed.js";
import { makeDesign, sampleData } from "../../src/simulate/design.js";
import { createRng } from "../../src/random/rng.js";

test("least-squares refit equals ordinary least squares with an intercept on the active columns", () => {
  const d = makeDesign({ n: 60, p: 8, s: 3, correlation: { type: "ar1", rho: 0.6 } });
  const { x, y } = sampleData(d, createRng(21));
  const active = [1, 4, 6];
  // Independent answer: solve [1 X_A]ᵀ[1 X_A] b = [1 X_A]ᵀ y with ml-matrix.
  const rows = Array.from({ length: x.n }, (_, i) => [1, ...active.map((j) => x.data[j * x.n + i])]);
  const a = new Matrix(rows);
  const b = solve(a.transpose().mmul(a), a.transpose().mmul(Matrix.columnVector([...y])));
  const fit = leastSquaresRefit(crossProducts(x, y, [0, 1, 2, 4, 6]), active, x.p);
  assert.ok(Math.abs(fit.intercept - b.get(0, 0)) < 1e-10);
  active.forEach((j, t) => assert.ok(Math.abs(fit.beta[j] - b.get(t + 1, 0)) < 1e-10, `β${j}`));
  for (const j of [0, 2, 3, 5, 7]) assert.equal(fit.beta[j], 0);
});

test("an empty active set refits the mean; repeated sets are fitted once", () => {
  const d = makeDesign({ n: 30, p: 4, s: 2 });
  const { x, y } = sampleData(d, createRng(2));
  const fits = relaxedRefits(x, y, "gaussian", [new Int32Array([]), new Int32Array([0, 1]), new Int32Array([0, 1])]);
  assert.ok(Math.abs(fits[0].intercept - y.reduce((s, v) => s + v, 0) / y.length) < 1e-12);
  assert.ok(fits[0].beta.every((b) => b === 0));
  assert.equal(fits[1], fits[2]);
});

test("more active columns than rows support: a finite least-squares solution that fits the data", () => {
  const d = makeDesign({ n: 6, p: 10, s: 2 });
  const { x, y } = sampleData(d, createRng(4));
  const active = [0, 1, 2, 3, 4, 5, 6];
  const fit = leastSquaresRefit(crossProducts(x, y, active), active, x.p);
  assert.ok(fit.beta.every(Number.isFinite));
  for (let i = 0; i < x.n; i++) {
    let eta = fit.intercept;
    for (const j of active) eta += fit.beta[j] * x.data[j * x.n + i];
    assert.ok(Math.abs(eta - y[i]) < 1e-4, `row ${i + 1}: ${eta} vs ${y[i]}`);
  }
});

test("logistic refit solves the score equations Xᵀ(y − μ) = 0", () => {
  const d = makeDesign({ n: 400, p: 5, beta: [1, -0.5, 0, 0, 0], intercept: 0.3, family: "binomial" });
  const { x, y } = sampleData(d, createRng(8));
  const active = [0, 1, 3];
  const fit = logisticRefit(x, y, active);
  const score = new Float64Array(active.length + 1);
  for (let i = 0; i < x.n; i++) {
    let eta = fit.intercept;
    for (const j of active) eta += fit.beta[j] * x.data[j * x.n + i];
    const r = y[i] - 1 / (1 + Math.exp(-eta));
    score[0] += r;
    active.forEach((j, t) => (score[t + 1] += r * x.data[j * x.n + i]));
  }
  for (const s of score) assert.ok(Math.abs(s) < 1e-6, `score ${s}`);
});
