/**
 * Rows that have given moments: 2q rows (q = p + 1 columns, the features then the target), each of
 * weight one, r = m ± √q·L_k for each column L_k of C = LLᵀ, C the centred products of [x, y] per unit
 * weight and m their means. Their mean is m and their centred products C exactly (up to rounding): a
 * gaussian fit, its pulls, deviances and correlations depend on the rows only through these, so what
 * reads rows (explain) reads these in place of the source's.
 */
import type { ModelMatrix } from "../data/matrix.js";
import type { Moments } from "../solve/moments.js";
import { checkArguments, fieldsRule, stringsRule } from "../data/arguments.js";
import { choleskyFactor } from "../linalg/spd.js";

/** Rows with the moments m (x as a column-major ModelMatrix, and y): see the file's comment. */
export function rowsWithMoments(m: Moments): { x: ModelMatrix; y: Float64Array } {
  checkArguments("rowsWithMoments", { m }, { m: fieldsRule("moments, from momentsOf(x, y) or sourceMoments(stats)", { names: stringsRule }) });
  const p = m.names.length;
  const q = p + 1;
  const C = new Float64Array(q * q);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) C[j * q + k] = m.xx[j * p + k];
    C[j * q + p] = C[p * q + j] = m.xy[j];
  }
  C[p * q + p] = m.yy;
  const L = choleskyFactor(C, q, 1e-13).l; // a constant or collinear column gives a zero column
  const n = 2 * q;
  const mean = Float64Array.from({ length: q }, (_, j) => (j < p ? m.xMean[j] : m.yMean));
  const value = (i: number, j: number) => mean[j] + (i % 2 === 0 ? 1 : -1) * Math.sqrt(q) * L[j * q + (i >> 1)];
  const data = new Float64Array(n * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) data[j * n + i] = value(i, j);
  return { x: { n, p, data, names: [...m.names] }, y: Float64Array.from({ length: n }, (_, i) => value(i, p)) };
}
