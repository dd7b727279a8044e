import { test } from "node:test";
import assert from "node:assert/strict";
import { makeDesign } from "../../src/simulate/design.js";
import { runExperiment } from "../../src/simulate/experiment.js";
import { runExperimentParallel } from "../../src/simulate/parallel.node.js";
import { scenario } from "../../src/simulate/scenarios.js";

test("worker threads give the same result as one thread, to the bit", async () => {
  const design = makeDesign(scenario("correlated").spec);
  const options = { reps: 5, nlambda: 12, nfolds: 3, nTest: 100, seed: 77 };
  const sequential = runExperiment(design, options);
  const progress: number[] = [];
  const parallel = await runExperimentParallel(design, options, { jobs: 2, onProgress: (done) => progress.push(done) });
  assert.deepEqual(parallel, sequential);
  assert.equal(JSON.stringify(parallel), JSON.stringify(sequential));
  assert.deepEqual(progress, [1, 2, 3, 4, 5]);
});

test("an error inside a worker rejects with the repetition named, and no worker is left running", async () => {
  const design = makeDesign({ n: 30, p: 4, s: 2 });
  // A design whose sampler fails inside the worker: a corrupted correlation type.
  const broken = { ...design, correlation: { type: "custom", factor: new Float64Array(0) } } as typeof design;
  await assert.rejects(runExperimentParallel(broken, { reps: 2, nlambda: 5, nfolds: 3, nTest: 10 }, { jobs: 2 }), /repetition/);
});
