/**
 * The geometry from two of the loaded data's variables (issue 15, item 8): on diabetes loaded as a file,
 * the Geometry tab offers its columns; "Draw these two" sets the pictures' ρ to the two columns' correlation
 * and β̂ to their least-squares estimates (per SD, in SDs of the outcome), checked here against the library's
 * unpenalized fit of the two columns, and says so in words.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import { formatValue } from "../../web/src/panel.js";
import { afterRender, openPage, labForThisFile, DIABETES_CSV, uploadAndFit } from "./harness.js";

const lab = labForThisFile();

function sd(v: ArrayLike<number>): number {
  const a = Array.from(v);
  const m = a.reduce((s, t) => s + t, 0) / a.length;
  return Math.sqrt(a.reduce((s, t) => s + (t - m) ** 2, 0) / a.length);
}

test("the geometry starts from two of the loaded data's variables: their correlation and least-squares estimates", async () => {
  const { page, errors } = await openPage(lab(), "?view=paths", { width: 1366, height: 900 });
  await uploadAndFit(page, "visits.csv", DIABETES_CSV);
  await page.click("#tab-geometry");
  await afterRender(page);
  // The first two variables to enter the path are offered first.
  assert.deepEqual([await page.locator("#geo-x1").inputValue(), await page.locator("#geo-x2").inputValue()], ["bmi", "s5"]);
  await page.selectOption("#geo-x1", "bmi");
  await page.selectOption("#geo-x2", "s5");
  await page.click("#geo-from-data");
  await afterRender(page);

  // The reference: the correlation of the columns, and the unpenalized fit of the outcome on both, per SD.
  const design = buildDesign(parseCsv(DIABETES_CSV), { target: "progression", family: "gaussian" });
  const { x, y } = design;
  const col = (name: string) => x.data.subarray(x.names.indexOf(name) * x.n, (x.names.indexOf(name) + 1) * x.n);
  const a = col("bmi");
  const b = col("s5");
  const two = { n: x.n, p: 2, names: ["bmi", "s5"], data: Float64Array.from([...a, ...b]) } as typeof x;
  const ma = a.reduce((s, t) => s + t, 0) / x.n;
  const mb = b.reduce((s, t) => s + t, 0) / x.n;
  let cov = 0;
  for (let i = 0; i < x.n; i++) cov += (a[i]! - ma) * (b[i]! - mb);
  const rho = cov / x.n / (sd(a) * sd(b));
  const ols = fitPath(two, y, { family: "gaussian", lambda: [0], thresh: 1e-14 });
  const beta = [ols.beta[0]!.value[ols.beta[0]!.index.indexOf(0)]!, ols.beta[0]!.value[ols.beta[0]!.index.indexOf(1)]!];
  const perSd = [(beta[0]! * sd(a)) / sd(y), (beta[1]! * sd(b)) / sd(y)];

  const words = await page.locator("#geo-data-words").innerText();
  assert.ok(words.includes(`bmi and s5, correlation ρ = ${formatValue(rho, 3)}`), words);
  assert.ok(words.includes(`β̂ = (${formatValue(perSd[0]!, 3)}, ${formatValue(perSd[1]!, 3)})`), words);
  // The pictures draw them: ρ, and β̂ scaled so the larger is 2.
  const url = new URL(page.url()).searchParams;
  assert.equal(Number(url.get("rho")), Math.round(rho * 1000) / 1000);
  const scale = 2 / Math.max(Math.abs(perSd[0]!), Math.abs(perSd[1]!));
  const bhat = url.get("bhat")!.split(",").map(Number);
  assert.deepEqual(bhat, perSd.map((v) => Math.round(v * scale * 100) / 100));
  assert.equal(await page.locator("[data-facet='lasso'] svg").count(), 1);
  // Moving β̂ away from the data's takes the words away: they describe the data's pair only.
  await page.fill("#geo-b1", "1");
  await page.locator("#geo-b1").dispatchEvent("change");
  await afterRender(page);
  assert.equal(await page.locator("#geo-data-words").innerText(), "");
  assert.deepEqual(errors, []);
  await page.close();
});
