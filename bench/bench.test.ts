// Checks of the benchmark's own machinery (generator, objective, λ sequence, accuracy comparison,
// the browser system against Node).
// Not part of npm test (which runs test/**); run with: node --import tsx --test bench/bench.test.ts
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Path } from "../src/solve/types.js";
import { objective as referenceObjective } from "../test/helpers/objective.js";
import { writeData, writeFolds } from "./exchange.js";
import { defaultLambda } from "./lambda.js";
import { fenchelYoung, relativeDualityGap } from "./gap.js";
import { compareAccuracy, largestDualityGap, objectiveScales, penalizedObjective, type PathCoefficients } from "./objective.js";
import { diabetes, problemFolds, simulate, type BenchData, type BenchProblem } from "./problems.js";
import { benchRng, foldIds } from "./rng.js";
import { findBrowser, runBrowser } from "./systems.js";

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

test("the benchmark's duality gap from coefficients equals Shrinkage's own Path.gap (gaussian, binomial, lasso, elastic net)", async () => {
  const { fitPath } = await import("../src/solve/path.js");
  const cases = [
    { d: diabetes(), alpha: 1 }, { d: diabetes(), alpha: 0.3 },
    { d: small("binomial"), alpha: 1 }, { d: small("binomial"), alpha: 0.5 },
    { d: simulate({ key: "w", family: "gaussian", n: 60, p: 150, rho: 0.5, nonzeros: 4, snr: 3, seed: 5 }), alpha: 1 },
  ];
  assert.equal(cases.length, 5);
  for (const { d, alpha } of cases) {
    const path = fitPath({ n: d.n, p: d.p, data: d.x, names: d.names }, d.y, { family: d.family, alpha });
    const dense = denseOf(path, d.p);
    const scales = objectiveScales(d);
    assert.ok(path.gap && path.gap.length === path.lambda.length && path.lambda.length > 10);
    let compared = 0;
    for (let k = 1; k < path.lambda.length; k++) {
      const mine = relativeDualityGap(d, scales, d.family, alpha, dense.lambda[k], dense.a0[k], dense.beta, k * d.p);
      const theirs = path.gap[k];
      // Both are differences of sums of order one: equal to a relative 1e-3 or an absolute 1e-12.
      assert.ok(Math.abs(mine - theirs) <= 1e-3 * theirs + 1e-12, `${d.key} α=${alpha} λ#${k}: ${mine} vs ${theirs}`);
      compared++;
    }
    assert.equal(compared, path.lambda.length - 1);
    assert.equal(largestDualityGap(d, scales, d.family, alpha, dense), Math.max(...Array.from(dense.lambda, (lam, k) => relativeDualityGap(d, scales, d.family, alpha, lam, dense.a0[k], dense.beta, k * d.p))));
  }
});

test("the duality gap is 0 at an exact solution and positive at a perturbed one", () => {
  const d = small("gaussian");
  const scales = objectiveScales(d);
  const ybar = d.y.reduce((a, b) => a + b, 0) / d.n;
  const lambda = defaultLambda(d, 1)[0];
  const zero = new Float64Array(d.p);
  // At λ_max the null model is the solution: the gap vanishes to rounding.
  assert.ok(relativeDualityGap(d, scales, "gaussian", 1, lambda, ybar, zero, 0) < 1e-12);
  const moved = zero.slice();
  moved[0] = 0.1;
  assert.ok(relativeDualityGap(d, scales, "gaussian", 1, lambda, ybar, moved, 0) > 1e-4);
  assert.ok(fenchelYoung(0.5, 0.2, 0.2, 0) === 0 && fenchelYoung(0, 0.3, 0.2, 0) === Infinity);
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

test("the browser system (Shrinkage in Chromium) fits the same path as Node: bit for bit for gaussian, CV included", { skip: browserSkip() }, async () => {
  const { fitPath } = await import("../src/solve/path.js");
  const { cvPath } = await import("../src/cv/cv.js");
  const dir = mkdtempSync(join(tmpdir(), "shrinkage-bench-test-"));
  try {
    const peer = findBrowser();
    const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const problem = (kind: "path" | "cv"): BenchProblem => ({ name: `t-${kind}`, data: "t", kind, alpha: 1, nfolds: 5, runs: 2, warmup: 1 });
    for (const family of ["gaussian", "binomial"] as const) {
      const d = small(family);
      writeData(dir, d);
      const run = runBrowser(peer, dir, d, problem("path"), 60_000, "src");
      assert.equal(run.status, "ok", run.message);
      assert.equal(run.times!.length, 2);
      const node = denseOf(fitPath({ n: d.n, p: d.p, data: d.x, names: d.names }, d.y, { family }), d.p);
      if (family === "gaussian") {
        assert.ok(bytes(run.coef!.lambda).equals(bytes(node.lambda)), "λ differ");
        assert.ok(bytes(run.coef!.a0).equals(bytes(node.a0)), "intercepts differ");
        assert.ok(bytes(run.coef!.beta).equals(bytes(node.beta)), "coefficients differ");
      } else {
        // Math.exp and Math.log may differ in the last bit between Chromium's V8 and Node's.
        assert.equal(run.coef!.lambda.length, node.lambda.length);
        const close = (a: Float64Array, b: Float64Array, what: string): void =>
          a.forEach((v, k) => assert.ok(Math.abs(v - b[k]) <= 1e-8 * Math.max(1, Math.abs(b[k])), `${what}[${k}]: ${v} vs ${b[k]}`));
        close(run.coef!.lambda, node.lambda, "λ");
        close(run.coef!.a0, node.a0, "intercept");
        close(run.coef!.beta, node.beta, "β");
      }
    }
    const d = small("gaussian", 9);
    writeData(dir, d);
    const foldid = problemFolds(d, 5);
    writeFolds(dir, foldid);
    const run = runBrowser(peer, dir, d, problem("cv"), 60_000, "src");
    assert.equal(run.status, "ok", run.message);
    assert.match(run.variant!, /^cvPath, 1 job/);
    const cv = cvPath({ n: d.n, p: d.p, data: d.x, names: d.names }, d.y, { family: "gaussian", foldid });
    const node = denseOf(cv.path, d.p);
    assert.ok(bytes(run.coef!.beta).equals(bytes(node.beta)), "CV: full-path coefficients differ");
    assert.equal(run.lambdaMin, cv.lambdaMin);
    assert.equal(run.lambda1se, cv.lambda1se);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function browserSkip(): string | false {
  const peer = findBrowser();
  return peer.available ? false : `browser missing: ${peer.reason}`;
}

function denseOf(path: Path, p: number): PathCoefficients {
  const L = path.lambda.length;
  const beta = new Float64Array(L * p);
  path.beta.forEach((b, k) => b.index.forEach((j, t) => { beta[k * p + j] = b.value[t]; }));
  return { lambda: Float64Array.from(path.lambda), a0: Float64Array.from(path.intercept), beta };
}
