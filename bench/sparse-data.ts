// The sparse benchmarks' problem (bench/sparse.ts, bench/sparse-cv.ts): a seeded one-hot-like X and y,
// written as little-endian CSC files for each system's process to read.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchRng } from "./rng.js";

/** Each column's rows drawn at the density (geometric skips), values 1..3; y = Xβ + noise (20 true nonzeros). */
export function generateSparse(n: number, p: number, density: number, seed: number) {
  const rng = benchRng(seed);
  const colPtr = new Int32Array(p + 1);
  const rows: number[] = [];
  const vals: number[] = [];
  const logq = Math.log(1 - density);
  for (let j = 0; j < p; j++) {
    let i = -1;
    for (;;) {
      i += 1 + Math.floor(Math.log(1 - rng.uniform()) / logq);
      if (i >= n) break;
      rows.push(i);
      vals.push(1 + Math.floor(3 * rng.uniform()));
    }
    colPtr[j + 1] = rows.length;
  }
  const rowIndex = Int32Array.from(rows);
  const values = Float64Array.from(vals);
  const eta = new Float64Array(n);
  for (let k = 0; k < 20; k++) {
    const j = Math.floor((k * p) / 20);
    const b = (k % 2 ? -1 : 1) * (0.5 + rng.uniform());
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) eta[rowIndex[t]] += b * values[t];
  }
  const y = Float64Array.from(eta, (e) => e + rng.normal());
  return { colPtr, rowIndex, values, y };
}

/** The outcome a family fits: y itself (gaussian), or 1 where y exceeds its median, else 0 (binomial). */
export function sparseOutcome(y: Float64Array, family: string): Float64Array {
  if (family === "gaussian") return y;
  const median = Float64Array.from(y).sort()[Math.floor(y.length / 2)];
  return Float64Array.from(y, (v) => (v > median ? 1 : 0));
}

export function writeArray(dir: string, name: string, a: Int32Array | Float64Array): void {
  writeFileSync(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}
