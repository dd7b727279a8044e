// A problem the shared references do not cover: K = 4 classes (and two numeric responses), observation
// weights, penalty factors (one 0, one 2) and α = 0.7, against glmnet 4.1-6 at thresh 1e-14, fitted by
// test/fixtures/multi/k4.R (R is not needed to run this test).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/data/csv.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import { multiObjective } from "../helpers/multi-objective.js";

const dir = fileURLToPath(new URL("../fixtures/multi/", import.meta.url));
const table = parseCsv(readFileSync(`${dir}k4.csv`, "utf8"));
const col = (c: string) => table.columns[table.names.indexOf(c)];
const features = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"];
const x = modelMatrix(features, features.map((f) => Float64Array.from(col(f), Number)));
const labels = col("cls").map((s) => s.trim());
const weights = Float64Array.from(col("w"), Number);
const responses = [Float64Array.from(col("y1"), Number), Float64Array.from(col("y2"), Number)];
const penaltyFactor = [1, 1, 0.5, 2, 1, 1, 0, 1];
const refs = JSON.parse(readFileSync(`${dir}k4.json`, "utf8")) as Record<string, { lambda: number[]; devRatio: number[]; df: number[]; nullDeviance: number; intercept: number[][]; coefficients: number[][][] }>;

describe("K = 4, weights, penalty factors, α = 0.7: glmnet's numbers", () => {
  const classes = ["k1", "k2", "k3", "k4"];
  const onehot = classes.map((c) => Float64Array.from(labels, (l) => (l === c ? 1 : 0)));
  // λ_max is read from the pulls after the unpenalized variable (factor 0) is fitted: converged as far as glmnet's.
  const opts = { alpha: 0.7, weights, penaltyFactor, thresh: 1e-14 };
  const cases = [
    { name: "multinomial", grouped: false, family: "multinomial" as const, y: onehot, path: fitMultinomialPath(x, labels, opts) },
    { name: "grouped", grouped: true, family: "multinomial" as const, y: onehot, path: fitMultinomialPath(x, labels, { ...opts, grouped: true }) },
    { name: "mgaussian", grouped: true, family: "mgaussian" as const, y: responses, path: fitMgaussianPath(x, responses, opts) },
  ];
  assert.equal(cases.length, 3);
  for (const { name, grouped, family, y, path } of cases) {
    const ref = refs[name];
    it(`${name}: λ sequence, its length, df, devRatio and null deviance`, () => {
      assert.equal(path.lambda.length, ref.lambda.length);
      ref.lambda.forEach((l, i) => assert.ok(Math.abs(path.lambda[i] - l) <= 1e-8 * l, `λ[${i}]`));
      assert.deepEqual(Array.from(path.df), ref.df);
      ref.devRatio.forEach((d, i) => assert.ok(Math.abs(path.devRatio[i] - d) <= 1e-5, `devRatio[${i}] ${path.devRatio[i]} vs ${d}`));
      assert.ok(Math.abs(path.nullDeviance - ref.nullDeviance) <= 1e-9 * ref.nullDeviance);
    });
    it(`${name}: penalized objective within 1e-7 of glmnet's at every λ`, () => {
      for (let l = 0; l < ref.lambda.length; l++) {
        const o = { family, grouped, alpha: 0.7, lambda: ref.lambda[l], weights, penaltyFactor };
        const ours = multiObjective(x, y, o, path.intercept[l], y.map((_, k) => path.beta[l].subarray(k * x.p, (k + 1) * x.p)));
        const theirs = multiObjective(x, y, o, ref.intercept[l], ref.coefficients[l]);
        assert.ok(Math.abs(ours - theirs) <= 1e-7, `λ[${l}]: ${ours} vs ${theirs}`);
      }
    });
  }
});
