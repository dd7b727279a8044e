// Multinomial and mgaussian on a sparse X (compressed columns): glmnet 4.1-6's fits of a dgCMatrix at
// thresh 1e-14 (scripts/glmnet-check/sparse-multi.R), at the dense conformance tests' tolerances
// (multi-conformance.test.ts); and the dense twin's path, to rounding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import { sparseMatrix, type SparseMatrix } from "../../src/data/sparse.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import type { MultiFitOptions, MultiPath } from "../../src/solve/multi/types.js";
import { fitSparseMgaussianPath, fitSparseMultinomialPath } from "../../src/solve/sparse-multi.js";
import { sparseKernelCalls } from "../../src/linalg/sparse-kernels.js";
import { kernelChoice, setKernels } from "../../src/linalg/workspace.js";
import { multiObjective } from "../helpers/multi-objective.js";

interface Reference {
  options: { alpha: number; grouped?: boolean; weights?: boolean; standardize?: boolean; intercept?: boolean; lambdaMinRatio?: number };
  lambda: number[];
  devRatio: number[];
  df: number[];
  nullDeviance: number;
  intercept: number[][];
  coefficients: number[][][];
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = JSON.parse(readFileSync(`${root}test/fixtures/sparse/glmnet_multi_dgcmatrix.json`, "utf8")) as {
  n: number; p: number; colPtr: number[]; rowIndex: number[]; values: number[];
  classes: string[]; y1: number[]; y2: number[]; weights: number[]; fits: Record<string, Reference>;
};
const names = Array.from({ length: fixture.p }, (_, j) => `V${j + 1}`);
const sx = sparseMatrix(fixture.n, names, fixture.colPtr, fixture.rowIndex, fixture.values);
const CLASSES = ["a", "b", "c"];

/** X's dense twin (for the objective and the dense fit alone). */
function densify(x: SparseMatrix): ModelMatrix {
  const cols = Array.from({ length: x.p }, (_, j) => {
    const c = new Float64Array(x.n);
    for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) c[x.rowIndex[t]] = x.values[t];
    return c;
  });
  return modelMatrix(x.names, cols);
}
const dx = densify(sx);
const indicators = CLASSES.map((c) => Float64Array.from(fixture.classes, (l) => (l === c ? 1 : 0)));
const responses = [fixture.y1, fixture.y2];

/** A fit converged far enough that its objective can be compared with glmnet's at 1e-14 (as the dense conformance). */
const THRESH = 1e-11;

function optionsOf(ref: Reference): MultiFitOptions {
  const o = ref.options;
  return {
    alpha: o.alpha, thresh: THRESH, grouped: o.grouped, standardize: o.standardize, intercept: o.intercept,
    lambdaMinRatio: o.lambdaMinRatio, weights: o.weights ? fixture.weights : undefined,
  };
}

const CASES = ["multinomial", "multinomialGroupedWeighted", "multinomialUnstandardized", "mgaussian", "mgaussianWeighted", "mgaussianNoIntercept"];
assert.deepEqual(Object.keys(fixture.fits), CASES);

for (const name of CASES) {
  const ref = fixture.fits[name];
  const family = name.startsWith("mgaussian") ? "mgaussian" : "multinomial";
  const y = family === "mgaussian" ? responses : indicators;
  const opts = optionsOf(ref);

  test(`sparse ${name} matches glmnet's dgCMatrix fit: λ (1e-8), null deviance, df, devRatio (1e-5), objective (1e-7)`, () => {
    // The WebAssembly kernels (a fit this small would run the TypeScript ones, as the dense twin's test does).
    const choice = kernelChoice();
    setKernels("wasm");
    const before = { ...sparseKernelCalls };
    let path: MultiPath;
    try {
      path = family === "mgaussian" ? fitSparseMgaussianPath(sx, responses, opts) : fitSparseMultinomialPath(sx, fixture.classes, opts);
    } finally {
      setKernels(choice);
    }
    assert.ok(sparseKernelCalls.wasm > before.wasm, "the sparse kernels ran in WebAssembly");
    assert.equal(sparseKernelCalls.ts, before.ts, "no sparse kernel fell back to TypeScript");
    assert.equal(path.lambda.length, ref.lambda.length);
    ref.lambda.forEach((l, i) => assert.ok(Math.abs(path.lambda[i] - l) <= 1e-8 * l, `λ[${i}] ${path.lambda[i]} vs ${l}`));
    // Without an intercept glmnet reports mgaussian's null deviance about the responses' means, while its
    // deviance ratios (matched below) are relative to Σ w‖y‖², the null deviance reported here (as the
    // dense fit does).
    const nullDev = ref.options.intercept === false ? responses.reduce((s, r) => s + r.reduce((a, v) => a + v * v, 0), 0) : ref.nullDeviance;
    assert.ok(Math.abs(path.nullDeviance - nullDev) <= 1e-9 * nullDev, `null deviance ${path.nullDeviance} vs ${nullDev}`);
    assert.deepEqual(Array.from(path.df), ref.df);
    ref.devRatio.forEach((d, l) => assert.ok(Math.abs(path.devRatio[l] - d) <= 1e-5, `devRatio[${l}] ${path.devRatio[l]} vs ${d}`));
    const grouped = family === "mgaussian" || ref.options.grouped === true;
    for (let l = 0; l < ref.lambda.length; l++) {
      const o = { family, grouped, alpha: ref.options.alpha, lambda: ref.lambda[l], standardize: ref.options.standardize, weights: opts.weights } as const;
      const ours = multiObjective(dx, y, o, path.intercept[l], path.classes.map((_, k) => path.beta[l].subarray(k * sx.p, (k + 1) * sx.p)));
      const theirs = multiObjective(dx, y, o, ref.intercept[l], ref.coefficients[l]);
      assert.ok(Math.abs(ours - theirs) <= 1e-7, `λ[${l}]: objective ${ours} vs glmnet's ${theirs}`);
    }
  });

  test(`sparse ${name} fits its dense twin's path to rounding`, () => {
    const o = { ...opts, thresh: 1e-9 };
    const [dense, sparse]: MultiPath[] = family === "mgaussian"
      ? [fitMgaussianPath(dx, responses, o), fitSparseMgaussianPath(sx, responses, o)]
      : [fitMultinomialPath(dx, fixture.classes, o), fitSparseMultinomialPath(sx, fixture.classes, o)];
    assert.equal(sparse.lambda.length, dense.lambda.length);
    assert.equal(sparse.npasses, dense.npasses);
    for (let l = 0; l < dense.lambda.length; l++) {
      assert.ok(Math.abs(sparse.lambda[l] - dense.lambda[l]) <= 1e-12 * dense.lambda[l]);
      dense.beta[l].forEach((b, t) => assert.ok(Math.abs(sparse.beta[l][t] - b) <= 1e-9 * (1 + Math.abs(b)), `λ[${l}] β[${t}] ${sparse.beta[l][t]} vs ${b}`));
      dense.intercept[l].forEach((b, k) => assert.ok(Math.abs(sparse.intercept[l][k] - b) <= 1e-9 * (1 + Math.abs(b)), `λ[${l}] intercept[${k}]`));
    }
  });
}

test("sparse multinomial refuses what the dense one refuses, naming it", () => {
  assert.throws(() => fitSparseMultinomialPath(sx, fixture.classes, { offset: [1] } as never), /offset/);
  assert.throws(() => fitSparseMultinomialPath(sx, fixture.classes.slice(1)), /240 rows/);
  assert.throws(() => fitSparseMgaussianPath(sx, [fixture.y1.slice(1)]), /239 values/);
});
