// `shrinkage report`: one self-contained HTML file that opens offline, every chart present, tested in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { blankPage, skipWithoutChromium } from "../helpers/browser.js";
import { DIABETES, assertOneLineError, run, scratchFile } from "./helpers.js";

const SECTIONS = ["data", "path", "cv", "pull", "coefficients", "spectrum", "stability", "made"];
const CHARTS = ["path", "cv", "pull", "spectrum"];

async function report(extra: readonly string[] = ["--pairs", "5"]): Promise<string> {
  const out = scratchFile("report.html", "");
  const r = await run(["report", DIABETES, "--target", "progression", "--out", out, ...extra]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "", "the report goes to --out, nothing to stdout");
  return readFileSync(out, "utf8");
}

test("the report is one HTML file with every section, the command and the versions, and nothing to fetch", async () => {
  const html = await report(["--alpha", "0.5", "--seed", "3", "--pairs", "5"]);
  for (const id of SECTIONS) assert.match(html, new RegExp(`<section id="${id}">`), id);
  assert.equal(html.match(/<svg/g)?.length, CHARTS.length);
  assert.match(html, /shrinkage report \S+diabetes\.csv --target progression --out \S+ --alpha 0\.5 --seed 3 --pairs 5/);
  assert.match(html, /Stable set at π = 0\.75 \(selected in at least 75% of 10 half-samples/);
  assert.match(html, /shrinkage 0\.1\.0, Node\.js v\d+/);
  assert.match(html, /λ_min = [0-9.]+ \(\d+ nonzero\), λ_1se = [0-9.]+/);
  // No script, stylesheet, image or font from anywhere: the only URL is the SVG namespace.
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(http/);
  assert.deepEqual([...new Set(html.match(/https?:\/\/[^"' )]+/g) ?? [])], ["http://www.w3.org/2000/svg"]);
  // Each chart numbers its ids apart from the others', so one chart's clip paths are not another's.
  const ids = html.match(/id="[^"]+"/g) ?? [];
  assert.equal(new Set(ids).size, ids.length, "ids are unique in the page");
});

test("--pairs 0 leaves stability out", async () => {
  const html = await report(["--pairs", "0"]);
  assert.doesNotMatch(html, /<section id="stability">/);
  assert.match(html, /<section id="spectrum">/);
});

test("report needs --out, and bad data fail with one line as every command does", async () => {
  assertOneLineError(await run(["report", DIABETES, "--target", "progression"]), "--out is required");
  const file = scratchFile("big.csv", "y,x1,x2\n1,1e200,0.5\n2,3e200,0.1\n3,2e200,0.9\n4,5e200,0.3\n5,4e200,0.7\n");
  assertOneLineError(await run(["report", file, "--target", "y", "--no-standardize", "--folds", "3", "--out", scratchFile("r.html", "")]), /too large a scale/);
});

test("the report opens offline in Chromium: no request, no console error, every chart drawn", { skip: skipWithoutChromium }, async () => {
  const html = await report();
  const { browser, page, errors } = await blankPage();
  try {
    const requests: string[] = [];
    await page.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    await page.setContent(html, { waitUntil: "load" });
    assert.deepEqual(requests, [], "the page asks for nothing");
    assert.deepEqual(errors, []);
    const drawn = await page.evaluate((charts) => charts.map((id) => {
      const svg = document.querySelector(`section#${id} svg`);
      const box = svg?.getBoundingClientRect();
      return { id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll("path, rect, line, circle").length ?? 0 };
    }), CHARTS);
    assert.equal(drawn.length, CHARTS.length);
    for (const chart of drawn) {
      assert.ok(chart.width > 100 && chart.height > 100, `${chart.id} is drawn (${chart.width}×${chart.height})`);
      assert.ok(chart.marks > 3, `${chart.id} has marks`);
    }
  } finally {
    await browser.close();
  }
});
