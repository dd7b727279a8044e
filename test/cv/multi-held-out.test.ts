// The cross-validation's held-out linear predictors (heldOutLink) are predictMulti's numbers, bit for
// bit, at every fitted λ and between them, for multinomial (grouped or not) and mgaussian paths.
import assert from "node:assert/strict";
import { test } from "node:test";
import { heldOutLink } from "../../src/cv/multi-cv.js";
import { selectRows } from "../../src/data/matrix.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import { predictMulti } from "../../src/solve/multi/predict.js";
import type { MultiPath } from "../../src/solve/multi/types.js";
import { randomProblem, rng } from "../helpers/random.js";

const { x } = randomProblem(3, 120, 8);
const r = rng(5);
const col = (j: number, i: number) => x.data[j * x.n + i];
const labels = Array.from({ length: x.n }, (_, i) => ["a", "b", "c", "d"][(col(0, i) > 0 ? 1 : 0) + (col(1, i) + 0.5 * r.normal() > 0 ? 2 : 0)]);
const ys = [0, 1].map((k) => Float64Array.from({ length: x.n }, (_, i) => col(k, i) - col(k + 2, i) + r.normal()));
const testRows = Int32Array.from({ length: 30 }, (_, t) => 4 * t + 1);
const xt = selectRows(x, testRows);

const paths: { name: string; path: MultiPath }[] = [
  { name: "multinomial", path: fitMultinomialPath(x, labels, { nlambda: 20 }) },
  { name: "multinomial grouped", path: fitMultinomialPath(x, labels, { grouped: true, nlambda: 20 }) },
  { name: "mgaussian", path: fitMgaussianPath(x, ys, { nlambda: 20 }) },
];
assert.equal(paths.length, 3);

for (const { name, path } of paths) {
  test(`heldOutLink equals predictMulti's link: ${name}`, () => {
    const K = path.classes.length, L = path.lambda.length;
    assert.ok(L >= 5, `${name}: the path has ${L} λs`);
    const between = Array.from({ length: L - 1 }, (_, l) => (path.lambda[l] + path.lambda[l + 1]) / 2);
    const lambdas = [...path.lambda, ...between];
    for (const lambda of lambdas) {
      const link = heldOutLink(path, xt, lambda);
      const rows = predictMulti(path, xt, lambda, "link") as Float64Array[];
      assert.equal(link.length, K * xt.n);
      for (let t = 0; t < xt.n; t++) for (let k = 0; k < K; k++) assert.equal(link[k * xt.n + t], rows[t][k], `${name}, λ = ${lambda}, row ${t}, class ${k}`);
    }
  });
}

test("heldOutLink into a given array writes every entry: the same numbers as a fresh one's", () => {
  for (const { name, path } of paths) {
    const K = path.classes.length;
    const reused = new Float64Array(K * xt.n);
    for (const lambda of [path.lambda[0], path.lambda[3], (path.lambda[2] + path.lambda[3]) / 2]) {
      reused.fill(Number.NaN);
      const got = heldOutLink(path, xt, lambda, reused);
      assert.equal(got, reused, `${name}: the given array is returned`);
      assert.deepEqual(Array.from(got), Array.from(heldOutLink(path, xt, lambda)), `${name}, λ = ${lambda}`);
    }
  }
});
