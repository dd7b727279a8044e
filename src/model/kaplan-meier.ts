import { checkArguments, numericArrayRule, optionsRule, finiteNumber, type Schema } from "../data/arguments.js";

/**
 * The Kaplan–Meier estimate of survival (Kaplan & Meier 1958): at each distinct event time t_k,
 * S(t_k) = Π_{k' ≤ k} (1 − d_k'/n_k'), with d the (weighted) events at t_k and n the (weighted) number
 * at risk just before it (a row censored at t_k is still at risk then); (start, stop] rows are at risk
 * on their interval only.
 */
export interface KaplanMeier {
  /** Distinct event times, ascending. */
  readonly time: Float64Array;
  /** S just after each time. */
  readonly survival: Float64Array;
  /** Weighted number at risk just before each time. */
  readonly atRisk: Float64Array;
  /** Weighted events at each time. */
  readonly events: Float64Array;
}

/** Kaplan–Meier of rows `rows` (all when omitted), with weights w (1 each when omitted). */
export function kaplanMeier(
  time: ArrayLike<number>, status: ArrayLike<number>, opts: { rows?: ArrayLike<number>; weights?: ArrayLike<number>; start?: ArrayLike<number> } = {},
): KaplanMeier {
  checkArguments("kaplanMeier", { time, status, opts }, { time: numericArrayRule, status: numericArrayRule, opts: optionsRule(KM_OPTIONS) });
  const rows = opts.rows ? Array.from(opts.rows) : Array.from({ length: time.length }, (_, i) => i);
  const w = (i: number) => (opts.weights ? opts.weights[i] : 1);
  const eventTimes = [...new Set(rows.filter((i) => status[i] === 1 && w(i) > 0).map((i) => time[i]))].sort((a, b) => a - b);
  const K = eventTimes.length;
  const events = new Float64Array(K);
  const atRisk = new Float64Array(K);
  const index = new Map(eventTimes.map((t, k) => [t, k]));
  for (const i of rows) if (status[i] === 1 && w(i) > 0) events[index.get(time[i])!] += w(i);
  // At risk at t_k: start < t_k ≤ stop. Each row adds its weight over a range of event times.
  const diff = new Float64Array(K + 1);
  for (const i of rows) {
    if (!(w(i) > 0)) continue;
    const last = upperBound(eventTimes, time[i]);
    const first = opts.start ? upperBound(eventTimes, opts.start[i]) : 0;
    if (last > first) {
      diff[first] += w(i);
      diff[last] -= w(i);
    }
  }
  const survival = new Float64Array(K);
  let n = 0, s = 1;
  for (let k = 0; k < K; k++) {
    n += diff[k];
    atRisk[k] = n;
    s *= 1 - events[k] / n;
    survival[k] = s;
  }
  return { time: Float64Array.from(eventTimes), survival, atRisk, events };
}

/** Number of entries of the ascending a that are ≤ t. */
function upperBound(a: readonly number[], t: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m] <= t) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** The weighted number at risk at time t (start < t ≤ stop) among rows `rows`. */
export function numberAtRisk(time: ArrayLike<number>, t: number, opts: { rows?: ArrayLike<number>; weights?: ArrayLike<number>; start?: ArrayLike<number> } = {}): number {
  checkArguments("numberAtRisk", { time, t, opts }, { time: numericArrayRule, t: finiteNumber, opts: optionsRule(KM_OPTIONS) });
  const rows = opts.rows ? Array.from(opts.rows) : Array.from({ length: time.length }, (_, i) => i);
  let n = 0;
  for (const i of rows) if (time[i] >= t && (!opts.start || opts.start[i] < t)) n += opts.weights ? opts.weights[i] : 1;
  return n;
}

/** The options of kaplanMeier and numberAtRisk: the rows to use, case weights, entry times. */
const KM_OPTIONS: Schema<{ rows?: ArrayLike<number>; weights?: ArrayLike<number>; start?: ArrayLike<number> }> = {
  rows: numericArrayRule, weights: numericArrayRule, start: numericArrayRule,
};
