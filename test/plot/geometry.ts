/**
 * Where text lands in a rendered chart, for tests that check labels stay inside it: the SVG parsed with
 * linkedom, and each <text>'s horizontal extent from its translations, x, anchor and an estimate of its
 * width (textWidth, the estimate the charts place labels by; no layout engine in Node).
 */
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { textWidth } from "../../src/plot/common.js";

/** Parse SVG markup into a queryable element. */
export function parseSvg(markup: string): Element {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`);
  const svg = document.querySelector("svg");
  assert.ok(svg, "no <svg> element");
  return svg as unknown as Element;
}

/** The chart's width: its viewBox's. */
export function viewBoxWidth(svg: Element): number {
  const box = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  assert.equal(box.length, 4, "viewBox");
  return box[2]!;
}

/** The x translation of a transform attribute ("translate(a,b)", "translate(a)"; other forms: 0). */
function translateX(transform: string | null): number {
  const m = /translate\(\s*([-\d.e+]+)/.exec(transform ?? "");
  return m ? Number(m[1]) : 0;
}

/** An attribute from the element or its nearest ancestor that has it. */
function inherited(element: Element, name: string): string | null {
  for (let e: Element | null = element; e; e = e.parentElement) if (e.hasAttribute(name)) return e.getAttribute(name);
  return null;
}

/** The lines of a text element: its tspans, or its own text (a <title> inside it excluded). */
export function textLines(text: Element): string[] {
  const tspans = [...text.querySelectorAll("tspan")];
  if (tspans.length) return tspans.map((t) => t.textContent ?? "");
  return [[...text.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? "").join("")];
}

/** [left, right] of a text element in the SVG's coordinates, its width estimated as the charts do. */
export function textExtent(text: Element): [number, number] {
  let x = Number(text.getAttribute("x") ?? text.querySelector("tspan")?.getAttribute("x") ?? 0) || 0;
  for (let e: Element | null = text; e && e.tagName.toLowerCase() !== "svg"; e = e.parentElement) x += translateX(e.getAttribute("transform"));
  const fontSize = Number.parseFloat(inherited(text, "font-size") ?? "10") || 10;
  const width = Math.max(...textLines(text).map((line) => textWidth(line, fontSize)));
  const anchor = inherited(text, "text-anchor") ?? "start";
  const left = anchor === "end" ? x - width : anchor === "middle" ? x - width / 2 : x;
  return [left, left + width];
}

/** Assert every text matched by `selector` lies within [lo, hi] (default: the whole chart). */
export function assertTextsInside(svg: Element, selector: string, what: string, lo = 0, hi = viewBoxWidth(svg)): void {
  const texts = [...svg.querySelectorAll(selector)];
  assert.ok(texts.length > 0, `${what}: no text matches ${selector}`);
  for (const t of texts) {
    const [left, right] = textExtent(t);
    assert.ok(left >= lo - 0.5 && right <= hi + 0.5, `${what}: "${textLines(t).join(" / ")}" spans x ${left.toFixed(1)}..${right.toFixed(1)}, outside ${lo}..${hi.toFixed(1)}`);
  }
}

/** The y translation of a transform attribute ("translate(a,b)"; other forms: 0). */
function translateY(transform: string | null): number {
  const m = /translate\(\s*[-\d.e+]+\s*[,\s]\s*([-\d.e+]+)/.exec(transform ?? "");
  return m ? Number(m[1]) : 0;
}

/**
 * The baseline y of a text element in the SVG's coordinates, from its translations and a y in px; a y in em
 * (Plot's "0.32em") shifts every label of a mark alike, so it is left out: good for the distance between texts.
 */
export function textY(text: Element): number {
  const own = text.getAttribute("y") ?? "";
  let y = /^[-\d.e+]+$/.test(own) ? Number(own) : 0;
  for (let e: Element | null = text; e && e.tagName.toLowerCase() !== "svg"; e = e.parentElement) y += translateY(e.getAttribute("transform"));
  return y;
}

/** Assert the texts matched by `selector` (at least `least` of them) are at least `gap` px apart vertically. */
export function assertRowsApart(svg: Element, selector: string, gap: number, what: string, least = 2): void {
  const texts = [...svg.querySelectorAll(selector)];
  assert.ok(texts.length >= least, `${what}: ${texts.length} texts match ${selector}, fewer than ${least}`);
  const rows = texts.map((t) => ({ y: textY(t), label: textLines(t).join(" / ") })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < rows.length; i++) {
    const apart = rows[i]!.y - rows[i - 1]!.y;
    assert.ok(apart >= gap - 1e-6, `${what}: "${rows[i - 1]!.label}" and "${rows[i]!.label}" are ${apart.toFixed(1)} px apart, less than ${gap}`);
  }
}

/** The SVG's height: its viewBox's. */
export function viewBoxHeight(svg: Element): number {
  const box = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  assert.equal(box.length, 4, "viewBox");
  return box[3]!;
}
