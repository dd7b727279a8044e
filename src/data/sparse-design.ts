/**
 * A table's design by compressed columns, never written out densely: for data that is mostly zeros
 * (text columns with many levels become that many indicator columns, counts). The same design as
 * buildDesign's, stored as a SparseMatrix; and how much of a design is zeros, to choose between them.
 */
import type { Table } from "./csv.js";
import { featureNames, readDesign, type Design, type DesignOptions, type FeatureParts } from "./design.js";
import { sparseMatrix, type SparseMatrix } from "./sparse.js";

/** A design whose model matrix is stored by compressed columns. */
export interface SparseDesign extends Omit<Design, "x"> {
  readonly x: SparseMatrix;
}

/** buildDesign's design, its features by compressed columns (one pass over each column's cells). */
export function buildSparseDesign(table: Table, options: DesignOptions): SparseDesign {
  const { design, features } = readDesign(table, options);
  return { ...design, ...sparseFeatures(features) };
}

/** The nonzeros the features hold: a numeric column's nonzero values, a text column's rows off its baseline level. */
export function featureNonzeros(features: FeatureParts): number {
  let nnz = 0;
  for (const part of features.parts) {
    if ("numeric" in part) {
      for (const v of part.numeric) if (v !== 0) nnz++;
    } else {
      nnz += features.kept - baselineRows(features, part.levels[0], part.cells);
    }
  }
  return nnz;
}

/** Kept rows whose cell is the baseline level. */
function baselineRows(features: FeatureParts, baseline: string, cells: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < features.n; i++) if ((features.keep === null || features.keep[i]) && cells[i].trim() === baseline) count++;
  return count;
}

/** The feature columns by compressed columns: numeric columns' nonzeros, a text column's indicators (1 in its level's rows). */
export function sparseFeatures(features: FeatureParts): Pick<SparseDesign, "x" | "featureColumns"> {
  const { parts, n, kept, keep, p } = features;
  const { names, featureColumns } = featureNames(features);
  const nnz = featureNonzeros(features);
  const colPtr = new Int32Array(p + 1);
  const rowIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let j = 0, t = 0;
  for (const part of parts) {
    if ("numeric" in part) {
      part.numeric.forEach((v, k) => {
        if (v === 0) return;
        rowIndex[t] = k;
        values[t++] = v;
      });
      colPtr[++j] = t;
      continue;
    }
    // Count each level's rows, then place them: rows increase within each indicator column.
    const L = part.levels.length;
    const index = new Map(part.levels.map((level, l) => [level, l - 1]));
    const level = new Int32Array(kept);
    const count = new Int32Array(L);
    for (let i = 0, k = 0; i < n; i++) {
      if (keep !== null && !keep[i]) continue;
      const l = index.get(part.cells[i].trim()) as number;
      level[k++] = l;
      if (l >= 0) count[l]++;
    }
    const next = new Int32Array(L);
    for (let l = 0; l < L - 1; l++) {
      next[l] = t;
      t += count[l];
      colPtr[++j] = t;
    }
    for (let k = 0; k < kept; k++) {
      const l = level[k];
      if (l < 0) continue;
      rowIndex[next[l]] = k;
      values[next[l]++] = 1;
    }
  }
  // Checked as any sparse matrix is (a value that is not finite names its column and row).
  return { x: sparseMatrix(kept, names, colPtr, rowIndex, values), featureColumns };
}
