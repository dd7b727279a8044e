// The general entry points take the multi-response families (issue 16): fitPath, cvPath, cvPathParallel,
// coef and predict with family "multinomial" or "mgaussian" give exactly what the dedicated functions
// (fitMultinomialPath, fitMgaussianPath, cvMultiPath, cvMultiPathParallel, coefMulti, predictMulti) give,
// their types follow the family, and a wrong family or outcome shape is an error naming what is wrong.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as api from "../../src/node.js";
import type { CvResult, MultiCvResult, MultiPath, Path } from "../../src/node.js";
import { assertRefused } from "../helpers/refused.js";
import { randomProblem, rng } from "../helpers/random.js";

const { x } = randomProblem(16, 90, 6);
const col = (j: number, i: number): number => x.data[j * x.n + i];
const r = rng(17);
/** Three classes from the first two variables (with noise). */
const labels = Array.from({ length: x.n }, (_, i) => {
  const e = [col(0, i) + 0.5 * r.normal(), col(1, i) + 0.5 * r.normal(), 0.3];
  return ["setosa", "versicolor", "virginica"][e.indexOf(Math.max(...e))];
});
/** Two numeric responses. */
const Y = [0, 1].map((k) => Float64Array.from({ length: x.n }, (_, i) => col(k, i) - 0.5 * col(k + 2, i) + r.normal()));
const foldid = Int32Array.from({ length: x.n }, (_, i) => 1 + (i % 3));
const newX = api.modelMatrix(x.names, Array.from({ length: x.p }, (_, j) => Array.from({ length: 4 }, (_, i) => col(j, i + 10))));

/** A path's numbers as plain arrays, so deepEqual compares every value. */
function plain(p: MultiPath): unknown {
  return { ...p, lambda: Array.from(p.lambda), intercept: p.intercept.map((a) => Array.from(a)), beta: p.beta.map((b) => Array.from(b)), df: Array.from(p.df), devRatio: Array.from(p.devRatio) };
}
function plainCv(c: MultiCvResult): unknown {
  return { ...c, path: plain(c.path), lambda: Array.from(c.lambda), cvm: Array.from(c.cvm), cvsd: Array.from(c.cvsd), foldid: Array.from(c.foldid) };
}

test("fitPath with family multinomial (ungrouped and grouped) and mgaussian is fitMultinomialPath / fitMgaussianPath", () => {
  const ungrouped: MultiPath = api.fitPath(x, labels, { family: "multinomial", nlambda: 12 });
  assert.deepEqual(plain(ungrouped), plain(api.fitMultinomialPath(x, labels, { nlambda: 12 })));
  assert.equal(ungrouped.family, "multinomial");
  assert.deepEqual(ungrouped.classes, ["setosa", "versicolor", "virginica"]);
  const grouped: MultiPath = api.fitPath(x, labels, { family: "multinomial", grouped: true, alpha: 0.5, nlambda: 12 });
  assert.deepEqual(plain(grouped), plain(api.fitMultinomialPath(x, labels, { grouped: true, alpha: 0.5, nlambda: 12 })));
  assert.equal(grouped.grouped, true);
  const mg: MultiPath = api.fitPath(x, Y, { family: "mgaussian", responses: ["height", "weight"], nlambda: 12 });
  assert.deepEqual(plain(mg), plain(api.fitMgaussianPath(x, Y, { responses: ["height", "weight"], nlambda: 12 })));
  assert.deepEqual(mg.classes, ["height", "weight"]);
  // The single-response families are as before, and typed Path.
  const single: Path = api.fitPath(x, Y[0], { nlambda: 5 });
  assert.equal(single.family, "gaussian");
});

test("coef and predict of a multi-response path are coefMulti and predictMulti, for link, response and class", () => {
  for (const path of [api.fitPath(x, labels, { family: "multinomial", nlambda: 10 }), api.fitPath(x, Y, { family: "mgaussian", nlambda: 10 })]) {
    const lambda = (path.lambda[3] + path.lambda[4]) / 2;
    const c = api.coef(path, lambda);
    const intercept: Float64Array = c.intercept, beta: Float64Array[] = c.beta;
    assert.deepEqual({ intercept, beta }, api.coefMulti(path, lambda));
    const link: Float64Array[] = api.predict(path, newX, lambda);
    assert.deepEqual(link, api.predictMulti(path, newX, lambda, "link"));
    const response: Float64Array[] = api.predict(path, newX, lambda, { type: "response" });
    assert.deepEqual(response, api.predictMulti(path, newX, lambda, "response"));
    assert.equal(response.length, 4);
    assert.equal(response[0].length, path.classes.length);
  }
  const path = api.fitPath(x, labels, { family: "multinomial", nlambda: 10 });
  const classes: Int32Array = api.predict(path, newX, path.lambda[6], { type: "class" });
  assert.deepEqual(classes, api.predictMulti(path, newX, path.lambda[6], "class"));
});

test("cvPath and cvPathParallel with the multi families, fixed foldid, are cvMultiPath and cvMultiPathParallel", async () => {
  const multinomial: MultiCvResult = api.cvPath(x, labels, { family: "multinomial", grouped: true, foldid, nlambda: 8 });
  const expected = plainCv(api.cvMultiPath(x, { family: "multinomial", labels }, { grouped: true, foldid, nlambda: 8 }));
  assert.deepEqual(plainCv(multinomial), expected);
  assert.equal(multinomial.measure, "deviance");
  const mg: MultiCvResult = api.cvPath(x, Y, { family: "mgaussian", foldid, measure: "mae", nlambda: 8 });
  assert.deepEqual(plainCv(mg), plainCv(api.cvMultiPath(x, { family: "mgaussian", y: Y }, { foldid, measure: "mae", nlambda: 8 })));
  const parallel: MultiCvResult = await api.cvPathParallel(x, labels, { family: "multinomial", grouped: true, foldid, nlambda: 8 }, { jobs: 2 });
  assert.deepEqual(plainCv(parallel), expected);
  const mgParallel: MultiCvResult = await api.cvPathParallel(x, Y, { family: "mgaussian", foldid, nlambda: 8 }, { jobs: 2 });
  assert.deepEqual(plainCv(mgParallel), plainCv(await api.cvMultiPathParallel(x, { family: "mgaussian", y: Y }, { foldid, nlambda: 8 }, { jobs: 2 })));
  const single: CvResult = api.cvPath(x, Y[0], { foldid, nlambda: 5 });
  assert.equal(single.path.family, "gaussian");
  api.closeIdleWorkers();
});

test("a misspelt family, an option the family does not take, or an outcome of the wrong shape is an error naming it", async () => {
  await assertRefused(() => api.fitPath(x, labels, { family: "multinomal" } as never), "family", /family must be one of .*"multinomial".*\(did you mean "multinomial"\?\)/);
  await assertRefused(() => api.fitPath(x, labels, { family: "multinomial", groupd: true } as never), "groupd", /^fitPath: unknown option "groupd"; did you mean "grouped"\?/);
  await assertRefused(() => api.fitPath(x, labels, { family: "multinomial", offset: new Float64Array(x.n) } as never), "offset", /^fitPath: unknown option "offset"/);
  await assertRefused(() => api.fitPath(x, Y, { family: "mgaussian", classes: ["a"] } as never), "classes", /^fitPath: unknown option "classes"/);
  await assertRefused(() => api.cvPath(x, labels, { family: "multinomial", nfold: 3 } as never), "nfold", /^cvPath: unknown option "nfold"; did you mean "nfolds"\?/);
  await assertRefused(() => api.cvPathParallel(x, Y, { family: "mgaussian", measure: "class" }, { jobs: 1 }), "measure", /measure "class" is not one of mgaussian's: mse, mae/);
  // Outcomes of the other family's shape.
  await assertRefused(() => api.fitPath(x, Y, { family: "multinomial" } as never), "labels", /^fitPath: labels must be an array of class labels, one per row, got an array of arrays \(several numeric responses are family "mgaussian"\)/);
  await assertRefused(() => api.fitPath(x, labels, { family: "mgaussian" } as never), "y[0]", /^fitPath: y\[0\] must be an array of numbers, one per row, got "versicolor"/);
  await assertRefused(() => api.cvPath(x, Y[0], { family: "mgaussian" } as never), "y[0]", /^cvPath: y\[0\] must be an array of numbers, one per row \(not a single number\)/);
  await assertRefused(() => api.cvPathParallel(x, Y, { family: "multinomial" } as never), "y", /^cvPathParallel: y must be an array of class labels, one per row, got an array of arrays/);
  await assertRefused(() => api.fitPath(x, labels as never), "y", /^fitPath: y\[0\] must be a number, got "versicolor"/);
  // coef and predict of a multi-response path take the options that apply to it.
  const path = api.fitPath(x, labels, { family: "multinomial", nlambda: 5 });
  // gamma applies to relaxed multi-response paths only (as to single-response ones).
  await assertRefused(() => api.coef(path, 0.1, { gamma: 0.5 }), "gamma", /^gamma needs a relaxed fit: fit with relax: true$/);
  await assertRefused(() => api.predict(path, newX, 0.1, { offset: [1, 2, 3, 4] } as never), "offset", /^predict: unknown option "offset"/);
  await assertRefused(() => api.predict(path, newX, -1), "lambda", /^predict: lambda must be/);
  const mg = api.fitPath(x, Y, { family: "mgaussian", nlambda: 5 });
  await assertRefused(() => api.predict(mg, newX, 0.1, { type: "class" }), "type", /type "class" is for multinomial fits, not mgaussian/);
});
