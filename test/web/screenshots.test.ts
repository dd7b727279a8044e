/**
 * The README's screenshots, taken from the real lab: `UPDATE_SCREENSHOTS=1 node --import tsx --test
 * test/web/screenshots.test.ts` (or `npm run screenshots`) loads diabetes as a file and saves the main
 * views into docs/screenshots/. Without it, the test checks that each screenshot the README shows is
 * committed and is a PNG of the view's size (so a missing one fails, in CI too).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, afterRender, openPage, startLab, waitForFit, type Lab } from "./harness.js";

const DIR = join(ROOT, "docs", "screenshots");
const VIEWS = ["paths", "pull", "drop", "table"] as const;
const update = process.env.UPDATE_SCREENSHOTS === "1";

let lab: Lab | null = null;
before(async () => {
  if (update) lab = await startLab();
});
after(async () => {
  await lab?.close();
});

test("the README's screenshots of the main views are committed PNGs, taken from the lab", async () => {
  if (update) {
    mkdirSync(DIR, { recursive: true });
    const { page, errors } = await openPage(lab!, "?view=paths&alpha=0.5", { width: 1366, height: 900 });
    await waitForFit(page);
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.setInputFiles("#file", { name: "diabetes.csv", mimeType: "text/csv", buffer: readFileSync(join(ROOT, "data", "diabetes.csv")) });
    await waitForFit(page);
    await page.waitForSelector("#panel-drop svg", { timeout: 120_000 });
    await afterRender(page);
    // The λ bar sticks to the top of the screen and would cover the top of a panel in its picture.
    await page.addStyleTag({ content: ".lambda-bar { position: static !important; }" });
    for (const view of VIEWS) {
      const panel = page.locator(`#panel-${view}`);
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: join(DIR, `lab-${view}.png`) });
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  for (const view of VIEWS) {
    const file = join(DIR, `lab-${view}.png`);
    assert.ok(existsSync(file), `docs/screenshots/lab-${view}.png is missing: run UPDATE_SCREENSHOTS=1 node --import tsx --test test/web/screenshots.test.ts`);
    const png = readFileSync(file);
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", `lab-${view}.png is a PNG`);
    assert.ok(png.readUInt32BE(16) >= 280 && png.readUInt32BE(20) >= 150, `lab-${view}.png is a view, not a sliver`);
    assert.ok(readme.includes(`docs/screenshots/lab-${view}.png`), `the README shows lab-${view}.png`);
  }
});
