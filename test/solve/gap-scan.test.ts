// The duality gap's scans over every variable (src/solve/gap-scan.ts) run in WebAssembly (wasm/scan.wat) where
// the penalty's terms are the elastic net's and the arrays are in the workspace, and in TypeScript, through the
// penalty's dualScale and fenchelYoung, otherwise: the same operations in the same order, so the same gaps bit
// for bit. Here both run side by side on random inputs (pulls at the lasso's bound exactly or past it, NaN,
// ±∞ and −0; coefficients at 0, inside and at their bounds; weights 0 and ∞; bounds finite and infinite;
// unusable variables) and must give the same pulls, columns, pulled coordinates, scale and penalty gap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Workspace, wasmKernelsAvailable } from "../../src/linalg/workspace.js";
import { penaltyOf } from "../../src/model/penalties/index.js";
import { GapScan, gapScanCalls } from "../../src/solve/gap-scan.js";
import { rng } from "../helpers/random.js";
import { wasmWorkspace } from "../helpers/wasm-workspace.js";

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** A value from `odd` now and then, else `usual`. */
function sometimes(g: { uniform(): number }, rate: number, odd: readonly number[], usual: number): number {
  return g.uniform() < rate ? odd[Math.floor(g.uniform() * odd.length)] : usual;
}

function run(seed: number): void {
  const g = rng(seed);
  const p = 50 + Math.floor(g.uniform() * 400);
  const alpha = [1, 1, 0.5, 0, 0.05 + 0.9 * g.uniform()][seed % 5];
  // Unpenalized variables, and in some runs ∞ weights (whose terms are NaN at β = 0).
  const vp = Float64Array.from({ length: p }, () => sometimes(g, 0.05, seed % 4 === 0 ? [0, Infinity] : [0], 0.2 + 2 * g.uniform()));
  const lower = Float64Array.from({ length: p }, () => sometimes(g, 0.3, [0, -0.5, -Infinity], -Infinity));
  const upper = Float64Array.from({ length: p }, () => sometimes(g, 0.3, [0, 0.5, Infinity], Infinity));
  const penalty = penaltyOf("elastic-net", { alpha, vp, lower, upper });
  const usable = Uint8Array.from({ length: p }, () => (g.uniform() < 0.9 ? 1 : 0));
  const ws = wasmWorkspace(20 * p + 10000);
  assert.ok(ws.wasm);
  const inWasm = GapScan.of(penalty, usable, ws);
  const inTs = GapScan.of(penalty, usable);
  assert.ok(inWasm.inWasm && !inTs.inWasm);
  const arrays = () => ({ strong: ws.u8(p), grad: ws.f64(p), z: ws.f64(p), cols: ws.i32(p), beta: ws.f64(p) });
  const sides = [arrays(), arrays()];
  for (let step = 0; step < 30; step++) {
    const lambda = sometimes(g, 0.1, [0, 1e-300, 1e300], 0.05 + g.uniform());
    const l1 = (j: number) => vp[j] * lambda * alpha;
    // Non-finite pulls in every third step only: one makes the penalty gap NaN or ∞, and the sums must be compared too.
    const odd = step % 3 === 0 ? [NaN, Infinity, -Infinity, -0, 0, 1e-320] : [-0, 0, 1e-320];
    // Pulls within the lasso's bound, exactly at it (either sign), past it, or odd.
    const grad = Float64Array.from({ length: p }, (_, j) => {
      const u = g.uniform();
      return u < 0.1 ? odd[Math.floor(g.uniform() * odd.length)] : u < 0.25 ? (g.uniform() < 0.5 ? 1 : -1) * l1(j) : u < 0.35 ? 3 * l1(j) * g.normal() : l1(j) * (2 * g.uniform() - 1);
    });
    const strong = Uint8Array.from({ length: p }, () => (g.uniform() < 0.2 ? 1 : 0));
    const pulls = Float64Array.from({ length: p }, (_, j) => sometimes(g, 0.1, odd, l1(j) * 1.2 * (2 * g.uniform() - 1)));
    const atBound = (j: number) => (step % 3 === 0 ? [lower[j], upper[j], NaN, -0] : [Math.max(lower[j], -1), Math.min(upper[j], 1), -0]);
    const beta = Float64Array.from({ length: p }, (_, j) => (strong[j] && g.uniform() < 0.5 ? sometimes(g, 0.2, atBound(j), g.normal()) : 0));
    const before = Float64Array.from({ length: p }, () => g.normal());
    const s = sometimes(g, 0.3, [1, 0, 0.5], g.uniform());
    const results = [inWasm, inTs].map((scan, k) => {
      const a = sides[k];
      a.strong.set(strong);
      a.grad.set(grad);
      a.z.set(before);
      a.beta.set(beta);
      const count = scan.gather(a.strong, a.grad, a.z, a.cols);
      // The strong set's pulls, as the solver writes them after gather.
      for (let c = 0; c < count; c++) a.z[a.cols[c]] = pulls[a.cols[c]];
      const scanned = scan.scanPulls(lambda, a.z);
      const gap = scan.penaltyGap(a.beta, lambda, a.z, s);
      const own = scan.penaltyGap(a.beta, lambda, a.z, scanned.scale);
      return { count, cols: Array.from(a.cols.subarray(0, count)), z: Array.from(a.z), pulled: scanned.pulled, scale: scanned.scale, gap, own };
    });
    const [w, t] = results;
    assert.equal(w.count, t.count, `step ${step}: the strong set's size`);
    assert.deepEqual(w.cols, t.cols, `step ${step}: the strong set's columns`);
    assert.ok(same(w.z, t.z), `step ${step}: the pulls gathered`);
    assert.deepEqual(w.pulled, t.pulled, `step ${step}: the pulled coordinates`);
    assert.ok(Object.is(w.scale, t.scale), `step ${step}: the scale ${w.scale} vs ${t.scale}`);
    assert.ok(Object.is(w.gap, t.gap), `step ${step}: the penalty gap ${w.gap} vs ${t.gap}`);
    assert.ok(Object.is(w.own, t.own), `step ${step}: the penalty gap at the scale found ${w.own} vs ${t.own}`);
    seen.finite += (Number.isFinite(w.gap) && w.gap > 0 ? 1 : 0) + (Number.isFinite(w.own) && w.own > 0 ? 1 : 0);
    seen.pulled += w.pulled.length > 0 ? 1 : 0;
    seen.scaled += w.scale < 1 && w.scale > 0 ? 1 : 0;
  }
}

/** How many steps compared a finite positive penalty gap, found pulled coordinates, and scaled the dual point. */
const seen = { finite: 0, pulled: 0, scaled: 0 };

test("the gap's scans in WebAssembly give the TypeScript ones' pulls, scale and penalty gap, bit for bit", () => {
  assert.ok(wasmKernelsAvailable());
  const calls = gapScanCalls.wasm;
  for (let seed = 1; seed <= 40; seed++) run(seed);
  assert.ok(gapScanCalls.wasm >= calls + 40 * 30 * 4, "the WebAssembly scans ran");
  assert.ok(seen.finite > 300 && seen.pulled > 100 && seen.scaled > 100, JSON.stringify(seen));
});

test("a penalty whose gap terms are not the elastic net's keeps its scans in TypeScript", () => {
  const p = 20;
  const ws = wasmWorkspace(20 * p + 10000);
  const settings = { alpha: 1, vp: new Float64Array(p).fill(1), lower: new Float64Array(p).fill(-Infinity), upper: new Float64Array(p).fill(Infinity) };
  const usable = new Uint8Array(p).fill(1);
  assert.equal(GapScan.of(penaltyOf("mcp", settings), usable, ws).inWasm, false);
  assert.equal(GapScan.of(penaltyOf("elastic-net", settings), usable, ws).inWasm, true);
  // Plain workspaces (SHRINKAGE_KERNELS=ts): TypeScript.
  assert.equal(GapScan.of(penaltyOf("elastic-net", settings), usable, null).inWasm, false);
});
