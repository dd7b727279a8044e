/**
 * The lab with survival data, in Debian's Chromium: a person uploads a CSV of times, events and
 * measurements, chooses the time as the target, family cox and the status column (the missing status
 * said in the page), and the lab draws the path, the cross-validation and the survival view, whose
 * Kaplan–Meier curves move with λ; the coefficients shown are the library's.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { explain } from "../../src/explain/explain.js";
import { ARTIFACTS, afterRender, openPage, labForThisFile, tableValues, waitForFit, refit } from "./harness.js";

const lab = labForThisFile();

/**
 * 150 patients: five measurements, of which a and b raise the hazard; exponential event times, and a
 * censoring time drawn independently (about a third censored). A fixed linear congruential stream keeps
 * the file the same on every run.
 */
function survivalCsv(): string {
  let seed = 12345;
  const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const lines = ["time,status,a,b,c,d,e"];
  for (let i = 0; i < 150; i++) {
    const x = Array.from({ length: 5 }, () => uniform() * 2 - 1);
    const hazard = Math.exp(1.5 * x[0]! - 1.0 * x[1]!);
    const event = -Math.log(uniform()) / hazard;
    const censor = -Math.log(uniform()) * 2;
    const time = Math.min(event, censor);
    lines.push([time.toFixed(4), event <= censor ? 1 : 0, ...x.map((v) => v.toFixed(4))].join(","));
  }
  return lines.join("\n") + "\n";
}

/** The survival chart's two curves (their SVG path data) and the numbers at risk under it. */
async function survivalDrawing(page: Page): Promise<{ curves: string[]; atRisk: string[]; lambda: string | null }> {
  return {
    curves: await page.$$eval("#panel-survival path.survival-curve, #panel-survival .survival-curve path", (paths) => paths.map((p) => p.getAttribute("d") ?? "")),
    atRisk: await page.$$eval("#panel-survival .survival-at-risk text", (texts) => texts.map((t) => t.textContent ?? "")),
    lambda: await page.locator("#panel-survival").getAttribute("data-lambda"),
  };
}

test("a survival CSV: time and status chosen, path, CV and the survival view drawn and moving with λ", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const text = survivalCsv();
  assert.equal(await refit(page, () => page.setInputFiles("#file", { name: "patients.csv", mimeType: "text/csv", buffer: Buffer.from(text) })), "true");
  assert.equal(await page.locator("#survival-columns").isHidden(), true, "no survival columns before cox is chosen");
  assert.equal(await page.locator("#panel-survival").isHidden(), true, "no survival view for a binomial fit");
  await refit(page, () => page.selectOption("#target", "time"));

  // Cox without a status column: the page says which control to set, and fits nothing.
  assert.equal(await refit(page, () => page.selectOption("#family", "cox")), "error");
  assert.match(await page.locator("#error").innerText(), /needs a status column: choose it under Status/);
  assert.equal(await page.locator("#survival-columns").isVisible(), true, "cox shows the Status, Start and Strata choosers");
  const offered = await page.$$eval("#survival-status option", (options) => options.map((o) => (o as HTMLOptionElement).value));
  assert.deepEqual(offered, ["", "status", "a", "b", "c", "d", "e"], "the status chooser offers every column but the target");

  // A status column that is not 0/1: the library's error, naming the column, in the page.
  assert.equal(await refit(page, () => page.selectOption("#survival-status", "a")), "error");
  assert.match(await page.locator("#error").innerText(), /\ba\b/);

  assert.equal(await refit(page, () => page.selectOption("#survival-status", "status")), "true");
  assert.equal(await page.locator("#error").isHidden(), true);
  const said = await page.locator("#status").innerText();
  assert.match(said, /\bcox\b/);
  assert.match(page.url(), /family=cox/);
  assert.match(page.url(), /status=status/);
  assert.match(page.url(), /target=time/);
  assert.ok((await page.locator("#panel-paths svg").count()) > 0, "the path is drawn");
  assert.ok((await page.locator("#panel-cv svg").count()) > 0, "the cross-validation curve is drawn");
  assert.equal(await page.locator("#panel-survival").isVisible(), true, "the survival view is shown for cox");

  // The table's coefficients, pulls and prices at the page's λ are the library's explain() (same data,
  // same options); its pull is the partial-likelihood score.
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  assert.ok(lambda > 0, "the page chose a λ");
  const design = buildDesign(parseCsv(text), { target: "time", family: "cox", status: "status" });
  const path = fitPath(design.x, design.y, { family: "cox", survival: design.survival });
  const expected = explain(path, design, { lambda }).coefficients.map((c) => c.coefficient);
  await page.waitForFunction((n) => document.querySelectorAll("#coef-body tr:not(.intercept) td[data-label='pull / price']:not(:empty)").length === n, design.x.p, { timeout: 60_000 });
  const shown = await tableValues(page);
  design.x.names.forEach((name, j) => {
    const got = shown[name];
    assert.ok(got !== undefined && Math.abs(got - expected[j]!) <= 1e-9 * Math.max(1e-12, Math.abs(expected[j]!)), `${name}: lab ${got}, library ${expected[j]}`);
  });
  assert.ok(Math.abs(expected[0]!) > 0, "the strong variable a is in the model at the page's λ");
  assert.ok((await page.locator("#panel-pull svg").count()) > 0, "the pull vs price chart is drawn");
  assert.equal(await page.locator("#coef-body tr.intercept").isHidden(), true, "cox has no intercept row");

  const first = await survivalDrawing(page);
  assert.equal(first.curves.length, 2, "a lower-risk and a higher-risk curve");
  assert.ok(first.curves.every((d) => d.length > 0));
  assert.ok(first.atRisk.length >= 4, "numbers at risk under the time axis for both halves");
  assert.equal(first.lambda, String(lambda));
  await page.screenshot({ path: join(ARTIFACTS, "lab-survival.png"), fullPage: true });
  await page.locator("#panel-survival").screenshot({ path: join(ARTIFACTS, "lab-survival-view.png") });

  // λ at the top of the path: every β is 0, every row has the same risk, the halves are split by row
  // order alone; the curves change, and so does the λ the view says it drew.
  await page.locator("#lambda-slider").fill("0");
  await afterRender(page);
  const top = await survivalDrawing(page);
  assert.notEqual(top.lambda, first.lambda, "the survival view follows the slider");
  assert.notDeepEqual(top.curves, first.curves, "the Kaplan–Meier curves move with λ");
  assert.equal(top.curves.length, 2);
  assert.deepEqual(errors, []);
  await page.close();
});
