// mgaussian with standardizeResponse (glmnet's standardize.response = TRUE) against glmnet 4.1-6 at thresh
// 1e-14: three responses on scales 1e-3, 1 and 1e4, plain, with weights and penalty factors, without an
// intercept, and cv.glmnet on fixed folds and λs; made by test/fixtures/multi/stdresp.R (R is not needed to
// run this test).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { modelMatrix } from "../../src/data/matrix.js";
import { DataError, OptionError } from "../../src/errors.js";
import { cvMultiPath } from "../../src/cv/multi-cv.js";
import { explainMulti } from "../../src/explain/multi.js";
import { sparseFromDense } from "../../src/data/sparse.js";
import { fitSparseMgaussianPath } from "../../src/solve/sparse-multi.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import type { MultiFitOptions } from "../../src/solve/multi/types.js";
import { multiObjective } from "../helpers/multi-objective.js";

interface Fit { lambda: number[]; devRatio: number[]; df: number[]; nullDeviance: number; intercept: number[][]; coefficients: number[][][] }
const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/multi/stdresp.json", import.meta.url)), "utf8")) as {
  x: number[][]; y: number[][]; weights: number[]; penaltyFactor: number[];
  cases: Record<"plain" | "weighted" | "no_intercept", Fit> & { cv: { foldid: number[]; lambda: number[]; cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number } };
};
const features = ["x1", "x2", "x3", "x4", "x5"];
const x = modelMatrix(features, ref.x.map((c) => Float64Array.from(c)));
const y = ref.y.map((c) => Float64Array.from(c));
const { weights, penaltyFactor } = ref;

/** The response's 1/n weighted standard deviation about its weighted mean (glmnet's scale, intercept or not). */
function sdOf(v: Float64Array, w: ArrayLike<number> | undefined): number {
  const wn = Float64Array.from(v, (_, i) => (w ? w[i] : 1));
  const sw = wn.reduce((a, b) => a + b, 0);
  let m = 0;
  for (let i = 0; i < v.length; i++) m += (wn[i] / sw) * v[i];
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (wn[i] / sw) * (v[i] - m) ** 2;
  return Math.sqrt(s);
}

/**
 * glmnet's objective with standardize.response: the mgaussian objective of the responses divided by their
 * scales σ_k, at coefficients and intercepts divided by them too (what glmnet minimises and reports
 * devRatio on).
 */
function scaledObjective(options: { alpha: number; lambda: number; weights?: number[]; penaltyFactor?: number[]; standardize?: boolean; intercept?: boolean }, a0: ArrayLike<number>, beta: readonly ArrayLike<number>[]): number {
  const ys = y.map((col) => sdOf(col, options.weights));
  const o = { family: "mgaussian" as const, grouped: true, ...options };
  return multiObjective(x, y.map((col, k) => col.map((v) => v / ys[k])), o, Array.from(a0, (a, k) => a / ys[k]), beta.map((b, k) => Array.from(b, (v) => v / ys[k])));
}

const cases: { name: "plain" | "weighted" | "no_intercept"; options: MultiFitOptions & { weights?: number[]; penaltyFactor?: number[] } }[] = [
  { name: "plain", options: {} },
  { name: "weighted", options: { weights, penaltyFactor, alpha: 0.7 } },
  { name: "no_intercept", options: { intercept: false, standardize: false } },
];
assert.equal(cases.length, 3);

describe("mgaussian with standardizeResponse: glmnet's numbers", () => {
  for (const { name, options } of cases) {
    const fit = ref.cases[name];
    const path = fitMgaussianPath(x, y, { ...options, thresh: 1e-14, standardizeResponse: true });
    it(`${name}: λ sequence (same length, within 1e-8), df and devRatio`, () => {
      assert.equal(path.lambda.length, fit.lambda.length);
      fit.lambda.forEach((l, i) => assert.ok(Math.abs(path.lambda[i] - l) <= 1e-8 * l, `λ[${i}] ${path.lambda[i]} vs ${l}`));
      assert.deepEqual(Array.from(path.df), fit.df);
      fit.devRatio.forEach((d, i) => assert.ok(Math.abs(path.devRatio[i] - d) <= 1e-8, `devRatio[${i}] ${path.devRatio[i]} vs ${d}`));
      assert.equal(path.settings.standardizeResponse, true);
    });
    it(`${name}: penalized objective within 1e-7 of glmnet's at every λ`, () => {
      assert.ok(fit.lambda.length > 50);
      for (let l = 0; l < fit.lambda.length; l++) {
        const o = { alpha: options.alpha ?? 1, lambda: fit.lambda[l], weights: options.weights, penaltyFactor: options.penaltyFactor, standardize: options.standardize, intercept: options.intercept };
        const ours = scaledObjective(o, path.intercept[l], y.map((_, k) => path.beta[l].subarray(k * x.p, (k + 1) * x.p)));
        const theirs = scaledObjective(o, fit.intercept[l], fit.coefficients[l]);
        assert.ok(Math.abs(ours - theirs) <= 1e-7, `λ[${l}]: ${ours} vs ${theirs}`);
      }
    });
  }

  it("the null deviance stays on the responses' own scale: glmnet's with an intercept, Σ w y² without (as without standardizeResponse)", () => {
    for (const { name, options } of cases) {
      const scaled = fitMgaussianPath(x, y, { ...options, standardizeResponse: true });
      const plain = fitMgaussianPath(x, y, options);
      assert.equal(scaled.nullDeviance, plain.nullDeviance, name);
      if (options.intercept !== false) assert.ok(Math.abs(scaled.nullDeviance - ref.cases[name].nullDeviance) <= 1e-12 * ref.cases[name].nullDeviance, name);
    }
  });

  it("cv.glmnet with weights, fixed folds and λs: cvm, cvsd, lambdaMin and lambda1se", () => {
    const cv = ref.cases.cv;
    const r = cvMultiPath(x, { family: "mgaussian", y }, { weights, penaltyFactor, alpha: 0.7, thresh: 1e-14, standardizeResponse: true, foldid: cv.foldid, lambda: cv.lambda });
    assert.equal(r.cvm.length, cv.cvm.length);
    cv.cvm.forEach((m, l) => assert.ok(Math.abs(r.cvm[l] - m) <= 1e-7 * m, `cvm[${l}] ${r.cvm[l]} vs ${m}`));
    cv.cvsd.forEach((s, l) => assert.ok(Math.abs(r.cvsd[l] - s) <= 1e-6 * s, `cvsd[${l}] ${r.cvsd[l]} vs ${s}`));
    assert.equal(r.lambdaMin, cv.lambdaMin);
    assert.equal(r.lambda1se, cv.lambda1se);
    assert.equal(r.path.settings.standardizeResponse, true);
  });
});

describe("standardizeResponse: the same fit by every route, and the defaults untouched", () => {
  it("false is the default fit, number for number", () => {
    const a = fitMgaussianPath(x, y, { weights, penaltyFactor, alpha: 0.7 });
    const b = fitMgaussianPath(x, y, { weights, penaltyFactor, alpha: 0.7, standardizeResponse: false });
    assert.deepEqual(Array.from(b.lambda), Array.from(a.lambda));
    assert.deepEqual(b.beta.map((v) => Array.from(v)), a.beta.map((v) => Array.from(v)));
    assert.deepEqual(b.intercept.map((v) => Array.from(v)), a.intercept.map((v) => Array.from(v)));
    assert.deepEqual(Array.from(b.devRatio), Array.from(a.devRatio));
    assert.equal(a.settings.standardizeResponse, false);
  });

  it("is the fit of responses scaled by hand, mapped back (a sparse X too)", () => {
    const ys = y.map((col) => sdOf(col, weights));
    const options = { weights, penaltyFactor, alpha: 0.7, thresh: 1e-14 };
    const byHand = fitMgaussianPath(x, y.map((col, k) => col.map((v) => v / ys[k])), options);
    const dense = fitMgaussianPath(x, y, { ...options, standardizeResponse: true });
    const sparse = fitSparseMgaussianPath(sparseFromDense(x), y, { ...options, standardizeResponse: true });
    for (const path of [dense, sparse]) {
      assert.equal(path.lambda.length, byHand.lambda.length);
      path.lambda.forEach((l, i) => assert.ok(Math.abs(l - byHand.lambda[i]) <= 1e-12 * l, `λ[${i}]`));
      for (let l = 0; l < path.lambda.length; l++) {
        for (let k = 0; k < y.length; k++) {
          assert.ok(Math.abs(path.intercept[l][k] / ys[k] - byHand.intercept[l][k]) <= 1e-9, `intercept[${l}][${k}]`);
          for (let j = 0; j < x.p; j++) assert.ok(Math.abs(path.beta[l][k * x.p + j] / ys[k] - byHand.beta[l][k * x.p + j]) <= 1e-9, `beta[${l}][${k}][${j}]`);
        }
      }
    }
  });

  it("a constant response is an error naming it (glmnet would divide by zero)", () => {
    const constant = [y[0], new Float64Array(x.n).fill(3.1), y[2]];
    assert.throws(() => fitMgaussianPath(x, constant, { standardizeResponse: true, responses: ["a", "flat", "c"] }), (e: unknown) => e instanceof DataError && e.column === "flat" && /"flat" is constant/.test(e.message));
    // Constant over the rows with weight: rows of weight 0 do not count.
    const w = Float64Array.from({ length: x.n }, (_, i) => (i < 5 ? 0 : 1));
    const flatWhereWeighted = y[1].map((v, i) => (i < 5 ? v : 2));
    assert.throws(() => fitMgaussianPath(x, [y[0], flatWhereWeighted], { weights: w, standardizeResponse: true }), (e: unknown) => e instanceof DataError && e.column === "y2");
    assert.throws(() => cvMultiPath(x, { family: "mgaussian", y: constant }, { standardizeResponse: true, nfolds: 5, responses: ["a", "flat", "c"] }), (e: unknown) => e instanceof DataError && e.column === "flat");
    // Without standardizeResponse a constant response is fitted as before.
    assert.ok(fitMgaussianPath(x, constant).lambda.length > 0);
  });

  it("other families and other values are OptionErrors naming the option", () => {
    const labels = Array.from({ length: x.n }, (_, i) => (y[1][i] > 0 ? "up" : "down"));
    assert.throws(() => fitMultinomialPath(x, labels, { standardizeResponse: true }), (e: unknown) => e instanceof OptionError && e.option === "standardizeResponse" && /mgaussian only/.test(e.message));
    assert.throws(() => cvMultiPath(x, { family: "multinomial", labels }, { standardizeResponse: true, nfolds: 5 }), (e: unknown) => e instanceof OptionError && e.option === "standardizeResponse");
    assert.throws(() => fitMgaussianPath(x, y, { standardizeResponse: "yes" as unknown as boolean }), (e: unknown) => e instanceof OptionError && /standardizeResponse/.test(e.message));
  });

  it("explainMulti refuses such a fit rather than explain it on the wrong scale", () => {
    const path = fitMgaussianPath(x, y, { standardizeResponse: true });
    assert.throws(() => explainMulti(path, { x, y }, path.lambda[5]), (e: unknown) => e instanceof OptionError && e.option === "standardizeResponse");
  });
});
