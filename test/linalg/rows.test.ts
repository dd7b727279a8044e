// IRLS's binomial rows in WebAssembly (src/linalg/wasm/rows.wat): its exp is Math.exp to the bit (fdlibm's,
// as V8's), and its rows are irls-rows.ts's binomialRows to the bit (update, advance, the refused step, odd
// n, η beyond logisticMean's bound, exp(1)); a binomial fit takes them, and is the same as with plain arrays.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setKernels, Workspace } from "../../src/linalg/workspace.js";
import { ETA_MAX_LOGIT } from "../../src/model/families/binomial.js";
import { binomialRows, NO_STEP, WasmBinomialRows } from "../../src/solve/irls-rows.js";
import { fitPath } from "../../src/solve/path.js";
import { randomProblem, rng } from "../helpers/random.js";

/** A workspace on WebAssembly memory with room for `doubles` f64s. */
function wasmWorkspace(doubles: number): Workspace {
  setKernels("wasm");
  try {
    return Workspace.create(doubles);
  } finally {
    setKernels("auto");
  }
}

/** Values where fdlibm's exp takes each of its branches, and their neighbours. */
const SPECIAL = [
  0, -0, 1, -1, 0.5, -0.5, 2 ** -28, -(2 ** -28), 2 ** -29, 2 ** -27, 1e-300, -1e-300, 5e-324,
  0.34657359027997264, -0.34657359027997264, 0.3465735902799727, -0.3465735902799727,
  1.0397207708399179, -1.0397207708399179, 1.039720770839918, -1.039720770839918,
  Math.LN2, -Math.LN2, ETA_MAX_LOGIT, -ETA_MAX_LOGIT, 20.8, -20.8, 699.9, -699.9, 0.5 * Math.LN2, 1.5 * Math.LN2,
];

test("rows.wat's exp is Math.exp to the bit on |x| < 700 (fdlibm's branches, random values at every scale)", () => {
  const n = 200_000;
  const ws = wasmWorkspace(2 * n + 64);
  const x = ws.f64(n), out = ws.f64(n);
  const g = rng(5);
  for (let i = 0; i < n; i++) {
    const scale = [1e-12, 1e-6, 0.5, 2, 30, 700][i % 6];
    x[i] = i < SPECIAL.length ? SPECIAL[i] : (2 * g.uniform() - 1) * scale;
  }
  ws.rows()!.exp(n, ws.kernels.address(x), ws.kernels.address(out));
  let bad = 0;
  for (let i = 0; i < n; i++) if (!Object.is(out[i], Math.exp(x[i]))) bad++;
  assert.equal(bad, 0);
  assert.equal(out[2], Math.E);
});

/** y, w, η, v, r₀ and s of n rows (η at every scale, some beyond the bound and at ±1); in the workspace. */
function rowsIn(ws: Workspace, n: number, seed: number) {
  const g = rng(seed);
  const a = { y: ws.f64(n), w: ws.f64(n), eta: ws.f64(n), v: ws.f64(n), r0: ws.f64(n), r: ws.f64(n), mu: ws.f64(n) };
  for (let i = 0; i < n; i++) {
    a.y[i] = g.uniform() < 0.4 ? 1 : 0;
    a.w[i] = i === 3 ? 0 : (0.5 + g.uniform()) / n;
    a.eta[i] = i < SPECIAL.length ? -SPECIAL[i] : g.normal() * [0.1, 1, 5, 30][i % 4];
    a.v[i] = (0.01 + g.uniform()) / n;
    a.r0[i] = g.normal() / n;
    a.r[i] = g.normal() / n;
  }
  return a;
}

for (const n of [1, 2, 3, 1001, 1000]) {
  test(`rows.wat's binomial rows are binomialRows to the bit: update and advance (n = ${n})`, () => {
    for (const step of [false, true]) {
      const ws = wasmWorkspace(8 * n + 64);
      const a = rowsIn(ws, n, 7 + n);
      const b = { eta: a.eta.slice(), v: a.v.slice(), r: a.r.slice(), mu: new Float64Array(n) };
      const rows = WasmBinomialRows.of(ws, a.y, a.w, a.mu);
      assert.ok(rows !== null, "the rows run in WebAssembly");
      const sumA = step ? rows.advance(a.eta, a.r0, a.v, a.r) : rows.update(a.eta, a.v, a.r);
      const sumB = binomialRows(b.eta, step ? a.r0 : null, a.y, a.w, b.mu, b.v, b.r);
      assert.ok(Object.is(sumA, sumB), `Σ v: ${sumA} against ${sumB}`);
      for (const k of ["eta", "mu", "v", "r"] as const) {
        for (let i = 0; i < n; i++) assert.ok(Object.is(a[k][i], b[k][i]), `${k}[${i}]: ${a[k][i]} against ${b[k][i]}`);
      }
    }
  });
}

test("rows.wat refuses a step where some v_i is not positive, changing nothing", () => {
  const n = 101;
  const ws = wasmWorkspace(8 * n + 64);
  const a = rowsIn(ws, n, 3);
  a.v[60] = 0;
  const before = [a.eta.slice(), a.v.slice(), a.r.slice(), a.mu.slice()];
  assert.equal(WasmBinomialRows.of(ws, a.y, a.w, a.mu)!.advance(a.eta, a.r0, a.v, a.r), NO_STEP);
  assert.deepEqual([a.eta, a.v, a.r, a.mu].map((x) => Array.from(x)), before.map((x) => Array.from(x)));
});

test("a binomial path takes the WebAssembly rows, and is the same path bit for bit as with plain arrays", () => {
  const { x, y } = randomProblem(23, 400, 30, { rho: 0.3, family: "binomial" });
  let calls = 0;
  const rows = WasmBinomialRows.prototype as unknown as { update: (...a: unknown[]) => number };
  const update = rows.update;
  rows.update = function (this: unknown, ...a: unknown[]) {
    calls++;
    return update.apply(this, a);
  };
  let a, b;
  try {
    setKernels("wasm");
    a = fitPath(x, y, { family: "binomial" });
    setKernels("ts");
    b = fitPath(x, y, { family: "binomial" });
  } finally {
    setKernels("auto");
    rows.update = update;
  }
  assert.ok(calls > 0, "the WebAssembly rows ran");
  assert.equal(a.npasses, b.npasses);
  assert.deepEqual(Array.from(a.intercept), Array.from(b.intercept));
  assert.deepEqual(Array.from(a.devRatio), Array.from(b.devRatio));
  assert.deepEqual(Array.from(a.gap!), Array.from(b.gap!));
  for (let l = 0; l < a.beta.length; l++) assert.deepEqual(Array.from(a.beta[l].value), Array.from(b.beta[l].value));
});
