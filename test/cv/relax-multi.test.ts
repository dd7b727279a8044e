// Cross-validation of the relaxed multi-response fits (cv.glmnet(family = "multinomial" | "mgaussian",
// relax = TRUE)) against glmnet 4.1-6 with fixed fold ids: per blend γ the cvm and cvsd at every λ, and the
// (λ, γ) chosen. cv.glmnet is called there without λs: each fold is fitted and relaxed on its own λs and
// predicted at the full data's by interpolating the blended coefficients. Fixture: test/fixtures/relax_multi/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cvMultiPath, type MultiCvOptions, type MultiCvResult, type MultiOutcome } from "../../src/cv/multi-cv.js";
import { cvMultiPathParallel } from "../../src/cv/multi-parallel.node.js";
import { modelMatrix } from "../../src/data/matrix.js";
import type { MultiMeasure } from "../../src/model/multi-family.js";
import { assertRelaxedCvMatches, relativeGap } from "../helpers/relax-cv.js";

interface CvCase {
  case: string; family: "multinomial" | "mgaussian"; options: { alpha?: number; weights?: number; grouped?: number }; measure: MultiMeasure;
  lambda: number[]; gamma: number[]; cvm: number[][]; cvsd: number[][]; lambdaMin: number; gammaMin: number; lambda1se: number; gamma1se: number;
}
interface Fixture { names: string[]; x: number[][]; classes: string[]; responses: number[][]; weights: number[]; foldid: number[]; cv: CvCase[] }
const fixture = JSON.parse(readFileSync(new URL("../fixtures/relax_multi/relax_multi.json", import.meta.url), "utf8")) as Fixture;
const x = modelMatrix(fixture.names, fixture.x);

function outcomeOf(c: CvCase): MultiOutcome {
  return c.family === "multinomial" ? { family: "multinomial", labels: fixture.classes } : { family: "mgaussian", y: fixture.responses };
}

function optionsOf(c: CvCase): MultiCvOptions {
  const o = c.options;
  // R writes TRUE as 1.
  return {
    relax: true, foldid: fixture.foldid, gamma: c.gamma, measure: c.measure, alpha: o.alpha, grouped: o.grouped ? true : undefined,
    weights: o.weights ? fixture.weights : undefined, thresh: 1e-14, maxit: 1e7,
  };
}

function assertMatches(res: MultiCvResult, c: CvCase): void {
  assertRelaxedCvMatches(res, c);
  // cvm and cvsd themselves are γ = 1's, as cv.glmnet(relax = TRUE)'s.
  assert.deepEqual(res.cvm, res.relaxed!.cvm[c.gamma.indexOf(1)]);
}

test("the fixture has the cases it was made with, so none can go missing unnoticed", () => {
  assert.deepEqual(fixture.cv.map((c) => c.case), ["multinomial_deviance", "multinomial_grouped_class_weights", "mgaussian_mse", "mgaussian_mae_alpha"]);
});

for (const c of fixture.cv) {
  test(`${c.case}: relaxed cross-validation gives cv.glmnet(relax = TRUE)'s errors and choices`, async () => {
    const seq = cvMultiPath(x, outcomeOf(c), optionsOf(c));
    assertMatches(seq, c);
    assert.ok(relativeGap(seq.relaxed!.cvm[0], c.cvm[c.gamma.length - 1]) > 1e-4, "γ = 0 and γ = 1 should differ");
    const par = await cvMultiPathParallel(x, outcomeOf(c), optionsOf(c), { jobs: 2 });
    assertMatches(par, c);
  });
}
