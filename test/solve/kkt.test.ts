// At every returned solution the KKT conditions hold: nonzero coefficients balance pull and price,
// zero ones have less pull than price. Random problems: tall, wide, correlated, factors, bounds, weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { setPullBounds } from "../../src/solve/pull-bounds.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { FitOptions } from "../../src/solve/types.js";
import { randomProblem, rng } from "../helpers/random.js";
import { kktViolation } from "../helpers/kkt.js";

const cases: { name: string; n: number; p: number; rho: number; family?: "gaussian" | "binomial" | "poisson"; opts: FitOptions }[] = [
  { name: "tall lasso", n: 200, p: 20, rho: 0.3, opts: {} },
  { name: "wide lasso", n: 50, p: 200, rho: 0.5, opts: {} },
  { name: "wide lasso, naive updates", n: 50, p: 200, rho: 0.5, opts: { updates: "naive" } },
  { name: "correlated elastic net", n: 100, p: 30, rho: 0.9, opts: { alpha: 0.3 } },
  { name: "ridge", n: 80, p: 40, rho: 0.6, opts: { alpha: 0 } },
  { name: "penalty factors and bounds", n: 120, p: 25, rho: 0.4, opts: { penaltyFactor: Array.from({ length: 25 }, (_, j) => (j % 5 === 0 ? 0 : 1 + (j % 3))), lowerLimits: -0.05, upperLimits: 0.2 } },
  { name: "no standardize, no intercept", n: 100, p: 15, rho: 0.2, opts: { standardize: false, intercept: false } },
  { name: "weights, naive", n: 150, p: 30, rho: 0.5, opts: { weights: Array.from({ length: 150 }, (_, i) => 0.5 + (i % 4)), updates: "naive", alpha: 0.7 } },
  { name: "logistic lasso", n: 200, p: 30, rho: 0.4, family: "binomial", opts: {} },
  { name: "logistic wide elastic net with bounds", n: 60, p: 100, rho: 0.3, family: "binomial", opts: { alpha: 0.5, upperLimits: 0.5 } },
  { name: "poisson lasso with weights", n: 200, p: 20, rho: 0.3, family: "poisson", opts: { weights: Array.from({ length: 200 }, (_, i) => 1 + (i % 3)) } },
];

// Both ways of running the KKT check: every pull computed (glmnet's) and pulls bounded (pull-bounds.ts).
for (const c of cases) for (const bounds of [true, false]) {
  test(`KKT holds at every λ: ${c.name}${bounds ? "" : " (every pull computed)"}`, () => {
    const { x, y } = randomProblem(c.n * 7 + c.p, c.n, c.p, { rho: c.rho, family: c.family });
    const opts: FitOptions = { ...c.opts, family: c.family ?? "gaussian", thresh: 1e-14 };
    const before = setPullBounds(bounds);
    let path;
    try {
      path = fitPath(x, y, opts);
    } finally {
      setPullBounds(before);
    }
    assert.ok(path.lambda.length > 5);
    const pf = typeof opts.penaltyFactor === "object" ? (opts.penaltyFactor as number[]) : undefined;
    const expand = (v: unknown, fill: number) => (typeof v === "number" ? new Array(c.p).fill(v) : new Array(c.p).fill(fill));
    for (let k = 1; k < path.lambda.length; k++) {
      const beta = coefficientsAt(path, k);
      for (const b of beta) assert.ok(Number.isFinite(b));
      const v = kktViolation(x, y, opts.family!, {
        alpha: opts.alpha ?? 1, lambda: path.lambda[k], standardize: opts.standardize, intercept: opts.intercept,
        penaltyFactor: pf, weights: opts.weights as number[] | undefined,
        lower: expand(opts.lowerLimits, -Infinity), upper: expand(opts.upperLimits, Infinity),
      }, path.intercept[k], beta);
      assert.ok(v < 1e-5, `λ[${k}] = ${path.lambda[k]}: KKT violation ${v}`);
    }
  });
}

test("covariance and naive updates give the same path", () => {
  const { x, y } = randomProblem(3, 100, 40, { rho: 0.7 });
  const a = fitPath(x, y, { updates: "covariance", thresh: 1e-12 });
  const b = fitPath(x, y, { updates: "naive", thresh: 1e-12 });
  assert.equal(a.lambda.length, b.lambda.length);
  for (let k = 0; k < a.lambda.length; k++) {
    const ba = coefficientsAt(a, k), bb = coefficientsAt(b, k);
    for (let j = 0; j < ba.length; j++) assert.ok(Math.abs(ba[j] - bb[j]) < 1e-6 * (1 + Math.abs(ba[j])), `λ[${k}] β[${j}]`);
  }
});

test("a random seed changes the problem (the generator is not constant)", () => {
  const r = rng(1), s = rng(2);
  assert.notEqual(r.normal(), s.normal());
});
