/**
 * The lab end to end, in Debian's Chromium: it loads, λ drives the table, its numbers are the library's,
 * files load (or fail with a message naming the row), links restore the state, and every view is
 * screenshotted into test-artifacts/ for a person to look at.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { join } from "node:path";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { cvPath } from "../../src/cv/cv.js";
import { explain } from "../../src/explain/explain.js";
import { describe as describeExplanation } from "../../src/explain/words.js";
import { relaxPath } from "../../src/solve/relax.js";
import { lambdaAtSlider, sliderMax } from "../../web/src/slider.js";
import { formatNumber } from "../../src/plot/common.js";
import { coef } from "../../src/solve/predict.js";
import { makeDesign } from "../../src/simulate/design.js";
import { runExperiment } from "../../src/simulate/experiment.js";
import { scenario } from "../../src/simulate/scenarios.js";
import { formatValue } from "../../web/src/panel.js";
import { PULL_BARS } from "../../web/src/views/data.js";
import { DEFAULT_STATE, MAX_FOLDS, MIN_FOLDS } from "../../web/src/state.js";
import { ARTIFACTS, ROOT, afterRender, openPage, labForThisFile, tableValues, waitForFit, refit } from "./harness.js";

const lab = labForThisFile();

function diabetes() {
  const table = parseCsv(readFileSync(join(ROOT, "data", "diabetes.csv"), "utf8"));
  return buildDesign(table, { target: "progression", family: "gaussian" });
}

function assertClose(actual: number, expected: number, what: string, rel = 1e-9): void {
  const scale = Math.max(1e-12, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= rel * scale, `${what}: lab ${actual}, library ${expected}`);
}

test("the page loads the default data with no console errors and fills the table", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const values = await tableValues(page);
  const design = diabetes();
  assert.deepEqual(Object.keys(values), ["(Intercept)", ...design.x.names]);
  assert.ok(Object.values(values).every(Number.isFinite));
  assert.ok(Object.values(values).some((v, i) => i > 0 && v !== 0), "some coefficient is nonzero at the default λ");
  assert.match(page.url(), /data=diabetes/);
  assert.ok((await page.locator("#panel-paths svg").count()) > 0, "the paths chart is drawn");
  await page.screenshot({ path: join(ARTIFACTS, "lab-default.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("moving the slider with the keyboard changes λ and the table", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const before = await tableValues(page);
  const url = page.url();
  await page.focus("#lambda-slider");
  await page.keyboard.press("Home");
  const atMax = await tableValues(page);
  const nonzeroAtMax = Object.entries(atMax).filter(([k, v]) => k !== "(Intercept)" && v !== 0).length;
  assert.equal(nonzeroAtMax, 0, "at λ_max every coefficient is zero");
  for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowRight");
  const after = await tableValues(page);
  assert.notDeepEqual(after, atMax);
  assert.notDeepEqual(after, before);
  // λ goes into the URL once the slider rests (history.replaceState is too slow for every step).
  // On a loaded machine the slider may rest between two presses, writing an earlier λ first: the URL must
  // come to hold the λ shown once the presses are done, within a few seconds.
  await page.waitForFunction((old) => location.href !== old, url);
  let shown = "", written = NaN;
  for (let t = 0; t < 50; t++) {
    written = Number(new URL(page.url()).searchParams.get("lambda"));
    shown = await page.locator("#lambda-readout").innerText();
    if (shown.startsWith(`λ = ${formatValue(written)} `)) break;
    await page.waitForTimeout(200);
  }
  assert.ok(shown.startsWith(`λ = ${formatValue(written)} `), `the URL holds the λ shown: ${written} vs ${shown}`);
  assert.deepEqual(errors, []);
  await page.close();
});

/** How many variables the table shows as nonzero, and the count the λ readout and the slider's aria text give. */
async function nonzeroCounts(page: Page): Promise<{ table: number; readout: string; aria: string }> {
  const values = await tableValues(page);
  const table = Object.entries(values).filter(([name, v]) => name !== "(Intercept)" && v !== 0).length;
  const readout = await page.locator("#lambda-readout").innerText();
  const aria = (await page.locator("#lambda-slider").getAttribute("aria-valuetext")) ?? "";
  return { table, readout, aria };
}

test("the λ readout and the slider's aria text count the nonzero coefficients the table shows", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  await page.focus("#lambda-slider");
  for (const key of ["End", "Home", "End", "ArrowLeft"]) {
    await page.keyboard.press(key);
    const { table, readout, aria } = await nonzeroCounts(page);
    assert.ok(readout.endsWith(` · ${table} nonzero`), `after ${key}: readout "${readout}", table ${table} nonzero`);
    assert.ok(aria.endsWith(`, ${table} nonzero coefficients`), `after ${key}: aria "${aria}", table ${table} nonzero`);
  }
  // After a refit too (ridge: every coefficient nonzero).
  await page.locator("#alpha").fill("0");
  await page.locator("#alpha").dispatchEvent("change");
  await waitForFit(page);
  const { table, readout } = await nonzeroCounts(page);
  assert.ok(readout.endsWith(` · ${table} nonzero`), `after a refit: readout "${readout}", table ${table} nonzero`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("between fitted λs the table shows the explanation's exact solution at λ, the numbers its words are made of", async () => {
  // Lasso on diabetes (explained on the page) and ridge on the Poisson example (explained in the worker):
  // at a λ between fitted ones the explanation refits, and the path interpolated (coef) differs from it.
  const cases = [
    { data: "diabetes", target: "progression", family: "gaussian", alpha: 1, position: 8 * 20 + 3 },
    { data: "glmnet_poisson", target: "y", family: "poisson", alpha: 0, position: 8 * 30 + 5 },
  ] as const;
  for (const c of cases) {
    const table = parseCsv(readFileSync(join(ROOT, "data", `${c.data}.csv`), "utf8"));
    const design = buildDesign(table, { target: c.target, family: c.family });
    const path = fitPath(design.x, design.y, { family: c.family, alpha: c.alpha, standardize: true });
    const lambda = lambdaAtSlider(path.lambda, c.position);
    const expected = explain(path, design, { lambda });
    assert.equal(expected.source, "refit", "a λ between fitted λs");
    const { page, errors } = await openPage(lab(), `?data=${c.data}&alpha=${c.alpha}&lambda=${lambda}&view=table`);
    await waitForFit(page);
    // The pull / price column is filled from the evidence: once it is, the table shows the evidence's values.
    await page.waitForFunction((n) => document.querySelectorAll("#coef-body tr:not(.intercept) td[data-label='pull / price']:not(:empty)").length === n, design.x.p, { timeout: 60_000 });
    const shown = await tableValues(page);
    assertClose(shown["(Intercept)"]!, expected.intercept, `${c.data}: intercept`);
    expected.coefficients.forEach((e) => assertClose(shown[e.feature]!, e.coefficient, `${c.data}: ${e.feature}`));
    const interpolated = coef(path, lambda);
    assert.ok(expected.coefficients.some((e, j) => Math.abs(e.coefficient - interpolated.beta[j]!) > 1e-9 * Math.abs(e.coefficient)), `${c.data}: the refit differs from the interpolation, so the check means something`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the numbers shown at λ_1se equal the library's cross-validation with the same seed", async () => {
  const design = diabetes();
  // The lab's defaults: lasso, standardized, 10 folds assigned from seed 1.
  const cv = cvPath(design.x, design.y, { family: "gaussian", alpha: 1, standardize: true, nfolds: 10, seed: 1 });
  const { page, errors } = await openPage(lab(), "?data=diabetes&view=cv");
  await waitForFit(page);
  await page.focus("#lambda-slider");
  await page.keyboard.press("End");
  await page.click("#to-1se");
  const shown = await tableValues(page);
  // The numbers at λ_1se are the explanation layer's, which the words use: the path's solution there,
  // refined when the path's was converged only to its thresh (then within that of coef()).
  const evidence = explain(cv.path, design, { lambda: cv.lambda1se });
  const expected = coef(cv.path, cv.lambda1se);
  assertClose(shown["(Intercept)"]!, evidence.intercept, "intercept");
  assertClose(shown["(Intercept)"]!, expected.intercept, "intercept, against the path", 1e-3);
  evidence.coefficients.forEach((c, j) => {
    assertClose(shown[c.feature]!, c.coefficient, c.feature);
    assertClose(shown[c.feature]!, expected.beta[j]!, `${c.feature} against the path`, 1e-3);
  });
  const lambda = Number(new URL(page.url()).searchParams.get("lambda"));
  assertClose(lambda, cv.lambda1se, "λ_1se in the URL", 1e-12);
  assert.match(await page.locator("#lambda-readout").innerText(), /λ_1se/);
  // The statuses and the pull chart come from the explanation layer at the same λ.
  const statuses = await page.$$eval("#coef-body tr:not(.intercept) .status-pill", (pills) => pills.map((p) => p.textContent));
  assert.deepEqual(statuses, evidence.coefficients.map((c) => c.status));
  assert.ok((await page.locator("#panel-pull svg").count()) > 0, "the pull chart is drawn");
  assert.ok((await page.locator("#panel-spectrum svg").count()) > 0, "the spectrum is drawn");
  const words = await page.locator("#fit-words").innerText();
  assert.ok(words.length > 40 && words.includes(String(evidence.df)), words);
  // λ_min too.
  await page.click("#to-min");
  const atMin = await tableValues(page);
  const expectedMin = explain(cv.path, design, { lambda: cv.lambdaMin });
  expectedMin.coefficients.forEach((c) => assertClose(atMin[c.feature]!, c.coefficient, `${c.feature} at λ_min`));
  assert.match(await page.locator("#panel-cv-alt").innerText(), new RegExp(`${cv.nzero[cv.index1se]} nonzero\\)`));
  assert.deepEqual(errors, []);
  await page.close();
});

/** The explanation the table shows: status, pull / price and the line of each variable, and the paragraph. */
async function shownExplanation(page: Page): Promise<{ rows: { status: string; pullPrice: string; why: string }[]; paragraph: string }> {
  await afterRender(page);
  const rows = await page.$$eval("#coef-body tr:not(.intercept)", (trs) =>
    trs.map((tr) => ({
      status: tr.querySelector(".status-pill")?.textContent ?? "",
      pullPrice: tr.querySelector("td[data-label='pull / price']")?.textContent ?? "",
      why: tr.querySelector("td:last-child")?.textContent ?? "",
    })),
  );
  return { rows, paragraph: await page.locator("#fit-words").innerText() };
}

function assertExplained(shown: Awaited<ReturnType<typeof shownExplanation>>, expected: ReturnType<typeof explain>, where: string): void {
  const words = describeExplanation(expected);
  expected.coefficients.forEach((c, j) => {
    assert.equal(shown.rows[j]!.status, c.status, `${c.feature} ${where}`);
    assert.equal(shown.rows[j]!.pullPrice, `${formatValue(c.absPull, 3)} / ${formatValue(c.price, 3)}`, `${c.feature}'s pull / price ${where}`);
    assert.equal(shown.rows[j]!.why, words.coefficients[j], `${c.feature}'s line ${where}`);
  });
  assert.equal(shown.paragraph, words.fit, `the paragraph ${where}`);
}

test("between fitted λs the statuses, pulls, prices and words are the library's explain() at that λ", async () => {
  const design = diabetes();
  const options = { family: "gaussian", alpha: 1, standardize: true } as const;
  const cv = cvPath(design.x, design.y, { ...options, nfolds: 10, seed: 1 });
  // The lab's path: cross-validated and relaxed, so the words can say how far the penalty pulled.
  const path = { ...cv.path, relaxed: relaxPath(design.x, design.y, cv.path, options) };
  for (const position of [8 * 12 + 3, 8 * 30 + 5]) {
    const lambda = lambdaAtSlider(path.lambda, position);
    const expected = explain(path, design, { lambda });
    assert.equal(expected.source, "refit", "a λ between fitted λs");
    // Made on the page: the first λ shown, before the worker has explained anything.
    const { page, errors } = await openPage(lab(), `?data=diabetes&view=table&lambda=${lambda}`);
    await waitForFit(page);
    await page.waitForFunction((n) => document.querySelectorAll("#coef-body tr:not(.intercept) td[data-label='pull / price']:not(:empty)").length === n, design.x.p);
    assertExplained(await shownExplanation(page), expected, `at slider position ${position}`);
    // Made by the worker, which explains every slider position after the fit: two steps further on.
    await page.waitForSelector("body[data-evidence='complete']", { timeout: 120_000 });
    const url = page.url();
    await page.focus("#lambda-slider");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((old) => location.href !== old, url);
    const moved = Number(new URL(page.url()).searchParams.get("lambda"));
    assert.ok(moved < lambda, "two steps right is a smaller λ");
    assertExplained(await shownExplanation(page), explain(path, design, { lambda: moved }), `two positions on (λ = ${moved})`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

/**
 * What the pull and spectrum charts show: every bar, dot, line and label, numbers parsed. (A string,
 * because tsx wraps named inner functions in a helper the page does not have.)
 */
const BAR_CHARTS = `(() => {
  const numeric = (v) => (v !== null && v !== "" && Number.isFinite(Number(v)) ? Math.round(Number(v) * 1e6) / 1e6 : v);
  const shape = (selector, attributes) =>
    [...document.querySelectorAll(selector)].map((e) => [...attributes.map((a) => numeric(e.getAttribute(a))), e.querySelector("title")?.textContent ?? e.textContent]);
  const svg = (id) => document.querySelector("#" + id + " svg");
  return {
    pull: shape("#panel-pull g.pull-bar rect", ["x", "y", "width", "height", "fill", "aria-label"]),
    price: shape("#panel-pull g.price-line line", ["x1", "x2", "y1", "y2"]),
    label: shape("#panel-pull g.price-label text", ["transform", "text-anchor", "x"]),
    spectrum: shape("#panel-spectrum g.spectrum-bar rect", ["x", "y", "width", "height", "aria-label"]),
    dots: shape("#panel-spectrum g.spectrum-variance circle", ["cx", "cy"]),
    described: ["panel-pull", "panel-spectrum"].map((id) => [svg(id)?.getAttribute("aria-label"), svg(id)?.getAttribute("aria-description"), svg(id)?.querySelector("desc")?.textContent]),
    alt: ["panel-pull-alt", "panel-spectrum-alt"].map((id) => document.getElementById(id)?.textContent),
  };
})()`;

async function barCharts(page: Page): Promise<unknown> {
  return page.evaluate(BAR_CHARTS);
}

test("charts that follow λ in place show what a fresh drawing at the same λ shows", async () => {
  const { page, errors } = await openPage(lab(), "?data=diabetes&view=pull");
  await waitForFit(page);
  // Mark the drawn charts: a chart redrawn rather than patched loses the mark.
  await page.$$eval("#panel-pull svg, #panel-spectrum svg", (svgs) => svgs.forEach((s) => s.setAttribute("data-probe", "drawn before")));
  const before = await barCharts(page);
  const url = page.url();
  await page.focus("#lambda-slider");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction((old) => location.href !== old, url);
  assert.equal(await page.locator("#panel-pull svg[data-probe]").count(), 1, "one step of λ patches the pull chart");
  assert.equal(await page.locator("#panel-spectrum svg[data-probe]").count(), 1, "and the spectrum");
  const patched = await barCharts(page);
  assert.notDeepEqual(patched, before, "the charts moved with λ");
  const fresh = await openPage(lab(), page.url().slice(lab().url.length));
  await waitForFit(fresh.page);
  assert.deepEqual(await barCharts(fresh.page), patched);
  assert.deepEqual([...errors, ...fresh.errors], []);
  await Promise.all([page.close(), fresh.page.close()]);
});

test("the pull chart's price label gives λ·α·v of the λ shown, λ_max included", async () => {
  const table = parseCsv(readFileSync(join(ROOT, "data", "glmnet_poisson.csv"), "utf8"));
  const design = buildDesign(table, { target: "y", family: "poisson" });
  const path = fitPath(design.x, design.y, { family: "poisson", alpha: 1, standardize: true });
  const { page, errors } = await openPage(lab(), "?data=glmnet_poisson&view=pull");
  await waitForFit(page);
  await page.focus("#lambda-slider");
  for (const [key, position] of [["Home", 0], ["End", sliderMax(path.lambda.length)]] as const) {
    await page.keyboard.press(key);
    const expected = `price λ·α·v = ${formatNumber(lambdaAtSlider(path.lambda, position))}`;
    await page.waitForFunction((text) => document.querySelector("#panel-pull g.price-label text")?.textContent === text, expected, { timeout: 60_000 });
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("a UTF-16 CSV with a byte-order mark (a spreadsheet's Unicode export) is read as the CLI reads it", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const text = "a,b,y\n" + Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${(2 * (i % 7) + Math.sin(i)).toFixed(3)}`).join("\n");
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  await page.setInputFiles("#file", { name: "unicode.csv", mimeType: "text/csv", buffer: utf16 });
  await page.waitForFunction(() => document.querySelector("#coef-body tr[data-variable='a']") !== null, undefined, { timeout: 60_000 });
  await waitForFit(page);
  const values = await tableValues(page);
  assert.deepEqual(Object.keys(values).sort(), ["(Intercept)", "a", "b"].sort());
  assert.ok(values.a! > 1, `a's coefficient ${values.a}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a CSV chosen with the file input is fitted", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  // A small file with a known strong signal in "signal" and none in "noise".
  const rows = ["signal,noise,label,outcome"];
  for (let i = 0; i < 60; i++) {
    const s = Math.sin(i * 1.7) * 3;
    const n = Math.cos(i * 12.9898) * 0.5;
    rows.push(`${s.toFixed(4)},${n.toFixed(4)},${i % 3 === 0 ? "red" : i % 3 === 1 ? "green" : "blue"},${(2 * s + Math.sin(i * 7.3) * 0.3).toFixed(4)}`);
  }
  await page.setInputFiles("#file", { name: "mine.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
  await page.waitForFunction(() => document.querySelector("#coef-body tr[data-variable='signal']") !== null, undefined, { timeout: 60_000 });
  await waitForFit(page);
  const values = await tableValues(page);
  assert.deepEqual(Object.keys(values).sort(), ["(Intercept)", "label=green", "label=red", "noise", "signal"].sort());
  assert.ok(values.signal! > 1, `the strong signal is found (${values.signal})`);
  assert.equal(await page.locator("#target").inputValue(), "outcome");
  assert.match(page.url(), /data=upload/);
  // Choosing another target refits the same file.
  await page.selectOption("#target", "signal");
  await page.waitForFunction(() => document.querySelector("#coef-body tr[data-variable='outcome']") !== null, undefined, { timeout: 60_000 });
  // A file dropped on the page is read the same way.
  const dropped = "a,b,y\n" + Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${2 * (i % 7) + ((i * 3) % 5) / 10}`).join("\n");
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
    return dt;
  }, dropped);
  await page.dispatchEvent("body", "drop", { dataTransfer });
  await page.waitForFunction(() => document.querySelector("#coef-body tr[data-variable='a']") !== null, undefined, { timeout: 60_000 });
  assert.match(await page.locator("#dataset option[value='upload']").innerText(), /dropped\.csv/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a broken CSV shows an error naming the row", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const broken = "a,b,y\n1,2,3\n4,5,6\n7,oops,9\n10,11,12\n";
  await page.setInputFiles("#file", { name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(broken) });
  await waitForFit(page, "error");
  const message = await page.locator("#error").innerText();
  assert.match(message, /row 4/, message);
  assert.match(message, /"b"|column b/, message);
  assert.ok(await page.locator("#error").isVisible());
  // A row with a missing field.
  await page.setInputFiles("#file", { name: "short.csv", mimeType: "text/csv", buffer: Buffer.from("a,b,y\n1,2,3\n4,5\n") });
  await page.waitForFunction(() => /row 3/.test(document.querySelector("#error")?.textContent ?? ""), undefined, { timeout: 60_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

async function upload(page: Page, name: string, text: string | Buffer): Promise<string> {
  return refit(page, () => page.setInputFiles("#file", { name, mimeType: "text/csv", buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) }));
}

/** Customers: a yes/no outcome first, two numbers, a text column of four regions last; `cell` may change a cell. */
function customersCsv(cell: (row: number, column: string, value: string) => string = (_r, _c, v) => v): string {
  const regions = ["north", "south", "east", "west"];
  const lines = ["bought,age,income,region"];
  for (let i = 0; i < 40; i++) {
    const values = { bought: i % 3 === 0 || i % 7 === 0 ? "yes" : "no", age: String(30 + ((i * 5) % 17)), income: (40 + ((i * 7) % 23) + (i % 3 === 0 ? 5 : 0)).toFixed(1), region: regions[i % 4]! };
    lines.push(Object.entries(values).map(([column, value]) => cell(i, column, value)).join(","));
  }
  return lines.join("\n") + "\n";
}

const statusText = (page: Page) => page.locator("#status").innerText();
const errorText = (page: Page) => page.locator("#error").innerText();
const targetOptions = (page: Page) => page.$$eval("#target option", (options) => options.map((o) => (o as HTMLOptionElement).value));

test("a file's columns are the targets offered even when its fit fails; missing cells can be dropped from the lab", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  // A missing age in one row; the last column (four regions) cannot be a target, so income is the default.
  const text = customersCsv((row, column, value) => (row === 5 && column === "age" ? "NA" : value));
  assert.equal(await upload(page, "customers.csv", text), "error");
  assert.deepEqual(await targetOptions(page), parseCsv(text).names, "the file's columns, not the previous data's");
  assert.equal(await page.locator("#target").inputValue(), "income");
  const message = await errorText(page);
  assert.match(message, /row 7: "NA" is a missing value/, message);
  assert.match(message, /tick "drop rows with missing values"/, message);
  assert.match(message, /1 row of 40 has such a cell/, message);
  assert.doesNotMatch(message, /--/, message);
  // The control the message names.
  assert.equal(await refit(page, () => page.check("#na-drop")), "true");
  assert.match(page.url(), /na=drop/);
  const status = await statusText(page);
  assert.match(status, /: 39 rows, /, status);
  assert.match(status, /1 row of 40 with a missing or unreadable cell was dropped/, status);
  assert.match(status, /"income", the last column that can be one \("region" after it cannot\)/, status);
  // The person picks the outcome they meant: binomial, and the lab says which class is modelled as 1.
  assert.equal(await refit(page, () => page.selectOption("#target", "bought")), "true");
  assert.match(await statusText(page), /target bought \(binomial, modelling P\(bought = yes\)\)/);
  assert.match(await page.locator("#coef-table caption").innerText(), /the log-odds of bought = yes/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("numbers in other conventions are read: a decimal comma in a ';' file at once, thousands separators once chosen", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const rows = Array.from({ length: 30 }, (_, i) => [1000 + 37 * i + (i % 4) * 0.25, (i % 5) + 0.5, 2 * i + Math.sin(i)]);
  const plain = ["a,b,y", ...rows.map((r) => r.map((v) => v.toFixed(2)).join(","))].join("\n");
  assert.equal(await upload(page, "plain.csv", plain), "true");
  const expected = await tableValues(page);
  // A European export: ";" between fields, "," as the decimal mark.
  const european = ["a;b;y", ...rows.map((r) => r.map((v) => v.toFixed(2).replace(".", ",")).join(";"))].join("\n");
  assert.equal(await upload(page, "european.csv", european), "true");
  assert.match(await statusText(page), /read with "," as the decimal mark/);
  assert.deepEqual(await tableValues(page), expected);
  // Thousands grouped with ",": the message names the lab's control, which then reads the file.
  const grouped = ["a,b,y", ...rows.map((r) => r.map((v) => `"${v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}"`).join(","))].join("\n");
  assert.equal(await upload(page, "grouped.csv", grouped), "error");
  const message = await errorText(page);
  assert.match(message, /Thousands separator ","/, message);
  assert.doesNotMatch(message, /--/, message);
  assert.equal(await refit(page, () => page.selectOption("#thousands", ",")), "true");
  assert.deepEqual(await tableValues(page), expected);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a text target of three values, a copied column, a file that is not text and a header alone are each said plainly", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  // "Yes" beside "yes" and "no": no family fits, and the automatic choice says so, not gaussian's complaint.
  const mixed = customersCsv((row, column, value) => (column === "bought" && row === 4 ? "Yes" : value));
  assert.equal(await upload(page, "mixed.csv", mixed), "true", "the default target is a column that can be one");
  assert.equal(await refit(page, () => page.selectOption("#target", "bought")), "error");
  const message = await errorText(page);
  assert.match(message, /target "bought" holds text with 3 different values \("Yes", "no", "yes"\)/, message);
  assert.match(message, /"Yes" and "yes" differ only in capitals/, message);
  assert.doesNotMatch(message, /family gaussian/, message);
  // A column copied under another name.
  const copied = customersCsv().split("\n").map((line, i) => {
    const [bought, age, ...rest] = line.split(",");
    return line === "" ? line : [bought, age, i === 0 ? "age_copy" : age, ...rest].join(",");
  }).join("\n");
  assert.equal(await upload(page, "copied.csv", copied), "true");
  assert.match(await statusText(page), / Column "age_copy" is identical to "age": [^.]*\./);
  // An image dropped by mistake: said to be one, and what was on show stays.
  const shown = await tableValues(page);
  await page.setInputFiles("#file", { name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) });
  await page.waitForFunction(() => /photo\.png/.test(document.querySelector("#error")?.textContent ?? ""));
  assert.match(await errorText(page), /photo\.png is not a text \(CSV\) file: it looks like a PNG image/);
  assert.deepEqual(await tableValues(page), shown);
  // The file input is cleared once read: choosing the same file again reloads it.
  assert.equal(await page.locator("#file").inputValue(), "");
  // A header and no rows: the message, without a location tacked on.
  assert.equal(await upload(page, "header.csv", "a,b,y\n"), "error");
  assert.equal(await errorText(page), "Cannot fit header.csv: the file has a header row but no data rows");
  assert.deepEqual(await targetOptions(page), [], "a file that could not be read offers no targets");
  assert.deepEqual(errors, []);
  await page.close();
});

test("with many variables the pull chart shows the largest pulls and says how many it leaves out; no panel is stretched", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const p = 120;
  const lines = [[...Array.from({ length: p }, (_, j) => `g${j + 1}`), "y"].join(",")];
  for (let i = 0; i < 40; i++) {
    const xs = Array.from({ length: p }, (_, j) => Math.sin((i + 1) * (j + 1) * 0.917 + j));
    lines.push([...xs, 2 * xs[0]! - xs[1]! + 0.3 * Math.sin(i * 12.9898)].map((v) => v.toFixed(4)).join(","));
  }
  assert.equal(await upload(page, "wide.csv", lines.join("\n")), "true");
  await page.waitForSelector("#panel-pull g.pull-bar rect");
  assert.equal(await page.locator("#panel-pull g.pull-bar rect").count(), PULL_BARS);
  assert.match(await page.locator("#pull-more").innerText(), new RegExp(`The ${PULL_BARS} largest pulls of ${p} variables; the other ${p - PULL_BARS} `));
  // The bars shown are those with the largest pulls: none left out pulls harder than the weakest shown.
  const pulls = await page.$$eval("#coef-body tr:not(.intercept)", (rows) => rows.map((r) => [r.getAttribute("data-variable"), Number(r.querySelector("td[data-label='pull / price']")?.textContent?.split(" / ")[0])] as const));
  const shownNames = await page.$$eval("#panel-pull g.pull-bar rect", (rects) => rects.map((r) => r.getAttribute("aria-label")?.split(":")[0] ?? r.querySelector("title")?.textContent?.split(" (")[0]));
  assert.equal(new Set(shownNames.filter((n) => pulls.some(([name]) => name === n))).size, PULL_BARS, "every bar names a variable of the table");
  await page.locator("#panel-pull").screenshot({ path: join(ARTIFACTS, "lab-pull-many-variables.png") });
  const weakestShown = Math.min(...pulls.filter(([name]) => shownNames.includes(name!)).map(([, pull]) => pull));
  assert.ok(pulls.every(([name, pull]) => shownNames.includes(name!) || pull <= weakestShown), "the largest pulls are shown");
  const box = async (id: string) => (await page.locator(id).boundingBox())!;
  const [paths, pull] = [await box("#panel-paths"), await box("#panel-pull")];
  assert.ok(pull.height < 1400, `the pull panel is ${pull.height}px tall`);
  assert.ok(paths.height < pull.height - 100, `the paths panel keeps its own height (${paths.height}px beside ${pull.height}px)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("after a failed fit the slider rests and empty panels offer no downloads; one variable is one variable", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  await page.focus("#lambda-slider");
  await page.keyboard.press("End");
  const enabled = (selector: string) => page.$$eval(selector, (buttons) => buttons.map((b) => !(b as HTMLButtonElement).disabled));
  assert.ok((await enabled("#panel-paths [data-download], #export-csv, #export-json")).every(Boolean), "a fit's charts and table can be saved");
  assert.equal(await upload(page, "broken.csv", "a,y\n1,2\nx,3\n2,4\n"), "error");
  assert.equal(await page.locator("#lambda-slider").inputValue(), "0");
  assert.equal(await page.locator("#lambda-slider").getAttribute("max"), "0");
  assert.ok((await enabled("#page-data [data-download], #export-csv, #export-json")).every((on) => !on), "nothing to save, nothing offered");
  // One predictor.
  const one = ["x,y", ...Array.from({ length: 30 }, (_, i) => `${i % 9},${(2 * (i % 9) + Math.sin(i)).toFixed(3)}`)].join("\n");
  assert.equal(await upload(page, "one.csv", one), "true");
  assert.match(await statusText(page), /: 30 rows, 1 variable, target y/);
  assert.match(await page.locator("#panel-paths-alt").innerText(), /^Coefficient paths of 1 variable against/);
  assert.ok((await enabled("#panel-paths [data-download], #export-csv, #export-json")).every(Boolean));
  assert.deepEqual(errors, []);
  await page.close();
});

test("on a phone the λ slider stays on screen while the views scroll under it", async () => {
  const { page, errors } = await openPage(lab(), "?data=diabetes&view=table", { width: 390, height: 844 });
  await waitForFit(page);
  await page.locator("#coef-table").scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 400));
  await afterRender(page);
  assert.ok(await page.evaluate(() => window.scrollY) > 1000, "the page has scrolled well past the controls");
  const slider = (await page.locator("#lambda-slider").boundingBox())!;
  assert.ok(slider.y >= 0 && slider.y + slider.height <= 844, `the slider is at y = ${slider.y}`);
  await page.screenshot({ path: join(ARTIFACTS, "lab-phone-sticky-lambda.png") });
  // And it still drives the table from there.
  const before = await tableValues(page);
  await page.focus("#lambda-slider");
  await page.keyboard.press("Home");
  assert.notDeepEqual(await tableValues(page), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a number of folds out of range is refused with the range said", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const url = page.url();
  await page.locator("#nfolds").fill("100");
  await page.locator("#nfolds").dispatchEvent("change");
  assert.match(await page.locator("#nfolds-note").innerText(), new RegExp(`from ${MIN_FOLDS} to ${MAX_FOLDS}, not 100; kept ${DEFAULT_STATE.nfolds}`));
  assert.equal(await page.locator("#nfolds").inputValue(), String(DEFAULT_STATE.nfolds));
  assert.equal(page.url(), url, "nothing refitted");
  assert.equal(await refit(page, async () => {
    await page.locator("#nfolds").fill("5");
    await page.locator("#nfolds").dispatchEvent("change");
  }), "true");
  assert.equal(await page.locator("#nfolds-note").innerText(), "");
  assert.match(page.url(), /folds=5/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the URL restores the same state", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  await page.selectOption("#family", "gaussian");
  await page.locator("#alpha").fill("0.5");
  await page.locator("#alpha").dispatchEvent("change");
  await waitForFit(page);
  await page.focus("#lambda-slider");
  for (let i = 0; i < 7; i++) await page.keyboard.press("ArrowLeft");
  await page.selectOption("#xvar", "dev");
  const values = await tableValues(page);
  const link = page.url();
  assert.match(link, /alpha=0\.5/);
  assert.match(link, /xvar=dev/);
  const second = await openPage(lab(), link.slice(lab().url.length));
  await waitForFit(second.page);
  assert.deepEqual(await tableValues(second.page), values);
  assert.equal(await second.page.locator("#alpha").inputValue(), "0.5");
  assert.equal(await second.page.locator("#xvar").inputValue(), "dev");
  assert.equal(second.page.url(), link);
  // A view outside the data page is restored too.
  const third = await openPage(lab(), "?data=diabetes&view=geometry&rho=0.8&bhat=1.5,0.4");
  assert.equal(await third.page.locator("#tab-geometry").getAttribute("aria-selected"), "true");
  assert.equal(await third.page.locator("#geo-rho").inputValue(), "0.8");
  assert.deepEqual([...errors, ...second.errors, ...third.errors], []);
  await Promise.all([page.close(), second.page.close(), third.page.close()]);
});

test("the geometry shows a corner for the lasso and none for ridge; the race shows the chatter", async () => {
  const { page, errors } = await openPage(lab(), "?data=diabetes&view=geometry&rho=0.5&bhat=2,0.3&budget=1");
  await page.waitForSelector("[data-facet='ridge'] svg");
  assert.equal(await page.locator(".facet").nth(0).getAttribute("data-corner"), "true");
  assert.equal(await page.locator(".facet").nth(2).getAttribute("data-corner"), "false");
  await page.click("#tab-race");
  await page.waitForSelector("#panel-race svg");
  const summary = await page.locator("#race-summary").innerText();
  assert.match(summary, /subgradient descent\s+β₂ is never exactly 0/);
  assert.match(summary, /proximal gradient\s+β₂ is exactly 0 from step \d+/);
  assert.match(summary, /coordinate descent\s+β₂ is exactly 0 from step \d+/);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Click a button that downloads, and return the downloaded file's bytes and name. */
async function downloaded(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

test("clicking the paths chart sets λ; charts download as SVG and PNG, coefficients as CSV and JSON", async () => {
  const { page, errors } = await openPage(lab(), "?data=diabetes&view=paths");
  await waitForFit(page);
  const before = new URL(page.url()).searchParams.get("lambda");
  // The container, which holds the click handler: a render may replace the svg inside it at any time.
  const chart = page.locator("#panel-paths-chart");
  const box = await chart.boundingBox();
  assert.ok(box, "the paths chart is on screen");
  await chart.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  const after = new URL(page.url()).searchParams.get("lambda");
  assert.notEqual(after, before, "a click moves λ");
  assert.ok(Number(after) < Number(before), "a click to the right of λ_1se is a smaller λ (large λ on the left)");

  const svg = await downloaded(page, "#panel-paths [data-download='svg']");
  assert.match(svg.name, /\.svg$/);
  const text = svg.bytes.toString("utf8");
  assert.match(text, /^<\?xml/);
  assert.match(text, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /lab-lambda-marker/, "the download shows the current λ");
  const png = await downloaded(page, "#panel-pull [data-download='png']");
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
  assert.ok(png.bytes.length > 2000);

  const values = await tableValues(page);
  const csv = (await downloaded(page, "#export-csv")).bytes.toString("utf8");
  const rows = csv.trim().split("\n").filter((l) => !l.startsWith("#"));
  assert.equal(rows[0], "variable,coefficient,status");
  for (const row of rows.slice(1)) {
    const [name, value] = row.split(",");
    assert.equal(Number(value), values[name!], `CSV ${name}`);
  }
  const json = JSON.parse((await downloaded(page, "#export-json")).bytes.toString("utf8"));
  assert.equal(json.lambda, Number(after));
  assert.equal(json.intercept, values["(Intercept)"]);
  for (const [name, value] of Object.entries(json.coefficients)) assert.equal(value, values[name], `JSON ${name}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("dragging in the geometry moves β̂; the tabs and the questions work from the keyboard", async () => {
  const { page, errors } = await openPage(lab(), "?data=diabetes&view=geometry");
  await waitForFit(page);
  await page.waitForSelector("[data-facet='lasso'] svg");
  await page.locator("[data-facet='lasso']").scrollIntoViewIfNeeded();
  await afterRender(page);
  // Measure the chart's container: every render replaces the svg inside it, so the svg may be detached.
  const box = await page.locator("[data-facet='lasso']").boundingBox();
  assert.ok(box, "the lasso picture is on screen");
  // Drag to the upper left quadrant: both β̂ coordinates change sign from the default (2, 0.3).
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 4 });
  await page.mouse.up();
  await afterRender(page);
  const bhat = new URL(page.url()).searchParams.get("bhat")!.split(",").map(Number);
  assert.ok(bhat[0]! < 0 && bhat[1]! > 0, `β̂ dragged to (${bhat})`);
  assert.equal(await page.locator("#geo-b1").inputValue(), String(bhat[0]));

  // Arrow keys move between tabs.
  await page.focus("#tab-geometry");
  await page.keyboard.press("ArrowRight");
  await afterRender(page);
  assert.equal(await page.locator("#tab-race").getAttribute("aria-selected"), "true");
  assert.match(page.url(), /view=race/);

  // A question opens its view with what the answer needs, and answers with this data's numbers.
  await page.locator("button[data-question='edge']").focus();
  await page.keyboard.press("Enter");
  await afterRender(page);
  assert.equal(await page.locator("#tab-geometry").getAttribute("aria-selected"), "true");
  assert.match(page.url(), /bhat=2%2C1\.6|bhat=2,1\.6/);
  assert.equal(await page.locator(".facet").nth(0).getAttribute("data-corner"), "false", "β̂ = (2, 1.6) touches the diamond's edge");
  assert.match(await page.locator("#answer").innerText(), /edge/);
  await page.click("button[data-question='lambda']");
  await waitForFit(page);
  assert.equal(await page.locator("#tab-data").getAttribute("aria-selected"), "true");
  assert.match(await page.locator("#answer").innerText(), /λ_min = [\d.]+ keeps \d+ variables/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a file too large to explain on the page is explained in the worker", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  // 2,400 rows × 90 columns: past the page's limit (n·p > 200,000), so the evidence comes from the worker.
  const p = 90;
  const header = [...Array.from({ length: p }, (_, j) => `v${j + 1}`), "y"].join(",");
  const lines = [header];
  for (let i = 0; i < 2400; i++) {
    const xs = Array.from({ length: p }, (_, j) => Math.sin((i + 1) * (j + 1) * 0.731 + j));
    const y = 3 * xs[0]! - 2 * xs[1]! + xs[2]! + 0.5 * Math.sin(i * 12.9898);
    lines.push([...xs.map((v) => v.toFixed(5)), y.toFixed(5)].join(","));
  }
  await page.setInputFiles("#file", { name: "wide.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
  await page.waitForFunction(() => document.querySelector("#coef-body tr[data-variable='v90']") !== null, undefined, { timeout: 120_000 });
  await waitForFit(page);
  // The pull/price column is filled only from the explanation layer's evidence.
  await page.waitForFunction(() => (document.querySelector("#coef-body tr[data-variable='v1'] td[data-label='pull / price']")?.textContent ?? "") !== "", undefined, { timeout: 60_000 });
  assert.ok((await page.locator("#panel-pull svg").count()) > 0);
  const values = await tableValues(page);
  assert.ok(values.v1! > 1 && values.v2! < -0.5, `the signals are found (${values.v1}, ${values.v2})`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a simulation run in parallel workers in the page equals the library's sequential run", async () => {
  const expected = runExperiment(makeDesign(scenario("correlated").spec), { reps: 20, seed: 1 });
  const { page, errors } = await openPage(lab(), "?data=diabetes&view=paths");
  await waitForFit(page);
  // The Simulation tab, the 'correlated' scenario, 20 repetitions, Run (the question about correlated
  // predictors answers on the loaded data instead: test/web/data-views.test.ts).
  await page.click("#tab-simulate");
  await page.selectOption("#scenario", "correlated");
  await page.selectOption("#sim-reps", "20");
  await page.click("#sim-run");
  await page.waitForSelector("#sim-table", { timeout: 120_000 });
  assert.equal(await page.locator("#scenario").inputValue(), "correlated");
  const rows = await page.$$eval("#sim-table tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
  const pct = (x: number) => `${Math.round(100 * x)} %`;
  assert.deepEqual(
    rows,
    expected.methods.map((m) => [
      m.method,
      pct(m.lambdaMin.pExact),
      pct(m.lambda1se.pExact),
      formatValue(m.lambda1se.meanFP, 3),
      formatValue(m.lambda1se.meanL2Error, 3),
      formatValue(m.lambdaMin.meanPredictionError, 3),
      formatValue(m.lambda1se.meanBiasTowardZero, 3),
    ]),
  );
  assert.match(await page.locator("#sim-irrepresentable").innerText(), /Irrepresentable condition/);
  assert.equal(await page.locator("#sim-progress").getAttribute("value"), "20");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a screenshot of each view, at desktop and phone width", async () => {
  const views = ["paths", "cv", "pull", "table", "spectrum", "geometry", "race", "simulate"];
  for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    const { page, errors } = await openPage(lab(), "?data=diabetes&view=paths", viewport);
    await waitForFit(page);
    for (const view of views) {
      await page.goto(`${lab().url}?data=diabetes&view=${view}`);
      if (["geometry", "race", "simulate"].includes(view)) await page.waitForSelector(`#page-${view}:not([hidden])`);
      else await waitForFit(page);
      if (view === "simulate") {
        await page.selectOption("#sim-reps", "20");
        await page.click("#sim-run");
        await page.waitForSelector("#panel-simulate svg", { timeout: 120_000 });
      }
      const target = ["geometry", "race", "simulate"].includes(view) ? page.locator(`#page-${view}`) : page.locator(`#panel-${view}`);
      await target.scrollIntoViewIfNeeded();
      await target.screenshot({ path: join(ARTIFACTS, `lab-${view}-${label}.png`) });
    }
    // At phone width nothing may stick out sideways.
    if (label === "phone") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px at phone width`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});
