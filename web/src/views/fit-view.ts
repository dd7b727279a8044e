/**
 * What the data page's stand-alone views (df.ts, standardize.ts, cost.ts) share: one panel, the fit on
 * show, whether the view is shown (their refits run only once someone looks), and the words last drawn
 * (a question's answer reads them). A new fit clears the words, the view's own caches (cleared()) and
 * the panel.
 */
import type { FitResponse } from "../protocol.js";
import type { Panel } from "../panel.js";

export abstract class FitView {
  abstract readonly panel: Panel;
  protected fit: FitResponse | null = null;
  protected focused = false;
  /** The words last drawn (null before any, while they are on their way, or when the view failed). */
  protected shownWords: string | null = null;

  /** The panel's words at the current λ once drawn (for a question's answer), else null. */
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
    this.cleared();
    this.panel.setChart(null, "");
  }

  /** What the view keeps of the last fit (caches, workers), dropped when a new fit arrives. */
  protected abstract cleared(): void;
}
