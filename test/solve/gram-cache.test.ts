// A fold's Gram entries from the full data's Gram columns (gram-cache.ts: the full column minus the
// held-out block's products) are the entries computed over the fold's rows directly, to rounding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CvMemory, foldOrder, foldRows } from "../../src/cv/copy.js";
import { cvPath, fitFull } from "../../src/cv/cv.js";
import { resolveFolds } from "../../src/cv/folds.js";
import { epochCalls } from "../../src/linalg/epoch.js";
import { setKernels } from "../../src/linalg/workspace.js";
import { viewFold, type FullCopy } from "../../src/solve/fold-view.js";
import { FILL_TOGETHER, foldsKeepGram, gramBounds, GramCache } from "../../src/solve/gram-cache.js";
import type { FitOptions } from "../../src/solve/types.js";
import { randomProblem } from "../helpers/random.js";

const cases: { name: string; opts: FitOptions; weighted: boolean }[] = [
  { name: "unweighted", opts: {}, weighted: false },
  { name: "weighted (some 0)", opts: {}, weighted: true },
  { name: "weighted, no intercept", opts: { intercept: false }, weighted: true },
  { name: "not standardized", opts: { standardize: false }, weighted: false },
  { name: "weighted, neither standardized nor centred", opts: { standardize: false, intercept: false }, weighted: true },
];
assert.equal(cases.length, 5);

/** Every usable pair's x̃_jᵀx̃_k of fold k, through the cache and directly, and the largest gap relative to √(G_jj·G_kk). */
function foldGap(full: FullCopy, weights: Float64Array, order: ReturnType<typeof foldOrder>, k: number, opts: FitOptions, memory: CvMemory): number {
  const rows = foldRows(order, k);
  const raw = Float64Array.from(rows, (i) => weights[i]);
  const sw = raw.reduce((s, v) => s + v, 0);
  const w = raw.map((v) => v / sw);
  const how = { intercept: opts.intercept ?? true, standardize: opts.standardize ?? true, sqrtWeighted: true, excluded: new Uint8Array(full.p) };
  const place = { fold: k, start: order.start[k], end: order.start[k + 1] };
  const cached = viewFold(full, place, w, sw, how, memory.workspace(1));
  const direct = viewFold({ ...full, gram: undefined }, place, w, sw, how, memory.workspace(2));
  let worst = 0, pairs = 0;
  for (let kk = 0; kk < full.p; kk++) {
    if (!direct.usable[kk]) continue;
    for (let j = 0; j < full.p; j++) {
      if (!direct.usable[j]) continue;
      const a = cached.columns.cross(j, kk), b = direct.columns.cross(j, kk);
      const scale = Math.sqrt(direct.columns.cross(j, j) * direct.columns.cross(kk, kk));
      worst = Math.max(worst, Math.abs(a - b) / scale);
      pairs++;
    }
  }
  assert.ok(pairs >= 30 * 30, `fold ${k}: ${pairs} pairs compared`);
  return worst;
}

for (const c of cases) {
  for (const kernels of ["ts", "wasm"] as const) {
    test(`a fold's Gram entries from the full data's columns equal the direct ones (${c.name}; ${kernels} kernels)`, () => {
      const n = 230, p = 32, nfolds = 10;
      const { x, y } = randomProblem(p + (c.weighted ? 1 : 0), n, p, { rho: 0.6 });
      // Columns far from centred and of mixed scales, where full − block could lose digits if anything could.
      for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) x.data[j * n + i] = 50 * (j % 4) + (1 + j) * x.data[j * n + i];
      const weights = Float64Array.from({ length: n }, (_, i) => (c.weighted ? (i % 13 === 0 ? 0 : 0.2 + (i % 7) / 2) : 1));
      const { foldid } = resolveFolds(n, { nfolds, seed: 3 });
      const order = foldOrder(foldid, nfolds);
      const options: FitOptions = { ...c.opts, weights: c.weighted ? Array.from(weights) : undefined };
      setKernels(kernels);
      const memory = CvMemory.create(n, p, 3, false);
      try {
        const { full } = fitFull({ x, y, options, folds: order, memory });
        assert.ok(full.gram?.byFold, "a gaussian cross-validation with p < 500 keeps the full data's Gram columns, by fold");
        // Products kept by fold (as fitFull made them) and over all rows (where K·p² would not fit).
        const modes = [full, { ...full, gram: GramCache.create(p, Int32Array.of(0, n), false) }];
        assert.ok(!modes[1].gram!.byFold);
        for (const f of modes) {
          // The fold holding the copy's first rows, one inside, and the one holding its last rows.
          for (const k of [1, 5, nfolds]) {
            assert.ok(k !== 1 || order.start[k] === 0, "fold 1 holds the first rows");
            assert.ok(k !== nfolds || order.start[k + 1] === n, "the last fold holds the last rows");
            const worst = foldGap(f, weights, order, k, c.opts, memory);
            assert.ok(worst < 1e-12, `fold ${k} (${f.gram!.byFold ? "by fold" : "all rows"}): largest relative gap ${worst}`);
          }
        }
      } finally {
        setKernels("auto");
        memory.release();
      }
    });
  }
}

test("a column some other thread is filling is computed here, the same numbers", () => {
  const n = 50, p = 6;
  const { x } = randomProblem(9, n, p);
  const usable = new Uint8Array(p).fill(1);
  const memory = CvMemory.create(n, p, 1, false);
  const ws = memory.workspace(0);
  memory.copy.set(x.data);
  const copy = { x: memory.copy, rows: n, usable, kernels: ws.kernels };
  const cache = GramCache.create(p, Int32Array.of(0, n), false);
  const first = Float64Array.from(cache.column(3, copy));
  assert.ok(cache.ready(3));
  const other = GramCache.create(p, Int32Array.of(0, n), false);
  other.state[3] = 1; // FILLING, by a thread that never finishes
  assert.deepEqual(Array.from(other.column(3, copy)), Array.from(first));
  assert.ok(!other.ready(3));
  // Symmetric entries from a known column are the same numbers as computed afresh.
  const fifth = cache.column(5, copy);
  assert.equal(fifth[3], first[5]);
  assert.equal(first[3], ws.kernels.dot(n, memory.copy, 3 * n, memory.copy, 3 * n));
  memory.release();
});

test("which cross-validations keep the Gram columns", () => {
  assert.equal(foldsKeepGram(true, undefined, 300, 40), true, "glmnet's covariance rule, p < 500");
  assert.equal(foldsKeepGram(true, undefined, 10000, 1000), true, "tall: 4p ≤ n");
  assert.equal(foldsKeepGram(true, undefined, 3000, 1000), false, "naive updates, as glmnet");
  assert.equal(foldsKeepGram(true, "naive", 300, 40), false, "naive asked for");
  assert.equal(foldsKeepGram(true, "covariance", 300, 600), true, "covariance asked for");
  assert.equal(foldsKeepGram(false, undefined, 300, 40), false, "not least squares");
});

test("the cache keeps products by fold when K·p² fit its room, over all rows when p² do, else none", () => {
  const starts = Int32Array.of(0, 10, 20, 30, 40);
  assert.deepEqual(Array.from(gramBounds(starts, 5, 100)!), [0, 10, 20, 30, 40]);
  assert.deepEqual(Array.from(gramBounds(starts, 5, 99)!), [0, 40]);
  assert.equal(gramBounds(starts, 5, 24), null);
});

test("a tall cross-validation's folds (p ≥ 500, 4p ≤ n) run covariance passes in WebAssembly: the TypeScript passes' numbers", () => {
  const n = 2000, p = 500;
  const { x, y } = randomProblem(41, n, p, { rho: 0.5, s: 10 });
  assert.ok(p >= 500 && 4 * p <= n && foldsKeepGram(true, undefined, n, p), "folds on the Gram cache, the full path naive (p ≥ 500)");
  const options = { nfolds: 3, seed: 5, nlambda: 12 };
  const runs = (["auto", "ts"] as const).map((kernels) => {
    setKernels(kernels);
    try {
      const before = { ...epochCalls };
      const cv = cvPath(x, y, options);
      return { cv, passes: epochCalls.covariance - before.covariance, packed: epochCalls.packed - before.packed };
    } finally {
      setKernels("auto");
    }
  });
  assert.ok(runs[0].passes > 0, `the folds' covariance passes ran in WebAssembly (${runs[0].passes})`);
  assert.ok(runs[0].packed > 0, `their active-set cycles ran on the packed Gram block (${runs[0].packed})`);
  assert.equal(runs[1].passes, 0, "and not with the TypeScript kernels");
  assert.ok(runs[0].cv.cvm.length >= 10, `${runs[0].cv.cvm.length} λs`);
  assert.deepEqual(Array.from(runs[0].cv.cvm), Array.from(runs[1].cv.cvm));
  assert.deepEqual(runs[0].cv.path.beta, runs[1].cv.path.beta);
});

for (const kernels of ["ts", "wasm"] as const) {
  test(`columns filled together are the numbers filled one by one (by fold and over all rows; ${kernels} kernels)`, () => {
    const n = 233, p = 12, nfolds = 10;
    const { x } = randomProblem(17, n, p, { rho: 0.4 });
    const usable = new Uint8Array(p).fill(1);
    usable[4] = 0;
    const { start } = foldOrder(resolveFolds(n, { nfolds, seed: 2 }).foldid, nfolds);
    const byFold = Int32Array.from(start.subarray(1));
    assert.equal(byFold.length, nfolds + 1);
    setKernels(kernels);
    const memory = CvMemory.create(n, p, 1, false, 4 * nfolds * p + 4 * p + 64);
    try {
      const ws = memory.workspace(0);
      assert.equal(ws.wasm, kernels === "wasm");
      memory.copy.set(x.data);
      const scratch = { out: ws.f64(FILL_TOGETHER * nfolds * p), cols: ws.i32(p) };
      const copy = { x: memory.copy, rows: n, usable, kernels: ws.kernels, scratch };
      for (const bounds of [byFold, Int32Array.of(0, n)]) {
        const together = GramCache.create(p, bounds, false);
        const alone = GramCache.create(p, bounds, false);
        together.column(0, copy);
        // 0 is known already; four are claimed (3, 5, 6, 7), 9 is left for later. (Rows of column 4, not
        // usable, are 0; a solver never asks for its column.)
        together.fillTogether([0, 3, 5, 6, 7, 9], copy);
        assert.deepEqual([0, 3, 5, 6, 7, 9, 1].map((k) => together.ready(k)), [true, true, true, true, true, false, false]);
        together.fillTogether([9, 1], copy);
        for (const k of [0, 3, 5, 6, 7, 9, 1]) {
          assert.deepEqual(Array.from(together.column(k, copy)), Array.from(alone.column(k, copy)), `column ${k} (${bounds.length - 1} groups)`);
        }
        assert.ok(together.column(3, copy).some((v) => v !== 0));
        // Entry (4, 3)'s products, one per group, side by side at 4·K.
        const groups = bounds.length - 1;
        assert.deepEqual(Array.from(together.column(3, copy).subarray(4 * groups, 5 * groups)), new Array(groups).fill(0));
      }
    } finally {
      setKernels("auto");
      memory.release();
    }
  });
}
