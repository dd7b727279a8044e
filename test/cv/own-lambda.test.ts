// cv.glmnet as R users usually call it, without λs: glmnet 4.1-6 fits each fold on its own default
// sequence and predicts the held-out rows at the full data's λs by interpolation. foldLambda "own"
// gives those numbers (fixture: scripts/glmnet-check/cv-own-lambda.R); the default, folds on the full
// data's λs, gives cv.glmnet's numbers when it is handed the full fit's λs (test/cv/conformance.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cvPath } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import type { Measure } from "../../src/cv/measures.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { OptionError } from "../../src/errors.js";
import type { FamilyName } from "../../src/model/family.js";
import { loadNumericCsv } from "../helpers/reference.js";

interface Case {
  case: string; data: string; target: string; family: FamilyName; alpha: number; measure: Measure;
  foldid: number[]; lambda: number[]; cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number;
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/cv_own_lambda.json", import.meta.url), "utf8")) as { cases: Case[] };

function problem(c: Case) {
  const { names, columns } = loadNumericCsv(c.data);
  const features = names.filter((n) => n !== c.target);
  return { x: modelMatrix(features, features.map((f) => columns[names.indexOf(f)])), y: columns[names.indexOf(c.target)] };
}

test("the fixture has the cases it was made with, so none can go missing unnoticed", () => {
  assert.deepEqual(fixture.cases.map((c) => c.case), ["diabetes_lasso_mse", "binomial_enet_deviance", "poisson_lasso_mae"]);
});

for (const c of fixture.cases) {
  test(`${c.case}: foldLambda "own" gives cv.glmnet's numbers without λs (${c.measure})`, async () => {
    const { x, y } = problem(c);
    const options = { family: c.family, alpha: c.alpha, foldid: c.foldid, measure: c.measure, thresh: 1e-14, maxit: 1e7 };
    const own = cvPath(x, y, { ...options, foldLambda: "own" });
    assert.equal(own.lambda.length, c.lambda.length, "number of λs");
    const gap = (a: ArrayLike<number>, b: number[]) => Math.max(...b.map((v, l) => Math.abs(a[l] / v - 1)));
    assert.ok(gap(own.lambda, c.lambda) < 1e-10, "λ");
    assert.ok(gap(own.cvm, c.cvm) < 1e-7, `cvm: largest relative gap ${gap(own.cvm, c.cvm)}`);
    assert.ok(gap(own.cvsd, c.cvsd) < 1e-6, `cvsd: largest relative gap ${gap(own.cvsd, c.cvsd)}`);
    assert.ok(Math.abs(own.lambdaMin / c.lambdaMin - 1) < 1e-10, `λ_min ${own.lambdaMin} vs ${c.lambdaMin}`);
    assert.ok(Math.abs(own.lambda1se / c.lambda1se - 1) < 1e-10, `λ_1se ${own.lambda1se} vs ${c.lambda1se}`);
    // The two procedures are different numbers, not one with a new name.
    const full = cvPath(x, y, options);
    assert.ok(gap(full.cvm, c.cvm) > 1e-6, "the folds on the full data's λs should not match cv.glmnet without λs");
    // Parallel folds: the same numbers, bit for bit.
    const par = await cvPathParallel(x, y, { ...options, foldLambda: "own" }, { jobs: 2 });
    assert.deepEqual(Array.from(par.cvm), Array.from(own.cvm));
    assert.deepEqual(Array.from(par.cvsd), Array.from(own.cvsd));
  });
}

test("foldLambda is checked: \"own\" with λs given, \"full\" with relax and \"own\" for MCP are refused, not ignored", async () => {
  const { x, y } = problem(fixture.cases[0]);
  const refused = (message: RegExp) => (e: unknown) => e instanceof OptionError && e.option === "foldLambda" && message.test(e.message);
  assert.throws(() => cvPath(x, y, { foldLambda: "mine" as "own" }), refused(/"mine"/));
  const lambda = [20, 10, 5, 2, 1, 0.5];
  // λs the user gives are every fold's (cv.glmnet given λs): "own" cannot be honoured, so it is refused.
  assert.throws(() => cvPath(x, y, { lambda, nfolds: 5, foldLambda: "own" }), refused(/"own" .* but lambda is given/));
  await assert.rejects(cvPathParallel(x, y, { lambda, nfolds: 5, foldLambda: "own" }, { jobs: 2 }), refused(/but lambda is given/));
  assert.deepEqual(Array.from(cvPath(x, y, { lambda, nfolds: 5, foldLambda: "full" }).cvm), Array.from(cvPath(x, y, { lambda, nfolds: 5 }).cvm));
  // A relaxed CV's folds always fit their own λs (cv.glmnet with relax).
  assert.throws(() => cvPath(x, y, { relax: true, nfolds: 5, foldLambda: "full" }), refused(/not offered with relax/));
  assert.deepEqual(Array.from(cvPath(x, y, { relax: true, nfolds: 5, foldLambda: "own" }).cvm), Array.from(cvPath(x, y, { relax: true, nfolds: 5 }).cvm));
  // cv.ncvreg fits every fold on the full λs.
  assert.throws(() => cvPath(x, y, { penalty: "mcp", nfolds: 5, foldLambda: "own" }), refused(/not offered for mcp/));
});
