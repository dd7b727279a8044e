import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { normalizePenaltyFactors, type PenaltyName } from "../../src/model/penalty.js";
import { penaltyOf } from "../../src/model/penalties/index.js";

test("normalizePenaltyFactors rescales to sum to the number of variables", () => {
  assert.deepEqual(Array.from(normalizePenaltyFactors([1, 1, 2])), [0.75, 0.75, 1.5]);
  assert.deepEqual(Array.from(normalizePenaltyFactors([0, 2, 2, 0])), [0, 2, 2, 0]);
  assert.deepEqual(Array.from(normalizePenaltyFactors([5])), [1]);
  // Negative factors count as 0.
  assert.deepEqual(Array.from(normalizePenaltyFactors([-3, 1, 1])), [0, 1.5, 1.5]);
  // Nothing to rescale: left as (clamped) zeros.
  assert.deepEqual(Array.from(normalizePenaltyFactors([0, -1, 0])), [0, 0, 0]);
  assert.deepEqual(Array.from(normalizePenaltyFactors([])), []);
  // A copy: the input is not touched.
  const v = Float64Array.of(2, 2);
  normalizePenaltyFactors(v);
  assert.deepEqual(Array.from(v), [2, 2]);
});

test("normalizePenaltyFactors: sum p, ratios kept, negatives 0 (random factors)", () => {
  const factor = fc.oneof(fc.double({ min: -5, max: 100, noNaN: true }), fc.constant(0));
  fc.assert(
    fc.property(fc.array(factor, { minLength: 1, maxLength: 20 }), (v) => {
      fc.pre(v.some((x) => x > 1e-100));
      const out = normalizePenaltyFactors(v);
      const p = v.length;
      const sum = out.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - p) <= 1e-12 * p, `sum ${sum}`);
      const scale = p / v.reduce((a, x) => a + Math.max(0, x), 0);
      for (let j = 0; j < p; j++) {
        if (v[j] <= 0) assert.equal(out[j], 0);
        else assert.ok(Math.abs(out[j] - v[j] * scale) <= 1e-14 * out[j], `${out[j]} vs ${v[j] * scale}`);
      }
    }),
    { numRuns: 300 },
  );
});

test("zeroWeights and the scales give every penalty's strong threshold and KKT distance at β = 0 bit for bit", () => {
  const g = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, -0, NaN, Infinity, -Infinity));
  fc.assert(
    fc.property(
      fc.constantFrom<PenaltyName>("elastic-net", "mcp", "scad"), fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 }),
      fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.double({ min: 1e-6, max: 10, noNaN: true }), g,
      (name, alpha, v, lambda, lambdaPrev, pull) => {
        const vp = Float64Array.from(v);
        const pen = penaltyOf(name, { alpha, vp, lower: vp.map(() => -Infinity), upper: vp.map(() => Infinity) });
        const w = pen.zeroWeights();
        assert.equal(pen.zeroWeights().strong, w.strong, "the same arrays at every call");
        for (let j = 0; j < vp.length; j++) {
          assert.ok(Object.is(pen.strongThreshold(j, lambda, lambdaPrev), w.strong[j] * pen.strongScale(lambda, lambdaPrev)));
          assert.ok(Object.is(pen.subdiffDistance(j, pull, 0, lambda), Math.max(0, Math.abs(pull) - w.kkt[j] * pen.kktScale(lambda))));
        }
      },
    ),
  );
});
