import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cvPath } from "../../src/cv/cv.js";
import { cvPathParallel, startFoldWorkers } from "../../src/cv/parallel.node.js";
import { closeIdleWorkers, KEEP_IDLE_BYTES, workerCounts } from "../../src/cv/worker-pool.node.js";
import { randomProblem } from "../helpers/random.js";

const gaussian = randomProblem(41, 240, 20, { rho: 0.3 });
const binomial = randomProblem(42, 260, 25, { rho: 0.5, family: "binomial" });
const gaussianOptions = { nfolds: 6, seed: 2, keep: true };
const binomialOptions = { family: "binomial" as const, nfolds: 5, seed: 4 };

test("a second cross-validation reuses the first one's worker and gives cvPath's numbers", async () => {
  await closeIdleWorkers();
  const before = workerCounts();
  assert.equal(before.idle, 0);
  const first = await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 2 });
  assert.deepEqual(workerCounts(), { started: before.started + 1, idle: 1 });
  const second = await cvPathParallel(binomial.x, binomial.y, binomialOptions, { jobs: 2 });
  assert.deepEqual(workerCounts(), { started: before.started + 1, idle: 1 }, "no new worker");
  assert.deepEqual(Array.from(first.cvm), Array.from(cvPath(gaussian.x, gaussian.y, gaussianOptions).cvm));
  assert.deepEqual(first.fitPreval!.map((a) => Array.from(a)), cvPath(gaussian.x, gaussian.y, gaussianOptions).fitPreval!.map((a) => Array.from(a)));
  assert.deepEqual(Array.from(second.cvm), Array.from(cvPath(binomial.x, binomial.y, binomialOptions).cvm));
  // The second took the first one's memory: the first result holds none of it.
  const again = cvPath(gaussian.x, gaussian.y, gaussianOptions);
  assert.deepEqual(first.path.beta.map((b) => Array.from(b.value)), again.path.beta.map((b) => Array.from(b.value)));
  assert.deepEqual(Array.from(first.path.intercept), Array.from(again.path.intercept));
});

test("jobs is respected: jobs − 1 workers taken from the pool, more started only when it has too few", async () => {
  await closeIdleWorkers();
  const base = workerCounts().started;
  const seen: number[] = [];
  const watch = () => seen.push(workerCounts().idle);
  await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 3, onProgress: watch });
  assert.deepEqual(workerCounts(), { started: base + 2, idle: 2 });
  assert.deepEqual(new Set(seen), new Set([0]), "both workers lent during the cross-validation");
  seen.length = 0;
  await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 2, onProgress: watch });
  assert.deepEqual(new Set(seen), new Set([1]), "one worker lent, one left idle");
  seen.length = 0;
  const serial = await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 1, onProgress: watch });
  assert.deepEqual(new Set(seen), new Set([2]), "one job: no worker lent");
  assert.deepEqual(workerCounts(), { started: base + 2, idle: 2 });
  assert.deepEqual(Array.from(serial.cvm), Array.from(cvPath(gaussian.x, gaussian.y, gaussianOptions).cvm));
});

test("a fold's error reaches the caller, its workers are ended, and the next cross-validation starts afresh", async () => {
  await closeIdleWorkers();
  const base = workerCounts().started;
  await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 2 });
  assert.deepEqual(workerCounts(), { started: base + 1, idle: 1 });
  const bad = randomProblem(5, 30, 5, { family: "binomial" });
  // Fold 1 holds every 1: the other folds' training sets have one class only.
  const foldid = Array.from(bad.y, (v, i) => (v === 1 ? 1 : 2 + (i % 3)));
  await assert.rejects(cvPathParallel(bad.x, bad.y, { family: "binomial", foldid }, { jobs: 2 }), /fold \d/);
  assert.equal(workerCounts().idle, 0, "the failed crew's worker is not kept");
  const again = await cvPathParallel(binomial.x, binomial.y, binomialOptions, { jobs: 2 });
  assert.deepEqual(workerCounts(), { started: base + 2, idle: 1 });
  assert.deepEqual(Array.from(again.cvm), Array.from(cvPath(binomial.x, binomial.y, binomialOptions).cvm));
});

test("an error in the full-data fit ends the workers taken for it", async () => {
  await closeIdleWorkers();
  await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 3 });
  assert.equal(workerCounts().idle, 2);
  const { x, y } = randomProblem(6, 60, 5);
  y[7] = NaN;
  await assert.rejects(cvPathParallel(x, y, { nfolds: 5 }, { jobs: 3 }), /row 8/);
  assert.equal(workerCounts().idle, 0);
});

test("closeIdleWorkers ends the idle workers; the next cross-validation starts new ones", async () => {
  await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 2 });
  assert.ok(workerCounts().idle >= 1);
  await closeIdleWorkers();
  const base = workerCounts();
  assert.equal(base.idle, 0);
  await cvPathParallel(gaussian.x, gaussian.y, gaussianOptions, { jobs: 2 });
  assert.deepEqual(workerCounts(), { started: base.started + 1, idle: 1 });
});

test("a cross-validation whose X's copy exceeds KEEP_IDLE_BYTES ends its workers (an idle heap would hold it)", async () => {
  await closeIdleWorkers();
  const base = workerCounts().started;
  const { x, y } = randomProblem(43, 42_000, 100, { rho: 0.2 });
  assert.ok(8 * x.n * x.p > KEEP_IDLE_BYTES, "precondition: X's copy is over the limit");
  const cv = await cvPathParallel(x, y, { nfolds: 3, seed: 1, nlambda: 8 }, { jobs: 2 });
  assert.equal(cv.lambda.length, 8);
  assert.deepEqual(workerCounts(), { started: base + 1, idle: 0 });
});

test("workers started ahead wait idle, and the cross-validation that follows takes them", async () => {
  await closeIdleWorkers();
  const base = workerCounts().started;
  startFoldWorkers(3);
  assert.deepEqual(workerCounts(), { started: base + 2, idle: 2 });
  startFoldWorkers(2);
  assert.deepEqual(workerCounts(), { started: base + 2, idle: 2 }, "enough are idle already");
  const cv = await cvPathParallel(binomial.x, binomial.y, binomialOptions, { jobs: 3 });
  assert.deepEqual(workerCounts(), { started: base + 2, idle: 2 }, "no new worker");
  assert.deepEqual(Array.from(cv.cvm), Array.from(cvPath(binomial.x, binomial.y, binomialOptions).cvm));
});

test("a process whose cross-validation left a worker idle in the pool exits by itself, with code 0", () => {
  const script = `
    import { cvPathParallel } from ${JSON.stringify(new URL("../../src/cv/parallel.node.ts", import.meta.url).href)};
    import { workerCounts } from ${JSON.stringify(new URL("../../src/cv/worker-pool.node.ts", import.meta.url).href)};
    const n = 200, p = 10;
    const data = Float64Array.from({ length: n * p }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const y = Array.from({ length: n }, (_, i) => data[i] + data[n + i] + Math.cos(i));
    const cv = await cvPathParallel({ n, p, data, names: Array.from({ length: p }, (_, j) => "x" + j) }, y, { nfolds: 5 }, { jobs: 2 });
    console.log(JSON.stringify({ idle: workerCounts().idle, lambdas: cv.lambda.length }));
  `;
  const root = fileURLToPath(new URL("../..", import.meta.url));
  // The timeout only keeps a hanging child from hanging the test run; it is not a speed check.
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 300_000 });
  assert.equal(run.signal, null, `the child was killed: it did not exit (stderr: ${run.stderr})`);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout.trim()) as { idle: number; lambdas: number };
  assert.equal(out.idle, 1, "the worker was idle in the pool when the process ended");
  assert.ok(out.lambdas > 1);
});
