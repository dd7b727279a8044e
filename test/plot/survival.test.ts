import { test } from "node:test";
import assert from "node:assert/strict";
import { riskGroups, survivalSpec } from "../../src/plot/survival.js";
import { renderSpec } from "../../src/plot/render.node.js";

// Eight rows: the four with the larger η fail early, the others late or are censored.
const input = {
  time: [5, 6, 7, 8, 1, 2, 3, 4],
  status: [1, 0, 1, 0, 1, 1, 1, 0],
  eta: [-1, -0.5, -0.2, -0.1, 0.5, 0.8, 1, 2],
  lambda: 0.1,
};

test("riskGroups: the rows split at the median η, each half's Kaplan–Meier", () => {
  const [low, high] = riskGroups(input);
  assert.deepEqual(Array.from(low.rows), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(high.rows), [4, 5, 6, 7]);
  assert.deepEqual(Array.from(high.km.time), [1, 2, 3]);
  assert.deepEqual(Array.from(high.km.survival), [0.75, 0.5, 0.25]);
  assert.deepEqual(Array.from(low.km.time), [5, 7]);
  assert.deepEqual(Array.from(low.km.survival), [0.75, 0.375]);
});

test("survivalSpec: two step curves and the numbers at risk under the axis, in one SVG", () => {
  const spec = survivalSpec(input);
  assert.match(spec.description, /λ = 0\.1/);
  const svg = renderSpec(spec);
  assert.equal((svg.match(/class="survival-curve survival-(low|high)"/g) ?? []).length, 2);
  // At time 0 every row of each half is at risk.
  const atRisk = [...svg.matchAll(/class="survival-at-risk"[^]*?<\/g>/g)].map((m) => [...m[0].matchAll(/>(\d+)<\/text>/g)].map((t) => Number(t[1])));
  assert.equal(atRisk.length, 2);
  assert.equal(atRisk[0][0], 4);
  assert.equal(atRisk[1][0], 4);
});
