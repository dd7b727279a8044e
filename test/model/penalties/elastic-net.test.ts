import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ElasticNet, elasticNetPenalty, softThreshold } from "../../../src/model/penalties/elastic-net.js";
import { goldenMin } from "../helpers.js";

/** An elastic net on one coordinate (or several), with bounds. */
function en(alpha: number, vp: number[], lower?: number[], upper?: number[]): ElasticNet {
  return new ElasticNet({
    alpha,
    vp: Float64Array.from(vp),
    lower: Float64Array.from(lower ?? vp.map(() => -Infinity)),
    upper: Float64Array.from(upper ?? vp.map(() => Infinity)),
  });
}

/** The prox's objective: ½·xv·b² − u·b + λ·v[α|b| + (1−α)/2·b²]. */
function objective(b: number, u: number, xv: number, lambda: number, v: number, alpha: number): number {
  return 0.5 * xv * b * b - u * b + lambda * v * (alpha * Math.abs(b) + ((1 - alpha) / 2) * b * b);
}

const alphaArb = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
const vArb = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5, noNaN: true }));
const coordinate = fc.record({
  alpha: alphaArb,
  v: vArb,
  xv: fc.double({ min: 0.1, max: 10, noNaN: true }),
  u: fc.double({ min: -10, max: 10, noNaN: true }),
  lambda: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
  lo: fc.oneof(fc.constant(-Infinity), fc.constant(0), fc.double({ min: -3, max: 0, noNaN: true })),
  hi: fc.oneof(fc.constant(Infinity), fc.constant(0), fc.double({ min: 0, max: 3, noNaN: true })),
});

test("prox is the minimiser on [lo, hi]: the subgradient condition holds at it", () => {
  fc.assert(
    fc.property(coordinate, ({ alpha, v, xv, u, lambda, lo, hi }) => {
      const b = en(alpha, [v], [lo], [hi]).prox(0, u, xv, lambda);
      assert.ok(b >= lo && b <= hi, `${b} outside [${lo}, ${hi}]`);
      // ∂f(b) = xv·b − u + λv(1−α)·b + λvα·∂|b|, an interval [sLo, sHi].
      const l1 = lambda * v * alpha;
      const smooth = xv * b - u + lambda * v * (1 - alpha) * b;
      const [sLo, sHi] = b === 0 ? [smooth - l1, smooth + l1] : [smooth + l1 * Math.sign(b), smooth + l1 * Math.sign(b)];
      const tol = 1e-12 * (Math.abs(u) + (xv + lambda * v) * Math.abs(b) + l1) + 1e-300;
      // Interior: 0 ∈ ∂f; at hi some subgradient ≤ 0 (f falls toward hi); at lo some subgradient ≥ 0.
      if (b > lo) assert.ok(sLo <= tol, `sLo ${sLo} at b = ${b} > lo`);
      if (b < hi) assert.ok(sHi >= -tol, `sHi ${sHi} at b = ${b} < hi`);
    }),
    { numRuns: 300 },
  );
});

test("prox agrees with golden-section search and a dense grid on [lo, hi]", () => {
  fc.assert(
    fc.property(coordinate, ({ alpha, v, xv, u, lambda, lo, hi }) => {
      const b = en(alpha, [v], [lo], [hi]).prox(0, u, xv, lambda);
      const f = (t: number) => objective(t, u, xv, lambda, v, alpha);
      // The unconstrained minimiser lies within |u|/xv of 0: search a box around it.
      const reach = Math.abs(u) / xv + 1;
      const a = Math.max(lo, -reach), c = Math.min(hi, reach);
      const g = goldenMin(f, a, c);
      const ftol = 1e-12 * (1 + Math.abs(f(b)));
      assert.ok(f(b) <= f(g) + ftol, `f(prox) ${f(b)} > f(golden) ${f(g)}`);
      assert.ok(Math.abs(b - g) <= 1e-5 * (1 + Math.abs(b)), `prox ${b}, golden ${g}`);
      for (let k = 0; k <= 200; k++) {
        const t = a + ((c - a) * k) / 200;
        assert.ok(f(b) <= f(t) + ftol, `f(prox = ${b}) ${f(b)} > f(${t}) ${f(t)}`);
      }
    }),
    { numRuns: 300 },
  );
});

test("prox: unpenalized (v = 0) is clamp(u/xv); α = 1 the soft threshold; α = 0 ridge; bounds that bind", () => {
  fc.assert(
    fc.property(coordinate, ({ alpha, xv, u, lambda, lo, hi }) => {
      const clamp = (x: number) => Math.min(Math.max(x, lo), hi);
      const b = en(alpha, [0], [lo], [hi]).prox(0, u, xv, lambda);
      assert.ok(b === clamp(u / xv), `${b} vs ${clamp(u / xv)}`);
    }),
  );
  const lasso = en(1, [2]), ridge = en(0, [2]);
  assert.equal(lasso.prox(0, 3, 2, 0.5), softThreshold(3, 1) / 2);
  assert.equal(lasso.prox(0, -3, 2, 0.5), softThreshold(-3, 1) / 2);
  assert.equal(lasso.prox(0, 0.9, 2, 0.5), 0);
  assert.equal(lasso.prox(0, 1, 2, 0.5), 0);
  assert.equal(ridge.prox(0, 3, 2, 0.5), 3 / 3);
  assert.equal(ridge.prox(0, 1e-300, 2, 0.5), 1e-300 / 3);
  assert.equal(en(0.5, [1]).prox(0, 4, 1, 2), (4 - 1) / (1 + 1));
  // Bounds: the unconstrained 1.5 clipped to 1; −1.5 to −0.5; a sign held at 0.
  const boxed = en(0.5, [1], [-0.5], [1]);
  assert.equal(boxed.prox(0, 4, 1, 2), 1);
  assert.equal(boxed.prox(0, -4, 1, 2), -0.5);
  assert.equal(en(0.5, [1], [0], [Infinity]).prox(0, -4, 1, 2), 0);
  assert.equal(en(0.5, [1], [-Infinity], [0]).prox(0, 4, 1, 2), 0);
});

test("subdiffDistance is 0 at prox's output for its pull g = u − xv·b, and positive elsewhere", () => {
  fc.assert(
    fc.property(coordinate, fc.double({ min: 1e-3, max: 5, noNaN: true }), fc.boolean(), ({ alpha, v, xv, u, lambda }, step, up) => {
      const pen = en(alpha, [v]);
      const b = pen.prox(0, u, xv, lambda);
      const tol = 1e-12 * (Math.abs(u) + (xv + lambda * v) * Math.abs(b) + lambda * v) + 1e-300;
      assert.ok(pen.subdiffDistance(0, u - xv * b, b, lambda) <= tol, `distance ${pen.subdiffDistance(0, u - xv * b, b, lambda)} at the prox`);
      // Any other β, with its own pull, misses its KKT condition.
      const beta = b + (up ? step : -step);
      assert.ok(pen.subdiffDistance(0, u - xv * beta, beta, lambda) > 0);
      if (b !== 0) assert.ok(pen.subdiffDistance(0, u, 0, lambda) > 0);
    }),
    { numRuns: 300 },
  );
  const pen = en(0.5, [2]);
  assert.equal(pen.subdiffDistance(0, 1.5, 0, 1), 0.5); // (|g| − λαv)₊
  assert.equal(pen.subdiffDistance(0, -0.5, 0, 1), 0);
  assert.equal(pen.subdiffDistance(0, 3, 1, 1), 1); // |3 − 1·1 − 1·1|
  assert.equal(pen.subdiffDistance(0, -3, -1, 1), 1);
});

test("value is λ·elasticNetPenalty, and that is Σ v_j [α|β_j| + (1−α)/2·β_j²]", () => {
  const beta = [1, -2, 0, 0.5];
  const vp = [1, 0.5, 3, 0];
  assert.equal(elasticNetPenalty(beta, 0.5, vp), 1 * (0.5 + 0.25) + 0.5 * (1 + 1));
  assert.equal(elasticNetPenalty(beta, 1, vp), 1 + 1);
  assert.equal(elasticNetPenalty(beta, 0, vp), 0.5 + 0.5 * 2);
  for (const alpha of [0, 0.3, 1]) {
    for (const lambda of [0, 0.7, 4]) assert.equal(en(alpha, vp).value(beta, lambda), lambda * elasticNetPenalty(beta, alpha, vp));
  }
  // Each term is the prox's penalty: the two agree coordinate by coordinate.
  const pen = en(0.3, vp);
  for (let j = 0; j < 4; j++) {
    const single = beta.map((b, k) => (k === j ? b : 0));
    assert.equal(pen.value(single, 2) - objective(beta[j], 0, 0, 2, vp[j], 0.3), 0);
  }
});

test("softThreshold is sign(z)(|z| − γ)₊", () => {
  assert.equal(softThreshold(3, 1), 2);
  assert.equal(softThreshold(-3, 1), -2);
  assert.equal(softThreshold(1, 1), 0);
  assert.equal(softThreshold(-1, 1), 0);
  assert.equal(softThreshold(0.5, 1), 0);
  assert.equal(softThreshold(2, 0), 2);
});

const pulls = fc
  .array(
    fc.record({
      g: fc.double({ min: -10, max: 10, noNaN: true }),
      v: vArb,
      usable: fc.boolean(),
      xv: fc.double({ min: 0.1, max: 10, noNaN: true }),
    }),
    { minLength: 1, maxLength: 8 },
  );

test("lambdaMax: every penalized usable prox from β = 0 is 0 just above it, and one is not just below", () => {
  fc.assert(
    fc.property(pulls, fc.oneof(fc.constant(1), fc.double({ min: 0.001, max: 1, noNaN: true })), (cols, alpha) => {
      fc.pre(cols.some((c) => c.usable && c.v > 0 && Math.abs(c.g) > 1e-6));
      const pen = en(alpha, cols.map((c) => c.v));
      const g = cols.map((c) => c.g), usable = cols.map((c) => (c.usable ? 1 : 0));
      const lmax = pen.lambdaMax(g, usable);
      const penalized = cols.map((c, j) => j).filter((j) => cols[j].usable && cols[j].v > 0);
      const above = lmax * (1 + 1e-12), below = lmax * (1 - 1e-6);
      for (const j of penalized) assert.equal(pen.prox(j, g[j], cols[j].xv, above), 0, `column ${j} at λmax(1 + 1e-12)`);
      assert.ok(penalized.some((j) => pen.prox(j, g[j], cols[j].xv, below) !== 0), "none moves at λmax(1 − 1e-6)");
      // Equivalently, β = 0 meets every penalized KKT condition above it.
      for (const j of penalized) assert.equal(pen.subdiffDistance(j, g[j], 0, above), 0);
    }),
    { numRuns: 200 },
  );
});

test("lambdaMax: max |g_j|/v_j over penalized usable j, over α, or over 0.001 when α < 0.001", () => {
  const g = [1, -6, 4, 100, 50], vp = [1, 2, 0.5, 0, 1], usable = [1, 1, 1, 1, 0];
  // 100 is unpenalized, 50 unusable: the max is 4/0.5 = 8.
  assert.equal(en(1, vp).lambdaMax(g, usable), 8);
  assert.equal(en(0.5, vp).lambdaMax(g, usable), 16);
  assert.equal(en(0.001, vp).lambdaMax(g, usable), 8 / 0.001);
  assert.equal(en(0.0005, vp).lambdaMax(g, usable), 8 / 0.001);
  assert.equal(en(0, vp).lambdaMax(g, usable), 8 / 0.001);
  assert.equal(en(1, vp).lambdaMax(g, [0, 0, 0, 1, 0]), 0);
  assert.equal(en(1, [0, 0]).lambdaMax([1, 2], [1, 1]), 0);
});

test("strongThreshold is α(2λ − λ_prev)·v_j", () => {
  const pen = en(0.4, [1, 2.5, 0]);
  assert.equal(pen.strongThreshold(0, 1, 1.5), 0.4 * 0.5 * 1);
  assert.equal(pen.strongThreshold(1, 1, 1.5), 0.4 * 0.5 * 2.5);
  assert.equal(pen.strongThreshold(2, 1, 1.5), 0);
  assert.equal(pen.strongThreshold(1, 2, 2), 0.4 * 2 * 2.5);
  assert.equal(en(0, [1]).strongThreshold(0, 1, 1.5), 0);
  // λ_prev > 2λ: a negative threshold, nothing screened.
  assert.ok(pen.strongThreshold(0, 1, 3) < 0);
});

test("price: λαv at 0, the boundary of subdiffDistance there; the pull a nonzero β balances", () => {
  fc.assert(
    fc.property(alphaArb, vArb, fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (alpha, v, lambda, beta) => {
      const pen = en(alpha, [v]);
      const p0 = pen.price(0, lambda, 0);
      assert.equal(p0, lambda * alpha * v);
      assert.equal(pen.subdiffDistance(0, p0, 0, lambda), 0);
      assert.equal(pen.subdiffDistance(0, -p0, 0, lambda), 0);
      const past = p0 * (1 + 1e-12) + 1e-300;
      assert.ok(pen.subdiffDistance(0, past, 0, lambda) > 0 && pen.subdiffDistance(0, -past, 0, lambda) > 0);
      fc.pre(beta !== 0);
      const p = pen.price(0, lambda, beta);
      assert.equal(p, pen.price(0, lambda, -beta));
      assert.ok(pen.subdiffDistance(0, Math.sign(beta) * p, beta, lambda) <= 1e-12 * (p + 1));
    }),
    { numRuns: 300 },
  );
  assert.equal(en(0.5, [2]).price(0, 3, 1.5), 3 * 0.5 * 2 + 3 * 0.5 * 2 * 1.5);
});
