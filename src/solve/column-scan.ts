import type { Kernels } from "../linalg/kernels.js";
import type { WasmScan } from "../linalg/wasm.js";
import type { Workspace } from "../linalg/workspace.js";
import type { Penalty } from "../model/penalty.js";
import type { PullBounds } from "./pull-bounds.js";

/** What a scan picks: the strong rule's pulls to compute, or the KKT check's. */
export const STRONG = 0;
export const KKT = 1;

/** The arrays a scan reads and writes: the pulls, the column list it fills, the strong set and the usable flags. */
export interface ScanArrays {
  readonly grad: Float64Array;
  readonly cols: Int32Array;
  readonly strong: Uint8Array;
  readonly usable: Uint8Array;
}

/** Scans run in WebAssembly and in TypeScript (tests check which ran). */
export const scanCalls = { wasm: 0, ts: 0 };

/** i32s of a scan's layout (wasm/scan.wat lists its entries). */
const LAYOUT = 26;

/**
 * The path's scans over every variable outside the strong set (run-path.ts's KktCheck): which pulls the
 * strong rule and the KKT check must compute, given their bounds (pull-bounds.ts), the bounds' bookkeeping
 * once they are computed, and the two tests at β = 0, |g_j| against the penalty's weights times a scale of
 * λ (Penalty.zeroWeights). One call into WebAssembly a scan (wasm/scan.wat: 20,000 columns in JavaScript
 * cost 20-30 ns each, and lose their compiled code at a full collection) where every array is in the
 * workspace's memory; else the same operations here, in the same order: the decisions are the same bit for bit.
 */
export class ColumnScan {
  /** The variables outside the strong set at the last `pick`. */
  outside = 0;
  private readonly wasm: WasmScan | null;
  private readonly head: Int32Array;
  private readonly at: number;
  private readonly k: Kernels;
  /** The penalty's weights, in the workspace (a copy) when the scans run in WebAssembly. */
  private readonly strongWeights: Float64Array;
  private readonly kktWeights: Float64Array;

  constructor(private readonly a: ScanArrays, private readonly bounds: PullBounds | null, penalty: Penalty, ws: Workspace, useWasm = true) {
    const { strong, kkt } = penalty.zeroWeights();
    this.k = ws.kernels;
    this.head = ws.i32(LAYOUT);
    const wasm = useWasm ? ws.scan() : null;
    this.strongWeights = wasm ? ws.f64Copy(strong) : strong;
    this.kktWeights = wasm === null ? kkt : kkt === strong ? this.strongWeights : ws.f64Copy(kkt);
    this.at = this.k.address(this.head);
    this.wasm = wasm !== null && this.fillLayout() ? wasm : null;
  }

  /** Whether the scans run in WebAssembly. */
  get inWasm(): boolean {
    return this.wasm !== null;
  }

  /** The layout's addresses: false when an array is not in the memory. */
  private fillLayout(): boolean {
    const { head, k, a } = this;
    const at = [a.grad, a.cols, a.strong, a.usable].map((v) => k.address(v));
    head[0] = a.grad.length;
    head.set(at, 3);
    head[21] = k.address(this.strongWeights);
    head[22] = k.address(this.kktWeights);
    const mine = this.at >= 0 && at.every((v) => v >= 0) && head[21] >= 0 && head[22] >= 0;
    return mine && (this.bounds === null || this.bounds.layout(head, k));
  }

  /**
   * The pulls to compute into cols (returned: how many) of the variables outside the strong set (`outside`),
   * by their bounds (the last `advance`): kind STRONG, whose bound reaches above the strong threshold,
   * strong_j·scale; KKT, whose bound's ends are not both within the subdifferential at 0, kkt_j·scale.
   */
  pick(kind: number, scale: number): number {
    const bounds = this.bounds!;
    if (this.wasm !== null && bounds.toLayout(this.head, this.k, false)) {
      scanCalls.wasm++;
      const count = this.wasm.pick(this.at, kind, scale, bounds.moved);
      bounds.fromLayout(this.head);
      this.outside = this.head[23];
      return count;
    }
    scanCalls.ts++;
    return kind === STRONG ? this.pickStrong(bounds, scale) : this.pickKkt(bounds, scale);
  }

  private pickStrong(bounds: PullBounds, scale: number): number {
    const { grad, cols, strong, usable } = this.a;
    const w = this.strongWeights;
    let count = 0;
    let outside = 0;
    for (let j = 0; j < grad.length; j++) {
      if (strong[j] || !usable[j]) continue;
      outside++;
      bounds.range(j, grad[j]);
      if (Math.max(-bounds.lo, bounds.hi) > w[j] * scale) cols[count++] = j;
    }
    this.outside = outside;
    return count;
  }

  private pickKkt(bounds: PullBounds, scale: number): number {
    const { grad, cols, strong, usable } = this.a;
    const w = this.kktWeights;
    let count = 0;
    let outside = 0;
    for (let j = 0; j < grad.length; j++) {
      if (strong[j] || !usable[j]) continue;
      outside++;
      bounds.range(j, grad[j]);
      const t = w[j] * scale;
      if (Math.max(0, Math.abs(bounds.lo) - t) === 0 && Math.max(0, Math.abs(bounds.hi) - t) === 0) continue;
      cols[count++] = j;
    }
    this.outside = outside;
    return count;
  }

  /** Every variable outside the strong set into cols; returns how many. */
  all(): number {
    if (this.wasm !== null) return this.wasm.outside(this.at);
    const { cols, strong, usable } = this.a;
    let count = 0;
    for (let j = 0; j < strong.length; j++) if (!strong[j] && usable[j]) cols[count++] = j;
    return count;
  }

  /** The pulls of cols[0..count) have just been computed at the residual now, into grad: the bounds' bookkeeping. */
  computed(count: number): void {
    const bounds = this.bounds;
    if (bounds === null) return;
    if (this.wasm !== null && bounds.toLayout(this.head, this.k, true)) {
      this.wasm.computed(this.at, count, bounds.moved);
      bounds.fromLayout(this.head);
      return;
    }
    bounds.computed(this.a.cols, count, this.a.grad);
  }

  /** The strong rule: every variable outside the strong set with |g_j| > strong_j·scale joins it. */
  mark(scale: number): void {
    if (this.wasm !== null) return this.wasm.mark(this.at, scale);
    const { grad, strong, usable } = this.a;
    const w = this.strongWeights;
    for (let j = 0; j < grad.length; j++) if (!strong[j] && usable[j] && Math.abs(grad[j]) > w[j] * scale) strong[j] = 1;
  }

  /** The KKT check: each j of cols[0..count) with max(0, |g_j| − kkt_j·scale) > 0 joins the strong set; true when any did. */
  violations(count: number, scale: number): boolean {
    if (this.wasm !== null) return this.wasm.violations(this.at, count, scale) !== 0;
    const { grad, cols, strong } = this.a;
    const w = this.kktWeights;
    let violated = false;
    for (let k = 0; k < count; k++) {
      const j = cols[k];
      if (Math.max(0, Math.abs(grad[j]) - w[j] * scale) > 0) {
        strong[j] = 1;
        violated = true;
      }
    }
    return violated;
  }
}

/**
 * f64s of a workspace the path's scans take for p variables: the strong set and usable flags, the weights
 * (one copy: the elastic net's strong and KKT weights are the same), the layout, aligned.
 */
export function scanRoom(p: number): number {
  return 2 * Math.ceil(p / 8) + p + LAYOUT / 2 + 4;
}

