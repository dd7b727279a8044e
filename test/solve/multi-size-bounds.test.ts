// The multinomial KKT check's and strong rule's size bounds (src/solve/multi/size-bounds.ts) leave
// uncomputed only sizes whose every possible value makes the same decision, so a path is the same bit for
// bit with and without them: λs, coefficients, passes, deviance ratios; ungrouped and grouped, with
// weights and penalty factors, and in cross-validation folds (views of the full data's copy).
import assert from "node:assert/strict";
import { test } from "node:test";
import { cvMultiPath, type MultiCvResult } from "../../src/cv/multi-cv.js";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import { fitMultinomialPath } from "../../src/solve/multi/fit.js";
import type { MultiFitOptions, MultiPath } from "../../src/solve/multi/types.js";
import { pullsSkipped } from "../../src/solve/pull-bounds.js";
import { rng } from "../helpers/random.js";
import { withBounds } from "../helpers/bounds.js";


function assertSamePath(a: MultiPath, b: MultiPath): void {
  assert.equal(a.npasses, b.npasses, "passes");
  assert.deepEqual(Array.from(a.lambda), Array.from(b.lambda));
  assert.deepEqual(a.intercept.map((v) => Array.from(v)), b.intercept.map((v) => Array.from(v)));
  assert.deepEqual(a.beta.map((v) => Array.from(v)), b.beta.map((v) => Array.from(v)));
  assert.deepEqual(Array.from(a.devRatio), Array.from(b.devRatio));
  assert.deepEqual(a.warnings, b.warnings);
}

/** n rows, p standard normal variables, K classes drawn from a softmax of the first six. */
function problem(seed: number, n: number, p: number, K: number): { x: ModelMatrix; labels: string[] } {
  const r = rng(seed);
  const cols = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => r.normal()));
  const labels = Array.from({ length: n }, (_, i) => {
    const e = Array.from({ length: K }, (_, k) => Math.exp(0.9 * cols[k % 6][i] - 0.4 * cols[(k + 1) % 6][i]));
    let u = r.uniform() * e.reduce((a, b) => a + b, 0), k = 0;
    while (k < K - 1 && u > e[k]) u -= e[k++];
    return `c${k}`;
  });
  return { x: modelMatrix(cols.map((_, j) => `x${j + 1}`), cols), labels };
}

const cases: { name: string; n: number; p: number; K: number; opts: MultiFitOptions }[] = [
  { name: "ungrouped lasso", n: 400, p: 60, K: 4, opts: {} },
  { name: "grouped lasso", n: 400, p: 60, K: 4, opts: { grouped: true } },
  { name: "ungrouped elastic net, weights, penalty factors", n: 300, p: 40, K: 3, opts: { alpha: 0.6, weights: Array.from({ length: 300 }, (_, i) => 0.5 + (i % 4) / 3), penaltyFactor: Array.from({ length: 40 }, (_, j) => (j === 2 ? 0 : 1 + (j % 3) / 2)) } },
  { name: "grouped elastic net, thresh 1e-12", n: 300, p: 40, K: 5, opts: { grouped: true, alpha: 0.3, thresh: 1e-12 } },
];
assert.equal(cases.length, 4);

for (const c of cases) {
  test(`multinomial ${c.name}: the same path with and without size bounds, and some sizes skipped`, () => {
    const { x, labels } = problem(c.n + c.p, c.n, c.p, c.K);
    const skipped0 = pullsSkipped.count;
    const on = withBounds(true, () => fitMultinomialPath(x, labels, c.opts));
    const skipped = pullsSkipped.count - skipped0;
    const off = withBounds(false, () => fitMultinomialPath(x, labels, c.opts));
    assert.ok(on.lambda.length >= 20, `${on.lambda.length} λs`);
    assertSamePath(on, off);
    assert.ok(skipped > 0, "no size was decided by its bound");
  });
}

function assertSameCv(a: MultiCvResult, b: MultiCvResult): void {
  assertSamePath(a.path, b.path);
  assert.deepEqual(Array.from(a.cvm), Array.from(b.cvm));
  assert.equal(a.lambdaMin, b.lambdaMin);
}

test("multinomial cross-validation (folds viewing one copy): the same numbers with and without size bounds", () => {
  const { x, labels } = problem(11, 360, 30, 3);
  for (const grouped of [false, true]) {
    const options = { grouped, nfolds: 4, seed: 2 };
    const on = withBounds(true, () => cvMultiPath(x, { family: "multinomial", labels }, options));
    const off = withBounds(false, () => cvMultiPath(x, { family: "multinomial", labels }, options));
    assertSameCv(on, off);
  }
});
