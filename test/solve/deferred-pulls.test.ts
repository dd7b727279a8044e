// The duality gap's pulls deferred to the next naive pass (src/solve/deferred-pulls.ts, epoch.wat's $dot2 and
// $axpydot2) are the numbers a read of their own gives: a path is the same bit for bit, gaps included, whether
// the gap's pulls are deferred or read at once, with the passes' sweeps fused or apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { setFusedSweepBytes } from "../../src/linalg/kernels.js";
import { deferredPullCounts, setDeferredPullsBytes } from "../../src/solve/deferred-pulls.js";
import type { FitOptions } from "../../src/solve/types.js";
import type { ModelMatrix } from "../../src/data/matrix.js";
import { REFERENCES, loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";
import { randomProblem } from "../helpers/random.js";
import { assertSamePath } from "../helpers/same-path.js";

/** Fit with every gap's pulls deferred and with none, sweeps fused and apart; all four the same. Returns the pulls the passes took. */
function fitAllWays(x: ModelMatrix, y: ArrayLike<number>, opts: FitOptions): number {
  const bytes = setDeferredPullsBytes(0);
  const fused = setFusedSweepBytes(Infinity);
  try {
    const taken = deferredPullCounts.byPasses;
    const deferred = fitPath(x, y, opts);
    const byPasses = deferredPullCounts.byPasses - taken;
    setFusedSweepBytes(0);
    assertSamePath(fitPath(x, y, opts), deferred);
    setDeferredPullsBytes(Infinity);
    const direct = fitPath(x, y, opts);
    assertSamePath(direct, deferred);
    setFusedSweepBytes(Infinity);
    assertSamePath(fitPath(x, y, opts), deferred);
    assert.ok(deferred.gap!.some((g) => g > 0), "the path has gaps");
    return byPasses;
  } finally {
    setDeferredPullsBytes(bytes);
    setFusedSweepBytes(fused);
  }
}

const gaussian = REFERENCES.filter((name) => loadReference(name).family === "gaussian");

test("the reference problems include gaussian ones for the naive solver", () => {
  assert.ok(gaussian.length >= 4, gaussian.join(", "));
});

for (const name of gaussian) {
  test(`${name}, naive updates: the same path with the gap's pulls deferred or read at once`, () => {
    const ref = loadReference(name);
    const { x, y } = referenceProblem(ref);
    const taken = fitAllWays(x, y, { ...referenceOptions(ref), updates: "naive" });
    assert.ok(taken > 0, "the passes took deferred pulls");
  });
}

const cases: { name: string; seed: number; n: number; p: number; opts: FitOptions }[] = [
  { name: "lasso, n > p", seed: 1, n: 300, p: 60, opts: {} },
  { name: "lasso, p > n", seed: 2, n: 60, p: 300, opts: {} },
  { name: "elastic net with weights", seed: 3, n: 150, p: 80, opts: { alpha: 0.4, weights: Array.from({ length: 150 }, (_, i) => 1 + (i % 4)) } },
  { name: "unpenalized and bounded features", seed: 4, n: 120, p: 50, opts: { penaltyFactor: Array.from({ length: 50 }, (_, j) => (j % 9 === 0 ? 0 : 1)), lowerLimits: -0.2 } },
  { name: "a user's λs, no intercept", seed: 5, n: 90, p: 40, opts: { lambda: [0.5, 0.2, 0.1, 0.05, 0.01], intercept: false } },
  { name: "pmax stops the path", seed: 6, n: 80, p: 120, opts: { pmax: 12 } },
];

for (const c of cases) {
  test(`${c.name}: the same path with the gap's pulls deferred or read at once`, () => {
    const { x, y } = randomProblem(c.seed, c.n, c.p, { rho: 0.5, s: 8 });
    const taken = fitAllWays(x, y, { ...c.opts, updates: "naive" });
    assert.ok(taken > 0, "the passes took deferred pulls");
  });
}

test("pulls no pass read are computed apart (the last λ's at least)", () => {
  const { x, y } = randomProblem(7, 200, 50, { rho: 0.5 });
  const apart = deferredPullCounts.apart;
  fitAllWays(x, y, { updates: "naive", nlambda: 10 });
  assert.ok(deferredPullCounts.apart > apart);
});

test("the gaps of a large tall problem's path are deferred by default (their columns exceed the caches)", () => {
  // 3,000 rows × 1,000 columns, most of them entering: the strong set's columns exceed 16 MB late in the path.
  const { x, y } = randomProblem(8, 3000, 1000, { rho: 0.3, s: 600 });
  const taken = deferredPullCounts.byPasses;
  const path = fitPath(x, y, { updates: "naive", nlambda: 30 });
  assert.ok(deferredPullCounts.byPasses > taken, `deferred by default (df at the end ${path.df[path.df.length - 1]})`);
});
