/**
 * The current-λ marker drawn over a chart that was rendered once: a dashed rule, a dot per value and a
 * label, placed with the chart's own scales. Moving λ then only moves a few SVG elements instead of
 * redrawing the chart, so every view follows the slider within a frame.
 */
import * as Plot from "@observablehq/plot";

const SVG_NS = "http://www.w3.org/2000/svg";

export interface MarkerPoint {
  readonly y: number;
  readonly color: string;
  readonly title: string;
}

export interface LambdaMarker {
  /** Move the marker to x (in data units) with dots at the given y values. */
  update(x: number, points: readonly MarkerPoint[], label: string): void;
  /** The chart's colour for a category (e.g. a variable), when it has a colour scale. */
  color(name: string): string;
}

type Scaled = { scale?: (name: string) => Plot.ScaleOptions | undefined };

function svgEl(name: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, String(v));
  return element as SVGElement;
}

export interface MarkerOptions {
  /**
   * How far below the plot's top the label starts, px (default 4). The CV chart labels λ_min and λ_1se in
   * the two rows at 4 and 16 px: its marker label goes in a third row, so the three never print over
   * each other (in ridge mode λ_min, λ_1se and the current λ are often close together).
   */
  readonly labelTop?: number;
}

export function attachMarker(svg: SVGSVGElement, options: MarkerOptions = {}): LambdaMarker | null {
  const scaled = svg as unknown as Scaled;
  const xOptions = scaled.scale?.("x");
  const yOptions = scaled.scale?.("y");
  if (!xOptions || !yOptions) return null;
  const x = Plot.scale({ x: xOptions });
  const y = Plot.scale({ y: yOptions });
  const colorOptions = scaled.scale?.("color");
  const color = colorOptions ? Plot.scale({ color: colorOptions }) : null;
  const [y0, y1] = (yOptions.range as number[] | undefined) ?? [0, 0];
  const top = Math.min(y0!, y1!);
  const bottom = Math.max(y0!, y1!);
  const [xr0, xr1] = (xOptions.range as number[] | undefined) ?? [0, 0];
  const right = Math.max(xr0!, xr1!);

  const group = svgEl("g", { class: "lab-lambda-marker", "pointer-events": "none", "aria-hidden": "true" });
  const rule = svgEl("line", { y1: top, y2: bottom, stroke: "currentColor", "stroke-dasharray": "4 3", "stroke-width": 1.2 });
  const text = svgEl("text", { y: top + (options.labelTop ?? 4), dy: "0.71em", "font-size": 10, "font-weight": "bold", "paint-order": "stroke", stroke: "white", "stroke-width": 3 });
  const dots = svgEl("g", {});
  group.append(rule, dots, text);
  svg.append(group);

  return {
    update(xValue, points, label) {
      const px = x.apply(xValue) as number;
      const visible = Number.isFinite(px);
      group.setAttribute("display", visible ? "inline" : "none");
      if (!visible) return;
      rule.setAttribute("x1", String(px));
      rule.setAttribute("x2", String(px));
      // Keep the label inside the plot: to the right of the rule unless that runs off the edge.
      const leftSide = px > right - 70;
      text.setAttribute("x", String(px + (leftSide ? -4 : 4)));
      text.setAttribute("text-anchor", leftSide ? "end" : "start");
      text.textContent = label;
      while (dots.childNodes.length > points.length) dots.lastChild!.remove();
      while (dots.childNodes.length < points.length) {
        const c = svgEl("circle", { r: 3.2, stroke: "white", "stroke-width": 0.8 });
        c.append(svgEl("title", {}));
        dots.append(c);
      }
      points.forEach((p, i) => {
        const c = dots.childNodes[i] as SVGCircleElement;
        c.setAttribute("cx", String(px));
        c.setAttribute("cy", String(y.apply(p.y)));
        c.setAttribute("fill", p.color);
        c.firstChild!.textContent = p.title;
      });
    },
    color(name) {
      return color ? String(color.apply(name)) : "currentColor";
    },
  };
}
