// The WebAssembly SIMD kernels against the TypeScript reference: the same numbers bit for bit, at every
// length (the 4-element blocks, the pair and the odd tail of the summation order), offset and alignment.
import { after, before, test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import assert from "node:assert/strict";
import * as ref from "../../src/linalg/reference.js";
import { Kernels, kernelCalls, MIN_WASM_LENGTH, referenceKernels } from "../../src/linalg/kernels.js";
import { kernelChoice, MIN_WASM_DOUBLES, setKernels, wasmKernelsAvailable, Workspace, WorkspacePool } from "../../src/linalg/workspace.js";
import { rng } from "../helpers/random.js";

// Small workspaces are plain by default; these tests ask for WebAssembly whatever the size.
let choice: ReturnType<typeof kernelChoice>;
before(() => {
  choice = kernelChoice();
  setKernels("wasm");
});
after(() => setKernels(choice));

test("WebAssembly SIMD is available here, so the tests below exercise it", () => {
  assert.ok(wasmKernelsAvailable());
  assert.ok(Workspace.create(100).wasm);
});

// Every residue mod 8, below and above the shortest length sent to WebAssembly.
const LENGTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 31, 64, 101, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 4099];

/** A wasm workspace with x (several columns), y, w, r filled with values of mixed sign and magnitude. */
function setUp(seed: number, n: number, cols: number) {
  const ws = Workspace.create(n * cols + 3 * n + 64);
  // An odd-length first view shifts every later view off 16-byte alignment.
  ws.f64(1);
  const x = ws.f64(n * cols), y = ws.f64(n), w = ws.f64(n + 1);
  const r = rng(seed);
  const draw = () => r.normal() * 10 ** Math.floor(6 * r.uniform() - 3);
  for (let i = 0; i < x.length; i++) x[i] = draw();
  for (let i = 0; i < n; i++) y[i] = draw();
  for (let i = 0; i < n + 1; i++) w[i] = r.uniform();
  // So that the calls below run WebAssembly (when long enough), not the reference twice.
  for (const a of [x, y, w]) assert.ok(ws.kernels.addressable(a));
  return { ws, x, y, w };
}

test("the views of a WebAssembly workspace are registered with its kernels and start at zero", () => {
  const ws = Workspace.create(1000);
  assert.ok(ws.wasm);
  const a = ws.f64(3), b = ws.f64(5);
  assert.ok(a.buffer === ws.memory!.buffer && b.buffer === ws.memory!.buffer);
  assert.ok(b.byteOffset >= a.byteOffset + 24 && b.byteOffset % 16 === 0);
  assert.deepEqual([...b], [0, 0, 0, 0, 0]);
  assert.notEqual(ws.kernels, referenceKernels);
});

for (const n of LENGTHS) {
  test(`reductions equal the reference bit for bit: n = ${n}`, () => {
    const cols = 3;
    const { ws, x, y, w } = setUp(1000 + n, n, cols);
    const K = ws.kernels;
    for (let c = 0; c < cols; c++) {
      const o = c * n;
      assert.equal(Object.is(K.dot(n, x, o, y, 0), ref.dot(n, x, o, y, 0)), true, `dot col ${c}`);
      const out = ws.f64(2), outTs = new Float64Array(2);
      const g = K.dotWsq(n, y, 0, x, o, w, 1, out, 1);
      assert.equal(Object.is(g, ref.dotWsq(n, y, 0, x, o, w, 1, outTs, 1)), true, `dotWsq pull col ${c}`);
      assert.equal(Object.is(g, ref.dot(n, y, 0, x, o)), true, `dotWsq pull is dot, col ${c}`);
      assert.equal(Object.is(out[1], outTs[1]), true, `dotWsq curvature col ${c}`);
      assert.equal(Object.is(out[1], ref.wdot(n, w, 1, x, o, x, o)), true, `dotWsq curvature is Σ w·x·x, col ${c}`);
      assert.equal(out[0], 0, "dotWsq wrote outside its slot");
      assert.equal(Object.is(K.sum(n, x, o), ref.sum(n, x, o)), true, `sum col ${c}`);
    }
    // Many pulls in one call: the same numbers as dot column by column, written only where listed.
    const list = ws.i32(2);
    list.set([2, 0]);
    const pulls = ws.f64(cols);
    pulls[1] = 7;
    K.dotColumns(n, x, list, 2, y, pulls);
    assert.equal(Object.is(pulls[2], ref.dot(n, x, 2 * n, y, 0)), true, "dotColumns col 2");
    assert.equal(Object.is(pulls[0], ref.dot(n, x, 0, y, 0)), true, "dotColumns col 0");
    assert.equal(pulls[1], 7, "dotColumns wrote a column it was not given");
    const plain = new Float64Array(cols);
    ref.dotColumns(n, x, Int32Array.from(list), 2, y, plain);
    assert.deepEqual([...plain], [pulls[0], 0, pulls[2]]);
    // The sums are sums: against a plain loop, up to rounding.
    let s = 0, scale = 0;
    for (let i = 0; i < n; i++) {
      s += x[i] * y[i];
      scale += Math.abs(x[i] * y[i]);
    }
    assert.ok(Math.abs(K.dot(n, x, 0, y, 0) - s) <= 1e-14 * Math.max(scale, 1e-300) * Math.max(1, Math.log2(n + 1)));
  });

  test(`updates equal the reference bit for bit: n = ${n}`, () => {
    const { ws, x, y, w } = setUp(2000 + n, n, 2);
    const yTs = Float64Array.from(y);
    const xTs = Float64Array.from(x), wTs = Float64Array.from(w);
    const K = ws.kernels;
    for (const [a, col] of [[0.37, 0], [-1.9e-3, 1], [12.5, 1]] as const) {
      K.axpy(n, a, x, col * n, y, 0);
      ref.axpy(n, a, xTs, col * n, yTs, 0);
      assert.deepEqual(y, yTs, `axpy a = ${a}`);
      K.waxpy(n, a, w, 1, x, col * n, y, 0);
      ref.waxpy(n, a, wTs, 1, xTs, col * n, yTs, 0);
      assert.deepEqual(y, yTs, `waxpy a = ${a}`);
    }
    // The fused kernels: the same update and the same dot as the two calls, bit for bit.
    if (n > 0) {
      const g1 = K.axpyDot(n, 0.3, x, n, y, 0, x, 0);
      const g2 = ref.axpyDot(n, 0.3, xTs, n, yTs, 0, xTs, 0);
      assert.deepEqual(y, yTs, "axpyDot update");
      assert.equal(Object.is(g1, g2), true, "axpyDot dot");
      assert.equal(Object.is(g1, ref.dot(n, yTs, 0, xTs, 0)), true, "axpyDot is axpy then dot");
      const h1 = K.waxpyDot(n, -0.7, w, 1, x, 0, y, 0, x, n);
      const h2 = ref.waxpyDot(n, -0.7, wTs, 1, xTs, 0, yTs, 0, xTs, n);
      assert.deepEqual(y, yTs, "waxpyDot update");
      assert.equal(Object.is(h1, h2), true, "waxpyDot dot");
      assert.equal(Object.is(h1, ref.dot(n, yTs, 0, xTs, n)), true, "waxpyDot is waxpy then dot");
      const out = ws.f64(1), outTs = new Float64Array(1);
      const q1 = K.waxpyDotWsq(n, 1.3, w, 0, x, n, y, 0, x, 0, out, 0);
      const q2 = ref.waxpyDotWsq(n, 1.3, wTs, 0, xTs, n, yTs, 0, xTs, 0, outTs, 0);
      assert.deepEqual(y, yTs, "waxpyDotWsq update");
      assert.equal(Object.is(q1, q2), true, "waxpyDotWsq pull");
      assert.equal(Object.is(out[0], outTs[0]), true, "waxpyDotWsq curvature");
      assert.equal(Object.is(out[0], ref.wdot(n, wTs, 0, xTs, 0, xTs, 0)), true, "waxpyDotWsq curvature is Σ w·x·x");
    }
    // Nothing outside the written range changed.
    assert.deepEqual(x, xTs);
    assert.deepEqual(w, wTs);
  });
}

test("the elementwise kernels compute what they say", () => {
  const { ws, x, y, w } = setUp(7, 37, 1);
  const y0 = Float64Array.from(y);
  ws.kernels.waxpy(37, 2, w, 0, x, 0, y, 0);
  for (let i = 0; i < 37; i++) assert.equal(y[i], y0[i] - 2 * w[i] * x[i]);
  ws.kernels.axpy(37, -0.5, x, 0, y, 0);
  for (let i = 0; i < 37; i++) assert.equal(y[i], y0[i] - 2 * w[i] * x[i] + -0.5 * x[i]);
});

test("arrays outside the workspace, and mixed calls, run the reference and give the same numbers", () => {
  const n = 1001;
  const { ws, x, y } = setUp(11, n, 1);
  const plain = Float64Array.from(y);
  const K = ws.kernels;
  assert.equal(Object.is(K.dot(n, x, 0, plain, 0), ref.dot(n, x, 0, plain, 0)), true);
  assert.equal(Object.is(K.dot(n, x, 0, plain, 0), K.dot(n, x, 0, y, 0)), true);
  assert.equal(Object.is(referenceKernels.sum(n, x, 0), K.sum(n, x, 0)), true);
  // A view of the same memory that the workspace did not hand out is not addressed by pointer.
  const alias = new Float64Array(ws.memory!.buffer, x.byteOffset, n);
  assert.equal(Object.is(K.dot(n, alias, 0, y, 0), K.dot(n, x, 0, y, 0)), true);
  // The kernels of another workspace do not address this one's views.
  const other = Workspace.create(10);
  assert.equal(Object.is(other.kernels.dot(n, x, 0, y, 0), ref.dot(n, x, 0, y, 0)), true);
});

test("a workspace never grows: past its room, arrays are plain and the kernels fall back", () => {
  const ws = Workspace.create(100);
  const buffer = ws.memory!.buffer;
  const room = buffer.byteLength / 8;
  const inside = ws.f64(room - 8);
  assert.ok(!ws.fits(64));
  const outside = ws.f64(64);
  assert.equal(outside.buffer === buffer, false);
  assert.equal(ws.memory!.buffer, buffer, "memory grew: earlier views would be detached");
  assert.equal(inside.length, room - 8);
  outside.fill(1);
  inside.fill(2);
  assert.equal(ws.kernels.dot(64, inside, 0, outside, 0), 128);
});

test("SHRINKAGE_KERNELS=ts / setKernels('ts') gives plain arrays and the reference kernels", () => {
  try {
    setKernels("ts");
    const ws = Workspace.create(1000);
    assert.equal(ws.wasm, false);
    assert.equal(ws.kernels, referenceKernels);
    assert.equal(ws.f64(10).buffer.byteLength, 80);
    setKernels("wasm");
    assert.ok(Workspace.create(1000).wasm);
  } finally {
    setKernels("wasm");
  }
});

test("by default ('auto'), workspaces below MIN_WASM_DOUBLES are plain and larger ones WebAssembly", () => {
  try {
    setKernels("auto");
    assert.equal(Workspace.create(MIN_WASM_DOUBLES - 1).wasm, false);
    assert.equal(Workspace.create(MIN_WASM_DOUBLES).wasm, true);
  } finally {
    setKernels("wasm");
  }
});

test("more than wasm32's 4 GiB: a plain workspace, without trying to reserve it", () => {
  const ws = Workspace.create(2 ** 29 + 1);
  assert.equal(ws.wasm, false);
  assert.ok(!ws.fits(1));
});

test("short calls skip WebAssembly but give the same numbers", () => {
  const n = MIN_WASM_LENGTH - 1;
  const { ws, x, y } = setUp(5, n, 1);
  assert.ok(ws.kernels instanceof Kernels);
  assert.equal(Object.is(ws.kernels.dot(n, x, 0, y, 0), ref.dot(n, x, 0, y, 0)), true);
});

test("a workspace pool lends one memory to fits made one after another, with every view zeroed again", (t) => {
  const before = kernelChoice();
  setKernels("auto");
  t.after(() => setKernels(before));
  const pool = new WorkspacePool();
  const a = pool.take(40_000);
  assert.ok(a.wasm);
  const va = a.f64(30_000);
  va.fill(3);
  const nested = pool.take(40_000);
  assert.notEqual(nested.memory, a.memory, "a fit started while the memory is lent out gets its own");
  pool.release(nested);
  pool.release(a);
  const b = pool.take(35_000);
  assert.equal(b.memory, a.memory, "the same memory, once given back");
  const vb = b.f64(30_000);
  assert.ok(vb.every((v) => v === 0), "handed out zeroed");
  assert.ok(b.kernels.addressable(vb) && !b.kernels.addressable(va), "the new workspace's kernels know only its own views");
  pool.release(b);
  const c = pool.take(10_000_000);
  assert.notEqual(c.memory, a.memory, "a larger fit gets a memory of its own");
  pool.release(c);
  const tiny = pool.take(100);
  assert.equal(tiny.memory, c.memory, "a small fit gets the pooled memory too (its passes run in WebAssembly)");
  pool.release(tiny);

  // Reserved room: a first fold a little smaller than the next still gets a memory both fit in.
  const folds = new WorkspacePool();
  folds.reserve(3_000_000);
  const first = folds.take(2_000_000);
  folds.release(first);
  assert.equal(folds.take(2_990_000).memory, first.memory);

  // A pool with a size limit holds a memory above it only weakly: reused while something else keeps
  // it alive (the next fit of a large X, before the garbage collector has freed it)...
  const small = new WorkspacePool(100_000);
  const big = small.take(200_000);
  small.release(big);
  const again = small.take(200_000);
  assert.equal(again.memory, big.memory);
  small.release(again);
});

test("a discarded memory (threads may still write to it) is never lent again; a released one is", (t) => {
  const before = kernelChoice();
  setKernels("auto");
  t.after(() => setKernels(before));
  const pool = new WorkspacePool(4 * 2 ** 20, true);
  const a = pool.take(50_000);
  assert.ok(a.wasm && a.memory !== null && a.memory.buffer instanceof SharedArrayBuffer);
  pool.release(a);
  const b = pool.take(50_000);
  assert.equal(b.memory, a.memory, "released: lent again");
  pool.discard(b);
  const c = pool.take(50_000);
  assert.ok(c.wasm);
  assert.notEqual(c.memory, a.memory, "discarded: a new memory");
  pool.release(c);
  assert.equal(pool.take(50_000).memory, c.memory, "and the new one is pooled in its place");
});

test("...and a memory above the pool's limit is freed once nothing else holds it", async () => {
  const before = kernelChoice();
  setKernels("auto");
  const pool = new WorkspacePool(100_000);
  const freed = lendOnce(pool);
  setKernels(before);
  const gc = collector();
  for (let k = 0; k < 10 && freed.deref() !== undefined; k++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
  }
  assert.equal(freed.deref(), undefined, "the pool kept the memory alive");
  // Not kept: the next fit gets a new one.
  const next = pool.take(200_000);
  assert.ok(next.wasm);
  pool.release(next);
});

/** A fit's take and release of a large memory, leaving nothing but a weak reference to it. */
function lendOnce(pool: WorkspacePool): WeakRef<WebAssembly.Memory> {
  const ws = pool.take(200_000);
  pool.release(ws);
  return new WeakRef(ws.memory as WebAssembly.Memory);
}

/** The garbage collector, callable without --expose-gc on the command line. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

test("dotColumnsMany: each vector's pulls are dotColumns' numbers bit for bit, for 1 to 5 vectors", () => {
  const lengths = [7, 33, 1001, 4099];
  let checked = 0;
  for (const n of lengths) {
    const cols = 4, nv = 5;
    const ws = Workspace.create(n * cols + (nv + 1) * n + nv * cols + 64);
    ws.f64(1);
    const x = ws.f64(n * cols), list = ws.i32(cols);
    const r = rng(3000 + n);
    for (let i = 0; i < x.length; i++) x[i] = r.normal() * 10 ** Math.floor(6 * r.uniform() - 3);
    const vs = Array.from({ length: nv }, () => ws.f64(n));
    for (const v of vs) for (let i = 0; i < n; i++) v[i] = r.normal();
    // So that the calls below run WebAssembly (dotcols4, dotcols2, dotcols), not the reference twice.
    for (const a of [x, ...vs]) assert.ok(ws.kernels.addressable(a));
    list.set([3, 0, 2]);
    for (let m = 1; m <= nv; m++) {
      const out = ws.f64(m * cols).fill(7);
      assert.ok(ws.kernels.addressable(out));
      ws.kernels.dotColumnsMany(n, x, list, 3, vs.slice(0, m), out, cols);
      for (let v = 0; v < m; v++) {
        const one = new Float64Array(cols).fill(7);
        ref.dotColumns(n, x, Int32Array.from(list), 3, vs[v], one);
        assert.deepEqual([...out.subarray(v * cols, (v + 1) * cols)], [...one], `n = ${n}, vector ${v} of ${m}`);
        checked++;
      }
    }
  }
  assert.equal(checked, lengths.length * 15);
});

test("dotColumns on lists with gaps, or of long columns, reads four side by side (dotcolsx): the same numbers bit for bit", () => {
  let checked = 0;
  for (const n of [16, 17, 23, 31, 64, 101, 1003, 4099]) {
    const p = 40;
    const { ws, x, y } = setUp(4000 + n, n, p);
    const list = ws.i32(p), out = ws.f64(p);
    for (const count of [4, 5, 6, 7, 8, 9, 13]) {
      // Every third column from 1: a list with gaps, in order (as the KKT check's pulls near a threshold).
      for (let k = 0; k < count; k++) list[k] = 1 + 3 * k;
      out.fill(7);
      const apart = kernelCalls.apart;
      ws.kernels.dotColumns(n, x, list, count, y, out);
      assert.equal(kernelCalls.apart, apart + 1, `n = ${n}, ${count} columns: read side by side`);
      const expected = new Float64Array(p).fill(7);
      ref.dotColumns(n, x, Int32Array.from(list), count, y, expected);
      assert.deepEqual([...out], [...expected], `n = ${n}, ${count} columns`);
      checked++;
    }
  }
  assert.equal(checked, 8 * 7);
  // Long columns (32 KB and more) side by side even in order.
  const n = 4099, { ws, x, y } = setUp(4099, n, 6);
  const list = ws.i32(6), out = ws.f64(6);
  list.set([0, 1, 2, 3, 4, 5]);
  const apart = kernelCalls.apart;
  ws.kernels.dotColumns(n, x, list, 6, y, out);
  assert.equal(kernelCalls.apart, apart + 1, "long columns in order: read side by side");
  const expected = new Float64Array(6);
  ref.dotColumns(n, x, Int32Array.from(list), 6, y, expected);
  assert.deepEqual([...out], [...expected]);
});
