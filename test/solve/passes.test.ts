// At glmnet's default threshold the engine takes glmnet's steps: the same number of coordinate-descent
// passes and the same path length (numbers read from glmnet 4.1-6's `npasses` and `length(lambda)`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions } from "../../src/solve/types.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";

const cases: { name: string; ref: string; options: FitOptions; lambdas: number; npasses: number }[] = [
  { name: "diabetes lasso (covariance)", ref: "diabetes_lasso", options: {}, lambdas: 88, npasses: 1164 },
  { name: "diabetes lasso (naive)", ref: "diabetes_lasso", options: { updates: "naive" }, lambdas: 88, npasses: 1164 },
  { name: "diabetes elastic net", ref: "diabetes_lasso", options: { alpha: 0.5 }, lambdas: 91, npasses: 1208 },
  { name: "diabetes ridge", ref: "diabetes_lasso", options: { alpha: 0 }, lambdas: 100, npasses: 394 },
  { name: "quickstart lasso (naive)", ref: "quickstart_pf", options: { updates: "naive" }, lambdas: 67, npasses: 298 },
  { name: "breast cancer logistic", ref: "breast_cancer_lasso", options: { family: "binomial" }, lambdas: 100, npasses: 5068 },
  { name: "Poisson", ref: "glmnet_poisson_lasso", options: { family: "poisson" }, lambdas: 68, npasses: 849 },
];

for (const c of cases) {
  test(`${c.name}: glmnet's path length and number of passes`, () => {
    const { x, y } = referenceProblem(loadReference(c.ref));
    const path = fitPath(x, y, c.options);
    assert.equal(path.lambda.length, c.lambdas, "path length");
    assert.equal(path.npasses, c.npasses, "passes");
  });
}
