import type { PenaltySettings } from "../penalty.js";
import { ConcavePenalty, signed } from "./concave.js";

/**
 * The minimax concave penalty (Zhang 2010) with ncvreg's ridge part, λ·Σ_j v_j[α·MCP_γ(β_j) + (1−α)/2·β_j²]
 * written as Σ_j MCP(β_j; l1_j, γ) + l2_j/2·β_j² with l1_j = λαv_j, l2_j = λ(1−α)v_j, where
 * MCP(b; l1, γ) = l1|b| − b²/(2γ) for |b| ≤ γ·l1 and γ·l1²/2 beyond: its price l1 − |b|/γ falls to 0 at γ·l1.
 * Penalty factors are used as given (ncvreg does not rescale them); there are no bounds.
 */
export class Mcp extends ConcavePenalty {
  readonly name = "mcp";

  constructor(s: PenaltySettings) {
    super("mcp", s);
  }

  protected shape(b: number, l1: number): number {
    return mcpValue(b, l1, this.gamma);
  }

  protected slope(b: number, l1: number): number {
    return mcpDerivative(b, l1, this.gamma);
  }

  protected strongSlope(): number {
    return this.gamma / (this.gamma - 1);
  }

  /**
   * ncvreg's update (Breheny & Huang 2011, eq. 2.6, with its ridge part): for xv = 1 the minimiser of
   * ½b² − ub + MCP(b) + l2/2·b²; for other xv (IRLS) that minimiser divided by xv, ncvreg's adaptive
   * rescaling, which minimises ½·xv·b² − ub + pen(xv·b)/xv: the penalty's shape read at xv·|b|.
   */
  prox(j: number, u: number, xv: number, lambda: number): number {
    const v = this.vp[j];
    const l1 = lambda * this.alpha * v, l2 = lambda * (1 - this.alpha) * v;
    const a = Math.abs(u);
    if (a <= l1) return 0;
    if (a <= this.gamma * l1 * (1 + l2)) return signed(u, a - l1) / (xv * (1 + l2 - 1 / this.gamma));
    return u / (xv * (1 + l2));
  }
}

/** MCP(b; l1, γ) = l1|b| − b²/(2γ) for |b| ≤ γ·l1, else γ·l1²/2 (Zhang 2010, eq. 2.1). */
export function mcpValue(b: number, l1: number, gamma: number): number {
  const a = Math.abs(b);
  return a <= gamma * l1 ? l1 * a - (a * a) / (2 * gamma) : (gamma * l1 * l1) / 2;
}

/** d/d|b| MCP(b; l1, γ) = (l1 − |b|/γ)₊. */
export function mcpDerivative(b: number, l1: number, gamma: number): number {
  return Math.max(0, l1 - Math.abs(b) / gamma);
}
