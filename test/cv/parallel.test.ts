import { test } from "node:test";
import assert from "node:assert/strict";
import { cvPath } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import { randomProblem } from "../helpers/random.js";

const cases = [
  { name: "gaussian", family: "gaussian" as const, jobs: 2, opts: {} },
  { name: "binomial", family: "binomial" as const, jobs: 2, opts: {} },
  { name: "poisson, 3 jobs", family: "poisson" as const, jobs: 3, opts: {} },
  { name: "gaussian, weights and offset, 8 jobs (more than folds)", family: "gaussian" as const, jobs: 8, opts: { weighted: true } },
  { name: "gaussian, a user λ sequence", family: "gaussian" as const, jobs: 2, opts: { lambda: [0.5, 0.2, 0.1, 0.05, 0.01] } },
  { name: "binomial, relaxed", family: "binomial" as const, jobs: 2, opts: { relax: true } },
];

for (const c of cases) {
  test(`parallel and sequential cross-validation give identical numbers (${c.name})`, async () => {
    const { x, y } = randomProblem(11, 300, 40, { rho: 0.5, family: c.family });
    const extra = c.opts.weighted
      ? { weights: Array.from(y, (_, i) => 0.5 + (i % 7) / 7), offset: Array.from(y, (_, i) => 0.1 * Math.sin(i)) }
      : {};
    const opts = { family: c.family, nfolds: 7, seed: 42, keep: true, lambda: c.opts.lambda, relax: c.opts.relax, ...extra };
    const seq = cvPath(x, y, opts);
    const progress: number[] = [];
    const par = await cvPathParallel(x, y, opts, { jobs: c.jobs, onProgress: (done, total) => {
      assert.equal(total, 7);
      progress.push(done);
    } });
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(Array.from(par.foldid), Array.from(seq.foldid));
    assert.deepEqual(Array.from(par.lambda), Array.from(seq.lambda));
    assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
    assert.deepEqual(Array.from(par.cvsd), Array.from(seq.cvsd));
    assert.equal(par.lambdaMin, seq.lambdaMin);
    assert.equal(par.lambda1se, seq.lambda1se);
    assert.deepEqual(par.fitPreval!.map((a) => Array.from(a)), seq.fitPreval!.map((a) => Array.from(a)));
    assert.deepEqual(par.warnings, seq.warnings);
    if (c.opts.relax) assert.deepEqual(par.relaxed!.cvm.map((a) => Array.from(a)), seq.relaxed!.cvm.map((a) => Array.from(a)));
  });
}

// The folds' covariance solvers need room for Gram columns in each thread's region of the shared copy
// (cvSolverDoubles): a worker that sized its region otherwise wrote over thread 0's arrays (7ba4176).
test("a tall gaussian CV with p ≥ 500 whose folds keep Gram columns: 2 jobs give the one-thread numbers", async () => {
  const { x, y } = randomProblem(23, 2400, 520, { rho: 0.4 });
  const opts = { nfolds: 10, seed: 7, keep: true };
  const seq = cvPath(x, y, opts);
  for (const jobs of [2, 3]) {
    const par = await cvPathParallel(x, y, opts, { jobs });
    assert.deepEqual(Array.from(par.lambda), Array.from(seq.lambda), `${jobs} jobs: λ`);
    assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm), `${jobs} jobs: cvm`);
    assert.deepEqual(par.fitPreval!.map((a) => Array.from(a)), seq.fitPreval!.map((a) => Array.from(a)), `${jobs} jobs: held-out fits`);
  }
});

test("X already in shared memory goes to the workers as it is, and gives the same numbers", async () => {
  const { x, y } = randomProblem(4, 200, 30, { rho: 0.3 });
  const data = new Float64Array(new SharedArrayBuffer(x.data.byteLength));
  data.set(x.data);
  const seq = cvPath(x, y, { nfolds: 5, seed: 1 });
  const par = await cvPathParallel({ ...x, data }, y, { nfolds: 5, seed: 1 }, { jobs: 2 });
  assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
});

test("X in a plain array is not copied for the workers: they send paths back and this thread predicts, the same numbers", async () => {
  for (const family of ["gaussian", "binomial"] as const) {
    const { x, y } = randomProblem(12, 260, 30, { rho: 0.4, family });
    const plain = { ...x, data: Float64Array.from(x.data) };
    assert.ok(!(plain.data.buffer instanceof SharedArrayBuffer));
    const opts = { family, nfolds: 6, seed: 5, keep: true, weights: Array.from(y, (_, i) => (i % 9 === 0 ? 0 : 1 + (i % 4))) };
    const seq = cvPath(x, y, opts);
    const par = await cvPathParallel(plain, y, opts, { jobs: 2 });
    assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
    assert.deepEqual(par.fitPreval!.map((a) => Array.from(a)), seq.fitPreval!.map((a) => Array.from(a)));
  }
});

test("a fold that cannot be fitted is reported with its number", async () => {
  const { x, y } = randomProblem(5, 30, 5, { family: "binomial" });
  // Fold 1 holds every 1: the other folds' training sets have one class only.
  const foldid = Array.from(y, (v, i) => (v === 1 ? 1 : 2 + (i % 3)));
  await assert.rejects(cvPathParallel(x, y, { family: "binomial", foldid }, { jobs: 2 }), /fold \d/);
});

test("an error in the full-data fit is reported and the worker threads end", async () => {
  const { x, y } = randomProblem(6, 60, 5);
  y[7] = NaN;
  await assert.rejects(cvPathParallel(x, y, { nfolds: 5 }, { jobs: 3 }), /row 8/);
});

test("cross-validations one after another, each with its own data, also after a failure", async () => {
  const a = randomProblem(31, 150, 12, { rho: 0.2 });
  const b = randomProblem(32, 220, 25, { rho: 0.6, family: "binomial" });
  const bad = randomProblem(5, 30, 5, { family: "binomial" });
  const badFolds = Array.from(bad.y, (v, i) => (v === 1 ? 1 : 2 + (i % 3)));
  const runs = [
    { x: a.x, y: a.y, opts: { nfolds: 5, seed: 3 } },
    { x: b.x, y: b.y, opts: { family: "binomial" as const, nfolds: 4, seed: 9 } },
  ];
  for (let round = 0; round < 2; round++) {
    for (const r of runs) {
      const par = await cvPathParallel(r.x, r.y, r.opts, { jobs: 3 });
      assert.deepEqual(Array.from(par.cvm), Array.from(cvPath(r.x, r.y, r.opts).cvm));
    }
    await assert.rejects(cvPathParallel(bad.x, bad.y, { family: "binomial", foldid: badFolds }, { jobs: 3 }), /fold \d/);
  }
});

test("unset jobs: one per core, one for a small X, and no more threads than the free memory holds", async () => {
  const { defaultJobs, SMALL_CELLS } = await import("../../src/cv/jobs.node.js");
  const { cvMemoryBytes } = await import("../../src/cv/copy.js");
  const matrix = (n: number, p: number, shared: boolean) => ({
    n, p, names: [], data: shared ? new Float64Array(new SharedArrayBuffer(n * p * 8)) : new Float64Array(n * p),
  });
  const plain = matrix(1000, 500, false); // 4 MB
  assert.ok(plain.n * plain.p >= SMALL_CELLS);
  const GB = 2 ** 30;
  assert.equal(defaultJobs(plain, 8, 64 * GB), 8);
  assert.equal(defaultJobs(matrix(100, 100, false), 8, 64 * GB), 1, "small X");
  // One standardized copy for all threads and each thread's solver room: a thread costs far less than X
  // (at p = 500, n = 1,000 about 5.1% of it, since the scans' and the gap's arrays joined the room).
  const two = cvMemoryBytes(1000, 500, 2);
  assert.ok(two < 1.12 * 4e6 && two - cvMemoryBytes(1000, 500, 1) < 0.06 * 4e6, `${two} bytes for two threads`);
  // A plain X is copied into shared memory for the workers: room for that, the copy and two threads' rooms.
  assert.equal(defaultJobs(plain, 8, (4e6 + two) / 0.8), 2);
  assert.equal(defaultJobs(plain, 8, (4e6 + two - 1) / 0.8), 1);
  // X already shared: no copy, room for three threads in the same memory.
  assert.equal(defaultJobs(matrix(1000, 500, true), 8, cvMemoryBytes(1000, 500, 3) / 0.8), 3);
  assert.equal(defaultJobs(plain, 8, 1e6), 1, "never fewer than one");
});
