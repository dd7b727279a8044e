/**
 * The kernels in plain TypeScript, on typed arrays with offsets (BLAS-style): the reference the
 * WebAssembly kernels (wasm/kernels.wat) are tested against, and the fallback wherever WebAssembly
 * SIMD is unavailable or the arrays do not live in a workspace's memory.
 *
 * Reductions use eight accumulators, s_k summing the elements i ≡ k (mod 8) over whole blocks of 8;
 * of the rest, a block of 4 goes to s0..s3, then a pair to s0, s1; they are combined as
 * ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)) and an odd last element is added at the end:
 * the order of the four f64x2 accumulators of the WebAssembly version, so both give bit-identical
 * results and a fit does not depend on which one ran.
 */

/** Σ_i x[xo+i]·y[yo+i] for i < n. */
export function dot(n: number, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    s2 += x[xo + i + 2] * y[yo + i + 2];
    s3 += x[xo + i + 3] * y[yo + i + 3];
    s4 += x[xo + i + 4] * y[yo + i + 4];
    s5 += x[xo + i + 5] * y[yo + i + 5];
    s6 += x[xo + i + 6] * y[yo + i + 6];
    s7 += x[xo + i + 7] * y[yo + i + 7];
  }
  if (n & 4) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    s2 += x[xo + i + 2] * y[yo + i + 2];
    s3 += x[xo + i + 3] * y[yo + i + 3];
    i += 4;
  }
  if (n & 2) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    i += 2;
  }
  let s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
  if (n & 1) s += x[xo + i] * y[yo + i];
  return s;
}

/** out[j] = Σ_i x[j·n + i]·v[i] for each column j in cols[0..count): many pulls at once. */
export function dotColumns(n: number, x: Float64Array, cols: Int32Array, count: number, v: Float64Array, out: Float64Array, vo = 0): void {
  for (let k = 0; k < count; k++) {
    const j = cols[k];
    out[j] = dot(n, x, j * n, v, vo);
  }
}

/** Σ_i w[wo+i]·x[xo+i]·y[yo+i], each term rounded as (w·x)·y: a weighted inner product. */
export function wdot(
  n: number, w: Float64Array, wo: number, x: Float64Array, xo: number, y: Float64Array, yo: number,
): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    s0 += w[wo + i] * x[xo + i] * y[yo + i];
    s1 += w[wo + i + 1] * x[xo + i + 1] * y[yo + i + 1];
    s2 += w[wo + i + 2] * x[xo + i + 2] * y[yo + i + 2];
    s3 += w[wo + i + 3] * x[xo + i + 3] * y[yo + i + 3];
    s4 += w[wo + i + 4] * x[xo + i + 4] * y[yo + i + 4];
    s5 += w[wo + i + 5] * x[xo + i + 5] * y[yo + i + 5];
    s6 += w[wo + i + 6] * x[xo + i + 6] * y[yo + i + 6];
    s7 += w[wo + i + 7] * x[xo + i + 7] * y[yo + i + 7];
  }
  if (n & 4) {
    s0 += w[wo + i] * x[xo + i] * y[yo + i];
    s1 += w[wo + i + 1] * x[xo + i + 1] * y[yo + i + 1];
    s2 += w[wo + i + 2] * x[xo + i + 2] * y[yo + i + 2];
    s3 += w[wo + i + 3] * x[xo + i + 3] * y[yo + i + 3];
    i += 4;
  }
  if (n & 2) {
    s0 += w[wo + i] * x[xo + i] * y[yo + i];
    s1 += w[wo + i + 1] * x[xo + i + 1] * y[yo + i + 1];
    i += 2;
  }
  let s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
  if (n & 1) s += w[wo + i] * x[xo + i] * y[yo + i];
  return s;
}

/** Σ_i w[wo+i]·x[xo+i]², each term rounded as (w·x)·x: wdot with y = x (the IRLS curvature of a column). */
export function wsq(n: number, w: Float64Array, wo: number, x: Float64Array, xo: number): number {
  return wdot(n, w, wo, x, xo, x, xo);
}

/** Σ_i x[xo+i]. */
export function sum(n: number, x: Float64Array, xo: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    s0 += x[xo + i];
    s1 += x[xo + i + 1];
    s2 += x[xo + i + 2];
    s3 += x[xo + i + 3];
    s4 += x[xo + i + 4];
    s5 += x[xo + i + 5];
    s6 += x[xo + i + 6];
    s7 += x[xo + i + 7];
  }
  if (n & 4) {
    s0 += x[xo + i];
    s1 += x[xo + i + 1];
    s2 += x[xo + i + 2];
    s3 += x[xo + i + 3];
    i += 4;
  }
  if (n & 2) {
    s0 += x[xo + i];
    s1 += x[xo + i + 1];
    i += 2;
  }
  let s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
  if (n & 1) s += x[xo + i];
  return s;
}

/** y[yo+i] += a·x[xo+i] for i < n. */
export function axpy(n: number, a: number, x: Float64Array, xo: number, y: Float64Array, yo: number): void {
  for (let i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
}

/** r[ro+i] −= (a·v[vo+i])·x[xo+i]: the weighted residual update of IRLS coordinate descent. */
export function waxpy(
  n: number, a: number, v: Float64Array, vo: number, x: Float64Array, xo: number, r: Float64Array, ro: number,
): void {
  for (let i = 0; i < n; i++) r[ro + i] -= a * v[vo + i] * x[xo + i];
}

/** y[yo+i] += a·x[xo+i], then Σ_i y[yo+i]·z[zo+i] over the updated y: an update and the next pull. */
export function axpyDot(
  n: number, a: number, x: Float64Array, xo: number, y: Float64Array, yo: number, z: Float64Array, zo: number,
): number {
  axpy(n, a, x, xo, y, yo);
  return dot(n, y, yo, z, zo);
}

/** r[ro+i] −= (a·v[vo+i])·x[xo+i], then Σ_i r[ro+i]·z[zo+i] over the updated r. */
export function waxpyDot(
  n: number, a: number, v: Float64Array, vo: number, x: Float64Array, xo: number, r: Float64Array, ro: number,
  z: Float64Array, zo: number,
): number {
  waxpy(n, a, v, vo, x, xo, r, ro);
  return dot(n, r, ro, z, zo);
}

/** Σ_i r[ro+i]·x[xo+i], with out[oo] = Σ_i v[vo+i]·x[xo+i]²: a pull and the column's IRLS curvature. */
export function dotWsq(
  n: number, r: Float64Array, ro: number, x: Float64Array, xo: number, v: Float64Array, vo: number,
  out: Float64Array, oo: number,
): number {
  out[oo] = wsq(n, v, vo, x, xo);
  return dot(n, r, ro, x, xo);
}

/** waxpy(a, v, xp, r), then dotWsq(r, x, v): an update, and the next coordinate's pull and curvature. */
export function waxpyDotWsq(
  n: number, a: number, v: Float64Array, vo: number, xp: Float64Array, xpo: number, r: Float64Array, ro: number,
  x: Float64Array, xo: number, out: Float64Array, oo: number,
): number {
  waxpy(n, a, v, vo, xp, xpo, r, ro);
  return dotWsq(n, r, ro, x, xo, v, vo, out, oo);
}

/** out[oo+i] = exp(e[i] − c[i]) for i < n: a class's exponentials from its η and the rows' references. */
export function expDiff(n: number, e: Float64Array, c: Float64Array, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = Math.exp(e[i] - c[i]);
}

/**
 * sum[i] = Σ_{l<K} ex[l·n + i] (in class order) where it is within [1e-250, 1e250], the rows' sums of their
 * exponentials; returns how many rows were outside (NaN included), their sum[i] left as it was.
 */
export function rowSums(n: number, K: number, ex: Float64Array, sum: Float64Array): number {
  let bad = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let l = 0; l < K; l++) s += ex[l * n + i];
    if (s <= 1e250 && s >= 1e-250) sum[i] = s;
    else bad++;
  }
  return bad;
}

/** η[i] += (r0[i] − r[i])/v[i] (an IRLS step's end, eta-step.ts), then out[oo+i] = exp(η[i] − c[i]). */
export function advanceExp(
  n: number, eta: Float64Array, r0: Float64Array, r: Float64Array, v: Float64Array, c: Float64Array, out: Float64Array, oo: number,
): void {
  for (let i = 0; i < n; i++) {
    const e = (eta[i] += (r0[i] - r[i]) / v[i]);
    out[oo + i] = Math.exp(e - c[i]);
  }
}

/**
 * A multinomial class's quadratic rows, its entries at offset o of ex and y: p = ex/S, at glmnet's bounds
 * (below pfm 0, above pfx 1, with weight 0); v = w·p(1 − p), r = r0 = w(y − p). Returns Σv (rows in order);
 * stores at out[0] the largest p(1 − p) of the rows inside the bounds (0 if none), at out[1] how many rows
 * have !(v > 0) (then an IRLS step's η cannot be had from its residual: eta-step.ts).
 */
export function quadratic(
  n: number, ex: Float64Array, o: number, rowSum: Float64Array, y: Float64Array, w: Float64Array,
  r: Float64Array, v: Float64Array, r0: Float64Array, out: Float64Array, pfm: number, pfx: number,
): number {
  let vsum = 0, largest = 0, nonpositive = 0;
  for (let i = 0; i < n; i++) {
    const p0 = ex[o + i] / rowSum[i];
    const inside = !(p0 < pfm) && !(p0 > pfx);
    const pi = inside ? p0 : p0 < pfm ? 0 : 1;
    // vsum + 0 is vsum: adding a bound row's 0 is the same as not adding it.
    const vi = inside ? w[i] * pi * (1 - pi) : 0;
    v[i] = vi;
    vsum += vi;
    if (!(vi > 0)) nonpositive++;
    if (inside) largest = Math.max(largest, pi * (1 - pi));
    const ri = w[i] * (y[o + i] - pi);
    r[i] = ri;
    r0[i] = ri;
  }
  out[0] = largest;
  out[1] = nonpositive;
  return vsum;
}
