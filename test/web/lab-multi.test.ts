/**
 * The lab with more than two classes and more than one response, in Debian's Chromium: iris uploaded,
 * the automatic family says "3 classes: multinomial"; the per-class paths, pull versus price, the CV
 * curve and the per-class table are drawn, hold the library's numbers, and move with λ; the class picker
 * switches class; grouped refits; bad input is named in the page. Then two numeric targets: mgaussian.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/data/csv.js";
import { buildMultiDesign } from "../../src/data/multi-design.js";
import { cvMultiPath } from "../../src/cv/multi-cv.js";
import { fitMgaussianPath } from "../../src/solve/multi/fit.js";
import { explainMulti } from "../../src/explain/multi.js";
import { multiDropCosts } from "../../src/explain/multi-drop.js";
import { ARTIFACTS, ROOT, afterRender, openPage, labForThisFile, waitForFit, refit, twoTargetsCsv } from "./harness.js";

const lab = labForThisFile();

const IRIS = readFileSync(join(ROOT, "data", "iris.csv"), "utf8");

async function upload(page: Page, name: string, text: string): Promise<string> {
  return refit(page, () => page.setInputFiles("#file", { name, mimeType: "text/csv", buffer: Buffer.from(text) }));
}

/** The table's coefficients: class → variable → β (full precision, from data-value). */
async function tableBetas(page: Page): Promise<Record<string, Record<string, number>>> {
  await afterRender(page);
  const cells = await page.$$eval("#multi-coef-body tr:not(.intercept) td.beta", (tds) =>
    tds.map((td) => [td.closest("tr")!.getAttribute("data-variable")!, td.getAttribute("data-class")!, Number(td.getAttribute("data-value"))] as const),
  );
  const out: Record<string, Record<string, number>> = {};
  for (const [variable, cls, value] of cells) (out[cls] ??= {})[variable] = value;
  return out;
}

/** What the per-class views drew: their λ, the classes each shows, and the pull chart's bars. */
async function drawn(page: Page): Promise<{ pathLambda: string | null; pullLambda: string | null; tableLambda: string | null; pathClasses: string | null; pullClasses: string | null; bars: string[]; rule: string | null }> {
  await afterRender(page);
  return {
    pathLambda: await page.locator("#panel-multi-paths").getAttribute("data-lambda"),
    pullLambda: await page.locator("#panel-multi-pull").getAttribute("data-lambda"),
    tableLambda: await page.locator("#panel-multi-table").getAttribute("data-lambda"),
    pathClasses: await page.locator("#panel-multi-paths svg").first().getAttribute("data-classes"),
    pullClasses: await page.locator("#panel-multi-pull svg").first().getAttribute("data-classes"),
    bars: await page.$$eval("#panel-multi-pull .pull-bar rect, #panel-multi-pull rect.pull-bar", (rects) => rects.map((r) => `${r.getAttribute("x")}:${r.getAttribute("width")}`)),
    rule: await page.locator("#panel-multi-paths .lab-lambda-marker line").getAttribute("x1"),
  };
}

function assertClose(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= 1e-9 * Math.max(1e-12, Math.abs(expected)), `${what}: lab ${actual}, library ${expected}`);
}

/** The page's β for every class and variable equal explainMulti's at the λ the table says it shows. */
async function assertLibraryBetas(page: Page, expect: (lambda: number) => ReturnType<typeof explainMulti>): Promise<number> {
  const lambda = Number(await page.locator("#panel-multi-table").getAttribute("data-lambda"));
  assert.ok(lambda > 0, "the table names its λ");
  const e = expect(lambda);
  const shown = await tableBetas(page);
  assert.deepEqual(Object.keys(shown), [...e.classes]);
  e.classes.forEach((c, k) => e.variables.forEach((v) => assertClose(shown[c]![v.feature], v.coefficients[k]!, `β ${v.feature}, ${c}`)));
  return lambda;
}

test("iris: 3 classes chosen as multinomial, per-class views drawn with the library's numbers and moving with λ", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  assert.equal(await upload(page, "iris.csv", IRIS), "true");
  assert.equal(await page.locator("#target").inputValue(), "Species", "the class column at the end of a file of measurements is the target");
  assert.equal(await page.locator("#family").inputValue(), "auto");
  assert.match(await page.locator("#status").innerText(), /3 classes: multinomial \(setosa, versicolor, virginica\)/);
  assert.match(await page.locator('#family option[value="auto"]').innerText(), /automatic: 3 classes: multinomial/);
  assert.equal(await page.locator("#grouped").isVisible(), true, "the grouped toggle is offered for multinomial");
  assert.equal(await page.locator("#panel-paths").isVisible(), false, "the single-response panels give way");
  for (const id of ["#panel-multi-paths", "#panel-multi-pull", "#panel-multi-cv"]) assert.ok((await page.locator(`${id} svg`).count()) > 0, `${id} is drawn`);
  const labels = await page.$$eval("#panel-multi-paths .panel-label text", (ts) => ts.map((t) => t.textContent));
  assert.deepEqual(labels, ["class setosa", "class versicolor", "class virginica"], "one path panel per class");

  // The library on the same data and settings: the page's λ is λ_1se of cvMultiPath with the lab's folds.
  const design = buildMultiDesign(parseCsv(IRIS), { family: "multinomial", targets: ["Species"] });
  const cv = cvMultiPath(design.x, { family: "multinomial", labels: design.labels! }, { nfolds: 10, seed: 1 });
  const y = cv.path.classes.map((c) => Float64Array.from(design.labels!, (l) => (String(l) === c ? 1 : 0)));
  const expect = (lambda: number) => explainMulti(cv.path, { x: design.x, y }, lambda);
  assert.equal(Number(new URL(page.url()).searchParams.get("lambda")), cv.lambda1se, "the page starts at the library's λ_1se");
  const first = await assertLibraryBetas(page, expect);
  assert.equal(first, cv.lambda1se);
  const words = await page.locator("#multi-coef-body tr[data-why='Petal.Length'] td.why").innerText();
  assert.equal(words, expect(first).variables.find((v) => v.feature === "Petal.Length")!.words, "the table's words are explainMulti's");
  assert.match(await page.locator("#panel-multi-cv-alt").innerText(), /λ_min = .* λ_1se = /);
  await page.screenshot({ path: join(ARTIFACTS, "lab-multinomial.png"), fullPage: true });

  // λ at the top of the path: every β is zero; the paths' marker, the pull bars and the table move.
  const before = await drawn(page);
  await page.locator("#lambda-slider").fill("0");
  const top = await drawn(page);
  assert.notEqual(top.pathLambda, before.pathLambda, "the path marker follows the slider");
  assert.notEqual(top.rule, before.rule, "the dashed rule moved");
  assert.notEqual(top.pullLambda, before.pullLambda);
  assert.notDeepEqual(top.bars, before.bars, "the pull bars change with λ");
  const zero = await tableBetas(page);
  assert.ok(Object.values(zero).every((byVariable) => Object.values(byVariable).every((b) => b === 0)), "nothing is in at λ_max");
  await assertLibraryBetas(page, expect);
  // λ_min: the library's numbers again, at a λ where more is in.
  await page.click("#to-min");
  assert.equal(await assertLibraryBetas(page, expect), cv.lambdaMin);

  // The class picker: one class's paths, pulls and columns.
  await page.selectOption("#multi-class", { label: "versicolor" });
  const one = await drawn(page);
  assert.equal(one.pathClasses, "versicolor");
  assert.equal(one.pullClasses, "versicolor");
  assert.deepEqual(await page.$$eval("#multi-coef-table thead th", (ths) => ths.map((t) => t.textContent).filter((t) => t!.startsWith("β"))), ["β versicolor"]);
  assert.deepEqual(await page.$$eval("#panel-multi-paths .panel-label text", (ts) => ts.map((t) => t.textContent)), ["class versicolor"]);
  await page.selectOption("#multi-class", { label: "virginica" });
  assert.equal((await drawn(page)).pathClasses, "virginica", "the picker switches class");
  await page.selectOption("#multi-class", { label: "all classes" });
  assert.equal((await drawn(page)).pathClasses, "setosa,versicolor,virginica");

  // Grouped: a variable enters for every class at once; the pull chart shows the length of its pulls.
  assert.equal(await refit(page, () => page.check("#grouped")), "true");
  assert.match(await page.locator("#status").innerText(), /3 classes: multinomial, grouped/);
  assert.match(page.url(), /grouped=1/);
  assert.match((await page.locator("#panel-multi-pull svg title").first().textContent()) ?? "", /length of each variable's pulls/);
  assert.deepEqual(await page.$$eval("#multi-coef-table thead th", (ths) => ths.slice(0, 4).map((t) => t.textContent)), ["Variable", "Status", "‖pulls‖", "Price λ·α·v"]);
  const grouped = cvMultiPath(design.x, { family: "multinomial", labels: design.labels! }, { nfolds: 10, seed: 1, grouped: true });
  await assertLibraryBetas(page, (lambda) => explainMulti(grouped.path, { x: design.x, y }, lambda));
  const rows = await page.$$eval("#multi-coef-body tr[data-variable]:not(.intercept)", (trs) => trs.map((tr) => [...tr.querySelectorAll("td.beta")].map((td) => Number(td.getAttribute("data-value")))));
  assert.ok(rows.every((bs) => bs.every((b) => b === 0) || bs.every((b) => b !== 0)), "grouped: each variable is in for all classes or none");
  assert.deepEqual(errors, []);
  await page.close();
});

test("bad class input is named in the page: a class of one row, an empty target cell, too many classes", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const lines = IRIS.trimEnd().split("\n");
  // Row 8 of the file (the header is row 1) holds a class no other row has.
  const lonely = lines.map((line, i) => (i === 7 ? line.replace('"setosa"', '"odd"') : line)).join("\n");
  assert.equal(await upload(page, "lonely.csv", lonely), "error");
  assert.match(await page.locator("#error").innerText(), /class "odd" has 1 row/);
  // Two rows of it: fitted, and the folds whose training rows hold fewer than two say which class they leave out.
  const pair = lines.map((line, i) => (i === 7 || i === 60 ? line.replace(/"[a-z]+"$/, '"odd"') : line)).join("\n");
  assert.equal(await upload(page, "pair.csv", pair), "true");
  assert.match(await page.locator("#status").innerText(), /4 classes: multinomial/);
  assert.match(await page.locator("#status").innerText(), /[Ff]old \d+: class "odd" has [01] training rows?, so that fold's fit leaves it out/);
  // An empty class in row 6.
  const empty = lines.map((line, i) => (i === 5 ? line.replace('"setosa"', "") : line)).join("\n");
  assert.equal(await upload(page, "empty.csv", empty), "error");
  assert.match(await page.locator("#error").innerText(), /target "Species" is empty in row 6/);
  // Classes coded as numbers: fitted as numbers, with a note; multinomial when chosen. MCP is not glmnet's for classes.
  const coded = lines.map((line, i) => (i === 0 ? line : line.replace(/"setosa"$/, "1").replace(/"versicolor"$/, "2").replace(/"virginica"$/, "3"))).join("\n");
  assert.equal(await upload(page, "coded.csv", coded), "true");
  assert.match(await page.locator("#status").innerText(), /"Species" holds 3 whole numbers \(1, 2, 3\), fitted as numbers; if they are classes, choose Family: multinomial\./);
  assert.equal(await refit(page, () => page.selectOption("#family", "multinomial")), "true");
  assert.match(await page.locator("#status").innerText(), /3 classes: multinomial \(1, 2, 3\)/);
  assert.equal(await refit(page, () => page.selectOption("#penalty", "mcp")), "error");
  assert.match(await page.locator("#error").innerText(), /multinomial is fitted with the lasso and elastic net penalties only/);
  assert.equal(await refit(page, () => page.selectOption("#penalty", "lasso")), "true");
  // 51 classes: the automatic family will not guess, and says how to fit them anyway; chosen, a warning
  // as the command line's. (Three folds: 51 classes make a slow path.)
  const many = ["x,k", ...Array.from({ length: 153 }, (_, i) => `${((i * 37) % 101) / 10},c${i % 51}`)].join("\n");
  assert.equal(await upload(page, "many.csv", many), "true", "with 51 text classes the automatic target is the number");
  assert.equal(await page.locator("#target").inputValue(), "x");
  await refit(page, () => page.fill("#nfolds", "3").then(() => page.locator("#nfolds").dispatchEvent("change")));
  assert.equal(await refit(page, () => page.selectOption("#target", "k")), "error");
  assert.match(await page.locator("#error").innerText(), /51 different values.*choose Family: multinomial to fit its 51 classes, more than 50/);
  assert.equal(await refit(page, () => page.selectOption("#family", "multinomial")), "true");
  assert.match(await page.locator("#status").innerText(), /51 classes: more than 50 is unusual/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("two numeric targets: More targets makes the automatic family mgaussian, its views move with λ", async () => {
  const { page, errors } = await openPage(lab());
  await waitForFit(page);
  const text = twoTargetsCsv();
  assert.equal(await upload(page, "two.csv", text), "true");
  assert.equal(await page.locator("#target").inputValue(), "y2");
  assert.equal(await page.locator("#more-targets").isVisible(), true);
  assert.equal(await refit(page, () => page.selectOption("#more-targets", ["y1"])), "true");
  assert.match(await page.locator("#status").innerText(), /targets y2, y1 \(2 numeric targets: mgaussian \(y2, y1\)\)/);
  assert.match(page.url(), /more=y1/);
  assert.equal(await page.locator("#grouped").isVisible(), false, "mgaussian is always grouped: no toggle");
  assert.match((await page.locator("#panel-multi-pull svg title").first().textContent()) ?? "", /length of each variable's pulls/);
  assert.deepEqual(await page.$$eval("#panel-multi-paths .panel-label text", (ts) => ts.map((t) => t.textContent)), ["response y2", "response y1"]);

  const design = buildMultiDesign(parseCsv(text), { family: "mgaussian", targets: ["y2", "y1"] });
  const path = fitMgaussianPath(design.x, design.y!, { responses: ["y2", "y1"] });
  const expect = (lambda: number) => explainMulti(path, { x: design.x, y: design.y! }, lambda);
  const first = await assertLibraryBetas(page, expect);
  const table = await tableBetas(page);
  assert.ok(table.y1!.x2 !== 0 && table.y2!.x3 !== 0, "each response's own variable is in at λ_1se");
  await page.screenshot({ path: join(ARTIFACTS, "lab-mgaussian.png"), fullPage: true });

  const before = await drawn(page);
  await page.locator("#lambda-slider").fill("8");
  const after = await drawn(page);
  assert.notEqual(after.tableLambda, String(first));
  assert.notDeepEqual(after.bars, before.bars, "the pull bars move with λ");
  assert.notEqual(after.rule, before.rule);
  await assertLibraryBetas(page, expect);
  await page.selectOption("#multi-class", { label: "y1" });
  assert.equal((await drawn(page)).pathClasses, "y1", "the response picker switches response");

  // A word among one target's numbers: the page names the target and the row.
  const bad = text.split("\n").map((line, i) => (i === 5 ? line.replace(/,[^,]+,([^,]+)$/, ",abc,$1") : line)).join("\n");
  assert.equal(await upload(page, "bad.csv", bad), "error", "y1 read as a feature has a word in row 6");
  assert.equal(await refit(page, () => page.selectOption("#more-targets", ["y1"])), "error");
  assert.match(await page.locator("#error").innerText(), /target "y1", row 6: "abc" is not a number; every mgaussian target must be numeric/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a link to the bundled iris, grouped, at a λ of the path restores the multinomial views there", async () => {
  const design = buildMultiDesign(parseCsv(IRIS), { family: "multinomial", targets: ["Species"] });
  const cv = cvMultiPath(design.x, { family: "multinomial", labels: design.labels! }, { nfolds: 10, seed: 1, grouped: true });
  const lambda = cv.path.lambda[20]!;
  const { page, errors } = await openPage(lab(), `?data=iris&grouped=1&lambda=${lambda}&view=pull`);
  await waitForFit(page);
  await afterRender(page);
  assert.equal(await page.locator("#dataset").inputValue(), "iris");
  assert.match(await page.locator("#status").innerText(), /3 classes: multinomial, grouped/);
  assert.equal(await page.locator("#grouped").isChecked(), true);
  assert.equal(Number(await page.locator("#panel-multi-table").getAttribute("data-lambda")), lambda, "the link's λ is shown");
  assert.match((await page.locator("#panel-multi-pull").getAttribute("class")) ?? "", /focused/, "view=pull focuses the pull panel");
  const y = cv.path.classes.map((c) => Float64Array.from(design.labels!, (l) => (String(l) === c ? 1 : 0)));
  await assertLibraryBetas(page, (at) => explainMulti(cv.path, { x: design.x, y }, at));
  // What dropping each kept variable would cost: refitted in the worker once λ rests, the library's numbers.
  await page.waitForFunction((at) => document.querySelector("#panel-multi-drop")?.getAttribute("data-lambda") === String(at), lambda, { timeout: 60_000 });
  const costs = multiDropCosts(cv.path, { x: design.x, y }, { lambda });
  assert.ok(costs.costs.length > 0, "some variable is in at this λ");
  const shown = await page.$$eval("#multi-drop-body tr", (trs) => trs.map((tr) => [tr.getAttribute("data-variable"), Number(tr.querySelector("td[data-value]")?.getAttribute("data-value"))] as const));
  assert.deepEqual(shown.map(([f]) => f), costs.costs.map((c) => c.feature));
  costs.costs.forEach((c, i) => assertClose(shown[i]![1], c.deviance, `drop cost of ${c.feature}`));
  assert.deepEqual(errors, []);
  await page.close();
});
