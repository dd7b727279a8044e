/**
 * The optimality (KKT) conditions of one variable of a multi-response fit, its coefficient limits taken
 * in, on the solver's scale (β̃_jk = β_jk·s_j; pulls g_k as explainMulti computes them):
 *
 * - Ungrouped multinomial: each (variable, class) coefficient is one coordinate, as for one response
 *   (kkt.ts): g_k = price·sign β_jk + ridge_k when it is free and nonzero, |g_k| ≤ price at zero; held at
 *   a limit, the pull may exceed that in the direction the limit blocks.
 * - Grouped multinomial and mgaussian: the K coefficients are one block, penalized λv_j(α‖β̃_j‖ +
 *   (1−α)/2‖β̃_j‖²) and each within its limits. With β̃_j ≠ 0 each free coefficient meets its own
 *   condition g_k = (price/‖β̃_j‖ + λ(1−α)v_j)·β̃_jk, ‖β̃_j‖ the length of the whole block, held
 *   coefficients included; a held one only needs its pull to reach that much in the blocked direction
 *   (g_k ≥ it at an upper limit, ≤ at a lower). With β̃_j = 0 the pulls not pushing into a limit at 0
 *   must have length ≤ price. glmnet's block step (block-limits.ts) fixes a coefficient at a limit once
 *   its step would pass it and refits the rest: its fixed points meet the free condition exactly; the
 *   held one-sided condition is the exact constrained optimum's, checked here, not assumed.
 *
 * The violation is the distance, in pull units, from the pulls to the set of pulls satisfying these
 * conditions (ungrouped: the largest over the variable's coefficients).
 */
import { boundSide, kktGap } from "./kkt.js";

/** A coefficient held at one of its variable's limits. */
export interface MultiBound {
  readonly side: "lower" | "upper";
  readonly value: number;
}

/** One variable's coefficients, pulls, price and limits, for its conditions. */
export interface ConditionInput {
  /** Its K coefficients on the data's scale. */
  readonly beta: readonly number[];
  /** s_j: β̃_jk = β_jk·scale. */
  readonly scale: number;
  readonly pulls: readonly number[];
  /** λ·α·v_j. */
  readonly price: number;
  /** λ(1−α)v_j: the ridge part is rate·β̃_jk. */
  readonly ridgeRate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Per class the limit holding its coefficient (null: none), and how far the conditions are from holding. */
export interface VariableCondition {
  readonly bounds: (MultiBound | null)[];
  readonly violation: number;
}

const boundOf = (side: "lower" | "upper" | null, c: ConditionInput): MultiBound | null => (side === null ? null : { side, value: side === "lower" ? c.lower : c.upper });

/** Ungrouped: each coefficient its own coordinate, held by a limit as one response's coefficient is. */
export function ungroupedCondition(c: ConditionInput): VariableCondition {
  const sides = c.beta.map((b, k) => boundSide(b, c.pulls[k], c.price, c.lower, c.upper));
  const gaps = c.beta.map((b, k) => kktGap(b, c.pulls[k], c.price, c.ridgeRate * b * c.scale, sides[k]));
  return { bounds: sides.map((s) => boundOf(s, c)), violation: Math.max(0, ...gaps) };
}

/**
 * Which limit holds a block's coefficient: it equals a nonzero limit (to rounding: the engine clamps on
 * its own scale), or it is 0 at a limit of 0 the pull pushes into.
 */
function heldSide(b: number, pull: number, lower: number, upper: number): "lower" | "upper" | null {
  const on = (v: number) => Number.isFinite(v) && v !== 0 && Math.abs(b - v) <= 1e-9 * Math.abs(v);
  if (b !== 0) return on(lower) ? "lower" : on(upper) ? "upper" : null;
  if (upper === 0 && pull > 0) return "upper";
  if (lower === 0 && pull < 0) return "lower";
  return null;
}

/** Grouped multinomial and mgaussian: the block's conditions, free and held coefficients apart. */
export function groupedCondition(c: ConditionInput): VariableCondition {
  const bt = c.beta.map((b) => b * c.scale);
  const norm = Math.hypot(...bt);
  const sides = c.beta.map((b, k) => heldSide(b, c.pulls[k], c.lower, c.upper));
  if (norm === 0) {
    // At zero a limit only holds the block if without it the pulls would reach the price.
    if (Math.hypot(...c.pulls) <= c.price * (1 + 1e-9)) return { bounds: sides.map(() => null), violation: 0 };
    const free = Math.hypot(...c.pulls.filter((_, k) => sides[k] === null));
    return { bounds: sides.map((s) => boundOf(s, c)), violation: Math.max(0, free - c.price) };
  }
  const rate = c.price / norm + c.ridgeRate;
  const parts = c.pulls.map((g, k) => {
    const gap = g - rate * bt[k];
    return sides[k] === "upper" ? Math.min(0, gap) : sides[k] === "lower" ? Math.max(0, gap) : gap;
  });
  return { bounds: sides.map((s) => boundOf(s, c)), violation: Math.hypot(...parts) };
}

/**
 * The pulls that can move a variable off zero within its limits: a pull into a limit at 0 cannot, so it
 * counts 0 (what a drop cost's pull at zero is measured by, multi-drop.ts).
 */
export function pullsWithinLimits(pulls: readonly number[], lower: number, upper: number): number[] {
  return pulls.map((g) => ((upper === 0 && g > 0) || (lower === 0 && g < 0) ? 0 : g));
}
