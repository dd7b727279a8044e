// What a sweep of the multi-response families against glmnet 4.1-6 pinned down (test/fixtures/multi/sweep.R
// made sweep.json): mgaussian without an intercept (columns scaled about 0, not their means); multinomial
// with weights, penalty factors 0 and Inf, an excluded, a constant and a nearly collinear column, columns
// on scales 1e-3 and 1e4, standardize off; grouped without an intercept; and a cross-validation whose folds
// run out of passes before the full path does: cv.glmnet's numbers, and a warning naming each such fold.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import { cvMultiPath } from "../../src/cv/multi-cv.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import { predictMulti } from "../../src/solve/multi/predict.js";
import type { MultiPath } from "../../src/solve/multi/types.js";
import { multiObjective, type MultiObjectiveOptions } from "../helpers/multi-objective.js";

interface Fit {
  lambda: number[];
  devRatio: number[];
  df: number[];
  nullDeviance: number;
  intercept: number[][];
  coefficients: number[][][];
}
interface Sweep {
  x: number[][];
  classes: string[];
  y: number[][];
  weights: number[];
  cases: {
    mgaussian_no_intercept: Fit;
    multinomial_options: Fit;
    grouped_no_intercept: Fit;
    cv_folds_out_of_passes: { maxit: number; thresh: number; foldid: number[]; lambda: number[]; foldLength: number[]; cvm: number[]; cvsd: number[] };
  };
}

const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/multi/sweep.json", import.meta.url)), "utf8")) as Sweep;
const features = ref.x.map((_, j) => `x${j + 1}`);
const x: ModelMatrix = modelMatrix(features, ref.x.map((c) => Float64Array.from(c)));
const labels = ref.classes;
const onehot = ["a", "b", "c"].map((c) => labels.map((l) => (l === c ? 1 : 0)));

/** λ (1e-8) and length, null deviance (1e-9), df, devRatio (1e-8) and the penalized objective (1e-7) at every λ. */
function assertMatches(path: MultiPath, fit: Fit, y: readonly ArrayLike<number>[], o: Omit<MultiObjectiveOptions, "lambda">): void {
  assert.equal(path.lambda.length, fit.lambda.length);
  fit.lambda.forEach((l, i) => assert.ok(Math.abs(path.lambda[i] - l) <= 1e-8 * l, `λ[${i}] ${path.lambda[i]} vs ${l}`));
  assert.ok(Math.abs(path.nullDeviance - fit.nullDeviance) <= 1e-9 * fit.nullDeviance, `null deviance ${path.nullDeviance} vs ${fit.nullDeviance}`);
  assert.deepEqual(Array.from(path.df), fit.df);
  fit.devRatio.forEach((d, l) => assert.ok(Math.abs(path.devRatio[l] - d) <= 1e-8, `devRatio[${l}] ${path.devRatio[l]} vs ${d}`));
  const p = x.p;
  for (let l = 0; l < fit.lambda.length; l++) {
    const at = { ...o, lambda: fit.lambda[l] };
    const ours = multiObjective(x, y, at, path.intercept[l], path.classes.map((_, k) => path.beta[l].subarray(k * p, (k + 1) * p)));
    const theirs = multiObjective(x, y, at, fit.intercept[l], fit.coefficients[l]);
    assert.ok(Math.abs(ours - theirs) <= 1e-7, `λ[${l}]: objective ${ours} vs glmnet's ${theirs}`);
  }
}

describe("multi-response sweep against glmnet 4.1-6", () => {
  it("mgaussian without an intercept: glmnet's deviance ratios and objective; the null deviance Σ w‖y‖² they are relative to", () => {
    const fit = ref.cases.mgaussian_no_intercept;
    const path = fitMgaussianPath(x, ref.y, { intercept: false, thresh: 1e-14 });
    // glmnet's mrelnet reports Σ_k Σ_i w_i (y_ik − ȳ_k)² even without an intercept, though its deviance
    // ratios are relative to Σ w‖y‖²; Shrinkage reports the latter, as sparse-multi.test.ts documents, so
    // that nullDeviance·(1 − devRatio) is the fit's residual sum of squares.
    const sumSquares = ref.y.reduce((s, yk) => s + yk.reduce((a, v) => a + v * v, 0), 0);
    assert.ok(Math.abs(path.nullDeviance - sumSquares) <= 1e-9 * sumSquares, `null deviance ${path.nullDeviance} vs ${sumSquares}`);
    assertMatches(path, { ...fit, nullDeviance: sumSquares }, ref.y, { family: "mgaussian", grouped: true, alpha: 1, intercept: false });
  });

  it("multinomial: weights, penalty factors 0 and Inf, exclude, a constant column, standardize off, α = 0.8", () => {
    const fit = ref.cases.multinomial_options;
    const options = { weights: ref.weights, penaltyFactor: [0, 1, 0.5, 2, Infinity, 1], exclude: ["x3"], standardize: false, alpha: 0.8, thresh: 1e-14 };
    const path = fitMultinomialPath(x, labels, options);
    // glmnet gives excluded variables (and those of factor Inf) factor 1 before rescaling the factors.
    assertMatches(path, fit, onehot, { family: "multinomial", grouped: false, alpha: 0.8, standardize: false, weights: ref.weights, penaltyFactor: [0, 1, 1, 2, 1, 1] });
    let worst = 0;
    for (let l = 0; l < fit.lambda.length; l++) {
      const ours = predictMulti(path, x, path.lambda[l], "response") as Float64Array[];
      const theirs = predictMulti({ ...path, intercept: fit.intercept.map((a) => Float64Array.from(a)), beta: fit.coefficients.map((b) => Float64Array.from(b.flat())) }, x, path.lambda[l], "response") as Float64Array[];
      for (let i = 0; i < x.n; i++) for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(ours[i][k] - theirs[i][k]));
    }
    assert.ok(worst <= 1e-3, `largest difference in a fitted probability ${worst}`);
  });

  it("grouped multinomial without an intercept, α = 0.5: the path, to where glmnet runs out of passes too", () => {
    const fit = ref.cases.grouped_no_intercept;
    const path = fitMultinomialPath(x, labels, { grouped: true, intercept: false, alpha: 0.5, thresh: 1e-14 });
    assertMatches(path, fit, onehot, { family: "multinomial", grouped: true, alpha: 0.5, intercept: false });
    assert.ok(path.warnings.some((w) => w.includes(`maxit = 100000 passes at the ${fit.lambda.length + 1}th λ`)), path.warnings.join("\n"));
  });

  it("cross-validation whose folds run out of passes: cv.glmnet's cvm and cvsd, and a warning naming each such fold", () => {
    const c = ref.cases.cv_folds_out_of_passes;
    const cv = cvMultiPath(x, { family: "multinomial", labels }, { thresh: c.thresh, maxit: c.maxit, foldid: c.foldid });
    assert.equal(cv.lambda.length, c.lambda.length);
    c.lambda.forEach((l, i) => assert.ok(Math.abs(cv.lambda[i] - l) <= 1e-8 * l));
    c.cvm.forEach((m, l) => assert.ok(Math.abs(cv.cvm[l] - m) <= 1e-6 * m, `cvm[${l}] ${cv.cvm[l]} vs ${m}`));
    c.cvsd.forEach((s, l) => assert.ok(Math.abs(cv.cvsd[l] - s) <= 1e-5 * Math.max(s, 1e-3), `cvsd[${l}] ${cv.cvsd[l]} vs ${s}`));
    const short = c.foldLength.map((len, k) => ({ fold: k + 1, len })).filter((f) => f.len < c.lambda.length);
    assert.ok(short.length > 0 && short.length < c.foldLength.length);
    for (const { fold, len } of short) {
      assert.ok(cv.warnings.some((w) => w.startsWith(`fold ${fold}: `) && w.includes(`maxit = ${c.maxit} passes at the ${len + 1}`)), `fold ${fold}:\n${cv.warnings.join("\n")}`);
    }
    assert.equal(cv.warnings.filter((w) => /^fold \d+: /.test(w)).length, short.length);
  });
});
