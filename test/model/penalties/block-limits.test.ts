// limitBlock: the grouped elastic net's block step kept within coefficient limits (glmnet's chkbnds).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { GroupElasticNet } from "../../../src/model/penalties/group-elastic-net.js";
import { limitBlock } from "../../../src/model/penalties/block-limits.js";

const hundredths = (min: number, max: number) => fc.integer({ min, max }).map((v) => v / 100);

/** The block step of u at xv, λ, α (factor 1), then within [lower, upper]. */
function step(u: number[], xv: number, lambda: number, alpha: number, lower: number[], upper: number[]): Float64Array {
  const out = new Float64Array(u.length);
  new GroupElasticNet({ alpha, vp: Float64Array.of(1) }).proxBlock(0, u, xv, lambda, out);
  if (out.some((b) => b !== 0)) limitBlock(u, xv, lambda * alpha, lambda * (1 - alpha), Float64Array.from(lower), Float64Array.from(upper), 0, out, new Uint8Array(u.length));
  return out;
}

test("one coefficient: the elastic net's step clamped to its limits", () => {
  assert.deepEqual(Array.from(step([3], 1, 1, 1, [-Infinity], [0.5])), [0.5]);
  assert.deepEqual(Array.from(step([-3], 2, 1, 0.5, [-0.25], [Infinity])), [-0.25]);
  assert.deepEqual(Array.from(step([3], 1, 1, 1, [-Infinity], [Infinity])), [2]);
});

test("a coefficient past a limit is set there, the others refitted: stationary for the penalty on the whole block", () => {
  // u = (3, 1), xv = 1, λ = 0.5, α = 0.6: the step (2.38…, 0.79…) passes the upper limit 1 of the first.
  const u = [3, 1], xv = 1, lambda = 0.5, alpha = 0.6;
  const b = step(u, xv, lambda, alpha, [-Infinity, -Infinity], [1, Infinity]);
  assert.equal(b[0], 1);
  const r = Math.hypot(b[0], b[1]);
  // xv·b_1 − u_1 + λ[α b_1/‖b‖ + (1−α) b_1] = 0 for the free coefficient.
  const g = xv * b[1] - u[1] + lambda * (alpha * (b[1] / r) + (1 - alpha) * b[1]);
  assert.ok(b[1] > 0 && Math.abs(g) <= 1e-9, `b = ${Array.from(b)}, stationarity ${g}`);
});

test("glmnet's free-length solve: a Newton step below 0 ends it at 0, and the free coefficients take the step for that length", () => {
  // From the unlimited length 0.0826… Newton's first step lands below 0 (glmnet's bnorm then returns 0); the
  // free coefficient is u_1/(xv(1 + l2/xv + (l1/xv)/‖β‖)) with ‖β‖ the fixed one's 0.01 alone, as glmnet's chkbnds sets it.
  const b = step([-0.11, 0.01], 0.1, 0.02, 0.52, [-0.01, -Infinity], [Infinity, 0.01]);
  assert.equal(b[0], -0.01);
  const expected = 0.01 / (0.1 * (1 + (0.02 * 0.48) / 0.1 + (0.02 * 0.52) / 0.1 / 0.01));
  assert.ok(Math.abs(b[1] - expected) <= 1e-15, `${b[1]} vs ${expected}`);
});

test("the step stays within the limits, and is the unlimited step where that is within them", () => {
  fc.assert(
    fc.property(
      // Hundredths: numbers of a fit's size (no subnormal squares).
      fc.array(hundredths(-500, 500), { minLength: 2, maxLength: 5 }), hundredths(10, 300), hundredths(0, 100), hundredths(5, 100), hundredths(0, 100),
      (u, xv, lambda, alpha, cap) => {
        const lower = u.map((_, k) => (k % 2 === 0 ? -cap : -Infinity)), upper = u.map((_, k) => (k % 2 === 1 ? cap : Infinity));
        const b = step(u, xv, lambda, alpha, lower, upper);
        const free = step(u, xv, lambda, alpha, u.map(() => -Infinity), u.map(() => Infinity));
        const inside = Array.from(free).every((v, k) => v >= lower[k] && v <= upper[k]);
        if (inside) assert.deepEqual(b, free);
        b.forEach((v, k) => assert.ok(v >= lower[k] && v <= upper[k], `b[${k}] = ${v}`));
      },
    ),
    { numRuns: 300 },
  );
});
