// The relaxed multi-response fits (glmnet(family = "multinomial" | "mgaussian", relax = TRUE)) against glmnet
// 4.1-6 on seeded data: penalized and relaxed intercepts and coefficients at every λ, and predictions blending
// them by γ. Fixture and the R script that made it: test/fixtures/relax_multi/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fitPath } from "../../src/solve/path.js";
import { coef, predict } from "../../src/solve/predict.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { sparseMatrix } from "../../src/data/sparse.js";
import { fitSparseMultinomialPath } from "../../src/solve/sparse-multi.js";
import type { MultiPath } from "../../src/solve/multi/types.js";

interface FitCase {
  case: string; family: "multinomial" | "mgaussian"; options: { alpha?: number; weights?: number; grouped?: number; standardizeResponse?: number }; // R writes TRUE as 1
  lambda: number[]; intercept: number[][]; beta: number[][]; relaxedIntercept: number[][]; relaxedBeta: number[][];
  devRatio: number[]; relaxedDevRatio: number[]; relaxedLambda: number[];
  predictAt: number[]; predictLink: number[][][][]; predictResponse: number[][][][];
}
interface Fixture { names: string[]; x: number[][]; classes: string[]; responses: number[][]; weights: number[]; gamma: number[]; fits: FitCase[] }
const fixture = JSON.parse(readFileSync(new URL("../fixtures/relax_multi/relax_multi.json", import.meta.url), "utf8")) as Fixture;
const x = modelMatrix(fixture.names, fixture.x);
const newX = modelMatrix(fixture.names, fixture.x.map((col) => col.slice(0, 5)));

/** glmnet's blend.relaxed floor on γ (its epsilon), applied by its predict of a relaxed fit. */
const GLMNET_GAMMA_FLOOR = 1e-5;

function fit(c: FitCase): MultiPath {
  const o = c.options;
  const common = { relax: true, alpha: o.alpha, weights: o.weights ? fixture.weights : undefined, thresh: 1e-14, maxit: 1e7 };
  return c.family === "multinomial"
    ? fitPath(x, fixture.classes, { ...common, family: "multinomial", grouped: Boolean(o.grouped) })
    : fitPath(x, fixture.responses, { ...common, family: "mgaussian", standardizeResponse: Boolean(o.standardizeResponse), responses: ["y1", "y2", "y3"] });
}

/** The largest |a − b| relative to the largest |b| (at least 1). */
function gap(a: ArrayLike<number>, b: readonly number[]): number {
  const scale = Math.max(1, ...b.map(Math.abs));
  return Math.max(...b.map((v, i) => Math.abs(a[i] - v))) / scale;
}

test("the fixture has the cases it was made with, so none can go missing unnoticed", () => {
  assert.deepEqual(fixture.fits.map((c) => c.case), ["multinomial", "multinomial_enet_weights", "multinomial_grouped", "mgaussian", "mgaussian_standardize_response_weights"]);
});

const fitted = new Map<string, MultiPath>();
const fitOf = (c: FitCase) => fitted.get(c.case) ?? fitted.set(c.case, fit(c)).get(c.case)!;

for (const c of fixture.fits) {
  test(`${c.case}: the relaxed intercepts, coefficients and dev.ratio at every λ are glmnet(relax = TRUE)'s`, () => {
    const path = fitOf(c);
    assert.equal(path.lambda.length, c.lambda.length, "number of λs");
    assert.equal(c.relaxedLambda.length, c.lambda.length, "glmnet relaxed every λ");
    const r = path.relaxed!;
    assert.ok(r.refitted.every((v) => v === 1), "every λ refitted");
    for (let l = 0; l < c.lambda.length; l++) {
      assert.ok(Math.abs(path.lambda[l] / c.lambda[l] - 1) < 1e-10, `λ[${l}]`);
      assert.ok(gap(path.beta[l], c.beta[l]) < 1e-7, `λ[${l}]: penalized β off by ${gap(path.beta[l], c.beta[l])}`);
      assert.ok(gap(r.beta[l], c.relaxedBeta[l]) < 1e-8, `λ[${l}]: relaxed β off by ${gap(r.beta[l], c.relaxedBeta[l])}`);
      assert.ok(gap(r.intercept[l], c.relaxedIntercept[l]) < 1e-8, `λ[${l}]: relaxed intercepts off by ${gap(r.intercept[l], c.relaxedIntercept[l])}`);
      // glmnet's exact zeros (the median centring of an ungrouped multinomial, the variables left out) are Shrinkage's.
      c.relaxedBeta[l].forEach((v, i) => { if (v === 0) assert.equal(r.beta[l][i], 0, `λ[${l}]: relaxed β[${i}] should be exactly 0`); });
      assert.ok(Math.abs(r.devRatio[l] - c.relaxedDevRatio[l]) < 1e-9, `λ[${l}]: relaxed devRatio ${r.devRatio[l]} vs ${c.relaxedDevRatio[l]}`);
    }
  });

  test(`${c.case}: coef and predictions blending penalized and relaxed by γ are glmnet's`, () => {
    const path = fitOf(c);
    fixture.gamma.forEach((g, gi) => {
      c.predictAt.forEach((s, si) => {
        for (const [type, ref] of [["link", c.predictLink], ["response", c.predictResponse]] as const) {
          // glmnet's predict.relaxed blends with max(γ, 1e-5): its γ = 0 keeps 1e-5 of the penalized fit, Shrinkage's does not.
          const ours = predict(path, newX, s, { gamma: Math.max(g, GLMNET_GAMMA_FLOOR), type });
          const worst = Math.max(...ref[gi][si].map((row, i) => gap(ours[i], row)));
          assert.ok(worst < 1e-8, `γ = ${g}, s = ${s}, ${type}: off by ${worst}`);
        }
      });
    });
    // γ = 1 is the penalized fit; γ = 0 the relaxed fit itself.
    const l = 10;
    assert.deepEqual(coef(path, path.lambda[l], { gamma: 1 }), coef(path, path.lambda[l]));
    const rel = coef(path, path.lambda[l], { gamma: 0 });
    assert.deepEqual(Float64Array.from(rel.beta.flatMap((b) => Array.from(b))), path.relaxed!.beta[l]);
  });
}

test("gamma needs a relaxed fit; relax on a sparse X is refused by name, as a single-response sparse fit's", () => {
  assert.throws(() => coef(fitPath(x, fixture.classes, { family: "multinomial" }), 0.01, { gamma: 0.5 }), /gamma needs a relaxed fit/);
  const sx = sparseMatrix(4, ["a"], [0, 2], [0, 2], [1, 2]);
  assert.throws(() => fitSparseMultinomialPath(sx, ["u", "v", "u", "v"], { relax: true }), /relax is not offered for a sparse X/);
  const sy = sparseMatrix(9, ["a"], [0, 5], [0, 2, 4, 6, 8], [1, 2, 3, 4, 5]);
  assert.throws(() => cvSparsePath(sy, ["u", "v", "w", "u", "v", "w", "u", "v", "w"], { family: "multinomial", relax: true, nfolds: 3 }), /relax is not offered for a sparse X/);
});
