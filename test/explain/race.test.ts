import { test } from "node:test";
import assert from "node:assert/strict";
import { penalizedSolution, type Vec2 } from "../../src/explain/geometry.js";
import {
  coordinateDescent,
  landing,
  lipschitzBound,
  proximalGradient,
  quadraticOfTwoPredictors,
  race,
  raceCost,
  subgradientDescent,
} from "../../src/explain/race.js";

// A problem whose lasso solution has β₂ exactly zero: β̂₂ is small and correlated with β̂₁.
const problem = { rho: 0.5, betaHat: [2, 0.3] as Vec2 };
const lambda = 0.8;
const q = quadraticOfTwoPredictors(problem);
const start = [...problem.betaHat];

test("the problem has a zero in its lasso solution", () => {
  const sol = penalizedSolution(problem, lambda, 1);
  assert.equal(sol.beta[1], 0);
  assert.ok(sol.beta[0] > 0);
});

test("plain subgradient descent chatters around zero and never lands on it", () => {
  const trace = subgradientDescent(q, lambda, 1, { steps: 200, start });
  const end = landing(trace);
  assert.equal(end.zeroFromStep[1], null, "β₂ is not exactly zero at the end");
  assert.ok(end.signChanges[1] >= 10, `β₂ changes sign again and again (${end.signChanges[1]})`);
  assert.ok(end.lateAmplitude[1] > 1e-3, "and keeps a visible size");
  // The chatter is bounded by the step: |β₂| ≤ γλ(1 + |ρ|) or so, not growing.
  assert.ok(end.lateAmplitude[1] <= trace.stepSize * lambda * 2);
});

test("proximal gradient and coordinate descent land exactly on zero and on the solution", () => {
  const sol = penalizedSolution(problem, lambda, 1);
  for (const trace of [proximalGradient(q, lambda, 1, { steps: 200, start }), coordinateDescent(q, lambda, 1, { steps: 200, start })]) {
    const end = landing(trace);
    assert.notEqual(end.zeroFromStep[1], null, `${trace.solver}: β₂ exactly zero`);
    assert.ok((end.zeroFromStep[1] ?? Infinity) < 20, `${trace.solver}: within a few steps`);
    assert.equal(end.signChanges[1], 0);
    assert.ok(Math.abs(end.final[0] - sol.beta[0]) < 1e-10, `${trace.solver}: β₁ converged`);
  }
});

test("coordinate descent never increases the cost; the step sizes are shared", () => {
  const traces = race(q, lambda, 1, { steps: 40, start });
  assert.deepEqual(traces.map((t) => t.solver), ["subgradient", "proximal", "coordinate"]);
  assert.equal(traces[0].stepSize, 1 / lipschitzBound(q));
  assert.equal(traces[0].stepSize, traces[1].stepSize);
  const cd = traces[2].steps;
  for (let s = 1; s < cd.length; s++) assert.ok(cd[s].cost <= cd[s - 1].cost + 1e-15);
  const prox = traces[1].steps;
  for (let s = 1; s < prox.length; s++) assert.ok(prox[s].cost <= prox[s - 1].cost + 1e-15);
  assert.equal(cd[0].cost, raceCost(q, start, lambda, 1));
});

test("with the elastic net the proximal step still zeroes β₂ and matches the exact solution", () => {
  const sol = penalizedSolution(problem, lambda, 0.5);
  const end = landing(proximalGradient(q, lambda, 0.5, { steps: 300, start }));
  assert.ok(Math.abs(end.final[0] - sol.beta[0]) < 1e-9);
  assert.ok(Math.abs(end.final[1] - sol.beta[1]) < 1e-9);
});
