/**
 * The Cox partial likelihood with Breslow's ties, as glmnet 4.1 computes it: for each stratum and each
 * distinct event time t_k in it, the events D_k (total weight d_k) and the risk set R_k (the stratum's
 * rows with start < t_k ≤ stop; a row censored at t_k is at risk at t_k, as glmnet's nudge of censored
 * times makes it),
 *
 *   loglik(η) = Σ_k [ Σ_{i∈D_k} w_i η_i − d_k·log Σ_{i∈R_k} w_i e^{η_i} ].
 *
 * It is not a sum over rows: every row's term reads its risk sets. The risk sets are found once
 * (`riskSets`); each evaluation at an η then costs O(n + K).
 */
import { checkArguments, numericArrayRule, fieldsRule, countRule, objectRule } from "../data/arguments.js";

/** The survival outcome beside its times (y, the stop times): status, and optionally start times and strata. */
export interface Survival {
  /** 1 = event, 0 = censored, per row (as survival::Surv). */
  readonly status: ArrayLike<number>;
  /** The start of each row's interval (start, stop] (counting-process rows); absent: −∞. */
  readonly start?: ArrayLike<number>;
  /** Each row's stratum (any numbers): every stratum has a baseline hazard of its own. */
  readonly strata?: ArrayLike<number>;
}

/** Where every row stands among the event times: computed once per data set and weights. */
export interface RiskSets {
  readonly n: number;
  /** Event times, stratum by stratum, each stratum's ascending; K = times.length. */
  readonly times: Float64Array;
  /** Weighted events at each time, d_k = Σ_{i∈D_k} w_i. */
  readonly dk: Float64Array;
  /** The first event-time index of the stratum each event time belongs to. */
  readonly stratumStart: Int32Array;
  /** Stratum s (stratumIndex's numbering) has the event times offsets[s] .. offsets[s + 1] − 1. */
  readonly offsets: Int32Array;
  /** Row i is at risk at event times (cut_i, last_i] (indices): last_i = −1 when in no risk set. */
  readonly last: Int32Array;
  readonly cut: Int32Array;
  /** w_i·status_i. */
  readonly wd: Float64Array;
  /** The weights the sets were built with. */
  readonly w: Float64Array;
  /** The saturated log-likelihood, −Σ_k d_k·log d_k. */
  readonly lsat: number;
}

/** The index of each row's stratum (0..S−1, in order of first appearance), all 0 without strata. */
export function stratumIndex(n: number, strata: ArrayLike<number> | undefined): { index: Int32Array; count: number } {
  const index = new Int32Array(n);
  if (!strata) return { index, count: 1 };
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    let s = seen.get(strata[i]);
    if (s === undefined) seen.set(strata[i], (s = seen.size));
    index[i] = s;
  }
  return { index, count: seen.size };
}

/** Number of entries of the ascending a[lo..hi) that are ≤ t. */
function countAtMost(a: Float64Array, lo: number, hi: number, t: number): number {
  let l = lo, h = hi;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (a[m] <= t) l = m + 1;
    else h = m;
  }
  return l - lo;
}

/** The risk sets of rows with stop times `time`, the survival outcome and weights w (a row of weight 0 is in none). */
export function riskSets(time: ArrayLike<number>, surv: Survival, w: ArrayLike<number>): RiskSets {
  checkArguments("riskSets", { time, surv, w }, { time: numericArrayRule, surv: objectRule("survival columns { status, start?, strata? }"), w: numericArrayRule });
  const n = time.length;
  const { index: stratum, count: S } = stratumIndex(n, surv.strata);
  // Distinct event times per stratum, with their weighted event counts.
  const perStratum: Map<number, number>[] = Array.from({ length: S }, () => new Map());
  for (let i = 0; i < n; i++) {
    if (surv.status[i] !== 1 || !(w[i] > 0)) continue;
    const m = perStratum[stratum[i]];
    m.set(time[i], (m.get(time[i]) ?? 0) + w[i]);
  }
  const offsets = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) offsets[s + 1] = offsets[s] + perStratum[s].size;
  const K = offsets[S];
  const times = new Float64Array(K);
  const dk = new Float64Array(K);
  const stratumStart = new Int32Array(K);
  for (let s = 0; s < S; s++) {
    const sorted = [...perStratum[s].keys()].sort((a, b) => a - b);
    sorted.forEach((t, k) => {
      times[offsets[s] + k] = t;
      dk[offsets[s] + k] = perStratum[s].get(t)!;
      stratumStart[offsets[s] + k] = offsets[s];
    });
  }
  const last = new Int32Array(n).fill(-1);
  const cut = new Int32Array(n).fill(-1);
  const wd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(w[i] > 0)) continue;
    wd[i] = surv.status[i] === 1 ? w[i] : 0;
    const lo = offsets[stratum[i]], hi = offsets[stratum[i] + 1];
    const upTo = countAtMost(times, lo, hi, time[i]);
    const before = surv.start ? countAtMost(times, lo, hi, surv.start[i]) : 0;
    if (upTo > before) {
      last[i] = lo + upTo - 1;
      cut[i] = before > 0 ? lo + before - 1 : -1;
    }
  }
  let lsat = 0;
  for (let k = 0; k < K; k++) lsat -= dk[k] * Math.log(dk[k]);
  return { n, times, dk, stratumStart, offsets, last, cut, wd, w: Float64Array.from(w), lsat };
}

/**
 * The sums over risk sets at η: u_k = Σ_{R_k} w e^{η − c} (c the largest η, against overflow), returned
 * with c. Each row adds its w·e^{η−c} at its last event time and takes it off below its cut; u_k is then
 * the sum over each stratum's later times, accumulated from its last (as glmnet's usk, without
 * cancellation when no row has a start time).
 */
export function riskSums(rs: RiskSets, eta: ArrayLike<number>, e: Float64Array, u: Float64Array): number {
  const { n, last, cut, w, stratumStart } = rs;
  const K = rs.dk.length;
  let c = -Infinity;
  for (let i = 0; i < n; i++) if (last[i] >= 0 && eta[i] > c) c = eta[i];
  if (c === -Infinity) c = 0;
  u.fill(0, 0, K);
  for (let i = 0; i < n; i++) {
    if (last[i] < 0) {
      e[i] = 0;
      continue;
    }
    const ei = w[i] * Math.exp(eta[i] - c);
    e[i] = ei;
    u[last[i]] += ei;
    if (cut[i] >= 0) u[cut[i]] -= ei;
  }
  for (let k = K - 2; k >= 0; k--) if (stratumStart[k + 1] === stratumStart[k]) u[k] += u[k + 1];
  return c;
}

/** loglik(η) = Σ_i w_i·δ_i·η_i − Σ_k d_k·log u_k (Breslow). */
export function logPartialLikelihood(rs: RiskSets, eta: ArrayLike<number>): number {
  checkArguments("logPartialLikelihood", { rs, eta }, { rs: RISK_SETS, eta: numericArrayRule });
  const e = new Float64Array(rs.n);
  const u = new Float64Array(rs.dk.length);
  const c = riskSums(rs, eta, e, u);
  return loglikFromSums(rs, eta, u, c);
}

function loglikFromSums(rs: RiskSets, eta: ArrayLike<number>, u: Float64Array, c: number): number {
  let s = 0;
  for (let i = 0; i < rs.n; i++) if (rs.wd[i] !== 0) s += rs.wd[i] * eta[i];
  for (let k = 0; k < rs.dk.length; k++) s -= rs.dk[k] * (Math.log(u[k]) + c);
  return s;
}

/** The deviance 2·(lsat − loglik(η)), as coxnet.deviance. */
export function coxDeviance(rs: RiskSets, eta: ArrayLike<number>): number {
  checkArguments("coxDeviance", { rs, eta }, { rs: RISK_SETS, eta: numericArrayRule });
  return 2 * (rs.lsat - logPartialLikelihood(rs, eta));
}

/**
 * The score and the diagonal of the information at η, as glmnet's IRLS uses them:
 *   r_i = w_i δ_i − w_i e^{η_i}·Σ_{k: i∈R_k} d_k/u_k                        (∂loglik/∂η_i),
 *   v_i = w_i e^{η_i}·Σ_{k: i∈R_k} d_k/u_k − (w_i e^{η_i})²·Σ_{k: i∈R_k} d_k/u_k²   (−∂²loglik/∂η_i²).
 * Returns Σ v and the log partial likelihood at η. `e` (n) and `u`, `b`, `cc` (K) are scratch.
 */
export function scoreAndCurvature(
  rs: RiskSets, eta: ArrayLike<number>, r: Float64Array, v: Float64Array, scratch: { e: Float64Array; u: Float64Array; b: Float64Array; c: Float64Array },
): { vsum: number; loglik: number } {
  const { e, u, b, c: cc } = scratch;
  const c = riskSums(rs, eta, e, u);
  const { dk, stratumStart, last, cut, wd, n } = rs;
  const K = dk.length;
  // Running sums within each stratum from its first time: B_k = Σ_{k' ≤ k} d/u, C_k = Σ d/u².
  for (let k = 0; k < K; k++) {
    const q = dk[k] / u[k];
    const fresh = k === 0 || stratumStart[k] !== stratumStart[k - 1];
    b[k] = (fresh ? 0 : b[k - 1]) + q;
    cc[k] = (fresh ? 0 : cc[k - 1]) + q / u[k];
  }
  let vsum = 0;
  for (let i = 0; i < n; i++) {
    if (last[i] < 0) {
      r[i] = wd[i];
      v[i] = 0;
      continue;
    }
    const bi = b[last[i]] - (cut[i] >= 0 ? b[cut[i]] : 0);
    const ci = cc[last[i]] - (cut[i] >= 0 ? cc[cut[i]] : 0);
    const ei = e[i];
    r[i] = wd[i] - ei * bi;
    const vi = ei * bi - ei * ei * ci;
    v[i] = vi;
    vsum += vi;
  }
  return { vsum, loglik: loglikFromSums(rs, eta, u, c) };
}

/**
 * Breslow's baseline cumulative hazard at each event time (the layout of rs.times): within each
 * stratum, H₀(t_k) = Σ_{k' ≤ k} d_k' / Σ_{i∈R_k'} w_i e^{η_i}, so that a subject with linear predictor η
 * has cumulative hazard H₀(t)·e^η and survival exp(−H₀(t)·e^η) (survival::survfit on a Breslow coxph).
 */
export function breslowCumulativeHazard(rs: RiskSets, eta: ArrayLike<number>): Float64Array {
  checkArguments("breslowCumulativeHazard", { rs, eta }, { rs: RISK_SETS, eta: numericArrayRule });
  const K = rs.dk.length;
  const e = new Float64Array(rs.n);
  const u = new Float64Array(K);
  const c = riskSums(rs, eta, e, u);
  const scale = Math.exp(-c);
  const h = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const fresh = k === 0 || rs.stratumStart[k] !== rs.stratumStart[k - 1];
    h[k] = (fresh ? 0 : h[k - 1]) + (rs.dk[k] / u[k]) * scale;
  }
  return h;
}

/** The score ∂loglik/∂η_i at η (scoreAndCurvature's r, on its own). */
export function coxScore(rs: RiskSets, eta: ArrayLike<number>): Float64Array {
  const K = rs.dk.length;
  const r = new Float64Array(rs.n);
  scoreAndCurvature(rs, eta, r, new Float64Array(rs.n), { e: new Float64Array(rs.n), u: new Float64Array(K), b: new Float64Array(K), c: new Float64Array(K) });
  return r;
}

/** Risk sets, from riskSets(time, surv, w). */
const RISK_SETS = fieldsRule("risk sets, from riskSets(time, surv, w)", { n: countRule });
