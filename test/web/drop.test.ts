/**
 * Question 11 in the lab (issue 15): on diabetes loaded as a file, the drop-cost panel shows, at λ_1se,
 * each kept variable's refit without it and each zero one's refit forced in: the library's dropCosts and
 * its words, and the question "Why doesn't it throw away one that matters?" answers with them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { explain } from "../../src/explain/explain.js";
import { dropCosts } from "../../src/explain/drop.js";
import { dropPhrase } from "../../src/explain/words.js";
import { afterRender, openPage, labForThisFile, DIABETES_CSV, waitForFit } from "./harness.js";

const lab = labForThisFile();

test("the drop-cost panel and question 11 give the library's refits without each kept variable", async () => {
  const { page, errors } = await openPage(lab(), "?view=drop", { width: 1366, height: 900 });
  await waitForFit(page);
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.setInputFiles("#file", { name: "visits.csv", mimeType: "text/csv", buffer: Buffer.from(DIABETES_CSV) });
  await waitForFit(page);
  await page.waitForSelector("#panel-drop svg", { timeout: 120_000 });
  await afterRender(page);
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const path = fitPath(design.x, design.y, { family: "gaussian" });
  const data = { x: design.x, y: design.y };
  const e = explain(path, data, { lambda });
  const costs = dropCosts(path, data, { lambda });
  const drops = costs.costs.filter((c) => c.kind === "drop");
  assert.ok(drops.length >= 3, "several variables are kept at λ_1se");
  assert.ok(drops.every((d) => d.pullRatio !== null && d.pullRatio > 1), "each kept variable's pull at zero exceeds its price");
  const words = (await page.locator("#panel-drop .alt").textContent()) ?? ""; // off screen, below the table
  for (const d of drops) assert.ok(words.includes(`${d.feature}: ${dropPhrase(d, costs, e)}.`), `${d.feature}'s drop cost in the words:\n${words}`);
  assert.equal(await page.locator("#panel-drop svg g[aria-label='bar'] rect, #panel-drop svg rect[aria-label]").count() > 0, true);
  await page.click("button[data-question='matters']");
  await afterRender(page);
  const answer = await page.locator("#answer").innerText();
  assert.match(answer, /zero is not a solution/);
  assert.ok(answer.includes(`${drops[0]!.feature}`), answer);
  assert.deepEqual(errors, []);
  await page.close();
});
