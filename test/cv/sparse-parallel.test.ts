// Sparse cross-validation on worker threads equals the sequential one bit for bit, for any number of
// jobs and every family (the multi-response ones too); sparse multinomial and mgaussian CV give the dense
// CV's numbers to rounding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { modelMatrix } from "../../src/data/matrix.js";
import { sparseMatrix, type SparseMatrix } from "../../src/data/sparse.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import { cvSparseMultiPath } from "../../src/cv/sparse-multi-cv.js";
import { cvSparseMultiPathParallel, cvSparsePathParallel, sharedSparse } from "../../src/cv/sparse-parallel.node.js";
import { cvMultiPath, type MultiCvResult, type MultiOutcome } from "../../src/cv/multi-cv.js";
import type { CvOptions, CvResult } from "../../src/cv/cv.js";

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/sparse/glmnet_multi_dgcmatrix.json", import.meta.url)), "utf8")) as {
  n: number; p: number; colPtr: number[]; rowIndex: number[]; values: number[]; classes: string[]; y1: number[]; y2: number[]; weights: number[];
};
const names = Array.from({ length: fixture.p }, (_, j) => `V${j + 1}`);
const sx = sparseMatrix(fixture.n, names, fixture.colPtr, fixture.rowIndex, fixture.values);
const binary = fixture.classes.map((c) => (c === "a" ? 1 : 0));
const times = fixture.y1.map((v, i) => Math.exp(0.3 * v) * (1 + (i % 7)));
const status = fixture.y2.map((v) => (v > -0.5 ? 1 : 0));

/** Every number of a single-response CV, for bit-for-bit comparison. */
function numbers(cv: CvResult): unknown {
  return { lambda: cv.lambda, cvm: cv.cvm, cvsd: cv.cvsd, cvup: cv.cvup, cvlo: cv.cvlo, lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se, foldid: cv.foldid, warnings: cv.warnings, path: cv.path.beta };
}

function multiNumbers(cv: MultiCvResult): unknown {
  return { lambda: cv.lambda, cvm: cv.cvm, cvsd: cv.cvsd, lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se, foldid: cv.foldid, warnings: cv.warnings, path: cv.path.beta };
}

const singleCases: { name: string; y: number[]; opts: CvOptions }[] = [
  { name: "gaussian with weights", y: fixture.y1, opts: { weights: fixture.weights } },
  { name: "binomial, elastic net", y: binary, opts: { family: "binomial", alpha: 0.5 } },
  { name: "cox", y: times, opts: { family: "cox", survival: { status } } },
];
assert.equal(singleCases.length, 3);

for (const c of singleCases) {
  test(`cvSparsePathParallel equals cvSparsePath bit for bit with 1, 2 and 3 jobs: ${c.name}`, async () => {
    const opts = { ...c.opts, nfolds: 5, seed: 4, nlambda: 30 };
    const want = numbers(cvSparsePath(sx, c.y, opts));
    for (const jobs of [1, 2, 3]) {
      let reported = 0;
      const got = await cvSparsePathParallel(sx, c.y, opts, { jobs, onProgress: (done, total) => (reported = Math.max(reported, done) + 0 * total) });
      assert.deepEqual(numbers(got), want, `jobs ${jobs}`);
      assert.equal(reported, 5, `jobs ${jobs}: progress`);
    }
  });
}

const multiCases: { name: string; outcome: MultiOutcome; opts: Record<string, unknown> }[] = [
  { name: "multinomial", outcome: { family: "multinomial", labels: fixture.classes }, opts: {} },
  { name: "grouped multinomial with weights", outcome: { family: "multinomial", labels: fixture.classes }, opts: { grouped: true, weights: fixture.weights } },
  { name: "mgaussian with weights", outcome: { family: "mgaussian", y: [fixture.y1, fixture.y2] }, opts: { weights: fixture.weights } },
];
assert.equal(multiCases.length, 3);

for (const c of multiCases) {
  test(`cvSparseMultiPathParallel equals cvSparseMultiPath bit for bit with 1 and 3 jobs, and the dense CV to rounding: ${c.name}`, async () => {
    const opts = { ...c.opts, nfolds: 4, seed: 2, nlambda: 25 };
    const sequential = cvSparseMultiPath(sx, c.outcome, opts);
    for (const jobs of [1, 3]) assert.deepEqual(multiNumbers(await cvSparseMultiPathParallel(sx, c.outcome, opts, { jobs })), multiNumbers(sequential), `jobs ${jobs}`);
    const dense = cvMultiPath(densify(sx), c.outcome, opts);
    assert.equal(sequential.cvm.length, dense.cvm.length);
    dense.cvm.forEach((m, l) => assert.ok(Math.abs(sequential.cvm[l] - m) <= 1e-9 * (1 + m), `cvm[${l}] ${sequential.cvm[l]} vs ${m}`));
    dense.cvsd.forEach((s, l) => assert.ok(Math.abs(sequential.cvsd[l] - s) <= 1e-8 * (1 + s), `cvsd[${l}]`));
    assert.equal(sequential.indexMin, dense.indexMin);
    assert.equal(sequential.index1se, dense.index1se);
    assert.ok(Math.abs(sequential.lambdaMin - dense.lambdaMin) <= 1e-12 * dense.lambdaMin);
  });
}

test("a sparse multinomial fold without two rows of a class leaves it out, as the dense CV does, in any thread", async () => {
  const labels = fixture.classes.slice();
  labels[0] = labels[1] = labels[2] = "z";
  const foldid = Array.from({ length: fixture.n }, (_, i) => (i % 3) + 1);
  [foldid[0], foldid[1], foldid[2]] = [1, 1, 2];
  const outcome: MultiOutcome = { family: "multinomial", labels };
  const sequential = cvSparseMultiPath(sx, outcome, { foldid, nlambda: 20 });
  const dense = cvMultiPath(densify(sx), outcome, { foldid, nlambda: 20 });
  assert.deepEqual(sequential.warnings, dense.warnings);
  assert.ok(sequential.warnings.some((w) => /fold 1: class "z" has 1 training row/.test(w)));
  dense.cvm.forEach((m, l) => assert.ok(Math.abs(sequential.cvm[l] - m) <= 1e-9 * (1 + m), `cvm[${l}]`));
  assert.deepEqual(multiNumbers(await cvSparseMultiPathParallel(sx, outcome, { foldid, nlambda: 20 }, { jobs: 2 })), multiNumbers(sequential));
});

test("a fold's error reaches the caller from whichever thread fitted it, naming the fold", async () => {
  // Fold 2 holds every row with a nonzero y: its training rows have y all zero, which Poisson refuses.
  const y = fixture.y1.map((v, i) => (i % 2 === 1 ? Math.round(Math.abs(v)) + 1 : 0));
  const foldid = Array.from({ length: fixture.n }, (_, i) => (i % 2 === 1 ? 2 : 1 + 2 * (i % 4 === 0 ? 0 : 1)));
  await assert.rejects(cvSparsePathParallel(sx, y, { family: "poisson", foldid }, { jobs: 3 }), /cross-validation fold 2/);
});

test("X's compressed columns go to shared memory once, as they are when there already", () => {
  const shared = sharedSparse(sx);
  assert.ok(shared.values.buffer instanceof SharedArrayBuffer && shared.rowIndex.buffer instanceof SharedArrayBuffer && shared.colPtr.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(Array.from(shared.values), Array.from(sx.values));
  assert.equal(sharedSparse(shared).values, shared.values);
});

function densify(x: SparseMatrix) {
  const cols = Array.from({ length: x.p }, (_, j) => {
    const c = new Float64Array(x.n);
    for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) c[x.rowIndex[t]] = x.values[t];
    return c;
  });
  return modelMatrix(x.names, cols);
}
