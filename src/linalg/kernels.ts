/**
 * The hot kernels of every solver, on plain typed arrays with offsets (BLAS-style).
 * Kept in one small module so a faster implementation can be swapped in and tested against this one.
 * Two accumulators: faster than the plain loop in V8, and never slower than a 4-way unroll, which
 * was 3x slower in some runs (bench/kernels.ts times the variants side by side).
 */

/** Σ_i x[xo+i]·y[yo+i] for i < n. */
export function dot(n: number, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
  let s0 = 0, s1 = 0;
  let i = 0;
  const m = n - 1;
  for (; i < m; i += 2) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
  }
  if (i < n) s0 += x[xo + i] * y[yo + i];
  return s0 + s1;
}

/** y[yo+i] += a·x[xo+i] for i < n. */
export function axpy(n: number, a: number, x: Float64Array, xo: number, y: Float64Array, yo: number): void {
  for (let i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
}

/** Σ_i w[i]·x[xo+i]·y[yo+i]: a weighted inner product. */
export function wdot(n: number, w: Float64Array, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
  let s0 = 0, s1 = 0;
  let i = 0;
  const m = n - 1;
  for (; i < m; i += 2) {
    s0 += w[i] * x[xo + i] * y[yo + i];
    s1 += w[i + 1] * x[xo + i + 1] * y[yo + i + 1];
  }
  if (i < n) s0 += w[i] * x[xo + i] * y[yo + i];
  return s0 + s1;
}

/** r[i] −= a·v[i]·x[xo+i]: the weighted residual update of IRLS coordinate descent. */
export function waxpy(n: number, a: number, v: Float64Array, x: Float64Array, xo: number, r: Float64Array): void {
  for (let i = 0; i < n; i++) r[i] -= a * v[i] * x[xo + i];
}
