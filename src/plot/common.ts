/**
 * What every chart shares: options, the spec a chart computes, and drawing that spec with Observable Plot
 * into one self-contained SVG (title, subtitle, legend and text alternatives inside the SVG, so the same
 * element serves the lab, its "download SVG" button and the CLI's files).
 *
 * Browser-safe: no node: imports and no server-side DOM here; the caller supplies `document`
 * (the page's own in the browser, a linkedom one in render.node.ts).
 */
import * as Plot from "@observablehq/plot";
import { familyOf, isFamilyName } from "../model/families/index.js";
import { checkArguments, fieldsRule, objectRule, stringValue, optional } from "../data/arguments.js";

/** Options every chart accepts. */
export interface ChartOptions {
  /** The DOM to build the SVG in; defaults to the global `document` (browser). */
  readonly document?: Document;
  /** Outer width in pixels (default 640). */
  readonly width?: number;
  /** Outer height in pixels (a per-chart default). */
  readonly height?: number;
  /** Heading drawn inside the SVG and used as its accessible name; null draws none (the name stays). */
  readonly title?: string | null;
  /** Second heading line; null draws none. */
  readonly subtitle?: string | null;
  /**
   * The fitted model the chart shows: a binomial model's modelled class is named above the subtitle
   * ("binomial, modelling P(y = yes)"; drawn unless subtitle is null) and in the text alternative.
   */
  readonly model?: ModelDescription;
}

/** What was fitted, as far as a reader of a chart of it needs to know. */
export interface ModelDescription {
  /** "gaussian", "binomial", "poisson". */
  readonly family: string;
  /** The target column's name (default "y"). */
  readonly target?: string;
  /** Binomial: the class modelled as 1; null or absent when the target was 0/1 (1 is modelled as 1). */
  readonly positiveClass?: string | null;
}

/** A class as written in P(target = class): bare when it reads as one token, quoted otherwise ("very good", ""). */
function classText(label: string): string {
  return /^[^\s"=()]+$/.test(label) ? label : JSON.stringify(label);
}

/**
 * What a binomial chart's numbers are about, e.g. "binomial, modelling P(y = yes)": the signs of its
 * coefficients and pulls depend on which class is 1. Null for the other families, whose outcome is plain.
 */
export function modelLine(model: ModelDescription | undefined): string | null {
  checkArguments("modelLine", { model }, { model: optional(objectRule("a model description { family, target?, … }")) });
  // Only a two-class outcome has a class modelled as 1 to name.
  if (!model || !isFamilyName(model.family) || familyOf(model.family).outcome !== "binary") return null;
  return `${model.family}, modelling P(${model.target ?? "y"} = ${classText(model.positiveClass ?? "1")})`;
}

/** A chart's text alternative with the modelled class first, when there is one to name. */
export function describeModel(model: ModelDescription | undefined, description: string): string {
  const line = modelLine(model);
  return line ? `${line[0]!.toUpperCase()}${line.slice(1)}. ${description}` : description;
}

/** One legend entry, drawn as a swatch and its label under the headings. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  /** Swatch shape: a square for bars (default), a dot for dots. */
  readonly shape?: "square" | "dot";
}

/** The band above the plot: headings and legend, already resolved from the options. */
export interface ChartHeader {
  readonly title?: string;
  readonly subtitle?: string;
  /** The model line drawn above the subtitle (modelLine). */
  readonly model?: string;
  /** The title and subtitle (model line first) broken into lines that fit the width. */
  readonly titleLines: readonly string[];
  readonly subtitleLines: readonly string[];
  readonly legend: readonly LegendItem[];
  /** Height of the band in px (included in the plot's marginTop). */
  readonly height: number;
}

/** Everything a chart computes before any DOM exists: pure data, easy to test and to reuse. */
export interface ChartSpec {
  /** Observable Plot options (marks, scales, size, margins including the header band). */
  readonly plot: Plot.PlotOptions;
  /** Accessible name (aria-label, <title>). */
  readonly title: string;
  /** A sentence or two saying what the chart shows, for screen readers (aria-description, <desc>). */
  readonly description: string;
  readonly header: ChartHeader;
  /** Set when the height asked for was too small for the chart to stay legible, and it was drawn taller. */
  readonly heightRaised?: HeightRaised;
}

/** A chart's spec drawn in `frame`: Plot's options at the frame's size, the accessible texts, the header, and a raised height if any. */
export function framedSpec(frame: ChartFrame, plot: Omit<Plot.PlotOptions, "width" | "height">, title: string, description: string): ChartSpec {
  return {
    plot: { width: frame.width, height: frame.height, ...plot },
    title,
    description,
    header: frame.header,
    ...(frame.heightRaised ? { heightRaised: frame.heightRaised } : {}),
  };
}

/** A height option raised to the least height at which the chart stays legible. */
export interface HeightRaised {
  /** The outer height asked for, px. */
  readonly requested: number;
  /** The outer height drawn, px: the least that keeps the chart legible. */
  readonly height: number;
  /** What needs the room, e.g. "a plot area of at least 100 px". */
  readonly reason: string;
}

/**
 * The least height of a chart's plot area (between its axes), px: below it the y axis keeps one or two
 * ticks, the curves of a path run together, and the path chart has room to label fewer than 8 curves.
 */
export const MIN_PLOT_HEIGHT = 100;

/** The room one row of labels needs, px: 10 px text and a 2 px gap (the path chart's curve labels too). */
export const ROW_HEIGHT = 12;

/**
 * The plot-area height at which a band scale of `rows` bands, with Plot's `padding` (inner and outer), gives
 * each band ROW_HEIGHT px: the step is height / (rows − padding + 2·padding).
 */
export function rowsHeight(rows: number, padding: number): number {
  return Math.ceil(ROW_HEIGHT * (rows + padding));
}

const SVG_NS = "http://www.w3.org/2000/svg";
const TITLE_SIZE = 15;
const SUBTITLE_SIZE = 11;
const LEGEND_ROW = 16;
const HEADER_LEFT = 8;

/** The heading text actually drawn: an explicit option wins, null suppresses, undefined keeps the default. */
function headingText(option: string | null | undefined, fallback: string | undefined): string | undefined {
  if (option === null) return undefined;
  return option ?? fallback;
}

/** Rough width of a label in px: Plot itself estimates text width this way (no layout engine in Node). */
export function textWidth(text: string, fontSize = 10): number {
  return Math.ceil(text.length * fontSize * 0.6);
}

/** Where a label beside a vertical line goes: its text anchor and its x offset from the line, in px. */
export interface BesidePlacement {
  readonly anchor: "start" | "end";
  readonly offset: number;
}

/**
 * Place a label `width` px wide beside a vertical line at `px` so that it stays within [lo, hi] (the plot
 * area): `gap` px to the preferred side when it fits there, else to the other side, else (wider than the
 * room on either side) as near the preferred side as [lo, hi] allows, from lo at worst. The width is an
 * estimate (textWidth), so a label before the line is anchored at its end, keeping the gap exact.
 */
export function besidePlacement(px: number, width: number, lo: number, hi: number, prefer: "right" | "left" = "right", gap = 4): BesidePlacement {
  const right = px + gap + width <= hi;
  const left = px - gap - width >= lo;
  if (prefer === "right" ? right : !left && right) return { anchor: "start", offset: gap };
  if (left) return { anchor: "end", offset: -gap };
  const start = Math.max(lo, Math.min(prefer === "right" ? px + gap : px - gap - width, hi - width));
  return { anchor: "start", offset: start - px };
}

/**
 * A render transform for a text mark that labels x positions (a rule, a line): each label is placed by
 * besidePlacement within the plot area, whatever its length, instead of at a fixed textAnchor and dx
 * (give the mark neither). Multi-line labels are measured by their longest line.
 */
export function besideX(prefer: "right" | "left" = "right", gap = 4, fontSize = 10): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context);
    if (!g) return g;
    const X = values.x as ArrayLike<number> | undefined;
    const T = values.text as ArrayLike<unknown> | undefined;
    const lo = dimensions.marginLeft;
    const hi = dimensions.width - dimensions.marginRight;
    const texts = [...g.children].filter((e) => e.tagName.toLowerCase() === "text");
    index.forEach((i, k) => {
      const element = texts[k];
      if (!element || !X || !T) return;
      const width = Math.max(0, ...String(T[i] ?? "").split("\n").map((line) => textWidth(line, fontSize)));
      const { anchor, offset } = besidePlacement(X[i]!, width, lo, hi, prefer, gap);
      element.setAttribute("text-anchor", anchor);
      element.setAttribute("x", String(offset));
      for (const tspan of element.querySelectorAll("tspan")) if (tspan.hasAttribute("x")) tspan.setAttribute("x", String(offset));
    });
    return g;
  };
}

/** Which end of the drawn λs a λ lies beyond: "below" the smallest, "above" the largest. */
export type OffRange = "below" | "above";

/**
 * The mark for a chosen λ beyond the λs a chart draws (the x domain stays theirs): a note inside the plot
 * area, at its top (or bottom) against the edge where that λ would be, its arrow pointing off the chart,
 * e.g. "λ = 1.00e-6 →" over "below the path (smallest λ 0.00346)".
 */
export function offRangeMark(
  lambda: number,
  beyond: OffRange,
  bound: number,
  edge: "left" | "right",
  className: string,
  place: { readonly vertical?: "top" | "bottom"; readonly dy?: number; readonly maxWidth?: number } = {},
): Plot.Markish {
  const head = edge === "right" ? `λ = ${formatNumber(lambda)} →` : `← λ = ${formatNumber(lambda)}`;
  const where = `${beyond} the path`;
  const bounded = `(${beyond === "below" ? "smallest" : "largest"} λ ${formatNumber(bound)})`;
  // Two lines, or three in a narrow plot.
  const note = textWidth(`${where} ${bounded}`) <= (place.maxWidth ?? Infinity) ? `${head}\n${where} ${bounded}` : `${head}\n${where}\n${bounded}`;
  const vertical = place.vertical ?? "top";
  return Plot.text([note], {
    frameAnchor: `${vertical}-${edge}`,
    lineAnchor: vertical,
    dx: edge === "right" ? -4 : 4,
    dy: place.dy ?? (vertical === "top" ? 4 : -4),
    stroke: "white",
    strokeWidth: 3,
    paintOrder: "stroke",
    fill: "currentColor",
    className,
    ariaDescription: `the chosen λ, ${beyond} the λs drawn`,
  });
}

/**
 * `text` shortened in the middle with "…" so that it is at most `width` px wide (by textWidth), keeping its
 * start and end (names often differ at either); the text itself when it fits.
 */
export function fitText(text: string, width: number, fontSize = 10): string {
  if (textWidth(text, fontSize) <= width) return text;
  const keep = Math.max(1, Math.floor(width / (fontSize * 0.6)) - 1);
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ""}`;
}

/** The most of a chart's width that a margin of names may take, in px: the plot keeps the rest. */
export function nameRoom(width: number): number {
  return Math.max(80, Math.round(0.35 * width));
}

/** Words of `text` gathered into lines no wider than `width` px (a single long word keeps its own line). */
export function wrapText(text: string, width: number, fontSize: number, bold = false): string[] {
  const charWidth = fontSize * (bold ? 0.65 : 0.6);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && candidate.length * charWidth > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** A legend label as drawn: shortened in the middle when wider than a row of the chart (narrow SVGs). */
function legendLabel(label: string, width: number): string {
  return fitText(label, width - 2 * HEADER_LEFT - 14);
}

/** Legend items laid out in rows that fit the width: [x, row] per item. */
function legendLayout(items: readonly LegendItem[], width: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let x = HEADER_LEFT;
  let row = 0;
  for (const item of items) {
    const w = 14 + textWidth(legendLabel(item.label, width)) + 14;
    if (x > HEADER_LEFT && x + w > width) {
      x = HEADER_LEFT;
      row++;
    }
    out.push([x, row]);
    x += w;
  }
  return out;
}

/** Size of the whole chart and of its header band, from the options and the chart's defaults. */
export interface ChartFrame {
  readonly width: number;
  /** Outer height, header included. */
  readonly height: number;
  readonly header: ChartHeader;
  /** Set when an explicit height was below the least legible one and was raised to it. */
  readonly heightRaised?: HeightRaised;
}

/** What a chart tells chartFrame about its size. */
export interface FrameDefaults {
  readonly title: string;
  readonly subtitle?: string;
  readonly legend?: readonly LegendItem[];
  /** Default height below the header band, px. */
  readonly bodyHeight: number;
  /** The chart's margins outside the plot area, header band excluded, px (top beyond the band, and bottom). */
  readonly margins: number;
  /** The least plot-area height, px (default MIN_PLOT_HEIGHT). */
  readonly minPlotHeight?: number;
  /** What needs minPlotHeight, for the note (default "a plot area of at least … px"). */
  readonly minReason?: string;
}

/**
 * Resolve size and headings. An explicit `height` option is the outer height, raised to the least height
 * that leaves the plot area minPlotHeight (one consistent rule for every chart: a chart is never drawn too
 * short to read, and heightRaised says when it was drawn taller than asked); otherwise the chart's default
 * body height plus the header band.
 */
export function chartFrame(options: ChartOptions, defaults: FrameDefaults): ChartFrame {
  const width = options.width ?? 640;
  const title = headingText(options.title, defaults.title);
  const subtitle = headingText(options.subtitle, defaults.subtitle);
  // The model goes with the subtitle: a chart drawn without one (the lab's) says it elsewhere.
  const model = options.subtitle === null ? null : modelLine(options.model);
  const legend = defaults.legend ?? [];
  const positions = legendLayout(legend, width);
  const legendRows = positions.length ? positions[positions.length - 1]![1] + 1 : 0;
  const titleLines = title ? wrapText(title, width - 2 * HEADER_LEFT, TITLE_SIZE, true) : [];
  const subtitleLines = [model, subtitle].flatMap((text) => (text ? wrapText(text, width - 2 * HEADER_LEFT, SUBTITLE_SIZE) : []));
  let height = 0;
  if (titleLines.length) height += titleLines.length * (TITLE_SIZE + 4) + 6;
  if (subtitleLines.length) height += subtitleLines.length * (SUBTITLE_SIZE + 4) + 3;
  if (legendRows > 0) height += legendRows * LEGEND_ROW + 4;
  if (height > 0) height += 6;
  const minPlot = defaults.minPlotHeight ?? MIN_PLOT_HEIGHT;
  const least = height + defaults.margins + minPlot;
  const outer = Math.max(options.height ?? defaults.bodyHeight + height, least);
  const raised: HeightRaised | undefined =
    options.height !== undefined && options.height < least
      ? { requested: options.height, height: least, reason: defaults.minReason ?? `a plot area of at least ${minPlot} px` }
      : undefined;
  return {
    width,
    height: outer,
    header: { ...(title ? { title } : {}), ...(subtitle ? { subtitle } : {}), ...(model ? { model } : {}), titleLines, subtitleLines, legend, height },
    ...(raised ? { heightRaised: raised } : {}),
  };
}

function svgElement(document: Document, name: string, attributes: Record<string, string | number>): Element {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/**
 * Draw a spec: Plot renders the marks; the header band (title, subtitle, legend) and the text alternatives
 * are added as plain SVG so the result is one standalone <svg> (the lab's download and the CLI's file).
 */
export function drawChart(spec: ChartSpec, document: Document | undefined = globalThis.document): SVGSVGElement {
  checkArguments("drawChart", { spec, document }, { spec: SPEC, document: objectRule("a DOM Document (in Node, render with renderSvg)") });
  if (!document) throw new Error("drawChart: no document; pass options.document (in Node use renderSvg)");
  const rendered = Plot.plot({ ...spec.plot, ariaLabel: spec.title, ariaDescription: spec.description, document });
  // Plot wraps the SVG in a <figure> only when given a title or an HTML legend; specs never ask for either.
  const svg = rendered as unknown as SVGSVGElement;
  if (svg.tagName.toLowerCase() !== "svg") throw new Error("drawChart: Plot returned a figure; specs must not set title or legend");
  svg.setAttribute("role", "img");

  const first = svg.firstChild;
  const titleElement = svgElement(document, "title", {});
  titleElement.textContent = spec.title;
  const descElement = svgElement(document, "desc", {});
  descElement.textContent = spec.description;
  svg.insertBefore(titleElement, first);
  svg.insertBefore(descElement, first);

  const { header } = spec;
  if (header.height === 0) return svg;
  const group = svgElement(document, "g", { "aria-hidden": "true", "aria-label": "header", "text-anchor": "start" });
  let y = 0;
  for (const line of header.titleLines) {
    y += TITLE_SIZE + 4;
    const text = svgElement(document, "text", { x: HEADER_LEFT, y, "font-size": TITLE_SIZE, "font-weight": "bold" });
    text.textContent = line;
    group.appendChild(text);
  }
  if (header.titleLines.length) y += 6;
  for (const line of header.subtitleLines) {
    y += SUBTITLE_SIZE + 4;
    const text = svgElement(document, "text", { x: HEADER_LEFT, y, "font-size": SUBTITLE_SIZE, "fill-opacity": 0.75 });
    text.textContent = line;
    group.appendChild(text);
  }
  if (header.subtitleLines.length) y += 3;
  const positions = legendLayout(header.legend, Number(spec.plot.width ?? 640));
  header.legend.forEach((item, i) => {
    const [x, row] = positions[i]!;
    const cy = y + 10 + row * LEGEND_ROW;
    const swatch =
      item.shape === "dot"
        ? svgElement(document, "circle", { cx: x + 5, cy, r: 4, fill: item.color })
        : svgElement(document, "rect", { x, y: cy - 5, width: 10, height: 10, fill: item.color });
    group.appendChild(swatch);
    const text = svgElement(document, "text", { x: x + 14, y: cy, dy: "0.32em", "font-size": 10 });
    text.textContent = legendLabel(item.label, Number(spec.plot.width ?? 640));
    group.appendChild(text);
  });
  svg.appendChild(group);
  return svg;
}

/**
 * "Nice" tick values covering [lo, hi] (d3's algorithm: steps of 1, 2 or 5 × 10^k), computed here so the
 * bottom and top axes share the exact same positions.
 */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const ratio = raw / power;
  const step = (ratio >= 7.07 ? 10 : ratio >= 3.16 ? 5 : ratio >= 1.41 ? 2 : 1) * power;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  // Multiply integers by the step (rather than accumulating) so ticks print without rounding noise.
  for (let i = first; i <= last; i++) ticks.push((step >= 1 ? i * step : i / (1 / step)) + 0); // + 0 turns −0 into 0
  return ticks;
}

/** A number for labels: 3 significant digits, no exponent for ordinary magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e6) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}

/** A tick label: as formatNumber, with the typographic minus Plot's own ticks use. */
export function formatTick(value: number): string {
  return formatNumber(value).replace(/^-/, "\u2212");
}

/**
 * Spread label positions (px, any order) so neighbours are at least `gap` apart, moving them as little as
 * possible and keeping them within [lo, hi]; returns the new positions in the input order.
 */
export function dodgePositions(positions: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = positions.map((_, i) => i).sort((a, b) => positions[a]! - positions[b]! || a - b);
  // Clusters of labels that touch are placed centred on their mean, then merged with neighbours they hit.
  const clusters: Array<{ start: number; members: number[] }> = [];
  for (const i of order) {
    clusters.push({ start: positions[i]!, members: [i] });
    for (;;) {
      const n = clusters.length;
      if (n < 2) break;
      const a = clusters[n - 2]!;
      const b = clusters[n - 1]!;
      if (a.start + a.members.length * gap <= b.start) break;
      const members = [...a.members, ...b.members];
      const mean = members.reduce((s, m) => s + positions[m]!, 0) / members.length;
      clusters.splice(n - 2, 2, { start: mean - ((members.length - 1) * gap) / 2, members });
    }
  }
  const out = new Array<number>(positions.length);
  for (const cluster of clusters) {
    const span = (cluster.members.length - 1) * gap;
    const start = Math.min(Math.max(cluster.start, lo), Math.max(lo, hi - span));
    cluster.members.forEach((m, k) => (out[m] = start + k * gap));
  }
  // A cluster clamped to [lo, hi] can land on its neighbour (30 labels crowding the top): push the labels
  // apart downwards, then back up from hi, in position order.
  for (let k = 1; k < order.length; k++) out[order[k]!] = Math.max(out[order[k]!]!, out[order[k - 1]!]! + gap);
  if (order.length) out[order[order.length - 1]!] = Math.min(out[order[order.length - 1]!]!, Math.max(lo, hi));
  for (let k = order.length - 2; k >= 0; k--) out[order[k]!] = Math.min(out[order[k]!]!, out[order[k + 1]!]! - gap);
  return out;
}

/** Index of the value in `values` closest to `target`. */
export function nearestIndex(values: ArrayLike<number>, target: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (Math.abs(values[i]! - target) < Math.abs(values[best]! - target)) best = i;
  }
  return best;
}

/**
 * The tick format of a numeric axis with these ticks: formatTick shortened ("1e-9", "6.5e+13") when some tick
 * is tiny or in the millions, whose plain digits ("0.0000000010", "65,000,000,000,000") run wide; null
 * keeps Plot's own. Also the labels' width, for the margin: Plot's default written as en-US numbers.
 */
export function axisTickFormat(ticks: readonly number[]): { format: ((t: number) => string) | null; width: number } {
  const compact = ticks.some((t) => t !== 0 && (Math.abs(t) < 1e-3 || Math.abs(t) >= 1e6));
  // Nice ticks need no trailing zeros: 2.5e+13, 8e-8.
  const short = (t: number) => formatTick(t).replace(/\.?0+e/, "e");
  const label = compact ? short : (t: number) => t.toLocaleString("en-US");
  return { format: compact ? short : null, width: Math.max(0, ...ticks.map((t) => textWidth(label(t)))) };
}

/** Replace Plot's process-wide id counters (clip paths, markers, patterns) by ids numbered within this SVG. */
export function normalizePlotIds(markup: string): string {
  checkArguments("normalizePlotIds", { markup }, { markup: stringValue });
  const seen = new Map<string, string>();
  return markup.replace(/plot-(clip|marker|pattern)-\d+/g, (id, kind: string) => {
    let renamed = seen.get(id);
    if (!renamed) {
      const count = [...seen.keys()].filter((k) => k.startsWith(`plot-${kind}-`)).length;
      renamed = `plot-${kind}-${count + 1}`;
      seen.set(id, renamed);
    }
    return renamed;
  });
}

/** A chart's spec (ChartSpec), from one of the *Spec functions. */
const SPEC = fieldsRule("a chart spec, from one of the *Spec functions", { plot: objectRule("Plot options"), title: stringValue });
