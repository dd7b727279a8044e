// Coefficient limits (glmnet's lower.limits, upper.limits) in the multi-response families, against
// glmnet 4.1-6 (test/fixtures/multi/limits.R made limits.json): the ungrouped multinomial at α 1 and 0.5
// with per-variable limits, a scalar limit and limits without a 0; the grouped multinomial; mgaussian, with
// standardizeResponse; cross-validation. A feature's limits bound each of its K coefficients, not the
// intercepts; a limit of 0 turns the change-based early stop off, as glmnet does.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import { cvMultiPath } from "../../src/cv/multi-cv.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import { fitSparseMgaussianPath, fitSparseMultinomialPath } from "../../src/solve/sparse-multi.js";
import { sparseFromDense } from "../../src/data/sparse.js";
import type { MultiFitOptions, MultiPath } from "../../src/solve/multi/types.js";
import { assertRefused } from "../helpers/refused.js";

interface Fit {
  lambda: number[];
  devRatio: number[];
  df: number[];
  nullDeviance: number;
  npasses: number;
  intercept: number[][];
  coefficients: number[][][];
  lower: string[];
  upper: string[];
  thresh: number;
}
interface Limits {
  x: number[][];
  classes: string[];
  y: number[][];
  cases: Record<string, Fit> & { cv_ungrouped: { foldid: number[]; lambda: number[]; cvm: number[]; cvsd: number[]; lower: string[]; upper: string[] } };
}

const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/multi/limits.json", import.meta.url)), "utf8")) as Limits;
const features = ref.x.map((_, j) => `x${j + 1}`);
const x: ModelMatrix = modelMatrix(features, ref.x.map((c) => Float64Array.from(c)));
const p = x.p;

/** The case's limits as numbers ("-Infinity" and "Infinity" in the JSON). */
function limitsOf(c: { lower: string[]; upper: string[] }): { lowerLimits: number[]; upperLimits: number[] } {
  return { lowerLimits: c.lower.map(Number), upperLimits: c.upper.map(Number) };
}

/** The fit of case `name` with the options glmnet was given beside its limits and thresh. */
function fitCase(name: string, options: MultiFitOptions): { path: MultiPath; fit: Fit } {
  const fit = ref.cases[name];
  const all = { ...options, ...limitsOf(fit), thresh: fit.thresh };
  const path = name.startsWith("mgaussian") ? fitMgaussianPath(x, ref.y, all) : fitMultinomialPath(x, ref.classes, all);
  return { path, fit };
}

/** λ (1e-12), df, devRatio, intercepts and coefficients (tol) at every λ of glmnet's path, and its length. */
function assertMatches(path: MultiPath, fit: Fit, tol: number): void {
  assert.equal(path.lambda.length, fit.lambda.length);
  assert.deepEqual(Array.from(path.df), fit.df);
  assert.ok(Math.abs(path.nullDeviance - fit.nullDeviance) <= 1e-9 * fit.nullDeviance, `null deviance ${path.nullDeviance} vs ${fit.nullDeviance}`);
  for (let l = 0; l < fit.lambda.length; l++) {
    assert.ok(Math.abs(path.lambda[l] - fit.lambda[l]) <= 1e-12 * fit.lambda[l], `λ[${l}] ${path.lambda[l]} vs ${fit.lambda[l]}`);
    assert.ok(Math.abs(path.devRatio[l] - fit.devRatio[l]) <= tol, `devRatio[${l}] ${path.devRatio[l]} vs ${fit.devRatio[l]}`);
    for (let k = 0; k < 3; k++) {
      assert.ok(Math.abs(path.intercept[l][k] - fit.intercept[l][k]) <= tol, `λ[${l}] intercept ${k}: ${path.intercept[l][k]} vs ${fit.intercept[l][k]}`);
      for (let j = 0; j < p; j++) {
        const ours = path.beta[l][k * p + j], theirs = fit.coefficients[l][k][j];
        assert.ok(Math.abs(ours - theirs) <= tol, `λ[${l}] β[${k}][${j}]: ${ours} vs ${theirs}`);
      }
    }
  }
}

/** Every coefficient within its feature's limits, and how many sit at a finite limit other than 0 (bounds that bind). */
function assertWithinLimits(path: MultiPath, lower: readonly number[], upper: readonly number[]): number {
  let atLimit = 0;
  for (const beta of path.beta) {
    for (let k = 0; k < path.classes.length; k++) {
      for (let j = 0; j < p; j++) {
        const b = beta[k * p + j];
        assert.ok(b >= lower[j] - 1e-12 && b <= upper[j] + 1e-12, `β[${k}][${j}] = ${b} outside [${lower[j]}, ${upper[j]}]`);
        if (b !== 0 && (b === lower[j] || b === upper[j])) atLimit++;
      }
    }
  }
  return atLimit;
}

describe("multi-response coefficient limits against glmnet 4.1-6", () => {
  it("ungrouped multinomial, per-feature limits, α = 1 and 0.5: glmnet's iterates (its npasses) and path to 1e-12", () => {
    for (const [name, alpha] of [["ungrouped_a1", 1], ["ungrouped_a05", 0.5]] as const) {
      const { path, fit } = fitCase(name, { alpha });
      assertMatches(path, fit, 1e-12);
      assert.equal(path.npasses, fit.npasses, name);
      // Limits of 0.3, −0.2 and 0.4 bind somewhere along the path (they are not met by accident).
      assert.ok(assertWithinLimits(path, limitsOf(fit).lowerLimits, limitsOf(fit).upperLimits) > 0, name);
    }
  });

  it("ungrouped multinomial, a scalar lower limit 0 and limits without a 0 (the early stop then on): glmnet's path", () => {
    const scalar = fitCase("ungrouped_scalar", {});
    const { path } = { path: fitMultinomialPath(x, ref.classes, { lowerLimits: 0, thresh: 1e-14 }) };
    assertMatches(path, scalar.fit, 1e-11);
    assert.equal(path.npasses, scalar.fit.npasses);
    assert.ok(path.beta.every((b) => b.every((v) => v >= 0)));
    const noZero = fitCase("ungrouped_no_zero", {});
    // A path cut short by the change-based stop (glmnet's 59 λs of 100): fdev stays 1e-5 without a 0 limit.
    assert.ok(noZero.fit.lambda.length < 100);
    assertMatches(noZero.path, noZero.fit, 1e-12);
    assert.equal(noZero.path.npasses, noZero.fit.npasses);
  });

  it("grouped multinomial, α = 1 and 0.5 (thresh 1e-8, where glmnet converges): glmnet's iterates and path", () => {
    for (const [name, alpha] of [["grouped_a1", 1], ["grouped_a05", 0.5]] as const) {
      const { path, fit } = fitCase(name, { grouped: true, alpha });
      assertMatches(path, fit, 1e-12);
      assert.equal(path.npasses, fit.npasses, name);
      assert.ok(assertWithinLimits(path, limitsOf(fit).lowerLimits, limitsOf(fit).upperLimits) > 0, name);
    }
  });

  it("mgaussian, and with standardizeResponse at α = 0.5: glmnet's path (to 1e-8, as its passes are not ours)", () => {
    for (const [name, options] of [["mgaussian_a1", {}], ["mgaussian_stdresp", { alpha: 0.5, standardizeResponse: true }]] as const) {
      const { path, fit } = fitCase(name, options);
      assertMatches(path, fit, 1e-8);
      const { lowerLimits, upperLimits } = limitsOf(fit);
      assertWithinLimits(path, lowerLimits, upperLimits);
      // Not by accident: the fit without limits leaves them at its last λ.
      const free = fitMgaussianPath(x, ref.y, { ...options, thresh: 1e-14 });
      const last = free.beta[free.beta.length - 1];
      assert.ok(last.some((b, i) => b < lowerLimits[i % p] || b > upperLimits[i % p]), name);
    }
  });

  it("cross-validation passes the limits to every fold: cv.glmnet's cvm and cvsd (folds on their own λs, as it)", () => {
    const c = ref.cases.cv_ungrouped;
    const cv = cvMultiPath(x, { family: "multinomial", labels: ref.classes }, { ...limitsOf(c), thresh: 1e-14, foldid: c.foldid, foldLambda: "own" });
    // Not by accident: without the limits the folds' fits, and so cvm, are others.
    const free = cvMultiPath(x, { family: "multinomial", labels: ref.classes }, { thresh: 1e-14, foldid: c.foldid, lambda: c.lambda });
    assert.ok(c.cvm.some((m, l) => Math.abs(free.cvm[l] - m) > 1e-3 * m));
    assert.equal(cv.lambda.length, c.lambda.length);
    c.lambda.forEach((l, i) => assert.ok(Math.abs(cv.lambda[i] - l) <= 1e-12 * l));
    c.cvm.forEach((m, l) => assert.ok(Math.abs(cv.cvm[l] - m) <= 1e-9 * m, `cvm[${l}] ${cv.cvm[l]} vs ${m}`));
    c.cvsd.forEach((s, l) => assert.ok(Math.abs(cv.cvsd[l] - s) <= 1e-8 * Math.max(s, 1e-3), `cvsd[${l}] ${cv.cvsd[l]} vs ${s}`));
  });
});

describe("multi-response coefficient limits: Shrinkage's own rules", () => {
  it("an unpenalized limited feature: its class shift kept within the limits, so the fit converges (glmnet's cycles)", () => {
    const lower = [0, -Infinity, 0, -0.2, -Infinity, -Infinity], upper = [Infinity, 0.3, Infinity, Infinity, 0, 0.4];
    const path = fitMultinomialPath(x, ref.classes, { lowerLimits: lower, upperLimits: upper, penaltyFactor: [1, 1, 1, 1, 1, 0], thresh: 1e-10 });
    assert.deepEqual(path.warnings, []);
    assert.ok(assertWithinLimits(path, lower, upper) > 0);
  });

  it("a sparse X: the dense fit's path with the same limits", () => {
    const fit = ref.cases.grouped_a05;
    for (const grouped of [false, true]) {
      const options = { grouped, ...limitsOf(fit), thresh: 1e-12 };
      const dense = fitMultinomialPath(x, ref.classes, options), sparse = fitSparseMultinomialPath(sparseFromDense(x), ref.classes, options);
      assert.equal(sparse.lambda.length, dense.lambda.length);
      dense.beta.forEach((b, l) => b.forEach((v, i) => assert.ok(Math.abs(sparse.beta[l][i] - v) <= 1e-10, `grouped ${grouped} λ[${l}] β ${i}`)));
    }
    const mg = { ...limitsOf(fit), thresh: 1e-12 };
    const dense = fitMgaussianPath(x, ref.y, mg), sparse = fitSparseMgaussianPath(sparseFromDense(x), ref.y, mg);
    dense.beta.forEach((b, l) => b.forEach((v, i) => assert.ok(Math.abs(sparse.beta[l][i] - v) <= 1e-10, `mgaussian λ[${l}] β ${i}`)));
  });

  it("limits by name, and the intercepts unlimited", () => {
    const path = fitMultinomialPath(x, ref.classes, { upperLimits: { x1: 0, x4: 0 }, lowerLimits: 0 });
    for (const beta of path.beta) for (let k = 0; k < 3; k++) assert.ok(beta[k * p] === 0 && beta[k * p + 3] === 0);
    assert.ok(path.intercept.some((a) => a.some((v) => v < 0)), "a negative intercept despite lowerLimits 0");
  });

  it("bad limits: the single-response checks and messages, naming the option", async () => {
    await assertRefused(() => fitMultinomialPath(x, ref.classes, { lowerLimits: 0.5 }), "lowerLimits", /lowerLimits for "x1" must be ≤ 0, got 0\.5/);
    await assertRefused(() => fitMgaussianPath(x, ref.y, { upperLimits: [1, 1, -1, 1, 1, 1] }), "upperLimits", /upperLimits for "x3" must be ≥ 0, got -1/);
    await assertRefused(() => fitMultinomialPath(x, ref.classes, { grouped: true, upperLimits: [1, 2] }), "upperLimits", /upperLimits has 2 values but there are 6 features/);
    await assertRefused(() => fitMultinomialPath(x, ref.classes, { lowerLimits: { x9: 0 } }), "lowerLimits", /lowerLimits names "x9", which is not a feature/);
  });
});
