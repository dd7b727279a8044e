/**
 * A panel: a heading, download buttons, a chart and its text alternative. Every chart of the lab lives
 * in one, so every chart can be saved as SVG and PNG and has words beside it for people who cannot see it.
 */
import { downloadPng, downloadSvg } from "./export.js";

export interface Panel {
  readonly root: HTMLElement;
  readonly head: HTMLElement;
  readonly tools: HTMLElement;
  readonly body: HTMLElement;
  readonly chart: HTMLElement;
  readonly alt: HTMLElement;
  /** Replace the chart (and its alternative text). */
  setChart(svg: SVGSVGElement | null, altText: string): void;
  /** The chart drawn now, if any. */
  svg(): SVGSVGElement | null;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") element.className = value;
    else if (key === "text") element.textContent = value;
    else element.setAttribute(key, value);
  }
  for (const child of children) element.append(child);
  return element;
}

/**
 * A labelled slider: the range input, the output showing its value (filled in by the view), and the
 * label holding both as "caption output suffix" then the slider.
 */
export function rangeControl(
  id: string, caption: string, range: { min: string; max: string; step: string; value?: string }, suffix = "",
): { input: HTMLInputElement; output: HTMLOutputElement; label: HTMLLabelElement } {
  const input = el("input", { type: "range", id, ...range });
  const output = el("output", { for: id });
  const label = el("label", {}, el("span", {}, caption, output, ...(suffix ? [suffix] : [])), input);
  return { input, output, label };
}

export function createPanel(id: string, title: string, options: { wide?: boolean; downloads?: boolean; fileName?: string } = {}): Panel {
  const heading = el("h2", { id: `${id}-heading`, text: title });
  const tools = el("div", { class: "tools" });
  const head = el("div", { class: "panel-head" }, heading, tools);
  const chart = el("div", { class: "chart", id: `${id}-chart` });
  const alt = el("p", { class: "alt", id: `${id}-alt` });
  const body = el("div", { class: "panel-body" }, chart, alt);
  const root = el("section", { class: `panel${options.wide ? " wide" : ""}`, id, "aria-labelledby": `${id}-heading`, tabindex: "-1" }, head, body);
  let current: SVGSVGElement | null = null;
  const fileName = options.fileName ?? `shrinkage-${id.replace(/^panel-/, "")}`;

  const downloads: HTMLButtonElement[] = [];
  if (options.downloads !== false) {
    // Disabled until there is a chart to save (an empty panel's buttons would do nothing).
    const svgButton = el("button", { type: "button", "data-download": "svg", "aria-label": `Download ${title} as SVG`, text: "SVG", disabled: "" });
    const pngButton = el("button", { type: "button", "data-download": "png", "aria-label": `Download ${title} as PNG`, text: "PNG", disabled: "" });
    svgButton.addEventListener("click", () => current && downloadSvg(current, fileName));
    pngButton.addEventListener("click", () => current && void downloadPng(current, fileName));
    tools.append(svgButton, pngButton);
    downloads.push(svgButton, pngButton);
  }

  return {
    root,
    head,
    tools,
    body,
    chart,
    alt,
    setChart(svg, altText) {
      chart.replaceChildren(...(svg ? [svg] : []));
      current = svg;
      for (const button of downloads) button.disabled = !svg;
      if (svg) svg.setAttribute("aria-describedby", alt.id);
      alt.textContent = altText;
    },
    svg: () => current,
  };
}

/** Map a pointer event to the SVG's own user coordinates (the SVG may be scaled by CSS). */
export function svgPoint(svg: SVGSVGElement, event: { clientX: number; clientY: number }): { x: number; y: number } | null {
  const matrix = svg.getScreenCTM();
  if (!matrix) return null;
  const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
  return { x: point.x, y: point.y };
}

export function formatValue(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) return x.toExponential(digits - 1);
  return x.toPrecision(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}
