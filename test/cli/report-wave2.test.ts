// `shrinkage report` on the wave-2 families and penalties (issue 21): Cox and MCP write every section
// (stability included, computed on the half-samples' own survival columns); the multi-response
// families are refused in one line that says what to run instead. The Cox and MCP pages load offline
// in Chromium with no console error and every chart drawn.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { blankPage, skipWithoutChromium } from "../helpers/browser.js";
import { DIABETES, ROOT, assertOneLineError, run, scratchFile } from "./helpers.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { stability } from "../../src/simulate/stability.js";

const SECTIONS = ["data", "path", "cv", "pull", "coefficients", "spectrum", "stability", "made"];

/** The first `rows` rows of glmnet's Cox example (30 features, time and status). */
const coxFile = (rows: number) => scratchFile("cox.csv", readFileSync(join(ROOT, "data/glmnet_cox.csv"), "utf8").split("\n").slice(0, rows + 1).join("\n") + "\n");

async function report(argv: readonly string[]): Promise<string> {
  const out = scratchFile("report.html", "");
  const r = await run(["report", ...argv, "--pairs", "4", "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  return readFileSync(out, "utf8");
}

const pages: Record<string, Promise<string>> = {};
const coxPage = () => (pages.cox ??= report([coxFile(160), "--target", "time", "--status", "status", "--family", "cox"]));
const mcpPage = () => (pages.mcp ??= report([DIABETES, "--target", "progression", "--penalty", "mcp"]));

test("a Cox report has every section, and stability is computed (not refused for the survival columns' length)", async () => {
  const html = await coxPage();
  for (const id of SECTIONS) assert.match(html, new RegExp(`<section id="${id}">`), id);
  assert.equal(html.match(/<svg/g)?.length, 4);
  assert.doesNotMatch(html, /Not computed/);
  assert.match(html, /Stable set at π = 0\.75 \(selected in at least 75% of 8 half-samples/);
});

test("an MCP report draws the price in place of pull versus price, and says why there is no ridge spectrum", async () => {
  const html = await mcpPage();
  for (const id of SECTIONS) assert.match(html, new RegExp(`<section id="${id}">`), id);
  assert.match(html, /<section id="pull"><h2>The price at λ = [0-9.]+<\/h2><figure><svg/);
  assert.match(html, /<section id="spectrum"><h2>The ridge spectrum<\/h2><p>Not drawn: the spectrum shows the elastic net's ridge part, and mcp has none/);
  assert.equal(html.match(/<svg/g)?.length, 3);
  assert.match(html, /Stable set at π = 0\.75/);
});

test("multinomial and mgaussian are refused in one line naming the commands that handle them", async () => {
  const iris = join(ROOT, "data/iris.csv");
  assertOneLineError(await run(["report", iris, "--target", "Species", "--family", "multinomial", "--out", scratchFile("r.html", "")]), "report covers gaussian, binomial, poisson and cox fits; for --family multinomial run fit, cv, explain and plot");
  const mg = join(ROOT, "data/glmnet_mgaussian.csv");
  assertOneLineError(await run(["report", mg, "--target", "y1,y2", "--family", "mgaussian", "--out", scratchFile("r.html", "")]), /for --family mgaussian run fit, cv, explain and plot/);
});

test("stability on a Cox fit draws each half-sample's own status, start times and strata", () => {
  const n = 60;
  const x1 = Array.from({ length: n }, (_, i) => Math.sin(i * 1.7));
  const x2 = Array.from({ length: n }, (_, i) => Math.cos(i * 0.9));
  const x = modelMatrix(["x1", "x2"], [x1, x2]);
  const time = x1.map((v, i) => Math.exp(-v) * (1 + (i % 7)) + 0.5);
  const survival = { status: time.map((_, i) => (i % 4 === 0 ? 0 : 1)), start: time.map(() => 0.1), strata: time.map((_, i) => i % 2) };
  const r = stability({ x, y: time }, { family: "cox", survival, pairs: 3, seed: 2 });
  const all = r.frequency.flatMap((f) => Array.from(f));
  assert.equal(all.length, r.frequency.length * 2);
  assert.ok(all.every((f) => f >= 0 && f <= 1));
  assert.ok(Math.max(...all) > 0, "x1, which drives the times, is selected in some half-sample");
});

for (const [name, page] of [["Cox", coxPage], ["MCP", mcpPage]] as const) {
  test(`the ${name} report opens offline in Chromium: no request, no console error, every chart drawn`, { skip: skipWithoutChromium }, async () => {
    const html = await page();
    const { browser, page: tab, errors } = await blankPage();
    try {
      const requests: string[] = [];
      await tab.route("**/*", (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await tab.setContent(html, { waitUntil: "load" });
      assert.deepEqual(requests, []);
      assert.deepEqual(errors, []);
      const boxes = await tab.evaluate(() => [...document.querySelectorAll("section svg")].map((s) => s.getBoundingClientRect().width * s.getBoundingClientRect().height));
      assert.equal(boxes.length, name === "Cox" ? 4 : 3);
      assert.ok(boxes.every((area) => area > 100 * 100), `every chart is drawn: ${boxes.join(", ")}`);
    } finally {
      await browser.close();
    }
  });
}
