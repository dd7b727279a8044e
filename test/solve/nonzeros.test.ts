// The path's record of each λ's nonzero coefficients (src/solve/nonzeros.ts) lists them in WebAssembly
// (wasm/scan.wat's nonzeros) where the coefficients are in the workspace, and in TypeScript otherwise: the same
// indices, in order, for entries that are 0, −0, NaN, ±∞, subnormal or ordinary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Workspace, wasmKernelsAvailable } from "../../src/linalg/workspace.js";
import { Nonzeros, nonzeroCalls } from "../../src/solve/nonzeros.js";
import { rng } from "../helpers/random.js";

test("the nonzero coefficients listed in WebAssembly are the TypeScript ones, in order", () => {
  assert.ok(wasmKernelsAvailable());
  const calls = { ...nonzeroCalls };
  for (let seed = 1; seed <= 20; seed++) {
    const g = rng(seed);
    const p = 2048 + Math.floor(g.uniform() * 3000);
    const ws = Workspace.create(4 * p + 10000, false, true);
    assert.ok(ws.wasm);
    const list = new Nonzeros(ws, p);
    const inMemory = ws.f64(p);
    const odd = [0, -0, NaN, Infinity, -Infinity, 5e-324, -1e300];
    const rate = [0.001, 0.05, 0.5, 1][seed % 4];
    for (let j = 0; j < p; j++) inMemory[j] = g.uniform() < rate ? (g.uniform() < 0.5 ? odd[Math.floor(g.uniform() * odd.length)] : g.normal()) : seed % 5 === 0 ? -0 : 0;
    const plain = Float64Array.from(inMemory);
    const fromWasm = Array.from(list.of(inMemory));
    const fromTs = Array.from(list.of(plain));
    const expected = Array.from(plain.keys()).filter((j) => plain[j] !== 0);
    assert.deepEqual(fromWasm, expected, `seed ${seed}`);
    assert.deepEqual(fromTs, expected, `seed ${seed}`);
  }
  assert.equal(nonzeroCalls.wasm, calls.wasm + 20, "the WebAssembly list ran");
  assert.equal(nonzeroCalls.ts, calls.ts + 20);
});
