/**
 * The price curve of MCP or SCAD at one λ: what a coefficient is charged, in pull units, against its size
 * |β̃| on the standardized scale, falling to 0 at γλ; each coefficient marked where it sits (a nonzero one
 * at its own size and price, which equals its pull; a zero one at size 0 with its pull, below the price).
 */
import * as Plot from "@observablehq/plot";
import { chartFrame, describeModel, drawChart, formatNumber, type ChartOptions, type ChartSpec, type LegendItem, framedSpec } from "./common.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { CHART_OPTIONS, priceInputRule } from "./arguments.js";

/** What the chart reads (explain's PriceReading, as plain arrays). */
export interface PriceCurveInput {
  readonly penalty: "mcp" | "scad";
  readonly gamma: number;
  readonly lambda: number;
  readonly alpha: number;
  readonly curve: { readonly size: readonly number[]; readonly price: readonly number[] };
  readonly points: readonly { readonly feature: string; readonly standardized: number; readonly pull: number; readonly price: number; readonly curvature: number; readonly beyond: boolean }[];
}

/** The price chart's colours: the price curve, and coefficients shrunk, beyond the price, and zero. */
export const PRICE_COLORS = { curve: "#4269d0", shrunk: "#efb118", beyond: "#3ca951", zero: "#9c9c9c" } as const;

interface Mark {
  readonly feature: string;
  readonly size: number;
  readonly y: number;
  readonly kind: "shrunk" | "beyond" | "zero";
}

const MARGIN_TOP = 8;
const MARGIN_BOTTOM = 40;

/** The Plot spec of the price curve (pure: no DOM). */
export function priceCurveSpec(input: PriceCurveInput, options: ChartOptions = {}): ChartSpec {
  checkArguments("priceCurveSpec", { input, options }, { input: priceInputRule, options: optionsRule(CHART_OPTIONS) });
  const label = input.penalty === "mcp" ? "MCP" : "SCAD";
  const knot = input.gamma * input.lambda * input.alpha;
  const marks: Mark[] = input.points.map((q) => ({
    feature: q.feature,
    size: q.curvature * Math.abs(q.standardized),
    y: q.standardized === 0 ? Math.abs(q.pull) : q.price,
    kind: q.standardized === 0 ? "zero" : q.beyond ? "beyond" : "shrunk",
  }));
  const legend: LegendItem[] = [
    { label: "price", color: PRICE_COLORS.curve },
    { label: "shrunk (price > 0)", color: PRICE_COLORS.shrunk, shape: "dot" },
    { label: "beyond γλ: not shrunk", color: PRICE_COLORS.beyond, shape: "dot" },
    { label: "at zero: its pull", color: PRICE_COLORS.zero, shape: "dot" },
  ];
  const frame = chartFrame(options, {
    title: `${label} price at λ = ${formatNumber(input.lambda)} (γ = ${input.gamma})`,
    subtitle: "what a coefficient is charged against its standardized size; at the solution each one's pull equals its own price",
    legend,
    bodyHeight: 300,
    margins: MARGIN_TOP + MARGIN_BOTTOM,
  });
  const curve = input.curve.size.map((s, k) => ({ size: s, price: input.curve.price[k] }));
  const xMax = Math.max(knot * 1.5, ...marks.map((m) => m.size * 1.05));
  return framedSpec(
    frame,
    {
      marginTop: frame.header.height + MARGIN_TOP,
      marginBottom: MARGIN_BOTTOM,
      marginLeft: 56,
      marginRight: 20,
      style: { overflow: "visible" },
      x: { label: "size |β̃| (standardized; × curvature for GLMs)", labelAnchor: "center", labelArrow: "none", domain: [0, xMax] },
      y: { label: "price (pull units)", labelArrow: "none", zero: true, nice: true },
      color: { domain: ["shrunk", "beyond", "zero"], range: [PRICE_COLORS.shrunk, PRICE_COLORS.beyond, PRICE_COLORS.zero] },
      marks: [
        Plot.gridY({ strokeOpacity: 0.08 }),
        Plot.ruleX([knot], { stroke: "#999", strokeDasharray: "3,3" }),
        Plot.text([knot], { x: (d: number) => d, frameAnchor: "top", dy: 4, dx: 4, textAnchor: "start", text: () => "γλ", fill: "#555" }),
        Plot.line(curve.concat(xMax > curve[curve.length - 1].size ? [{ size: xMax, price: curve[curve.length - 1].price }] : []), { x: "size", y: "price", stroke: PRICE_COLORS.curve, strokeWidth: 2, className: "price-curve" }),
        Plot.dot(marks, { x: "size", y: "y", fill: "kind", r: 4, className: "price-coefficient", title: (m: Mark) => `${m.feature}: ${m.kind === "zero" ? `at zero, pull ${formatNumber(m.y)}` : `size ${formatNumber(m.size)}, price = pull ${formatNumber(m.y)}${m.kind === "beyond" ? " (not shrunk)" : ""}`}` }),
        Plot.text(marks, { x: "size", y: "y", text: "feature", dx: 6, textAnchor: "start", fontSize: 10, fill: "#333" }),
      ],
    },
    frame.header.title ?? `${label} price`,
    describeModel(options.model, describePrices(marks, label, knot)),
  );
}

/** The text alternative: the schedule, and who is beyond it. */
function describePrices(marks: readonly Mark[], label: string, knot: number): string {
  const beyond = marks.filter((m) => m.kind === "beyond").map((m) => m.feature);
  const shrunk = marks.filter((m) => m.kind === "shrunk").map((m) => m.feature);
  return `The ${label} price falls from λ at size 0 to nothing at γλ = ${formatNumber(knot)}. ` +
    `${beyond.length ? `Beyond it, not shrunk: ${beyond.join(", ")}. ` : ""}${shrunk.length ? `Still shrunk: ${shrunk.join(", ")}. ` : ""}` +
    `${marks.length - beyond.length - shrunk.length} at zero.`;
}

/** The price-curve chart as an SVG element (the browser's document by default). */
export function priceCurveChart(input: PriceCurveInput, options: ChartOptions = {}): SVGSVGElement {
  checkArguments("priceCurveChart", { input, options }, { input: priceInputRule, options: optionsRule(CHART_OPTIONS) });
  return drawChart(priceCurveSpec(input, options), options.document);
}
