import { DataError } from "../../errors.js";

/**
 * The checks every family makes of its outcome, shared: the first row that is not a finite number or
 * breaks the family's own rule (`problem`, a message or null) is named.
 */
export function checkOutcomeRows(y: ArrayLike<number>, problem: (v: number, row: number) => string | null = () => null): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new DataError(`the outcome is not a finite number in row ${i + 1} (${v})`, undefined, i + 1);
    const why = problem(v, i + 1);
    if (why !== null) throw new DataError(why, undefined, i + 1);
  }
}

/**
 * The value every row that carries weight has, or null when they differ (a NaN differs from everything,
 * so the row checks name it) or no row carries weight: compared exactly, as rounding in a mean would hide it.
 */
export function constantOutcome(y: ArrayLike<number>, w: ArrayLike<number>): number | null {
  let first: number | null = null;
  for (let i = 0; i < y.length; i++) {
    if (w[i] === 0) continue;
    if (first === null) first = y[i];
    else if (y[i] !== first) return null;
  }
  return first !== null && Number.isNaN(first) ? null : first;
}

/** Σ w_i·y_i / Σ w_i. */
export function weightedShare(y: ArrayLike<number>, w: ArrayLike<number>): number {
  let s = 0, sw = 0;
  for (let i = 0; i < y.length; i++) {
    s += w[i] * y[i];
    sw += w[i];
  }
  return s / sw;
}

export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
