// glmnet's GLM solvers beyond their solutions (fixture: scripts/glmnet-check/glm-conventions.R): where
// they read λ_max with α = 0 and an unpenalized variable, and how they screen at a user's first λ.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { selectRows } from "../../src/data/matrix.js";
import type { FamilyName } from "../../src/model/family.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { ROOT } from "../cli/helpers.js";

interface Case { case: string; data: string; target: string; family: FamilyName; alpha: number; lambda: number[] }
const fixture = JSON.parse(readFileSync(join(ROOT, "test/fixtures/glm_conventions.json"), "utf8")) as {
  ridgeUnpenalized: (Case & { penaltyFactor: number[] })[];
  userLambda: (Case & { penaltyFactor: number[]; rows: number[]; coefficients: number[][] })[];
};
const design = (c: Case) => buildDesign(parseCsv(readFileSync(join(ROOT, "data", c.data), "utf8")), { target: c.target, family: c.family });

test("the fixture has the cases it was made with, so none can go missing unnoticed", () => {
  assert.deepEqual(fixture.ridgeUnpenalized.map((c) => c.case), ["binomial", "poisson"]);
  assert.deepEqual(fixture.userLambda.map((c) => c.case), ["binomial", "poisson"]);
});

for (const c of fixture.ridgeUnpenalized) {
  test(`${c.case} ridge with an unpenalized variable: λ_max from the pulls at the null model, as glmnet's`, () => {
    const { x, y } = design(c);
    const path = fitPath(x, y, { family: c.family, alpha: 0, penaltyFactor: c.penaltyFactor, thresh: 1e-14, maxit: 1e7 });
    assert.equal(path.lambda.length, c.lambda.length);
    for (let k = 0; k < c.lambda.length; k++) assert.ok(Math.abs(path.lambda[k] / c.lambda[k] - 1) < 1e-12, `λ[${k}] ${path.lambda[k]} vs ${c.lambda[k]}`);
  });
}

for (const c of fixture.userLambda) {
  test(`${c.case} on a user's λs at the default thresh (a fold's fit): glmnet's iterates, so its coefficients to ~1e-12`, () => {
    const { x, y } = design(c);
    const rows = Int32Array.from(c.rows);
    const path = fitPath(selectRows(x, rows), Array.from(rows, (i) => y[i]), { family: c.family, alpha: c.alpha, penaltyFactor: c.penaltyFactor, lambda: c.lambda });
    assert.equal(path.lambda.length, c.lambda.length);
    for (let k = 0; k < c.lambda.length; k++) {
      const ours = [path.intercept[k], ...coefficientsAt(path, k)];
      const scale = Math.max(...c.coefficients[k].map(Math.abs));
      ours.forEach((b, j) => assert.ok(Math.abs(b - c.coefficients[k][j]) <= 1e-10 * scale, `λ[${k}] coefficient ${j}: ${b} vs ${c.coefficients[k][j]}`));
    }
  });
}
