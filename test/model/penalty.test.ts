import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { normalizePenaltyFactors } from "../../src/model/penalty.js";

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
