// New Gram columns in batches (src/solve/gram-batch.ts): computing the strongest candidates' columns
// with an entering variable's changes no number of a covariance-update path, only how often X is read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { kernelCalls } from "../../src/linalg/kernels.js";
import { kernelChoice, setKernels } from "../../src/linalg/workspace.js";
import { GRAM_AHEAD_MAX, setGramBatch, strongestCandidates } from "../../src/solve/gram-batch.js";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GRAM_WASM_BASE64 } from "../../src/linalg/wasm/gram.wasm.js";
import { randomProblem } from "../helpers/random.js";

function fitWithBatch(b: number, x: Parameters<typeof fitPath>[0], y: ArrayLike<number>, options: FitOptions): Path {
  const previous = setGramBatch(b);
  try {
    return fitPath(x, y, options);
  } finally {
    setGramBatch(previous);
  }
}

test("covariance paths are the same bit for bit with 1 to 4 Gram columns per read of X, under both kernels", () => {
  const cases: [string, number, number, FitOptions][] = [
    ["lasso, n > p", 400, 120, { updates: "covariance" }],
    ["elastic net, weights", 300, 90, { updates: "covariance", alpha: 0.3, weights: Array.from({ length: 300 }, (_, i) => 1 + (i % 3)) }],
    ["p > n, pmax", 80, 150, { updates: "covariance", pmax: 40 }],
  ];
  assert.equal(cases.length, 3);
  const choice = kernelChoice();
  for (const kernels of ["wasm", "ts"] as const) {
    setKernels(kernels);
    try {
      for (const [name, n, p, options] of cases) {
        const { x, y } = randomProblem(n * 7 + p, n, p, { rho: 0.5, s: 15 });
        const one = fitWithBatch(1, x, y, options);
        assert.ok(one.lambda.length > 10 && Math.max(...one.df) > 10, `${name}: variables enter`);
        for (const b of [2, 3, 4]) {
          const wasm0 = kernelCalls.wasm;
          const batched = fitWithBatch(b, x, y, options);
          if (kernels === "wasm") assert.ok(kernelCalls.wasm > wasm0);
          assert.equal(batched.npasses, one.npasses, `${kernels} ${name} b=${b}: passes`);
          assert.deepEqual(batched.lambda, one.lambda);
          assert.deepEqual(batched.beta, one.beta, `${kernels} ${name} b=${b}`);
          assert.deepEqual(batched.devRatio, one.devRatio);
          assert.deepEqual(batched.gap, one.gap);
          assert.deepEqual(batched.warnings, one.warnings);
        }
      }
    } finally {
      setKernels(choice);
    }
  }
});

test("strongestCandidates: strong, usable, inactive, not k nor computed, by |g| descending, at most room", () => {
  const strong = Uint8Array.from([1, 1, 1, 0, 1, 1, 1, 1]);
  const usable = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1]);
  const slot = Int32Array.from([-1, 0, -1, -1, -1, -1, -1, -1]);
  const g = Float64Array.from([0.5, 9, -0.9, 5, 7, 0.1, -0.7, 0.8]);
  const ahead = new Map<number, unknown>([[7, null]]);
  // 1 is active, 3 not strong, 4 not usable, 7 computed already, 0 is k: left are 2 (0.9), 6 (0.7), 5 (0.1).
  assert.deepEqual(strongestCandidates(0, 3, { strong, usable, slot, g, ahead }), [2, 6, 5]);
  assert.deepEqual(strongestCandidates(0, 2, { strong, usable, slot, g, ahead }), [2, 6]);
  assert.deepEqual(strongestCandidates(2, 1, { strong, usable, slot, g, ahead }), [6], "k = 2 is left out: 6 (0.7) before 0 (0.5)");
  assert.deepEqual(strongestCandidates(0, 0, { strong, usable, slot, g, ahead }), []);
  const full = new Map<number, unknown>(Array.from({ length: GRAM_AHEAD_MAX }, (_, i) => [100 + i, null]));
  assert.deepEqual(strongestCandidates(0, 3, { strong, usable, slot, g, ahead: full }), [], "no more ahead past GRAM_AHEAD_MAX");
});

test("recompiling gram.wat gives exactly the committed gram.wasm.ts: dotcols2, dotcols4 and dotcolsx, under 4 KB", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "gram"], { encoding: "utf8" });
  assert.equal(rebuilt, readFileSync(`${root}src/linalg/wasm/gram.wasm.ts`, "utf8"));
  const bytes = Buffer.from(GRAM_WASM_BASE64, "base64");
  assert.ok(WebAssembly.validate(bytes) && bytes.length < 4096, `${bytes.length} bytes`);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(names, ["dotcols2", "dotcols4", "dotcolsx"]);
});
