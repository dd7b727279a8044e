// Standardizing in WebAssembly (wasm/columns.wat, equal weights) gives the TypeScript loops' numbers bit
// for bit: the copy of X, the means, scales, Σ w·x̃² and which columns are usable, for every combination
// of intercept, standardize and √w rows, with constant, excluded, nearly constant and huge-scale columns.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ModelMatrix } from "../../src/data/matrix.js";
import { wasmKernelsAvailable, Workspace } from "../../src/linalg/workspace.js";
import { designRoom, standardizeCalls, standardizeDesign, type StandardizeHow } from "../../src/solve/standardize.js";
import { checkDesign } from "../../src/solve/checks.js";
import { fitPath } from "../../src/solve/path.js";
import { rng } from "../helpers/random.js";

/** The bytes of a typed array, so that equality is bit for bit (−0 and NaN included). */
const bits = (a: Float64Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

/** n × 7 columns: normal, shifted and scaled, constant, 0/1, one value apart, huge (the sd's rescaled sum), tiny. */
function design(seed: number, n: number): ModelMatrix {
  const r = rng(seed);
  const cols = [
    () => r.normal(),
    () => 1e3 + 250 * r.normal(),
    () => 4.25,
    () => (r.uniform() < 0.3 ? 1 : 0),
    (i: number) => (i === n - 1 ? 2 + 2 ** -40 : 2),
    () => 1e200 * r.normal(),
    () => 1e-160 * r.normal(),
  ];
  const data = new Float64Array(n * cols.length);
  cols.forEach((f, j) => {
    for (let i = 0; i < n; i++) data[j * n + i] = f(i);
  });
  return { n, p: cols.length, data, names: cols.map((_, j) => `x${j + 1}`) };
}

test("WebAssembly is available here, so the comparisons below exercise it", () => {
  assert.ok(wasmKernelsAvailable());
  assert.ok(Workspace.create(16, false, true).columns() !== null);
});

test("standardizeDesign in WebAssembly equals the TypeScript loops bit for bit", () => {
  const cases: string[] = [];
  const ran = standardizeCalls.wasm, swept = standardizeCalls.swept;
  for (const n of [2, 3, 17, 442, 20000]) {
    const x = design(n, n);
    const w = new Float64Array(n).fill(1 / n);
    for (const intercept of [true, false]) for (const standardize of [true, false]) for (const sqrtWeighted of [true, false]) {
      const excluded = new Uint8Array(x.p);
      excluded[1] = n === 17 ? 1 : 0;
      const how: StandardizeHow = { intercept, standardize, sqrtWeighted, excluded };
      const wasm = Workspace.create(designRoom(n, x.p), false, true);
      const plain = Workspace.create(4);
      assert.ok(wasm.wasm && !plain.wasm);
      const outA = wasm.f64(n * x.p), outB = new Float64Array(n * x.p);
      assert.ok(wasm.kernels.addressable(outA));
      const a = standardizeDesign(x, w, how, null, wasm, outA);
      const b = standardizeDesign(x, w, how, null, plain, outB);
      const label = `n=${n} intercept=${intercept} standardize=${standardize} sqrtWeighted=${sqrtWeighted}`;
      for (const key of ["mean", "scale", "xv", "usable"] as const) assert.equal(bits(a[key]), bits(b[key]), `${key}, ${label}`);
      assert.equal(bits(outA), bits(outB), `the copy of X, ${label}`);
      cases.push(label);
    }
  }
  assert.equal(cases.length, 40);
  assert.equal(standardizeCalls.wasm - ran, 40, "every case ran the WebAssembly loops");
  // Five columns of seven (the huge and tiny ones take sdOf's rescaled sum in TypeScript), four at n = 17 (one
  // excluded); at n = 20000, X is copied and swept two columns at a time.
  assert.equal(standardizeCalls.swept - swept, 40 * 5 - 8, "runs of columns swept in one call");
});

test("unequal weights, or a fold's rows, keep the TypeScript loops", () => {
  const n = 40;
  const x = design(7, n);
  const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
  const sum = w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) w[i] /= sum;
  const how: StandardizeHow = { intercept: true, standardize: true, sqrtWeighted: true, excluded: new Uint8Array(x.p) };
  const ran = standardizeCalls.wasm;
  const d = standardizeDesign(x, w, how, null, Workspace.create(designRoom(n, x.p), false, true));
  const rows = Int32Array.from({ length: 20 }, (_, i) => 2 * i);
  standardizeDesign(x, new Float64Array(20).fill(1 / 20), how, rows, Workspace.create(designRoom(20, x.p), false, true));
  assert.equal(standardizeCalls.wasm, ran);
  assert.deepEqual(Array.from(d.usable), [1, 1, 0, 1, 1, 1, 1]);
});

/** The error f throws (its message), or "" when it returns. */
function thrown(f: () => unknown): string {
  try {
    f();
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

test("X's values checked in the standardization's pass (WebAssembly) give checkDesign's verdict: the same error, or none", () => {
  const g = rng(11);
  const odd = [NaN, Infinity, -Infinity, 1e300, -1e300, 1e160, -0, 0];
  const ran = standardizeCalls.wasm;
  let errors = 0;
  for (let t = 0; t < 300; t++) {
    const n = 1 + Math.floor(g.uniform() * 9);
    const p = 1 + Math.floor(g.uniform() * 5);
    const data = Float64Array.from({ length: n * p }, () => (g.uniform() < 0.08 ? odd[Math.floor(g.uniform() * odd.length)] : g.normal()));
    // Constant columns, with 0 and −0 mixed.
    if (g.uniform() < 0.2) for (let i = 0; i < n; i++) data[i] = g.uniform() < 0.5 ? 0 : -0;
    const x: ModelMatrix = { n, p, data, names: Array.from({ length: p }, (_, j) => `x${j + 1}`) };
    const check = { intercept: g.uniform() < 0.5, standardize: g.uniform() < 0.5, excluded: Uint8Array.from({ length: p }, () => (g.uniform() < 0.2 ? 1 : 0)) };
    const how: StandardizeHow = { intercept: check.intercept, standardize: check.standardize, sqrtWeighted: true, excluded: check.excluded, check };
    const w = new Float64Array(n).fill(1 / n);
    const expected = thrown(() => checkDesign(x, check));
    const inWasm = thrown(() => standardizeDesign(x, w, how, null, Workspace.create(designRoom(n, p), false, true)));
    const inTs = thrown(() => standardizeDesign(x, w, how, null, Workspace.create(4)));
    assert.equal(inWasm, expected, `case ${t}`);
    assert.equal(inTs, expected, `case ${t}, TypeScript`);
    if (expected !== "") errors++;
  }
  assert.ok(errors > 50 && errors < 250, `${errors} of 300 cases refused: both kinds of case are tried`);
  assert.equal(standardizeCalls.wasm - ran, 300, "every case ran the WebAssembly pass");
});

test("fitPath, X checked in the standardization's pass: its errors still come before the outcome's, the first bad value before a scale", () => {
  const n = 30;
  const base = Float64Array.from({ length: 3 * n }, (_, k) => Math.sin(k * 1.7) + (k % 7));
  const y = Float64Array.from({ length: n }, (_, i) => i % 5);
  const badY = y.slice();
  badY[4] = NaN;
  const x = (edit: (d: Float64Array) => void): ModelMatrix => {
    const data = base.slice();
    edit(data);
    return { n, p: 3, data, names: ["a", "b", "c"] };
  };
  const nan = x((d) => (d[2 * n + 6] = NaN));
  const huge = x((d) => (d[0] = 1e200));
  const both = x((d) => ((d[0] = 1e200), (d[2 * n + 6] = NaN)));
  for (const [data, outcome] of [[nan, y], [nan, badY]] as const) assert.throws(() => fitPath(data, outcome, {}), /feature "c" is not a finite number in row 7/);
  assert.throws(() => fitPath(huge, badY, { standardize: false }), /feature "a" is on too large a scale/);
  assert.throws(() => fitPath(both, y, { standardize: false }), /feature "c" is not a finite number in row 7/);
  assert.throws(() => fitPath(x(() => {}), badY, {}), /outcome|response|y/i);
});
