/**
 * out = the rows `rows` of the column-major n-row matrix x, column-major: out[j·m + t] = x[j·n + rows[t]]
 * (m = rows.length; out holds m × p). selectRows' loop, and the multinomial CV's held-out rows into
 * one reused array; a function of its arguments, so that V8 optimizes the loop whole.
 */
export function gatherRows(out: Float64Array, x: Float64Array, n: number, rows: ArrayLike<number>): void {
  const m = rows.length, p = out.length / m;
  for (let j = 0; j < p; j++) for (let t = 0; t < m; t++) out[j * m + t] = x[j * n + rows[t]];
}
