// A fold fitted as a view of the full data's standardized copy (viewFold) is the fold standardized
// into a copy of its own: the same path and held-out predictions to rounding, for every family and
// every option that changes the standardization or the solver, on both kernels, fused or not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CvMemory, foldConstants, foldOrder } from "../../src/cv/copy.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitFold, fitFull, type FoldFit } from "../../src/cv/cv.js";
import { resolveFolds } from "../../src/cv/folds.js";
import { kernelCalls, setFusedSweepBytes } from "../../src/linalg/kernels.js";
import { irlsCalls } from "../../src/linalg/irls-epoch.js";
import { setKernels } from "../../src/linalg/workspace.js";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions } from "../../src/solve/types.js";
import { randomProblem } from "../helpers/random.js";

type Family = "gaussian" | "binomial" | "poisson";

function folds(fitOptions: FitOptions, x: ReturnType<typeof randomProblem>["x"], y: Float64Array, nfolds: number) {
  const { foldid } = resolveFolds(x.n, { nfolds, seed: 7 });
  const order = foldOrder(foldid, nfolds);
  const memory = CvMemory.create(x.n, x.p, 1, false);
  const { path, full } = fitFull({ x, y, options: fitOptions, folds: order, memory });
  const viewed: FoldFit[] = [];
  const copied: FoldFit[] = [];
  for (let k = 1; k <= nfolds; k++) {
    const task = { x, y, options: fitOptions, lambda: path.lambda, foldid, fold: k };
    viewed.push(fitFold(task, { copy: { full, folds: order, workspace: memory.workspace(0) } }));
    copied.push(fitFold(task));
  }
  return { path, viewed, copied };
}

/** Largest |a − b| relative to the largest |b| of the same λ. */
function gap(a: readonly FoldFit[], b: readonly FoldFit[]): number {
  let worst = 0;
  for (let f = 0; f < a.length; f++) {
    assert.equal(a[f].eta.length, b[f].eta.length, `fold ${f + 1}: number of λs`);
    assert.deepEqual(Array.from(a[f].rows), Array.from(b[f].rows));
    for (let l = 0; l < a[f].eta.length; l++) {
      const scale = Math.max(1, ...Array.from(b[f].eta[l], Math.abs));
      for (let t = 0; t < a[f].eta[l].length; t++) worst = Math.max(worst, Math.abs(a[f].eta[l][t] - b[f].eta[l][t]) / scale);
    }
  }
  return worst;
}

const cases: { name: string; family: Family; n: number; p: number; opts: FitOptions; weighted?: boolean; offset?: boolean }[] = [
  { name: "gaussian, naive updates", family: "gaussian", n: 240, p: 600, opts: {} },
  { name: "gaussian, covariance updates", family: "gaussian", n: 300, p: 40, opts: {} },
  { name: "gaussian, weights (some 0) and offset, elastic net", family: "gaussian", n: 260, p: 30, opts: { alpha: 0.4 }, weighted: true, offset: true },
  { name: "gaussian, naive, weights, no intercept", family: "gaussian", n: 200, p: 520, opts: { intercept: false }, weighted: true },
  { name: "gaussian, not standardized, penalty factors and limits", family: "gaussian", n: 220, p: 25, opts: { standardize: false, penaltyFactor: Array.from({ length: 25 }, (_, j) => (j === 3 ? 0 : 1 + (j % 3))), lowerLimits: -0.05, exclude: [7] } },
  { name: "binomial", family: "binomial", n: 300, p: 50, opts: {} },
  { name: "binomial, weights (some 0), offset, ridge", family: "binomial", n: 280, p: 30, opts: { alpha: 0 }, weighted: true, offset: true },
  { name: "binomial, no intercept, not standardized", family: "binomial", n: 250, p: 20, opts: { intercept: false, standardize: false } },
  { name: "poisson, weights and offset", family: "poisson", n: 300, p: 40, opts: { alpha: 0.7 }, weighted: true, offset: true },
  { name: "poisson, upper limits", family: "poisson", n: 260, p: 30, opts: { upperLimits: 0.2 } },
];

for (const c of cases) {
  for (const kernels of ["ts", "wasm"] as const) {
    test(`a fold viewing the full copy fits as its own copy does (${c.name}; ${kernels} kernels)`, () => {
      const { x, y } = randomProblem(c.n + c.p, c.n, c.p, { rho: 0.5, family: c.family });
      // A column constant in fold 2's training rows (it varies in fold 2's rows alone): usable on the
      // full data, left out of that fold; and one with two values, neither fold's alone.
      const { foldid } = resolveFolds(x.n, { nfolds: 5, seed: 7 });
      for (let i = 0; i < c.n; i++) x.data[2 * c.n + i] = foldid[i] === 2 ? 1 + (i % 3) : 0;
      for (let i = 0; i < c.n; i++) x.data[4 * c.n + i] = i < c.n / 2 ? 1 : 0;
      const weights = c.weighted ? Array.from(y, (_, i) => (i % 11 === 0 ? 0 : 0.3 + (i % 5) / 3)) : undefined;
      const offset = c.offset ? Array.from(y, (_, i) => 0.2 * Math.cos(i)) : undefined;
      const fitOptions: FitOptions = { family: c.family, ...c.opts, weights, offset, thresh: 1e-14, maxit: 1e7 };
      setKernels(kernels);
      const calls = kernelCalls.wasm;
      try {
        const { path, viewed, copied } = folds(fitOptions, x, y, 5);
        // The full data's fit in the folds' row order is fitPath's.
        const plain = fitPath(x, y, fitOptions);
        assert.equal(path.lambda.length, plain.lambda.length);
        for (let l = 0; l < plain.lambda.length; l++) assert.ok(Math.abs(path.lambda[l] / plain.lambda[l] - 1) < 1e-12, `λ ${l}`);
        assert.ok(Math.abs(path.devRatio[path.devRatio.length - 1] - plain.devRatio[plain.devRatio.length - 1]) < 1e-10);
        const worst = gap(viewed, copied);
        assert.ok(worst < 1e-8, `largest gap in the held-out predictions ${worst}`);
        assert.ok(worst > 0 || c.p < 30, "the two ways are computed differently, so at least one prediction differs by rounding");
        if (kernels === "wasm") assert.ok(kernelCalls.wasm > calls, "the WebAssembly kernels ran");
      } finally {
        setKernels("auto");
      }
    });
  }
}

// IRLS's passes on a fold's view run in WebAssembly (linalg/irls-epoch.ts) under the WebAssembly kernels:
// the held-out predictions are the TypeScript passes' bit for bit.
const irlsCases = cases.filter((c) => c.family !== "gaussian");
assert.equal(irlsCases.length, 5);
for (const c of irlsCases) {
  test(`a fold's view runs IRLS's passes in WebAssembly, the same bit for bit as in TypeScript (${c.name})`, () => {
    const { x, y } = randomProblem(c.n + c.p, c.n, c.p, { rho: 0.5, family: c.family });
    const weights = c.weighted ? Array.from(y, (_, i) => (i % 11 === 0 ? 0 : 0.3 + (i % 5) / 3)) : undefined;
    const offset = c.offset ? Array.from(y, (_, i) => 0.2 * Math.cos(i)) : undefined;
    const fitOptions: FitOptions = { family: c.family, ...c.opts, weights, offset, thresh: 1e-14, maxit: 1e7 };
    const viewedWith = (kernels: "ts" | "wasm"): { viewed: FoldFit[]; ran: number } => {
      setKernels(kernels);
      const before = irlsCalls.fold;
      try {
        return { viewed: folds(fitOptions, x, y, 5).viewed, ran: irlsCalls.fold - before };
      } finally {
        setKernels("auto");
      }
    };
    const wasm = viewedWith("wasm");
    const ts = viewedWith("ts");
    assert.ok(wasm.ran > 0, "no pass ran in WebAssembly on a fold's view");
    assert.equal(ts.ran, 0);
    assert.equal(wasm.viewed.length, 5);
    for (let f = 0; f < 5; f++) assert.deepEqual(wasm.viewed[f].eta, ts.viewed[f].eta, `fold ${f + 1}`);
  });
}

test("a fold's view gives the same path with the fused kernels and without", () => {
  const { x, y } = randomProblem(3, 300, 60, { rho: 0.6, family: "binomial" });
  const fitOptions: FitOptions = { family: "binomial", thresh: 1e-14, maxit: 1e7 };
  const before = setFusedSweepBytes(0);
  let unfused: FoldFit[];
  try {
    unfused = folds(fitOptions, x, y, 4).viewed;
  } finally {
    setFusedSweepBytes(before);
  }
  const fused = folds(fitOptions, x, y, 4).viewed;
  assert.ok(gap(fused, unfused) < 1e-9);
});

test("foldConstants finds the fold whose training rows hold one value in a column, exactly", () => {
  const foldid = [1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 4, 4];
  const folds = foldOrder(foldid, 4);
  const column = (f: (k: number, i: number) => number) => foldid.map((k, i) => f(k, i));
  const cases: [number[], number][] = [
    [column(() => 7), 0], // one value everywhere: no fold in particular (left out of every fit)
    [column((k) => (k === 3 ? 1 : 0)), 3], // fold 3's block alone differs
    [column((k, i) => (k === 2 ? i : 5)), 2], // fold 2's block is mixed, the rest one value
    [column((k) => (k === 1 ? 0 : 9)), 1], // the first block is the odd one
    [column((k) => (k <= 2 ? 0 : 1)), 0], // two values, two blocks each
    [column((k, i) => (k === 1 ? i : k === 2 ? -i : 4)), 0], // two mixed blocks
    [column((k) => (k === 4 ? 1 + 1e-16 : 1)), 0], // 1 + 1e-16 is 1: one value everywhere
    [column((k) => (k === 4 ? 1 + 2e-16 : 1)), 4], // and 1 + 2e-16 is not
    [column((k) => (k === 4 ? -0 : 0)), 0], // −0 equals 0
  ];
  const x = modelMatrix(cases.map((_, j) => `c${j}`), cases.map(([values]) => Float64Array.from(values)));
  assert.deepEqual(Array.from(foldConstants(x, folds)), cases.map(([, k]) => k));
});

test("cvPath reuses its thread's memory without clearing the copy: what an earlier fit left there is never read", async () => {
  const { cvPath } = await import("../../src/cv/cv.js");
  const a = randomProblem(41, 240, 90, { rho: 0.3, family: "binomial" });
  const b = randomProblem(42, 240, 90, { rho: 0.3, family: "binomial" });
  // b's column 5 is constant (left out of every fit), where a's copy leaves numbers in that memory.
  b.x.data.fill(2.5, 5 * 240, 6 * 240);
  const opts = { family: "binomial" as const, nfolds: 4, seed: 3 };
  const first = cvPath(b.x, b.y, opts);
  cvPath(a.x, a.y, opts);
  const again = cvPath(b.x, b.y, opts);
  assert.deepEqual(Array.from(again.cvm), Array.from(first.cvm));
  assert.deepEqual(Array.from(again.path.devRatio), Array.from(first.path.devRatio));
});
