/**
 * What each variable is worth at one λ: for a variable in the model, the rise in training deviance if it
 * were dropped (the model refitted at the same λ without it); for a variable at zero, the fall if it were
 * forced in without penalty. One bar per variable, as a share of the null deviance, with its pull at zero
 * as a multiple of its price in the bar's label (above 1: zero is no solution for it).
 */
import * as Plot from "@observablehq/plot";
import {
  axisTickFormat,
  chartFrame,
  describeModel,
  drawChart,
  fitText,
  formatNumber,
  MIN_PLOT_HEIGHT,
  nameRoom,
  niceTicks,
  ROW_HEIGHT,
  rowsHeight,
  textWidth,
  type ChartOptions,
  type ChartSpec,
  type LegendItem,
  framedSpec,
} from "./common.js";
import { checkArguments, optionsRule, choiceRule, type Schema } from "../data/arguments.js";
import { CHART_OPTIONS, dropInputRule } from "./arguments.js";

/** What the chart reads (explain's DropCosts, as plain arrays aligned with `features`). */
export interface DropCostInput {
  readonly features: readonly string[];
  /** "drop" (in the model) or "force" (at zero). */
  readonly kind: readonly ("drop" | "force")[];
  /** Rise in deviance without it (drop), fall with it forced in (force), as a share of the null deviance. */
  readonly devianceShare: ArrayLike<number>;
  /** Pull at zero over price (null: no price). */
  readonly pullRatio: readonly (number | null)[];
  /** The λ, for the heading only. */
  readonly lambda?: number;
}

/** Options of the drop-cost chart: its size and the bars' order. */
export interface DropCostChartOptions extends ChartOptions {
  /** Bar order: by value (default) or as given. */
  readonly sort?: "value" | "none";
}

/** The drop-cost chart's colours: what dropping a kept variable costs, and what forcing a zero one in gains. */
export const DROP_COLORS = { drop: "#4269d0", force: "#b8b8b8" } as const;

interface DropRow {
  readonly variable: string;
  readonly kind: "drop" | "force";
  readonly share: number;
  readonly ratio: number | null;
}

const BAND_PADDING = 0.2;
const MARGIN_TOP = 8;
const MARGIN_BOTTOM = 40;

/** The Plot spec of the drop-cost chart (pure: no DOM). */
export function dropCostSpec(input: DropCostInput, options: DropCostChartOptions = {}): ChartSpec {
  checkArguments("dropCostSpec", { input, options }, { input: dropInputRule, options: optionsRule(DROP_CHART_OPTIONS) });
  const rows: DropRow[] = input.features.map((variable, j) => ({
    variable, kind: input.kind[j]!, share: input.devianceShare[j]!, ratio: input.pullRatio[j] ?? null,
  }));
  const p = rows.length;
  const order = options.sort === "none" ? rows.map((r) => r.variable) : [...rows].sort((a, b) => b.share - a.share).map((r) => r.variable);
  const kept = rows.filter((r) => r.kind === "drop").length;
  const legend: LegendItem[] = [
    { label: "in the model: rise in deviance if dropped", color: DROP_COLORS.drop },
    { label: "at zero: fall in deviance if forced in", color: DROP_COLORS.force },
  ];
  const frame = chartFrame(options, {
    title: input.lambda !== undefined ? `What each variable is worth at λ = ${formatNumber(input.lambda)}` : "What each variable is worth",
    subtitle: `${kept} in the model, ${p - kept} at zero; refitted at the same λ without it, or with it forced in`,
    legend,
    bodyHeight: Math.max(160, 22 * p + 70),
    margins: MARGIN_TOP + MARGIN_BOTTOM,
    ...(rowsHeight(p, BAND_PADDING) > MIN_PLOT_HEIGHT
      ? { minPlotHeight: rowsHeight(p, BAND_PADDING), minReason: `a row of ${ROW_HEIGHT} px for each of the ${p} variables` }
      : {}),
  });
  const marginLeft = Math.max(40, Math.min(input.features.reduce((w, f) => Math.max(w, textWidth(f)), 0) + 14, nameRoom(frame.width)));
  const marginRight = 70;
  const lo = Math.min(0, ...rows.map((r) => r.share));
  const hi = Math.max(0, ...rows.map((r) => r.share));
  const xAxis = axisTickFormat(niceTicks(lo, hi, 8));
  const label = (r: DropRow) => (r.ratio === null ? "" : `${formatNumber(r.ratio)}× price`);
  return framedSpec(
    frame,
    {
      marginTop: frame.header.height + MARGIN_TOP,
      marginLeft,
      marginRight,
      marginBottom: MARGIN_BOTTOM,
      style: { overflow: "visible" },
      x: { label: "change in training deviance, share of the null deviance", labelAnchor: "center", labelArrow: "none", nice: true, zero: true, ...(xAxis.format ? { tickFormat: xAxis.format } : {}) },
      y: { domain: order, label: null, padding: BAND_PADDING, tickFormat: (name: string) => fitText(name, marginLeft - 14) },
      color: { domain: ["drop", "force"], range: [DROP_COLORS.drop, DROP_COLORS.force] },
      marks: [
        Plot.gridX({ strokeOpacity: 0.08 }),
        Plot.barX(rows, {
          y: "variable", x: "share", fill: "kind", className: "drop-bar",
          title: (r: DropRow) => `${r.variable}: ${r.kind === "drop" ? "dropping it raises" : "forcing it in lowers"} the deviance by ${formatNumber(100 * r.share)}% of the null${r.ratio === null ? "" : `; pull at zero ${formatNumber(r.ratio)}× its price`}`,
        }),
        Plot.ruleX([0]),
        Plot.text(rows, { y: "variable", x: (r: DropRow) => Math.max(0, r.share), text: label, textAnchor: "start", dx: 4, fill: "#555", className: "drop-ratio" }),
      ],
    },
    frame.header.title ?? "What each variable is worth",
    describeModel(options.model, describeDrops(rows)),
  );
}

/** The text alternative: the costliest drop and the largest gain from forcing in. */
function describeDrops(rows: readonly DropRow[]): string {
  const drops = rows.filter((r) => r.kind === "drop");
  const forces = rows.filter((r) => r.kind === "force");
  const parts = [`Bars show, for each of ${rows.length} variables, the change in training deviance (share of the null deviance) of refitting at the same λ without it (in the model) or with it forced in (at zero).`];
  if (drops.length) {
    const top = drops.reduce((a, b) => (b.share > a.share ? b : a));
    parts.push(`Dropping ${top.variable} would cost most: ${formatNumber(100 * top.share)}% of the null deviance.`);
  }
  if (forces.length) {
    const top = forces.reduce((a, b) => (b.share > a.share ? b : a));
    parts.push(`Forcing in ${top.variable} would gain most: ${formatNumber(100 * top.share)}%.`);
  }
  return parts.join(" ");
}

/** The drop-cost chart as an SVG element (the browser's document by default). */
export function dropCostChart(input: DropCostInput, options: DropCostChartOptions = {}): SVGSVGElement {
  checkArguments("dropCostChart", { input, options }, { input: dropInputRule, options: optionsRule(DROP_CHART_OPTIONS) });
  return drawChart(dropCostSpec(input, options), options.document);
}

/** The options of the drop-cost chart (DropCostChartOptions), each with its rule. */
const DROP_CHART_OPTIONS: Schema<DropCostChartOptions> = { ...CHART_OPTIONS, sort: choiceRule(() => ["value", "none"]) };
