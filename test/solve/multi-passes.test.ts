// mgaussian takes glmnet 4.1-6's coordinate-descent passes, pass for pass: the path's npasses equals
// glmnet's fit$npasses on five small problems (α 1 with weights, α 0.5 unstandardized, no intercept with
// penalty factors, n < p at thresh 1e-10, standardizeResponse at α 0.8), at the same λs and to the
// coefficients glmnet reports; made by test/fixtures/multi/passes.R (R is not needed to run this test).
// Before glmnet's rule that a new λ starts with passes over the active set once that set has ever been
// cycled (its iz), Shrinkage took 5–8% fewer passes here (two paths one λ shorter), coefficients 1e-3 off.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { modelMatrix } from "../../src/data/matrix.js";
import { sparseFromDense } from "../../src/data/sparse.js";
import { fitSparseMgaussianPath } from "../../src/solve/sparse-multi.js";
import { fitMgaussianPath } from "../../src/solve/multi/fit.js";
import type { MgaussianFitOptions } from "../../src/solve/multi/fit.js";

interface Fit { npasses: number; lambda: number[]; devRatio: number[]; df: number[]; intercept: number[][]; coefficients: number[][][] }
type CaseName = "alpha1_weights" | "alpha05_unstandardized" | "no_intercept" | "wide" | "standardized_response";
const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/multi/passes.json", import.meta.url)), "utf8")) as {
  x: number[][]; y: number[][]; weights: number[]; penaltyFactor: number[]; xWide: number[][]; yWide: number[][];
  cases: Record<CaseName, Fit>;
};
const matrixOf = (cols: number[][]) => modelMatrix(cols.map((_, j) => `x${j + 1}`), cols.map((c) => Float64Array.from(c)));
const narrow = { x: matrixOf(ref.x), y: ref.y.map((c) => Float64Array.from(c)) };
const wide = { x: matrixOf(ref.xWide), y: ref.yWide.map((c) => Float64Array.from(c)) };

const cases: { name: CaseName; data: typeof narrow; options: MgaussianFitOptions }[] = [
  { name: "alpha1_weights", data: narrow, options: { weights: ref.weights } },
  { name: "alpha05_unstandardized", data: narrow, options: { alpha: 0.5, standardize: false } },
  { name: "no_intercept", data: narrow, options: { intercept: false, penaltyFactor: ref.penaltyFactor } },
  { name: "wide", data: wide, options: { thresh: 1e-10, nlambda: 50 } },
  { name: "standardized_response", data: narrow, options: { alpha: 0.8, standardizeResponse: true } },
];
assert.equal(cases.length, Object.keys(ref.cases).length);

/** Largest |a − b| over the λs' coefficients (k·p + j) and intercepts, against glmnet's. */
function largestGap(path: ReturnType<typeof fitMgaussianPath>, fit: Fit, p: number): number {
  let gap = 0;
  for (let l = 0; l < fit.lambda.length; l++) {
    fit.intercept[l].forEach((a, k) => (gap = Math.max(gap, Math.abs(path.intercept[l][k] - a))));
    fit.coefficients[l].forEach((b, k) => b.forEach((v, j) => (gap = Math.max(gap, Math.abs(path.beta[l][k * p + j] - v)))));
  }
  return gap;
}

describe("mgaussian: glmnet's coordinate-descent passes, pass for pass", () => {
  for (const { name, data, options } of cases) {
    const fit = ref.cases[name];
    it(`${name}: npasses ${fit.npasses} as glmnet's, on its ${fit.lambda.length} λs, df and devRatio`, () => {
      const path = fitMgaussianPath(data.x, data.y, options);
      assert.equal(path.npasses, fit.npasses);
      assert.equal(path.lambda.length, fit.lambda.length);
      fit.lambda.forEach((l, i) => assert.ok(Math.abs(path.lambda[i] - l) <= 1e-10 * l, `λ[${i}] ${path.lambda[i]} vs ${l}`));
      assert.deepEqual(Array.from(path.df), fit.df);
      fit.devRatio.forEach((d, i) => assert.ok(Math.abs(path.devRatio[i] - d) <= 1e-12, `devRatio[${i}] ${path.devRatio[i]} vs ${d}`));
    });
    it(`${name}: the coefficients and intercepts glmnet reports at every λ, within 1e-11`, () => {
      const path = fitMgaussianPath(data.x, data.y, options);
      const gap = largestGap(path, fit, data.x.p);
      assert.ok(gap <= 1e-11, `largest gap ${gap}`);
    });
  }

  it("a sparse X takes the same passes", () => {
    for (const { name, data, options } of cases) {
      const path = fitSparseMgaussianPath(sparseFromDense(data.x), data.y, options);
      assert.equal(path.npasses, ref.cases[name].npasses, name);
    }
  });
});
