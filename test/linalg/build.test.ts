// The committed WebAssembly is provably built from the source in the repo: recompiling
// src/linalg/wasm/kernels.wat with scripts/build-wasm.mjs gives exactly the committed module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { COLUMNS_WASM_BASE64 } from "../../src/linalg/wasm/columns.wasm.js";
import { EPOCH_GAP_WASM_BASE64, EPOCH_WASM_BASE64 } from "../../src/linalg/wasm/epoch.wasm.js";
import { IRLS_FOLD_WASM_BASE64, IRLS_WASM_BASE64 } from "../../src/linalg/wasm/irls.wasm.js";
import { KERNELS_WASM_BASE64 } from "../../src/linalg/wasm/kernels.wasm.js";
import { ROWS_WASM_BASE64 } from "../../src/linalg/wasm/rows.wasm.js";
import { ROWSPLIT_SHARED_WASM_BASE64 } from "../../src/linalg/wasm/rowsplit.wasm.js";
import { SOFTMAX_WASM_BASE64 } from "../../src/linalg/wasm/softmax.wasm.js";
import { SCAN_WASM_BASE64 } from "../../src/linalg/wasm/scan.wasm.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("recompiling kernels.wat gives exactly the committed kernels.wasm.ts", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/kernels.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
});

test("the committed module is WebAssembly small enough to compile synchronously on a browser's main thread", () => {
  const bytes = Buffer.from(KERNELS_WASM_BASE64, "base64");
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
  assert.ok(WebAssembly.validate(bytes));
  assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(names, ["axpy", "axpydot", "dot", "dotcols", "dotwsq", "sum", "waxpy", "waxpydot", "waxpydotwsq"]);
});

test("recompiling epoch.wat and epoch-gap.wat gives exactly the committed epoch.wasm.ts, modules the engine compiles", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "epoch"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/epoch.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
  const bytes = Buffer.from(EPOCH_WASM_BASE64, "base64");
  assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(names, ["covactive", "covlambda", "covpass", "covsave", "covsync", "naiveactive", "naivepass"]);
  const gap = Buffer.from(EPOCH_GAP_WASM_BASE64, "base64");
  assert.ok(gap.length < 4096, `epoch-gap: ${gap.length} bytes`);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(gap)).map((e) => e.name), ["covgap"]);
});

test("recompiling columns.wat gives exactly the committed columns.wasm.ts, a module the engine compiles", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "columns"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/columns.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
  const bytes = Buffer.from(COLUMNS_WASM_BASE64, "base64");
  assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(names, ["colcheck", "colscale", "colstats", "colsweep", "hi", "lo", "mean", "ss"]);
});

test("recompiling rows.wat gives exactly the committed rows.wasm.ts, a module the engine compiles", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "rows"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/rows.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
  const bytes = Buffer.from(ROWS_WASM_BASE64, "base64");
  assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort(), ["binomial", "exp"]);
});

test("recompiling softmax.wat gives exactly the committed softmax.wasm.ts, a module the engine compiles", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "softmax"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/softmax.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
  const bytes = Buffer.from(SOFTMAX_WASM_BASE64, "base64");
  assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(names, ["advanceexp", "expdiff", "quadratic", "rowsums"]);
});

test("recompiling irls.wat gives exactly the committed irls.wasm.ts, a module the engine compiles", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "irls"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/irls.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
  const bytes = Buffer.from(IRLS_WASM_BASE64, "base64");
  assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(names, ["active", "pass"]);
  const fold = Buffer.from(IRLS_FOLD_WASM_BASE64, "base64");
  assert.ok(fold.length < 4096, `irls-fold: ${fold.length} bytes`);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(fold)).map((e) => e.name).sort(), ["dotwsqvz", "waxpydotwsqvz"]);
});

test("recompiling rowsplit.wat gives exactly the committed rowsplit.wasm.ts, a module the engine compiles", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "rowsplit"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/rowsplit.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(Buffer.from(ROWSPLIT_SHARED_WASM_BASE64, "base64"))).map((e) => e.name).sort();
  assert.deepEqual(names, ["axpy", "axpydot", "dot", "dotwsq", "leave", "left", "serve", "setup", "sum", "waxpy", "waxpydot", "waxpydotwsq"]);
});

test("recompiling scan.wat gives exactly the committed scan.wasm.ts, a module the engine compiles", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "scan"], { encoding: "utf8" });
  const committed = readFileSync(`${root}src/linalg/wasm/scan.wasm.ts`, "utf8");
  assert.equal(rebuilt, committed);
  const bytes = Buffer.from(SCAN_WASM_BASE64, "base64");
  assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
  assert.deepEqual(names, ["computed", "gather", "mark", "nonzeros", "outside", "penaltygap", "pick", "pulls", "violations"]);
});
