import type { Family } from "./family.js";

/**
 * What the duality gap needs of a family with a canonical link: the Bregman divergence of its cumulant
 * b, B(m, η) = b(η) + b*(m) − m·η ≥ 0 (the Fenchel–Young gap of the datafit at one row, ½·d(m, μ(η))),
 * and the domain of the conjugate b* (the dual point's means). By link, as the cumulant is fixed by it.
 */
export interface Cumulant {
  /**
   * B(m, η) = b(η) + b*(m) − m·η, given also μ = b'(η) as the solver computed it: from m and μ by
   * log1p (no exp, and no cancellation of the large terms) when μ is inside the domain, from η otherwise.
   */
  bregman(m: number, eta: number, mu: number): number;
  /** Whether b*(m) is finite. */
  inDomain(m: number): boolean;
  /** Whether μ_i + c is in b*'s domain at every row of w_i ≠ 0, in one loop. */
  shiftInDomain(mu: Float64Array, w: Float64Array, c: number): boolean;
  /** The duality gap's datafit term over the rows, in one loop (BregmanRows). */
  bregmanSum(rows: BregmanRows): number;
}

/**
 * The rows of Σ_i w_i·max(0, B(m_i, η_i, μ_i)), summed in row order over the rows with w_i ≠ 0 and m_i ≠ μ_i,
 * where m_i = mean_i + c, or (1 − s)·y_i + s·(mean_i + c) when s ≠ 1 (the dual mean, gap.ts's irlsGap).
 */
export interface BregmanRows {
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly mean: Float64Array;
  readonly c: number;
  readonly s: number;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
}

/** bregmanSum by calling B row by row. */
function sumOf(bregman: Cumulant["bregman"]): (rows: BregmanRows) => number {
  return ({ y, w, mean, c, s, eta, mu }) => {
    let data = 0;
    for (let i = 0; i < y.length; i++) {
      const base = mean[i] + c;
      const mi = s === 1 ? base : (1 - s) * y[i] + s * base;
      if (w[i] !== 0 && mi !== mu[i]) data += w[i] * Math.max(0, bregman(mi, eta[i], mu[i]));
    }
    return data;
  };
}

/**
 * The logit's bregmanSum with its KL(m ‖ μ) written out in the loop, the same operations as logitBregman: a
 * function call per row runs interpreted in a process's first fit, for every row of every λ's gap.
 */
function logitSum({ y, w, mean, c, s, eta, mu }: BregmanRows): number {
  let data = 0;
  for (let i = 0; i < y.length; i++) {
    const base = mean[i] + c;
    const m = s === 1 ? base : (1 - s) * y[i] + s * base;
    const mui = mu[i];
    if (w[i] === 0 || m === mui) continue;
    let b: number;
    if (mui > 0 && mui < 1) {
      const q = 1 - m, qm = 1 - mui;
      b = (m === 0 ? 0 : m * Math.log1p((m - mui) / mui)) + (q === 0 ? 0 : q * Math.log1p((q - qm) / qm));
    } else {
      b = logitBregman(m, eta[i], mui);
    }
    data += w[i] * Math.max(0, b);
  }
  return data;
}

/** The logit's B(m, η): KL(m ‖ μ) = m·log(m/μ) + (1−m)·log((1−m)/(1−μ)), from η where μ is 0 or 1. */
function logitBregman(m: number, eta: number, mu: number): number {
  return mu > 0 && mu < 1
    ? mlogRatio(m, mu) + mlogRatio(1 - m, 1 - mu)
    : xlogx(m) + xlogx(1 - m) + m * softplus(-eta) + (1 - m) * softplus(eta);
}

/** x·log x, 0 at 0. */
function xlogx(x: number): number {
  return x === 0 ? 0 : x * Math.log(x);
}

/** m·log(m/μ) by log1p of the relative change, 0 at m = 0. */
function mlogRatio(m: number, mu: number): number {
  return m === 0 ? 0 : m * Math.log1p((m - mu) / mu);
}

/** log(1 + e^x), without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

const CUMULANTS: Readonly<Record<Family["link"], Cumulant>> = {
  // b(η) = η²/2, b*(m) = m²/2.
  identity: { bregman: identityBregman, inDomain: () => true, shiftInDomain: () => true, bregmanSum: sumOf(identityBregman) },
  // b(η) = log(1 + e^η), b*(m) = m·log m + (1−m)·log(1−m) on [0, 1].
  logit: { bregman: logitBregman, inDomain: (m) => m >= 0 && m <= 1, shiftInDomain: (mu, w, c) => within(mu, w, c, 1), bregmanSum: logitSum },
  // b(η) = e^η, b*(m) = m·log m − m on [0, ∞).
  log: { bregman: logBregman, inDomain: (m) => m >= 0, shiftInDomain: (mu, w, c) => within(mu, w, c, Infinity), bregmanSum: sumOf(logBregman) },
};

/** Whether 0 ≤ μ_i + c ≤ hi at every row of w_i ≠ 0 (a NaN is outside). */
function within(mu: Float64Array, w: Float64Array, c: number, hi: number): boolean {
  for (let i = 0; i < mu.length; i++) {
    const m = mu[i] + c;
    if (w[i] !== 0 && !(m >= 0 && m <= hi)) return false;
  }
  return true;
}

function identityBregman(m: number, eta: number): number {
  return 0.5 * (m - eta) ** 2;
}

/** m·log(m/μ) − (m − μ), from η where μ is 0 or not finite. */
function logBregman(m: number, eta: number, mu: number): number {
  return mu > 0 && Number.isFinite(mu) ? mlogRatio(m, mu) - (m - mu) : xlogx(m) - m * (1 + eta) + Math.exp(eta);
}

/** The cumulant of a family's canonical link. */
export function cumulantOf(family: Family): Cumulant {
  return CUMULANTS[family.link];
}
