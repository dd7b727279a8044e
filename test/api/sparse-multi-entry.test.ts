// The sparse entries take the multi-response families as the dense ones do (issue 16): fitSparsePath,
// cvSparsePath and cvSparsePathParallel with family "multinomial" or "mgaussian" give exactly what
// fitSparseMultinomialPath, fitSparseMgaussianPath, cvSparseMultiPath and cvSparseMultiPathParallel give,
// their types follow the family, and a wrong outcome shape or option is an error naming the entry called.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as api from "../../src/node.js";
import type { CvResult, MultiCvResult, MultiPath, Path } from "../../src/node.js";
import { assertRefused } from "../helpers/refused.js";
import { randomProblem, rng } from "../helpers/random.js";

const { x: dense } = randomProblem(23, 80, 6);
const x = api.sparseFromDense(dense);
const col = (j: number, i: number): number => dense.data[j * dense.n + i];
const r = rng(29);
/** Three classes from the first two variables (with noise). */
const labels = Array.from({ length: x.n }, (_, i) => {
  const e = [col(0, i) + 0.5 * r.normal(), col(1, i) + 0.5 * r.normal(), 0.3];
  return ["a", "b", "c"][e.indexOf(Math.max(...e))];
});
/** Two numeric responses. */
const Y = [0, 1].map((k) => Float64Array.from({ length: x.n }, (_, i) => col(k, i) - 0.5 * col(k + 2, i) + r.normal()));
const foldid = Int32Array.from({ length: x.n }, (_, i) => 1 + (i % 3));

/** A path's numbers as plain arrays, so deepEqual compares every value. */
function plain(p: MultiPath): unknown {
  return { ...p, lambda: Array.from(p.lambda), intercept: p.intercept.map((a) => Array.from(a)), beta: p.beta.map((b) => Array.from(b)), df: Array.from(p.df), devRatio: Array.from(p.devRatio) };
}
function plainCv(c: MultiCvResult): unknown {
  return { ...c, path: plain(c.path), lambda: Array.from(c.lambda), cvm: Array.from(c.cvm), cvsd: Array.from(c.cvsd), foldid: Array.from(c.foldid) };
}

test("fitSparsePath with family multinomial (ungrouped and grouped) and mgaussian is fitSparseMultinomialPath / fitSparseMgaussianPath", () => {
  const ungrouped: MultiPath = api.fitSparsePath(x, labels, { family: "multinomial", nlambda: 12 });
  assert.deepEqual(plain(ungrouped), plain(api.fitSparseMultinomialPath(x, labels, { nlambda: 12 })));
  assert.deepEqual(ungrouped.classes, ["a", "b", "c"]);
  const grouped: MultiPath = api.fitSparsePath(x, labels, { family: "multinomial", grouped: true, alpha: 0.5, nlambda: 12 });
  assert.deepEqual(plain(grouped), plain(api.fitSparseMultinomialPath(x, labels, { grouped: true, alpha: 0.5, nlambda: 12 })));
  assert.equal(grouped.grouped, true);
  const mg: MultiPath = api.fitSparsePath(x, Y, { family: "mgaussian", responses: ["height", "weight"], nlambda: 12 });
  assert.deepEqual(plain(mg), plain(api.fitSparseMgaussianPath(x, Y, { responses: ["height", "weight"], nlambda: 12 })));
  assert.deepEqual(mg.classes, ["height", "weight"]);
  // The single-response families are as before, and typed Path.
  const single: Path = api.fitSparsePath(x, Y[0], { nlambda: 5 });
  assert.equal(single.family, "gaussian");
});

test("cvSparsePath and cvSparsePathParallel with the multi families, fixed foldid, are cvSparseMultiPath and cvSparseMultiPathParallel", async () => {
  const multinomial: MultiCvResult = api.cvSparsePath(x, labels, { family: "multinomial", grouped: true, foldid, nlambda: 8 });
  const expected = plainCv(api.cvSparseMultiPath(x, { family: "multinomial", labels }, { grouped: true, foldid, nlambda: 8 }));
  assert.deepEqual(plainCv(multinomial), expected);
  assert.equal(multinomial.measure, "deviance");
  const mg: MultiCvResult = api.cvSparsePath(x, Y, { family: "mgaussian", foldid, measure: "mae", nlambda: 8 });
  assert.deepEqual(plainCv(mg), plainCv(api.cvSparseMultiPath(x, { family: "mgaussian", y: Y }, { foldid, measure: "mae", nlambda: 8 })));
  const parallel: MultiCvResult = await api.cvSparsePathParallel(x, labels, { family: "multinomial", grouped: true, foldid, nlambda: 8 }, { jobs: 2 });
  assert.deepEqual(plainCv(parallel), expected);
  const mgParallel: MultiCvResult = await api.cvSparsePathParallel(x, Y, { family: "mgaussian", foldid, nlambda: 8 }, { jobs: 2 });
  assert.deepEqual(plainCv(mgParallel), plainCv(await api.cvSparseMultiPathParallel(x, { family: "mgaussian", y: Y }, { foldid, nlambda: 8 }, { jobs: 2 })));
  const single: CvResult = api.cvSparsePath(x, Y[0], { foldid, nlambda: 5 });
  assert.equal(single.path.family, "gaussian");
  api.closeIdleWorkers();
});

test("a misspelt family, an option the family does not take, or an outcome of the wrong shape is an error naming the sparse entry", async () => {
  await assertRefused(() => api.fitSparsePath(x, labels, { family: "multinomal" } as never), "family", /^fitSparsePath: family must be one of .*\(did you mean "multinomial"\?\)/);
  await assertRefused(() => api.fitSparsePath(x, labels, { family: "multinomial", groupd: true } as never), "groupd", /^fitSparsePath: unknown option "groupd"; did you mean "grouped"\?/);
  await assertRefused(() => api.fitSparsePath(x, Y, { family: "mgaussian", classes: ["a"] } as never), "classes", /^fitSparsePath: unknown option "classes"/);
  await assertRefused(() => api.cvSparsePath(x, labels, { family: "multinomial", nfold: 3 } as never), "nfold", /^cvSparsePath: unknown option "nfold"; did you mean "nfolds"\?/);
  await assertRefused(() => api.cvSparsePathParallel(x, Y, { family: "mgaussian", measure: "class" }, { jobs: 1 }), "measure", /measure "class" is not one of mgaussian's: mse, mae/);
  await assertRefused(() => api.cvSparsePathParallel(x, Y, { family: "mgaussian" }, { job: 2 } as never), "job", /^cvSparsePathParallel: unknown option "job"; did you mean "jobs"\?/);
  // Outcomes of the other family's shape.
  await assertRefused(() => api.fitSparsePath(x, Y, { family: "multinomial" } as never), "labels", /^fitSparsePath: labels must be an array of class labels, one per row, got an array of arrays \(several numeric responses are family "mgaussian"\)/);
  await assertRefused(() => api.fitSparsePath(x, labels, { family: "mgaussian" } as never), "y[0]", new RegExp(`^fitSparsePath: y\\[0\\] must be an array of numbers, one per row, got "${labels[0]}"`));
  await assertRefused(() => api.cvSparsePath(x, Y[0], { family: "mgaussian" } as never), "y[0]", /^cvSparsePath: y\[0\] must be an array of numbers, one per row \(not a single number\)/);
  await assertRefused(() => api.cvSparsePathParallel(x, Y, { family: "multinomial" } as never), "y", /^cvSparsePathParallel: y must be an array of class labels, one per row, got an array of arrays/);
  await assertRefused(() => api.fitSparsePath(x, labels as never), "y", /^fitSparsePath: y\[0\] must be a number, got "/);
  await assertRefused(() => api.cvSparsePath(x, labels as never), "y", /^cvSparsePath: y\[0\] must be a number, got "/);
});
