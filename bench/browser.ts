/**
 * Shrinkage in Chromium, the benchmark's fourth system: what bench/systems.ts (the parent) and
 * bench/browser-worker.ts (the child that drives the browser) share. Nothing here loads Vite or
 * playwright-core, so the benchmark runs, and reports the browser as missing, without them.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { WorkerSpec } from "./shrinkage-worker.js";

/** Debian's Chromium, as the browser tests use it; $SHRINKAGE_BENCH_CHROMIUM overrides. */
export function chromiumPath(): string {
  return process.env.SHRINKAGE_BENCH_CHROMIUM ?? "/usr/bin/chromium";
}

/**
 * test/helpers/browser.ts's flags (they work as root in this sandbox, with no network chatter),
 * plus a 4 GB V8 old space (the default limit is tight for 80 MB of X and its working copies)
 * and gc() in the page, so the benchmark can collect between runs as the Node worker does.
 */
export const BROWSER_ARGS = [
  "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--js-flags=--max-old-space-size=4096 --expose-gc",
];

/** What the browser worker is asked to do: the Node worker's spec and the browser to use. */
export interface BrowserSpec extends WorkerSpec {
  readonly chromium: string;
}

/** Whether a package resolves from here (without loading it), and its version. */
export function packageVersion(name: string): string | null {
  try {
    const file = fileURLToPath(import.meta.resolve(`${name}/package.json`));
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    try {
      import.meta.resolve(name);
      return "?";
    } catch {
      return null;
    }
  }
}

/**
 * The module the page imports: the engine's entry points, from the TypeScript sources or the
 * build, bundled by Vite as the lab bundles the library (written into the run's data directory).
 */
export function browserEntry(engine: "src" | "dist"): string {
  const file = (path: string): string =>
    JSON.stringify(fileURLToPath(new URL(engine === "dist" ? `../dist/${path}.js` : `../src/${path}.ts`, import.meta.url)));
  return [
    `export { fitPath } from ${file("solve/path")};`,
    `export { cvPath } from ${file("cv/cv")};`,
    `export { kernelChoice, wasmKernelsAvailable } from ${file("linalg/workspace")};`,
    "",
  ].join("\n");
}

/**
 * The page's own module (served beside the engine bundle): loads the data with fetch() straight
 * into typed arrays, runs one fit per call timed with performance.now(), and hands back the last
 * path. Plain JavaScript in a string: it runs in Chromium, not through tsx.
 */
export const PAGE_MODULE = `
import * as engine from "/engine.js";

const state = { x: null, y: null, foldid: null, options: null, last: null };

async function typed(url, Type, count) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(url + ": HTTP " + response.status);
  const array = new Type(await response.arrayBuffer());
  if (array.length !== count) throw new Error(url + ": " + array.length + " values, expected " + count);
  return array;
}

window.__bench = {
  async load(spec) {
    const { n, p } = spec;
    const data = await typed("/data/x.f64", Float64Array, n * p);
    state.x = { n, p, data, names: Array.from({ length: p }, (_, j) => "x" + (j + 1)) };
    state.y = await typed("/data/y.f64", Float64Array, n);
    state.foldid = spec.kind === "cv" ? await typed("/data/foldid.i32", Int32Array, n) : null;
    state.options = { family: spec.family, alpha: spec.alpha };
    return {
      kernels: engine.kernelChoice(), wasm: engine.wasmKernelsAvailable(), crossOriginIsolated: self.crossOriginIsolated,
      gc: typeof gc === "function", userAgent: navigator.userAgent,
    };
  },
  /** One fit; returns its wall time in ms (the page's performance.now()). */
  once() {
    const { x, y, foldid, options } = state;
    const t0 = performance.now();
    const r = foldid ? engine.cvPath(x, y, { ...options, foldid }) : engine.fitPath(x, y, options);
    const ms = performance.now() - t0;
    state.last = r;
    return ms;
  },
  async collect() {
    if (typeof gc !== "function") return;
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  },
  /** Keeps the page's thread busy for ms: tells the page's renderer process from the others. */
  spin(ms) {
    const t0 = performance.now();
    let s = 0;
    while (performance.now() - t0 < ms) s += Math.sqrt(s + 1);
    return s;
  },
  /** The last fit's path, sparse (doubles cross to Node exactly). */
  result() {
    const r = state.last;
    const path = state.foldid ? r.path : r;
    return {
      lambda: Array.from(path.lambda), intercept: Array.from(path.intercept), npasses: path.npasses,
      beta: path.beta.map((b) => ({ index: Array.from(b.index), value: Array.from(b.value) })),
      ...(state.foldid ? { lambdaMin: r.lambdaMin, lambda1se: r.lambda1se, cvm: Array.from(r.cvm) } : {}),
    };
  },
};
`;
