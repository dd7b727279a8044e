/**
 * The cost along one coefficient (TEACHING.md §2, §8; question 2): the library's costLine, the loaded
 * data's objective at the current λ as a function of one chosen standardized coefficient, the others held
 * at the solution. The lasso's penalty puts a kink at zero; ridge's is a smooth bowl; the words set the
 * data's slope at zero (the pull) against the price. One refit per λ and variable, on the page once λ rests.
 */
import * as Plot from "@observablehq/plot";
import { coef, costLine, type CostLine } from "../../../src/index.js";
import type { FitResponse } from "../protocol.js";
import { createPanel, el, formatValue, type Panel } from "../panel.js";
import { FitView } from "./fit-view.js";

/** Data above this size (n·p) are not refitted on the page. */
const COST_LIMIT = 400_000;

/**
 * The variable the view shows until the person chooses one: at λ, the zero coefficient that enters first as
 * λ falls (its minimum sits in the kink, the lasso's exact zero, and it is the nearest to leaving it); when
 * every coefficient is nonzero (ridge), the first variable.
 */
export function defaultCostFeature(fit: FitResponse, lambda: number): string {
  const names = fit.path.features;
  const at = coef(fit.path, lambda).beta;
  const lambdas = fit.path.lambda;
  for (let k = 0; k < lambdas.length; k++) {
    if (lambdas[k]! >= lambda) continue;
    const step = fit.path.beta[k]!;
    for (let t = 0; t < step.index.length; t++) {
      const j = step.index[t]!;
      if (step.value[t] !== 0 && at[j] === 0) return names[j]!;
    }
  }
  return names[at.findIndex((b) => b === 0)] ?? names[0]!;
}

/** The view's words: where the cost is least, and the pull at zero against the price. */
export function costWords(c: CostLine): string {
  const head = `Along ${c.feature} (standardized), the others held at the solution at λ = ${formatValue(c.lambda)}: the cost is least at ${formatValue(c.solution)}.`;
  const pull = Math.abs(c.pullAtZero);
  if (c.price > 0) {
    const kink = ` The lasso part λ·α·v = ${formatValue(c.price)} puts a kink at zero: just off zero the penalty rises at that slope whichever way the coefficient moves.`;
    return (
      head +
      kink +
      (pull > c.price
        ? ` The data's slope at zero, |pull| = ${formatValue(pull)}, is steeper than the price ${formatValue(c.price)}: moving off zero lowers the cost, so ${c.feature} is in the model.`
        : ` The data's slope at zero, |pull| = ${formatValue(pull)}, is no steeper than the price ${formatValue(c.price)}: every step off zero costs more than it gains, so the minimum sits exactly at zero, in the kink.`)
    );
  }
  return (
    head +
    ` Ridge (α = 0) has no kink: its penalty is a smooth bowl of curvature ${formatValue(c.ridgeCurvature)}, flat at zero, so any pull (here |pull| = ${formatValue(pull)}) moves the minimum off zero: ridge shrinks but never sets a coefficient exactly to zero.`
  );
}

function costChart(c: CostLine, width: number): SVGSVGElement {
  const rows = Array.from(c.grid, (t, i) => ({ t, cost: c.cost[i]!, datafit: c.datafit[i]! }));
  return Plot.plot({
    width,
    height: 260,
    x: { label: `${c.feature} (standardized)` },
    y: { label: "cost", grid: true },
    marks: [
      Plot.line(rows, { x: "t", y: "datafit", stroke: "#999", strokeDasharray: "4,3" }),
      Plot.line(rows, { x: "t", y: "cost", stroke: "#1f77b4", strokeWidth: 2 }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.ruleX([c.solution], { stroke: "#d62728", strokeWidth: 1.5 }),
    ],
  }) as SVGSVGElement;
}

export class CostPanel extends FitView {
  readonly panel: Panel = createPanel("panel-cost", "The cost along one coefficient");
  readonly select = el("select", { id: "cost-feature" }) as HTMLSelectElement;
  private readonly cache = new Map<string, CostLine | string>();
  private drawn: string | null = null;
  /** Whether the person chose the variable (else the view picks defaultCostFeature at each λ). */
  private chosen = false;

  constructor(private readonly redraw: () => void) {
    super();
    this.panel.root.insertBefore(el("label", { class: "inline" }, "coefficient: ", this.select), this.panel.root.children[1] ?? null);
    this.select.addEventListener("change", () => {
      this.chosen = true;
      this.redraw();
    });
  }

  protected cleared(): void {
    this.cache.clear();
    this.drawn = null;
    this.chosen = false;
    this.select.replaceChildren(...(this.fit ? this.fit.x.names.map((name) => el("option", { value: name }, name)) : []));
  }

  update(lambda: number, width: number): void {
    const fit = this.fit;
    if (!fit || !this.select.value) return;
    if (!this.chosen) this.select.value = defaultCostFeature(fit, lambda);
    if (fit.x.n * fit.x.p > COST_LIMIT) {
      this.panel.setChart(null, `With ${fit.x.n} rows and ${fit.x.p} variables the lab does not refit for this view.`);
      return;
    }
    const key = `${lambda}|${this.select.value}`;
    let c = this.cache.get(key);
    if (c === undefined) {
      try {
        c = costLine(fit.path, { x: fit.x, y: fit.y, survival: fit.survival }, { lambda, feature: this.select.value });
      } catch (error) {
        c = (error as Error).message;
      }
      this.cache.set(key, c);
    }
    const w = Math.max(280, Math.min(760, Math.floor(width)));
    if (this.drawn === `${key}|${w}`) return;
    this.drawn = `${key}|${w}`;
    this.shownWords = typeof c === "string" ? null : costWords(c);
    if (typeof c === "string") this.panel.setChart(null, `The cost along ${this.select.value} could not be drawn: ${c}`);
    else this.panel.setChart(costChart(c, w), this.shownWords!);
  }
}
