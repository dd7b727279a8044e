// The engine against glmnet 4.1-6 (fits made at thresh 1e-14), every reference in the fixtures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { REFERENCES, loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";
import { objective } from "../helpers/objective.js";

for (const name of REFERENCES) {
  const ref = loadReference(name);
  const { x, y } = referenceProblem(ref);
  const base = referenceOptions(ref);

  test(`${name}: the default λ sequence and path length are glmnet's`, () => {
    const path = fitPath(x, y, { ...base, thresh: 1e-14 });
    assert.ok(Math.abs(path.lambda.length - ref.lambda.length) <= 3, `length ${path.lambda.length} vs ${ref.lambda.length}`);
    for (let k = 0; k < Math.min(path.lambda.length, ref.lambda.length); k++) {
      const rel = Math.abs(path.lambda[k] / ref.lambda[k] - 1);
      assert.ok(rel < 1e-8, `λ[${k}] = ${path.lambda[k]} vs ${ref.lambda[k]}`);
    }
    assert.ok(Math.abs(path.nullDeviance / ref.nullDeviance - 1) < 1e-10, `null deviance ${path.nullDeviance} vs ${ref.nullDeviance}`);
  });

  test(`${name}: at glmnet's λs the objective, df and devRatio match`, () => {
    const path = fitPath(x, y, { ...base, lambda: ref.lambda, thresh: 1e-13 });
    assert.equal(path.lambda.length, ref.lambda.length);
    for (let k = 0; k < ref.lambda.length; k++) {
      const o = { ...base, lambda: ref.lambda[k] };
      const ours = objective(x, y, ref.family, o, path.intercept[k], coefficientsAt(path, k));
      const theirs = objective(x, y, ref.family, o, ref.intercept[k], ref.coefficients[k]);
      assert.ok((ours - theirs) / Math.abs(theirs) < 1e-7, `λ[${k}]: objective ${ours} vs glmnet ${theirs}`);
      assert.ok(Math.abs(path.df[k] - ref.df[k]) <= 1, `λ[${k}]: df ${path.df[k]} vs ${ref.df[k]}`);
      // A user λ is fitted exactly; glmnet's default path reports its first λ as the null model (matters for
      // ridge), so there glmnet's devRatio is 0 and ours is not: check that this is the case the exception is for.
      if (k === 0 && ref.options.alpha === 0) {
        assert.ok(ref.devRatio[0] < 1e-12, `λ[0]: glmnet's devRatio ${ref.devRatio[0]} is not its null model's`);
      } else {
        assert.ok(Math.abs(path.devRatio[k] - ref.devRatio[k]) < 1e-6, `λ[${k}]: devRatio ${path.devRatio[k]} vs ${ref.devRatio[k]}`);
      }
    }
  });
}

test("the first λ of a default ridge path is glmnet's null model: df counts glmnet's tiny coefficients", () => {
  const ref = loadReference("diabetes_ridge");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y, { alpha: 0, thresh: 1e-14 });
  assert.equal(path.df[0], ref.df[0]);
  const b = coefficientsAt(path, 0);
  for (let j = 0; j < b.length; j++) assert.ok(Math.abs(b[j]) < 1e-30, `β[${j}] = ${b[j]}`);
});
