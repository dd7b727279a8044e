/**
 * Pull versus price at one λ: for each variable, the pull of the data on its coefficient (|∂datafit/∂β_j|
 * on the standardized scale) as a bar, and the price of the penalty (λ·α·v_j) as a line. A bar that
 * reaches its price is a variable in the model; a bar short of it is held at zero.
 */
import * as Plot from "@observablehq/plot";
import {
  axisTickFormat,
  besideX,
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
import { checkArguments, optionsRule, choiceRule, numberRule, type Schema } from "../data/arguments.js";
import { CHART_OPTIONS, pullInputRule } from "./arguments.js";

/** The status of a coefficient, as the explanation layer reports it. */
export type CoefficientStatus = "active" | "zero" | "at-bound" | "unpenalized" | "excluded";

/** What the chart reads: per variable, aligned with `features`. */
export interface PullPriceInput {
  readonly features: readonly string[];
  /** |∂datafit/∂β_j| at the solution, standardized scale. */
  readonly pull: ArrayLike<number>;
  /** λ·α·v_j: the lasso part of the price, what moving β_j off zero costs. */
  readonly price: ArrayLike<number>;
  /**
   * |λ(1−α)v_j β̃_j| (divided by sd(y) for gaussian): the ridge part of the price a nonzero β_j meets, on
   * top of the lasso part (TEACHING.md §1). Given for α < 1: each row then draws its price as two segments,
   * the lasso part and the ridge part, and an active bar reaches their sum.
   */
  readonly ridge?: ArrayLike<number>;
  /** One of CoefficientStatus (other strings are drawn grey under their own name). */
  readonly status: readonly string[];
  /** The λ, for the heading only. */
  readonly lambda?: number;
}

/** Options of the pull-versus-price chart: its size, the bars' order and a fixed end of the pull axis. */
export interface PullPriceOptions extends ChartOptions {
  /** Bar order: as given (default; stable while λ moves) or by decreasing pull. */
  readonly sort?: "none" | "pull";
  /**
   * Fix the right end of the pull axis (e.g. the largest pull at λ_max) so bars keep their scale while λ
   * moves; default: fitted to this λ's bars and prices.
   */
  readonly xMax?: number;
}

/** Fixed colours per status, so a variable keeps its colour meaning from chart to chart. */
export const STATUS_COLORS: Readonly<Record<CoefficientStatus, string>> = {
  active: "#4269d0",
  zero: "#b8b8b8",
  "at-bound": "#ff8c2e",
  unpenalized: "#3ca951",
  excluded: "#e8e8e8",
};

/** The colours of the price's two parts: the lasso part (the price line's red) and the ridge part. */
export const PRICE_PART_COLORS = { lasso: "#d62728", ridge: "#9c27b0" } as const;

const STATUS_LABELS: Readonly<Record<CoefficientStatus, string>> = {
  active: "active (pull = price)",
  zero: "zero (pull < price)",
  "at-bound": "at a bound",
  unpenalized: "unpenalized",
  excluded: "excluded",
};

/** Margins beyond the header band: room for the price label on top, the x axis and its label below. */
const PULL_MARGIN_TOP = 16;
const PULL_MARGIN_BOTTOM = 40;
/** Plot's band padding of the variable rows (inner and outer). */
const BAND_PADDING = 0.2;

interface PullRow {
  readonly variable: string;
  readonly pull: number;
  readonly price: number;
  /** |ridge part| (0 without one). */
  readonly ridge: number;
  readonly status: string;
}

/** Statuses whose price is drawn (an unpenalized or excluded variable pays none). */
function paysPrice(status: string): boolean {
  return status !== "unpenalized" && status !== "excluded";
}

/**
 * Whether the chart draws the price in two parts: ridge parts are given (α < 1) and some paying
 * coefficient has one (at λ_max every coefficient is zero, and so is every ridge part).
 */
export function hasRidgePart(input: PullPriceInput): boolean {
  checkArguments("hasRidgePart", { input }, { input: pullInputRule });
  if (!input.ridge) return false;
  for (let j = 0; j < input.features.length; j++) {
    if (paysPrice(input.status[j] ?? "zero") && Number.isFinite(input.price[j]!) && Math.abs(input.ridge[j] ?? 0) > 0) return true;
  }
  return false;
}

/** The one price every paying variable shares, or null when penalty factors differ. */
export function commonPrice(input: PullPriceInput): number | null {
  checkArguments("commonPrice", { input }, { input: pullInputRule });
  let common: number | null = null;
  for (let j = 0; j < input.features.length; j++) {
    if (!paysPrice(input.status[j]!)) continue;
    const price = input.price[j]!;
    if (!Number.isFinite(price)) continue;
    if (common === null) common = price;
    else if (Math.abs(price - common) > 1e-12 * Math.max(1, Math.abs(common))) return null;
  }
  return common;
}

/** The Plot spec of the pull-versus-price chart (pure: no DOM). */
export function pullPriceSpec(input: PullPriceInput, options: PullPriceOptions = {}): ChartSpec {
  checkArguments("pullPriceSpec", { input, options }, { input: pullInputRule, options: optionsRule(PULL_CHART_OPTIONS) });
  const p = input.features.length;
  const rows: PullRow[] = input.features.map((variable, j) => ({
    variable,
    pull: input.pull[j]!,
    price: input.price[j]!,
    ridge: input.ridge ? Math.abs(input.ridge[j] ?? 0) : 0,
    status: input.status[j] ?? "zero",
  }));
  const ridged = hasRidgePart(input);
  const order = options.sort === "pull" ? [...rows].sort((a, b) => b.pull - a.pull).map((r) => r.variable) : [...input.features];
  const bars = rows.filter((r) => Number.isFinite(r.pull));
  const priced = rows.filter((r) => paysPrice(r.status) && Number.isFinite(r.price));
  const common = commonPrice(input);

  const statuses = Object.keys(STATUS_COLORS) as CoefficientStatus[];
  const present = new Set(rows.map((r) => r.status));
  const extra = [...present].filter((s) => !(s in STATUS_COLORS));
  const colorDomain = [...statuses, ...extra];
  const colorRange = [...statuses.map((s) => STATUS_COLORS[s]), ...extra.map(() => "#7f7f7f")];
  const label = (s: CoefficientStatus) => (ridged && s === "active" ? "active (pull = price + ridge part)" : STATUS_LABELS[s]);
  const legend: LegendItem[] = [
    ...statuses.filter((s) => present.has(s)).map((s) => ({ label: label(s), color: STATUS_COLORS[s] })),
    ...extra.map((s) => ({ label: s, color: "#7f7f7f" })),
    ...(ridged ? [{ label: "price λ·α·v (lasso part)", color: PRICE_PART_COLORS.lasso }, { label: "ridge part λ·(1−α)·v·|β̃|", color: PRICE_PART_COLORS.ridge }] : []),
  ];
  const counts = statuses.filter((s) => present.has(s)).map((s) => `${rows.filter((r) => r.status === s).length} ${s}`);

  const frame = chartFrame(options, {
    title: input.lambda !== undefined ? `Pull versus price at λ = ${formatNumber(input.lambda)}` : "Pull versus price",
    subtitle: counts.join(", "),
    legend,
    bodyHeight: Math.max(160, 22 * p + 70),
    margins: PULL_MARGIN_TOP + PULL_MARGIN_BOTTOM,
    // One row per variable: its name needs a row of ROW_HEIGHT, or the names are drawn over each other.
    ...(rowsHeight(p, BAND_PADDING) > MIN_PLOT_HEIGHT
      ? { minPlotHeight: rowsHeight(p, BAND_PADDING), minReason: `a row of ${ROW_HEIGHT} px for each of the ${p} variables` }
      : {}),
  });
  // Room for the names, up to nameRoom of the width; longer names are shortened in the middle.
  const marginLeft = Math.max(40, Math.min(input.features.reduce((w, f) => Math.max(w, textWidth(f)), 0) + 14, nameRoom(frame.width)));
  const marginRight = 24;
  // Tiny or huge pulls are ticked 1.00e-9 rather than 0.0000000010, which ran past the chart's edge.
  const xEnd = options.xMax !== undefined && options.xMax > 0 ? options.xMax : priced.reduce((m, r) => Math.max(m, r.price + r.ridge), bars.reduce((m, r) => Math.max(m, r.pull), 0));
  const xAxis = axisTickFormat(niceTicks(0, xEnd, 10));
  // The axis label, shorter when the plot is too narrow for it.
  const innerWidth = frame.width - marginLeft - marginRight;
  const xLabel = ["pull |∂datafit/∂β| and price (standardized scale)", "pull and price (standardized scale)", "pull and price"].find(
    (l, i, all) => textWidth(l) <= innerWidth || i === all.length - 1,
  )!;
  const marginTop = frame.header.height + PULL_MARGIN_TOP;

  const marks: Plot.Markish[] = [
    Plot.gridX({ strokeOpacity: 0.08 }),
    Plot.barX(bars, {
      y: "variable",
      x: "pull",
      fill: "status",
      className: "pull-bar",
      ariaLabel: (r: PullRow) => `${r.variable}: pull ${formatNumber(r.pull)}, ${priceWords(r, ridged, "label")}, ${r.status}`,
      title: (r: PullRow) => `${r.variable} (${r.status})\npull = ${formatNumber(r.pull)}\n${priceWords(r, ridged, "title")}`,
    }),
    Plot.ruleX([0]),
  ];
  if (ridged) marks.push(...priceSegments(priced));
  if (common !== null) {
    marks.push(
      Plot.ruleX([common], { stroke: "#d62728", strokeWidth: 2, className: "price-line", ariaDescription: "the price λ·α" }),
      Plot.text([priceLabel(common, innerWidth)], {
        x: common,
        frameAnchor: "top",
        lineAnchor: "bottom",
        dy: -2,
        fill: "#d62728",
        className: "price-label",
        // Beside the line on its right, or on its left when the text would run past the plot's right edge.
        render: besideX("right", 3),
      }),
    );
  } else {
    marks.push(
      Plot.tickX(priced, {
        y: "variable",
        x: "price",
        stroke: "#d62728",
        strokeWidth: 2,
        className: "price-tick",
        title: (r: PullRow) => `${r.variable}: price = ${formatNumber(r.price)}`,
      }),
    );
  }

  return framedSpec(
    frame,
    {
      marginTop,
      marginLeft,
      marginRight,
      marginBottom: PULL_MARGIN_BOTTOM,
      style: { overflow: "visible" },
      x: {
        label: xLabel,
        labelAnchor: "center",
        labelArrow: "none",
        ...(xAxis.format ? { tickFormat: xAxis.format } : {}),
        ...(options.xMax !== undefined && options.xMax > 0 ? { domain: [0, options.xMax], clamp: true } : { nice: true, zero: true }),
      },
      y: { domain: order, label: null, padding: BAND_PADDING, tickFormat: (name: string) => fitText(name, marginLeft - 14) },
      color: { domain: colorDomain, range: colorRange },
      marks,
    },
    frame.header.title ?? "Pull versus price",
    describeModel(options.model, describePull(rows, common, ridged)),
  );
}

/**
 * A bar's price in words: as its accessible label ("price 4.84"; "lasso part 4.84, ridge part 0.139") or
 * its title, one "name = value" per line.
 */
export function priceWords(r: { readonly price: number; readonly ridge: number }, ridged: boolean, form: "label" | "title"): string {
  const parts: Array<[string, number]> = ridged ? [["lasso part", r.price], ["ridge part", r.ridge]] : [["price", r.price]];
  return parts.map(([name, value]) => (form === "label" ? `${name} ${formatNumber(value)}` : `${name} = ${formatNumber(value)}`)).join(form === "label" ? ", " : "\n");
}

/**
 * The price as two segments along each row's middle, over its bar: from 0 to λ·α·v (the lasso part), then
 * on to λ·α·v + |ridge part|. An active bar ends where the second segment ends (pull = price at its size).
 */
function priceSegments(priced: readonly PullRow[]): Plot.Markish[] {
  return [
    Plot.ruleY(priced, { y: "variable", x1: 0, x2: "price", stroke: PRICE_PART_COLORS.lasso, strokeWidth: 3, className: "lasso-part" }),
    Plot.ruleY(priced, { y: "variable", x1: "price", x2: (r: PullRow) => r.price + r.ridge, stroke: PRICE_PART_COLORS.ridge, strokeWidth: 3, className: "ridge-part" }),
  ];
}

/** The text alternative: the price, who is in the model, and by how much the nearest zero missed it. */
function describePull(rows: readonly PullRow[], common: number | null, ridged: boolean): string {
  const active = rows.filter((r) => r.status === "active").map((r) => r.variable);
  const ridge = ridged
    ? ` Along each bar the price is drawn in two parts: red, the lasso part λ·α·v, what leaving zero costs; purple, the ridge part λ·(1−α)·v·|β̃|, which grows with the coefficient. An active bar reaches their sum.`
    : "";
  const zeros = rows.filter((r) => r.status === "zero" && Number.isFinite(r.pull) && Number.isFinite(r.price));
  const parts = [
    `Bars show the pull of the data on each of ${rows.length} coefficients; ` +
      (common !== null ? `the red line is the price λ·α = ${formatNumber(common)}.` : "red ticks mark each variable's price λ·α·v_j."),
    `${active.length} variables reach their price and are in the model${active.length ? ": " + active.join(", ") : ""}.${ridge}`,
  ];
  if (zeros.length) {
    const closest = zeros.reduce((a, b) => (b.price - b.pull < a.price - a.pull ? b : a));
    parts.push(`${zeros.length} are held at zero; the closest, ${closest.variable}, is short by ${formatNumber(closest.price - closest.pull)}.`);
  }
  for (const status of ["at-bound", "unpenalized", "excluded"]) {
    const names = rows.filter((r) => r.status === status).map((r) => r.variable);
    if (names.length) parts.push(`${status}: ${names.join(", ")}.`);
  }
  return parts.join(" ");
}

/** The pull-versus-price chart as an SVG element (the browser's document by default). */
export function pullPriceChart(input: PullPriceInput, options: PullPriceOptions = {}): SVGSVGElement {
  checkArguments("pullPriceChart", { input, options }, { input: pullInputRule, options: optionsRule(PULL_CHART_OPTIONS) });
  return drawChart(pullPriceSpec(input, options), options.document);
}

/** The price line's label: "price λ·α·v = …", or "price …" when the plot is too narrow for the formula. */
export function priceLabel(price: number, innerWidth: number): string {
  const full = `price λ·α·v = ${formatNumber(price)}`;
  return textWidth(full) + 3 <= innerWidth ? full : `price ${formatNumber(price)}`;
}

/** The options of the pull-and-price chart (PullPriceOptions), each with its rule. */
const PULL_CHART_OPTIONS: Schema<PullPriceOptions> = { ...CHART_OPTIONS, sort: choiceRule(() => ["none", "pull"]), xMax: numberRule({ above: 0 }) };
