/**
 * A model matrix: n rows, p named columns, stored column-major in one Float64Array
 * (column j occupies data[j*n .. (j+1)*n)), the layout every solver kernel reads.
 */
export interface ModelMatrix {
  readonly n: number;
  readonly p: number;
  readonly data: Float64Array;
  readonly names: readonly string[];
}

/**
 * The zeroed storage of an n × p model matrix: in shared memory where the engine has it (Node; a
 * cross-origin-isolated page), so that parallel cross-validation hands X to its worker threads without
 * a copy of its own (one X less at the peak), else a plain array.
 */
export function matrixStorage(cells: number): Float64Array {
  return typeof SharedArrayBuffer === "function" ? new Float64Array(new SharedArrayBuffer(cells * 8)) : new Float64Array(cells);
}

/**
 * Build a model matrix from named numeric columns of equal length. `rows` is needed only when there
 * are no columns (an intercept-only model).
 */
export function modelMatrix(names: readonly string[], columns: readonly ArrayLike<number>[], rows?: number): ModelMatrix {
  if (names.length !== columns.length) {
    throw new RangeError(`modelMatrix: ${names.length} names for ${columns.length} columns`);
  }
  const p = columns.length;
  const n = p === 0 ? (rows ?? 0) : columns[0].length;
  const data = matrixStorage(n * p);
  for (let j = 0; j < p; j++) {
    const c = columns[j];
    if (c.length !== n) throw new RangeError(`modelMatrix: column "${names[j]}" has ${c.length} rows, expected ${n}`);
    for (let i = 0; i < n; i++) data[j * n + i] = c[i];
  }
  return { n, p, data, names: [...names] };
}

/** Build a model matrix from rows (row-major input, as people write small examples). */
export function modelMatrixFromRows(rows: readonly ArrayLike<number>[], names?: readonly string[]): ModelMatrix {
  const n = rows.length;
  const p = n === 0 ? (names?.length ?? 0) : rows[0].length;
  const data = matrixStorage(n * p);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== p) throw new RangeError(`modelMatrixFromRows: row ${i + 1} has ${rows[i].length} values, expected ${p}`);
    for (let j = 0; j < p; j++) data[j * n + i] = rows[i][j];
  }
  return { n, p, data, names: names ? [...names] : Array.from({ length: p }, (_, j) => `x${j + 1}`) };
}

/** Column j as a view (no copy). */
export function column(x: ModelMatrix, j: number): Float64Array {
  return x.data.subarray(j * x.n, (j + 1) * x.n);
}

/** The rows listed in `rows`, as a new matrix (used for cross-validation folds). */
export function selectRows(x: ModelMatrix, rows: ArrayLike<number>): ModelMatrix {
  const m = rows.length;
  const data = new Float64Array(m * x.p);
  for (let j = 0; j < x.p; j++) {
    const src = j * x.n;
    const dst = j * m;
    for (let i = 0; i < m; i++) data[dst + i] = x.data[src + rows[i]];
  }
  return { n: m, p: x.p, data, names: x.names };
}
