/**
 * The relaxed lasso in the table (TEACHING.md §7; glmnet's relax): the variables the penalty kept,
 * refitted without it, blended with the penalized fit as glmnet does, γ·β_lasso + (1−γ)·β_relaxed; and
 * words for what the refit shows, most of all where the penalty "took" a negative share.
 */
import { formatValue } from "./panel.js";

/** What the words need of one coefficient's evidence. */
export interface RelaxedEvidence {
  readonly feature: string;
  readonly coefficient: number;
  readonly relaxed: number | null;
  /** 1 − β/β_relaxed. */
  readonly shrunkFraction: number | null;
}

/** glmnet's blend at γ: γ·β + (1−γ)·β_relaxed (γ = 1 the penalized fit, γ = 0 the unpenalized refit). */
export function relaxedValue(beta: number, relaxed: number, gamma: number): number {
  return gamma * beta + (1 - gamma) * relaxed;
}

function percent(f: number): string {
  return `${Math.round(100 * f)} %`;
}

/**
 * The note under the table: what the relaxed column is, and the coefficients whose penalized value is
 * further from zero than the refit (a negative share "taken") or of the other sign, with why.
 */
export function relaxNote(coefficients: readonly RelaxedEvidence[], gamma: number): string {
  const known = coefficients.filter((c) => c.coefficient !== 0 && c.relaxed !== null && c.shrunkFraction !== null);
  if (known.length === 0) return "";
  const what =
    gamma === 0
      ? "The relaxed column refits the variables in the model without the penalty (glmnet's relax, γ = 0): the same selection, none of the shrinkage."
      : `The relaxed column is glmnet's blend γ·β + (1−γ)·β_relaxed at γ = ${formatValue(gamma, 2)}: ${gamma === 1 ? "the penalized fit itself" : "part of the way from the penalized fit to the unpenalized refit of the same variables"}.`;
  const shrunk = known.filter((c) => c.shrunkFraction! >= 0 && c.shrunkFraction! <= 1);
  const took = shrunk.length ? ` Against the refit the penalty took ${shrunk.map((c) => `${percent(c.shrunkFraction!)} of ${c.feature}`).join(", ")}.` : "";
  const further = known.filter((c) => c.shrunkFraction! < 0);
  const flipped = known.filter((c) => c.shrunkFraction! > 1);
  const why: string[] = [];
  if (further.length) {
    why.push(
      `For ${further.map((c) => `${c.feature} (penalized ${formatValue(c.coefficient)}, refit ${formatValue(c.relaxed!)}, "took" ${percent(c.shrunkFraction!)})`).join(", ")} the share is negative: the penalized value is further from zero than the refit. ` +
        "The penalty did not enlarge it; it shrank its correlated neighbours, and this variable carried part of their effect. Refitted without the penalty, the shared effect goes back to the variables that explain it best, and this one gives some up.",
    );
  }
  if (flipped.length) {
    why.push(
      `${flipped.map((c) => `${c.feature} (penalized ${formatValue(c.coefficient)}, refit ${formatValue(c.relaxed!)})`).join(", ")} ${flipped.length === 1 ? "changes" : "change"} sign in the refit: with its correlated neighbours free of the penalty, its own contribution points the other way.`,
    );
  }
  return `${what}${took}${why.length ? " " + why.join(" ") : ""}`;
}
