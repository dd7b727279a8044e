/**
 * Render every snapshot chart to PNG with Debian's Chromium, to look at them:
 *   node --import tsx test/plot/preview.ts [outdir]     (default /tmp/shrinkage-plot-preview)
 * Not a test: nothing is compared.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { snapshotCases } from "./cases.js";

const outdir = process.argv[2] ?? "/tmp/shrinkage-plot-preview";
mkdirSync(outdir, { recursive: true });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1.5 });
  for (const c of snapshotCases) {
    const svg = c.render();
    writeFileSync(join(outdir, `${c.name}.svg`), svg);
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:white;font-family:sans-serif">${svg}</body></html>`);
    const element = await page.$("svg");
    await element!.screenshot({ path: join(outdir, `${c.name}.png`) });
    console.log(join(outdir, `${c.name}.png`));
  }
} finally {
  await browser.close();
}
