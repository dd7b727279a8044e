/**
 * The survival chart of a Cox fit: the rows split at the median of their linear predictor η at λ into a
 * low-risk and a high-risk half, each half's Kaplan–Meier curve drawn as a step function, with the
 * number at risk in each half under the time axis (the picture survival analysts expect).
 */
import * as Plot from "@observablehq/plot";
import { kaplanMeier, numberAtRisk, type KaplanMeier } from "../model/kaplan-meier.js";
import { chartFrame, describeModel, drawChart, formatNumber, formatTick, niceTicks, type ChartOptions, type ChartSpec, type LegendItem, framedSpec } from "./common.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { CHART_OPTIONS, survivalInputRule } from "./arguments.js";

/** What the chart reads: the rows' times, status (and start times), and their η at the chosen λ. */
export interface SurvivalInput {
  readonly time: ArrayLike<number>;
  readonly status: ArrayLike<number>;
  readonly start?: ArrayLike<number>;
  readonly eta: ArrayLike<number>;
  readonly lambda: number;
}

/** One half of the rows and its Kaplan–Meier curve. */
export interface RiskGroup {
  readonly label: string;
  readonly rows: Int32Array;
  readonly km: KaplanMeier;
}

const GROUP_COLORS = ["#4269d0", "#ff725c"];
const MARGIN_TOP = 12;
/** The time axis and its label, then a heading and one row of numbers at risk per group. */
const AXIS_ROOM = 48;
const MARGIN_BOTTOM = AXIS_ROOM + 14 * 3 + 4;

/** The rows split at the median η (ties to the low half) and each half's Kaplan–Meier estimate. */
export function riskGroups(input: SurvivalInput): RiskGroup[] {
  checkArguments("riskGroups", { input }, { input: survivalInputRule });
  const n = input.eta.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => input.eta[a] - input.eta[b]);
  const half = Math.floor(n / 2);
  const low = Int32Array.from(order.slice(0, half)).sort();
  const high = Int32Array.from(order.slice(half)).sort();
  const km = (rows: Int32Array) => kaplanMeier(input.time, input.status, { rows, start: input.start });
  return [
    { label: `lower risk (η below the median, ${low.length} rows)`, rows: low, km: km(low) },
    { label: `higher risk (η at or above the median, ${high.length} rows)`, rows: high, km: km(high) },
  ];
}

/** The Plot spec of the survival chart (pure: no DOM). */
export function survivalSpec(input: SurvivalInput, options: ChartOptions = {}): ChartSpec {
  checkArguments("survivalSpec", { input, options }, { input: survivalInputRule, options: optionsRule(CHART_OPTIONS) });
  const groups = riskGroups(input);
  let tMax = 0;
  for (let i = 0; i < input.time.length; i++) tMax = Math.max(tMax, input.time[i]);
  const legend: LegendItem[] = groups.map((g, k) => ({ label: g.label, color: GROUP_COLORS[k] }));
  const frame = chartFrame(options, {
    title: "Survival of the lower- and higher-risk halves",
    subtitle: `Kaplan–Meier curves of the rows split at the median linear predictor of the fit at λ = ${formatNumber(input.lambda)}`,
    legend,
    bodyHeight: 380,
    margins: MARGIN_TOP + MARGIN_BOTTOM,
  });
  const marginLeft = 56;
  const marginRight = 20;
  const ticks = niceTicks(0, tMax, Math.max(2, Math.round((frame.width - marginLeft - marginRight) / 90))).filter((t) => t >= 0 && t <= tMax);
  // Each curve starts at S = 1 at time 0 and steps down at each event time.
  const points = groups.flatMap((g, k) => [
    { group: k, time: 0, survival: 1 },
    ...Array.from(g.km.time, (t, m) => ({ group: k, time: t, survival: g.km.survival[m] })),
  ]);
  const atRisk = groups.flatMap((g, k) => ticks.map((t) => ({
    group: k, time: t, n: numberAtRisk(input.time, t > 0 ? t : Number.MIN_VALUE, { rows: g.rows, start: input.start }),
  })));
  const marks: Plot.Markish[] = [
    Plot.gridY({ strokeOpacity: 0.08 }),
    ...groups.map((_, k) => Plot.line(points.filter((p) => p.group === k), {
      x: "time", y: "survival", curve: "step-after", stroke: GROUP_COLORS[k], strokeWidth: 1.8, className: `survival-curve survival-${k === 0 ? "low" : "high"}`,
    })),
    Plot.text(["number at risk"], { frameAnchor: "bottom-left", dy: AXIS_ROOM + 4, dx: -marginLeft + 4, textAnchor: "start", fontWeight: "bold", className: "survival-at-risk-heading" }),
    ...groups.map((_, k) => Plot.text(atRisk.filter((a) => a.group === k), {
      x: "time", frameAnchor: "bottom", dy: AXIS_ROOM + 14 * (k + 1) + 4, text: (a: { n: number }) => formatNumber(a.n), fill: GROUP_COLORS[k], className: "survival-at-risk",
    })),
  ];
  return framedSpec(
    frame,
    {
      marginTop: frame.header.height + MARGIN_TOP,
      marginLeft,
      marginRight,
      marginBottom: MARGIN_BOTTOM,
      style: { overflow: "visible" },
      x: { domain: [0, tMax], ticks, tickFormat: formatTick, label: "time", labelAnchor: "center", labelArrow: "none", labelOffset: 34 },
      y: { domain: [0, 1], label: "survival (Kaplan–Meier)", labelAnchor: "center", labelArrow: "none", labelOffset: 42 },
      marks,
    },
    frame.header.title ?? "Survival of the lower- and higher-risk halves",
    describeModel(options.model, describeSurvival(groups, input.lambda)),
  );
}

/** The text alternative: each half's size, events and survival at the last event time. */
function describeSurvival(groups: readonly RiskGroup[], lambda: number): string {
  const parts = groups.map((g) => {
    const k = g.km.time.length - 1;
    const events = g.km.events.reduce((a, b) => a + b, 0);
    return k >= 0
      ? `${g.label}: ${formatNumber(events)} events, survival ${formatNumber(g.km.survival[k])} at time ${formatNumber(g.km.time[k])}`
      : `${g.label}: no events`;
  });
  return `Kaplan–Meier survival of the rows split at the median linear predictor at λ = ${formatNumber(lambda)}. ${parts.join("; ")}.`;
}

/** The survival chart as an SVG element (the browser's document by default). */
export function survivalChart(input: SurvivalInput, options: ChartOptions = {}): SVGSVGElement {
  checkArguments("survivalChart", { input, options }, { input: survivalInputRule, options: optionsRule(CHART_OPTIONS) });
  return drawChart(survivalSpec(input, options), options.document);
}
