// Fits under both kernels: the WebAssembly SIMD kernels (and the solvers' whole passes in WebAssembly:
// gaussian, linalg/epoch.ts; binomial and Poisson, linalg/irls-epoch.ts) and the TypeScript reference give the same path
// bit for bit (λs, coefficients, devRatio, passes), both match glmnet, and a WebAssembly fit runs every
// long kernel call in WebAssembly (no array of the solver was left outside the workspace).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import type { ModelMatrix } from "../../src/data/matrix.js";
import { epochCalls } from "../../src/linalg/epoch.js";
import { irlsCalls } from "../../src/linalg/irls-epoch.js";
import { kernelCalls, setFusedSweepBytes } from "../../src/linalg/kernels.js";
import { kernelChoice, setKernels, type KernelChoice } from "../../src/linalg/workspace.js";
import { REFERENCES, loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";
import { objective } from "../helpers/objective.js";
import { randomProblem } from "../helpers/random.js";
import { kktViolation } from "../helpers/kkt.js";

function fitWith(kernels: KernelChoice, x: ModelMatrix, y: ArrayLike<number>, opts: FitOptions): { path: Path; wasm: number; fallback: number } {
  const before = kernelChoice();
  const wasm0 = kernelCalls.wasm, fallback0 = kernelCalls.fallback;
  setKernels(kernels);
  try {
    const path = fitPath(x, y, opts);
    return { path, wasm: kernelCalls.wasm - wasm0, fallback: kernelCalls.fallback - fallback0 };
  } finally {
    setKernels(before);
  }
}

function assertSamePath(a: Path, b: Path): void {
  assert.equal(a.npasses, b.npasses, "passes");
  assert.deepEqual(a.lambda, b.lambda);
  assert.deepEqual(a.intercept, b.intercept);
  assert.deepEqual(a.devRatio, b.devRatio);
  assert.deepEqual(a.df, b.df);
  assert.deepEqual(a.beta, b.beta);
  assert.deepEqual(a.warnings, b.warnings);
}

/** Fit under both kernels; check they agree exactly and that the WebAssembly fit really ran WebAssembly. */
function fitBoth(x: ModelMatrix, y: ArrayLike<number>, opts: FitOptions, outsideWorkspace = false): { wasm: Path; ts: Path } {
  const w = fitWith("wasm", x, y, opts);
  const t = fitWith("ts", x, y, opts);
  assertSamePath(w.path, t.path);
  assert.equal(t.wasm + t.fallback, 0, "the TypeScript fit called WebAssembly");
  assert.ok(w.wasm > 0, "the WebAssembly fit made no WebAssembly call");
  if (outsideWorkspace) assert.ok(w.fallback > 0, "expected some arrays outside the workspace");
  else assert.equal(w.fallback, 0, "a long kernel call of the WebAssembly fit ran the reference: an array was outside the workspace");
  return { wasm: w.path, ts: t.path };
}

for (const name of REFERENCES) {
  const ref = loadReference(name);
  const { x, y } = referenceProblem(ref);
  const base = referenceOptions(ref);

  for (const updates of ["covariance", "naive"] as const) {
    test(`${name}, ${updates} updates: both kernels give the same path and match glmnet at its λs`, () => {
      const opts = { ...base, updates, lambda: ref.lambda, thresh: 1e-13 };
      const { wasm, ts } = fitBoth(x, y, opts);
      for (const [kernels, path] of [["wasm", wasm], ["ts", ts]] as const) {
        for (let k = 0; k < ref.lambda.length; k++) {
          const o = { ...base, lambda: ref.lambda[k] };
          const ours = objective(x, y, ref.family, o, path.intercept[k], coefficientsAt(path, k));
          const theirs = objective(x, y, ref.family, o, ref.intercept[k], ref.coefficients[k]);
          assert.ok((ours - theirs) / Math.abs(theirs) < 1e-7, `${kernels} λ[${k}]: objective ${ours} vs glmnet ${theirs}`);
        }
      }
    });
  }

  test(`${name}: the default path is the same under both kernels`, () => {
    fitBoth(x, y, { ...base, thresh: 1e-14 });
  });
}

// The IRLS references with offsets and weights (test/solve/offset-weights.test.ts checks them against glmnet
// in full): both kernels, the same path bit for bit, and glmnet's objective at its λs.
const IRLS_EXTRA = ["binomial_offset_weights", "poisson_offset_weights"] as const;
for (const name of IRLS_EXTRA) {
  const ref = loadReference(name) as ReturnType<typeof loadReference> & { offset: number[]; weights: number[]; alpha: number };
  const { x, y } = referenceProblem(ref);
  test(`${name}: both kernels give the same path and match glmnet at its λs`, () => {
    assert.ok(ref.offset.length === x.n && ref.weights.length === x.n, "the fixture has its offset and weights");
    const base = { family: ref.family, alpha: ref.alpha, weights: ref.weights, offset: ref.offset };
    const before = irlsCalls.passes;
    const { wasm, ts } = fitBoth(x, y, { ...base, lambda: ref.lambda, thresh: 1e-13 });
    assert.ok(irlsCalls.passes > before, "the WebAssembly fit ran no IRLS pass in WebAssembly");
    for (const [kernels, path] of [["wasm", wasm], ["ts", ts]] as const) {
      for (let k = 0; k < ref.lambda.length; k++) {
        const o = { alpha: ref.alpha, lambda: ref.lambda[k], standardize: true, intercept: true, weights: ref.weights, offset: ref.offset };
        const ours = objective(x, y, ref.family, o, path.intercept[k], coefficientsAt(path, k));
        const theirs = objective(x, y, ref.family, o, ref.intercept[k], ref.coefficients[k]);
        assert.ok((ours - theirs) / Math.abs(theirs) < 1e-7, `${kernels} λ[${k}]: objective ${ours} vs glmnet ${theirs}`);
      }
    }
  });
}

const cases: {
  name: string; n: number; p: number; rho: number; family?: "gaussian" | "binomial" | "poisson"; opts: FitOptions;
  /** Arrays the workspace has no room for: plain, so some kernel calls run the reference. */
  outsideWorkspace?: boolean;
}[] = [
  { name: "tall lasso, odd n", n: 201, p: 20, rho: 0.3, opts: {} },
  { name: "wide lasso, naive updates", n: 51, p: 200, rho: 0.5, opts: { updates: "naive" } },
  { name: "wide lasso, covariance updates past the Gram room", n: 50, p: 700, rho: 0.5, opts: { updates: "covariance" }, outsideWorkspace: true },
  { name: "covariance updates with pmax", n: 80, p: 60, rho: 0.5, opts: { pmax: 12 } },
  { name: "penalty factors and bounds", n: 120, p: 25, rho: 0.4, opts: { penaltyFactor: Array.from({ length: 25 }, (_, j) => (j % 5 === 0 ? 0 : 1 + (j % 3))), lowerLimits: -0.05, upperLimits: 0.2 } },
  { name: "weights, naive", n: 150, p: 30, rho: 0.5, opts: { weights: Array.from({ length: 150 }, (_, i) => 0.5 + (i % 4)), updates: "naive", alpha: 0.7 } },
  { name: "logistic lasso", n: 203, p: 30, rho: 0.4, family: "binomial", opts: {} },
  { name: "logistic wide elastic net with bounds", n: 61, p: 100, rho: 0.3, family: "binomial", opts: { alpha: 0.5, upperLimits: 0.5 } },
  { name: "logistic lasso with pmax", n: 150, p: 40, rho: 0.5, family: "binomial", opts: { pmax: 7 } },
  { name: "logistic ridge without an intercept, penalty factors", n: 120, p: 30, rho: 0.6, family: "binomial", opts: { alpha: 0, intercept: false, penaltyFactor: Array.from({ length: 30 }, (_, j) => (j % 4 === 0 ? 0 : 1)) } },
  { name: "poisson elastic net with bounds", n: 180, p: 35, rho: 0.5, family: "poisson", opts: { alpha: 0.3, lowerLimits: -0.1, upperLimits: 0.3 } },
  { name: "poisson lasso with weights and an offset", n: 199, p: 20, rho: 0.3, family: "poisson", opts: { weights: Array.from({ length: 199 }, (_, i) => 1 + (i % 3)), offset: Array.from({ length: 199 }, (_, i) => 0.1 * (i % 5)) } },
];

for (const c of cases) {
  test(`random problem, ${c.name}: both kernels give the same path, and KKT holds`, () => {
    const { x, y } = randomProblem(c.n * 13 + c.p, c.n, c.p, { rho: c.rho, family: c.family });
    const opts: FitOptions = { ...c.opts, family: c.family ?? "gaussian", thresh: 1e-14 };
    const { wasm } = fitBoth(x, y, opts, c.outsideWorkspace);
    assert.ok(wasm.lambda.length > 5);
    const expand = (v: unknown, fill: number) => new Array(c.p).fill(typeof v === "number" ? v : fill);
    for (let k = 1; k < wasm.lambda.length; k++) {
      const v = kktViolation(x, y, opts.family!, {
        alpha: opts.alpha ?? 1, lambda: wasm.lambda[k], intercept: opts.intercept ?? true,
        penaltyFactor: Array.isArray(opts.penaltyFactor) ? opts.penaltyFactor : undefined,
        weights: opts.weights as number[] | undefined,
        lower: expand(opts.lowerLimits, -Infinity), upper: expand(opts.upperLimits, Infinity),
      }, wasm.intercept[k], coefficientsAt(wasm, k));
      // The offset shifts η; the KKT helper has none, so check the others only.
      if (!opts.offset) assert.ok(v < 1e-6, `λ[${k}]: KKT violation ${v}`);
    }
  });
}

test("fused and unfused sweeps give the same path, bit for bit (the fusion threshold only changes speed)", () => {
  const problems = [
    { n: 301, p: 40, family: "gaussian" as const, opts: { updates: "naive" as const } },
    { n: 250, p: 30, family: "binomial" as const, opts: { alpha: 0.8 } },
    { n: 203, p: 25, family: "poisson" as const, opts: {} },
  ];
  for (const c of problems) {
    const { x, y } = randomProblem(c.n + c.p, c.n, c.p, { rho: 0.5, family: c.family });
    const opts: FitOptions = { ...c.opts, family: c.family };
    const before = setFusedSweepBytes(Infinity);
    try {
      const fused = fitBoth(x, y, opts).wasm;
      setFusedSweepBytes(0);
      const apart = fitBoth(x, y, opts).wasm;
      assertSamePath(fused, apart);
    } finally {
      setFusedSweepBytes(before);
    }
  }
});

test("gaussian fits run whole passes in WebAssembly, and only where asked (auto, wasm: yes; ts: no)", () => {
  const { x, y } = randomProblem(77, 120, 40, { rho: 0.5 });
  const cases = [
    { kernels: "wasm", updates: "covariance", ran: true },
    { kernels: "wasm", updates: "naive", ran: true },
    // A small problem (120 × 40): its workspace is WebAssembly too, from the thread's pool.
    { kernels: "auto", updates: "covariance", ran: true },
    { kernels: "auto", updates: "naive", ran: true },
    { kernels: "ts", updates: "covariance", ran: false },
    { kernels: "ts", updates: "naive", ran: false },
  ] as const;
  assert.equal(cases.length, 6);
  for (const c of cases) {
    const before = { ...epochCalls };
    const { path } = fitWith(c.kernels, x, y, { updates: c.updates });
    const ran = epochCalls[c.updates] - before[c.updates];
    assert.equal(ran > 0, c.ran, `${c.kernels}, ${c.updates}: ${ran} passes in WebAssembly`);
    assert.ok(path.lambda.length > 5);
  }
});

test("covariance cycles on the packed Gram block (epoch.wat's covpacked, covsyncpairs) give the in-place path bit for bit", () => {
  const cases: [string, number, number, FitOptions][] = [
    ["lasso, odd p", 300, 41, { updates: "covariance" }],
    ["elastic net, an unpenalized and an excluded feature", 250, 30, { updates: "covariance", alpha: 0.4, penaltyFactor: Array.from({ length: 30 }, (_, j) => (j === 3 ? 0 : 1)), exclude: [5] }],
    ["lower limits, weights", 200, 24, { updates: "covariance", lowerLimits: 0, weights: Array.from({ length: 200 }, (_, i) => 1 + (i % 4)) }],
    ["p > n, pmax", 60, 90, { updates: "covariance", pmax: 30 }],
  ];
  assert.equal(cases.length, 4);
  for (const [name, n, p, opts] of cases) {
    const { x, y } = randomProblem(81 + n, n, p, { rho: 0.5, s: 8 });
    const before = epochCalls.packed;
    const { wasm } = fitBoth(x, y, opts);
    assert.ok(epochCalls.packed > before, `${name}: no cycle ran on the packed block`);
    assert.ok(wasm.lambda.length > 5, `${name}: ${wasm.lambda.length} λs`);
  }
});

test("covariance λ steps (strong rule, passes, KKT check) and gaps in one WebAssembly call each give the TypeScript path bit for bit, gaps included", () => {
  const pf = (p: number) => Array.from({ length: p }, (_, j) => (j === 2 ? 0 : 1 + (j % 3) / 2));
  const cases: [string, number, number, FitOptions][] = [
    ["lasso", 442, 10, {}],
    ["elastic net, penalty factors, an excluded feature", 250, 30, { alpha: 0.3, penaltyFactor: Array.from({ length: 30 }, (_, j) => 1 + (j % 4)), exclude: [5] }],
    ["an unpenalized feature (the gap projects the dual point: TypeScript)", 200, 20, { alpha: 0.7, penaltyFactor: pf(20) }],
    ["limits on both sides, weights", 200, 24, { lowerLimits: -0.2, upperLimits: 0.5, weights: Array.from({ length: 200 }, (_, i) => 1 + (i % 4)) }],
    ["ridge, user λs", 120, 15, { alpha: 0, lambda: [3, 1, 0.3, 0.1, 0.03] }],
    ["p > n, pmax", 60, 90, { pmax: 20 }],
    ["gapTol", 300, 25, { gapTol: 1e-7 }],
    ["maxit reached", 300, 25, { maxit: 40 }],
  ];
  assert.equal(cases.length, 8);
  for (const [name, n, p, opts] of cases) {
    const { x, y } = randomProblem(97 + n + p, n, p, { rho: 0.6, s: 6 });
    const before = { ...epochCalls };
    const { wasm, ts } = fitBoth(x, y, { ...opts, updates: "covariance" });
    assert.deepEqual(wasm.gap, ts.gap, `${name}: gaps`);
    assert.ok(epochCalls.lambda - before.lambda >= wasm.lambda.length, `${name}: not every λ ran in one call`);
    assert.ok(epochCalls.gap > before.gap, `${name}: no gap computed in WebAssembly`);
    assert.ok(wasm.lambda.length >= 5, `${name}: ${wasm.lambda.length} λs`);
  }
});

test("binomial and Poisson fits run whole IRLS passes in WebAssembly, and only where asked (auto, wasm: yes; ts: no)", () => {
  const cases = [
    { kernels: "wasm", family: "binomial", ran: true },
    { kernels: "auto", family: "binomial", ran: true },
    { kernels: "ts", family: "binomial", ran: false },
    { kernels: "wasm", family: "poisson", ran: true },
    { kernels: "auto", family: "poisson", ran: true },
    { kernels: "ts", family: "poisson", ran: false },
  ] as const;
  assert.equal(cases.length, 6);
  for (const c of cases) {
    const { x, y } = randomProblem(78, 140, 30, { rho: 0.5, family: c.family });
    const before = irlsCalls.passes;
    const { path } = fitWith(c.kernels, x, y, { family: c.family });
    const ran = irlsCalls.passes - before;
    assert.equal(ran > 0, c.ran, `${c.kernels}, ${c.family}: ${ran} passes in WebAssembly`);
    assert.ok(path.lambda.length > 5);
  }
});
