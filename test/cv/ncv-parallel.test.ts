// cv.ncvreg (MCP, SCAD) with folds on worker threads: the same numbers as cvPath's, for any --jobs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cvPath } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import { DataError, OptionError } from "../../src/errors.js";
import { loadNcvReference, ncvOptions, ncvProblem } from "../helpers/ncvreg.js";
import { randomProblem } from "../helpers/random.js";

const CASES = [
  { name: "prostate_mcp", jobs: [2, 3] },
  { name: "heart_mcp", jobs: [2] },
  { name: "diabetes_mcp_pf0", jobs: [2, 12] },
] as const;

for (const c of CASES) {
  test(`${c.name}: parallel cv.ncvreg equals the sequential one bit for bit (jobs ${c.jobs.join(", ")})`, async () => {
    const ref = loadNcvReference(c.name);
    assert.ok(ref.cv, "the case has cv.ncvreg's fold ids");
    const { x, y } = ncvProblem(ref);
    const opts = { ...ncvOptions(ref), foldid: ref.cv.foldid, maxit: 1e6 };
    const seq = cvPath(x, y, opts);
    const nfolds = Math.max(...ref.cv.foldid);
    for (const jobs of c.jobs) {
      const progress: number[] = [];
      const par = await cvPathParallel(x, y, opts, { jobs, onProgress: (done, total) => {
        assert.equal(total, nfolds);
        progress.push(done);
      } });
      assert.deepEqual(progress, Array.from({ length: nfolds }, (_, k) => k + 1), `progress with ${jobs} jobs`);
      assert.deepEqual(Array.from(par.lambda), Array.from(seq.lambda));
      assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
      assert.deepEqual(Array.from(par.cvsd), Array.from(seq.cvsd));
      assert.deepEqual(Array.from(par.foldid), Array.from(seq.foldid));
      assert.equal(par.lambdaMin, seq.lambdaMin);
      assert.equal(par.lambda1se, seq.lambda1se);
      assert.deepEqual(par.warnings, seq.warnings);
    }
  });
}

test("folds that stop short (saturated, maxit) warn and cut alike in parallel (SCAD, binomial)", async () => {
  const { x, y } = randomProblem(5, 60, 30, { rho: 0.3, family: "binomial" });
  const opts = { family: "binomial" as const, penalty: "scad" as const, nfolds: 4, seed: 3 };
  const seq = cvPath(x, y, opts);
  const par = await cvPathParallel(x, y, opts, { jobs: 3 });
  // Precondition: some fold saturated, and the λs with a missing loss were left out.
  assert.ok(seq.warnings.some((w) => /fold \d stopped after .* saturated/.test(w)), seq.warnings.join("\n"));
  assert.ok(seq.lambda.length < seq.path.lambda.length);
  assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
  assert.deepEqual(par.warnings, seq.warnings);
});

test("an error in a worker's fold is the sequential fit's error", async () => {
  // Fold 2 holds every 1: its training rows have a single class.
  const { x, y } = randomProblem(7, 60, 8, { rho: 0.3, family: "binomial" });
  const foldid = Array.from(y, (v, i) => (v === 1 ? 2 : 1 + (i % 3 === 0 ? 2 : 0)));
  assert.ok(foldid.includes(1) && foldid.includes(2) && foldid.includes(3));
  const opts = { family: "binomial" as const, penalty: "mcp" as const, foldid };
  let seqError: unknown = null;
  try {
    cvPath(x, y, opts);
  } catch (e) {
    seqError = e;
  }
  assert.ok(seqError instanceof DataError || seqError instanceof OptionError, `sequential: ${String(seqError)}`);
  await assert.rejects(cvPathParallel(x, y, opts, { jobs: 3 }), (e: unknown) => e instanceof Error && e.message === (seqError as Error).message);
});
