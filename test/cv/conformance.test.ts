// cvPath against cv.glmnet on every reference with a cv block (each named in WITH_CV), with its fold ids.
// The references were made with thresh 1e-14 and fold fits run to convergence (maxit large).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cvPath } from "../../src/cv/cv.js";
import type { Measure } from "../../src/cv/measures.js";
import { REFERENCES, loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";

/**
 * The references made with a cv.glmnet block (scripts/glmnet-check/fit.R with cv), in REFERENCES' order.
 * Each must have it: a fixture that lost its block, or whose block no longer parses, fails here instead of
 * being passed over.
 */
const WITH_CV = [
  "diabetes_lasso", "diabetes_enet05", "diabetes_ridge", "quickstart_pf",
  "breast_cancer_lasso", "glmnet_binomial_enet", "glmnet_poisson_lasso",
] as const;

test("the references with a cv block are exactly the ones checked here", () => {
  assert.deepEqual(REFERENCES.filter((name) => loadReference(name).cv !== undefined), [...WITH_CV]);
});

for (const name of WITH_CV) {
  const ref = loadReference(name);
  const cv = ref.cv;
  test(`${name}: cvm, cvsd, λ_min and λ_1se are cv.glmnet's (${cv?.measure ?? "no cv block"})`, () => {
    assert.ok(cv, `test/fixtures/reference/${name}.json has no cv block`);
    const { x, y } = referenceProblem(ref);
    assert.equal(cv.foldid.length, x.n, "one fold id per row");
    const res = cvPath(x, y, {
      ...referenceOptions(ref), thresh: 1e-14, maxit: 1e7,
      foldid: cv.foldid, measure: cv.measure as Measure,
    });
    assert.equal(res.cvm.length, cv.cvm.length, "number of λs");
    for (let l = 0; l < cv.cvm.length; l++) {
      assert.ok(Math.abs(res.cvm[l] / cv.cvm[l] - 1) < 1e-9, `cvm[${l}] = ${res.cvm[l]} vs ${cv.cvm[l]}`);
      assert.ok(Math.abs(res.cvsd[l] / cv.cvsd[l] - 1) < 1e-8, `cvsd[${l}] = ${res.cvsd[l]} vs ${cv.cvsd[l]}`);
    }
    assert.ok(Math.abs(res.lambdaMin / cv.lambdaMin - 1) < 1e-10, `λ_min ${res.lambdaMin} vs ${cv.lambdaMin}`);
    assert.ok(Math.abs(res.lambda1se / cv.lambda1se - 1) < 1e-10, `λ_1se ${res.lambda1se} vs ${cv.lambda1se}`);
  });
}
