// Degenerate data: a right answer or one clear error, never NaN or a silent wrong result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { modelMatrix } from "../../src/data/matrix.js";
import type { Path } from "../../src/solve/types.js";

const n = 50;
const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
const a = col((i) => Math.sin(i));
const b = col((i) => Math.cos(i * 1.3));
const y = col((i) => 2 * Math.sin(i) + Math.cos(7 * i));

function finite(path: Path): void {
  for (let k = 0; k < path.lambda.length; k++) {
    assert.ok(Number.isFinite(path.intercept[k]) && Number.isFinite(path.lambda[k]) && Number.isFinite(path.devRatio[k]), `λ[${k}]`);
    for (const v of coefficientsAt(path, k)) assert.ok(Number.isFinite(v), `β at λ[${k}]`);
  }
}

test("a constant column gets coefficient 0 at every λ and does not disturb the others", () => {
  const with3 = fitPath(modelMatrix(["a", "c", "b"], [a, col(() => 3), b]), y);
  const without = fitPath(modelMatrix(["a", "b"], [a, b]), y);
  finite(with3);
  assert.equal(with3.lambda.length, without.lambda.length);
  for (let k = 0; k < with3.lambda.length; k++) {
    const bw = coefficientsAt(with3, k), bo = coefficientsAt(without, k);
    assert.equal(bw[1], 0);
    assert.ok(Math.abs(bw[0] - bo[0]) < 1e-12 && Math.abs(bw[2] - bo[1]) < 1e-12);
  }
});

test("two identical columns share the lasso path between them without NaN", () => {
  const p = fitPath(modelMatrix(["a", "a2", "b"], [a, a, b]), y);
  finite(p);
  const ridge = fitPath(modelMatrix(["a", "a2", "b"], [a, a, b]), y, { alpha: 0, thresh: 1e-14 });
  finite(ridge);
  // Ridge splits the weight of identical columns equally.
  const last = coefficientsAt(ridge, ridge.lambda.length - 1);
  assert.ok(Math.abs(last[0] - last[1]) < 1e-4 * Math.abs(last[0]), `${last[0]} vs ${last[1]}`);
});

test("n = 2 fits; n = 1 and a constant outcome are errors that say why", () => {
  finite(fitPath(modelMatrix(["a", "b"], [[1, 2], [3, 5]]), [2, 4]));
  assert.throws(() => fitPath(modelMatrix(["a"], [[1]]), [2]), /only one row/);
  assert.throws(() => fitPath(modelMatrix(["a"], [a]), col(() => 5)), /zero variance/);
});

test("no usable feature gives the intercept-only fit and says so", () => {
  for (const x of [modelMatrix([], [], n), modelMatrix(["c"], [col(() => 1)])]) {
    const p = fitPath(x, y);
    assert.equal(p.lambda.length, 1);
    assert.ok(Math.abs(p.intercept[0] - y.reduce((s, v) => s + v, 0) / n) < 1e-12);
    assert.match(p.warnings.join(" "), /intercept alone/);
  }
});

test("binomial: one class is an error, a class under 8 rows a warning, separation a note", () => {
  assert.throws(() => fitPath(modelMatrix(["a"], [a]), col(() => 1), { family: "binomial" }), /every row is 1/);
  assert.throws(() => fitPath(modelMatrix(["a"], [a]), col(() => 0), { family: "binomial" }), /no row is 1/);
  assert.throws(() => fitPath(modelMatrix(["a"], [a]), col((i) => i % 3), { family: "binomial" }), /row 3 has 2/);
  const few = fitPath(modelMatrix(["a", "b"], [a, b]), col((i) => (i < 3 ? 1 : 0)), { family: "binomial" });
  assert.match(few.warnings.join(" "), /only 3 rows/);
  const sep = fitPath(modelMatrix(["a", "b"], [a, b]), col((i) => (a[i] > 0 ? 1 : 0)), { family: "binomial" });
  finite(sep);
  assert.match(sep.warnings.join(" "), /separated/);
});

test("Poisson: huge counts fit; a negative count is an error naming the row", () => {
  finite(fitPath(modelMatrix(["a", "b"], [a, b]), col((i) => Math.round(1e9 * Math.exp(a[i]))), { family: "poisson" }));
  assert.throws(() => fitPath(modelMatrix(["a"], [a]), col((i) => (i === 7 ? -1 : 2)), { family: "poisson" }), /row 8 has -1/);
});

test("features spanning 1e-300 to 1e300 are fitted on the standardized scale", () => {
  const tiny = col((i) => a[i] * 1e-300), huge = col((i) => b[i] * 1e300);
  const p = fitPath(modelMatrix(["tiny", "huge"], [tiny, huge]), y);
  const q = fitPath(modelMatrix(["a", "b"], [a, b]), y);
  finite(p);
  const k = p.lambda.length - 1;
  const bp = coefficientsAt(p, k), bq = coefficientsAt(q, k);
  assert.equal(p.lambda.length, q.lambda.length);
  assert.ok(bq[0] !== 0);
  assert.ok(Math.abs(bp[0] * 1e-300 - bq[0]) < 1e-8 * Math.abs(bq[0]) && Math.abs(bp[1] * 1e300 - bq[1]) < 1e-8 * (1 + Math.abs(bq[1])));
});

test("a non-finite feature value is an error naming the feature and the row", () => {
  assert.throws(() => fitPath(modelMatrix(["a", "b"], [col((i) => (i === 4 ? NaN : a[i])), b]), y), /feature "a".*row 5/);
  assert.throws(() => fitPath(modelMatrix(["a"], [a]), col((i) => (i === 9 ? Infinity : 1 + a[i]))), /row 10/);
});

test("maxit reached: the path fitted so far is returned with a note naming the λ", () => {
  const p = fitPath(modelMatrix(["a", "b"], [a, b]), y, { maxit: 3 });
  finite(p);
  assert.ok(p.lambda.length >= 1 && p.lambda.length < 10);
  assert.match(p.warnings.join(" "), /maxit \(3 passes\) reached at the \d+(st|nd|rd|th) λ \(λ = [0-9.]+\)/);
});

test("options: bad values are errors naming the option; unsorted λ is sorted with a note", () => {
  const x = modelMatrix(["a", "b"], [a, b]);
  assert.throws(() => fitPath(x, y, { alpha: 1.5 }), /alpha must be a number between 0 and 1, got 1\.5/);
  assert.throws(() => fitPath(x, y, { alpha: -0.1 }), /alpha/);
  assert.throws(() => fitPath(x, y, { lambda: [0.1, -1] }), /lambda\[1\] must be a number ≥ 0, got -1/);
  assert.throws(() => fitPath(x, y, { lambda: [0.1, NaN] }), /lambda\[1\]/);
  assert.throws(() => fitPath(x, y, { thresh: 0 }), /thresh must be a number > 0, got 0/);
  assert.throws(() => fitPath(x, y, { maxit: -1 }), /maxit/);
  assert.throws(() => fitPath(x, y, { penaltyFactor: { c: 1 } }), /"c", which is not a feature/);
  assert.throws(() => fitPath(x, y, { penaltyFactor: { bb: 1 } }), /did you mean "b"/);
  assert.throws(() => fitPath(x, y, { exclude: ["z"] }), /exclude names "z"/);
  assert.throws(() => fitPath(x, y, { lowerLimits: { a: 0.5 } }), /lowerLimits for "a" must be ≤ 0/);
  assert.throws(() => fitPath(x, y, { upperLimits: [1, -1] }), /upperLimits for "b" must be ≥ 0/);
  assert.throws(() => fitPath(x, y, { weights: col((i) => (i === 2 ? -1 : 1)) }), /row 3 has -1/);
  assert.throws(() => fitPath(x, y, { weights: col(() => 0) }), /all zero/);
  assert.throws(() => fitPath(x, y, { weights: col((i) => (i === 2 ? NaN : 1)) }), /row 3 has NaN/);
  const p = fitPath(x, y, { lambda: [0.01, 0.5, 0.1] });
  assert.deepEqual(Array.from(p.lambda), [0.5, 0.1, 0.01]);
  assert.match(p.warnings.join(" "), /not decreasing/);
});

test("an outcome too large to square, and weights too large to add up, are errors that say what to do", () => {
  const x = modelMatrix(["a", "b"], [a, b]);
  assert.throws(() => fitPath(x, y.map((v) => v * 1e200)), /too large to square/);
  // 1e150 still squares: the fit is the same as on the outcome's own scale, scaled.
  const scaled = fitPath(x, y.map((v) => v * 1e150));
  const plain = fitPath(x, y);
  finite(scaled);
  assert.ok(Math.abs(coefficientsAt(scaled, 5)[0] / 1e150 / coefficientsAt(plain, 5)[0] - 1) < 1e-10);
  assert.throws(() => fitPath(x, y, { weights: Array.from(y, () => 1e308) }), /weights are too large/);
});

test("Poisson: the same count in every row is an error without an offset, and a fit with one", () => {
  const x = modelMatrix(["a", "b"], [a, b]);
  const three = col(() => 3);
  assert.throws(() => fitPath(x, three, { family: "poisson" }), /same count, 3, in every row/);
  const exposure = col((i) => Math.log(1 + (i % 5)) + 0.3 * a[i]);
  const withOffset = fitPath(x, three, { family: "poisson", offset: exposure });
  finite(withOffset);
  assert.ok(withOffset.lambda.length > 1);
});

test("weights that overflow the null deviance are named as the fault, not the outcome", () => {
  const x = modelMatrix(["a", "b"], [a, b]);
  assert.throws(() => fitPath(x, y.map((v) => v * 1e5), { weights: Array.from(y, () => 1e300) }), /the weights \(summing to .*\) times the outcome's variance overflow/);
  // Large weights that do not overflow give the unweighted fit.
  const heavy = fitPath(x, y, { weights: Array.from(y, () => 1e200) });
  const plain = fitPath(x, y);
  assert.ok(Math.abs(coefficientsAt(heavy, 5)[0] / coefficientsAt(plain, 5)[0] - 1) < 1e-12);
});

// A default multinomial or mgaussian path with no usable feature was refused ("nothing is left to fit")
// where a single-response path gives its intercept-only fit: now they behave alike, dense or sparse.
test("multi-response: no usable feature gives the intercepts-only fit and says so, as a single response does", async () => {
  const { fitMultinomialPath, fitMgaussianPath } = await import("../../src/solve/multi/fit.js");
  const { fitSparseMgaussianPath, fitSparseMultinomialPath } = await import("../../src/solve/sparse-multi.js");
  const { sparseFromDense } = await import("../../src/data/sparse.js");
  const labels = Array.from({ length: n }, (_, i) => ["p", "q", "r"][i % 3]);
  const y2 = col((i) => Math.cos(i));
  const mean = (v: Float64Array) => v.reduce((s, t) => s + t, 0) / n;
  const designs = [
    { x: modelMatrix([], [], n), options: {} },
    { x: modelMatrix(["c"], [col(() => 1)]), options: {} },
    { x: modelMatrix(["a", "b"], [a, b]), options: { exclude: [0, 1] } },
  ];
  for (const { x, options } of designs) {
    const fits = [
      fitMgaussianPath(x, [y, y2], options), fitMultinomialPath(x, labels, options),
      fitSparseMgaussianPath(sparseFromDense(x), [y, y2], options), fitSparseMultinomialPath(sparseFromDense(x), labels, options),
    ];
    for (const p of fits) {
      assert.deepEqual(Array.from(p.lambda), [0]);
      assert.equal(p.df[0], 0);
      assert.match(p.warnings.join(" "), /no usable feature .*: the fit is the intercepts alone/);
    }
    for (const p of [fits[0], fits[2]]) {
      assert.ok(Math.abs(p.intercept[0][0] - mean(y)) < 1e-12 && Math.abs(p.intercept[0][1] - mean(y2)) < 1e-12);
    }
    // The classes' log shares, centred (17, 17 and 16 rows).
    const logShare = [17, 17, 16].map((c) => Math.log(c / n));
    const centred = logShare.map((v) => v - logShare.reduce((s, t) => s + t, 0) / 3);
    for (const p of [fits[1], fits[3]]) assert.ok(p.intercept[0].every((v, k) => Math.abs(v - centred[k]) < 1e-9), String(p.intercept[0]));
  }
});
