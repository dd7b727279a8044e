import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  constrainedSolution,
  cornerFraction,
  elasticNetOneVariable,
  errorContour,
  penaltyBall,
  penaltyValue,
  penalizedSolution,
  ridgeShrink,
  softThreshold,
  squaredError,
  squaredErrorGradient,
  type TwoPredictorProblem,
  type Vec2,
} from "../../src/explain/geometry.js";

const cost = (problem: TwoPredictorProblem, beta: Vec2, lambda: number, alpha: number) =>
  squaredError(problem, beta) + lambda * penaltyValue(beta, alpha);

/** KKT of §1 on the two-predictor problem: pull = price where β_j ≠ 0, pull ≤ price where β_j = 0. */
function kktViolation(problem: TwoPredictorProblem, beta: Vec2, lambda: number, alpha: number): number {
  const g = squaredErrorGradient(problem, beta);
  let worst = 0;
  for (let j = 0; j < 2; j++) {
    const pull = -g[j] - lambda * (1 - alpha) * beta[j];
    if (beta[j] !== 0) worst = Math.max(worst, Math.abs(pull - lambda * alpha * Math.sign(beta[j])));
    else worst = Math.max(worst, Math.abs(pull) - lambda * alpha);
  }
  return worst;
}

const problemArb = fc.record({
  rho: fc.double({ min: -0.95, max: 0.95, noNaN: true }),
  betaHat: fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })),
});

test("soft threshold shifts toward zero and stops there; ridge shrinks proportionally and never reaches zero", () => {
  assert.equal(softThreshold(3, 1), 2);
  assert.equal(softThreshold(-3, 1), -2);
  assert.equal(softThreshold(0.5, 1), 0);
  assert.equal(softThreshold(-1, 1), 0);
  assert.equal(ridgeShrink(3, 1), 1.5);
  for (const lambda of [0.1, 1, 10, 1e6]) assert.notEqual(ridgeShrink(0.01, lambda), 0);
  assert.equal(elasticNetOneVariable(3, 1, 1), softThreshold(3, 1));
  assert.equal(elasticNetOneVariable(3, 1, 0), ridgeShrink(3, 1));
  assert.equal(elasticNetOneVariable(3, 2, 0.5), (3 - 1) / 2);
});

test("the error contour is the level set of the squared error", () => {
  const problem = { rho: 0.7, betaHat: [1.5, -0.5] as Vec2 };
  for (const level of [0.1, 1, 4]) {
    for (const point of errorContour(problem, level, 64)) {
      assert.ok(Math.abs(squaredError(problem, point) - level) < 1e-12 * Math.max(1, level));
    }
  }
});

test("the penalty ball is the level set of the penalty and has its corners on the axes", () => {
  for (const alpha of [0, 0.3, 0.5, 1]) {
    const ball = penaltyBall(alpha, 0.8, 64);
    for (const point of ball) assert.ok(Math.abs(penaltyValue(point, alpha) - 0.8) < 1e-12, `alpha ${alpha}`);
    assert.ok(ball.some(([x, y]) => y === 0 && x > 0), "a point on the positive β₁ axis");
  }
  const diamond = penaltyBall(1, 2, 64);
  assert.deepEqual(diamond[0], [2, 0]);
  assert.ok(Math.abs(Math.hypot(...penaltyBall(0, 2, 64)[5]) - 2) < 1e-12, "the L2 ball is a disk of radius √(2t)");
});

test("penalizedSolution meets the KKT conditions and beats nearby points", () => {
  fc.assert(
    fc.property(problemArb, fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (problem, lambda, alpha) => {
      const sol = penalizedSolution(problem, lambda, alpha);
      assert.ok(kktViolation(problem, sol.beta, lambda, alpha) < 1e-9, `KKT ${JSON.stringify({ problem, lambda, alpha, sol })}`);
      const best = cost(problem, sol.beta, lambda, alpha);
      for (const [d0, d1] of [[1e-4, 0], [-1e-4, 0], [0, 1e-4], [0, -1e-4], [1e-4, -1e-4]]) {
        assert.ok(cost(problem, [sol.beta[0] + d0, sol.beta[1] + d1], lambda, alpha) >= best - 1e-12);
      }
    }),
    { numRuns: 300 },
  );
});

test("the lasso solution lands on a corner where theory says it must", () => {
  // Uncorrelated predictors: the lasso is the soft threshold coordinate-wise (§2).
  const problem = { rho: 0, betaHat: [2, 0.5] as Vec2 };
  const sol = penalizedSolution(problem, 1, 1);
  assert.deepEqual(sol.beta, [1, 0]);
  assert.ok(sol.onCorner);
  assert.deepEqual(sol.zeros, [1]);
  // Ridge on the same problem keeps both, shrunk by 1/(1 + λ).
  const ridge = penalizedSolution(problem, 1, 0);
  assert.deepEqual(ridge.beta, [1, 0.25]);
  assert.equal(ridge.onCorner, false);
  // Above λ_max = max|b_j| every coefficient is zero.
  assert.deepEqual(penalizedSolution(problem, 2.0001, 1).beta, [0, 0]);
});

test("constrainedSolution uses exactly the budget when it binds, and is β̂ when it does not", () => {
  fc.assert(
    fc.property(problemArb, fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (problem, budget, alpha) => {
      const sol = constrainedSolution(problem, alpha, budget);
      if (penaltyValue(problem.betaHat, alpha) <= budget) {
        assert.deepEqual(sol.beta, problem.betaHat);
        assert.equal(sol.lambda, 0);
      } else {
        assert.ok(sol.budget <= budget * (1 + 1e-9), "inside the ball");
        assert.ok(sol.budget >= budget * (1 - 1e-6), "on its boundary");
        // No feasible point on a ring around the solution has smaller squared error.
        const f = squaredError(problem, sol.beta);
        for (let k = 0; k < 32; k++) {
          const t = (2 * Math.PI * k) / 32;
          const q: Vec2 = [sol.beta[0] + 1e-3 * Math.cos(t), sol.beta[1] + 1e-3 * Math.sin(t)];
          if (penaltyValue(q, alpha) <= budget) assert.ok(squaredError(problem, q) >= f - 1e-9);
        }
      }
    }),
    { numRuns: 200 },
  );
});

test("L1 lands on a corner far more often than L2 (§9)", () => {
  const l1 = cornerFraction(0.5, 1, 1, 3, 180);
  const l2 = cornerFraction(0.5, 0, 1, 3, 180);
  assert.ok(l1 > 0.3, `L1 corner fraction ${l1}`);
  assert.ok(l2 < 0.02, `L2 corner fraction ${l2}`);
});

test("bad inputs are refused", () => {
  assert.throws(() => penalizedSolution({ rho: 1, betaHat: [1, 1] }, 1, 1), /rho/);
  assert.throws(() => penalizedSolution({ rho: 0, betaHat: [1, 1] }, -1, 1), /lambda/);
  assert.throws(() => penaltyBall(1.5, 1), /alpha/);
});
