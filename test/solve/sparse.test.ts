// A sparse X (compressed columns) fits the same path as its dense twin, to rounding, for every family
// and option that changes the standardization; and glmnet's fits of a dgCMatrix, to its thresh.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { modelMatrix } from "../../src/data/matrix.js";
import { sparseFromDense, sparseMatrix } from "../../src/data/sparse.js";
import { fitPath } from "../../src/solve/path.js";
import { fitSparsePath } from "../../src/solve/sparse-fit.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { rng } from "../helpers/random.js";
import { cvPath } from "../../src/cv/cv.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import { sparseKernelCalls } from "../../src/linalg/sparse-kernels.js";
import { kernelChoice, setKernels, Workspace } from "../../src/linalg/workspace.js";
import { SparseColumns, sparseRoom, standardizeSparse } from "../../src/solve/sparse-columns.js";

/** Count-like sparse columns (about 1 in 10 nonzero, values 1..3) and outcomes of each family. */
function sparseProblem(seed: number, n: number, p: number) {
  const r = rng(seed);
  const cols = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => (r.uniform() < 0.1 ? 1 + Math.floor(r.uniform() * 3) : 0)));
  // One column dense, one constant, one all zero: the conventions for each.
  cols[1] = Float64Array.from({ length: n }, () => r.normal());
  cols[2] = new Float64Array(n).fill(2);
  cols[5] = new Float64Array(n);
  const x = modelMatrix(cols.map((_, j) => `x${j + 1}`), cols);
  const eta = Float64Array.from({ length: n }, (_, i) => cols[0][i] - cols[3][i] + 0.5 * cols[7][i] + 0.3 * cols[1][i]);
  return {
    x,
    gaussian: Float64Array.from(eta, (e) => e + r.normal()),
    binomial: Float64Array.from(eta, (e) => (r.uniform() < 1 / (1 + Math.exp(-e)) ? 1 : 0)),
    poisson: Float64Array.from(eta, (e) => Math.round(Math.exp(0.3 * e) * (0.5 + r.uniform()))),
  };
}

function assertSamePath(got: Path, want: Path, tol: number): void {
  assert.equal(got.lambda.length, want.lambda.length);
  assert.equal(got.npasses, want.npasses);
  for (let k = 0; k < want.lambda.length; k++) {
    assert.ok(Math.abs(got.lambda[k] - want.lambda[k]) <= tol * want.lambda[k], `λ ${k}`);
    assert.ok(Math.abs(got.intercept[k] - want.intercept[k]) <= tol * (1 + Math.abs(want.intercept[k])), `intercept ${k}`);
    const a = coefficientsAt(got, k), b = coefficientsAt(want, k);
    for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j] - b[j]) <= tol * (1 + Math.abs(b[j])), `λ ${k}, β_${j + 1}: ${a[j]} vs ${b[j]}`);
    assert.ok(Math.abs(got.devRatio[k] - want.devRatio[k]) <= tol, `devRatio ${k}`);
  }
}

const n = 240, p = 50;
const weights = Array.from({ length: n }, (_, i) => 1 + (i % 3));
const offset = Array.from({ length: n }, (_, i) => 0.1 * Math.sin(i));
const cases: { name: string; family: "gaussian" | "binomial" | "poisson"; opts: FitOptions }[] = [
  { name: "gaussian lasso, covariance updates", family: "gaussian", opts: {} },
  { name: "gaussian lasso, naive updates", family: "gaussian", opts: { updates: "naive" } },
  { name: "gaussian, weights (covariance)", family: "gaussian", opts: { weights } },
  { name: "gaussian, weights and offset (naive)", family: "gaussian", opts: { weights, offset, updates: "naive" } },
  { name: "gaussian, no intercept, elastic net", family: "gaussian", opts: { intercept: false, alpha: 0.5 } },
  { name: "gaussian, no standardize, penalty factors, bounds", family: "gaussian", opts: { standardize: false, penaltyFactor: Array.from({ length: p }, (_, j) => (j === 3 ? 0 : 1)), upperLimits: 0.8 } },
  { name: "binomial lasso", family: "binomial", opts: {} },
  { name: "binomial, weights, elastic net", family: "binomial", opts: { weights, alpha: 0.3 } },
  { name: "poisson, offset", family: "poisson", opts: { offset } },
  { name: "poisson, no intercept, no standardize", family: "poisson", opts: { intercept: false, standardize: false } },
];
assert.equal(cases.length, 10);

for (const c of cases) {
  test(`sparse X fits its dense twin's path to rounding: ${c.name}`, () => {
    const prob = sparseProblem(7, n, p);
    const sx = sparseFromDense(prob.x);
    assert.ok(sx.values.length < 0.2 * n * p);
    const opts: FitOptions = { ...c.opts, family: c.family, thresh: 1e-12 };
    const dense = fitPath(prob.x, prob[c.family], opts);
    const sparse = fitSparsePath(sx, prob[c.family], opts);
    assert.ok(dense.lambda.length > 10);
    assertSamePath(sparse, dense, 1e-10);
    for (let k = 0; k < dense.lambda.length; k++) assert.ok(Math.abs(sparse.gap![k] - dense.gap![k]) <= 1e-8 * (1 + dense.gap![k]) || (Number.isNaN(sparse.gap![k]) && Number.isNaN(dense.gap![k])));
  });
}

interface GlmnetFit { lambda: number[]; intercept: number[]; coefficients: number[][]; devRatio: number[]; nullDeviance: number }
const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/sparse/glmnet_dgcmatrix.json", import.meta.url)), "utf8")) as {
  n: number; p: number; colPtr: number[]; rowIndex: number[]; values: number[]; yGaussian: number[]; yBinomial: number[]; yPoisson: number[]; weights: number[];
  fits: Record<string, GlmnetFit>;
};
const referenceCases: { name: string; y: number[]; opts: FitOptions }[] = [
  { name: "gaussian", y: fixture.yGaussian, opts: {} },
  { name: "gaussianWeighted", y: fixture.yGaussian, opts: { weights: fixture.weights } },
  { name: "gaussianNoIntercept", y: fixture.yGaussian, opts: { intercept: false, alpha: 0.5 } },
  { name: "binomial", y: fixture.yBinomial, opts: { family: "binomial" } },
  { name: "binomialWeighted", y: fixture.yBinomial, opts: { family: "binomial", weights: fixture.weights } },
  { name: "poisson", y: fixture.yPoisson, opts: { family: "poisson" } },
  { name: "poissonUnstandardized", y: fixture.yPoisson, opts: { family: "poisson", standardize: false } },
];
// The Cox fits are test/solve/sparse-cox.test.ts's.
assert.deepEqual(referenceCases.map((c) => c.name).sort(), Object.keys(fixture.fits).filter((k) => !k.startsWith("cox")).sort());

for (const c of referenceCases) {
  test(`sparse X against glmnet's dgCMatrix fit: ${c.name}`, () => {
    const x = sparseMatrix(fixture.n, Array.from({ length: fixture.p }, (_, j) => `V${j + 1}`), fixture.colPtr, fixture.rowIndex, fixture.values);
    const ref = fixture.fits[c.name];
    const path = fitSparsePath(x, c.y, { ...c.opts, thresh: 1e-14 });
    assert.equal(path.lambda.length, ref.lambda.length);
    for (let k = 0; k < ref.lambda.length; k++) {
      assert.ok(Math.abs(path.lambda[k] - ref.lambda[k]) <= 1e-9 * ref.lambda[k], `λ ${k}: ${path.lambda[k]} vs ${ref.lambda[k]}`);
      assert.ok(Math.abs(path.devRatio[k] - ref.devRatio[k]) <= 1e-7, `devRatio ${k}`);
      assert.ok(Math.abs(path.intercept[k] - ref.intercept[k]) <= 1e-5 * (1 + Math.abs(ref.intercept[k])), `intercept ${k}: ${path.intercept[k]} vs ${ref.intercept[k]}`);
      const b = coefficientsAt(path, k);
      for (let j = 0; j < fixture.p; j++) assert.ok(Math.abs(b[j] - ref.coefficients[k][j]) <= 1e-5 * (1 + Math.abs(ref.coefficients[k][j])), `λ ${k}, V${j + 1}: ${b[j]} vs ${ref.coefficients[k][j]}`);
    }
  });
}

test("sparseMatrix names what is wrong with its compressed columns", () => {
  assert.throws(() => sparseMatrix(3, ["a"], [0, 2], [2, 1], [1, 1]), /row indices must increase/);
  assert.throws(() => sparseMatrix(3, ["a"], [0, 1], [3], [1]), /row index 3, outside 0..2/);
  assert.throws(() => sparseMatrix(3, ["a", "b"], [0, 1], [0], [1]), /2 column pointers for 2 columns/);
  assert.throws(() => sparseMatrix(3, ["a"], [0, 1], [1], [NaN]), /feature "a" is not a finite number in row 2/);
});

const cvCases: { name: string; family: "gaussian" | "binomial" | "poisson"; opts: FitOptions }[] = [
  { name: "gaussian with weights", family: "gaussian", opts: { weights } },
  { name: "binomial", family: "binomial", opts: {} },
  { name: "poisson with offset", family: "poisson", opts: { offset } },
];
assert.equal(cvCases.length, 3);

for (const c of cvCases) {
  test(`sparse cross-validation gives the dense one's cvm, cvsd, λ_min and λ_1se: ${c.name}`, () => {
    const prob = sparseProblem(9, n, p);
    const foldid = Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 5));
    const opts = { ...c.opts, family: c.family, thresh: 1e-12, foldid };
    const dense = cvPath(prob.x, prob[c.family], opts);
    const sparse = cvSparsePath(sparseFromDense(prob.x), prob[c.family], opts);
    assert.equal(sparse.cvm.length, dense.cvm.length);
    for (let l = 0; l < dense.cvm.length; l++) {
      assert.ok(Math.abs(sparse.cvm[l] - dense.cvm[l]) <= 1e-9 * (1 + dense.cvm[l]), `cvm ${l}: ${sparse.cvm[l]} vs ${dense.cvm[l]}`);
      assert.ok(Math.abs(sparse.cvsd[l] - dense.cvsd[l]) <= 1e-8 * (1 + dense.cvsd[l]), `cvsd ${l}`);
    }
    // The dense CV fits the full path with the rows in fold order: the λs agree to rounding.
    assert.equal(sparse.indexMin, dense.indexMin);
    assert.equal(sparse.index1se, dense.index1se);
    assert.ok(Math.abs(sparse.lambdaMin - dense.lambdaMin) <= 1e-12 * dense.lambdaMin);
  });
}

test("a sparse fit runs its kernels in WebAssembly and gives the TypeScript kernels' path bit for bit", () => {
  const prob = sparseProblem(11, n, p);
  const sx = sparseFromDense(prob.x);
  const fams = ["gaussian", "binomial", "poisson"] as const;
  assert.equal(fams.length, 3);
  const choice = kernelChoice();
  try {
    for (const family of fams) {
      for (const updates of ["covariance", "naive"] as const) {
        const opts: FitOptions = { family, updates, weights };
        setKernels("wasm");
        const before = { ...sparseKernelCalls };
        const wasm = fitSparsePath(sx, prob[family], opts);
        assert.ok(sparseKernelCalls.wasm > before.wasm, `${family} ${updates}: no WebAssembly call`);
        assert.equal(sparseKernelCalls.ts, before.ts, `${family} ${updates}: a kernel fell back to TypeScript`);
        setKernels("ts");
        const ts = fitSparsePath(sx, prob[family], opts);
        assert.deepEqual(wasm.beta, ts.beta, `${family} ${updates}`);
        assert.deepEqual(wasm.intercept, ts.intercept);
        assert.deepEqual(wasm.devRatio, ts.devRatio);
      }
    }
  } finally {
    setKernels(choice);
  }
});

test("a sparse fit keeps levels as u8 codes, f32s as f32s, and fits the TypeScript kernels' path bit for bit", () => {
  const prob = sparseProblem(13, n, p);
  const sx = sparseFromDense(prob.x);
  // Column 2 (dense, normal) as about 200 levels (none zero); or every value moved to one of many f32s, or
  // to many f64s that are not f32s.
  const from = sx.colPtr[1], to = sx.colPtr[2];
  const ways = {
    u8: sx.values.map((v, t) => (t >= from && t < to ? (Math.round(v * 30) + 0.5) / 8 : v)),
    f32: sx.values.map((v, t) => Math.fround(v * (1 + (t % 1000) / 1024))),
    f64: sx.values.map((v, t) => v * (1 + t * 1e-9)),
  };
  const kinds = Object.keys(ways) as (keyof typeof ways)[];
  assert.equal(kinds.length, 3);
  const choice = kernelChoice();
  try {
    for (const kind of kinds) {
      const x = sparseMatrix(n, sx.names, sx.colPtr, sx.rowIndex, ways[kind]);
      setKernels("wasm");
      const how = { intercept: true, standardize: true, sqrtWeighted: false, excluded: new Uint8Array(p) };
      const design = standardizeSparse(x, new Float64Array(n).fill(1 / n), how, Workspace.create(sparseRoom(n, p, x.values.length), false, true));
      assert.ok(design.columns instanceof SparseColumns && design.columns.webAssembly);
      assert.equal(design.columns.valueType, kind);
      for (const family of ["gaussian", "binomial"] as const) {
        setKernels("wasm");
        const before = { ...sparseKernelCalls };
        const wasm = fitSparsePath(x, prob[family], { family, updates: "naive" });
        assert.ok(sparseKernelCalls.wasm > before.wasm && sparseKernelCalls.ts === before.ts, `${kind} ${family}: the kernels ran in WebAssembly`);
        setKernels("ts");
        const ts = fitSparsePath(x, prob[family], { family, updates: "naive" });
        assert.deepEqual(wasm.beta, ts.beta, `${kind} ${family}`);
        assert.deepEqual(wasm.intercept, ts.intercept);
        assert.deepEqual(wasm.devRatio, ts.devRatio);
      }
    }
  } finally {
    setKernels(choice);
  }
});

test("a sparse fit names the options it does not take, rather than fitting the lasso silently", () => {
  const sx = sparseMatrix(6, ["a", "b"], [0, 3, 6], [0, 2, 4, 1, 3, 5], [1, 2, 3, 1, 1, 2]);
  const y = [1, 2, 3, 4, 5, 7];
  assert.throws(() => fitSparsePath(sx, y, { penalty: "mcp" }), /penalty mcp is not offered for a sparse X/);
  assert.throws(() => fitSparsePath(sx, y, { penalty: "scad" }), /penalty scad is not offered for a sparse X/);
  assert.throws(() => fitSparsePath(sx, y, { adaptive: true }), /adaptive is not offered for a sparse X/);
  assert.throws(() => fitSparsePath(sx, y, { relax: true }), /relax is not offered for a sparse X/);
  assert.throws(() => cvSparsePath(sx, y, { penalty: "mcp", nfolds: 3 }), /penalty mcp is not offered/);
});
