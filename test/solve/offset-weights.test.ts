// Offsets, observation weights and coefficient limits against glmnet 4.1-6
// (fixtures made by scripts/glmnet-check/offset-weights.R at thresh 1e-14).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt, predict } from "../../src/solve/predict.js";
import type { FitOptions } from "../../src/solve/types.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";
import { objective } from "../helpers/objective.js";

interface Extra { offset?: number[]; weights: number[]; alpha: number; lowerLimits?: Record<string, number>; upperLimits?: Record<string, number> }

/**
 * The fixtures and what each carries beyond a plain reference. Without a piece the fit is of another problem
 * and the checks below weaken quietly: a fixture that lost its limits skipped the limit check, and the
 * objective check (ours no worse than glmnet's) passed on the unconstrained fit. So each piece must be there.
 */
const PIECES = {
  poisson_offset_weights: ["offset", "weights"],
  binomial_offset_weights: ["offset", "weights"],
  diabetes_weights_limits: ["weights", "lowerLimits", "upperLimits"],
} as const satisfies Record<string, readonly (keyof Extra)[]>;

for (const [name, pieces] of Object.entries(PIECES)) {
  const ref = loadReference(name) as ReturnType<typeof loadReference> & Extra;
  const { x, y } = referenceProblem(ref);

  test(`${name}: the fixture has its ${pieces.join(", ")}`, () => {
    for (const piece of pieces) assert.ok(ref[piece] !== undefined, `test/fixtures/reference/${name}.json has no ${piece}`);
    for (const piece of ["offset", "weights"] as const) {
      if (ref[piece] !== undefined) assert.equal(ref[piece].length, x.n, `one ${piece} per row`);
    }
    for (const piece of ["lowerLimits", "upperLimits"] as const) {
      for (const feature of Object.keys(ref[piece] ?? {})) assert.ok(ref.features.includes(feature), `${piece} of ${feature}`);
    }
  });
  const base: FitOptions = {
    family: ref.family, alpha: ref.alpha, weights: ref.weights, offset: ref.offset,
    lowerLimits: ref.lowerLimits, upperLimits: ref.upperLimits,
  };
  const obj = (lambda: number, a0: number, beta: ArrayLike<number>) =>
    objective(x, y, ref.family, { alpha: ref.alpha, lambda, standardize: true, intercept: true, weights: ref.weights, offset: ref.offset }, a0, beta);

  test(`${name}: λ sequence, null deviance and path length are glmnet's`, () => {
    const path = fitPath(x, y, { ...base, thresh: 1e-14 });
    assert.ok(Math.abs(path.lambda.length - ref.lambda.length) <= 3, `${path.lambda.length} vs ${ref.lambda.length}`);
    for (let k = 0; k < Math.min(path.lambda.length, ref.lambda.length); k++) {
      assert.ok(Math.abs(path.lambda[k] / ref.lambda[k] - 1) < 1e-8, `λ[${k}]`);
    }
    assert.ok(Math.abs(path.nullDeviance / ref.nullDeviance - 1) < 1e-10, `null deviance ${path.nullDeviance} vs ${ref.nullDeviance}`);
  });

  test(`${name}: objective, df and devRatio at glmnet's λs`, () => {
    const path = fitPath(x, y, { ...base, lambda: ref.lambda, thresh: 1e-13 });
    for (let k = 0; k < ref.lambda.length; k++) {
      const ours = obj(ref.lambda[k], path.intercept[k], coefficientsAt(path, k));
      const theirs = obj(ref.lambda[k], ref.intercept[k], ref.coefficients[k]);
      assert.ok((ours - theirs) / Math.abs(theirs) < 1e-7, `λ[${k}]: ${ours} vs ${theirs}`);
      assert.ok(Math.abs(path.df[k] - ref.df[k]) <= 1, `λ[${k}] df`);
      assert.ok(Math.abs(path.devRatio[k] - ref.devRatio[k]) < 1e-6, `λ[${k}] devRatio ${path.devRatio[k]} vs ${ref.devRatio[k]}`);
    }
    // Every limit holds at every λ (none when the fixture has none; the test above says which have them).
    for (const [limits, side] of [[ref.lowerLimits, 1], [ref.upperLimits, -1]] as const) {
      for (const [feature, bound] of Object.entries(limits ?? {})) {
        const j = ref.features.indexOf(feature);
        for (let k = 0; k < ref.lambda.length; k++) {
          const b = coefficientsAt(path, k)[j];
          assert.ok(side * (b - bound) >= 0, `λ[${k}]: ${feature} = ${b} is ${side > 0 ? "below" : "above"} its limit ${bound}`);
        }
      }
    }
  });
}

test("predictions need the offset of the new rows, and add it to the linear predictor", () => {
  const ref = loadReference("poisson_offset_weights") as ReturnType<typeof loadReference> & Extra;
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y, { family: "poisson", offset: ref.offset });
  const lam = path.lambda[10];
  assert.throws(() => predict(path, x, lam), /offset/);
  const link = predict(path, x, lam, { offset: ref.offset });
  const noOff = predict(path, x, lam, { offset: new Array(x.n).fill(0) });
  const mu = predict(path, x, lam, { offset: ref.offset, type: "response" });
  for (let i = 0; i < 5; i++) {
    assert.ok(Math.abs(link[i] - noOff[i] - ref.offset![i]) < 1e-12);
    assert.ok(Math.abs(mu[i] - Math.exp(link[i])) < 1e-9 * mu[i]);
  }
});
