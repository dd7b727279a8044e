/**
 * The data page's own tabs and the questions that open them (issue 15): on diabetes loaded as a file at
 * 1366×768, "Your data" offers the overview and each view that answers one question (drop cost, stability,
 * degrees of freedom, the cost along one coefficient, standardize side by side) as a tab; a view shown
 * alone hides the overview. Questions 2, 4, 5, 8 and 10 open their view on the loaded data, and the answer,
 * on screen with its view, carries the library's numbers for that data at the lab's λ.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { costLine } from "../../src/explain/cost-line.js";
import { dfEstimate } from "../../src/explain/df.js";
import { compareStandardization } from "../../src/explain/standardize-compare.js";
import { stability } from "../../src/simulate/stability.js";
import { costWords } from "../../web/src/views/cost.js";
import { DF_REPS, dfWords } from "../../web/src/views/df.js";
import { standardizeWords } from "../../web/src/views/standardize.js";
import { STABILITY_PAIRS, STABILITY_SEED, STABILITY_THRESHOLD, selectionWords, stableSetWords, swapWords } from "../../web/src/views/stability.js";
import { DATA_SECTIONS } from "../../web/src/views/data-nav.js";
import { afterRender, openPage, labForThisFile, DIABETES_CSV, uploadAndFit } from "./harness.js";

const lab = labForThisFile();

const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
const data = { x: design.x, y: design.y };
const path = fitPath(design.x, design.y, { family: "gaussian" });

/** Which panels of the data page are shown (laid out: neither they nor a container hidden). */
async function shownPanels(page: Page): Promise<string[]> {
  return page.$$eval("#page-data .grid > section.panel", (panels) => panels.filter((p) => p.getClientRects().length > 0).map((p) => p.id));
}

test("the data page's tabs: the overview, and each view shown alone", async () => {
  const { page, errors } = await openPage(lab(), "?view=paths", { width: 1366, height: 768 });
  await uploadAndFit(page, "visits.csv", DIABETES_CSV);
  const tabs = await page.$$eval("#data-tabs [role='tab']", (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(tabs, DATA_SECTIONS.map((s) => s.label));
  assert.deepEqual(await shownPanels(page), ["panel-paths", "panel-pull", "panel-cv", "panel-spectrum", "panel-table"]);
  for (const section of DATA_SECTIONS.slice(1)) {
    await page.click(`#data-tab-${section.view}`);
    await afterRender(page);
    assert.equal(new URL(page.url()).searchParams.get("view"), section.view);
    assert.equal(await page.locator(`#data-tab-${section.view}`).getAttribute("aria-selected"), "true");
    assert.equal(await page.locator("#tab-data").getAttribute("aria-selected"), "true", "still on Your data");
    assert.deepEqual(await shownPanels(page), [`panel-${section.view}`], `${section.label} is shown alone`);
  }
  // The overview tab gives back the overview, and the arrow keys move between the tabs.
  await page.click("#data-tab-paths");
  await afterRender(page);
  assert.equal(new URL(page.url()).searchParams.get("view"), "paths");
  await page.focus("#data-tab-paths");
  await page.keyboard.press("ArrowRight");
  await afterRender(page);
  assert.equal(new URL(page.url()).searchParams.get("view"), "drop");
  assert.deepEqual(errors, []);
  await page.close();
});

/** Open a question; wait until its answer holds `expected`; check the answer and its view are on screen. */
async function ask(page: Page, id: string, view: string, expected: (answer: string) => boolean): Promise<string> {
  await page.click(`button[data-question='${id}']`);
  await page.waitForFunction(() => !!document.querySelector("#answer h3"));
  let answer = "";
  for (let tries = 0; tries < 600; tries++) {
    answer = await page.locator("#answer").innerText();
    if (expected(answer)) break;
    await page.waitForTimeout(200);
  }
  assert.ok(expected(answer), `question "${id}" never answered with the library's numbers:\n${answer}`);
  assert.equal(new URL(page.url()).searchParams.get("view"), view, `question "${id}" opens ${view}`);
  assert.equal(await page.locator(`#data-tab-${view}`).getAttribute("aria-selected"), "true");
  const seen = await page.evaluate((v) => {
    const heading = document.querySelector("#answer h3")!.getBoundingClientRect();
    const panel = document.querySelector(`#panel-${v}`)!.getBoundingClientRect();
    return { heading: heading.top, panel: panel.top, height: innerHeight };
  }, view);
  assert.ok(seen.heading >= 0 && seen.heading + 40 <= seen.height, `question "${id}": answer heading at ${seen.heading}px`);
  assert.ok(seen.panel >= 0 && seen.panel + 80 <= seen.height, `question "${id}": its view at ${seen.panel}px of ${seen.height}`);
  return answer;
}

test("questions 2, 4, 5, 8 and 10 open their view on the loaded data and answer with its numbers", async () => {
  const { page, errors } = await openPage(lab(), "?view=paths", { width: 1366, height: 768 });
  await uploadAndFit(page, "visits.csv", DIABETES_CSV);
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  assert.ok(lambda > 0, "the lab shows a λ");

  // 2: the cost along a coefficient that is zero at λ: the minimum in the kink.
  const lines = new Map(design.x.names.map((feature) => [feature, costLine(path, data, { lambda, feature })]));
  const zeros = await ask(page, "zeros", "cost", (a) => a.includes("Along "));
  const feature = await page.locator("#cost-feature").inputValue();
  const line = lines.get(feature)!;
  assert.equal(line.solution, 0, `the view starts on a coefficient that is zero at λ (${feature})`);
  assert.ok(zeros.includes(costWords(line)), zeros);
  assert.match(zeros, /exactly at zero, in the kink/);

  // 4 and 10: stability over half-samples of the user's rows.
  const r = stability(data, { family: "gaussian", alpha: 1, standardize: true, intercept: true, pairs: STABILITY_PAIRS, seed: STABILITY_SEED, threshold: STABILITY_THRESHOLD, lambdaAt: lambda });
  const swaps = swapWords(r);
  assert.ok(swaps.length > 0, "diabetes has correlated pairs that the half-samples split");
  const correlated = await ask(page, "correlated", "stability", (a) => a.includes(swaps));
  assert.match(correlated, /s1 and s2 \(r = 0\.9\)/);
  const resample = await ask(page, "resample", "stability", (a) => a.includes(selectionWords(r, lambda)));
  assert.ok(resample.includes(stableSetWords(r)), resample);

  // 5: standardize side by side.
  const c = compareStandardization(data, { family: "gaussian", alpha: 1, intercept: true }, Math.min(1, lambda / path.lambda[0]!));
  await ask(page, "standardize", "standardize", (a) => a.includes(standardizeWords(c)));

  // 8: degrees of freedom by simulation on the user's X.
  const e = dfEstimate(path, data, { lambda, reps: DF_REPS });
  const df = await ask(page, "df", "df", (a) => a.includes(dfWords(e)));
  assert.ok(df.includes(`${e.nonzero} nonzero coefficients`), df);
  assert.deepEqual(errors, []);
  await page.close();
});
