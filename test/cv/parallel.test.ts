import { test } from "node:test";
import assert from "node:assert/strict";
import { cvPath } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import { randomProblem } from "../helpers/random.js";

for (const family of ["gaussian", "binomial"] as const) {
  test(`parallel and sequential cross-validation give identical numbers (${family})`, async () => {
    const { x, y } = randomProblem(11, 300, 40, { rho: 0.5, family });
    const opts = { family, nfolds: 7, seed: 42, keep: true };
    const seq = cvPath(x, y, opts);
    let calls = 0;
    const par = await cvPathParallel(x, y, opts, { jobs: 2, onProgress: () => calls++ });
    assert.equal(calls, 7);
    assert.deepEqual(Array.from(par.foldid), Array.from(seq.foldid));
    assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
    assert.deepEqual(Array.from(par.cvsd), Array.from(seq.cvsd));
    assert.equal(par.lambdaMin, seq.lambdaMin);
    assert.equal(par.lambda1se, seq.lambda1se);
    assert.deepEqual(par.fitPreval!.map((a) => Array.from(a)), seq.fitPreval!.map((a) => Array.from(a)));
  });
}

test("a fold that cannot be fitted is reported with its number", async () => {
  const { x, y } = randomProblem(5, 30, 5, { family: "binomial" });
  // Fold 1 holds every 1: the other folds' training sets have one class only.
  const foldid = Array.from(y, (v, i) => (v === 1 ? 1 : 2 + (i % 3)));
  await assert.rejects(cvPathParallel(x, y, { family: "binomial", foldid }, { jobs: 2 }), /fold \d/);
});
