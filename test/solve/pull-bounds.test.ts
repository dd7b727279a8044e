// The KKT check's pull bounds (src/solve/pull-bounds.ts) leave uncomputed only pulls whose every possible
// value makes the same decision, so a path is the same bit for bit with and without them: λs, coefficients,
// passes, duality gaps, warnings; on glmnet's reference problems and random ones, in cross-validation folds too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { cvPath } from "../../src/cv/cv.js";
import { lineFit, pullsSkipped, setPullLines } from "../../src/solve/pull-bounds.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import type { ModelMatrix } from "../../src/data/matrix.js";
import { REFERENCES, loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";
import { randomProblem, rng } from "../helpers/random.js";
import { assertSamePath } from "../helpers/same-path.js";
import { withBounds } from "../helpers/bounds.js";


/** Fit with and without bounds; check they agree exactly, and return the bounded path and how many pulls it skipped. */
function fitBoth(x: ModelMatrix, y: ArrayLike<number>, opts: FitOptions): Path & { skipped: number } {
  const skipped0 = pullsSkipped.count;
  const on = withBounds(true, () => fitPath(x, y, opts));
  const skipped = pullsSkipped.count - skipped0;
  const off = withBounds(false, () => fitPath(x, y, opts));
  assertSamePath(on, off);
  return { ...on, skipped };
}

const gaussian = REFERENCES.filter((name) => loadReference(name).family === "gaussian");

test("the reference problems include gaussian ones for the naive solver", () => {
  assert.ok(gaussian.length >= 4, gaussian.join(", "));
});

for (const name of gaussian) {
  test(`${name}, naive updates: the same path with and without pull bounds, at glmnet's thresh and at 1e-13`, () => {
    const ref = loadReference(name);
    const { x, y } = referenceProblem(ref);
    for (const thresh of [1e-7, 1e-13]) fitBoth(x, y, { ...referenceOptions(ref), updates: "naive", thresh });
  });
}

const cases: { name: string; n: number; p: number; rho: number; opts: FitOptions }[] = [
  { name: "wide lasso", n: 60, p: 800, rho: 0.5, opts: {} },
  { name: "tall lasso (long columns)", n: 5000, p: 40, rho: 0.5, opts: { updates: "naive" } },
  { name: "wide elastic net", n: 80, p: 600, rho: 0.7, opts: { alpha: 0.4 } },
  { name: "bounds and penalty factors", n: 70, p: 600, rho: 0.3, opts: { lowerLimits: -0.1, upperLimits: 0.3, penaltyFactor: Array.from({ length: 600 }, (_, j) => 0.5 + (j % 3)) } },
  { name: "weights, no intercept", n: 90, p: 700, rho: 0.4, opts: { weights: Array.from({ length: 90 }, (_, i) => 1 + (i % 4)), intercept: false } },
  { name: "gapTol", n: 60, p: 700, rho: 0.5, opts: { gapTol: 1e-6 } },
];

for (const c of cases) {
  test(`random ${c.name}: the same path with and without pull bounds`, () => {
    const { x, y } = randomProblem(c.n + c.p, c.n, c.p, { rho: c.rho });
    const path = fitBoth(x, y, { ...c.opts, updates: "naive" });
    assert.ok(path.lambda.length > 10);
    assert.ok(path.skipped > 0, "the bounds left no pull uncomputed: the case does not test them");
  });
}

const glm = REFERENCES.filter((name) => ["binomial", "poisson"].includes(loadReference(name).family));

test("the reference problems include binomial and Poisson ones for the IRLS solver", () => {
  assert.ok(glm.length >= 3, glm.join(", "));
});

for (const name of glm) {
  test(`${name}, IRLS: the same path with and without pull bounds, at glmnet's thresh and at 1e-13`, () => {
    const ref = loadReference(name);
    const { x, y } = referenceProblem(ref);
    for (const thresh of [1e-7, 1e-13]) fitBoth(x, y, { ...referenceOptions(ref), thresh });
  });
}

const glmCases: { name: string; family: "binomial" | "poisson"; n: number; p: number; opts: FitOptions }[] = [
  { name: "binomial lasso", family: "binomial", n: 300, p: 400, opts: {} },
  { name: "binomial, weights and gapTol", family: "binomial", n: 200, p: 500, opts: { weights: Array.from({ length: 200 }, (_, i) => 1 + (i % 3)), gapTol: 1e-5 } },
  { name: "Poisson elastic net", family: "poisson", n: 250, p: 400, opts: { alpha: 0.5 } },
];

for (const c of glmCases) {
  test(`random ${c.name}: the same path with and without pull bounds`, () => {
    const { x, y } = randomProblem(c.n + c.p + 1, c.n, c.p, { rho: 0.5, family: c.family });
    const path = fitBoth(x, y, { ...c.opts, family: c.family });
    assert.ok(path.lambda.length > 10);
    assert.ok(path.skipped > 0, "the bounds left no pull uncomputed: the case does not test them");
  });
}

test("cross-validation folds, binomial: the same cvm and path with and without pull bounds", () => {
  const { x, y } = randomProblem(23, 150, 500, { rho: 0.5, family: "binomial" });
  const foldid = Int32Array.from({ length: 150 }, (_, i) => (i % 5) + 1);
  const skipped0 = pullsSkipped.count;
  const on = withBounds(true, () => cvPath(x, y, { family: "binomial", foldid }));
  assert.ok(pullsSkipped.count > skipped0, "no pull was skipped");
  const off = withBounds(false, () => cvPath(x, y, { family: "binomial", foldid }));
  assertSamePath(on.path, off.path);
  assert.deepEqual(on.cvm, off.cvm);
});

test("cross-validation folds (views of the full copy): the same cvm and path with and without pull bounds", () => {
  const { x, y } = randomProblem(17, 120, 900, { rho: 0.5 });
  const foldid = Int32Array.from({ length: 120 }, (_, i) => (i % 5) + 1);
  const skipped0 = pullsSkipped.count;
  const on = withBounds(true, () => cvPath(x, y, { foldid }));
  assert.ok(pullsSkipped.count > skipped0, "no pull was skipped");
  const off = withBounds(false, () => cvPath(x, y, { foldid }));
  assertSamePath(on.path, off.path);
  assert.deepEqual(on.cvm, off.cvm);
  assert.equal(on.lambdaMin, off.lambdaMin);
});

test("wide lasso: the lines through kept residuals leave more pulls uncomputed than the drift alone, the path the same", () => {
  const { x, y } = randomProblem(31, 100, 3000, { rho: 0.5 });
  const skipped = (lines: boolean): number => {
    const before = setPullLines(lines);
    try {
      return fitBoth(x, y, {}).skipped;
    } finally {
      setPullLines(before);
    }
  };
  const drift = skipped(false);
  const lines = skipped(true);
  assert.ok(drift > 0, "the drift alone skipped no pull: the case does not test the bounds");
  // Seeded: 476,022 skipped with the drift alone, 519,303 with the lines (most pulls are far from their threshold).
  assert.ok(lines > 1.05 * drift, `skipped with the lines ${lines}, with the drift alone ${drift}`);
});

test("lineFit: |xᵀr − (xᵀr₀ + a·(xᵀr₁ − xᵀr₀))| ≤ ‖x‖·e, and e ≤ ‖r − r₀‖", () => {
  const r = rng(5);
  for (let t = 0; t < 200; t++) {
    const n = 1 + (t % 40);
    const v = () => Float64Array.from({ length: n }, () => r.normal());
    const [x, r0, r1, move] = [v(), v(), v(), v()];
    // The residual near the line through r0 and r1 (as along a path), or anywhere.
    const s = r.normal(), off = t % 2 ? 1e-3 : 1;
    const cur = Float64Array.from(r0, (q, i) => q + s * (r1[i] - q) + off * move[i]);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((acc, q, i) => acc + q * b[i], 0);
    const { a, e } = lineFit(cur, r0, t % 5 === 0 ? null : r1);
    const b = t % 5 === 0 ? 0 : a;
    const predicted = dot(x, r0) + b * (dot(x, r1) - dot(x, r0));
    assert.ok(Math.abs(dot(x, cur) - predicted) <= Math.sqrt(dot(x, x)) * e * (1 + 1e-9) + 1e-12, `case ${t}`);
    const d = Float64Array.from(cur, (q, i) => q - r0[i]);
    assert.ok(e <= Math.sqrt(dot(d, d)) * (1 + 1e-12), `case ${t}: e ${e}`);
  }
});
