// Conformance of the multi-response families with glmnet 4.1-6 (thresh 1e-14): iris (multinomial, lasso),
// glmnet's MultinomialExample (grouped, α = 0.5) and MultiGaussianExample (mgaussian, lasso).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/data/csv.js";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import { cvMultiPath, type MultiOutcome } from "../../src/cv/multi-cv.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import { coefMulti, predictMulti } from "../../src/solve/multi/predict.js";
import type { MultiPath } from "../../src/solve/multi/types.js";
import { multiObjective } from "../helpers/multi-objective.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

interface MultiReference {
  case: string;
  data: string;
  target: string | string[];
  family: "multinomial" | "mgaussian";
  options: { alpha: number; grouped?: boolean };
  features: string[];
  classes: string[];
  lambda: number[];
  intercept: number[][];
  coefficients: number[][][];
  probabilities?: number[][][];
  df: number[];
  devRatio: number[];
  nullDeviance: number;
  cv: { foldid: number[]; measure: string; cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number };
}

const CASES = (process.env.ONLY ? [process.env.ONLY] : ["iris_multinomial", "multinomial_grouped", "mgaussian_lasso"]) as readonly string[];

/** A fit converged far enough that its objective can be compared with glmnet's at 1e-14. */
const THRESH = 1e-11;

function load(name: string): { ref: MultiReference; x: ModelMatrix; outcome: MultiOutcome; y: Float64Array[] } {
  const ref = JSON.parse(readFileSync(`${root}test/fixtures/reference/wave2/${name}.json`, "utf8")) as MultiReference;
  const table = parseCsv(readFileSync(`${root}data/${ref.data}`, "utf8"));
  const col = (c: string) => table.columns[table.names.indexOf(c)];
  const x = modelMatrix(ref.features, ref.features.map((f) => Float64Array.from(col(f), Number)));
  if (ref.family === "mgaussian") {
    const y = (ref.target as string[]).map((t) => Float64Array.from(col(t), Number));
    return { ref, x, outcome: { family: "mgaussian", y }, y };
  }
  const labels = col(ref.target as string).map((s) => s.trim());
  const y = ref.classes.map((c) => Float64Array.from(labels, (l) => (l === c ? 1 : 0)));
  return { ref, x, outcome: { family: "multinomial", labels }, y };
}

function fit(ref: MultiReference, x: ModelMatrix, outcome: MultiOutcome): MultiPath {
  const opts = { alpha: ref.options.alpha, thresh: THRESH };
  return outcome.family === "mgaussian"
    ? fitMgaussianPath(x, outcome.y, { ...opts, responses: ref.target as string[] })
    : fitMultinomialPath(x, outcome.labels, { ...opts, grouped: ref.options.grouped === true });
}

describe("multi-response paths match glmnet 4.1-6", () => {
  assert.equal(CASES.length, process.env.ONLY ? 1 : 3);
  for (const name of CASES) {
    const { ref, x, outcome, y } = load(name);
    const path = fit(ref, x, outcome);
    const grouped = ref.family === "mgaussian" || ref.options.grouped === true;

    it(`${name}: classes, λ sequence (1e-8) and its length, null deviance`, () => {
      assert.deepEqual(path.classes, ref.classes);
      assert.equal(path.lambda.length, ref.lambda.length);
      ref.lambda.forEach((l, i) => assert.ok(Math.abs(path.lambda[i] - l) <= 1e-8 * l, `λ[${i}] ${path.lambda[i]} vs ${l}`));
      assert.ok(Math.abs(path.nullDeviance - ref.nullDeviance) <= 1e-9 * ref.nullDeviance);
    });

    it(`${name}: penalized objective within 1e-7 of glmnet's at every λ`, () => {
      assert.equal(ref.lambda.length, path.lambda.length);
      for (let l = 0; l < ref.lambda.length; l++) {
        const o = { family: ref.family, grouped, alpha: ref.options.alpha, lambda: ref.lambda[l] };
        const ours = multiObjective(x, y, o, path.intercept[l], ref.classes.map((_, k) => path.beta[l].subarray(k * x.p, (k + 1) * x.p)));
        const theirs = multiObjective(x, y, o, ref.intercept[l], ref.coefficients[l]);
        assert.ok(Math.abs(ours - theirs) <= 1e-7, `λ[${l}]: objective ${ours} vs glmnet's ${theirs}`);
      }
    });

    it(`${name}: df and devRatio at every λ`, () => {
      assert.deepEqual(Array.from(path.df), ref.df);
      // The objectives agree to 1e-7; glmnet's deviance ratios carry its bounds on fitted probabilities.
      ref.devRatio.forEach((d, l) => assert.ok(Math.abs(path.devRatio[l] - d) <= 1e-5, `devRatio[${l}] ${path.devRatio[l]} vs ${d}`));
    });

    if (ref.probabilities) {
      it(`${name}: fitted class probabilities within 1e-3, classes as the most probable`, () => {
        const probs = ref.probabilities!;
        let checked = 0;
        for (let l = 0; l < ref.lambda.length; l++) {
          const ours = predictMulti(path, x, path.lambda[l], "response") as Float64Array[];
          const cls = predictMulti(path, x, path.lambda[l], "class") as Int32Array;
          for (let i = 0; i < x.n; i++) {
            for (let k = 0; k < ref.classes.length; k++) assert.ok(Math.abs(ours[i][k] - probs[l][i][k]) <= 1e-3, `λ[${l}] row ${i + 1} class ${k}`);
            assert.equal(ours[i][cls[i]], Math.max(...ours[i]));
            checked++;
          }
        }
        assert.equal(checked, ref.lambda.length * x.n);
      });
    }

    it(`${name}: coef at a fitted λ returns its intercepts and coefficients; link + softmax = response`, () => {
      const l = Math.floor(ref.lambda.length / 2);
      const c = coefMulti(path, path.lambda[l]);
      assert.deepEqual(Array.from(c.intercept), Array.from(path.intercept[l]));
      assert.deepEqual(Array.from(c.beta[1]), Array.from(path.beta[l].subarray(x.p, 2 * x.p)));
      const link = predictMulti(path, x, path.lambda[l], "link") as Float64Array[];
      let eta = c.intercept[0];
      for (let j = 0; j < x.p; j++) eta += c.beta[0][j] * x.data[j * x.n];
      assert.ok(Math.abs(link[0][0] - eta) < 1e-12);
    });

    it(`${name}: cross-validation with glmnet's fold ids: cvm, cvsd, λ_min, λ_1se`, () => {
      const cv = cvMultiPath(x, outcome, { alpha: ref.options.alpha, grouped: ref.options.grouped === true, thresh: THRESH, foldid: ref.cv.foldid, measure: ref.cv.measure as "deviance" | "mse" });
      assert.equal(cv.cvm.length, ref.cv.cvm.length);
      // glmnet's iris folds, fitted at thresh 1e-14, ran out of passes (maxit) from the 72nd λ on and kept
      // their last converged fit for the rest (glmnet warns so): compare the λs every fold converged at.
      const converged = name === "iris_multinomial" ? 71 : ref.cv.cvm.length;
      ref.cv.cvm.slice(0, converged).forEach((m, l) => assert.ok(Math.abs(cv.cvm[l] - m) <= 1e-4 * Math.max(1, m), `cvm[${l}] ${cv.cvm[l]} vs ${m}`));
      ref.cv.cvsd.slice(0, converged).forEach((s, l) => assert.ok(Math.abs(cv.cvsd[l] - s) <= 1e-4 * Math.max(1, s), `cvsd[${l}] ${cv.cvsd[l]} vs ${s}`));
      assert.ok(Math.abs(cv.lambdaMin - ref.cv.lambdaMin) <= 1e-8 * ref.cv.lambdaMin);
      assert.ok(Math.abs(cv.lambda1se - ref.cv.lambda1se) <= 1e-8 * ref.cv.lambda1se);
    });
  }
});
