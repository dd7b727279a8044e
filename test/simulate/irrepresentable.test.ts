import { test } from "node:test";
import assert from "node:assert/strict";
import { irrepresentableCondition } from "../../src/simulate/irrepresentable.js";
import { makeDesign, populationCovariance } from "../../src/simulate/design.js";
import { scenario } from "../../src/simulate/scenarios.js";

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test("hand-computed: two true predictors, one noise variable", () => {
  // Σ_SS = [[1, .5], [.5, 1]], Σ_jS = [.6, .2]. Σ_SS⁻¹(1, 1) = (1, 1)/1.5, so the value is 0.8/1.5;
  // Σ_SS⁻¹(1, −1) = (1, −1)/0.5, so with opposite signs it is 0.4/0.5.
  const cov = [1, 0.5, 0.6, 0.5, 1, 0.2, 0.6, 0.2, 1];
  const same = irrepresentableCondition(cov, 3, [2, 3, 0]);
  close(same.value, 0.8 / 1.5);
  assert.equal(same.variable, 2);
  assert.equal(same.holds, true);
  assert.match(same.sentence, /holds .* 0\.53 < 1/);
  const opposite = irrepresentableCondition(cov, 3, [2, -3, 0]);
  close(opposite.value, 0.8);
  assert.ok(Number.isNaN(opposite.values[0]));
});

test("hand-computed: a noise variable correlated r with three independent true ones gives 3r", () => {
  const d = scenario("irrepresentable").spec;
  const design = makeDesign(d);
  const ic = irrepresentableCondition(design.covariance, design.p, design.beta, design.names);
  close(ic.value, 1.5);
  assert.equal(ic.variable, 3);
  assert.equal(ic.holds, false);
  assert.match(ic.sentence, /fails .* x4/);
  // The other noise variables are uncorrelated with everything: value 0.
  close(ic.values[9], 0);
});

test("AR(1) with one true predictor: the value is ρ (its neighbour)", () => {
  const cov = populationCovariance({ type: "ar1", rho: 0.7 }, 6);
  const ic = irrepresentableCondition(cov, 6, [0, 0, 1, 0, 0, 0]);
  close(ic.value, 0.7);
  assert.ok(ic.variable === 1 || ic.variable === 3);
});

test("no support or no noise variable: the condition does not apply", () => {
  const cov = populationCovariance({ type: "independent" }, 3);
  assert.equal(irrepresentableCondition(cov, 3, [0, 0, 0]).value, null);
  const all = irrepresentableCondition(cov, 3, [1, 1, 1]);
  assert.equal(all.value, null);
  assert.equal(all.holds, null);
});
