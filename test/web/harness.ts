/**
 * The lab's end-to-end harness: build the app with Vite into a temporary directory, serve it on
 * 127.0.0.1 with a tiny static server, and drive Debian's Chromium through playwright-core.
 */
import { createServer, type Server } from "node:http";
import { after, before } from "node:test";
import { mkdtempSync, readFileSync, rmSync, statSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/browser.js";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const ARTIFACTS = join(ROOT, "test-artifacts");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
};

export interface BuildOptions {
  /** Minify the bundle (default true, as `vite build`); false keeps function names readable in a CPU profile. */
  readonly minify?: boolean;
}

/** Build the lab (web/) with Vite's programmatic API into `outDir`. */
export async function buildLab(outDir: string, options: BuildOptions = {}): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: join(ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, ...(options.minify === false ? { minify: false } : {}) },
  });
}

/** Serve a directory on 127.0.0.1 at a free port; only files inside it, nothing else. */
export async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

export interface Lab {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Build, serve and launch: everything a test file needs, torn down by close(). */
export async function startLab(options: BuildOptions = {}): Promise<Lab> {
  const outDir = mkdtempSync(join(tmpdir(), "shrinkage-lab-"));
  await buildLab(outDir, options);
  const { server, url } = await serve(outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * One lab for a test file's tests: built and started before the first, closed after the last. Call it at the
 * file's top level; the function it returns gives the running lab.
 */
export function labForThisFile(options: BuildOptions = {}): () => Lab {
  let lab: Lab | undefined;
  before(async () => {
    lab = await startLab(options);
  });
  after(async () => {
    await lab?.close();
  });
  return () => {
    if (lab === undefined) throw new Error("the lab is not started: call labForThisFile() at the file's top level");
    return lab;
  };
}

/** data/diabetes.csv as text: the upload most lab tests make (442 rows, 10 variables, target progression). */
export const DIABETES_CSV = readFileSync(join(ROOT, "data", "diabetes.csv"), "utf8");

/** A new page that records console errors and uncaught exceptions. */
export async function openPage(lab: Lab, query = "", viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await lab.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(lab.url + query);
  return { page, errors };
}

/** Wait until the page has fitted its data (or shown an error). */
export async function waitForFit(page: Page, outcome: "true" | "error" = "true"): Promise<void> {
  await page.waitForSelector(`body[data-ready="${outcome}"]`, { timeout: 60_000 });
}

/** Upload `text` through the file input as a person would, then wait for the page's fit of it and its render. */
export async function uploadAndFit(page: Page, name: string, text: string): Promise<void> {
  await waitForFit(page);
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await page.setInputFiles("#file", { name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await waitForFit(page);
  await afterRender(page);
}

/** The coefficient table as numbers (full precision, from data-value), keyed by variable, once drawn. */
export async function tableValues(page: Page): Promise<Record<string, number>> {
  await afterRender(page);
  return page.$$eval("#coef-body tr", (rows) =>
    Object.fromEntries(
      rows.map((row) => [row.getAttribute("data-variable") ?? "", Number(row.querySelector("td[data-value]")?.getAttribute("data-value"))]),
    ),
  );
}

/**
 * Wait until the page has drawn what the last input changed: the lab renders in the next animation
 * frame after an input (one render per frame however many inputs), so two frames later it is on show.
 */
export async function afterRender(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * Do something that refits (load a file, change a setting) and wait for its outcome, "true" or "error":
 * the mark is cleared first, so the previous fit's mark is not taken for this one's.
 */
export async function refit(page: Page, action: () => Promise<unknown>): Promise<string> {
  await page.evaluate(() => (document.body.dataset.ready = "pending"));
  await action();
  await page.waitForFunction(() => document.body.dataset.ready === "true" || document.body.dataset.ready === "error", undefined, { timeout: 60_000 });
  await afterRender(page);
  return (await page.evaluate(() => document.body.dataset.ready))!;
}

/** 80 rows, four measurements; y1 and y2 share x1 and differ in x2 and x3 (a fixed stream: the same file every run). */
export function twoTargetsCsv(): string {
  let seed = 987;
  const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const lines = ["x1,x2,x3,x4,y1,y2"];
  for (let i = 0; i < 80; i++) {
    const x = Array.from({ length: 4 }, () => uniform() * 2 - 1);
    const y1 = 2 * x[0]! + 1.5 * x[1]! + 0.3 * (uniform() - 0.5);
    const y2 = 2 * x[0]! - 1.5 * x[2]! + 0.3 * (uniform() - 0.5);
    lines.push([...x, y1, y2].map((v) => v.toFixed(4)).join(","));
  }
  return lines.join("\n") + "\n";
}
