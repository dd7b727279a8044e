/**
 * Small dense Cholesky factorisation and solves for the simulation module: population
 * covariances (to draw correlated predictors and to evaluate the irrepresentable condition)
 * and the least-squares refits of the relaxed lasso. Matrices are row-major Float64Arrays,
 * m×m; these are small (p up to a few hundred), so plain loops are enough.
 */

/**
 * The lower-triangular L with A = L·Lᵀ, or null when A is not (numerically) positive definite.
 * Only the lower triangle of A is read.
 */
export function cholesky(a: ArrayLike<number>, m: number): Float64Array | null {
  const l = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= l[j * m + k] * l[j * m + k];
    // Relative tolerance: a pivot that has lost all but rounding error means a singular matrix.
    if (!(d > 1e-12 * Math.abs(a[j * m + j])) || !(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = s / ljj;
    }
  }
  return l;
}

/** Solve L·Lᵀ·x = b given the Cholesky factor L (row-major, m×m). */
export function choleskySolve(l: Float64Array, m: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * m + k] * x[k];
    x[i] = s / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < m; k++) s -= l[k * m + i] * x[k];
    x[i] = s / l[i * m + i];
  }
  return x;
}

/** The submatrix of a (row-major, p×p) on rows `rows` and columns `cols`. */
export function submatrix(a: ArrayLike<number>, p: number, rows: ArrayLike<number>, cols: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < cols.length; j++) out[i * cols.length + j] = a[rows[i] * p + cols[j]];
  }
  return out;
}
