import type { Kernels } from "../linalg/kernels.js";
import type { WasmScan } from "../linalg/wasm.js";
import type { Workspace } from "../linalg/workspace.js";

/** Nonzero lists made in WebAssembly and in TypeScript (tests check which ran). */
export const nonzeroCalls = { wasm: 0, ts: 0 };

/**
 * The indices of a p-vector's nonzero entries (β_j ≠ 0: NaN included, ±0 not), in order: the path's record
 * of each λ's coefficients (run-path.ts). One call into WebAssembly (wasm/scan.wat's nonzeros) where the vector
 * is in the workspace's memory, else the same test here: the same list.
 */
export class Nonzeros {
  /** The list's room: its first entries are the last call's. */
  private readonly list: Int32Array;
  private readonly wasm: WasmScan | null;
  /** The workspace's kernels where the list is made in WebAssembly, else null (nothing of its memory held). */
  private readonly kernels: Kernels | null;

  constructor(ws: Workspace, p: number) {
    // Below MIN_P the loop here costs less than compiling scan.wat would (a small path need not compile it).
    const wide = p >= MIN_P && ws.wasm;
    this.list = wide ? ws.i32(p) : new Int32Array(p);
    this.wasm = wide && ws.kernels.address(this.list) >= 0 ? ws.scan() : null;
    this.kernels = this.wasm === null ? null : ws.kernels;
  }

  /**
   * Whether this holds nothing of the workspace's memory, so that keeping it past its path keeps no memory
   * alive (keep-warm.ts: its class's code then survives a full collection).
   */
  get apart(): boolean {
    return this.kernels === null;
  }

  /** The indices j of beta_j ≠ 0, ascending, as a view that the next call overwrites. */
  of(beta: Float64Array): Int32Array {
    const list = this.list;
    const at = this.kernels === null ? -1 : this.kernels.address(beta);
    if (at >= 0) {
      nonzeroCalls.wasm++;
      return list.subarray(0, this.wasm!.nonzeros(at, beta.length, this.kernels!.address(list)));
    }
    nonzeroCalls.ts++;
    let count = 0;
    for (let j = 0; j < beta.length; j++) if (beta[j] !== 0) list[count++] = j;
    return list.subarray(0, count);
  }
}

/** Variables from which the list is made in WebAssembly. */
const MIN_P = 2048;

/** f64s of a workspace a Nonzeros for p variables takes (its list, aligned). */
export function nonzerosRoom(p: number): number {
  return p >= MIN_P ? Math.ceil(p / 2) + 2 : 0;
}
