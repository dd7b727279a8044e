/**
 * The cost along one coefficient in the lab (issue 15; question 2): on diabetes loaded as a file, the cost
 * panel draws the library's costLine for the chosen variable at the current λ and sets its pull at zero
 * against the price: a kept variable's pull beats it, a zero one's sits in the kink.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { costLine } from "../../src/explain/cost-line.js";
import { costWords } from "../../web/src/views/cost.js";
import { openPage, labForThisFile, DIABETES_CSV, uploadAndFit } from "./harness.js";

const lab = labForThisFile();

test("the cost panel: the kink at zero, and the pull at zero against the price, for a kept and a zero variable", async () => {
  const { page, errors } = await openPage(lab(), "?view=cost", { width: 1366, height: 900 });
  await uploadAndFit(page, "visits.csv", DIABETES_CSV);
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const path = fitPath(design.x, design.y, { family: "gaussian" });
  const lines = design.x.names.map((feature) => costLine(path, { x: design.x, y: design.y }, { lambda, feature }));
  const kept = lines.find((c) => c.solution !== 0)!;
  const zero = lines.find((c) => c.solution === 0)!;
  assert.ok(kept && zero, "at the lab's λ some variables are kept and some are zero");
  for (const c of [kept, zero]) {
    await page.selectOption("#cost-feature", c.feature);
    await page.waitForFunction((f) => (document.querySelector("#panel-cost .alt")?.textContent ?? "").startsWith(`Along ${f} `), c.feature);
    const words = (await page.locator("#panel-cost .alt").textContent()) ?? "";
    assert.equal(words, costWords(c));
    assert.equal(await page.locator("#panel-cost svg").count(), 1);
  }
  assert.match(costWords(kept), /steeper than the price/);
  assert.match(costWords(zero), /exactly at zero, in the kink/);
  assert.deepEqual(errors, []);
  await page.close();
});
