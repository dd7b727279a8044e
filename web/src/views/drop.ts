/**
 * "What dropping it would cost" (TEACHING.md §12, question 11): at the current λ, each kept variable's
 * refit without it (the rise in training deviance, and its pull at zero as a multiple of its price) and
 * each zero variable's refit forced in. The library's dropCosts does the refits (one per variable), so
 * they run once λ rests, not on every step of a moving slider, and are kept per λ.
 */
import { dropCostChart, dropCosts, dropPhrase, forcePhrase, type DropCosts } from "../../../src/index.js";
import type { Evidence } from "../evidence.js";
import type { FitResponse } from "../protocol.js";
import { createPanel, formatValue, type Panel } from "../panel.js";
import { setText } from "../patch.js";

/** Data above this size (n·p) are not refitted p times on the page. */
const DROP_LIMIT = 200_000;
/** How long λ must rest before the refits run, ms. */
const REST_MS = 200;

export class DropPanel {
  readonly panel: Panel = createPanel("panel-drop", "What dropping each would cost");
  private fit: FitResponse | null = null;
  private readonly cache = new Map<number, DropCosts>();
  private timer: number | null = null;
  private drawn: string | null = null;

  constructor(private readonly redraw: () => void) {}

  setFit(fit: FitResponse | null): void {
    this.fit = fit;
    this.cache.clear();
    this.drawn = null;
    this.panel.setChart(null, "");
  }

  /** The panel's words at λ once its refits have run (for the question's answer), else null. */
  wordsAt(lambda: number | null): string | null {
    return lambda !== null && this.cache.has(lambda) ? this.panel.alt.textContent || null : null;
  }

  /** The costs at λ when computed; else schedules them (once λ rests) and returns null. */
  costsAt(lambda: number): DropCosts | null {
    const cached = this.cache.get(lambda);
    if (cached) return cached;
    const fit = this.fit;
    if (!fit || fit.x.n * fit.x.p > DROP_LIMIT) return null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = null;
      if (this.fit !== fit) return;
      try {
        this.cache.set(lambda, dropCosts(fit.path, { x: fit.x, y: fit.y }, { lambda }));
      } catch (e) {
        // Said in the panel, not left at "Refitting…".
        this.panel.root.classList.remove("stale");
        this.panel.setChart(null, `The refits at this λ found no solution: ${e instanceof Error ? e.message : String(e)}`);
        this.drawn = `failed|${lambda}`;
        return;
      }
      this.redraw();
    }, REST_MS);
    return null;
  }

  update(lambda: number, width: number, evidence: Evidence | null): void {
    const fit = this.fit;
    if (!fit) return;
    if (fit.x.n * fit.x.p > DROP_LIMIT) {
      this.panel.setChart(null, `With ${fit.x.n} rows and ${fit.x.p} variables the lab does not refit once per variable; the command line's explain does (shrinkage explain FILE --target COL).`);
      return;
    }
    const costs = this.costsAt(lambda);
    const e = evidence && evidence.lambda === lambda ? evidence.explanation : null;
    if (!costs || !e) {
      this.panel.root.classList.add("stale");
      if (!this.drawn) this.panel.setChart(null, "Refitting without each variable at this λ…");
      return;
    }
    this.panel.root.classList.remove("stale");
    const key = `${lambda}|${width}`;
    if (this.drawn !== key) {
      const svg = dropCostChart(
        {
          features: costs.costs.map((c) => c.feature),
          kind: costs.costs.map((c) => c.kind),
          devianceShare: costs.costs.map((c) => c.devianceShare),
          pullRatio: costs.costs.map((c) => c.pullRatio),
          lambda,
        },
        { width: Math.max(280, Math.min(760, Math.floor(width))), title: null, subtitle: null },
      );
      this.panel.setChart(svg, "");
      this.drawn = key;
    }
    setText(this.panel.alt, dropWords(costs, e));
  }
}

/** The panel's words: the kept variables by what dropping each would cost, then the best one to force in. */
export function dropWords(costs: DropCosts, e: Evidence["explanation"]): string {
  const drops = costs.costs.filter((c) => c.kind === "drop").sort((a, b) => b.deviance - a.deviance);
  const forces = costs.costs.filter((c) => c.kind === "force").sort((a, b) => b.deviance - a.deviance);
  const parts = [`At λ = ${formatValue(costs.lambda)}, each variable refitted out (or forced in) at the same λ.`];
  for (const d of drops) parts.push(`${d.feature}: ${dropPhrase(d, costs, e)}.`);
  if (drops.length === 0) parts.push("No variable is in the model at this λ.");
  const best = forces[0];
  if (best) parts.push(`Of the ${forces.length} at zero, ${best.feature} would gain most: ${forcePhrase(best, costs, e)}.`);
  for (const u of costs.unfitted) parts.push(`${u.feature} has no ${u.kind === "drop" ? "refit without it" : "refit forced in"} at this λ: ${u.reason}.`);
  return parts.join(" ");
}
