/**
 * Layout and truthfulness (issue 15, item 1), in Chromium, on data loaded as a person loads it: a CSV
 * chosen in the file input. The coefficient table's columns do not print over each other, nor do the
 * simulation table's headers or the CV chart's λ labels in ridge mode; a question's answer is on screen at
 * 1366×768; the ridge question gives α back; the Run button keeps its label on hover; and pull versus price
 * draws and says the price's lasso and ridge parts for α < 1, with the library's numbers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { explain } from "../../src/explain/explain.js";
import { formatValue } from "../../web/src/panel.js";
import { QUESTIONS } from "../../web/src/questions.js";
import { afterRender, openPage, labForThisFile, DIABETES_CSV, waitForFit } from "./harness.js";

const lab = labForThisFile();

const LAPTOP = { width: 1366, height: 768 };

/** Open the lab and load the diabetes data as "patients.csv" through the file input, as a person would. */
async function uploaded(query = "", viewport = LAPTOP): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(lab(), query, viewport);
  await waitForFit(opened.page);
  await opened.page.evaluate(() => (document.body.dataset.ready = "false"));
  await opened.page.setInputFiles("#file", { name: "patients.csv", mimeType: "text/csv", buffer: Buffer.from(DIABETES_CSV) });
  await waitForFit(opened.page);
  assert.match(await opened.page.locator("#status").innerText(), /patients\.csv/);
  return opened;
}

/** Set α with the slider as a person does (its change event), and wait for the refit. */
async function setAlpha(page: Page, alpha: number): Promise<void> {
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.locator("#alpha").fill(String(alpha));
  await page.locator("#alpha").dispatchEvent("change");
  await waitForFit(page);
  await afterRender(page);
}

type Box = { x: number; y: number; width: number; height: number };
function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

test("the coefficient table's Entered column stays inside its cells, beside Why", async () => {
  for (const width of [1366, 1024, 900]) {
    const { page, errors } = await uploaded("?view=table", { width, height: 800 });
    await afterRender(page);
    const cells = await page.$$eval("#coef-body tr:not(.intercept)", (rows) =>
      rows.map((row) => {
        const entered = row.querySelector("td.entered") as HTMLElement;
        const why = row.lastElementChild as HTMLElement;
        const range = document.createRange();
        range.selectNodeContents(entered);
        const text = range.getBoundingClientRect();
        return { text: entered.textContent, textRight: text.right, cellRight: entered.getBoundingClientRect().right, whyLeft: why.getBoundingClientRect().left, overflow: entered.scrollWidth - entered.clientWidth };
      }),
    );
    assert.equal(cells.length, 10, "one row per variable of the uploaded file");
    for (const c of cells) {
      assert.ok(c.text && c.text.length > 0, "every variable's entry is written");
      assert.ok(c.overflow <= 0, `at ${width}px "${c.text}" overflows its cell by ${c.overflow}px`);
      assert.ok(c.textRight <= c.whyLeft + 0.5, `at ${width}px "${c.text}" ends at ${c.textRight}, past Why's left edge ${c.whyLeft}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the simulation table's headers do not overlap, and the Run button keeps its label on hover", async () => {
  const { page, errors } = await uploaded("?view=simulate");
  await page.click("button[role='tab'][aria-controls='page-simulate']");
  const run = page.locator("#sim-run");
  await run.hover();
  const colours = await run.evaluate((b) => ({ color: getComputedStyle(b).color, background: getComputedStyle(b).backgroundColor }));
  assert.notEqual(colours.color, colours.background, `on hover the Run button's text is ${colours.color} on ${colours.background}`);
  assert.equal(colours.color, "rgb(255, 255, 255)", "white on the accent, as when not hovered");
  await page.selectOption("#sim-reps", "20");
  await run.click();
  await page.waitForSelector("#sim-table", { timeout: 400_000 }); // 20 repetitions: minutes on a loaded machine
  const heads = await page.$$eval("#sim-table thead th", (ths) =>
    ths.map((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      const r = range.getBoundingClientRect();
      return { text: th.textContent ?? "", box: { x: r.left, y: r.top, width: r.width, height: r.height }, overflow: th.scrollWidth - th.clientWidth };
    }),
  );
  assert.equal(heads.length, 7);
  for (const h of heads) assert.ok(h.overflow <= 0, `header "${h.text}" overflows by ${h.overflow}px`);
  for (let i = 0; i < heads.length; i++) {
    for (let k = i + 1; k < heads.length; k++) assert.ok(!overlap(heads[i]!.box, heads[k]!.box), `headers "${heads[i]!.text}" and "${heads[k]!.text}" overlap`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("in ridge mode the CV chart's λ label does not print over λ_min or λ_1se", async () => {
  const { page, errors } = await uploaded("?view=cv");
  await setAlpha(page, 0);
  for (const button of ["#to-1se", "#to-min"]) {
    await page.click(button);
    await afterRender(page);
    // (No named helpers inside the page function: tsx's transform would wrap them in a __name the page lacks.)
    const boxes = await page.$$eval("#panel-cv svg", ([svg]) => {
      const marker = svg!.querySelector(".lab-lambda-marker text")!;
      const texts = [marker, ...svg!.querySelectorAll("g.lambda-min-label text, g.lambda-1se-label text")].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? "", box: { x: r.left, y: r.top, width: r.width, height: r.height } };
      });
      return { marker: texts[0]!.box, markerText: texts[0]!.text, labels: texts.slice(1) };
    });
    assert.match(boxes.markerText, /^λ = /);
    assert.equal(boxes.labels.length, 2, "λ_min and λ_1se are labelled");
    for (const l of boxes.labels) assert.ok(!overlap(boxes.marker, l.box), `after ${button}: "${boxes.markerText}" overlaps "${l.text}"`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("at 1366×768 every question's answer is on screen when it is opened", async () => {
  const { page, errors } = await uploaded("?view=paths");
  assert.equal(QUESTIONS.length, 11);
  for (const q of QUESTIONS) {
    await page.click(`button[data-question='${q.id}']`);
    await afterRender(page);
    await page.waitForTimeout(100); // the answer is scrolled into sight in the next frame
    const seen = await page.evaluate(() => {
      const heading = document.querySelector("#answer h3")!.getBoundingClientRect();
      const first = document.querySelector("#answer p")!.getBoundingClientRect();
      return { headingTop: heading.top, firstTop: first.top, height: innerHeight };
    });
    assert.ok(seen.headingTop >= 0 && seen.firstTop + 40 <= seen.height, `question "${q.id}": answer at ${seen.headingTop}–${seen.firstTop}px of ${seen.height}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("the ridge question sets α = 0 and gives it back; the first question then speaks of the lasso price", async () => {
  const { page, errors } = await uploaded("?view=paths");
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.click("button[data-question='ridge']");
  await waitForFit(page);
  await afterRender(page);
  assert.equal(await page.locator("#alpha").inputValue(), "0");
  assert.match(await page.locator("#answer").innerText(), /set α to 0; opening another question puts it back to 1/);
  // The first question while α = 0 (the person's own choice this time) says why nothing reaches zero.
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.click("button[data-question='which']");
  await waitForFit(page);
  await afterRender(page);
  assert.equal(await page.locator("#alpha").inputValue(), "1", "α is back to 1 after the ridge question");
  await page.waitForSelector("#panel-pull svg");
  const lasso = await page.locator("#answer").innerText();
  assert.match(lasso, /The price is λ·α = /);
  assert.doesNotMatch(lasso, /price is 0/);

  await setAlpha(page, 0);
  await afterRender(page);
  const ridge = await page.locator("#answer").innerText();
  assert.doesNotMatch(ridge, /the price is 0; .* pull equal to it/);
  assert.match(ridge, /lasso part of the price, λ·α, is 0, so leaving zero costs nothing/);
  assert.match(ridge, /none reaches exactly zero/);
  assert.match(await page.locator("#panel-pull .alt").innerText(), /that is why no coefficient is exactly zero/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("pull versus price at α = 0.5 draws the price's lasso and ridge parts, with the library's numbers", async () => {
  const { page, errors } = await uploaded("?view=pull");
  await setAlpha(page, 0.5);
  await page.click("#to-1se");
  await afterRender(page);
  await page.waitForSelector("#panel-pull svg g.ridge-part");
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  assert.ok(lambda > 0, "λ is in the URL");
  // The library's explanation at the same λ, on the same data.
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const path = fitPath(design.x, design.y, { family: "gaussian", alpha: 0.5 });
  const e = explain(path, { x: design.x, y: design.y }, { lambda });
  const active = e.coefficients.filter((c) => c.status === "active");
  assert.ok(active.length >= 2, "some variables are in the model at λ_1se");

  const drawn = await page.$$eval("#panel-pull svg", ([svg]) => ({
    bars: [...svg!.querySelectorAll("g.pull-bar rect")].map((r) => ({ label: r.getAttribute("aria-label") ?? "", right: r.getBoundingClientRect().right })),
    ridge: [...svg!.querySelectorAll("g.ridge-part line")].map((l) => l.getBoundingClientRect().right),
    lasso: [...svg!.querySelectorAll("g.lasso-part line")].map((l) => l.getBoundingClientRect().right),
    legend: svg!.textContent ?? "",
  }));
  assert.equal(drawn.bars.length, 10);
  assert.equal(drawn.ridge.length, 10, "a ridge segment per variable");
  assert.equal(drawn.lasso.length, 10, "a lasso segment per variable");
  assert.match(drawn.legend, /price λ·α·v \(lasso part\)/);
  assert.match(drawn.legend, /ridge part λ·\(1−α\)·v·\|β̃\|/);
  assert.match(drawn.legend, /active \(pull = price \+ ridge part\)/);
  e.coefficients.forEach((c, j) => {
    const bar = drawn.bars[j]!;
    assert.ok(bar.label.startsWith(`${c.feature}: pull `) && bar.label.includes(", lasso part ") && bar.label.includes(", ridge part "), bar.label);
    if (c.status === "active") {
      // An active bar ends where the price's two parts end: pull = λ·α·v + |ridge part|.
      assert.ok(Math.abs(bar.right - drawn.ridge[j]!) <= 1, `${c.feature}: bar ends at ${bar.right}, its price at ${drawn.ridge[j]}`);
      assert.ok(drawn.ridge[j]! - drawn.lasso[j]! > 0.5, `${c.feature}: a visible ridge part`);
    } else {
      assert.ok(bar.right < drawn.lasso[j]! + 0.5, `${c.feature} (zero): its bar stays short of the lasso part`);
    }
  });
  // The words name both parts with the numbers of the library's explanation.
  const alt = await page.locator("#panel-pull .alt").innerText();
  const big = [...active].sort((a, b) => Math.abs(b.ridge) - Math.abs(a.ridge))[0]!;
  assert.match(alt, /the lasso part λ·α·v = /);
  assert.ok(alt.includes(`For ${big.feature}: pull ${formatValue(big.absPull)} = lasso part ${formatValue(big.price)} + ridge part ${formatValue(Math.abs(big.ridge))}.`), alt);
  await page.click("button[data-question='which']");
  await afterRender(page);
  const answer = await page.locator("#answer").innerText();
  assert.ok(answer.includes(`lasso part λ·α = ${formatValue(e.lambda * 0.5)}`), answer);
  assert.ok(answer.includes(`${big.feature}'s pull ${formatValue(big.absPull)} = lasso part ${formatValue(big.price)} + ridge part ${formatValue(Math.abs(big.ridge))}`), answer);
  assert.doesNotMatch(answer, /have pull equal to it/);
  assert.deepEqual(errors, []);
  await page.close();
});
