// The bad-file corpus through the lab's loader in Chromium: the functions the lab's worker reads a file
// with, bundled by Vite as the lab bundles them, give the same one-line errors naming the row and the
// column as in Node, and read the good files to the same designs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { blankPage, bundleLibrary, skipWithoutChromium as skip } from "../helpers/browser.js";
import { CASES, casePath } from "../fixtures/bad/corpus.js";

let browser: Browser | undefined;
let page: Page;
let errors: string[] = [];

before(async () => {
  if (skip) return;
  const bundle = await bundleLibrary(new URL("./loader-entry.ts", import.meta.url), "loader");
  ({ browser, page, errors } = await blankPage());
  await page.addScriptTag({ type: "module", content: `${bundle}\nwindow.__loader = { parseCsv, buildDesign, decodeText };` });
  await page.waitForFunction("'__loader' in window");
});

after(async () => {
  await browser?.close();
});

interface Outcome { error?: { name: string; message: string; row?: number; column?: string }; n?: number; p?: number; names?: string[]; y?: number[] }

test("every corpus case reads in the page as the lab reads it, with the corpus's error or result", { skip }, async () => {
  const cases = CASES.map((c) => ({ bytes: Array.from(readFileSync(casePath(c))), options: c.options }));
  // The page code is a string: tsx's helpers do not exist in the page.
  const outcomes = (await page.evaluate(`(() => {
    const { parseCsv, buildDesign, decodeText } = window.__loader;
    return ${JSON.stringify(cases)}.map(({ bytes, options }) => {
      try {
        const { delimiter, ...design } = options;
        const table = parseCsv(decodeText(new Uint8Array(bytes)), { delimiter });
        const d = buildDesign(table, design);
        return { n: d.x.n, p: d.x.p, names: [...d.x.names], y: Array.from(d.y) };
      } catch (e) {
        return { error: { name: e.name, message: e.message, row: e.row, column: e.column } };
      }
    });
  })()`)) as Outcome[];
  assert.equal(outcomes.length, CASES.length);
  CASES.forEach((c, i) => {
    const o = outcomes[i];
    if (c.error !== undefined) {
      assert.ok(o.error, `${c.file}: expected an error containing ${JSON.stringify(c.error)}, got a design`);
      assert.ok(o.error.name === "DataError" || o.error.name === "OptionError", `${c.file}: ${o.error.name}`);
      assert.ok(o.error.message.includes(c.error), `${c.file}: ${JSON.stringify(o.error.message)}`);
      assert.ok(!o.error.message.includes("\n"), `${c.file}: one line`);
      if (c.row !== undefined) assert.equal(o.error.row, c.row, `${c.file}: row`);
      if (c.column !== undefined) assert.equal(o.error.column, c.column, `${c.file}: column`);
    } else {
      assert.equal(o.error, undefined, `${c.file}: ${o.error?.message}`);
      const r = c.result ?? {};
      if (r.n !== undefined) assert.equal(o.n, r.n, `${c.file}: n`);
      if (r.p !== undefined) assert.equal(o.p, r.p, `${c.file}: p`);
      if (r.features !== undefined) assert.deepEqual(o.names, r.features, `${c.file}: features`);
      if (r.y !== undefined) assert.deepEqual(o.y, r.y, `${c.file}: y`);
      for (const v of o.y ?? []) assert.ok(Number.isFinite(v));
    }
  });
  assert.deepEqual(errors, []);
});
