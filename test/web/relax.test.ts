/**
 * The relaxed lasso in the lab (issue 15): on diabetes loaded as a file, the table shows each coefficient's
 * unpenalized refit beside it (the library's relaxPath), blends the two with glmnet's relax γ, and where the
 * penalty "took" a negative share (s3 at λ = 0.519: penalized further from zero than the refit) says why.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { relaxPath } from "../../src/solve/relax.js";
import { explain } from "../../src/explain/explain.js";
import { sliderAtLambda } from "../../web/src/slider.js";
import { formatValue } from "../../web/src/panel.js";
import { afterRender, openPage, labForThisFile, DIABETES_CSV, waitForFit } from "./harness.js";

const lab = labForThisFile();

test("the relaxed column: the refit beside each coefficient, γ blends, a negative share explained", async () => {
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  let path = fitPath(design.x, design.y, { family: "gaussian" });
  path = { ...path, relaxed: relaxPath(design.x, design.y, path, { family: "gaussian" }) };
  // The fitted λ where s3's penalized value is further from zero than its refit (found on this data).
  const step = path.lambda.findIndex((l) => Math.abs(l - 0.5192306) < 1e-6);
  assert.ok(step > 0, "the λ of the negative share is on the path");
  const lambda = path.lambda[step]!;
  const e = explain(path, { x: design.x, y: design.y }, { lambda });
  const s3 = e.coefficients.find((c) => c.feature === "s3")!;
  assert.ok(s3.shrunkFraction !== null && s3.shrunkFraction < 0, `s3's share at λ = ${lambda} is negative (${s3.shrunkFraction})`);

  const { page, errors } = await openPage(lab(), "?view=table", { width: 1366, height: 900 });
  await waitForFit(page);
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.setInputFiles("#file", { name: "clinic.csv", mimeType: "text/csv", buffer: Buffer.from(DIABETES_CSV) });
  await waitForFit(page);
  await page.locator("#lambda-slider").fill(String(sliderAtLambda(path.lambda, lambda)));
  await page.waitForFunction((v) => document.querySelector("#lambda-readout")?.textContent?.startsWith(`λ = ${v}`), formatValue(lambda));
  await page.waitForFunction(() => (document.querySelector("#relax-note")?.textContent ?? "").length > 0);
  await afterRender(page);

  const relaxedCells = async () =>
    page.$$eval("#coef-body tr:not(.intercept)", (rows) => rows.map((r) => [r.getAttribute("data-variable"), r.querySelector("td.relaxed")?.getAttribute("data-value") ?? ""]));
  // γ = 0: the unpenalized refit, the library's numbers.
  let cells = Object.fromEntries(await relaxedCells());
  for (const c of e.coefficients.filter((k) => k.coefficient !== 0)) {
    assert.ok(Math.abs(Number(cells[c.feature]) - c.relaxed!) <= 1e-6 * Math.abs(c.relaxed!), `${c.feature}: relaxed ${cells[c.feature]}, library ${c.relaxed}`);
  }
  assert.match((await page.locator("#coef-table thead").textContent()) ?? "", /Relaxed, γ = 0/);
  const note = (await page.locator("#relax-note").textContent()) ?? ""; // textContent: the table may be off screen (content-visibility)
  assert.ok(note.includes(`s3 (penalized ${formatValue(s3.coefficient)}, refit ${formatValue(s3.relaxed!)}, "took" ${Math.round(100 * s3.shrunkFraction!)} %)`), note);
  assert.match(note, /the share is negative: the penalized value is further from zero than the refit/);
  assert.match(note, /shrank its correlated neighbours/);

  // γ = 0.5: glmnet's blend, kept in the URL.
  await page.selectOption("#relax-gamma", "0.5");
  await afterRender(page);
  assert.match(page.url(), /gamma=0\.5/);
  cells = Object.fromEntries(await relaxedCells());
  for (const c of e.coefficients.filter((k) => k.coefficient !== 0)) {
    const blend = 0.5 * c.coefficient + 0.5 * c.relaxed!;
    assert.ok(Math.abs(Number(cells[c.feature]) - blend) <= 1e-6 * Math.abs(blend), `${c.feature}: γ = 0.5 shows ${cells[c.feature]}, blend ${blend}`);
  }
  assert.match((await page.locator("#coef-table thead").textContent()) ?? "", /Relaxed, γ = 0\.5/);

  // The bias question says the same, with the negative share explained rather than printed as "took −43 %".
  await page.click("button[data-question='bias']");
  await afterRender(page);
  const answer = await page.locator("#answer").innerText();
  assert.match(answer, /the share is negative/);
  assert.doesNotMatch(answer, /took -\d+ % of/);
  assert.deepEqual(errors, []);
  await page.close();
});
