/**
 * Charts that follow λ without being redrawn. Drawing a chart with Plot and swapping it into the page
 * costs a few milliseconds of script and as many of style, layout and paint; moving λ changes only the
 * lengths of some bars, a line and a few texts. So a chart is drawn once (by the shared module in
 * src/plot) for what fixes its frame (the data, the width, the axis), and later λs set the attributes
 * of its existing bars from the chart's own scales. Whatever a patch cannot express (a new axis end, a
 * status appearing in the legend) makes the caller draw the chart afresh.
 *
 * The bars' titles and labels repeat the wording of src/plot/pull.ts and src/plot/spectrum.ts, so a
 * patched chart reads as a freshly drawn one (test/web checks that they agree). While the slider moves
 * they can wait (`describe: false`): rewriting twenty tooltips and accessible names per step costs the
 * browser more restyling than moving the bars; they are written once λ rests.
 */
import * as Plot from "@observablehq/plot";
import {
  STATUS_COLORS,
  pullPriceSpec,
  hasRidgePart,
  type PullPriceInput,
  type PullPriceOptions,
  ridgeSpectrumSpec,
  spectrumRows,
  type RidgeSpectrumInput,
  type RidgeSpectrumOptions,
} from "../../src/index.js";
import { besidePlacement, formatNumber, priceWords, textWidth } from "../../src/lab.js";

/** Set a node's text only when it differs: an unchanged text then costs no layout. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Set an attribute only when it differs. */
export function setAttr(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

type Scaled = { scale?: (name: string) => Plot.ScaleOptions | undefined };

function scaleOf(svg: SVGSVGElement, name: "x" | "y"): ((v: number) => number) | null {
  const options = (svg as unknown as Scaled).scale?.(name);
  if (!options) return null;
  const scale = Plot.scale(name === "x" ? { x: options } : { y: options });
  return (v) => scale.apply(v) as number;
}

/** The title, description and accessible name a chart carries (drawChart puts them on the SVG). */
function describeAs(svg: SVGSVGElement, title: string, description: string): void {
  setAttr(svg, "aria-label", title);
  setAttr(svg, "aria-description", description);
  const titleNode = svg.querySelector(":scope > title");
  if (titleNode) setText(titleNode, title);
  const desc = svg.querySelector(":scope > desc");
  if (desc) setText(desc, description);
}

function setTitle(element: Element, text: string): void {
  const title = element.querySelector("title");
  if (title) setText(title, text);
}

// ---- Pull versus price ---------------------------------------------------------------------------

export interface PullPatcher {
  /** Show another λ's pulls and price on the drawn chart; with describe, its titles and labels too. */
  update(input: PullPriceInput, options: PullPriceOptions, describe: boolean): void;
}

/**
 * A patcher for a pull-versus-price chart drawn with one common price line (the lab's case: no penalty
 * factors); null when the chart has another shape (ticks per variable), which is then redrawn each time.
 */
export function pullPatcher(svg: SVGSVGElement, input: PullPriceInput): PullPatcher | null {
  const x = scaleOf(svg, "x");
  const bars = [...svg.querySelectorAll<SVGRectElement>("g.pull-bar rect")];
  const rule = svg.querySelector<SVGLineElement>("g.price-line line");
  const label = svg.querySelector<SVGTextElement>("g.price-label text");
  const drawn = input.features.filter((_, j) => Number.isFinite(input.pull[j]!)).length;
  if (!x || !rule || !label || bars.length !== drawn) return null;
  // With a ridge part, each paying row's price is drawn as two segments (src/plot/pull.ts).
  const ridged = hasRidgePart(input);
  const lassoParts = [...svg.querySelectorAll<SVGLineElement>("g.lasso-part line")];
  const ridgeParts = [...svg.querySelectorAll<SVGLineElement>("g.ridge-part line")];
  const priced = input.features.filter((_, j) => paysPrice(input.status[j]) && Number.isFinite(input.price[j]!)).length;
  if (ridged && (lassoParts.length !== priced || ridgeParts.length !== priced)) return null;
  const x0 = x(0);
  const range = (svg as unknown as Scaled).scale?.("x")?.range as number[] | undefined;
  const xRange = range ? [Math.min(range[0]!, range[1]!), Math.max(range[0]!, range[1]!)] : [-Infinity, Infinity];
  return {
    update(next, options, describe) {
      if (describe) {
        const spec = pullPriceSpec(next, options);
        describeAs(svg, spec.title, spec.description);
      }
      let i = 0;
      next.features.forEach((variable, j) => {
        const pull = next.pull[j]!;
        if (!Number.isFinite(pull)) return;
        const bar = bars[i++]!;
        const status = next.status[j] ?? "zero";
        const row = { price: next.price[j]!, ridge: Math.abs(next.ridge?.[j] ?? 0) };
        const end = x(pull);
        setAttr(bar, "x", String(Math.min(x0, end)));
        setAttr(bar, "width", String(Math.abs(end - x0)));
        setAttr(bar, "fill", STATUS_COLORS[status as keyof typeof STATUS_COLORS] ?? "#7f7f7f");
        if (!describe) return;
        setAttr(bar, "aria-label", `${variable}: pull ${formatNumber(pull)}, ${priceWords(row, ridged, "label")}, ${status}`);
        setTitle(bar, `${variable} (${status})\npull = ${formatNumber(pull)}\n${priceWords(row, ridged, "title")}`);
      });
      if (ridged) {
        let k = 0;
        next.features.forEach((_, j) => {
          const price = next.price[j]!;
          if (!paysPrice(next.status[j]) || !Number.isFinite(price)) return;
          const lasso = lassoParts[k]!;
          const ridge = ridgeParts[k++]!;
          setAttr(lasso, "x1", String(x(0)));
          setAttr(lasso, "x2", String(x(price)));
          setAttr(ridge, "x1", String(x(price)));
          setAttr(ridge, "x2", String(x(price + Math.abs(next.ridge?.[j] ?? 0))));
        });
      }
      const price = commonOf(next);
      const px = String(x(price));
      setAttr(rule, "x1", px);
      setAttr(rule, "x2", px);
      const transform = label.getAttribute("transform") ?? "";
      const y = /translate\([^,]+,([^)]+)\)/.exec(transform)?.[1] ?? "0";
      setAttr(label, "transform", `translate(${px},${y})`);
      setText(label, `price λ·α·v = ${formatNumber(price)}`);
      // Placed as the chart places it (besideX in src/plot/pull.ts), so a long label never leaves the plot.
      const [lo, hi] = xRange;
      const place = besidePlacement(x(price), textWidth(label.textContent ?? ""), lo, hi, "right", 3);
      setAttr(label, "text-anchor", place.anchor);
      setAttr(label, "x", String(place.offset));
    },
  };
}

/** Whether a status pays a price (as src/plot/pull.ts draws it: not unpenalized, not excluded). */
function paysPrice(status: string | undefined): boolean {
  return status !== "unpenalized" && status !== "excluded";
}

/** The price every paying variable shares (the patcher is made only for charts with one). */
function commonOf(input: PullPriceInput): number {
  for (let j = 0; j < input.features.length; j++) {
    if (paysPrice(input.status[j]) && Number.isFinite(input.price[j]!)) return input.price[j]!;
  }
  return NaN;
}

// ---- Ridge spectrum ------------------------------------------------------------------------------

export interface SpectrumPatcher {
  /** Show another λ's factors on the drawn chart; with describe, its titles and labels too. */
  update(input: RidgeSpectrumInput, options: RidgeSpectrumOptions, describe: boolean): void;
}

/** A patcher for a ridge-spectrum chart: the y axis is fixed to [0, 1], so any λ fits the drawn frame. */
export function spectrumPatcher(svg: SVGSVGElement, input: RidgeSpectrumInput): SpectrumPatcher | null {
  const y = scaleOf(svg, "y");
  const bars = [...svg.querySelectorAll<SVGRectElement>("g.spectrum-bar rect")];
  const dots = [...svg.querySelectorAll<SVGCircleElement>("g.spectrum-variance circle")];
  const k = spectrumRows(input).length;
  if (!y || bars.length !== k || (dots.length !== 0 && dots.length !== k)) return null;
  const y0 = y(0);
  return {
    update(next, options, describe) {
      const rows = spectrumRows(next);
      if (rows.length !== k) return;
      if (describe) {
        const spec = ridgeSpectrumSpec(next, options);
        describeAs(svg, spec.title, spec.description);
      }
      rows.forEach((r, i) => {
        const bar = bars[i]!;
        const top = y(r.factor);
        setAttr(bar, "y", String(Math.min(y0, top)));
        setAttr(bar, "height", String(Math.abs(y0 - top)));
        const dot = dots[i];
        if (dot) setAttr(dot, "cy", String(y(r.relativeVariance)));
        if (!describe) return;
        setAttr(bar, "aria-label", `direction ${r.rank}: factor ${formatNumber(r.factor)}`);
        setTitle(bar, `direction ${r.rank}\nd² = ${formatNumber(r.d2)}\nfactor = ${formatNumber(r.factor)}`);
        if (dot) setTitle(dot, `direction ${r.rank}: d² / largest d² = ${formatNumber(r.relativeVariance)}`);
      });
    },
  };
}
