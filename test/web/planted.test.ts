/**
 * Known truth on the loaded data in the lab (issue 15, item 4): on diabetes loaded as a file, the Simulation
 * tab plants the relaxed fit at λ_1se on the file's own rows and columns, refits new outcomes in a worker,
 * and shows the library's simulateOnData (as `simulate --from`): recovery, sign errors, bias and the
 * irrepresentable condition for this X.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { simulateOnData } from "../../src/simulate/planted.js";
import { formatValue } from "../../web/src/panel.js";
import { PLANT_FOLDS, PLANT_SEED, plantedWords } from "../../web/src/views/planted.js";
import { openPage, labForThisFile, DIABETES_CSV, uploadAndFit } from "./harness.js";

const lab = labForThisFile();

test("the simulation tab plants a known truth on the loaded data and reports the library's recovery", async () => {
  const { page, errors } = await openPage(lab(), "?view=paths", { width: 1366, height: 900 });
  await uploadAndFit(page, "visits.csv", DIABETES_CSV);
  await page.click("#tab-simulate");
  await page.selectOption("#plant-reps", "10");
  await page.click("#plant-run");
  await page.waitForSelector("#plant-table", { timeout: 300_000 });
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const s = simulateOnData(design.x, design.y, { fit: { family: "gaussian", alpha: 1, standardize: true, intercept: true }, reps: 10, seed: PLANT_SEED, nfolds: PLANT_FOLDS });
  assert.equal(s.truth.source, "relaxed-1se");
  assert.ok(s.truth.support.length >= 3, "several variables planted");
  const words = (await page.locator("#panel-planted .alt").textContent()) ?? "";
  assert.equal(words, plantedWords(s));
  assert.ok(words.includes(s.irrepresentable.sentence), "the irrepresentable condition for this X");
  for (const j of s.truth.support) assert.ok(words.includes(`${s.features[j]} = ${formatValue(s.truth.beta[j]!)}`), `${s.features[j]} planted`);
  const rows = await page.$$eval("#plant-table tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
  const pct = (x: number) => `${Math.round(100 * x)} %`;
  const size = s.truth.support.length;
  assert.deepEqual(
    rows,
    (
      [
        ["λ_min", s.lambdaMin],
        ["λ_1se", s.lambda1se],
      ] as const
    ).map(([name, c]) => [name, pct(c.pAllFound), pct(c.pExact), `${formatValue(c.meanTP, 3)} of ${size}`, formatValue(c.meanFP, 3), pct(c.pSignError)]),
  );
  assert.equal(await page.locator("#panel-planted svg").count(), 1, "the selection frequencies are drawn");
  assert.equal(await page.locator("#panel-planted svg g[aria-label='bar'] rect").count(), s.features.length, "a bar per variable");
  assert.match(await page.locator("#plant-progress").innerText(), /done: 10 repetitions on visits\.csv/);
  assert.deepEqual(errors, []);
  await page.close();
});
