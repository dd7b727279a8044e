// cv.glmnet on a dgCMatrix as R users usually call it, without λs: glmnet 4.1-6 fits each fold on its own
// default sequence and predicts its held-out rows at the full data's λs with predict(s = lambda), linear in
// λ between the fold's λs and clamped to its first and last fits beyond them (lambda.interp); a Cox fold's
// deviance reads its coefficients at those λs the same way. cvSparsePath with foldLambda "own" gives those
// numbers (fixture: test/fixtures/sparse/own-lambda.R), and the dense cvPath's on the same X to rounding.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { cvPath, type CvOptions, type CvResult } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import { cvSparsePathParallel } from "../../src/cv/sparse-parallel.node.js";
import type { Measure } from "../../src/cv/measures.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { sparseMatrix, type SparseMatrix } from "../../src/data/sparse.js";
import type { FamilyName } from "../../src/model/family.js";
import { assertRefused } from "../helpers/refused.js";

interface Case {
  case: string; family: FamilyName; measure: Measure; alpha: number;
  lambda: number[]; cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number; outside: number[];
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/sparse/own-lambda.json", import.meta.url), "utf8")) as {
  n: number; names: string[]; colPtr: number[]; rowIndex: number[]; values: number[];
  gaussian: number[]; binomial: number[]; poisson: number[]; offset: number[]; time: number[]; status: number[];
  weights: number[]; foldid: number[]; thresh: number; cases: Case[];
};
const sx = sparseMatrix(fixture.n, fixture.names, fixture.colPtr, fixture.rowIndex, fixture.values);
const x = modelMatrix(fixture.names, densified(sx));

/** X's columns written out. */
function densified(s: SparseMatrix): Float64Array[] {
  return Array.from({ length: s.p }, (_, j) => {
    const col = new Float64Array(s.n);
    for (let t = s.colPtr[j]; t < s.colPtr[j + 1]; t++) col[s.rowIndex[t]] = s.values[t];
    return col;
  });
}

const yOf = (c: Case): number[] => (c.family === "cox" ? fixture.time : fixture[c.family as "gaussian" | "binomial" | "poisson"]);
const optionsOf = (c: Case): CvOptions => ({
  family: c.family, alpha: c.alpha, measure: c.measure, foldid: fixture.foldid, weights: fixture.weights, thresh: fixture.thresh, maxit: 1e7,
  offset: c.family === "poisson" ? fixture.offset : undefined,
  survival: c.family === "cox" ? { status: Float64Array.from(fixture.status) } : undefined,
});
const gap = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(b, (v, l) => Math.abs(a[l] / v - 1)));

function assertMatchesGlmnet(cv: CvResult, c: Case, what: string): void {
  assert.equal(cv.lambda.length, c.lambda.length, `${what}: number of λs`);
  assert.ok(gap(cv.lambda, c.lambda) < 1e-10, `${what}: λ`);
  assert.ok(gap(cv.cvm, c.cvm) < 1e-9, `${what}: cvm, largest relative gap ${gap(cv.cvm, c.cvm)}`);
  assert.ok(gap(cv.cvsd, c.cvsd) < 1e-8, `${what}: cvsd, largest relative gap ${gap(cv.cvsd, c.cvsd)}`);
  // The same step of the path as glmnet's (its λ to rounding).
  assert.equal(cv.indexMin, c.lambda.findIndex((l) => l === c.lambdaMin), `${what}: λ_min ${cv.lambdaMin} vs ${c.lambdaMin}`);
  assert.equal(cv.index1se, c.lambda.findIndex((l) => l === c.lambda1se), `${what}: λ_1se ${cv.lambda1se} vs ${c.lambda1se}`);
}

test("the fixture has the cases it was made with, and folds whose own λs do not cover the full data's", () => {
  assert.deepEqual(fixture.cases.map((c) => c.case), ["gaussian_mse", "binomial_deviance", "binomial_auc", "poisson_offset_deviance", "cox_deviance", "cox_C"]);
  // Held-out rows predicted at λs beyond a fold's path: glmnet clamps to the fold's end fits there.
  for (const c of fixture.cases) assert.ok(c.outside.some((k) => k > 0), `${c.case}: no fold's own path misses a full λ`);
  assert.ok(sx.values.length < 0.4 * sx.n * sx.p, "X is mostly zeros");
});

for (const c of fixture.cases) {
  test(`${c.case}: a sparse X with foldLambda "own" gives cv.glmnet's numbers without λs, and the dense X's`, () => {
    const own = cvSparsePath(sx, yOf(c), { ...optionsOf(c), foldLambda: "own" });
    assertMatchesGlmnet(own, c, "sparse");
    const dense = cvPath(x, yOf(c), { ...optionsOf(c), foldLambda: "own" });
    assertMatchesGlmnet(dense, c, "dense");
    assert.ok(gap(own.cvm, dense.cvm) < 1e-12, `sparse vs dense cvm: ${gap(own.cvm, dense.cvm)}`);
    assert.ok(gap(own.cvsd, dense.cvsd) < 1e-11, `sparse vs dense cvsd: ${gap(own.cvsd, dense.cvsd)}`);
    // The two procedures are different numbers, not one with a new name.
    const full = cvSparsePath(sx, yOf(c), optionsOf(c));
    assert.ok(gap(full.cvm, c.cvm) > 1e-6, "the folds on the full data's λs should not match cv.glmnet without λs");
    assert.deepEqual(Array.from(cvSparsePath(sx, yOf(c), { ...optionsOf(c), foldLambda: "full" }).cvm), Array.from(full.cvm), "\"full\" is the default");
  });
  test(`${c.case}: foldLambda "own" on 1 and 3 threads: the sequential numbers bit for bit (sparse X, and dense)`, async () => {
    const own = cvSparsePath(sx, yOf(c), { ...optionsOf(c), foldLambda: "own" });
    for (const jobs of [1, 3]) {
      const par = await cvSparsePathParallel(sx, yOf(c), { ...optionsOf(c), foldLambda: "own" }, { jobs });
      assert.deepEqual(Array.from(par.cvm), Array.from(own.cvm), `${jobs} jobs`);
      assert.deepEqual(Array.from(par.cvsd), Array.from(own.cvsd), `${jobs} jobs`);
      assert.deepEqual(par.warnings, own.warnings);
    }
    const dense = cvPath(x, yOf(c), { ...optionsOf(c), foldLambda: "own" });
    const denseParallel = await cvPathParallel(x, yOf(c), { ...optionsOf(c), foldLambda: "own" }, { jobs: 2 });
    assert.deepEqual(Array.from(denseParallel.cvm), Array.from(dense.cvm), "dense, 2 jobs");
  });
}

test("a sparse X's foldLambda is checked by name, sequential and parallel", async () => {
  const y = fixture.gaussian;
  await assertRefused(() => cvSparsePath(sx, y, { foldLambda: "mine" as "own" }), "foldLambda", /foldLambda/);
  await assertRefused(() => cvSparsePathParallel(sx, y, { foldLambda: "Own" as "own" }, { jobs: 2 }), "foldLambda", /foldLambda/);
  await assertRefused(() => cvSparsePath(sx, y, { foldLambda: 1 as unknown as "own" }), "foldLambda", /foldLambda/);
});

test("λs the user gives are every sparse fold's: foldLambda \"own\" with them is refused, \"full\" the same as none", () => {
  const y = fixture.gaussian;
  const lambda = [0.5, 0.2, 0.1, 0.05, 0.02];
  assert.throws(() => cvSparsePath(sx, y, { lambda, foldid: fixture.foldid, foldLambda: "own" }), /foldLambda "own" .* but lambda is given/);
  const a = cvSparsePath(sx, y, { lambda, foldid: fixture.foldid, foldLambda: "full" });
  const b = cvSparsePath(sx, y, { lambda, foldid: fixture.foldid });
  assert.deepEqual(Array.from(a.cvm), Array.from(b.cvm));
});
