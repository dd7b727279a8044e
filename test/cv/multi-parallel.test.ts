// Multi-response cross-validation on worker threads (cvMultiPathParallel) gives cvMultiPath's numbers
// bit for bit, for any number of jobs: its folds are views of one standardized copy wherever they run.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cvMultiPath, type MultiCvOptions, type MultiCvResult, type MultiOutcome } from "../../src/cv/multi-cv.js";
import { cvMultiPathParallel } from "../../src/cv/multi-parallel.node.js";
import { randomProblem, rng } from "../helpers/random.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { DataError } from "../../src/errors.js";
import { closeIdleWorkers, workerCounts } from "../../src/cv/worker-pool.node.js";

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

// Relaxed folds (each relaxed on its own λs, on a copy of its rows) ran in the calling thread whatever
// jobs asked for; now they run on the workers, with cvMultiPath's numbers, blends and choices bit for bit.
for (const c of [
  { family: "multinomial" as const, jobs: 3, options: { gamma: [0, 0.5, 1] } },
  { family: "mgaussian" as const, jobs: 9, options: { alpha: 0.7, weights: Array.from({ length: 200 }, (_, i) => 0.5 + (i % 4)) } },
]) {
  test(`relaxed ${c.family} cross-validation runs its folds on ${c.jobs - 1} workers, with the same numbers`, async () => {
    const { x } = randomProblem(8, 200, 6, { rho: 0.3 });
    const outcome = outcomeOf(c.family, x, 5);
    const options: MultiCvOptions = { ...c.options, relax: true, nfolds: 6, seed: 4 };
    const seq = cvMultiPath(x, outcome, options);
    await closeIdleWorkers();
    const before = workerCounts().started;
    const progress: number[] = [];
    const par = await cvMultiPathParallel(x, outcome, options, { jobs: c.jobs, onProgress: (done) => progress.push(done) });
    assert.equal(workerCounts().started - before, Math.min(c.jobs - 1, 6), "workers started for the folds");
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
    assertSame(par, seq);
    const r = par.relaxed!, s = seq.relaxed!;
    assert.deepEqual(r.cvm.map((a) => Array.from(a)), s.cvm.map((a) => Array.from(a)));
    assert.deepEqual(r.cvsd.map((a) => Array.from(a)), s.cvsd.map((a) => Array.from(a)));
    assert.deepEqual([r.lambdaMin, r.gammaMin, r.lambda1se, r.gamma1se], [s.lambdaMin, s.gammaMin, s.lambda1se, s.gamma1se]);
  });
}

// Without row 1 (fold 1), f varies by 1e-310 over the rows with weight while row 5 (weight 0) holds 5:
// fold 1 refuses it. Whichever thread fits that fold, the caller gets the error one thread raises.
test("a relaxed fold's error reaches the caller from whichever thread fitted it, as one thread raises it, its workers ended", async () => {
  const x = modelMatrix(["z", "f"], [[1, 2, 0, 1, 3, 2, 2, 1], [1, 0, 1e-310, 0, 5, 0, 0, 0]]);
  const outcome: MultiOutcome = { family: "mgaussian", y: [[3, 1, 2, 5, 4, 2, 3, 1], [1, 2, 0, 1, 3, 2, 1, 2]] };
  const options: MultiCvOptions = { relax: true, weights: [1, 1, 1, 1, 0, 1, 1, 1], foldid: [1, 2, 2, 3, 3, 3, 1, 2] };
  const seq = (() => {
    try {
      cvMultiPath(x, outcome, options);
    } catch (e) {
      return e as DataError;
    }
    throw new Error("cvMultiPath did not refuse");
  })();
  assert.ok(seq instanceof DataError && seq.column === "f" && /cannot be standardized/.test(seq.message), seq.message);
  await closeIdleWorkers();
  const before = workerCounts().started;
  await assert.rejects(cvMultiPathParallel(x, outcome, options, { jobs: 3 }), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.deepEqual([e.message, e.column, e.row], [seq.message, seq.column, seq.row]);
    return true;
  });
  assert.deepEqual(workerCounts(), { started: before + 2, idle: 0 }, "two workers taken, and ended with the error");
});
