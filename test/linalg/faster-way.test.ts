// The faster of two ways by the thread's own timings (linalg/faster-way.ts): the choice itself, and that a fit
// choosing fused or apart sweeps as it goes gives the path of a fit that never changes its way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FasterWay } from "../../src/linalg/faster-way.js";
import { setCachedSweepBytes, setFusedSweepBytes, streamingSweeps } from "../../src/linalg/kernels.js";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions } from "../../src/solve/types.js";
import { randomProblem } from "../helpers/random.js";

test("the chooser times both ways, then takes the cheaper and now and then tries the other again", () => {
  const c = new FasterWay();
  const tried: boolean[] = [];
  for (let k = 0; k < 4; k++) {
    const first = c.first();
    tried.push(first);
    c.record(first, 1000, first ? 2 : 1); // the second way costs half as much
  }
  assert.deepEqual(tried.filter((f) => f).length, 2, "each way timed twice before choosing");
  assert.deepEqual(c.timings(), { first: 2, second: 2 });
  const next: boolean[] = [];
  for (let k = 0; k < 32; k++) next.push(c.first());
  assert.equal(next.filter((f) => f).length, 2, "the slower way once in 16 choices");
  assert.equal(next.filter((f) => !f).length, 30);
  // The costs move with new timings: the first way, now far cheaper, wins.
  for (let k = 0; k < 8; k++) c.record(true, 1000, 0.1);
  assert.ok(c.costs().first < c.costs().second);
  assert.equal([c.first(), c.first(), c.first()].filter((f) => f).length >= 2, true);
});

test("a sweep too short for the clock is not timed", () => {
  const c = new FasterWay();
  c.record(true, 1000, 0);
  assert.deepEqual(c.timings(), { first: 0, second: 0 });
  assert.ok(Number.isNaN(c.costs().first));
});

test("fits that time and choose their sweeps give the path of fits that never change their way, bit for bit", () => {
  const problems = [
    { n: 2000, p: 60, family: "gaussian" as const, opts: { updates: "naive" as const } },
    { n: 1500, p: 40, family: "binomial" as const, opts: { alpha: 0.8 } },
  ];
  const cached = setCachedSweepBytes(0); // every sweep is timed and chosen, as streaming ones are
  try {
    for (const c of problems) {
      const { x, y } = randomProblem(c.n + c.p, c.n, c.p, { rho: 0.5, family: c.family });
      const opts: FitOptions = { ...c.opts, family: c.family };
      const before = streamingSweeps.timings();
      const chosen = fitPath(x, y, opts);
      const after = streamingSweeps.timings();
      assert.ok(after.first > before.first && after.second > before.second, `${c.family}: both ways ran and were timed`);
      const forced = setFusedSweepBytes(Infinity);
      try {
        const fused = fitPath(x, y, opts);
        assert.equal(chosen.npasses, fused.npasses, `${c.family}: passes`);
        assert.deepEqual(chosen.beta, fused.beta, `${c.family}: coefficients`);
        assert.deepEqual(chosen.intercept, fused.intercept, `${c.family}: intercepts`);
        assert.deepEqual(chosen.devRatio, fused.devRatio, `${c.family}: devRatio`);
      } finally {
        setFusedSweepBytes(forced);
      }
    }
  } finally {
    setCachedSweepBytes(cached);
  }
});
