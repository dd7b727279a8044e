/**
 * Standardize, side by side (TEACHING.md §11; question 5): the library's compareStandardization on the
 * loaded data, at the current λ's fraction of λ_max: the entry order and, per variable, pull versus price
 * with and without standardizing. Two path fits, on the page once λ rests, cached per fraction.
 */
import { compareStandardization, type StandardizeComparison, type StandardizeSide } from "../../../src/index.js";
import type { FitResponse } from "../protocol.js";
import { createPanel, formatValue, type Panel } from "../panel.js";

/** Data above this size (n·p) are not refitted twice on the page. */
const STANDARDIZE_LIMIT = 200_000;

function sideWords(s: StandardizeSide): string {
  const kept = s.explanation.coefficients.filter((c) => c.coefficient !== 0).map((c) => c.feature);
  return `entry order ${s.entryOrder.length ? s.entryOrder.join(", ") : "(none enters)"}; at λ = ${formatValue(s.lambda)} it keeps ${kept.length ? kept.join(", ") : "nothing"}`;
}

function pullPrice(s: StandardizeSide, feature: string): string {
  const c = s.explanation.coefficients.find((k) => k.feature === feature)!;
  return `pull ${formatValue(c.absPull)} against price ${formatValue(c.price)} (${c.coefficient !== 0 ? "kept" : "zero"})`;
}

/** The view's words: both sides' entry order and selection, and pull versus price where they differ. */
export function standardizeWords(c: StandardizeComparison): string {
  const head = `Both fits at λ = ${formatValue(c.fraction, 3)}·λ_max of their own path. Standardized (glmnet's default): ${sideWords(c.standardized)}. In the data's own units: ${sideWords(c.original)}.`;
  const differs = c.selectionDiffers.length
    ? ` Kept in one and not the other: ${c.selectionDiffers.map((f) => `${f} (standardized: ${pullPrice(c.standardized, f)}; own units: ${pullPrice(c.original, f)})`).join("; ")}.`
    : " The same variables are kept either way at this λ.";
  const moved = c.moved.length ? ` ${c.moved.length} of the variables enter at a different rank.` : " The order of entry is the same.";
  return (
    head +
    differs +
    moved +
    " Without standardizing, the price is charged per unit of each variable's own scale: a variable measured in large units needs only a small coefficient and pays little, so who enters first follows the units rather than the information. Standardize unless the units are comparable and meaningful."
  );
}

export class StandardizePanel {
  readonly panel: Panel = createPanel("panel-standardize", "Standardize, side by side", { downloads: false });
  private fit: FitResponse | null = null;
  private readonly cache = new Map<number, StandardizeComparison | string>();

  private focused = false;
  /** The words last drawn from a comparison (null before one, or when it failed). */
  private shownWords: string | null = null;

  /** The panel's words at the current λ once compared (for a question's answer), else null. */
  words(): string | null {
    return this.shownWords;
  }

  /** The view is shown: the refits run only once someone looks. */
  setFocused(focused: boolean): void {
    this.focused = focused;
  }

  setFit(fit: FitResponse | null): void {
    this.fit = fit;
    this.shownWords = null;
    this.cache.clear();
    this.panel.setChart(null, "");
  }

  update(lambda: number): void {
    const fit = this.fit;
    if (!fit || !this.focused) return;
    if (fit.x.n * fit.x.p > STANDARDIZE_LIMIT) {
      this.panel.setChart(null, `With ${fit.x.n} rows and ${fit.x.p} variables the lab does not refit both ways on the page.`);
      return;
    }
    const fraction = Math.min(1, lambda / fit.path.lambda[0]!);
    let c = this.cache.get(fraction);
    if (c === undefined) {
      const s = fit.path.settings;
      try {
        c = compareStandardization({ x: fit.x, y: fit.y, survival: fit.survival }, { family: s.family, alpha: s.alpha, intercept: s.intercept }, fraction);
      } catch (error) {
        c = (error as Error).message;
      }
      this.cache.set(fraction, c);
    }
    this.shownWords = typeof c === "string" ? null : standardizeWords(c);
    this.panel.setChart(null, this.shownWords ?? `The side-by-side fits failed: ${c}`);
  }
}
