import type { PenaltySettings } from "../penalty.js";
import { ConcavePenalty, signed } from "./concave.js";

/**
 * The smoothly clipped absolute deviation penalty (Fan and Li 2001) with ncvreg's ridge part, written as
 * Σ_j SCAD(β_j; l1_j, γ) + l2_j/2·β_j² with l1_j = λαv_j, l2_j = λ(1−α)v_j: the lasso's price l1 up to
 * |b| = l1, then falling linearly, (γ·l1 − |b|)/(γ − 1), to 0 at γ·l1. Factors as given; no bounds.
 */
export class Scad extends ConcavePenalty {
  readonly name = "scad";

  constructor(s: PenaltySettings) {
    super("scad", s);
  }

  protected shape(b: number, l1: number): number {
    return scadValue(b, l1, this.gamma);
  }

  protected slope(b: number, l1: number): number {
    return scadDerivative(b, l1, this.gamma);
  }

  protected strongSlope(): number {
    return this.gamma / (this.gamma - 2);
  }

  /**
   * ncvreg's update (Breheny & Huang 2011, eq. 2.7, with its ridge part): for xv = 1 the minimiser of
   * ½b² − ub + SCAD(b) + l2/2·b²; otherwise that divided by xv (ncvreg's adaptive rescaling).
   */
  prox(j: number, u: number, xv: number, lambda: number): number {
    const v = this.vp[j], g = this.gamma;
    const l1 = lambda * this.alpha * v, l2 = lambda * (1 - this.alpha) * v;
    const a = Math.abs(u);
    if (a <= l1) return 0;
    if (a <= l1 * (1 + l2) + l1) return signed(u, a - l1) / (xv * (1 + l2));
    if (a <= g * l1 * (1 + l2)) return signed(u, a - (g * l1) / (g - 1)) / (xv * (1 - 1 / (g - 1) + l2));
    return u / (xv * (1 + l2));
  }
}

/** SCAD(b; l1, γ): l1|b| to l1; (2γ·l1|b| − b² − l1²)/(2(γ−1)) to γ·l1; l1²(γ+1)/2 beyond (Fan and Li 2001, eq. 2.7). */
export function scadValue(b: number, l1: number, gamma: number): number {
  const a = Math.abs(b);
  if (a <= l1) return l1 * a;
  if (a <= gamma * l1) return (2 * gamma * l1 * a - a * a - l1 * l1) / (2 * (gamma - 1));
  return (l1 * l1 * (gamma + 1)) / 2;
}

/** d/d|b| SCAD(b; l1, γ): l1 for |b| ≤ l1, (γ·l1 − |b|)₊/(γ − 1) beyond. */
export function scadDerivative(b: number, l1: number, gamma: number): number {
  const a = Math.abs(b);
  return a <= l1 ? l1 : Math.max(0, gamma * l1 - a) / (gamma - 1);
}
