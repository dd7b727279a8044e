// A cross-validation fold's path is read for its coefficients alone: its duality gaps are not computed
// (forPredictions), nor on the full data's λs its deviance ratios (no early stop reads them), and nothing
// else changes: the same coefficients, intercepts and passes, bit for bit, as the same fit with them; a
// gapTol still measures the gaps, and a fold on λs of its own still has its deviance ratios (its early stop).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitFoldPath } from "../../src/cv/cv.js";
import { resolveFolds } from "../../src/cv/folds.js";
import { selectRows } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { randomProblem } from "../helpers/random.js";

/** The training rows of fold k, in order. */
function trainRows(foldid: Int32Array, k: number): Int32Array {
  return Int32Array.from(Array.from(foldid.keys()).filter((i) => foldid[i] !== k));
}

function assertSameFit(a: Path, b: Path): void {
  assert.deepEqual(Array.from(a.lambda), Array.from(b.lambda));
  assert.deepEqual(Array.from(a.intercept), Array.from(b.intercept));
  assert.equal(a.npasses, b.npasses);
  assert.equal(a.beta.length, b.beta.length);
  for (let l = 0; l < a.beta.length; l++) {
    assert.deepEqual(Array.from(a.beta[l].index), Array.from(b.beta[l].index), `λ ${l}: nonzeros`);
    assert.deepEqual(Array.from(a.beta[l].value), Array.from(b.beta[l].value), `λ ${l}: coefficients`);
  }
}

const cases: { family: "gaussian" | "binomial" | "poisson"; opts: FitOptions }[] = [
  { family: "binomial", opts: {} },
  { family: "poisson", opts: { alpha: 0.6 } },
  { family: "gaussian", opts: {} },
];
assert.equal(cases.length, 3);

for (const c of cases) {
  test(`a fold's path leaves its gaps uncomputed and is otherwise the same fit (${c.family})`, () => {
    const { x, y } = randomProblem(17, 240, 30, { rho: 0.4, family: c.family });
    const options: FitOptions = { family: c.family, ...c.opts };
    const { foldid } = resolveFolds(x.n, { nfolds: 5, seed: 3 });
    const full = fitPath(x, y, options);
    const k = 2;
    const fold = fitFoldPath({ x, y, options, lambda: full.lambda, foldid, fold: k });
    const train = trainRows(foldid, k);
    const plain = fitPath(selectRows(x, train), Array.from(train, (i) => y[i]), { ...options, lambda: full.lambda });
    assertSameFit(fold, plain);
    assert.ok(fold.lambda.length > 5, "a path of several λs");
    assert.ok(Array.from(fold.gap!).every(Number.isNaN), "the fold's gaps are not computed");
    assert.ok(Array.from(plain.gap!).every(Number.isFinite), "the same fit outside a fold has its gaps");
    assert.ok(Array.from(fold.devRatio).every(Number.isNaN), "the fold's deviance ratios are not computed");
    assert.ok(Array.from(plain.devRatio).every(Number.isFinite), "the same fit outside a fold has its deviance ratios");
  });
}

test("a fold's path on λs of its own computes its deviance ratios, which its early stop reads", () => {
  const { x, y } = randomProblem(17, 240, 30, { rho: 0.4, family: "binomial" });
  const options: FitOptions = { family: "binomial" };
  const { foldid } = resolveFolds(x.n, { nfolds: 5, seed: 3 });
  const k = 2;
  const fold = fitFoldPath({ x, y, options, lambda: new Float64Array(0), foldid, fold: k }, { ownLambda: true });
  const train = trainRows(foldid, k);
  const plain = fitPath(selectRows(x, train), Array.from(train, (i) => y[i]), options);
  assertSameFit(fold, plain);
  assert.deepEqual(Array.from(fold.devRatio), Array.from(plain.devRatio));
  assert.ok(fold.lambda.length < 100, "the default path stopped early on its deviance ratios");
});

test("a fold's path with a gapTol still measures its gaps", () => {
  const { x, y } = randomProblem(19, 240, 30, { rho: 0.4, family: "binomial" });
  const options: FitOptions = { family: "binomial", gapTol: 1e-4 };
  const { foldid } = resolveFolds(x.n, { nfolds: 5, seed: 3 });
  const full = fitPath(x, y, options);
  const fold = fitFoldPath({ x, y, options, lambda: full.lambda, foldid, fold: 1 });
  assert.ok(fold.lambda.length > 5);
  assert.ok(Array.from(fold.gap!).every((g) => g <= 1e-4), "every gap measured and below gapTol");
});
