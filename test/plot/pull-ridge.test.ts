/**
 * Pull versus price for α < 1: each row's price is drawn in two parts, the lasso part λ·α·v and the ridge
 * part λ(1−α)v|β̃|, and an active bar (pull = their sum) ends where the second part ends.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { renderSvg } from "../../src/plot/render.node.js";
import { PRICE_PART_COLORS, priceWords, pullPriceChart, type PullPriceInput } from "../../src/plot/pull.js";

function parseSvg(markup: string): Element {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`);
  return document.querySelector("svg") as unknown as Element;
}

// At α = 0.5, λ = 2: lasso part 1; active pulls are 1 + |ridge part|, the zero's pull is under 1.
const input: PullPriceInput = {
  features: ["a", "b", "c"],
  pull: [1.5, 1.2, 0.4],
  price: [1, 1, 1],
  ridge: [0.5, -0.2, 0],
  status: ["active", "active", "zero"],
  lambda: 2,
};

test("pull chart with ridge parts: two segments per row, active bars end at their sum", () => {
  const svg = parseSvg(renderSvg(pullPriceChart, input, { width: 500 }));
  const bars = [...svg.querySelectorAll("g.pull-bar rect")];
  const lasso = [...svg.querySelectorAll("g.lasso-part line")];
  const ridge = [...svg.querySelectorAll("g.ridge-part line")];
  assert.equal(bars.length, 3);
  assert.equal(lasso.length, 3);
  assert.equal(ridge.length, 3);
  assert.equal(svg.querySelector("g.lasso-part")!.getAttribute("stroke"), PRICE_PART_COLORS.lasso);
  assert.equal(svg.querySelector("g.ridge-part")!.getAttribute("stroke"), PRICE_PART_COLORS.ridge);
  const end = (r: Element) => Number(r.getAttribute("x")) + Number(r.getAttribute("width"));
  const x2 = (l: Element) => Number(l.getAttribute("x2"));
  const x1 = (l: Element) => Number(l.getAttribute("x1"));
  for (const i of [0, 1]) {
    assert.ok(Math.abs(end(bars[i]!) - x2(ridge[i]!)) < 1e-6, `active bar ${i} ends where its price's two parts end`);
    assert.ok(Math.abs(x1(ridge[i]!) - x2(lasso[i]!)) < 1e-6, "the ridge part starts where the lasso part ends");
  }
  assert.ok(Math.abs(x1(ridge[2]!) - x2(ridge[2]!)) < 1e-6, "a zero coefficient has no ridge part");
  assert.ok(end(bars[2]!) < x2(lasso[2]!), "the zero's bar stays short of the lasso part");
  const text = svg.textContent ?? "";
  assert.match(text, /active \(pull = price \+ ridge part\)/);
  assert.match(text, /price λ·α·v \(lasso part\)/);
  assert.match(text, /ridge part λ·\(1−α\)·v·\|β̃\|/);
  assert.equal(bars[1]!.getAttribute("aria-label"), "b: pull 1.2, lasso part 1, ridge part 0.2, active");
});

test("without ridge parts the chart draws no segments and keeps its words", () => {
  const { ridge: _unused, ...lasso } = input;
  const svg = parseSvg(renderSvg(pullPriceChart, lasso, { width: 500 }));
  assert.equal(svg.querySelectorAll("g.ridge-part, g.lasso-part").length, 0);
  assert.doesNotMatch(svg.textContent ?? "", /ridge part/);
  assert.equal(priceWords({ price: 1, ridge: 0 }, false, "label"), "price 1");
  assert.equal(priceWords({ price: 1, ridge: 0.25 }, true, "title"), "lasso part = 1\nridge part = 0.25");
});

test("dodged labels keep their gap even when a cluster is clamped at the edge next to another", async () => {
  const { dodgePositions } = await import("../../src/plot/common.js");
  const out = dodgePositions([-50, -40, -30, 5], 12, 0, 200);
  const sorted = [...out].sort((a, b) => a - b);
  for (let k = 1; k < sorted.length; k++) assert.ok(sorted[k]! - sorted[k - 1]! >= 12 - 1e-9, `labels at ${sorted.join(", ")}`);
  assert.ok(sorted[0]! >= 0 && sorted[3]! <= 200);
});
