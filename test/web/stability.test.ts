/**
 * Stability on the user's data in the lab (issue 15; questions 4 and 10): on diabetes loaded as a file,
 * the stability view fits complementary half-samples in the worker and shows the library's stability()
 * frequencies at the current λ, the stable set and its bound on expected false selections.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { stability } from "../../src/simulate/stability.js";
import { STABILITY_PAIRS, STABILITY_SEED, STABILITY_THRESHOLD, stabilityWords } from "../../web/src/views/stability.js";
import { afterRender, openPage, labForThisFile, DIABETES_CSV, waitForFit } from "./harness.js";

const lab = labForThisFile();

test("the stability view: selection frequencies over half-samples, the stable set and its bound", async () => {
  const { page, errors } = await openPage(lab(), "?view=stability", { width: 1366, height: 900 });
  await waitForFit(page);
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.setInputFiles("#file", { name: "visits.csv", mimeType: "text/csv", buffer: Buffer.from(DIABETES_CSV) });
  await waitForFit(page);
  await page.waitForSelector("#panel-stability svg", { timeout: 120_000 });
  await afterRender(page);
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  assert.ok(lambda > 0, "the page shows a λ");
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const r = stability({ x: design.x, y: design.y }, { family: "gaussian", alpha: 1, standardize: true, intercept: true, pairs: STABILITY_PAIRS, seed: STABILITY_SEED, threshold: STABILITY_THRESHOLD, lambdaAt: lambda });
  assert.ok(r.stable.length > 0, "diabetes has a stable set");
  const words = (await page.locator("#panel-stability .alt").textContent()) ?? "";
  assert.equal(words, stabilityWords(r, lambda));
  assert.match(words, /false selections in expectation/);
  for (const name of r.stable) assert.ok(words.includes(name), `${name} named as stable:\n${words}`);
  assert.deepEqual(errors, []);
  await page.close();
});
