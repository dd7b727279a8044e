// The second core (src/linalg/second-core.ts): a helper thread on the fit's shared memory computes part
// of each long dotColumns call. Each column's dot is the same kernel call whichever thread runs it, so
// a fit is the same bit for bit with threads 1 and 2. The helper is made to compute every column here
// (setSecondCoreSplit("helper")), so that these tests do not pass when it computes none.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import type { ModelMatrix } from "../../src/data/matrix.js";
import { kernelChoice, setKernels, Workspace } from "../../src/linalg/workspace.js";
import { dotColumns as referenceDotColumns } from "../../src/linalg/reference.js";
import {
  attachSecondCore, DEFAULT_THREADS, secondCoreStats, setSecondCoreSplit, setSecondCoreThresholds, wantSecondCore, SECOND_CORE_CELLS,
} from "../../src/linalg/second-core.js";
import { DenseColumns } from "../../src/solve/columns.js";
import { randomProblem } from "../helpers/random.js";
import "../../src/linalg/second-core.node.js";

/** Run `f` with the helper computing every shared column and with thresholds low enough for small problems. */
function helperOnly<T>(f: () => T): T {
  const thresholds = setSecondCoreThresholds({ fitCells: 1, callCells: 1 });
  const split = setSecondCoreSplit("helper");
  try {
    return f();
  } finally {
    setSecondCoreSplit(split);
    setSecondCoreThresholds(thresholds);
  }
}

function assertSamePath(a: Path, b: Path): void {
  assert.equal(a.npasses, b.npasses, "passes");
  assert.deepEqual(a.lambda, b.lambda);
  assert.deepEqual(a.intercept, b.intercept);
  assert.deepEqual(a.devRatio, b.devRatio);
  assert.deepEqual(a.df, b.df);
  assert.deepEqual(a.beta, b.beta);
  assert.deepEqual(a.gap, b.gap);
  assert.deepEqual(a.warnings, b.warnings);
}

test("dotColumns on a shared memory: the helper's columns equal the reference's bit for bit", () => {
  const cases = [[17, 40, 0], [64, 300, 0], [501, 129, 3], [1000, 77, 11]];
  assert.equal(cases.length, 4);
  for (const [n, p, vo] of cases) {
    // WebAssembly whatever the size (small workspaces are plain arrays by default).
    const choice = kernelChoice();
    setKernels("wasm");
    const ws = Workspace.create(n * p + n + 2 * p + 64, true);
    setKernels(choice);
    assert.ok(ws.wasm, "a shared WebAssembly workspace");
    const x = ws.f64(n * p);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) * 1e3 + Math.cos(i);
    const v = ws.f64(n + vo);
    for (let i = 0; i < v.length; i++) v[i] = Math.cos(i * 1.3) / 7;
    const cols = ws.i32(p);
    // Every other column, backwards: the order of the list is kept; then every third, forwards (read side by side, dotcolsx).
    let count = 0;
    if (vo === 0 && n > 17) for (let j = 0; j < p; j += 3) cols[count++] = j;
    else for (let j = p - 1; j >= 0; j -= 2) cols[count++] = j;
    const out = ws.f64(p);
    const expected = new Float64Array(p);
    referenceDotColumns(n, x, cols, count, v, expected, vo);
    const before = secondCoreStats.helped;
    const core = attachSecondCore(ws);
    assert.ok(core !== null, "Node has worker threads and shared memory");
    try {
      helperOnly(() => ws.kernels.dotColumns(n, x, cols, count, v, out, vo));
    } finally {
      core.close();
    }
    assert.deepEqual(out, expected, `n = ${n}, p = ${p}`);
    assert.equal(secondCoreStats.helped - before, count, "the helper computed every column");
  }
});

/** Fit with threads 1, then with threads 2 and the helper computing every shared column. */
function fitBoth(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions): { one: Path; two: Path; helped: number } {
  const one = fitPath(x, y, { ...options, threads: 1 });
  const started = secondCoreStats.started;
  const before = secondCoreStats.helped;
  const two = helperOnly(() => fitPath(x, y, { ...options, threads: 2 }));
  assert.equal(secondCoreStats.started - started, 1, "one helper started for the fit");
  return { one, two, helped: secondCoreStats.helped - before };
}

test("fits with and without the second core are the same bit for bit: gaussian (both updates), binomial, poisson", () => {
  const cases: [string, "gaussian" | "binomial" | "poisson", number, number, FitOptions][] = [
    ["gaussian naive, p > n", "gaussian", 120, 900, { updates: "naive" }],
    ["gaussian naive, gapTol", "gaussian", 300, 600, { updates: "naive", gapTol: 1e-8 }],
    ["binomial", "binomial", 200, 500, {}],
    ["poisson, elastic net", "poisson", 250, 400, { alpha: 0.5 }],
    ["gaussian covariance (new Gram columns)", "gaussian", 300, 400, { updates: "covariance" }],
  ];
  assert.equal(cases.length, 5);
  for (const [name, family, n, p, options] of cases) {
    const { x, y } = randomProblem(n + p, n, p, { family, rho: 0.4, s: 10 });
    const { one, two, helped } = fitBoth(x, y, { family, ...options });
    assert.ok(one.lambda.length > 5, `${name}: a path`);
    assertSamePath(one, two);
    assert.ok(helped > 0, `${name}: the helper computed columns (${helped})`);
  }
});

test("threads: 1 and small fits keep to one thread; the option is checked", () => {
  assert.equal(wantSecondCore(SECOND_CORE_CELLS, 1), false);
  assert.equal(wantSecondCore(SECOND_CORE_CELLS - 1, 2), false);
  assert.equal(wantSecondCore(SECOND_CORE_CELLS, 2), true);
  assert.equal(wantSecondCore(SECOND_CORE_CELLS), DEFAULT_THREADS >= 2, "the default on the main thread");
  const { x, y } = randomProblem(3, 50, 20);
  const started = secondCoreStats.started;
  fitPath(x, y, {});
  assert.equal(secondCoreStats.started, started, "no helper for a small fit");
  assert.throws(() => fitPath(x, y, { threads: 0 }), /threads/);
  assert.throws(() => fitPath(x, y, { threads: 1.5 }), /threads/);
});

test("Gram columns in one call (crossColumns, 1 to 5 at a time, shared or not) equal cross(j, k) entry by entry", () => {
  const n = 203, p = 60;
  const { x } = randomProblem(11, n, p, { rho: 0.3 });
  const choice = kernelChoice();
  const cases: ["wasm" | "ts", boolean][] = [["wasm", false], ["wasm", true], ["ts", false]];
  assert.equal(cases.length, 3);
  for (const [kernels, helped] of cases) {
    setKernels(kernels);
    const ws = Workspace.create(n * p + 8 * p + 64, helped);
    setKernels(choice);
    assert.equal(ws.wasm, kernels === "wasm");
    const data = ws.f64(n * p);
    data.set(x.data);
    const columns = new DenseColumns(ws.kernels, data, n, p);
    const cols = ws.i32(p);
    // Rows in a scrambled order, some left out.
    let count = 0;
    for (let j = 0; j < p; j++) if (j % 7 !== 3) cols[count++] = (j * 13) % p;
    const out = ws.f64(5 * p);
    const core = helped ? attachSecondCore(ws) : null;
    assert.equal(core !== null, helped);
    try {
      for (const ks of [[0], [17, 3], [59, 1, 30], [5, 6, 7, 8], [9, 40, 2, 33, 21]]) {
        out.fill(NaN);
        if (helped) helperOnly(() => columns.crossColumns(ks, ks.length, cols, count, out, p));
        else columns.crossColumns(ks, ks.length, cols, count, out, p);
        for (let m = 0; m < ks.length; m++) {
          for (let l = 0; l < count; l++) {
            const j = cols[l];
            assert.equal(out[m * p + j], columns.cross(j, ks[m]), `${kernels}${helped ? " shared" : ""}: (${j}, ${ks[m]})`);
          }
        }
      }
    } finally {
      core?.close();
    }
  }
});
