// Multi-response cross-validation on worker threads (cvMultiPathParallel) gives cvMultiPath's numbers
// bit for bit, for any number of jobs: its folds are views of one standardized copy wherever they run.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cvMultiPath, type MultiCvOptions, type MultiCvResult, type MultiOutcome } from "../../src/cv/multi-cv.js";
import { cvMultiPathParallel } from "../../src/cv/multi-parallel.node.js";
import { randomProblem, rng } from "../helpers/random.js";

/** Three classes from the first two variables' signs (with noise); or three responses. */
function outcomeOf(family: "multinomial" | "mgaussian", x: ReturnType<typeof randomProblem>["x"], seed: number): MultiOutcome {
  const r = rng(seed);
  const col = (j: number, i: number) => x.data[j * x.n + i];
  if (family === "mgaussian") {
    return { family, y: [0, 1, 2].map((k) => Float64Array.from({ length: x.n }, (_, i) => col(k, i) - 0.5 * col(k + 3, i) + r.normal())) };
  }
  const labels = Array.from({ length: x.n }, (_, i) => {
    const e = [col(0, i) + 0.5 * r.normal(), col(1, i) + 0.5 * r.normal(), 0.3];
    return ["a", "b", "c"][e.indexOf(Math.max(...e))];
  });
  return { family, labels };
}

function assertSame(par: MultiCvResult, seq: MultiCvResult): void {
  assert.deepEqual(Array.from(par.lambda), Array.from(seq.lambda));
  assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
  assert.deepEqual(Array.from(par.cvsd), Array.from(seq.cvsd));
  assert.equal(par.lambdaMin, seq.lambdaMin);
  assert.equal(par.lambda1se, seq.lambda1se);
  assert.deepEqual(par.path.beta.map((b) => Array.from(b)), seq.path.beta.map((b) => Array.from(b)));
  assert.deepEqual(par.warnings, seq.warnings);
}

const cases: { name: string; family: "multinomial" | "mgaussian"; jobs: number; options: MultiCvOptions }[] = [
  { name: "multinomial, 2 jobs", family: "multinomial", jobs: 2, options: {} },
  { name: "multinomial grouped, α = 0.5, weights, 9 jobs (more than folds)", family: "multinomial", jobs: 9, options: { grouped: true, alpha: 0.5, weights: Array.from({ length: 240 }, (_, i) => 0.5 + (i % 5) / 5) } },
  { name: "mgaussian, weights, a user λ sequence, 3 jobs", family: "mgaussian", jobs: 3, options: { lambda: [0.5, 0.2, 0.1, 0.05], weights: Array.from({ length: 240 }, (_, i) => 1 + (i % 3)) } },
  { name: "mgaussian, standardizeResponse, weights, 2 jobs", family: "mgaussian", jobs: 2, options: { standardizeResponse: true, alpha: 0.7, weights: Array.from({ length: 240 }, (_, i) => 0.5 + (i % 4)) } },
];
assert.equal(cases.length, 4);

for (const c of cases) {
  test(`parallel and sequential multi-response cross-validation give identical numbers (${c.name})`, async () => {
    const { x } = randomProblem(16, 240, 12, { rho: 0.4 });
    const outcome = outcomeOf(c.family, x, 7);
    const options = { ...c.options, nfolds: 6, seed: 3 };
    const seq = cvMultiPath(x, outcome, options);
    const progress: number[] = [];
    const par = await cvMultiPathParallel(x, outcome, options, { jobs: c.jobs, onProgress: (done, total) => {
      assert.equal(total, 6);
      progress.push(done);
    } });
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
    assertSame(par, seq);
  });
}

test("a fold without two rows of some class leaves it out, in one thread, with the same numbers", async () => {
  const { x } = randomProblem(5, 60, 4);
  // Class "z" has two rows, both in fold 1: fold 1's fit leaves it out.
  const labels = Array.from({ length: 60 }, (_, i) => (i < 2 ? "z" : i % 2 ? "a" : "b"));
  const foldid = Array.from({ length: 60 }, (_, i) => (i < 2 ? 1 : (i % 3) + 1));
  const seq = cvMultiPath(x, { family: "multinomial", labels }, { foldid });
  const par = await cvMultiPathParallel(x, { family: "multinomial", labels }, { foldid }, { jobs: 2 });
  assert.ok(seq.warnings.some((w) => /fold 1: class "z" has 0 training rows/.test(w)), seq.warnings.join("\n"));
  assertSame(par, seq);
});
