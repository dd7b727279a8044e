import { DataError } from "../errors.js";
import type { ModelMatrix } from "./matrix.js";
import { checkArguments, countRule } from "./arguments.js";
import { matrixRule } from "./matrix-rule.js";

/**
 * A model matrix stored by compressed columns (R's dgCMatrix, SciPy's csc_matrix), for X that is mostly
 * zeros (one-hot text columns with many levels, counts): column j's nonzeros are values[colPtr[j] ..
 * colPtr[j+1]), in rows rowIndex[·] (0-based, increasing). A fit reads it as it is, never densified:
 * centring and scaling stay implicit (glmnet's sparse conventions).
 */
export interface SparseMatrix {
  readonly n: number;
  readonly p: number;
  readonly colPtr: Int32Array;
  readonly rowIndex: Int32Array;
  readonly values: Float64Array;
  readonly names: readonly string[];
}

/**
 * A sparse model matrix from its compressed columns, checked: p + 1 column pointers from 0, non-
 * decreasing; row indices within 0..n−1 and increasing within each column; finite values.
 */
export function sparseMatrix(n: number, names: readonly string[], colPtr: ArrayLike<number>, rowIndex: ArrayLike<number>, values: ArrayLike<number>): SparseMatrix {
  checkArguments("sparseMatrix", { n }, { n: countRule });
  const p = names.length;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sparseMatrix: n must be a non-negative integer, got ${n}`);
  if (colPtr.length !== p + 1) throw new RangeError(`sparseMatrix: ${colPtr.length} column pointers for ${p} columns (expected ${p + 1})`);
  const nnz = colPtr[p];
  if (colPtr[0] !== 0 || rowIndex.length !== nnz || values.length !== nnz) {
    throw new RangeError(`sparseMatrix: the column pointers run from ${colPtr[0]} to ${nnz}, with ${rowIndex.length} row indices and ${values.length} values`);
  }
  for (let j = 0; j < p; j++) {
    if (!(colPtr[j + 1] >= colPtr[j])) throw new RangeError(`sparseMatrix: column pointers decrease at column "${names[j]}"`);
    for (let t = colPtr[j]; t < colPtr[j + 1]; t++) {
      const i = rowIndex[t];
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`sparseMatrix: column "${names[j]}" has row index ${i}, outside 0..${n - 1}`);
      if (t > colPtr[j] && !(i > rowIndex[t - 1])) throw new RangeError(`sparseMatrix: column "${names[j]}" lists row ${i} after row ${rowIndex[t - 1]}: row indices must increase within a column`);
      if (!Number.isFinite(values[t])) throw new DataError(`feature "${names[j]}" is not a finite number in row ${i + 1} (${values[t]})`, names[j], i + 1);
    }
  }
  // Typed arrays of the right kind are kept as they are (no copy of a large X).
  return {
    n, p, names: [...names],
    colPtr: colPtr instanceof Int32Array ? colPtr : Int32Array.from(colPtr),
    rowIndex: rowIndex instanceof Int32Array ? rowIndex : Int32Array.from(rowIndex),
    values: values instanceof Float64Array ? values : Float64Array.from(values),
  };
}

/** The nonzeros of a dense model matrix, by compressed columns. */
export function sparseFromDense(x: ModelMatrix): SparseMatrix {
  checkArguments("sparseFromDense", { x }, { x: matrixRule });
  const { n, p, data } = x;
  const colPtr = new Int32Array(p + 1);
  let nnz = 0;
  for (let k = 0; k < n * p; k++) if (data[k] !== 0) nnz++;
  const rowIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let t = 0;
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const v = data[j * n + i];
      if (v !== 0) {
        rowIndex[t] = i;
        values[t++] = v;
      }
    }
    colPtr[j + 1] = t;
  }
  return { n, p, colPtr, rowIndex, values, names: [...x.names] };
}

/** Whether x is stored by compressed columns. */
export function isSparse(x: ModelMatrix | SparseMatrix): x is SparseMatrix {
  return "colPtr" in x;
}

/** Rows `rows` (increasing) of x, as a sparse matrix of their own. */
export function sparseRows(x: SparseMatrix, rows: Int32Array): SparseMatrix {
  const position = new Int32Array(x.n).fill(-1);
  rows.forEach((i, t) => (position[i] = t));
  const colPtr = new Int32Array(x.p + 1);
  let nnz = 0;
  for (let t = 0; t < x.rowIndex.length; t++) if (position[x.rowIndex[t]] >= 0) nnz++;
  const rowIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let o = 0;
  for (let j = 0; j < x.p; j++) {
    for (let t = x.colPtr[j]; t < x.colPtr[j + 1]; t++) {
      const at = position[x.rowIndex[t]];
      if (at < 0) continue;
      rowIndex[o] = at;
      values[o++] = x.values[t];
    }
    colPtr[j + 1] = o;
  }
  return { n: rows.length, p: x.p, colPtr, rowIndex, values, names: x.names };
}
