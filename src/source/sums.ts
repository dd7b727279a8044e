/**
 * Shifted sums, as an engine returns them, and the moments they give. With d = v − c for each column v
 * (the features, then the target last) and a shift c near its mean (a first pass's), an engine sums
 * n, W = Σw, a_j = Σ w·d_j and S_jk = Σ w·d_j·d_k. Then x̄_j = c_j + a_j/W and the centred products are
 * (S_jk − a_j·a_k/W)/W: the subtraction loses nothing when c is near the mean, where raw sums of squares
 * lose every digit once a mean is large. Sums of separate row sets (folds, shards) add; a fold's
 * complement is the total less the fold.
 */
import type { Moments } from "../solve/moments.js";

export interface ShiftedSums {
  readonly n: number;
  readonly weightSum: number;
  /** a_j, j = 0..q−1 (features, then the target). */
  readonly linear: Float64Array;
  /** S_jk, q×q, row-major, symmetric. */
  readonly products: Float64Array;
}

/** Empty sums of q columns. */
export function zeroSums(q: number): ShiftedSums {
  return { n: 0, weightSum: 0, linear: new Float64Array(q), products: new Float64Array(q * q) };
}

/** a + sign·b, entry by entry (sign −1: the rows of a that are not in b). */
export function addSums(a: ShiftedSums, b: ShiftedSums, sign: 1 | -1 = 1): ShiftedSums {
  return {
    n: a.n + sign * b.n,
    weightSum: a.weightSum + sign * b.weightSum,
    linear: a.linear.map((v, j) => v + sign * b.linear[j]),
    products: a.products.map((v, j) => v + sign * b.products[j]),
  };
}

/** The moments of the rows the sums were taken over; `shift` is c (features, then the target). */
export function momentsFromSums(s: ShiftedSums, shift: Float64Array, names: readonly string[]): Moments {
  const q = shift.length;
  const p = q - 1;
  const W = s.weightSum;
  const a = s.linear;
  const centred = (j: number, k: number) => (s.products[j * q + k] - (a[j] * a[k]) / W) / W;
  const xx = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) xx[j * p + k] = centred(j, k);
  return {
    n: s.n,
    weightSum: W,
    names: [...names],
    xMean: Float64Array.from({ length: p }, (_, j) => shift[j] + a[j] / W),
    yMean: shift[p] + a[p] / W,
    xx,
    xy: Float64Array.from({ length: p }, (_, j) => centred(j, p)),
    yy: centred(p, p),
  };
}
