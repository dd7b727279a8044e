// Cross-validation of the relaxed fit (cv.glmnet with relax = TRUE) against glmnet 4.1-6, for every family
// Shrinkage relaxes, on seeded problems (fixture and the R script that made it: test/fixtures/relax_cv/).
// cv.glmnet is called there without λs: each fold is fitted and relaxed on its own λs, as Shrinkage's
// relaxed folds always are, and predicted at the full data's λs by interpolating the blended coefficients.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cvPath, type CvOptions } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import type { Measure } from "../../src/cv/measures.js";
import { modelMatrix } from "../../src/data/matrix.js";
import type { FamilyName } from "../../src/model/family.js";
import { assertRelaxedCvMatches, relativeGap } from "../helpers/relax-cv.js";

interface Case {
  case: string; family: FamilyName; measure: Measure; alpha: number; y: number[]; offset: number[] | null; weights: number[] | null;
  lambda: number[]; gamma: number[]; cvm: number[][]; cvsd: number[][];
  lambdaMin: number; gammaMin: number; lambda1se: number; gamma1se: number;
}
interface Fixture { names: string[]; x: number[][]; foldid: number[]; cases: Case[] }
const fixture = JSON.parse(readFileSync(new URL("../fixtures/relax_cv/relax_cv.json", import.meta.url), "utf8")) as Fixture;
const x = modelMatrix(fixture.names, fixture.x);

function optionsOf(c: Case): CvOptions {
  return {
    family: c.family, measure: c.measure, alpha: c.alpha, relax: true, foldid: fixture.foldid, gamma: c.gamma,
    offset: c.offset ?? undefined, weights: c.weights ?? undefined, thresh: 1e-14, maxit: 1e7,
  };
}

test("the fixture has the cases it was made with, so none can go missing unnoticed", () => {
  assert.deepEqual(fixture.cases.map((c) => c.case), [
    "gaussian_mse", "gaussian_enet_mae_weights", "binomial_deviance", "binomial_class", "binomial_auc",
    "poisson_deviance_offset", "poisson_mse_offset",
  ]);
});

for (const c of fixture.cases) {
  test(`${c.case}: relaxed cross-validation gives cv.glmnet(relax = TRUE)'s errors and choices`, async () => {
    const seq = cvPath(x, c.y, optionsOf(c));
    assertRelaxedCvMatches(seq, c);
    // The blends are each their own errors: γ = 0 is not γ = 1 (the relaxed fit differs from the penalized).
    assert.ok(relativeGap(seq.relaxed!.cvm[0], c.cvm[c.gamma.length - 1]) > 1e-4, "γ = 0 and γ = 1 should differ");
    const par = await cvPathParallel(x, c.y, optionsOf(c), { jobs: 2 });
    assertRelaxedCvMatches(par, c);
  });
}
