// Checks of the benchmark's own machinery (generator, objective, λ sequence, accuracy comparison).
// Not part of npm test (which runs test/**); run with: node --import tsx --test bench/bench.test.ts
import assert from "node:assert/strict";
import { test } from "node:test";
import { objective as referenceObjective } from "../test/helpers/objective.js";
import { defaultLambda } from "./lambda.js";
import { compareAccuracy, objectiveScales, penalizedObjective } from "./objective.js";
import { diabetes, simulate, type BenchData } from "./problems.js";
import { benchRng, foldIds } from "./rng.js";

const small = (family: "gaussian" | "binomial", seed = 7): BenchData =>
  simulate({ key: "t", family, n: 300, p: 12, rho: 0.5, nonzeros: 4, snr: 3, seed });

test("the generator is seeded: same seed, same data; another seed, other data", () => {
  assert.deepEqual(small("gaussian").x, small("gaussian").x);
  assert.notDeepEqual(small("gaussian", 8).x, small("gaussian").x);
});

test("AR(1) columns: unit variance and neighbour correlation near rho", () => {
  const d = simulate({ key: "t", family: "gaussian", n: 20000, p: 3, rho: 0.5, nonzeros: 1, snr: 3, seed: 1 });
  const col = (j: number) => d.x.subarray(j * d.n, (j + 1) * d.n);
  const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;
  const cov = (a: Float64Array, b: Float64Array) => {
    const ma = mean(a), mb = mean(b);
    let s = 0;
    for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
    return s / a.length;
  };
  assert.ok(Math.abs(cov(col(2), col(2)) - 1) < 0.05);
  assert.ok(Math.abs(cov(col(0), col(1)) - 0.5) < 0.03);
  assert.ok(Math.abs(cov(col(0), col(2)) - 0.25) < 0.03);
});

test("fold ids are balanced and cover 1..nfolds", () => {
  const f = foldIds(benchRng(3), 103, 10);
  const counts = new Array(11).fill(0);
  for (const k of f) counts[k]++;
  assert.equal(counts[0], 0);
  for (let k = 1; k <= 10; k++) assert.ok(counts[k] === 10 || counts[k] === 11);
});

test("penalizedObjective equals the test helper's glmnet objective (gaussian, binomial, elastic net)", () => {
  for (const family of ["gaussian", "binomial"] as const) {
    const d = small(family);
    const rng = benchRng(11);
    const beta = Float64Array.from({ length: d.p }, () => (rng.uniform() < 0.5 ? 0 : rng.normal() / 3));
    for (const alpha of [1, 0.3]) {
      const mine = penalizedObjective(d, objectiveScales(d), family, alpha, 0.05, 0.2, beta, 0);
      const ref = referenceObjective({ n: d.n, p: d.p, data: d.x, names: d.names }, d.y, family,
        { alpha, lambda: 0.05, standardize: true, intercept: true }, 0.2, beta);
      assert.ok(Math.abs(mine - ref) <= 1e-12 * Math.abs(ref), `${family} α=${alpha}: ${mine} vs ${ref}`);
    }
  }
});

test("defaultLambda starts at the λ where the first coefficient leaves zero", async () => {
  const { fitPath } = await import("../src/solve/path.js");
  for (const d of [diabetes(), small("binomial")]) {
    const path = fitPath({ n: d.n, p: d.p, data: d.x, names: d.names }, d.y, { family: d.family });
    const mine = defaultLambda(d, 1);
    assert.ok(Math.abs(mine[0] - path.lambda[0]) <= 1e-10 * path.lambda[0], `${d.key}: ${mine[0]} vs ${path.lambda[0]}`);
    assert.ok(Math.abs(mine[5] - path.lambda[5]) <= 1e-10 * path.lambda[5]);
  }
});

test("compareAccuracy: the system with the lower objective is best, the other's gap is its excess", () => {
  const d = small("gaussian");
  const lambda = Float64Array.of(0.5, 0.1);
  const zero = { lambda, a0: Float64Array.of(0, 0), beta: new Float64Array(2 * d.p) };
  const ybar = d.y.reduce((a, b) => a + b, 0) / d.n;
  const centred = { lambda, a0: Float64Array.of(ybar, ybar), beta: new Float64Array(2 * d.p) };
  const r = compareAccuracy(d, "gaussian", 1, { a: zero, b: centred });
  assert.equal(r.maxGap.b, 0);
  assert.ok(r.maxGap.a > 0);
  assert.deepEqual(r.lambda, [0.5, 0.1]);
  // A system on another λ sequence is reported, not compared.
  const other = { ...centred, lambda: Float64Array.of(0.7, 0.3) };
  const r2 = compareAccuracy(d, "gaussian", 1, { a: zero, b: centred, c: other });
  assert.ok(Number.isNaN(r2.maxGap.c));
  assert.match(r2.compared.c, /differ/);
});
