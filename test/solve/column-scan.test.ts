// The path's scans over the variables outside the strong set (src/solve/column-scan.ts) run in WebAssembly
// (wasm/scan.wat) where their arrays are in the workspace and in TypeScript otherwise: the same operations in
// the same order, so the same decisions bit for bit. Here both run side by side on random inputs (pulls near
// their thresholds or exactly at them, some NaN, ±∞ or −0; the residual moved or not, or by ∞; lines on and off; a small fit budget) and
// must leave the same columns, strong sets and bound state at every step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Workspace, wasmKernelsAvailable } from "../../src/linalg/workspace.js";
import { penaltyOf } from "../../src/model/penalties/index.js";
import type { Penalty } from "../../src/model/penalty.js";
import { ColumnScan, KKT, STRONG, scanCalls } from "../../src/solve/column-scan.js";
import { PullBounds, setPullLines } from "../../src/solve/pull-bounds.js";
import type { PointSolver } from "../../src/solve/solver.js";
import { rng } from "../helpers/random.js";
import { wasmWorkspace } from "../helpers/wasm-workspace.js";

/** A solver as the bounds see it: X (column-major, n rows), a residual in the workspace and its moves. */
function fakeSolver(ws: Workspace, x: Float64Array, n: number, p: number): PointSolver & { r: Float64Array; move: number } {
  const r = ws.f64(n);
  const solver = {
    r,
    move: 0,
    rows: n,
    residualMoved: () => solver.move,
    residual: () => r,
    columnNorm: (j: number) => Math.sqrt(x.subarray(j * n, (j + 1) * n).reduce((s, v) => s + v * v, 0)),
    gradients(cols: Int32Array, count: number, out: Float64Array) {
      for (let k = 0; k < count; k++) {
        const j = cols[k];
        let s = 0;
        for (let i = 0; i < n; i++) s += x[j * n + i] * r[i];
        out[j] = s;
      }
    },
  };
  return solver as unknown as PointSolver & { r: Float64Array; move: number };
}

interface Side {
  solver: ReturnType<typeof fakeSolver>;
  scan: ColumnScan;
  bounds: PullBounds | null;
  grad: Float64Array;
  cols: Int32Array;
  strong: Uint8Array;
}

function side(x: Float64Array, n: number, p: number, usable: Uint8Array, penalty: Penalty, wasm: boolean, bounded: boolean): Side {
  const ws = wasmWorkspace(n * p + 40 * p + 40 * n + 10000);
  assert.ok(ws.wasm);
  const solver = fakeSolver(ws, x, n, p);
  const grad = ws.f64(p);
  const cols = ws.i32(p);
  const strong = ws.u8(p);
  const flags = ws.u8(p);
  flags.set(usable);
  const bounds = bounded ? PullBounds.of(solver, penalty, usable, ws) : null;
  if (bounded) assert.ok(bounds !== null);
  const scan = new ColumnScan({ grad, cols, strong, usable: flags }, bounds, penalty, ws, wasm);
  assert.equal(scan.inWasm, wasm);
  return { solver, scan, bounds, grad, cols, strong };
}

/** The bounds' state, private fields and all, for comparing two sides. */
function state(s: Side): unknown {
  const b = s.bounds as unknown as { drift: number; at: Float64Array; lines: Record<string, unknown> | null } | null;
  if (b === null) return null;
  const l = b.lines;
  const lines = l && { seq: l.seq, stamp: l.stamp, fitsLeft: l.fitsLeft, ...Object.fromEntries(["seq0", "seq1", "val0", "val1", "fitStamp", "fitA", "fitE", "keptAll"].map((k) => [k, Array.from(l[k] as ArrayLike<number>)])) };
  return { drift: b.drift, at: Array.from(b.at), lines };
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

function run(seed: number, opts: { lines: boolean; bounded: boolean; penalty: "elastic-net" | "mcp" }): void {
  const g = rng(seed);
  const n = 12 + Math.floor(g.uniform() * 30);
  const p = n + 100 + Math.floor(g.uniform() * 300);
  const x = Float64Array.from({ length: n * p }, () => g.normal());
  const usable = Uint8Array.from({ length: p }, () => (g.uniform() < 0.95 ? 1 : 0));
  const vp = Float64Array.from({ length: p }, () => 0.2 + 2 * g.uniform());
  const alpha = opts.penalty === "elastic-net" ? 0.3 + 0.7 * g.uniform() : 1;
  const penalty = penaltyOf(opts.penalty, { alpha, vp, lower: new Float64Array(p).fill(-Infinity), upper: new Float64Array(p).fill(Infinity) });
  const before = setPullLines(opts.lines);
  try {
    const sides = [side(x, n, p, usable, penalty, true, opts.bounded), side(x, n, p, usable, penalty, false, opts.bounded)];
    const r0 = Float64Array.from({ length: n }, () => g.normal() / Math.sqrt(n));
    for (const s of sides) {
      s.solver.r.set(r0);
      s.bounds?.advance();
      const count = s.scan.all();
      s.solver.gradients(s.cols, count, s.grad);
      s.scan.computed(count);
    }
    let lam = 1;
    for (let step = 0; step < 80; step++) {
      // The residual moves (a small step, a large one, or none at all), the same on both sides.
      const size = g.uniform() < 0.2 ? 0 : g.uniform() < 0.7 ? 0.01 : 0.3;
      const dr = Float64Array.from({ length: n }, () => size * g.normal() / Math.sqrt(n));
      // Late in some runs the drift overflows: radii of ∞ and NaN, ends of which one alone is NaN.
      const move = step >= 70 && seed % 2 === 1 ? Infinity : Math.sqrt(dr.reduce((t, v) => t + v * v, 0));
      // Pulls outside any computation: odd values that must decide alike.
      const odd = g.uniform() < 0.3 ? Math.floor(g.uniform() * p) : -1;
      const oddValue = [NaN, Infinity, -Infinity, -0][Math.floor(g.uniform() * 4)];
      const overflow = step === 70 && seed % 2 === 1;
      const kind = g.uniform() < 0.5 || overflow ? STRONG : KKT;
      lam *= 0.97;
      const scale = kind === STRONG ? penalty.strongScale(lam, lam / 0.97) : penalty.kktScale(lam);
      const flip = Math.floor(g.uniform() * p);
      // Pulls exactly at their thresholds (ties must fall alike), where their bound is the pull itself.
      const weights = kind === STRONG ? penalty.zeroWeights().strong : penalty.zeroWeights().kkt;
      const ties = Array.from({ length: 5 }, () => Math.floor(g.uniform() * p));
      const tieSign = g.uniform() < 0.5 ? 1 : -1;
      const everything = g.uniform() < 0.15;
      const results = sides.map((s) => {
        for (let i = 0; i < n; i++) s.solver.r[i] += dr[i];
        s.solver.move = move;
        if (odd >= 0) s.grad[odd] = oddValue;
        // As the drift overflows, pulls of +∞ (the bound's low end ∞ − ∞ = NaN, its high end ∞).
        if (overflow) for (let j = 0; j < p; j += 7) s.grad[j] = Infinity;
        for (const j of ties) s.grad[j] = tieSign * weights[j] * scale;
        if (step % 7 === 0) s.strong[flip] ^= 1;
        s.bounds?.advance();
        const count = s.bounds && !everything ? s.scan.pick(kind, scale) : s.scan.all();
        const picked = { count, cols: Array.from(s.cols.subarray(0, count)), outside: s.bounds && !everything ? s.scan.outside : -1 };
        s.solver.gradients(s.cols, count, s.grad);
        s.scan.computed(count);
        const violated = kind === KKT ? s.scan.violations(count, scale) : (s.scan.mark(scale), false);
        return { picked, violated, strong: Array.from(s.strong), grad: Array.from(s.grad), state: state(s) };
      });
      const [w, t] = results;
      assert.deepEqual(w.picked, t.picked, `step ${step}: the columns picked`);
      assert.equal(w.violated, t.violated, `step ${step}: violations`);
      assert.ok(same(w.strong, t.strong), `step ${step}: the strong set`);
      assert.ok(same(w.grad, t.grad), `step ${step}: the pulls`);
      assert.deepEqual(w.state, t.state, `step ${step}: the bounds' state`);
    }
  } finally {
    setPullLines(before);
  }
}

test("the scans in WebAssembly decide as the TypeScript ones, bit for bit: bounds with lines, without, and none", () => {
  assert.ok(wasmKernelsAvailable());
  const calls = scanCalls.wasm;
  for (let seed = 1; seed <= 12; seed++) {
    run(seed, { lines: true, bounded: true, penalty: "elastic-net" });
    run(100 + seed, { lines: false, bounded: true, penalty: "elastic-net" });
    run(200 + seed, { lines: true, bounded: true, penalty: "mcp" });
    run(300 + seed, { lines: true, bounded: false, penalty: "elastic-net" });
  }
  assert.ok(scanCalls.wasm > calls + 500, "the WebAssembly scans ran");
});
