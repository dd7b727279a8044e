// The gaussian naive passes and IRLS's split by rows across two threads (src/linalg/row-split.ts, wasm/rowsplit.wat):
// each pull is the sum of two halves' dots, so the path differs from one thread's in the last bits only.
// The helper is made to run every half here (setSecondCoreSplit("helper")), so that a wrong half (rows,
// addresses, the hand-off) shows in the coefficients and a split that never ran shows in the counter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { secondCoreStats, setSecondCoreSplit, setSecondCoreThresholds, type SecondCoreSplit } from "../../src/linalg/second-core.js";
import { rowSplitStats, setRowSplitAlone, setRowSplitRows } from "../../src/linalg/row-split.js";
import { setDeferredPullsBytes } from "../../src/solve/deferred-pulls.js";
import { randomProblem } from "../helpers/random.js";
import "../../src/linalg/second-core.node.js";

/** Run `f` with every fit given a helper and split passes from 64 rows, the halves taken as `split` says. */
function splitting<T>(split: SecondCoreSplit, f: () => T): T {
  const thresholds = setSecondCoreThresholds({ fitCells: 1, callCells: 1 });
  const rows = setRowSplitRows(64);
  const previous = setSecondCoreSplit(split);
  try {
    return f();
  } finally {
    setSecondCoreSplit(previous);
    setRowSplitRows(rows);
    setSecondCoreThresholds(thresholds);
  }
}

/** |a − b| ≤ tol·max|coefficient at that λ|, for every coefficient of every λ (as dense vectors of p). */
function assertCloseCoefficients(a: Path, b: Path, p: number, tol: number): void {
  assert.equal(a.beta.length, b.beta.length);
  for (let l = 0; l < a.beta.length; l++) {
    const [da, db] = [a.beta[l], b.beta[l]].map((s) => {
      const d = new Float64Array(p);
      s.index.forEach((j, m) => (d[j] = s.value[m]));
      return d;
    });
    const scale = Math.max(...da.map(Math.abs), Number.MIN_VALUE);
    for (let j = 0; j < p; j++) assert.ok(Math.abs(da[j] - db[j]) <= tol * scale, `λ ${l}, β_${j}: ${da[j]} vs ${db[j]}`);
  }
}

test("gaussian naive passes split by rows: the same passes, coefficients within 1e-12, every half run by the helper", () => {
  // Short paths: in "helper" mode every half waits for the helper, slow where the cores are busy.
  const cases: [string, number, number, FitOptions][] = [
    ["lasso, n > p", 400, 300, { nlambda: 20 }],
    ["elastic net, p > n, odd n", 333, 500, { alpha: 0.3, nlambda: 20 }],
  ];
  assert.equal(cases.length, 2);
  // Every size defers the duality gap's pulls to the passes, so that the split's deferred pulls are checked.
  const deferBytes = setDeferredPullsBytes(0);
  try {
    for (const [name, n, p, options] of cases) checkSplit(name, n, p, options);
  } finally {
    setDeferredPullsBytes(deferBytes);
  }
});

test("IRLS passes split by rows (binomial, poisson): the same passes, coefficients within 1e-12", () => {
  const cases: [string, number, number, FitOptions][] = [
    ["binomial", 400, 200, { family: "binomial", nlambda: 20 }],
    ["poisson, elastic net, odd n", 301, 150, { family: "poisson", alpha: 0.5, nlambda: 20 }],
  ];
  assert.equal(cases.length, 2);
  for (const [name, n, p, options] of cases) checkSplit(name, n, p, options);
});

/** Fit with threads 1, and 2 with the helper running every half, then 2 with either thread running them, then alone. */
function checkSplit(name: string, n: number, p: number, options: FitOptions): void {
  {
    const family = options.family === "binomial" || options.family === "poisson" ? options.family : "gaussian";
    const { x, y } = randomProblem(n * 7 + p, n, p, { rho: 0.5, s: 20, family });
    const opts: FitOptions = { ...options, updates: "naive" };
    const one = fitPath(x, y, { ...opts, threads: 1 });
    const [calls, helped, started] = [rowSplitStats.calls, rowSplitStats.helped, secondCoreStats.started];
    const two = splitting("helper", () => fitPath(x, y, { ...opts, threads: 2 }));
    assert.equal(secondCoreStats.started - started, 1, `${name}: a helper started`);
    assert.ok(rowSplitStats.calls > calls, `${name}: pass calls ran split`);
    assert.ok(rowSplitStats.helped - helped > 10 * (rowSplitStats.calls - calls), `${name}: the helper ran the halves (${rowSplitStats.helped - helped})`);
    assert.ok(one.lambda.length >= 15, `${name}: a path`);
    assert.equal(two.npasses, one.npasses, `${name}: passes`);
    assert.deepEqual(two.df, one.df, `${name}: df`);
    assertCloseCoefficients(one, two, p, 1e-12);
    // The caller taking halves the helper has not claimed: the same numbers, whoever ran each half.
    const shared = splitting("shared", () => fitPath(x, y, { ...opts, threads: 2 }));
    assert.deepEqual(shared.beta, two.beta, `${name}: the same bits whichever thread ran a half`);
    assert.equal(shared.npasses, two.npasses);
    // Both halves in the calling thread (what calls after a helper's stall do): the same sums, the same bits.
    const previous = setRowSplitAlone(true);
    const alone = rowSplitStats.alone;
    try {
      const solo = splitting("shared", () => fitPath(x, y, { ...opts, threads: 2 }));
      assert.deepEqual(solo.beta, two.beta, `${name}: the same bits with both halves in one thread`);
      assert.ok(rowSplitStats.alone > alone, `${name}: calls ran alone`);
    } finally {
      setRowSplitAlone(previous);
    }
  }
}
