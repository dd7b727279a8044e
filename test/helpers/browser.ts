// Real-browser tests: Debian's Chromium driven by playwright-core, and library bundles built with Vite
// the way the lab builds them.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { chromium, type Browser, type Page } from "playwright-core";
import { inCi } from "./ci.js";

export const CHROMIUM = "/usr/bin/chromium";
/**
 * `skip` for node:test when Chromium is missing (scripts/ensure-chromium.mjs installs it before npm test).
 * Never in CI, which installs Chromium: there a missing browser fails the browser tests (see blankPage)
 * instead of skipping them, so they cannot pass by not running.
 */
export const skipWithoutChromium: string | false = existsSync(CHROMIUM) || inCi ? false : `${CHROMIUM} not installed`;

/** Chromium flags that work as root in this sandbox, with no network chatter. */
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Bundle one library entry (an ES module) with Vite and return its code. */
export async function bundleLibrary(entry: URL, name: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `shrinkage-${name}-bundle-`));
  try {
    await build({
      configFile: false,
      logLevel: "silent",
      build: { outDir, emptyOutDir: true, minify: false, lib: { entry: entry.pathname, formats: ["es"], fileName: name } },
    });
    const file = readdirSync(outDir).find((f) => f.endsWith(".js"));
    assert.ok(file, "vite produced no bundle");
    return readFileSync(join(outDir, file), "utf8");
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** A blank page in a fresh headless Chromium; console errors and page errors are collected. */
export async function blankPage(): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it (npm test runs scripts/ensure-chromium.mjs first, which does)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setContent("<!DOCTYPE html><html><body></body></html>");
  return { browser, page, errors };
}
