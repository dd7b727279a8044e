/**
 * Standardize, side by side (TEACHING.md §11; question 5): the library's compareStandardization on the
 * loaded data, at the current λ's fraction of λ_max: the entry order and, per variable, pull versus price
 * with and without standardizing. Two path fits, on the page once λ rests, cached per fraction.
 */
import { compareStandardization, type StandardizeComparison, type StandardizeSide } from "../../../src/index.js";
import { createPanel, formatValue, type Panel } from "../panel.js";
import { FitView } from "./fit-view.js";

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

export class StandardizePanel extends FitView {
  readonly panel: Panel = createPanel("panel-standardize", "Standardize, side by side", { downloads: false });
  private readonly cache = new Map<number, StandardizeComparison | string>();

  protected cleared(): void {
    this.cache.clear();
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
