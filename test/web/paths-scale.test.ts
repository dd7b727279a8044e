/**
 * Standardized paths (issue 15): on breast_cancer loaded as a file, the paths chart switches to
 * coefficients per standard deviation of their feature (β·sd(x), the library's featureScales), and every
 * curve (28 of the 30 variables enter) has a label of its own that no other label covers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { featureScales } from "../../src/plot/standardized.js";
import { ROOT, afterRender, openPage, labForThisFile, tableValues, waitForFit } from "./harness.js";

const lab = labForThisFile();

const CANCER = readFileSync(join(ROOT, "data", "breast_cancer.csv"), "utf8");

test("the paths chart in SD units: β·sd(x) at the marker, and a label per curve, none overlapping", async () => {
  const { page, errors } = await openPage(lab(), "?view=paths", { width: 1366, height: 768 });
  await waitForFit(page);
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.setInputFiles("#file", { name: "tumours.csv", mimeType: "text/csv", buffer: Buffer.from(CANCER) });
  await waitForFit(page);
  await page.selectOption("#path-scale", "standardized");
  await afterRender(page);
  assert.match(page.url(), /scale=std/);
  const svgText = await page.locator("#panel-paths svg").textContent();
  assert.match(svgText ?? "", /Coefficient per SD of its feature/);
  assert.match(await page.locator("#panel-paths .alt").innerText(), /per standard deviation of their feature/);

  // The marker's dots are the table's coefficients times their feature's SD (the 1/n SD of the column).
  const table = await tableValues(page);
  const design = buildDesign(parseCsv(CANCER), { target: "malignant", family: "binomial" });
  const sd = featureScales(design.x);
  const expected = design.x.names.filter((name) => table[name] !== 0).map((name) => `${name}: ${table[name]! * sd[design.x.names.indexOf(name)]!}`);
  assert.ok(expected.length >= 3, "some coefficients are nonzero at λ_1se");
  const dots = await page.$$eval("#panel-paths .lab-lambda-marker circle title", (ts) => ts.map((t) => t.textContent ?? ""));
  assert.equal(dots.length, expected.length);
  for (const [k, line] of expected.entries()) {
    const [name, value] = line.split(": ");
    const [shownName, shown] = dots[k]!.split(": ");
    assert.equal(shownName, name);
    assert.ok(Math.abs(Number(shown) - Number(value)) <= 1e-3 * Math.abs(Number(value)), `${name}: dot ${shown}, β·sd ${value}`);
  }

  const labels = await page.$$eval("#panel-paths svg g.curve-label text", (ts) =>
    ts.map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent ?? "", x: r.left, y: r.top, width: r.width, height: r.height };
    }),
  );
  const curves = await page.locator("#panel-paths svg g.coefficient-path path").count();
  assert.ok(curves >= 25, `most of the 30 variables enter (${curves} curves)`);
  assert.equal(labels.length, curves, "every curve is labelled");
  const sorted = [...labels].sort((a, b) => a.y - b.y);
  for (let k = 1; k < sorted.length; k++) {
    assert.ok(sorted[k]!.y >= sorted[k - 1]!.y + sorted[k - 1]!.height - 1.5, `labels "${sorted[k - 1]!.text}" and "${sorted[k]!.text}" overlap`);
  }
  // Back to original units: the axis says so.
  await page.selectOption("#path-scale", "original");
  await afterRender(page);
  assert.doesNotMatch((await page.locator("#panel-paths svg").textContent()) ?? "", /per SD/);
  assert.deepEqual(errors, []);
  await page.close();
});
