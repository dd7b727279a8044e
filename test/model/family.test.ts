import { test } from "node:test";
import assert from "node:assert/strict";
import { deviance } from "../../src/model/family.js";
import { binomial, gaussian, poisson } from "../../src/model/families/index.js";

test("deviance is Σ w·d(y, μ)", () => {
  assert.equal(deviance(gaussian, [1, 2, 4], [0, 2, 1], [0.5, 2, 1]), 0.5 * 1 + 0 + 9);
  const y = [0, 3, 1], mu = [0.5, 2, 1], w = [1, 2, 3];
  let s = 0;
  for (let i = 0; i < 3; i++) s += w[i] * poisson.unitDeviance(y[i], mu[i]);
  assert.equal(deviance(poisson, y, mu, w), s);
  assert.equal(deviance(binomial, [1, 0], [0.5, 0.5], [1, 1]), 4 * Math.LN2);
  assert.equal(deviance(gaussian, [], [], []), 0);
});

test("deviance skips rows without weight, whose unit deviance may be infinite", () => {
  // Poisson: a count where the mean is 0 has d = ∞, and 0·∞ would be NaN.
  assert.equal(poisson.unitDeviance(2, 0), Infinity);
  assert.equal(deviance(poisson, [2, 1], [0, 1], [0, 1]), 0);
  assert.equal(deviance(gaussian, [NaN, 1], [0, 3], [0, 0.5]), 2);
});
