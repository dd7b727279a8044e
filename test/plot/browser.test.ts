/**
 * The shared charts in a real browser (Debian's Chromium via playwright-core): the browser bundle of
 * src/plot (built with Vite, as the lab builds it) must contain no server-side DOM, render into the page's
 * own document without console errors, and name the variable under the pointer (the lab's hover).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { blankPage, bundleLibrary, skipWithoutChromium as skip } from "../helpers/browser.js";
import { smallCv, smallPath, pullOneLine, smallSpectrum } from "./fixtures.js";


let browser: Browser | undefined;
let page: Page;
let bundle = "";
let errors: string[] = [];

before(async () => {
  if (skip) return;
  bundle = await bundleLibrary(new URL("../../src/plot/index.ts", import.meta.url), "plot");
  ({ browser, page, errors } = await blankPage());
  // Typed arrays do not survive page.evaluate's serialization: send plain arrays and rebuild them.
  const plainPath = {
    ...smallPath,
    lambda: [...smallPath.lambda],
    df: [...smallPath.df],
    devRatio: [...smallPath.devRatio],
    beta: smallPath.beta.map((b) => ({ index: [...b.index], value: [...b.value] })),
  };
  const plainCv = { ...smallCv, lambda: Array.from(smallCv.lambda), cvm: Array.from(smallCv.cvm), cvsd: Array.from(smallCv.cvsd), nzero: Array.from(smallCv.nzero) };
  await page.addScriptTag({ type: "module", content: `${bundle}\nwindow.__plot = { coefficientPathChart, cvCurveChart, pullPriceChart, ridgeSpectrumChart };` });
  await page.waitForFunction("'__plot' in window");
  // The page code is a string: tsx compiles functions with a __name helper that does not exist in the page.
  const data = JSON.stringify({ path: plainPath, cv: plainCv, pull: pullOneLine, spectrum: smallSpectrum });
  await page.evaluate(`(() => {
    const { path, cv, pull, spectrum } = ${data};
    const plot = window.__plot;
    const p = {
      ...path,
      lambda: Float64Array.from(path.lambda),
      df: Int32Array.from(path.df),
      devRatio: Float64Array.from(path.devRatio),
      beta: path.beta.map((b) => ({ index: Int32Array.from(b.index), value: Float64Array.from(b.value) })),
    };
    const add = (id, el) => {
      const div = document.createElement("div");
      div.id = id;
      div.appendChild(el);
      document.body.appendChild(div);
    };
    add("path", plot.coefficientPathChart(p, { lambda: 0.3 }));
    add("cv", plot.cvCurveChart(cv, {}));
    add("pull", plot.pullPriceChart(pull, {}));
    add("spectrum", plot.ridgeSpectrumChart(spectrum, {}));
  })()`);
});

after(async () => {
  await browser?.close();
});

test("the browser bundle of src/plot carries no server-side DOM", { skip }, () => {
  assert.ok(bundle.length > 1000);
  assert.doesNotMatch(bundle, /linkedom|from "node:/);
});

test("all four charts render in the page's document without console errors", { skip }, async () => {
  for (const id of ["path", "cv", "pull", "spectrum"]) {
    const label = await page.getAttribute(`#${id} > svg`, "aria-label");
    assert.ok(label && label.length > 0, id);
  }
  assert.equal(await page.locator("#path g.coefficient-path > path").count(), 4);
  assert.deepEqual(errors, []);
});

test("hovering a curve of the path chart shows a tip naming the variable and its value", { skip }, async () => {
  const box = await page.locator("#path svg").boundingBox();
  assert.ok(box);
  // bmi's last vertex (smallest λ): rightmost point of the bmi curve
  const d = await page.locator("#path g.coefficient-path > path", { has: page.locator("title", { hasText: /^bmi$/ }) }).getAttribute("d");
  const last = d!.slice(1).split("L").pop()!.split(",").map(Number);
  await page.mouse.move(box.x + last[0]! - 2, box.y + last[1]!);
  const tip = page.locator('#path g[aria-label="tip"] text');
  await tip.first().waitFor();
  const text = (await tip.allTextContents()).join(" ");
  assert.match(text, /bmi/);
  assert.match(text, /β = 0\.9/);
  if (process.env.PLOT_PREVIEW_DIR) await page.locator("#path svg").screenshot({ path: join(process.env.PLOT_PREVIEW_DIR, "browser-path-hover.png") });
});
