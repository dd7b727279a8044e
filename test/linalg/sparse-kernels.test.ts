// The sparse X's WebAssembly kernels (wasm/sparse.wat) against their TypeScript reference: the same
// numbers bit for bit, for columns of every nonzero count's parity (the pairs and the odd last one),
// empty columns included; the f32-valued kernels (wasm/sparse32.wat) give the same numbers on values that
// are f32s, the u8-coded ones (wasm/sparse8.wat) on values from a table of at most 256; and the committed
// modules are what sparse.wat, sparse32.wat and sparse8.wat compile to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CODED_VALUES, f32Exact, SparseKernels, valueCodes, type CompressedColumns } from "../../src/linalg/sparse-kernels.js";
import { SPARSE32_KERNELS_WASM_BASE64, SPARSE8_KERNELS_WASM_BASE64, SPARSE_KERNELS_WASM_BASE64 } from "../../src/linalg/wasm/sparse.wasm.js";
import { rng } from "../helpers/random.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("recompiling sparse.wat gives exactly the committed sparse.wasm.ts", () => {
  const rebuilt = execFileSync(process.execPath, [`${root}scripts/build-wasm.mjs`, "--stdout", "sparse"], { encoding: "utf8" });
  assert.equal(rebuilt, readFileSync(`${root}src/linalg/wasm/sparse.wasm.ts`, "utf8"));
  for (const base64 of [SPARSE_KERNELS_WASM_BASE64, SPARSE32_KERNELS_WASM_BASE64, SPARSE8_KERNELS_WASM_BASE64]) {
    const bytes = Buffer.from(base64, "base64");
    assert.ok(WebAssembly.validate(bytes));
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort();
    assert.deepEqual(names, ["axpy", "axpydot", "dot", "dotwsq", "waxpy", "waxpydot", "waxpydotwsq"]);
  }
});

// Columns with 0..9 nonzeros and a long one of each parity.
const COUNTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 300, 301];
const n = 400;

type Kept = "f64" | "f32" | "u8";

/**
 * The columns and n-vectors twice: in a WebAssembly memory (after an odd f64, off 16-byte alignment) and in
 * plain arrays; values kept in the memory as `kept`: f64s, f32s (values that are f32s) or u8 codes (values
 * from a table of 9, negatives among them, the table just before the codes); as f64s in the plain arrays.
 */
function setUp(seed: number, kept: Kept = "f64") {
  const r = rng(seed);
  const levels = Array.from({ length: 9 }, () => r.normal() * 10 ** Math.floor(6 * r.uniform() - 3));
  const p = COUNTS.length;
  const cp = new Int32Array(p + 1);
  const rows: number[] = [], vals: number[] = [];
  COUNTS.forEach((count, j) => {
    const picked = new Set<number>();
    while (picked.size < count) picked.add(Math.floor(r.uniform() * n));
    for (const i of [...picked].sort((a, b) => a - b)) {
      rows.push(i);
      const value = kept === "u8" ? levels[Math.floor(r.uniform() * levels.length)] : r.normal() * 10 ** Math.floor(6 * r.uniform() - 3);
      vals.push(kept === "f32" ? Math.fround(value) : value);
    }
    cp[j + 1] = rows.length;
  });
  const nnz = rows.length;
  const memory = new WebAssembly.Memory({ initial: 4 });
  let at = 8;
  const f64 = (len: number) => { at = Math.ceil(at / 8) * 8; const a = new Float64Array(memory.buffer, at, len); at += 8 * len; return a; };
  const i32 = (len: number) => { const a = new Int32Array(memory.buffer, at, len); at += 4 * len; return a; };
  const f32s = (len: number) => { const a = new Float32Array(memory.buffer, at, len); at += 4 * len; return a; };
  const u8s = (len: number) => { const a = new Uint8Array(memory.buffer, at, len); at += len; return a; };
  const cpw = i32(p + 1), ixw = i32(nnz);
  cpw.set(cp);
  ixw.set(rows);
  let wasmCols: CompressedColumns;
  if (kept === "u8") {
    const table = f64(CODED_VALUES);
    const codes = u8s(nnz);
    table.set(valueCodes(Float64Array.from(vals), codes)!);
    wasmCols = { cp: cpw, ix: ixw, z: codes, table };
  } else {
    const z = kept === "f32" ? f32s(nnz) : f64(nnz);
    z.set(vals);
    wasmCols = { cp: cpw, ix: ixw, z };
  }
  const cell = f64(1);
  const vectors = () => ({ y: f64(n), v: f64(n), out: f64(p) });
  const wv = vectors();
  for (let i = 0; i < n; i++) {
    wv.y[i] = r.normal();
    wv.v[i] = r.uniform();
  }
  const tv = { y: Float64Array.from(wv.y), v: Float64Array.from(wv.v), out: new Float64Array(p) };
  const wasm = new SparseKernels(wasmCols, memory, cell);
  const ts = new SparseKernels({ cp, ix: Int32Array.from(rows), z: Float64Array.from(vals) });
  return { p, wasm, ts, wv, tv };
}

test("the sparse kernels run in WebAssembly on a memory's views and in TypeScript otherwise", () => {
  const { wasm, ts } = setUp(1);
  assert.ok(wasm.webAssembly);
  assert.ok(!ts.webAssembly);
});

const KEPT: Kept[] = ["f64", "f32", "u8"];
assert.equal(KEPT.length, 3);
for (const kept of KEPT) {
test(`every sparse kernel gives its TypeScript reference's numbers bit for bit (values kept as ${kept})`, () => {
  const { p, wasm, ts, wv, tv } = setUp(2, kept);
  assert.ok(wasm.webAssembly);
  assert.equal(p, COUNTS.length);
  for (let j = 0; j < p; j++) {
    const next = (j + 5) % p;
    const a = 0.37 * (j + 1);
    assert.equal(wasm.dot(j, wv.y), ts.dot(j, tv.y), `dot ${j}`);
    wasm.axpy(j, a, wv.y);
    ts.axpy(j, a, tv.y);
    assert.deepEqual(wv.y, tv.y, `axpy ${j}`);
    assert.equal(wasm.axpyDot(j, -a, wv.y, next), ts.axpyDot(j, -a, tv.y, next), `axpyDot ${j}`);
    wasm.waxpy(j, a, wv.v, wv.y);
    ts.waxpy(j, a, tv.v, tv.y);
    assert.deepEqual(wv.y, tv.y, `waxpy ${j}`);
    assert.equal(wasm.waxpyDot(j, a, wv.v, wv.y, next), ts.waxpyDot(j, a, tv.v, tv.y, next), `waxpyDot ${j}`);
    assert.equal(wasm.dotWsq(wv.y, j, wv.v, wv.out, j), ts.dotWsq(tv.y, j, tv.v, tv.out, j), `dotWsq ${j}`);
    assert.equal(wasm.waxpyDotWsq(j, -a, wv.v, wv.y, next, wv.out, next), ts.waxpyDotWsq(j, -a, tv.v, tv.y, next, tv.out, next), `waxpyDotWsq ${j}`);
    assert.deepEqual(wv.y, tv.y, `residual after column ${j}`);
    assert.deepEqual(wv.out, tv.out, `curvatures after column ${j}`);
  }
  // The numbers moved: the comparisons above were not of zeros.
  assert.ok(tv.out.some((q) => q > 0) && tv.y.some((v, i) => v !== wv.v[i]));
});
}

test("f32Exact: values an f32 holds exactly (integers, halves), and not others", () => {
  assert.ok(f32Exact(Float64Array.from([0, 1, 2, 3, -7, 0.5, 1e6])));
  assert.ok(!f32Exact(Float64Array.from([1, 0.1])));
  assert.ok(!f32Exact(Float64Array.from([2 ** 24 + 1])));
});

test("valueCodes: codes whose table gives each value back; null past 256 distinct values or for a −0", () => {
  const values = Float64Array.from([3, 1, 0.1, 3, -2.5, 1, 0, 1e300, 0.1]);
  const codes = new Uint8Array(values.length);
  const table = valueCodes(values, codes)!;
  assert.equal(table.length, CODED_VALUES);
  assert.deepEqual(Array.from(codes, (c) => table[c]), Array.from(values));
  assert.equal(new Set(codes).size, 6);
  const many = Float64Array.from({ length: 300 }, (_, t) => t % 257);
  assert.equal(valueCodes(many, new Uint8Array(many.length)), null);
  const exactly = Float64Array.from({ length: 600 }, (_, t) => (t % 256) / 7);
  const coded = new Uint8Array(exactly.length);
  const full = valueCodes(exactly, coded)!;
  assert.deepEqual(Array.from(coded, (c) => full[c]), Array.from(exactly));
  assert.equal(valueCodes(Float64Array.from([0, 1, -0]), new Uint8Array(3)), null);
  assert.equal(valueCodes(Float64Array.from([-0]), new Uint8Array(1)), null);
});

test("coded columns outside a memory run the TypeScript reference on their decoded values", () => {
  const values = Float64Array.from([2, 1, 2, 3, 1]);
  const codes = new Uint8Array(values.length);
  const table = valueCodes(values, codes)!;
  const cp = Int32Array.from([0, 2, 5]), ix = Int32Array.from([0, 3, 1, 2, 3]);
  const coded = new SparseKernels({ cp, ix, z: codes, table });
  const plain = new SparseKernels({ cp, ix, z: values });
  assert.ok(!coded.webAssembly);
  const v = Float64Array.from([0.5, -1, 2, 0.25]);
  for (const j of [0, 1]) assert.equal(coded.dot(j, v), plain.dot(j, v));
  assert.equal(coded.dot(1, v), 2 * -1 + 3 * 2 + 1 * 0.25);
});

test("the reference sums a column's even and odd nonzeros apart: s0 + s1", () => {
  const ts = new SparseKernels({ cp: Int32Array.from([0, 3]), ix: Int32Array.from([0, 1, 2]), z: Float64Array.from([1, 1e16, 1]) });
  const v = Float64Array.from([1, 1, 1]);
  // In order, (1 + 1e16) + 1 rounds to 1e16; s0 = 1 + 1 = 2, s1 = 1e16 give 1e16 + 2.
  assert.equal(ts.dot(0, v), 1e16 + 2);
});
