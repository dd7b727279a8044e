// The multinomial solvers' row kernels (wasm/softmax.wat) against plain TypeScript: a class's exponentials
// bit for bit as Math.exp (fdlibm's exp, each of its ranges and edges), and the rows' sums of them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { kernelCalls, MIN_WASM_LENGTH } from "../../src/linalg/kernels.js";
import { kernelChoice, setKernels, Workspace } from "../../src/linalg/workspace.js";
import { rng } from "../helpers/random.js";

let choice: ReturnType<typeof kernelChoice>;
before(() => {
  choice = kernelChoice();
  setKernels("wasm");
});
after(() => setKernels(choice));

/** The edges of fdlibm's branches (½ln2, 1.5ln2, 2⁻²⁸, 708, the overflow and underflow thresholds) and around them. */
const EDGES = [
  0, -0, 1, -1, 2, 0.5 * Math.LN2, 1.5 * Math.LN2, 2 ** -28, 708, 709.782712893384, 745.1332191019411, 1e-300, 5e-324,
  Infinity, NaN, 0.34657359, 0.3465736, 1.0397207, 1.03972077, 707.9, 700, 30, 1e-10, 1e-8,
];

/** Values over every range of exp: tiny, k = 0, k = ±1, the common ones, near over- and underflow, the edges ± a few ulps. */
function values(seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  const f = new Float64Array(1), u = new BigInt64Array(f.buffer);
  for (const e of EDGES) {
    for (const s of [1, -1]) {
      f[0] = s * e;
      const base = u[0];
      for (let d = -3n; d <= 3n; d++) {
        u[0] = base + d;
        out.push(f[0]);
      }
    }
  }
  for (const scale of [1e-9, 1e-3, 0.3, 1, 2, 40, 800, 1500]) for (let i = 0; i < 4000; i++) out.push((r.uniform() - 0.5) * 2 * scale);
  for (let i = 0; i < 4000; i++) out.push(-r.uniform() * 60);
  return out;
}

test("expdiff: a class's exponentials, each bit for bit the number Math.exp gives", () => {
  const xs = values(7);
  for (const n of [xs.length, xs.length - 1]) {
    const ws = Workspace.create(4 * n + 16);
    ws.f64(1);
    const e = ws.f64(n), c = ws.f64(n), out = ws.f64(2 * n + 1);
    const r = rng(3);
    for (let i = 0; i < n; i++) {
      c[i] = r.normal() * 3;
      e[i] = xs[i] + c[i];
    }
    const before = kernelCalls.wasm;
    ws.kernels.expDiff(n, e, c, out, n + 1);
    assert.equal(kernelCalls.wasm, before + 1, "the WebAssembly kernel ran");
    for (let i = 0; i < n; i++) {
      const want = Math.exp(e[i] - c[i]);
      if (!Object.is(out[n + 1 + i], want)) assert.fail(`row ${i}: exp(${e[i] - c[i]}) = ${out[n + 1 + i]}, Math.exp ${want}`);
    }
    assert.equal(out[n], 0, "nothing written before the offset");
  }
});

test("expdiff: every length's pairs and odd last row, the reference below MIN_WASM_LENGTH", () => {
  for (let n = 1; n <= 2 * MIN_WASM_LENGTH + 3; n++) {
    const ws = Workspace.create(3 * n + 8);
    const e = ws.f64(n), c = ws.f64(n), out = ws.f64(n);
    for (let i = 0; i < n; i++) {
      e[i] = Math.sin(i + n) * 20;
      c[i] = i % 3 === 0 ? 1e-300 : Math.cos(i) * 2;
    }
    ws.kernels.expDiff(n, e, c, out, 0);
    for (let i = 0; i < n; i++) assert.ok(Object.is(out[i], Math.exp(e[i] - c[i])), `n = ${n}, row ${i}`);
  }
});

test("rowsums: the rows' sums in class order where within [1e-250, 1e250], a count of the others left as they were", () => {
  for (const [n, K] of [[1001, 5], [1000, 2], [17, 3], [9, 4]] as const) {
    const ws = Workspace.create(K * n + 2 * n + 8);
    const ex = ws.f64(K * n), sum = ws.f64(n);
    const r = rng(n + K);
    for (let i = 0; i < K * n; i++) ex[i] = Math.exp(r.normal() * 5);
    // Rows past the bounds: overflow, underflow, NaN, on both lanes of a pair and on the odd last row.
    const outside = new Set([0, 1, 6, n - 1]);
    for (let l = 0; l < K; l++) {
      ex[l * n] = 1e250;
      ex[l * n + 1] = 1e-300;
      ex[l * n + n - 1] = 1e-260;
    }
    ex[(K - 1) * n + 6] = NaN;
    sum.fill(-7);
    const bad = ws.kernels.rowSums(n, K, ex, sum);
    assert.equal(bad, outside.size);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let l = 0; l < K; l++) s += ex[l * n + i];
      if (outside.has(i)) assert.equal(sum[i], -7, `row ${i} left as it was`);
      else assert.ok(Object.is(sum[i], s), `n = ${n}, K = ${K}, row ${i}: ${sum[i]} against ${s}`);
    }
  }
});

test("advanceexp: η += (r0 − r)/v, then exp(η − c), bit for bit as plain TypeScript", () => {
  for (const n of [1, 2, 15, 16, 17, 1000, 1001]) {
    const ws = Workspace.create(7 * n + 16);
    const eta = ws.f64(n), r0 = ws.f64(n), r = ws.f64(n), v = ws.f64(n), c = ws.f64(n), out = ws.f64(2 * n);
    const g = rng(n);
    for (let i = 0; i < n; i++) {
      eta[i] = g.normal() * 4;
      r0[i] = g.normal() * 1e-3;
      r[i] = g.normal() * 1e-3;
      v[i] = i % 7 === 0 ? 1e-12 : g.uniform() * 0.25;
      c[i] = g.normal();
    }
    const want = eta.slice(), wantEx = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      want[i] += (r0[i] - r[i]) / v[i];
      wantEx[i] = Math.exp(want[i] - c[i]);
    }
    ws.kernels.advanceExp(n, eta, r0, r, v, c, out, n);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(eta[i], want[i]), `n = ${n}, row ${i}: η`);
      assert.ok(Object.is(out[n + i], wantEx[i]), `n = ${n}, row ${i}: exp`);
    }
  }
});

test("quadratic: a class's weights and residuals at glmnet's bounds, Σv in row order, the largest p(1 − p), the rows without weight", () => {
  const PMIN = 1e-9, pfm = (1 + PMIN) * PMIN, pfx = (1 - PMIN) * (1 - PMIN);
  for (const n of [1, 2, 3, 16, 17, 999, 1000]) {
    const K = 3, o = n;
    const ws = Workspace.create((K + 7) * n + 16);
    const ex = ws.f64(K * n), s = ws.f64(n), y = ws.f64(K * n), w = ws.f64(n);
    const r = ws.f64(n), v = ws.f64(n), r0 = ws.f64(n), out = ws.f64(2);
    const g = rng(10 + n);
    for (let i = 0; i < n; i++) {
      s[i] = 1 + g.uniform() * 3;
      // Rows below the lower bound, above the upper one, on them, a NaN, a zero weight; the rest inside.
      const kind = i % 9;
      const p = kind === 0 ? 1e-12 : kind === 1 ? 1 - 1e-12 : kind === 2 ? pfm : kind === 3 ? pfx : g.uniform();
      ex[o + i] = kind === 4 && n > 100 ? NaN : p * s[i];
      y[o + i] = g.uniform() < 0.3 ? 1 : 0;
      w[i] = kind === 5 ? 0 : g.uniform() / n;
    }
    let vsum = 0, largest = 0, nonpositive = 0;
    const wv = new Float64Array(n), wr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let p = ex[o + i] / s[i];
      const inside = !(p < pfm) && !(p > pfx);
      if (!inside) p = p < pfm ? 0 : 1;
      wv[i] = inside ? w[i] * p * (1 - p) : 0;
      vsum += wv[i];
      if (!(wv[i] > 0)) nonpositive++;
      if (inside) largest = Math.max(largest, p * (1 - p));
      wr[i] = w[i] * (y[o + i] - p);
    }
    const before = kernelCalls.wasm;
    const got = ws.kernels.quadratic(n, ex, o, s, y, w, r, v, r0, out, pfm, pfx);
    if (n >= MIN_WASM_LENGTH) assert.equal(kernelCalls.wasm, before + 1, "the WebAssembly kernel ran");
    assert.ok(Object.is(got, vsum), `n = ${n}: Σv ${got} against ${vsum}`);
    assert.ok(Object.is(out[0], largest), `n = ${n}: largest p(1 − p)`);
    assert.equal(out[1], nonpositive, `n = ${n}: rows without weight`);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(v[i], wv[i]), `n = ${n}, row ${i}: v`);
      assert.ok(Object.is(r[i], wr[i]) && Object.is(r0[i], wr[i]), `n = ${n}, row ${i}: r`);
    }
  }
});
