import type { Kernels } from "../linalg/kernels.js";
import type { WasmScan } from "../linalg/wasm.js";
import type { Workspace } from "../linalg/workspace.js";
import type { Penalty } from "../model/penalty.js";

/** i32s of the gap scans' layout (wasm/scan.wat lists its entries). */
const LAYOUT = 10;

/** Gap scans run in WebAssembly and in TypeScript (tests check which ran). */
export const gapScanCalls = { wasm: 0, ts: 0 };

/** What one scan of the pulls finds: the coordinates z pulls whose conjugate is finite only at 0, and the scale. */
export interface PullScan {
  readonly pulled: number[];
  readonly scale: number;
}

/**
 * The duality gap's scans over every variable (solve/gap.ts): the pulls gathered from the KKT check's and
 * the strong set's, the dual point's scale (scanPulls) and the penalty's Fenchel–Young terms (penaltyGap).
 * One call into WebAssembly a scan (wasm/scan.wat) where the penalty's terms are the elastic net's
 * (Penalty.conjugateTerms) and every array is in the workspace's memory; else the same operations here,
 * through the penalty's methods, in the same order: the same gaps bit for bit.
 */
export class GapScan {
  private readonly wasm: WasmScan | null;
  private readonly head: Int32Array | null;
  private readonly at: number;
  private readonly alpha: number;
  private readonly pulledList: Int32Array | null;

  private constructor(private readonly penalty: Penalty, readonly usable: Uint8Array, private readonly k: Kernels | null, ws: Workspace | null) {
    const terms = penalty.conjugateTerms?.() ?? null;
    const wasm = ws === null || terms === null ? null : ws.scan();
    this.alpha = terms?.alpha ?? NaN;
    if (wasm === null || ws === null || terms === null) {
      this.wasm = this.head = this.pulledList = null;
      this.at = -1;
      return;
    }
    const p = usable.length;
    const head = ws.i32(LAYOUT);
    const flags = ws.u8(p);
    flags.set(usable);
    this.pulledList = ws.i32(p);
    const arrays = [flags, this.pulledList, ws.f64Copy(terms.vp), ws.f64Copy(terms.lower), ws.f64Copy(terms.upper)];
    const at = arrays.map((a) => ws.kernels.address(a));
    head[0] = p;
    head[2] = at[0];
    head[5] = at[1];
    head.set(at.slice(2), 7);
    this.head = head;
    this.at = ws.kernels.address(head);
    this.wasm = this.at >= 0 && at.every((a) => a >= 0) ? wasm : null;
  }

  /** The scans of `penalty` over the variables `usable` marks, in WebAssembly where `ws` (null: never) allows. */
  static of(penalty: Penalty, usable: Uint8Array, ws: Workspace | null = null): GapScan {
    return new GapScan(penalty, usable, ws?.kernels ?? null, ws);
  }

  /** Whether the scans can run in WebAssembly (on arrays in the workspace). */
  get inWasm(): boolean {
    return this.wasm !== null;
  }

  /** The byte address of `a` in the memory the scans read, or −1 (they then run here). */
  private address(a: Float64Array | Int32Array | Uint8Array): number {
    return this.wasm === null ? -1 : this.k!.address(a);
  }

  /** z = the pulls outside the strong set (grad), 0 where unusable; cols = the strong set's usable j. Returns their number. */
  gather(strong: Uint8Array, grad: Float64Array, z: Float64Array, cols: Int32Array): number {
    const head = this.head;
    const zAt = this.address(z);
    if (head !== null && zAt >= 0) {
      head[1] = this.address(strong);
      head[3] = this.address(grad);
      head[4] = this.address(cols);
      if (head[1] >= 0 && head[3] >= 0 && head[4] >= 0) {
        gapScanCalls.wasm++;
        return this.wasm!.gather(this.at, zAt);
      }
    }
    gapScanCalls.ts++;
    const usable = this.usable;
    let count = 0;
    for (let j = 0; j < z.length; j++) {
      if (!usable[j]) z[j] = 0;
      else if (strong[j]) cols[count++] = j;
      else z[j] = grad[j];
    }
    return count;
  }

  /**
   * One pass over the pulls: the coordinates whose conjugate is finite only at z = 0 (unpenalized, no bound
   * on z's side) that z pulls, and the largest s ≤ 1 with every other h_j*(s·z_j) finite (the lasso's
   * rescaling of the dual point).
   */
  scanPulls(lambda: number, z: Float64Array): PullScan {
    const zAt = this.address(z);
    if (zAt >= 0) {
      gapScanCalls.wasm++;
      const scale = this.wasm!.pulls(this.at, zAt, lambda, this.alpha);
      const count = this.head![6];
      return { pulled: count === 0 ? [] : Array.from(this.pulledList!.subarray(0, count)), scale };
    }
    gapScanCalls.ts++;
    const { penalty, usable } = this;
    const pulled: number[] = [];
    let scale = 1;
    for (let j = 0; j < z.length; j++) {
      if (!usable[j] || z[j] === 0) continue;
      const s = penalty.dualScale!(j, z[j], lambda);
      if (s === 0) pulled.push(j);
      else if (s < scale) scale = s;
    }
    return { pulled, scale };
  }

  /** Σ_j [h_j(β_j) + h_j*(s·z_j) − β_j·s·z_j] over the usable j, each term ≥ 0 (clamped at 0 against rounding). */
  penaltyGap(beta: Float64Array, lambda: number, z: Float64Array, s: number): number {
    const zAt = this.address(z);
    const betaAt = this.address(beta);
    if (zAt >= 0 && betaAt >= 0) {
      gapScanCalls.wasm++;
      return this.wasm!.penaltygap(this.at, zAt, betaAt, s, lambda, this.alpha);
    }
    gapScanCalls.ts++;
    const { penalty, usable } = this;
    let g = 0;
    for (let j = 0; j < z.length; j++) if (usable[j]) g += Math.max(0, penalty.fenchelYoung!(j, beta[j], s * z[j], lambda));
    return g;
  }
}

/** f64s of a workspace the gap's scans take for p variables: the usable flags, the pulled list, the penalty's three arrays, the layout, aligned. */
export function gapScanRoom(p: number): number {
  return Math.ceil(p / 8) + Math.ceil(p / 2) + 3 * p + LAYOUT / 2 + 6;
}

