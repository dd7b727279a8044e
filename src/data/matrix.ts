import { OptionError } from "../errors.js";
import { isArrayLike, shown, type Rule, checkArguments, countRule, numericArrayRule } from "./arguments.js";
import { gatherRows } from "./gather.js";

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
  checkArguments("matrixStorage", { cells }, { cells: countRule });
  return typeof SharedArrayBuffer === "function" ? new Float64Array(new SharedArrayBuffer(cells * 8)) : new Float64Array(cells);
}

/**
 * Build a model matrix from named numeric columns of equal length. `rows` is needed only when there
 * are no columns (an intercept-only model).
 */
export function modelMatrix(names: readonly string[], columns: readonly ArrayLike<number>[], rows?: number): ModelMatrix {
  if (!isArrayLike(names)) throw new OptionError(`modelMatrix: names must be an array of strings, got ${shown(names)}`, "names");
  if (!isArrayLike(columns)) throw new OptionError(`modelMatrix: columns must be an array of columns (arrays of numbers), got ${shown(columns)}`, "columns");
  if (names.length !== columns.length) {
    throw new OptionError(`modelMatrix: ${names.length} names for ${columns.length} columns; give one name per column`, "names");
  }
  checkNames("modelMatrix", names);
  if (rows !== undefined && !(Number.isInteger(rows) && rows >= 0)) throw new OptionError(`modelMatrix: rows must be an integer ≥ 0, got ${shown(rows)}`, "rows");
  const p = columns.length;
  columns.forEach((c, j) => {
    if (!isArrayLike(c)) throw new OptionError(`modelMatrix: column "${names[j]}" must be an array of numbers, got ${shown(c)}`, "columns");
  });
  const n = p === 0 ? (rows ?? 0) : columns[0].length;
  const data = matrixStorage(n * p);
  for (let j = 0; j < p; j++) {
    const c = columns[j];
    if (c.length !== n) throw new OptionError(`modelMatrix: column "${names[j]}" has ${c.length} rows, but column "${names[0]}" has ${n}`, "columns");
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if (typeof v !== "number") throw new OptionError(`modelMatrix: column "${names[j]}", row ${i + 1} must be a number, got ${shown(v)}`, "columns");
      data[j * n + i] = v;
    }
  }
  return { n, p, data, names: [...names] };
}

/** The prefix naming the function in a message ("" when a rule of checkArguments, which adds it). */
function at(what: string): string {
  return what === "" ? "" : `${what}: `;
}

/** Names must be distinct strings (a coefficient is reported by its feature's name). */
function checkNames(what: string, names: ArrayLike<unknown>): void {
  const seen = new Set<string>();
  for (let j = 0; j < names.length; j++) {
    const name = names[j];
    if (typeof name !== "string") throw new OptionError(`${at(what)}names[${j}] must be a string, got ${shown(name)}`, "names");
    if (seen.has(name)) throw new OptionError(`${at(what)}the name ${JSON.stringify(name)} is given twice; feature names must differ`, "names");
    seen.add(name);
  }
}

/**
 * Check that x is a model matrix (as modelMatrix builds): n and p counts, data a Float64Array of n·p
 * numbers, p distinct names. Values are checked by the fit (naming the row and feature).
 */
export function checkMatrix(what: string, x: unknown, name = "x"): asserts x is ModelMatrix {
  if (typeof what !== "string") throw new OptionError(`checkMatrix: what must be the name of the calling function (a string), got ${shown(what)}`, "what");
  const m = x as Partial<ModelMatrix> | null;
  const hint = "build one with modelMatrix(names, columns) or modelMatrixFromRows(rows, names)";
  if (m === null || typeof m !== "object") throw new OptionError(`${at(what)}${name} must be a model matrix, got ${shown(x)}; ${hint}`, name);
  if (!Number.isInteger(m.n) || (m.n as number) < 0 || !Number.isInteger(m.p) || (m.p as number) < 0) {
    throw new OptionError(`${at(what)}${name} must be a model matrix with whole numbers n (rows) and p (columns), got n = ${shown(m.n)}, p = ${shown(m.p)}; ${hint}`, name);
  }
  const { n, p } = m as { n: number; p: number };
  if (!(m.data instanceof Float64Array) || m.data.length !== n * p) {
    throw new OptionError(`${at(what)}${name}.data must be a Float64Array of n·p = ${n * p} numbers, got ${shown(m.data)}${ArrayBuffer.isView(m.data) ? ` of ${(m.data as Float64Array).length}` : ""}; ${hint}`, name);
  }
  if (!isArrayLike(m.names) || m.names.length !== p) {
    throw new OptionError(`${at(what)}${name}.names must be an array of p = ${p} names, got ${shown(m.names)}; ${hint}`, name);
  }
  checkNames(what, m.names);
}

/** Build a model matrix from rows (row-major input, as people write small examples). */
export function modelMatrixFromRows(rows: readonly ArrayLike<number>[], names?: readonly string[]): ModelMatrix {
  if (!isArrayLike(rows)) throw new OptionError(`modelMatrixFromRows: rows must be an array of rows (arrays of numbers), got ${shown(rows)}`, "rows");
  if (names !== undefined && !isArrayLike(names)) throw new OptionError(`modelMatrixFromRows: names must be an array of strings, got ${shown(names)}`, "names");
  const n = rows.length;
  const p = n === 0 ? (names?.length ?? 0) : isArrayLike(rows[0]) ? rows[0].length : -1;
  const data = matrixStorage(n * Math.max(p, 0));
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!isArrayLike(row)) throw new OptionError(`modelMatrixFromRows: row ${i + 1} must be an array of numbers, got ${shown(row)}`, "rows");
    if (row.length !== p) throw new OptionError(`modelMatrixFromRows: row ${i + 1} has ${row.length} values, but row 1 has ${p}`, "rows");
    for (let j = 0; j < p; j++) {
      if (typeof row[j] !== "number") throw new OptionError(`modelMatrixFromRows: row ${i + 1}, column ${j + 1} must be a number, got ${shown(row[j])}`, "rows");
      data[j * n + i] = row[j];
    }
  }
  if (names !== undefined && names.length !== p) throw new OptionError(`modelMatrixFromRows: ${names.length} names for ${p} columns; give one name per column`, "names");
  const resolved = names ? [...names] : Array.from({ length: p }, (_, j) => `x${j + 1}`);
  checkNames("modelMatrixFromRows", resolved);
  return { n, p, data, names: resolved };
}

/** Column j as a view (no copy). */
export function column(x: ModelMatrix, j: number): Float64Array {
  if (x === null || typeof x !== "object" || !(x.data instanceof Float64Array)) throw new OptionError(`column: x must be a model matrix, got ${shown(x)}`, "x");
  if (typeof j !== "number") throw new OptionError(`column: j must be a column position, got ${shown(j)}`, "j");
  return x.data.subarray(j * x.n, (j + 1) * x.n);
}

/** The rows listed in `rows`, as a new matrix (used for cross-validation folds). */
export function selectRows(x: ModelMatrix, rows: ArrayLike<number>): ModelMatrix {
  checkArguments("selectRows", { x, rows }, { x: (v, name) => checkMatrix("", v, name), rows: numericArrayRule });
  const m = rows.length;
  const data = new Float64Array(m * x.p);
  gatherRows(data, x.data, x.n, rows);
  return { n: m, p: x.p, data, names: x.names };
}
