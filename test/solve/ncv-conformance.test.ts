// fitPath and cvPath with penalty mcp/scad against ncvreg 3.16 (built from its sources, eps 1e-12): the
// references in test/fixtures/ncvreg/ (copied from the project's shared reference set; format in its README).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cvPath } from "../../src/cv/cv.js";
import { fitPath } from "../../src/solve/path.js";
import { denseAt, loadNcvReference, ncvObjective, ncvOptions, ncvProblem, standardized } from "../helpers/ncvreg.js";

/**
 * The shared references, then held-back data fitted by a locally built ncvreg 3.16 (fixtures README), the
 * last three with unpenalized features (penalty factor 0; scripts/ncvreg-check/penalty-factor.R).
 */
const CASES = [
  "prostate_mcp", "prostate_scad", "heart_mcp", "diabetes_mcp", "glmnet_binomial_scad", "glmnet_poisson_mcp",
  "diabetes_mcp_pf0", "glmnet_binomial_scad_pf0", "glmnet_poisson_mcp_pf0",
] as const;
const WITH_CV = ["prostate_mcp", "heart_mcp", "diabetes_mcp_pf0"] as const;
/** λs in each reference: the binomial ones saturate, in ncvreg as here. */
const LAMBDAS: Readonly<Record<string, number>> = { glmnet_binomial_scad: 39, glmnet_binomial_scad_pf0: 49 };

test("the references with a cv block are exactly the ones cross-validated here", () => {
  assert.deepEqual(CASES.filter((c) => loadNcvReference(c).cv !== undefined), [...WITH_CV]);
});

for (const name of CASES) {
  test(`${name}: λs within 1e-8, standardized coefficients within 1e-4 of the largest, objective within 1e-7`, () => {
    const ref = loadNcvReference(name);
    const { x, y } = ncvProblem(ref);
    const path = fitPath(x, y, { ...ncvOptions(ref), thresh: 1e-12, maxit: 1e6 });
    assert.equal(path.penalty, ref.penalty.toLowerCase());
    assert.equal(path.gamma, ref.options.gamma);
    assert.equal(path.lambda.length, ref.lambda.length, "number of λs");
    assert.equal(ref.lambda.length, LAMBDAS[name] ?? 100);
    for (let l = 0; l < ref.lambda.length; l++) {
      assert.ok(Math.abs(path.lambda[l] / ref.lambda[l] - 1) < 1e-8, `λ[${l}] ${path.lambda[l]} vs ${ref.lambda[l]}`);
      const ours = standardized(x, denseAt(path, l)), theirs = standardized(x, ref.coefficients[l]);
      const big = Math.max(...theirs.map(Math.abs));
      for (let j = 0; j < x.p; j++) {
        assert.ok(Math.abs(ours[j] - theirs[j]) <= 1e-4 * big, `λ[${l}] ${ref.features[j]}: ${ours[j]} vs ${theirs[j]}`);
        assert.equal(ours[j] === 0, theirs[j] === 0, `λ[${l}] ${ref.features[j]}: zero in one fit only`);
      }
      const fo = ncvObjective(x, y, ref, path.intercept[l], denseAt(path, l), ref.lambda[l]);
      const fr = ncvObjective(x, y, ref, ref.intercept[l], ref.coefficients[l], ref.lambda[l]);
      assert.ok(Math.abs(fo - fr) <= 1e-7, `λ[${l}] objective ${fo} vs ${fr}`);
    }
  });
}

for (const name of WITH_CV) {
  test(`${name}: cv.ncvreg's cvm, cvsd and λ_min with its fold ids`, () => {
    const ref = loadNcvReference(name);
    const cv = ref.cv;
    assert.ok(cv);
    const { x, y } = ncvProblem(ref);
    const res = cvPath(x, y, { ...ncvOptions(ref), thresh: 1e-12, maxit: 1e6, foldid: cv.foldid });
    assert.equal(res.measure, "deviance");
    assert.equal(res.cvm.length, cv.cvm.length, "number of λs");
    for (let l = 0; l < cv.cvm.length; l++) {
      assert.ok(Math.abs(res.cvm[l] / cv.cvm[l] - 1) < 1e-10, `cvm[${l}] ${res.cvm[l]} vs ${cv.cvm[l]}`);
      assert.ok(Math.abs(res.cvsd[l] / cv.cvsd[l] - 1) < 1e-10, `cvsd[${l}] ${res.cvsd[l]} vs ${cv.cvsd[l]}`);
    }
    assert.ok(Math.abs(res.lambdaMin / cv.lambdaMin - 1) < 1e-8, `λ_min ${res.lambdaMin} vs ${cv.lambdaMin}`);
  });
}
