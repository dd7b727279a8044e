// The Cox family on a sparse X: the dense twin's path and cross-validation to rounding, and glmnet 4.1.6's
// fits of a dgCMatrix (test/fixtures/sparse, scripts/glmnet-check/sparse.R). glmnet fits a sparse X's Cox
// model by cox.path (IRLS in R), whose fits stop short of its thresh (its sparse and dense fits of the same
// X differ by 6e-4): there the test asks for the same λs and devRatio to 1e-5, coefficients to 1e-3, and an
// objective, computed here from the definition, no larger than glmnet's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sparseMatrix, type SparseMatrix } from "../../src/data/sparse.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { fitSparsePath } from "../../src/solve/sparse-fit.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { cvPath } from "../../src/cv/cv.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import type { FitOptions, Survival } from "../../src/solve/types.js";

interface GlmnetFit { lambda: number[]; coefficients: number[][]; devRatio: number[]; nullDeviance: number }
const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/sparse/glmnet_dgcmatrix.json", import.meta.url)), "utf8")) as {
  n: number; p: number; colPtr: number[]; rowIndex: number[]; values: number[]; weights: number[]; coxTime: number[]; coxStatus: number[];
  fits: Record<string, GlmnetFit>;
};
const names = Array.from({ length: fixture.p }, (_, j) => `V${j + 1}`);
const x = sparseMatrix(fixture.n, names, fixture.colPtr, fixture.rowIndex, fixture.values);
const time = Float64Array.from(fixture.coxTime);
const survival: Survival = { status: Float64Array.from(fixture.coxStatus) };

/** X's columns written out. */
function dense(s: SparseMatrix): Float64Array[] {
  return Array.from({ length: s.p }, (_, j) => {
    const col = new Float64Array(s.n);
    for (let t = s.colPtr[j]; t < s.colPtr[j + 1]; t++) col[s.rowIndex[t]] = s.values[t];
    return col;
  });
}
const cols = dense(x);

/**
 * −(1/Σw)·Σ_events w_i(η_i − log Σ_{t_j ≥ t_i} w_j e^{η_j}) (Breslow; ties share the risk set) + λ·Σ sd_j·|β_j|,
 * sd_j the weighted 1/n standard deviation (glmnet's penalty on standardized coefficients).
 */
function coxObjective(beta: ArrayLike<number>, lambda: number, w: ArrayLike<number>): number {
  const n = fixture.n;
  const sw = Array.from(w).reduce((a, b) => a + b, 0);
  const eta = new Float64Array(n);
  cols.forEach((c, j) => c.forEach((v, i) => (eta[i] += beta[j] * v)));
  let loglik = 0;
  for (let i = 0; i < n; i++) {
    if (survival.status[i] !== 1) continue;
    let risk = 0;
    for (let j = 0; j < n; j++) if (time[j] >= time[i]) risk += w[j] * Math.exp(eta[j]);
    loglik += w[i] * (eta[i] - Math.log(risk));
  }
  let pen = 0;
  cols.forEach((c, j) => {
    let m = 0, s = 0;
    for (let i = 0; i < n; i++) m += (w[i] / sw) * c[i];
    for (let i = 0; i < n; i++) s += (w[i] / sw) * (c[i] - m) ** 2;
    pen += Math.sqrt(s) * Math.abs(beta[j]);
  });
  return -loglik / sw + lambda * pen;
}

const cases: { name: string; weights?: number[] }[] = [{ name: "cox" }, { name: "coxWeighted", weights: fixture.weights }];
assert.deepEqual(cases.map((c) => c.name), Object.keys(fixture.fits).filter((k) => k.startsWith("cox")));

for (const c of cases) {
  test(`sparse Cox against glmnet's dgCMatrix fit, at least as good at every λ: ${c.name}`, () => {
    const ref = fixture.fits[c.name];
    const path = fitSparsePath(x, time, { family: "cox", survival, weights: c.weights, thresh: 1e-14 });
    assert.equal(path.lambda.length, ref.lambda.length);
    assert.ok(Math.abs(path.nullDeviance - ref.nullDeviance) <= 1e-10 * ref.nullDeviance);
    const w = c.weights ?? new Array(fixture.n).fill(1);
    for (let k = 0; k < ref.lambda.length; k++) {
      assert.ok(Math.abs(path.lambda[k] - ref.lambda[k]) <= 1e-7 * ref.lambda[k], `λ ${k}`);
      assert.ok(Math.abs(path.devRatio[k] - ref.devRatio[k]) <= 1e-5, `devRatio ${k}: ${path.devRatio[k]} vs ${ref.devRatio[k]}`);
      const b = coefficientsAt(path, k);
      for (let j = 0; j < fixture.p; j++) assert.ok(Math.abs(b[j] - ref.coefficients[k][j]) <= 1e-3 * (1 + Math.abs(ref.coefficients[k][j])), `λ ${k}, V${j + 1}`);
      const ours = coxObjective(b, ref.lambda[k], w), theirs = coxObjective(ref.coefficients[k], ref.lambda[k], w);
      assert.ok(ours <= theirs + 1e-12 * Math.abs(theirs), `λ ${k}: objective ${ours} above glmnet's ${theirs}`);
    }
  });
}

const offset = Array.from({ length: fixture.n }, (_, i) => 0.2 * Math.cos(i));
const strata = Float64Array.from({ length: fixture.n }, (_, i) => i % 2);
const start = Float64Array.from(time, (t, i) => (i % 4 === 0 ? t / 2 : 0));
const twinCases: { name: string; opts: FitOptions }[] = [
  { name: "weights and offset", opts: { weights: fixture.weights, offset } },
  { name: "strata, elastic net", opts: { survival: { ...survival, strata }, alpha: 0.5 } },
  { name: "(start, stop] rows", opts: { survival: { ...survival, start } } },
];
assert.equal(twinCases.length, 3);

for (const c of twinCases) {
  test(`sparse Cox fits its dense twin's path to rounding: ${c.name}`, () => {
    const opts: FitOptions = { family: "cox", survival, thresh: 1e-12, ...c.opts };
    const want = fitPath(modelMatrix(names, cols), time, opts);
    const got = fitSparsePath(x, time, opts);
    assert.ok(want.lambda.length > 10);
    assert.equal(got.lambda.length, want.lambda.length);
    assert.equal(got.npasses, want.npasses);
    for (let k = 0; k < want.lambda.length; k++) {
      assert.ok(Math.abs(got.lambda[k] - want.lambda[k]) <= 1e-10 * want.lambda[k]);
      assert.ok(Math.abs(got.devRatio[k] - want.devRatio[k]) <= 1e-10);
      const a = coefficientsAt(got, k), b = coefficientsAt(want, k);
      for (let j = 0; j < fixture.p; j++) assert.ok(Math.abs(a[j] - b[j]) <= 1e-9 * (1 + Math.abs(b[j])), `λ ${k}, V${j + 1}: ${a[j]} vs ${b[j]}`);
    }
  });
}

for (const measure of ["deviance", "C"] as const) {
  test(`sparse Cox cross-validation gives the dense one's cvm and λ_min: ${measure}`, () => {
    const foldid = Array.from({ length: fixture.n }, (_, i) => 1 + ((i * 7) % 5));
    const opts = { family: "cox" as const, survival, weights: fixture.weights, thresh: 1e-12, foldid, measure };
    const want = cvPath(modelMatrix(names, cols), time, opts);
    const got = cvSparsePath(x, time, opts);
    assert.equal(got.cvm.length, want.cvm.length);
    for (let l = 0; l < want.cvm.length; l++) {
      assert.ok(Math.abs(got.cvm[l] - want.cvm[l]) <= 1e-8 * (1 + Math.abs(want.cvm[l])), `cvm ${l}: ${got.cvm[l]} vs ${want.cvm[l]}`);
      assert.ok(Math.abs(got.cvsd[l] - want.cvsd[l]) <= 1e-7 * (1 + want.cvsd[l]), `cvsd ${l}`);
    }
    assert.equal(got.indexMin, want.indexMin);
    assert.equal(got.index1se, want.index1se);
  });
}
