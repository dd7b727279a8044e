/**
 * Standardize, side by side (TEACHING.md question 5): the same data fitted with and without standardizing
 * the features, each at the same fraction of its own λ_max. Without standardizing, the price λ·α is per unit
 * of each feature's own scale, so a feature measured in large units needs a small coefficient and pays
 * little for it: the order of entry and who survives follow the units, not the information.
 */
import { OptionError } from "../errors.js";
import { fitPath } from "../solve/path.js";
import type { FitOptions } from "../solve/types.js";
import { explain, type ExplainData, type Explanation } from "./explain.js";
import { checkArguments, type Rule } from "../data/arguments.js";
import { checkFitOptions } from "../solve/arguments.js";
import { explainDataRule } from "./arguments.js";

/** One side of a standardize comparison: its λ, entry order and evidence at λ. */
export interface StandardizeSide {
  readonly standardize: boolean;
  /** λ = fraction·λ_max of this fit. */
  readonly lambda: number;
  /** Features in their order of entry (ties in feature order); those never entering left out. */
  readonly entryOrder: readonly string[];
  /** The pull-versus-price evidence at λ. */
  readonly explanation: Explanation;
}

/** The same fit with and without standardize at the same fraction of λ_max: entry orders and selections compared. */
export interface StandardizeComparison {
  readonly fraction: number;
  readonly standardized: StandardizeSide;
  readonly original: StandardizeSide;
  /** Features whose entry rank differs between the two (or that enter in one only). */
  readonly moved: readonly string[];
  /** Features nonzero at λ in one fit and zero in the other. */
  readonly selectionDiffers: readonly string[];
}

function side(data: ExplainData, fit: FitOptions, standardize: boolean, fraction: number): StandardizeSide {
  const path = fitPath(data.x, data.y, { ...fit, standardize, weights: data.weights, offset: data.offset, lambda: undefined, relax: false });
  const lambda = fraction * path.lambda[0];
  const explanation = explain(path, data, { lambda });
  const entered = explanation.coefficients.filter((c) => c.history.entryOrder !== null);
  const entryOrder = entered.sort((a, b) => a.history.entryOrder! - b.history.entryOrder! || a.index - b.index).map((c) => c.feature);
  return { standardize, lambda, entryOrder, explanation };
}

/** The fit with and without standardize at the same λ/λ_max (default 0.1), and what changes between them. */
export function compareStandardization(data: ExplainData, fit: FitOptions = {}, fraction = 0.1): StandardizeComparison {
  checkArguments("compareStandardization", { data, fit, fraction }, { data: explainDataRule, fit: FIT_OPTIONS, fraction: FRACTION });
  if (!(fraction > 0 && fraction <= 1)) throw new OptionError(`fraction must be in (0, 1], got ${fraction}`, "fraction");
  const standardized = side(data, fit, true, fraction);
  const original = side(data, fit, false, fraction);
  const rank = (s: StandardizeSide) => new Map(s.explanation.coefficients.map((c) => [c.feature, c.history.entryOrder]));
  const rs = rank(standardized), ro = rank(original);
  const moved = data.x.names.filter((f) => rs.get(f) !== ro.get(f));
  const nz = (s: StandardizeSide) => new Map(s.explanation.coefficients.map((c) => [c.feature, c.coefficient !== 0]));
  const ns = nz(standardized), no = nz(original);
  const selectionDiffers = data.x.names.filter((f) => ns.get(f) !== no.get(f));
  return { fraction, standardized, original, moved, selectionDiffers };
}

/** A fraction of λ_max in (0, 1]. */
const FRACTION: Rule = (v, name) => {
  if (!(typeof v === "number" && v > 0 && v <= 1)) throw new OptionError(`${name} must be in (0, 1], got ${String(v)}`, name);
};

/** Fit options, checked as fitPath checks them. */
const FIT_OPTIONS: Rule = (v, name) => {
  if (v === null || typeof v !== "object") throw new OptionError(`${name} must be fit options such as { alpha: 0.5 }, got ${String(v)}`, name);
  checkFitOptions("", v);
};
