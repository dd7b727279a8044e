// ncvreg's path (MCP, SCAD) on the workspace kernels: the WebAssembly SIMD and TypeScript kernels give the
// same path bit for bit, and a WebAssembly fit runs every long kernel call in WebAssembly (x̃ and the
// solver's n-vectors all live in the workspace).
import { test } from "node:test";
import assert from "node:assert/strict";
import { kernelCalls } from "../../src/linalg/kernels.js";
import { kernelChoice, setKernels, wasmKernelsAvailable, type KernelChoice } from "../../src/linalg/workspace.js";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { randomProblem } from "../helpers/random.js";

function fitWith(kernels: KernelChoice, family: "gaussian" | "binomial" | "poisson", opts: FitOptions): { path: Path; wasm: number; fallback: number } {
  const { x, y } = randomProblem(3, 300, 60, { rho: 0.4, family });
  const before = kernelChoice();
  const wasm0 = kernelCalls.wasm, fallback0 = kernelCalls.fallback;
  setKernels(kernels);
  try {
    return { path: fitPath(x, y, { family, ...opts }), wasm: kernelCalls.wasm - wasm0, fallback: kernelCalls.fallback - fallback0 };
  } finally {
    setKernels(before);
  }
}

const CASES = [
  { family: "gaussian", opts: { penalty: "mcp" } },
  { family: "binomial", opts: { penalty: "scad", alpha: 0.7 } },
  { family: "poisson", opts: { penalty: "mcp", penaltyFactor: { x2: 0 } } },
] as const;

test("this engine has the WebAssembly SIMD kernels (else the comparison below would be of one kernel with itself)", () => {
  assert.ok(wasmKernelsAvailable());
});

for (const c of CASES) {
  test(`${c.family} ${c.opts.penalty}: both kernels give the same path, and the WebAssembly fit ran no reference fallback`, () => {
    const w = fitWith("wasm", c.family, c.opts);
    const t = fitWith("ts", c.family, c.opts);
    assert.ok(w.path.lambda.length > 10, `λs ${w.path.lambda.length}`);
    assert.equal(w.path.npasses, t.path.npasses, "passes");
    assert.deepEqual(w.path.lambda, t.path.lambda);
    assert.deepEqual(w.path.intercept, t.path.intercept);
    assert.deepEqual(w.path.beta, t.path.beta);
    assert.deepEqual(w.path.devRatio, t.path.devRatio);
    assert.ok(w.wasm > 0, "the WebAssembly fit made no WebAssembly call");
    assert.equal(w.fallback, 0, "a long kernel call ran the reference: an array was outside the workspace");
    assert.equal(t.wasm + t.fallback, 0, "the TypeScript fit called WebAssembly");
  });
}
