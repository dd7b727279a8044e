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
  identity: { bregman: (m, eta) => 0.5 * (m - eta) ** 2, inDomain: () => true },
  // b(η) = log(1 + e^η), b*(m) = m·log m + (1−m)·log(1−m) on [0, 1].
  logit: {
    // KL(m ‖ μ) = m·log(m/μ) + (1−m)·log((1−m)/(1−μ)).
    bregman: (m, eta, mu) => mu > 0 && mu < 1
      ? mlogRatio(m, mu) + mlogRatio(1 - m, 1 - mu)
      : xlogx(m) + xlogx(1 - m) + m * softplus(-eta) + (1 - m) * softplus(eta),
    inDomain: (m) => m >= 0 && m <= 1,
  },
  // b(η) = e^η, b*(m) = m·log m − m on [0, ∞).
  // m·log(m/μ) − (m − μ).
  log: {
    bregman: (m, eta, mu) => (mu > 0 && Number.isFinite(mu) ? mlogRatio(m, mu) - (m - mu) : xlogx(m) - m * (1 + eta) + Math.exp(eta)),
    inDomain: (m) => m >= 0,
  },
};

/** The cumulant of a family's canonical link. */
export function cumulantOf(family: Family): Cumulant {
  return CUMULANTS[family.link];
}
