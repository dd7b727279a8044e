import { test } from "node:test";
import assert from "node:assert/strict";
import { makeDesign, sampleData, populationCovariance, signalVariance, type Design } from "../../src/simulate/design.js";
import { createRng } from "../../src/random/rng.js";
import { SCENARIOS, scenario } from "../../src/simulate/scenarios.js";
import { OptionError } from "../../src/errors.js";

/** Sample covariance of the columns (1/n, mean removed), row-major p×p. */
function sampleCovariance(x: { n: number; p: number; data: Float64Array }): Float64Array {
  const { n, p, data } = x;
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) mean[j] += data[j * n + i] / n;
  const c = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[j * n + i] - mean[j]) * (data[k * n + i] - mean[k]);
    c[j * p + k] = s / n;
  }
  return c;
}

function assertCovarianceNear(design: Design, seed: number) {
  const n = 20000;
  const { x } = sampleData(design, createRng(seed), n);
  const c = sampleCovariance(x);
  // Each sample covariance has standard error at most √(2/n) for unit variances.
  const tol = 5 * Math.sqrt(2 / n);
  for (let i = 0; i < design.p * design.p; i++) {
    assert.ok(Math.abs(c[i] - design.covariance[i]) < tol, `entry ${i}: ${c[i]} vs ${design.covariance[i]}`);
  }
}

test("population covariances: AR(1) decays as ρ^|j−k|, blocks are equicorrelated", () => {
  const ar = populationCovariance({ type: "ar1", rho: 0.5 }, 4);
  assert.equal(ar[0 * 4 + 3], 0.125);
  assert.equal(ar[2 * 4 + 1], 0.5);
  const block = populationCovariance({ type: "block", rho: 0.3, blockSize: 2 }, 4);
  assert.deepEqual([...block], [1, 0.3, 0, 0, 0.3, 1, 0, 0, 0, 0, 1, 0.3, 0, 0, 0.3, 1]);
});

test("samples have the population covariance: independent, AR(1), blocks, custom", () => {
  assertCovarianceNear(makeDesign({ n: 10, p: 4 }), 1);
  assertCovarianceNear(makeDesign({ n: 10, p: 5, correlation: { type: "ar1", rho: -0.7 } }), 2);
  assertCovarianceNear(makeDesign({ n: 10, p: 5, correlation: { type: "block", rho: 0.6, blockSize: 2 } }), 3);
  const cov = [[2, 0.5, 0.3], [0.5, 1, -0.4], [0.3, -0.4, 1.5]];
  assertCovarianceNear(makeDesign({ n: 10, p: 3, correlation: { type: "custom", covariance: cov } }), 4);
});

test("true coefficients: s nonzeros of the given size, sign pattern and positions", () => {
  const d = makeDesign({ n: 10, p: 10, s: 4, size: 2, signs: "alternating", positions: "spread" });
  assert.deepEqual([...d.support], [0, 2, 5, 7]);
  assert.deepEqual([...d.support].map((j) => d.beta[j]), [2, -2, 2, -2]);
  const e = makeDesign({ n: 10, p: 6, s: 2, size: [1, 3], signs: [-1, 1], positions: [4, 1] });
  assert.equal(e.beta[4], -1);
  assert.equal(e.beta[1], 3);
  assert.deepEqual([...e.support], [1, 4]);
  const given = makeDesign({ n: 10, p: 3, beta: [0, 1.5, 0] });
  assert.deepEqual([...given.support], [1]);
});

test("snr sets σ² = βᵀΣβ / snr, and the residual variance of y matches σ²", () => {
  const d = makeDesign({ n: 10, p: 6, s: 3, size: 1, correlation: { type: "ar1", rho: 0.5 }, snr: 2 });
  const signal = signalVariance(d.beta, d.covariance, d.p);
  // βᵀΣβ for β = (1,1,1,0,0,0) under AR(1) ρ = 0.5: 3 + 2·(0.5 + 0.5 + 0.25) = 5.5.
  assert.ok(Math.abs(signal - 5.5) < 1e-12);
  assert.ok(Math.abs(d.sigma ** 2 - 2.75) < 1e-12);
  const { y, eta } = sampleData(d, createRng(11), 20000);
  let rss = 0, ss = 0, mean = 0;
  for (let i = 0; i < y.length; i++) { rss += (y[i] - eta[i]) ** 2; mean += eta[i] / y.length; }
  for (let i = 0; i < y.length; i++) ss += (eta[i] - mean) ** 2;
  assert.ok(Math.abs(rss / y.length / 2.75 - 1) < 0.05, `noise variance ${rss / y.length}`);
  assert.ok(Math.abs(ss / y.length / 5.5 - 1) < 0.05, `signal variance ${ss / y.length}`);
});

test("binomial outcomes occur with probability 1/(1 + e^−η)", () => {
  const d = makeDesign({ n: 10, p: 3, beta: [1, -1, 0], intercept: 0.5, family: "binomial" });
  const { y, eta } = sampleData(d, createRng(3), 40000);
  let expected = 0, observed = 0;
  for (let i = 0; i < y.length; i++) { expected += 1 / (1 + Math.exp(-eta[i])); observed += y[i]; }
  const sd = Math.sqrt(y.length * 0.25);
  assert.ok(Math.abs(observed - expected) < 4 * sd, `${observed} ones, expected ${expected}`);
  assert.ok(y.every((v) => v === 0 || v === 1));
});

test("a sample of n rows is the first n rows of a larger sample from the same stream", () => {
  const d = makeDesign({ n: 30, p: 4, correlation: { type: "block", rho: 0.4, blockSize: 3 } });
  const small = sampleData(d, createRng(9));
  const big = sampleData(d, createRng(9), 60);
  for (let j = 0; j < 4; j++) for (let i = 0; i < 30; i++) assert.equal(small.x.data[j * 30 + i], big.x.data[j * 60 + i]);
  assert.deepEqual([...small.y], [...big.y.subarray(0, 30)]);
});

test("bad designs are refused with the option at fault", () => {
  const bad: Array<[() => unknown, RegExp]> = [
    [() => makeDesign({ n: 0, p: 3 }), /^n must be a positive integer/],
    [() => makeDesign({ n: 5, p: 3, s: 4 }), /^s must be an integer between 0 and p = 3/],
    [() => makeDesign({ n: 5, p: 3, sigma: 1, snr: 2 }), /as sigma or as snr, not both/],
    [() => makeDesign({ n: 5, p: 3, correlation: { type: "ar1", rho: 1 } }), /^rho for ar1/],
    [() => makeDesign({ n: 5, p: 2, correlation: { type: "custom", covariance: [[1, 2], [2, 1]] } }), /positive definite/],
    [() => makeDesign({ n: 5, p: 2, correlation: { type: "custom", covariance: [[1, 0.2], [0.3, 1]] } }), /symmetric/],
    [() => makeDesign({ n: 5, p: 3, beta: [1, 2] }), /beta/],
    [() => makeDesign({ n: 5, p: 3, s: 1, positions: [3] }), /position/],
    [() => makeDesign({ n: 5, p: 3, family: "binomial", snr: 1 }), /gaussian/],
    [() => makeDesign({ n: 5, p: 3, correlation: { type: "block", rho: 0.5, blockSize: 0 } }), /^blockSize must/],
    [() => makeDesign({ n: 5, p: 3, snr: -1 }), /^snr must/],
    [() => makeDesign({ n: 5, p: 3, s: 0, snr: 1 }), /^snr needs a nonzero signal.*give sigma instead/],
    [() => scenario("nope"), /^scenario must be one of strong/],
  ];
  for (const [f, message] of bad) assert.throws(f, (e: unknown) => e instanceof OptionError && message.test(e.message) && !e.message.includes("--"));
});

test("every scenario builds and has a one-line description", () => {
  for (const s of SCENARIOS) {
    const d = makeDesign(s.spec);
    assert.ok(d.support.length > 0, s.name);
    assert.ok(s.description.length > 20 && !s.description.includes("\n"), s.name);
  }
});
