/**
 * The lab as a static site (issue 15): `npm run site` builds a folder any static host serves. Built by the
 * script itself, served from a sub-folder of a plain static server (as a project page is, /shrinkage/),
 * it loads, fits its default data and draws, so every asset path is relative; and every view, reached by
 * its tab, loads with no console error (the workers of the views shown alone included).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/browser.js";
import { serve } from "./harness.js";
// @ts-expect-error: a plain ES module script, no types
import { buildSite } from "../../scripts/build-site.mjs";

test("npm run site builds a folder that a static server serves from a sub-path", async () => {
  const host = mkdtempSync(join(tmpdir(), "shrinkage-site-"));
  const { server, url } = await serve(host);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const out = join(host, "shrinkage");
    mkdirSync(out);
    await buildSite(out);
    const html = readFileSync(join(out, "index.html"), "utf8");
    const paths = [...html.matchAll(/(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]!).filter((p) => !p.startsWith("data:"));
    assert.ok(paths.length >= 2, `the page links its script and style (${paths.join(", ")})`);
    for (const p of paths) assert.ok(p.startsWith("./"), `asset path ${p} is relative`);
    readFileSync(join(out, "diabetes.csv"), "utf8"); // the bundled data beside the page
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${url}shrinkage/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    assert.ok((await page.locator("#panel-paths svg").count()) > 0, "the paths chart is drawn");
    assert.match(await page.locator("#status").innerText(), /diabetes/);
    // Every view, as a person reaches it (the tabs), loads from the static host with no console error;
    // the views shown alone start their workers, which a static host must serve as modules too.
    const views: string[] = [];
    for (const tab of await page.$$eval("#data-tabs [role='tab']", (bs) => bs.map((b) => b.id))) {
      await page.click(`#${tab}`);
      const view = tab.replace(/^data-tab-/, "");
      await page.waitForSelector(`#panel-${view}:not([hidden])`);
      views.push(view);
    }
    await page.waitForSelector("#panel-stability svg", { state: "attached", timeout: 120_000 }); // its worker ran
    for (const tab of ["geometry", "race", "simulate"]) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#page-${tab}:not([hidden]) svg, #page-${tab}:not([hidden]) .panel`);
      views.push(tab);
    }
    assert.deepEqual(views, ["paths", "drop", "stability", "df", "cost", "standardize", "geometry", "race", "simulate"]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(host, { recursive: true, force: true });
  }
});
