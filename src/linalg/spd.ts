/**
 * Small dense symmetric positive (semi)definite matrices: one Cholesky factorisation and its solves, for
 * the duality gap, ncvreg's null model, the simulation's covariances and relaxed refits, and the rows
 * that stand in for a source's moments. Matrices are row-major Float64Arrays, m×m; these are small
 * (p up to a few hundred), so plain loops are enough.
 */

/** A Cholesky factor L (A = L·Lᵀ on the kept columns) and which columns were kept. */
export interface CholeskyFactor {
  /** Lower-triangular, row-major m×m; a dropped column is all zeros. */
  readonly l: Float64Array;
  /** kept[j] = 1 when column j's pivot was positive and above tol × its diagonal entry. */
  readonly kept: Uint8Array;
  /** The number of kept columns (m when A is numerically positive definite). */
  readonly rank: number;
}

/**
 * Cholesky of A (only its lower triangle is read): a pivot d_j = a_jj − Σ_k<j l_jk² at or below
 * tol·|a_jj|, or not positive, means column j is (numerically) a combination of those before it;
 * it is dropped (a zero column of L), as R's lm drops aliased columns.
 */
export function choleskyFactor(a: ArrayLike<number>, m: number, tol: number): CholeskyFactor {
  const l = new Float64Array(m * m);
  const kept = new Uint8Array(m);
  let rank = 0;
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= l[j * m + k] * l[j * m + k];
    if (!(d > tol * Math.abs(a[j * m + j])) || !(d > 0)) continue;
    kept[j] = 1;
    rank++;
    const ljj = Math.sqrt(d);
    l[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = s / ljj;
    }
  }
  return { l, kept, rank };
}

/** The lower-triangular L with A = L·Lᵀ, or null when A is not numerically positive definite (a pivot ≤ 1e-12·a_jj). */
export function cholesky(a: ArrayLike<number>, m: number): Float64Array | null {
  const f = choleskyFactor(a, m, 1e-12);
  return f.rank === m ? f.l : null;
}

/**
 * Solve L·Lᵀ·x = b given the Cholesky factor L (row-major, m×m); with `kept`, the dropped columns'
 * x_j are 0 and the others solve the kept block.
 */
export function choleskySolve(l: Float64Array, m: number, b: ArrayLike<number>, kept?: Uint8Array): Float64Array {
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    if (kept && !kept[i]) continue;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * m + k] * x[k];
    x[i] = s / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    if (kept && !kept[i]) continue;
    let s = x[i];
    for (let k = i + 1; k < m; k++) s -= l[k * m + i] * x[k];
    x[i] = s / l[i * m + i];
  }
  return x;
}

/** The solution of G·c = b for a small symmetric positive definite G (k×k, row-major; Cholesky), or null when singular. */
export function solveSpd(G: Float64Array, b: ArrayLike<number>): Float64Array | null {
  const k = b.length;
  const f = choleskyFactor(G, k, 0);
  return f.rank === k ? choleskySolve(f.l, k, b) : null;
}

/**
 * A solution of G·c = b for a small symmetric positive semidefinite G (k×k, row-major) by Cholesky that
 * drops each variable whose pivot falls below tol × its diagonal (collinear with those before it, as R's
 * lm drops aliased columns): its c is 0, and G·c is still the projection the others give.
 */
export function solveSpdDropping(G: Float64Array, b: ArrayLike<number>, tol = 1e-10): Float64Array {
  const k = b.length;
  const f = choleskyFactor(G, k, tol);
  return choleskySolve(f.l, k, b, f.kept);
}

/** The submatrix of a (row-major, p×p) on rows `rows` and columns `cols`. */
export function submatrix(a: ArrayLike<number>, p: number, rows: ArrayLike<number>, cols: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < cols.length; j++) out[i * cols.length + j] = a[rows[i] * p + cols[j]];
  }
  return out;
}
