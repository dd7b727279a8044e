import { OptionError } from "../../errors.js";
import type { Penalty, PenaltySettings, ZeroWeights } from "../penalty.js";

/** The penalties whose price falls as a coefficient grows (ncvreg's), and their smallest valid γ. */
export type ConcaveName = "mcp" | "scad";

const GAMMA_FLOOR: Readonly<Record<ConcaveName, number>> = { mcp: 1, scad: 2 };
const GAMMA_DEFAULT: Readonly<Record<ConcaveName, number>> = { mcp: 3, scad: 3.7 };

/** ncvreg's default γ: 3 for MCP, 3.7 for SCAD (Fan and Li's choice). */
export function defaultGamma(name: ConcaveName): number {
  return GAMMA_DEFAULT[name];
}

/**
 * γ checked as ncvreg checks it: MCP needs γ > 1 and SCAD γ > 2, or the one-coordinate problem stops
 * being convex even on standardized data. `option` names the option at fault (`gamma`, `--gamma`).
 */
export function checkGamma(name: ConcaveName, gamma: number, option = "gamma", label = option): number {
  const floor = GAMMA_FLOOR[name];
  if (typeof gamma !== "number" || !Number.isFinite(gamma) || gamma <= floor) {
    throw new OptionError(`${label} must be a number greater than ${floor} for ${name.toUpperCase()}, got ${String(gamma)}`, option);
  }
  return gamma;
}

/** The γ of a concave penalty's settings, checked. */
export function gammaOf(name: ConcaveName, gamma: number | undefined): number {
  return checkGamma(name, gamma ?? defaultGamma(name));
}

/** sign(z)·t, with sign(0) = 0 (ncvreg's s). */
export function signed(z: number, t: number): number {
  return z > 0 ? t : z < 0 ? -t : 0;
}

/**
 * What MCP and SCAD share, with ncvreg's ridge part: the penalty Σ_j shape(β_j; l1_j, γ) + l2_j/2·β_j² with
 * l1_j = λαv_j and l2_j = λ(1−α)v_j; each subclass gives its shape, the shape's derivative in |b| (the
 * price, falling to 0 at γ·l1), its one-coordinate update and its strong rule's slope.
 */
export abstract class ConcavePenalty implements Penalty {
  abstract readonly name: ConcaveName;
  readonly alpha: number;
  readonly vp: Float64Array;
  readonly gamma: number;

  constructor(name: ConcaveName, s: PenaltySettings) {
    this.alpha = s.alpha;
    this.vp = s.vp;
    this.gamma = gammaOf(name, s.gamma);
  }

  /** shape(b; l1, γ), the penalty without its ridge part. */
  protected abstract shape(b: number, l1: number): number;
  /** d/d|b| shape(b; l1, γ). */
  protected abstract slope(b: number, l1: number): number;
  /** c in the strong rule α·v_j·(λ + c·(λ − λ_prev)): the bound on the price's rate of change. */
  protected abstract strongSlope(): number;
  abstract prox(j: number, u: number, xv: number, lambda: number): number;

  value(beta: ArrayLike<number>, lambda: number): number {
    let s = 0;
    for (let j = 0; j < beta.length; j++) {
      const b = beta[j];
      if (b === 0) continue;
      const v = this.vp[j];
      s += this.shape(b, lambda * this.alpha * v) + (lambda * (1 - this.alpha) * v * b * b) / 2;
    }
    return s;
  }

  /** β = 0: (|g| − l1)₊; β ≠ 0: |g − sign(β)·shape'(|β|) − l2·β|. */
  subdiffDistance(j: number, g: number, beta: number, lambda: number): number {
    const v = this.vp[j];
    const l1 = this.kktScale(lambda) * v;
    if (beta === 0) return Math.max(0, Math.abs(g) - l1);
    return Math.abs(g - Math.sign(beta) * this.slope(beta, l1) - lambda * (1 - this.alpha) * v * beta);
  }

  /** ncvreg's λ_max: max_j |g_j|/v_j over penalized usable j, divided by α. */
  lambdaMax(g: ArrayLike<number>, usable: ArrayLike<number>): number {
    let m = 0;
    for (let j = 0; j < g.length; j++) if (usable[j] && this.vp[j] > 0) m = Math.max(m, Math.abs(g[j]) / this.vp[j]);
    return m / this.alpha;
  }

  /** ncvreg's strong rule: α·v_j·(λ + c·(λ − λ_prev)), c = γ/(γ−1) for MCP, γ/(γ−2) for SCAD. */
  strongThreshold(j: number, lambda: number, lambdaPrev: number): number {
    return this.alpha * this.vp[j] * this.strongScale(lambda, lambdaPrev);
  }

  private weights: ZeroWeights | null = null;

  /** The strong rule weighs by α·v_j, the KKT test by v_j. */
  zeroWeights(): ZeroWeights {
    return (this.weights ??= { strong: Float64Array.from(this.vp, (v) => this.alpha * v), kkt: this.vp });
  }

  /** λ + c·(λ − λ_prev). */
  strongScale(lambda: number, lambdaPrev: number): number {
    return lambda + this.strongSlope() * (lambda - lambdaPrev);
  }

  /** λα: the subdifferential at 0 is [−λαv_j, λαv_j]. */
  kktScale(lambda: number): number {
    return lambda * this.alpha;
  }

  /** shape'(|β|) + l2·|β|: the lasso's price l1 at 0, falling to nothing (but the ridge part) at γ·l1. */
  price(j: number, lambda: number, beta: number): number {
    const v = this.vp[j];
    return this.slope(beta, lambda * this.alpha * v) + lambda * (1 - this.alpha) * v * Math.abs(beta);
  }
}
