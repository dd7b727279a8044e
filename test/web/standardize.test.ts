/**
 * Standardize, side by side in the lab (issue 15; question 5): on diabetes loaded as a file, the panel gives
 * the library's compareStandardization at the current λ's fraction of λ_max: both entry orders and, where
 * the selections differ, pull versus price each way.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { compareStandardization } from "../../src/explain/standardize-compare.js";
import { standardizeWords } from "../../web/src/views/standardize.js";
import { openPage, labForThisFile, DIABETES_CSV, uploadAndFit } from "./harness.js";

const lab = labForThisFile();

test("standardize side by side: entry orders and selections with and without, at the current λ", async () => {
  const { page, errors } = await openPage(lab(), "?view=standardize", { width: 1366, height: 900 });
  await uploadAndFit(page, "visits.csv", DIABETES_CSV);
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const path = fitPath(design.x, design.y, { family: "gaussian" });
  const c = compareStandardization({ x: design.x, y: design.y }, { family: "gaussian", alpha: 1, intercept: true }, Math.min(1, lambda / path.lambda[0]!));
  assert.ok(c.standardized.entryOrder.length > 3 && c.original.entryOrder.length > 3, "both fits have an entry order");
  await page.waitForFunction(() => (document.querySelector("#panel-standardize .alt")?.textContent ?? "").startsWith("Both fits"));
  const words = (await page.locator("#panel-standardize .alt").textContent()) ?? "";
  assert.equal(words, standardizeWords(c));
  assert.ok(words.includes(`entry order ${c.standardized.entryOrder.join(", ")}`), words);
  assert.deepEqual(errors, []);
  await page.close();
});
