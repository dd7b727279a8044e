// A fold's curvature kernels (irls-fold.wat, through Kernels.dotWsqVz and waxpyDotWsqVz): the numbers of
// dotWsq (or waxpyDotWsq) then dot, with vᵀz summed in the same read of the column, bit for bit against
// the TypeScript reference, at every length's blocks, pair and odd tail.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as ref from "../../src/linalg/reference.js";
import { kernelCalls } from "../../src/linalg/kernels.js";
import { kernelChoice, setKernels, Workspace } from "../../src/linalg/workspace.js";
import { rng } from "../helpers/random.js";

let choice: ReturnType<typeof kernelChoice>;
before(() => {
  choice = kernelChoice();
  setKernels("wasm");
});
after(() => setKernels(choice));

const LENGTHS = [1, 5, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 31, 64, 101, 1000, 1003, 4099];

function setUp(n: number, seed: number) {
  const ws = Workspace.create(6 * n + 64);
  ws.f64(1);
  const r = ws.f64(n), x = ws.f64(2 * n), v = ws.f64(n), out = ws.f64(4), vz = ws.f64(4);
  const g = rng(seed);
  for (let i = 0; i < n; i++) {
    r[i] = g.normal() * 10 ** Math.floor(4 * g.uniform() - 2);
    v[i] = g.uniform();
  }
  for (let i = 0; i < 2 * n; i++) x[i] = g.normal();
  return { ws, r, x, v, out, vz };
}

test("dotWsqVz: dotWsq and vᵀx in one read, the reference's numbers bit for bit", () => {
  for (const n of LENGTHS) {
    const { ws, r, x, v, out, vz } = setUp(n, n);
    const calls = kernelCalls.wasm;
    const s = ws.kernels.dotWsqVz(n, r, 0, x, n, v, 0, out, 1, vz, 2);
    if (n >= 16) assert.equal(kernelCalls.wasm, calls + 1, `n = ${n}: WebAssembly ran`);
    const want = new Float64Array(1);
    assert.ok(Object.is(s, ref.dotWsq(n, r, 0, x, n, v, 0, want, 0)), `n = ${n}: pull`);
    assert.ok(Object.is(out[1], want[0]), `n = ${n}: curvature`);
    assert.ok(Object.is(vz[2], ref.dot(n, v, 0, x, n)), `n = ${n}: vᵀx`);
  }
});

test("waxpyDotWsqVz: waxpyDotWsq and vᵀx of the next column in one read, the reference's numbers bit for bit", () => {
  for (const n of LENGTHS) {
    const { ws, r, x, v, out, vz } = setUp(n, 100 + n);
    const r0 = r.slice();
    const calls = kernelCalls.wasm;
    const s = ws.kernels.waxpyDotWsqVz(n, 0.37, v, 0, x, 0, r, 0, x, n, out, 3, vz, 0);
    if (n >= 16) assert.equal(kernelCalls.wasm, calls + 1, `n = ${n}: WebAssembly ran`);
    const want = new Float64Array(1);
    assert.ok(Object.is(s, ref.waxpyDotWsq(n, 0.37, v, 0, x, 0, r0, 0, x, n, want, 0)), `n = ${n}: pull`);
    assert.deepEqual(Array.from(r), Array.from(r0), `n = ${n}: the updated residual`);
    assert.ok(Object.is(out[3], want[0]), `n = ${n}: curvature`);
    assert.ok(Object.is(vz[0], ref.dot(n, v, 0, x, n)), `n = ${n}: vᵀx`);
  }
});
