/**
 * The lab's multinomial and mgaussian, in Debian's Chromium, beyond lab-multi.test.ts: the explanation
 * at a λ between the path's λs refitted there (the library's explainMultiAt, not interpolated); the CV
 * measure chosen as
 * `cv --type-measure` chooses it (multinomial deviance, class, mse, mae; mgaussian mse, mae), λ_min and
 * λ_1se following it, each equal to the library's cvMultiPath with that measure; the drop panel's
 * held-out cost of each kept variable, the library's multiDropCosts on the fit's folds; and the folds
 * fitted in workers of their own, the page answering while they run.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/data/csv.js";
import { buildMultiDesign } from "../../src/data/multi-design.js";
import { cvMultiPath } from "../../src/cv/multi-cv.js";
import { multiDropCosts } from "../../src/explain/multi-drop.js";
import { explainMulti } from "../../src/explain/multi.js";
import { explainMultiAt } from "../../src/explain/multi-at.js";
import { lambdaAtSlider } from "../../web/src/slider.js";
import type { MultiMeasure } from "../../src/model/multi-family.js";
import { ROOT, afterRender, openPage, labForThisFile, waitForFit, refit, twoTargetsCsv } from "./harness.js";

const lab = labForThisFile();

const IRIS = readFileSync(join(ROOT, "data", "iris.csv"), "utf8");
const irisDesign = buildMultiDesign(parseCsv(IRIS), { family: "multinomial", targets: ["Species"] });
const irisOutcome = { family: "multinomial" as const, labels: irisDesign.labels! };

const irisY = (classes: readonly string[]) => classes.map((c) => Float64Array.from(irisDesign.labels!, (l) => (String(l) === c ? 1 : 0)));

/** The per-class table once it shows λ refitted: per variable its numbers and words, per class its β and pull. */
async function exactTable(page: Page, lambda: number) {
  await page.waitForFunction((at) => {
    const table = document.querySelector("#panel-multi-table");
    return table?.getAttribute("data-lambda") === String(at) && table.getAttribute("data-exact") === "true";
  }, lambda, { timeout: 60_000 });
  await afterRender(page);
  // No named functions inside: the page runs this as given (tsx would wrap them in a helper it lacks).
  const rows = await page.$$eval("#multi-coef-body tr[data-variable]:not(.intercept)", (trs) =>
    trs.map((tr) => ({
      feature: tr.getAttribute("data-variable")!,
      nums: [...tr.querySelectorAll("td.num[data-value]")].map((td) => Number(td.getAttribute("data-value"))),
      beta: [...tr.querySelectorAll("td.beta")].map((td) => [td.getAttribute("data-class")!, Number(td.getAttribute("data-value"))] as const),
      pull: [...tr.querySelectorAll("td.pull")].map((td) => [td.getAttribute("data-class")!, Number(td.getAttribute("data-value"))] as const),
      words: document.querySelector(`tr[data-why="${tr.getAttribute("data-variable")}"] td.why`)!.textContent,
    })),
  );
  return rows.map((r) => ({ feature: r.feature, pullSize: r.nums[0]!, price: r.nums[1]!, beta: Object.fromEntries(r.beta), pull: Object.fromEntries(r.pull), words: r.words }));
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1e-12, Math.abs(expected)), `${what}: lab ${actual}, library ${expected}`);
}

/** The table's numbers and words are explainMultiAt's at λ (refitted), every variable and class. */
function assertExact(shown: Awaited<ReturnType<typeof exactTable>>, e: ReturnType<typeof explainMultiAt>): void {
  assert.deepEqual(shown.map((r) => r.feature), e.variables.map((v) => v.feature));
  for (const [j, v] of e.variables.entries()) {
    const r = shown[j]!;
    close(r.pullSize, v.pullSize, `${v.feature}: pull size`);
    close(r.price, v.price, `${v.feature}: price`);
    e.classes.forEach((c, k) => {
      close(r.beta[c]!, v.coefficients[k]!, `${v.feature}: β ${c}`);
      close(r.pull[c]!, v.pulls[k]!, `${v.feature}: pull ${c}`);
    });
    assert.equal(r.words, v.words, `${v.feature}: the words`);
  }
}

test("between the path's λs the explanation is refitted at λ: pulls, prices and words the library's explainMultiAt", async () => {
  const cv = cvMultiPath(irisDesign.x, irisOutcome, { nfolds: 10, seed: 1 });
  const data = { x: irisDesign.x, y: irisY(cv.path.classes) };
  // A λ of a link, between the 21st and 22nd λs; then one the slider reaches, 3 of 8 steps past the 19th.
  const between = Math.sqrt(cv.path.lambda[20]! * cv.path.lambda[21]!);
  const slid = lambdaAtSlider(cv.path.lambda, 18 * 8 + 3);
  const cases = [between, slid];
  for (const lambda of cases) {
    assert.ok(!cv.path.lambda.includes(lambda), "the λ lies between two of the path's");
    // Interpolated coefficients would differ: the test could not pass with them.
    const exact = explainMultiAt(cv.path, data, lambda);
    const interpolated = explainMulti(cv.path, data, lambda);
    assert.ok(exact.variables.some((v, j) => v.coefficients.some((b, k) => Math.abs(b - interpolated.variables[j]!.coefficients[k]!) > 1e-6)), "refitted and interpolated differ at this λ");
  }
  const { page, errors } = await openPage(lab(), `?data=iris&lambda=${between}&view=table`);
  await waitForFit(page);
  assertExact(await exactTable(page, between), explainMultiAt(cv.path, data, between));
  assert.doesNotMatch(await page.locator("#multi-words").innerText(), /interpolated/, "the exact explanation does not say it is interpolated");
  await page.locator("#lambda-slider").fill(String(18 * 8 + 3));
  assertExact(await exactTable(page, slid), explainMultiAt(cv.path, data, slid));
  assert.equal(await page.locator("#panel-multi-pull").getAttribute("data-exact"), "true", "the pull chart is drawn from the refit too");
  assert.equal(await page.locator("#panel-multi-pull").getAttribute("data-lambda"), String(slid));
  assert.deepEqual(errors, []);
  await page.close();
});

/** The λ the per-class table shows. */
async function tableLambda(page: Page): Promise<number> {
  await afterRender(page);
  return Number(await page.locator("#panel-multi-table").getAttribute("data-lambda"));
}

/** The measure offered by the CV panel, the one selected, and λ at λ_1se (on load) and at λ_min (the button). */
async function cvShown(page: Page): Promise<{ offered: string[]; selected: string; lambda1se: number; lambdaMin: number; words: string }> {
  const offered = await page.$$eval("#multi-measure option", (os) => os.map((o) => (o as HTMLOptionElement).value));
  const selected = await page.locator("#multi-measure").inputValue();
  const words = await page.locator("#panel-multi-cv-alt").innerText();
  const lambda1se = await tableLambda(page);
  await page.click("#to-min");
  const lambdaMin = await tableLambda(page);
  return { offered, selected, lambda1se, lambdaMin, words };
}

test("multinomial: each CV measure as cv --type-measure, λ_min and λ_1se the library's with it", async () => {
  const { page, errors } = await openPage(lab(), "?data=iris&view=cv");
  await waitForFit(page);
  const cases: MultiMeasure[] = ["class", "mae", "mse", "deviance"];
  const seen: MultiMeasure[] = [];
  for (const measure of cases) {
    assert.equal(await refit(page, () => page.selectOption("#multi-measure", measure)), "true", measure);
    const cv = cvMultiPath(irisDesign.x, irisOutcome, { nfolds: 10, seed: 1, measure });
    assert.equal(cv.measure, measure);
    const shown = await cvShown(page);
    assert.deepEqual(shown.offered, ["deviance", "class", "mse", "mae"], "multinomial offers cv.glmnet's four measures");
    assert.equal(shown.selected, measure);
    assert.match(shown.words, new RegExp(`^Cross-validated ${measure} with`));
    assert.equal(shown.lambda1se, cv.lambda1se, `${measure}: the page starts at the library's λ_1se`);
    assert.equal(shown.lambdaMin, cv.lambdaMin, `${measure}: λ_min is the library's`);
    assert.equal(new URL(page.url()).searchParams.get("measure"), measure, "the measure is in the link");
    assert.match(await page.locator("#status").innerText(), new RegExp(`summarized again with ${measure}: nothing was refitted`));
    seen.push(measure);
  }
  assert.deepEqual(seen, cases);
  // The measures do choose differently on iris: the test would not notice a measure ignored otherwise.
  const chosen = new Set(cases.map((m) => cvMultiPath(irisDesign.x, irisOutcome, { nfolds: 10, seed: 1, measure: m }).lambda1se));
  assert.ok(chosen.size > 1, "some measures give another λ_1se");
  assert.deepEqual(errors, []);
  await page.close();
});

test("mgaussian: mse or mae, λ_min and λ_1se the library's with it", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const text = twoTargetsCsv();
  assert.equal(await refit(page, () => page.setInputFiles("#file", { name: "two.csv", mimeType: "text/csv", buffer: Buffer.from(text) })), "true");
  assert.equal(await refit(page, () => page.selectOption("#more-targets", ["y1"])), "true");
  const design = buildMultiDesign(parseCsv(text), { family: "mgaussian", targets: ["y2", "y1"] });
  const cases: MultiMeasure[] = ["mae", "mse"];
  for (const measure of cases) {
    assert.equal(await refit(page, () => page.selectOption("#multi-measure", measure)), "true", measure);
    const cv = cvMultiPath(design.x, { family: "mgaussian", y: design.y! }, { nfolds: 10, seed: 1, measure, responses: ["y2", "y1"] });
    const shown = await cvShown(page);
    assert.deepEqual(shown.offered, ["mse", "mae"], "mgaussian offers mse and mae");
    assert.equal(shown.selected, measure);
    assert.equal(shown.lambda1se, cv.lambda1se, `${measure}: λ_1se`);
    assert.equal(shown.lambdaMin, cv.lambdaMin, `${measure}: λ_min`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("the drop panel: each kept variable's held-out cost on the fit's folds, the library's", async () => {
  const cv = cvMultiPath(irisDesign.x, irisOutcome, { nfolds: 10, seed: 1, measure: "class" });
  const lambda = cv.path.lambda[25]!;
  const { page, errors } = await openPage(lab(), `?data=iris&measure=class&lambda=${lambda}&view=drop`);
  await waitForFit(page);
  assert.equal(await page.evaluate(() => document.body.dataset.cv), "done");
  await page.waitForFunction((at) => document.querySelector("#panel-multi-drop")?.getAttribute("data-lambda") === String(at), lambda, { timeout: 60_000 });
  const y = cv.path.classes.map((c) => Float64Array.from(irisDesign.labels!, (l) => (String(l) === c ? 1 : 0)));
  const costs = multiDropCosts(cv.path, { x: irisDesign.x, y }, { lambda, cv: { foldid: cv.foldid, measure: "class" } });
  assert.equal(costs.measure, "class");
  assert.ok(costs.costs.length > 1, "several variables are in at this λ");
  assert.equal(await page.locator("#multi-drop-cv-head").textContent(), "Held-out rise (class)");
  const shown = await page.$$eval("#multi-drop-body tr", (trs) => trs.map((tr) => [tr.getAttribute("data-variable"), Number(tr.querySelector("td.cv")?.getAttribute("data-value")), tr.querySelector("td.why")?.textContent] as const));
  assert.deepEqual(shown.map(([f]) => f), costs.costs.map((c) => c.feature));
  costs.costs.forEach((c, i) => {
    assert.ok(c.cv !== null);
    assert.ok(Math.abs(shown[i]![1] - c.cv!) <= 1e-12, `held-out cost of ${c.feature}: lab ${shown[i]![1]}, library ${c.cv}`);
    assert.match(shown[i]![2] ?? "", /the cross-validated class would (worsen|improve|not change)/, "the words say the held-out cost");
  });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the folds run in workers of their own: the page answers the slider while they run, then shows the library's CV", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  // The fold workers' script is held until the page has answered the slider: the CV cannot end before.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const workersAsked = new Promise<void>((resolve) => (requested = resolve));
  await page.route(/fold-worker[^/]*\.js$/, async (route) => {
    requested();
    await held;
    await route.continue();
  });
  await page.evaluate(() => (document.body.dataset.ready = "pending"));
  await page.setInputFiles("#file", { name: "iris.csv", mimeType: "text/csv", buffer: Buffer.from(IRIS) });
  await page.waitForFunction(() => document.body.dataset.cv === "running" && document.querySelector("#panel-multi-table")?.hasAttribute("data-lambda"), undefined, { timeout: 60_000 });
  await workersAsked;
  assert.match(await page.locator("#status").innerText(), /cross-validating in workers: 0 of 10 folds done/);
  assert.match(await page.locator("#panel-multi-cv-alt").innerText(), /^Cross-validating/);
  const cv = cvMultiPath(irisDesign.x, irisOutcome, { nfolds: 10, seed: 1 });
  const top = cv.path.lambda[0]!;
  assert.notEqual(await tableLambda(page), top);
  await page.locator("#lambda-slider").fill("0");
  await page.waitForFunction((at) => document.querySelector("#panel-multi-table")?.getAttribute("data-lambda") === String(at), top, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.cv), "running", "the page answered while the folds were still to be fitted");
  assert.notEqual(await page.evaluate(() => document.body.dataset.ready), "true");
  release();
  await waitForFit(page);
  await afterRender(page);
  assert.equal(await page.evaluate(() => document.body.dataset.cv), "done");
  assert.match(await page.locator("#status").innerText(), /10-fold cross-validation in \d+ ms more/);
  assert.equal(await tableLambda(page), top, "the λ the person chose stays when the CV arrives");
  assert.match(await page.locator("#panel-multi-cv-alt").innerText(), /^Cross-validated deviance with/);
  await page.click("#to-min");
  assert.equal(await tableLambda(page), cv.lambdaMin, "λ_min from the workers' folds is the library's");
  await page.click("#to-1se");
  assert.equal(await tableLambda(page), cv.lambda1se, "λ_1se too");
  assert.deepEqual(errors, []);
  await page.close();
});
