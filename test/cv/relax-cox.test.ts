// Cross-validation of the relaxed Cox fit (cv.glmnet(family = "cox", relax = TRUE)) against glmnet 4.1-6 with
// fixed fold ids, on test/fixtures/cox/survival.csv: per blend γ the cvm and cvsd at every λ, and the (λ, γ)
// chosen. Each blend's deviance is its own (cv.glmnet's buildPredmat reads each γ's blended coefficients on
// every row of each fold's fit). Fixture and the R script that made it: test/fixtures/relax_cox/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cvPath, type CvOptions, type CvResult } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { assertRelaxedCvMatches, relativeGap } from "../helpers/relax-cv.js";

interface CvCase {
  case: string; options: { weights?: string; offset?: string; strata?: string }; measure: "deviance" | "C"; alpha: number;
  lambda: number[]; gamma: number[]; cvm: number[][]; cvsd: number[][];
  lambdaMin: number; gammaMin: number; lambda1se: number; gamma1se: number; penalizedCvm: number[]; penalizedLambdaMin: number;
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/relax_cox/relax_cox.json", import.meta.url), "utf8")) as { foldid: number[]; cv: CvCase[] };

const lines = readFileSync(new URL("../fixtures/cox/survival.csv", import.meta.url), "utf8").trim().split(/\r?\n/);
const header = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
const sv = (name: string) => Float64Array.from(lines.slice(1), (l) => Number(l.split(",")[header.indexOf(name)]));
const NAMES = ["v1", "v2", "v3", "v4", "v5", "v6"];
const x = modelMatrix(NAMES, NAMES.map(sv));
const time = sv("time");

function optionsOf(c: CvCase): CvOptions {
  const o = c.options;
  return {
    family: "cox", measure: c.measure, alpha: c.alpha, relax: true, foldid: fixture.foldid, thresh: 1e-14, maxit: 1e7,
    survival: { status: sv("status"), strata: o.strata ? sv(o.strata) : undefined },
    weights: o.weights ? sv(o.weights) : undefined, offset: o.offset ? sv(o.offset) : undefined,
  };
}

function assertMatches(res: CvResult, c: CvCase): void {
  assertRelaxedCvMatches(res, c);
  const penalized = relativeGap(res.cvm, c.penalizedCvm);
  assert.ok(penalized < 1e-8, `penalized cvm off by ${penalized}`);
}

test("the fixture has the cases it was made with, so none can go missing unnoticed", () => {
  assert.deepEqual(fixture.cv.map((c) => c.case), ["ties_deviance", "ties_C", "enet_weights_offset_deviance", "strata_deviance"]);
});

for (const c of fixture.cv) {
  test(`${c.case}: relaxed Cox cross-validation gives cv.glmnet(relax = TRUE)'s errors and choices`, async () => {
    const seq = cvPath(x, time, optionsOf(c));
    assertMatches(seq, c);
    // Each blend has its own errors: γ = 0 is not the penalized fit's.
    assert.ok(relativeGap(seq.relaxed!.cvm[0], c.cvm[c.gamma.length - 1]) > 1e-4, "γ = 0 and γ = 1 should differ");
    const par = await cvPathParallel(x, time, optionsOf(c), { jobs: 2 });
    assertMatches(par, c);
  });
}
