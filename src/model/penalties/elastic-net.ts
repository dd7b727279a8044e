import type { ConjugateTerms, Penalty, PenaltySettings, ZeroWeights } from "../penalty.js";
import { checkArguments, fieldsRule, numericArrayRule, unitInterval, shown } from "../../data/arguments.js";
import { OptionError } from "../../errors.js";

/**
 * The elastic net, λ·Σ_j v_j [α|β_j| + (1−α)/2·β_j²], with bounds lo_j ≤ β_j ≤ hi_j (glmnet's penalty;
 * α = 1 the lasso, α = 0 ridge).
 */
export class ElasticNet implements Penalty {
  readonly name = "elastic-net";
  readonly alpha: number;
  readonly vp: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;

  constructor(s: PenaltySettings) {
    checkArguments("ElasticNet", { s }, { s: fieldsRule("penalty settings { alpha, vp, lower, upper }", { alpha: unitInterval, vp: numericArrayRule }) });
    this.alpha = s.alpha;
    this.vp = s.vp;
    this.lower = s.lower;
    this.upper = s.upper;
  }

  value(beta: ArrayLike<number>, lambda: number): number {
    return lambda * elasticNetPenalty(beta, this.alpha, this.vp);
  }

  /** b = clamp(S(u, λαv_j) / (xv + λ(1−α)v_j), lo_j, hi_j)  (Friedman, Hastie & Tibshirani 2010, eq. 5). */
  prox(j: number, u: number, xv: number, lambda: number): number {
    const v = this.vp[j];
    const s = Math.abs(u) - v * (lambda * this.alpha);
    if (s <= 0) return 0;
    const b = (u > 0 ? s : -s) / (xv + v * (lambda * (1 - this.alpha)));
    return withinLimits(b, this.lower[j], this.upper[j]);
  }

  /** β = 0: (|g| − λαv_j)₊; β ≠ 0: |g − λαv_j·sign β − λ(1−α)v_j·β|. */
  subdiffDistance(j: number, g: number, beta: number, lambda: number): number {
    const v = this.vp[j];
    if (beta === 0) return Math.max(0, Math.abs(g) - v * this.kktScale(lambda));
    return Math.abs(g - v * (lambda * this.alpha) * Math.sign(beta) - v * (lambda * (1 - this.alpha)) * beta);
  }

  /** max_j |g_j|/v_j over penalized usable j, divided by α (by 0.001 when α < 0.001, as glmnet). */
  lambdaMax(g: ArrayLike<number>, usable: ArrayLike<number>): number {
    let m = 0;
    for (let j = 0; j < g.length; j++) if (usable[j] && this.vp[j] > 0) m = Math.max(m, Math.abs(g[j]) / this.vp[j]);
    return m / Math.max(this.alpha, 1e-3);
  }

  /** α(2λ − λ_prev)·v_j. */
  strongThreshold(j: number, lambda: number, lambdaPrev: number): number {
    return this.strongScale(lambda, lambdaPrev) * this.vp[j];
  }

  /** Both tests at β = 0 weigh by v_j. */
  zeroWeights(): ZeroWeights {
    return { strong: this.vp, kkt: this.vp };
  }

  /** α(2λ − λ_prev). */
  strongScale(lambda: number, lambdaPrev: number): number {
    return this.alpha * (2 * lambda - lambdaPrev);
  }

  /** λα: the subdifferential at 0 is [−λαv_j, λαv_j]. */
  kktScale(lambda: number): number {
    return lambda * this.alpha;
  }

  /** λαv_j, plus the ridge part λ(1−α)v_j·|β|. */
  price(j: number, lambda: number, beta: number): number {
    const v = this.vp[j];
    return lambda * this.alpha * v + lambda * (1 - this.alpha) * v * Math.abs(beta);
  }

  /** h(β) + h*(z) − β·z with h(b) = λv_j[α|b| + (1−α)/2·b²] on [lo_j, hi_j] (Fenchel–Young; ≥ 0). */
  fenchelYoung(j: number, beta: number, z: number, lambda: number): number {
    const v = this.vp[j];
    const l1 = v * lambda * this.alpha, l2 = v * lambda * (1 - this.alpha);
    const h = l1 * Math.abs(beta) + (l2 / 2) * beta * beta;
    return h + this.conjugate(j, z, lambda) - beta * z;
  }

  /**
   * h*(z) = sup over b in [lo_j, hi_j] of z·b − λv_j[α|b| + (1−α)/2·b²], attained at
   * b = clamp(S(z, λαv_j)/(λ(1−α)v_j), lo_j, hi_j) (b at the bound z pushes toward when the ridge part is 0).
   */
  conjugate(j: number, z: number, lambda: number): number {
    const v = this.vp[j];
    const l1 = v * lambda * this.alpha, l2 = v * lambda * (1 - this.alpha);
    const s = softThreshold(z, l1);
    if (s === 0) return 0;
    const bound = s > 0 ? this.upper[j] : this.lower[j];
    let b: number;
    if (l2 > 0) {
      b = s / l2;
      if (s > 0 ? b > bound : b < bound) b = bound;
    } else {
      if (!Number.isFinite(bound)) return Infinity;
      b = bound;
    }
    return s * b - (l2 / 2) * b * b;
  }

  /** fenchelYoung's and dualScale's arrays and α: they are the elastic net's. */
  conjugateTerms(): ConjugateTerms {
    return this;
  }

  /**
   * 1 where h* is finite everywhere (a ridge part, or a finite bound on z's side); else min(1, λαv_j/|z|),
   * a few ulps under, so that s·|z| ≤ λαv_j survives rounding.
   */
  dualScale(j: number, z: number, lambda: number): number {
    const v = this.vp[j];
    if (v * lambda * (1 - this.alpha) > 0 || Number.isFinite(z > 0 ? this.upper[j] : this.lower[j])) return 1;
    const l1 = v * lambda * this.alpha;
    return Math.abs(z) <= l1 ? 1 : (l1 / Math.abs(z)) * (1 - 1e-15);
  }
}

/** Σ_j v_j [α|β_j| + (1−α)/2·β_j²] on the given scale (multiply by λ for the penalty term). */
export function elasticNetPenalty(beta: ArrayLike<number>, alpha: number, penaltyFactor: ArrayLike<number>): number {
  checkArguments("elasticNetPenalty", { beta, alpha, penaltyFactor }, { beta: numericArrayRule, alpha: unitInterval, penaltyFactor: numericArrayRule });
  let s = 0;
  for (let j = 0; j < beta.length; j++) {
    const b = beta[j];
    if (b !== 0) s += penaltyFactor[j] * (alpha * Math.abs(b) + ((1 - alpha) / 2) * b * b);
  }
  return s;
}

/**
 * b clamped to a coefficient's limits [lo, hi] (glmnet's lower.limits, upper.limits on the solver's scale):
 * the elastic net's coordinate step with box constraints, for one response or each class of a multinomial.
 */
export function withinLimits(b: number, lo: number, hi: number): number {
  return b < lo ? lo : b > hi ? hi : b;
}

/** S(z, γ) = sign(z)(|z| − γ)₊, the soft-threshold operator. */
export function softThreshold(z: number, gamma: number): number {
  if (typeof z !== "number" || typeof gamma !== "number") throw new OptionError(`softThreshold: ${typeof z !== "number" ? "z" : "gamma"} must be a number, got ${shown(typeof z !== "number" ? z : gamma)}`, typeof z !== "number" ? "z" : "gamma");
  if (z > gamma) return z - gamma;
  if (z < -gamma) return z + gamma;
  return 0;
}
