import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ElasticNet } from "../../../src/model/penalties/elastic-net.js";
import { GroupElasticNet, blockNorm } from "../../../src/model/penalties/group-elastic-net.js";
import { goldenMin } from "../helpers.js";

const group = (alpha: number, vp: number[]) => new GroupElasticNet({ alpha, vp: Float64Array.from(vp) });

const norm = (x: ArrayLike<number>) => Math.hypot(...Array.from(x));

/** The block prox's objective: ½·xv·‖b‖² − uᵀb + λ·v[α‖b‖ + (1−α)/2·‖b‖²]. */
function objective(b: ArrayLike<number>, u: ArrayLike<number>, xv: number, lambda: number, v: number, alpha: number): number {
  let ub = 0;
  for (let k = 0; k < u.length; k++) ub += u[k] * b[k];
  const r = norm(b);
  return 0.5 * xv * r * r - ub + lambda * v * (alpha * r + ((1 - alpha) / 2) * r * r);
}

const alphaArb = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
const vArb = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5, noNaN: true }));
const block = fc.integer({ min: 1, max: 5 }).chain((K) =>
  fc.record({
    alpha: alphaArb,
    v: vArb,
    xv: fc.double({ min: 0.1, max: 10, noNaN: true }),
    lambda: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
    u: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: K, maxLength: K }),
    d: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: K, maxLength: K }),
  }),
);

function prox(pen: GroupElasticNet, j: number, u: number[], xv: number, lambda: number): Float64Array {
  const out = new Float64Array(u.length).fill(NaN);
  pen.proxBlock(j, u, xv, lambda, out);
  return out;
}

test("proxBlock meets the block subgradient condition: ‖u‖ ≤ λαv at 0, else xv·b − u + λv[(1−α)b + α·b/‖b‖] = 0", () => {
  fc.assert(
    fc.property(block, ({ alpha, v, xv, lambda, u }) => {
      const b = prox(group(alpha, [v]), 0, u, xv, lambda);
      const r = norm(b);
      const l1 = lambda * v * alpha, l2 = lambda * v * (1 - alpha);
      const tol = 1e-12 * (norm(u) + (xv + l2) * r + l1) + 1e-300;
      if (r === 0) {
        assert.ok(norm(u) <= l1 + tol, `‖u‖ ${norm(u)} > λαv ${l1} at b = 0`);
        return;
      }
      const res = u.map((uk, k) => xv * b[k] - uk + l2 * b[k] + l1 * (b[k] / r));
      assert.ok(norm(res) <= tol, `residual ${norm(res)}`);
    }),
    { numRuns: 300 },
  );
});

test("proxBlock is the minimiser: along u by golden-section search, and below every nearby point", () => {
  fc.assert(
    fc.property(block, fc.double({ min: 1e-4, max: 1, noNaN: true }), ({ alpha, v, xv, lambda, u, d }, eps) => {
      const b = prox(group(alpha, [v]), 0, u, xv, lambda);
      const f = (x: ArrayLike<number>) => objective(x, u, xv, lambda, v, alpha);
      const ftol = 1e-12 * (1 + Math.abs(f(b)));
      // The minimiser points along u; its length t minimises a one-dimensional convex function.
      const un = norm(u);
      fc.pre(un > 1e-100);
      const along = (t: number) => f(u.map((x) => (t * x) / un));
      const t = goldenMin(along, 0, un / xv + 1);
      assert.ok(Math.abs(norm(b) - t) <= 1e-5 * (1 + t), `‖prox‖ ${norm(b)}, golden ${t}`);
      assert.ok(f(b) <= along(t) + ftol);
      if (norm(b) > 0) {
        let dot = 0;
        for (let k = 0; k < u.length; k++) dot += b[k] * u[k];
        assert.ok(Math.abs(dot - norm(b) * un) <= 1e-12 * norm(b) * un, "prox not along u");
      }
      // And no point nearby in any direction does better.
      assert.ok(f(b) <= f(Array.from(b, (x, k) => x + eps * d[k])) + ftol);
      assert.ok(f(b) <= f(Array.from(b, (x, k) => x - eps * d[k])) + ftol);
    }),
    { numRuns: 300 },
  );
});

test("K = 1: proxBlock is the elastic net's prox without bounds, to the last bit", () => {
  fc.assert(
    fc.property(block, ({ alpha, v, xv, lambda, u }) => {
      const en = new ElasticNet({ alpha, vp: Float64Array.of(v), lower: Float64Array.of(-Infinity), upper: Float64Array.of(Infinity) });
      const b = prox(group(alpha, [v]), 0, [u[0]], xv, lambda);
      assert.equal(b[0], en.prox(0, u[0], xv, lambda));
      assert.equal(group(alpha, [v]).value([[u[0]], [0]], lambda), en.value([u[0]], lambda));
    }),
    { numRuns: 300 },
  );
});

test("proxBlock by hand; an unpenalized block is u/xv", () => {
  const pen = group(0.5, [2]);
  // ‖u‖ = 5, λαv = 1, denominator xv + λ(1−α)v = 1 + 1: b = u·(1 − 1/5)/2.
  assert.deepEqual(Array.from(prox(pen, 0, [3, 4], 1, 1)), [1.2, 1.6]);
  assert.deepEqual(Array.from(prox(pen, 0, [0.6, -0.8], 1, 1)), [0, 0]); // ‖u‖ = 1 = λαv
  assert.deepEqual(Array.from(prox(pen, 0, [0, 0, 0], 1, 1)), [0, 0, 0]);
  assert.deepEqual(Array.from(prox(group(0.5, [0]), 0, [3, -4], 2, 1)), [1.5, -2]);
  // A lasso-free block (α = 0) only shrinks.
  assert.deepEqual(Array.from(prox(group(0, [1]), 0, [3, -6], 1, 2)), [1, -2]);
  // out beyond u.length is left alone.
  const out = Float64Array.of(9, 9, 9);
  pen.proxBlock(0, [3, 4], 1, 1, out);
  assert.deepEqual(Array.from(out), [1.2, 1.6, 9]);
});

test("subdiffDistance is 0 at proxBlock's output for its pulls g = u − xv·b, and positive elsewhere", () => {
  fc.assert(
    fc.property(block, fc.double({ min: 1e-3, max: 3, noNaN: true }), ({ alpha, v, xv, lambda, u, d }, step) => {
      fc.pre(norm(d) > 1e-3);
      const pen = group(alpha, [v]);
      const b = prox(pen, 0, u, xv, lambda);
      const g = u.map((x, k) => x - xv * b[k]);
      const tol = 1e-12 * (norm(u) + (xv + lambda * v) * norm(b) + lambda * v) + 1e-300;
      assert.ok(pen.subdiffDistance(0, g, b, lambda) <= tol, `distance ${pen.subdiffDistance(0, g, b, lambda)}`);
      const beta = Array.from(b, (x, k) => x + (step * d[k]) / norm(d));
      const away = pen.subdiffDistance(0, u.map((x, k) => x - xv * beta[k]), beta, lambda);
      assert.ok(away > 0, `distance ${away} at β = ${beta}, prox ${Array.from(b)}`);
    }),
    { numRuns: 300 },
  );
  const pen = group(0.5, [2]);
  assert.equal(pen.subdiffDistance(0, [3, 4], [0, 0], 1), 4); // ‖g‖ − λαv
  assert.equal(pen.subdiffDistance(0, [0.3, 0.4], [0, 0], 1), 0);
  // β = (3, 4): g − λαv·β/‖β‖ − λ(1−α)v·β = (5, 9) − (0.6, 0.8) − (3, 4) = (1.4, 4.2).
  assert.ok(Math.abs(pen.subdiffDistance(0, [5, 9], [3, 4], 1) - Math.hypot(1.4, 4.2)) <= 1e-14);
  assert.equal(pen.subdiffDistance(0, [3.6, 4.8], [3, 4], 1), 0);
});

test("value is λ·Σ_j v_j [α‖β_j‖ + (1−α)/2·‖β_j‖²]", () => {
  const beta = [[3, 4], [0, 0], [1, 0], [0, -2]];
  const vp = [1, 5, 2, 0];
  const pen = group(0.5, vp);
  assert.equal(pen.value(beta, 1), 1 * (2.5 + 6.25) + 0 + 2 * (0.5 + 0.25) + 0);
  assert.equal(pen.value(beta, 2), 2 * pen.value(beta, 1));
  assert.equal(group(1, vp).value(beta, 1), 5 + 2);
  assert.equal(group(0, vp).value(beta, 1), 12.5 + 1);
});

test("lambdaMax: every penalized usable block is 0 just above it, one is not just below; α < 0.001 as the elastic net", () => {
  const blocks = fc.integer({ min: 1, max: 4 }).chain((K) =>
    fc.array(
      fc.record({
        g: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: K, maxLength: K }),
        v: vArb,
        usable: fc.boolean(),
        xv: fc.double({ min: 0.1, max: 10, noNaN: true }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  );
  fc.assert(
    fc.property(blocks, fc.oneof(fc.constant(1), fc.double({ min: 0.001, max: 1, noNaN: true })), (cols, alpha) => {
      fc.pre(cols.some((c) => c.usable && c.v > 0 && norm(c.g) > 1e-6));
      const pen = group(alpha, cols.map((c) => c.v));
      const lmax = pen.lambdaMax(cols.map((c) => blockNorm(c.g)), cols.map((c) => (c.usable ? 1 : 0)));
      const penalized = cols.map((c, j) => j).filter((j) => cols[j].usable && cols[j].v > 0);
      for (const j of penalized) {
        assert.ok(prox(pen, j, cols[j].g, cols[j].xv, lmax * (1 + 1e-12)).every((x) => x === 0), `block ${j} moves above λmax`);
      }
      assert.ok(penalized.some((j) => prox(pen, j, cols[j].g, cols[j].xv, lmax * (1 - 1e-6)).some((x) => x !== 0)), "no block moves below λmax");
    }),
    { numRuns: 200 },
  );
  const gNorm = [5, 12, 100, 50], vp = [1, 2, 0, 1], usable = [1, 1, 1, 0];
  assert.equal(group(1, vp).lambdaMax(gNorm, usable), 6);
  assert.equal(group(0.5, vp).lambdaMax(gNorm, usable), 12);
  assert.equal(group(0, vp).lambdaMax(gNorm, usable), 6 / 0.001);
  assert.equal(group(0.0005, vp).lambdaMax(gNorm, usable), 6 / 0.001);
  assert.equal(group(1, vp).lambdaMax(gNorm, [0, 0, 1, 0]), 0);
});

test("strongThreshold α(2λ − λ_prev)v_j; price λαv_j + λ(1−α)v_j·‖β_j‖, at 0 the boundary of subdiffDistance", () => {
  const pen = group(0.4, [1, 2.5, 0]);
  assert.equal(pen.strongThreshold(1, 1, 1.5), 0.4 * 0.5 * 2.5);
  assert.equal(pen.strongThreshold(2, 1, 1.5), 0);
  assert.equal(pen.price(1, 2, 0), 2 * 0.4 * 2.5);
  assert.equal(pen.price(1, 2, 3), 2 * 0.4 * 2.5 + 2 * 0.6 * 2.5 * 3);
  fc.assert(
    fc.property(block, ({ alpha, v, lambda, u }) => {
      fc.pre(lambda > 0 && norm(u) > 1e-3);
      const p = group(alpha, [v]);
      const p0 = p.price(0, lambda, 0);
      assert.equal(p0, lambda * alpha * v);
      // Precondition: a price far from the subnormals, where p0·(1 − 1e-12) is below p0 (it rounds to p0 there).
      fc.pre(p0 > 1e-290);
      const zero = u.map(() => 0);
      const dir = u.map((x) => x / norm(u));
      // A pull of length just under the price leaves 0 optimal; just over, not.
      assert.equal(p.subdiffDistance(0, dir.map((x) => x * p0 * (1 - 1e-12)), zero, lambda), 0);
      const over = p0 * (1 + 1e-9) + 1e-300;
      assert.ok(p.subdiffDistance(0, dir.map((x) => x * over), zero, lambda) > 0);
      // At β ≠ 0 the price is the pull's length that β balances, along β.
      const r = norm(u);
      const price = p.price(0, lambda, r);
      assert.ok(p.subdiffDistance(0, dir.map((x) => x * price), u, lambda) <= 1e-12 * (price + 1));
    }),
    { numRuns: 200 },
  );
});

test("blockNorm is the 2-norm, without overflow or underflow, exact for one coordinate", () => {
  assert.equal(blockNorm([3, 4]), 5);
  assert.equal(blockNorm([]), 0);
  assert.equal(blockNorm([0, 0]), 0);
  assert.equal(blockNorm([-7]), 7);
  assert.equal(blockNorm([5e-324]), 5e-324);
  assert.ok(Math.abs(blockNorm([1e200, -1e200]) / 1e200 - Math.SQRT2) <= 1e-15);
  assert.ok(Math.abs(blockNorm([3e-200, 4e-200]) / 5e-200 - 1) <= 1e-15);
  assert.equal(blockNorm([1, Infinity]), Infinity);
  assert.ok(Number.isNaN(blockNorm([1, NaN])));
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      assert.equal(blockNorm([x]), Math.abs(x));
    }),
  );
});
