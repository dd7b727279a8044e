/**
 * The lab's penalty picker and price view (issue 18), in Chromium: a person uploads prostate.csv, chooses
 * MCP, and sees the price curve with each coefficient marked; moving γ and λ changes it, and a γ at or below
 * 1 is the library's error. The λ the view reads is one of the library's own MCP path.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { ROOT, afterRender, openPage, labForThisFile, tableValues, waitForFit } from "./harness.js";

const lab = labForThisFile();

const PROSTATE = readFileSync(join(ROOT, "data", "prostate.csv"));

async function priceTitle(page: Page): Promise<string> {
  await afterRender(page);
  return page.locator("#price-view svg").first().evaluate((svg) => svg.textContent ?? "");
}

test("choosing MCP shows the price view; γ and λ move it; γ ≤ 1 is the library's error", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  await page.setInputFiles("#file", { name: "prostate.csv", mimeType: "text/csv", buffer: PROSTATE });
  await page.waitForFunction(() => document.querySelector("#coef-body tr[data-variable='lcavol']") !== null, undefined, { timeout: 60_000 });
  await waitForFit(page);
  assert.ok(await page.locator("#price-view").isHidden(), "the lasso has no price view");
  assert.ok(await page.locator("#penalty-gamma").isHidden(), "γ belongs to MCP and SCAD");

  await page.selectOption("#penalty", "mcp");
  await page.waitForFunction(() => !(document.querySelector("#price-view") as HTMLElement).hidden, undefined, { timeout: 60_000 });
  await waitForFit(page);
  assert.match(page.url(), /pen=mcp/);
  assert.equal(await page.locator("#penalty-gamma").inputValue(), "3");
  assert.match(await page.locator("#penalty-help").innerText(), /always standardizes/);
  const first = await priceTitle(page);
  assert.match(first, /MCP price at λ = .*\(γ = 3\)/, first);
  const words = await page.locator("#price-view .price-words").innerText();
  assert.match(words, /reaches 0 at \|β̃\| = γλα/, words);
  const marks = await page.locator("#price-view svg circle").count();
  assert.ok(marks >= 8, `each of the 8 coefficients marked (${marks} circles)`);

  // The λ shown is on the library's own MCP path of the same data.
  const design = buildDesign(parseCsv(PROSTATE.toString("utf8")), { target: "lpsa", family: "gaussian" });
  const path = fitPath(design.x, design.y, { penalty: "mcp" });
  const shown = Number(await page.locator("#price-view").getAttribute("data-lambda"));
  assert.ok(Array.from(path.lambda).some((l) => Math.abs(l - shown) <= 1e-12 * l), `λ ${shown} is on the library's MCP path`);

  // λ: to λ_max, where every coefficient is at zero, then a few steps down.
  await page.focus("#lambda-slider");
  await page.keyboard.press("Home");
  await afterRender(page);
  const atMax = await page.locator("#price-view .price-words").innerText();
  assert.match(atMax, /At zero, pulled less than λα: lcavol/, atMax);
  for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
  await afterRender(page);
  const lower = await page.locator("#price-view .price-words").innerText();
  assert.notEqual(lower, atMax);
  assert.notEqual(await priceTitle(page), first);

  // γ: 1.5 refits and redraws; 1 is refused with the library's words.
  await page.fill("#penalty-gamma", "1.5");
  await page.locator("#penalty-gamma").dispatchEvent("change");
  await page.waitForFunction(() => /γ = 1\.5/.test(document.querySelector("#price-view svg")?.textContent ?? ""), undefined, { timeout: 60_000 });
  assert.match(page.url(), /pgamma=1\.5/);
  await page.fill("#penalty-gamma", "1");
  await page.locator("#penalty-gamma").dispatchEvent("change");
  await waitForFit(page, "error");
  assert.match(await page.locator("#error").innerText(), /penaltyGamma must be a number (> 1|greater than 1).*got 1/);

  // SCAD: γ back to its default 3.7, its own price curve.
  await page.selectOption("#penalty", "scad");
  await page.waitForFunction(() => /SCAD price at λ = .*\(γ = 3\.7\)/.test(document.querySelector("#price-view svg")?.textContent ?? ""), undefined, { timeout: 60_000 });

  // The adaptive lasso: fitted (penalty factors from a first ridge fit), no price view (its price is flat).
  await page.selectOption("#penalty", "adaptive");
  await page.waitForFunction(() => /pen=adaptive/.test(location.search) && document.body.dataset.ready === "true", undefined, { timeout: 60_000 });
  assert.ok(await page.locator("#price-view").isHidden());
  assert.ok(Object.keys(await tableValues(page)).includes("lcavol"));
  assert.deepEqual(errors, []);
  await page.close();
});

test("a link with pen=mcp and no target: the target chosen automatically, the price view drawn at once", async () => {
  // The fit was requested with the target unset; once the fit names it, the fit is still the state's own.
  const { page, errors } = await openPage(lab(), "?data=prostate&pen=mcp");
  await waitForFit(page);
  await page.waitForFunction(() => !(document.querySelector("#price-view") as HTMLElement).hidden, undefined, { timeout: 60_000 });
  assert.match(await priceTitle(page), /MCP price at λ = .*\(γ = 3\)/);
  assert.ok((await page.locator("#price-view svg circle").count()) >= 8, "each coefficient marked");
  assert.deepEqual(errors, []);
  await page.close();
});
