/**
 * Degrees of freedom on the user's design in the lab (issue 15; question 8): on diabetes loaded as a file,
 * the df panel gives the library's Monte Carlo estimate (Efron's covariance form) at the current λ beside
 * the count of nonzeros.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { dfEstimate } from "../../src/explain/df.js";
import { DF_REPS, dfWords } from "../../web/src/views/df.js";
import { afterRender, openPage, labForThisFile, DIABETES_CSV, waitForFit } from "./harness.js";

const lab = labForThisFile();

test("the df panel: the Monte Carlo degrees of freedom at λ beside the count of nonzeros", async () => {
  const { page, errors } = await openPage(lab(), "?view=df", { width: 1366, height: 900 });
  await waitForFit(page);
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.setInputFiles("#file", { name: "visits.csv", mimeType: "text/csv", buffer: Buffer.from(DIABETES_CSV) });
  await waitForFit(page);
  await page.waitForFunction(() => (document.querySelector("#panel-df .alt")?.textContent ?? "").includes("Monte Carlo degrees of freedom"), undefined, { timeout: 120_000 });
  await afterRender(page);
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const path = fitPath(design.x, design.y, { family: "gaussian" });
  const e = dfEstimate(path, { x: design.x, y: design.y }, { lambda, reps: DF_REPS });
  assert.ok(e.nonzero >= 3, "several nonzeros at the lab's λ");
  const words = (await page.locator("#panel-df .alt").textContent()) ?? "";
  assert.equal(words, dfWords(e));
  assert.ok(words.includes(`${e.nonzero} nonzero coefficients`), words);
  assert.deepEqual(errors, []);
  await page.close();
});
