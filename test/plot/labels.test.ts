/**
 * Labels stay inside the chart: whatever a label's length and wherever its line falls, its text (width
 * estimated as the charts estimate it) lies within the SVG's viewBox, and within the plot area where the
 * chart promises it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderSvg } from "../../src/plot/render.node.js";
import { pullPriceChart, type PullPriceInput } from "../../src/plot/pull.js";
import { besidePlacement } from "../../src/plot/common.js";
import { assertTextsInside, parseSvg, textExtent, viewBoxWidth } from "./geometry.js";
import { pullOneLine } from "./fixtures.js";

test("besidePlacement: the preferred side when the label fits, the other side when not, else as near as the area allows", () => {
  assert.deepEqual(besidePlacement(100, 50, 0, 300), { anchor: "start", offset: 4 });
  assert.deepEqual(besidePlacement(280, 50, 0, 300), { anchor: "end", offset: -4 });
  assert.deepEqual(besidePlacement(100, 50, 0, 300, "left"), { anchor: "end", offset: -4 });
  assert.deepEqual(besidePlacement(20, 50, 0, 300, "left"), { anchor: "start", offset: 4 });
  // 200 px wide in a 0..300 area, the line at 150: neither side has room; the label ends at the right edge.
  assert.deepEqual(besidePlacement(150, 200, 0, 300), { anchor: "start", offset: -50 });
  // wider than the area: it starts at the left edge
  assert.deepEqual(besidePlacement(150, 400, 0, 300), { anchor: "start", offset: -150 });
});

/** One price for every paying variable, at the given value. */
function pullAt(price: number, pulls: readonly number[]): PullPriceInput {
  const features = pulls.map((_, j) => `v${j + 1}`);
  return { features, pull: pulls, price: pulls.map(() => price), status: pulls.map((p) => (p >= price ? "active" : "zero")), lambda: price };
}

test("pull chart: the price label lies inside the plot area wherever the price line is and however long its number", () => {
  const cases: Array<[string, PullPriceInput, { width?: number; xMax?: number }]> = [
    // the price at the right end of the axis (the defect: the label started at the line and ran off the chart)
    ["price at the axis end", pullAt(5, [0.6, 5, 5, 2.7, 4.7]), {}],
    ["price at the axis end, narrow", pullAt(4.84, [0.6, 4.84, 4.84, 2.7]), { width: 320 }],
    ["a long number at the end", pullAt(1.23456e-7, [1.23456e-7, 1e-8]), {}],
    ["a long number at the end, narrow", pullAt(123456789, [123456789, 1e7]), { width: 240 }],
    ["price clamped at a fixed axis end", pullAt(5, [0.6, 5, 2.7]), { xMax: 3 }],
    ["price near zero", pullAt(0.01, [0.01, 0.01, 9]), {}],
    ["price in the middle", pullOneLine, {}],
  ];
  for (const [what, input, options] of cases) {
    const svg = parseSvg(renderSvg(pullPriceChart, input, options));
    const width = viewBoxWidth(svg);
    const zero = Number(svg.querySelector('g[aria-label="rule"] line')?.getAttribute("x1"));
    assert.ok(zero > 0, `${what}: the zero rule`);
    // the plot area: from the zero rule to the right margin (24 px)
    assertTextsInside(svg, "g.price-label text", what, zero, width - 24);
    // and beside its line, not across it
    const line = Number(svg.querySelector("g.price-line line")!.getAttribute("x1"));
    const [left, right] = textExtent(svg.querySelector("g.price-label text")!);
    assert.ok(right <= line || left >= line, `${what}: ${left}..${right} crosses the line at ${line}`);
  }
});
