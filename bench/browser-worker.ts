/**
 * The benchmark's browser side: Shrinkage in headless Chromium, run in a child process of
 * bench/run.ts like the other systems. It bundles the engine with Vite (once per run, kept in the
 * data directory), serves the data directory on 127.0.0.1 with node:http, opens the page in
 * Chromium via playwright-core, and has the page fetch() the raw files straight into typed
 * arrays. Each fit is timed inside the page with performance.now(); data transfer, bundle loading
 * and the calls between Node and the page are outside the timed span.
 *
 * Usage: node --import tsx bench/browser-worker.ts <spec.json>   (spec: BrowserSpec)
 *
 * Memory and CPU are read from outside, from /proc of the page's renderer process: the page has
 * nothing reliable of its own (performance.memory is the JS heap alone, without the ArrayBuffers
 * and WebAssembly memory that hold the data and the workspace; measureUserAgentSpecificMemory is a
 * snapshot taken at some later garbage collection, not a peak).
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { BROWSER_ARGS, browserEntry, PAGE_MODULE, type BrowserSpec } from "./browser.js";
import { denseCoefficients, statusKb, writeCoefficients } from "./exchange.js";
import { timeRuns } from "./schedule.js";

interface PageInfo {
  kernels: string;
  wasm: boolean;
  crossOriginIsolated: boolean;
  gc: boolean;
  userAgent: string;
}

interface PagePath {
  lambda: number[];
  intercept: number[];
  npasses: number;
  beta: { index: number[]; value: number[] }[];
  lambdaMin?: number;
  lambda1se?: number;
  cvm?: number[];
}

/** The engine bundled for the page, built once per run and kept beside the data. */
async function engineBundle(dir: string, engine: "src" | "dist"): Promise<string> {
  const file = join(dir, `browser-engine-${engine}.js`);
  if (existsSync(file)) return readFileSync(file, "utf8");
  const entry = join(dir, `browser-entry-${engine}.js`);
  writeFileSync(entry, browserEntry(engine));
  const outDir = mkdtempSync(join(dir, "browser-bundle-"));
  try {
    const { build } = await import("vite");
    // As test/helpers/browser.ts bundles the library, with the lab's target (web/vite.config.ts).
    await build({
      configFile: false, logLevel: "silent", root: dir, publicDir: false,
      build: { outDir, emptyOutDir: true, minify: false, target: "es2022", lib: { entry, formats: ["es"], fileName: "engine" } },
    });
    const out = readdirSync(outDir).find((f) => /\.m?js$/.test(f));
    if (!out) throw new Error("vite produced no bundle");
    const code = readFileSync(join(outDir, out), "utf8");
    writeFileSync(file, code);
    return code;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * The page, its module, the engine and the data files, on 127.0.0.1 at a random port. Served
 * cross-origin isolated (COOP + COEP), so performance.now() ticks in 5 µs steps instead of 100 µs.
 */
async function serve(dir: string, bundle: string): Promise<{ server: Server; url: string }> {
  const files = new Set(["x.f64", "y.f64", "foldid.i32"]);
  const isolation = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cache-Control": "no-store" };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const text = (type: string, body: string): void => {
      res.writeHead(200, { ...isolation, "Content-Type": `${type}; charset=utf-8` });
      res.end(body);
    };
    if (path === "/") return text("text/html", '<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"><script type="module" src="/bench-page.js"></script></head><body></body></html>');
    if (path === "/bench-page.js") return text("text/javascript", PAGE_MODULE);
    if (path === "/engine.js") return text("text/javascript", bundle);
    const name = path.startsWith("/data/") ? path.slice(6) : "";
    if (files.has(name) && existsSync(join(dir, name))) {
      const file = join(dir, name);
      res.writeHead(200, { ...isolation, "Content-Type": "application/octet-stream", "Content-Length": String(statSync(file).size) });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, isolation);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("bench: no port for the page server");
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/**
 * CPU time of every thread of a process, in ms, at nanosecond resolution (the first field of
 * /proc/<pid>/task/<tid>/schedstat is the thread's time on a CPU); null if unreadable.
 */
function processCpuMs(pid: number): number | null {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // a thread that ended between listing and reading
      }
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

/** CPU time of a process's main thread, in ms (/proc/<pid>/schedstat); null if unreadable. */
function mainThreadCpuMs(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * The renderer process of the page: Chromium runs several (the page's, a spare one, one for its
 * own WebUI, busy for a while after start) and says which are renderers but not whose. WebUI and
 * extension renderers are left out by their command line; the page then keeps its thread busy for
 * 200 ms, and the renderer whose main thread alone moves by most of that is the page's.
 */
async function pageRenderer(browser: Browser, page: Page): Promise<{ pid: number | null; why?: string }> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  const renderers = info.processInfo.filter((p) => p.type === "renderer").map((p) => p.id).filter((pid) => {
    try {
      return !/\0--(top-chrome-webui|extension-process)\0/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
    } catch {
      return false;
    }
  });
  if (!renderers.length || renderers.some((pid) => mainThreadCpuMs(pid) === null)) return { pid: null, why: "Chromium's renderer processes are not readable in /proc" };
  // Other renderers can be busy for a moment after start: spin again until one alone moved.
  let moved: number[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    const before = renderers.map((pid) => mainThreadCpuMs(pid) ?? 0);
    await page.evaluate("__bench.spin(200)");
    moved = renderers.map((pid, k) => (mainThreadCpuMs(pid) ?? 0) - before[k]);
    const best = moved.indexOf(Math.max(...moved));
    const second = Math.max(...moved.filter((_, k) => k !== best), 0);
    if (moved[best] >= 100 && second <= 20) return { pid: renderers[best] };
  }
  return { pid: null, why: `the page's renderer process was not told apart (main threads moved ${moved.map((m) => m.toFixed(0)).join("/")} ms in a 200 ms spin)` };
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2], "utf8")) as BrowserSpec;
  const { n, p } = spec;
  const bundle = await engineBundle(spec.dir, spec.engine);
  const { server, url } = await serve(spec.dir, bundle);
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: spec.chromium, args: BROWSER_ARGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction("'__bench' in window", undefined, { timeout: 60_000 }).catch(() => {
      throw new Error(`the page did not load the engine: ${errors.join("; ") || "no error reported"}`);
    });
    const info = (await page.evaluate(`__bench.load(${JSON.stringify({ n, p, family: spec.family, alpha: spec.alpha, kind: spec.kind })})`)) as PageInfo;

    // Peak memory: the renderer's RSS high-water mark, restarted once the data is in the page
    // (writing 5 to clear_refs sets VmHWM to the current RSS), so it is "data + one fit" like the
    // Node worker's and not fetch()'s transient buffers.
    const renderer = await pageRenderer(browser, page);
    let memoryNote: string | undefined = renderer.why;
    let hwmReset = false;
    if (renderer.pid !== null) {
      try {
        writeFileSync(`/proc/${renderer.pid}/clear_refs`, "5");
        hwmReset = true;
      } catch (e) {
        memoryNote = `the peak counts the data's download too (/proc/${renderer.pid}/clear_refs: ${(e as Error).message})`;
      }
    }
    const baseRssKb = renderer.pid !== null ? statusKb(renderer.pid, "VmRSS") : null;
    const cpu = (): number | null => (renderer.pid !== null ? processCpuMs(renderer.pid) : null);

    // The Node worker's schedule: the first fit in a fresh page is the cold one (a warm-up when
    // warm-ups are asked for); garbage is collected between runs on data of 1M+ cells.
    const collect = async (): Promise<void> => {
      if (n * p >= 1_000_000) await page.evaluate("__bench.collect()");
    };
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const timed = async (): Promise<void> => {
      await collect();
      const c0 = cpu();
      times.push((await page.evaluate("__bench.once()")) as number);
      const c1 = cpu();
      if (c0 !== null && c1 !== null) cpuTimes.push(c1 - c0);
    };
    const { coldMs } = await timeRuns(spec, {
      timed,
      untimed: async () => {
        await collect();
        await page.evaluate("__bench.once()");
      },
    }, times, cpuTimes);
    const peakRssKb = renderer.pid !== null ? statusKb(renderer.pid, "VmHWM") : null;

    const path = (await page.evaluate("__bench.result()")) as PagePath;
    if (errors.length) throw new Error(`the page reported errors: ${errors.join("; ")}`);
    writeCoefficients(`${spec.out}.coef.f64`, denseCoefficients(path, p));
    const chrome = browser.version();
    const fit = spec.kind === "cv" ? "cvPath, 1 job (no worker-thread pool in the page)" : "fitPath";
    const result = {
      times, cpuTimes: cpuTimes.length === times.length ? cpuTimes : [], coldMs, baseRssKb, peakRssKb,
      variant: `${fit}, Chromium ${chrome}, page main thread (${spec.engine}, Vite bundle, ${info.wasm && info.kernels !== "ts" ? "WebAssembly" : "TypeScript"} kernels)`,
      nlambda: path.lambda.length, npasses: path.npasses,
      ...(path.lambdaMin !== undefined ? { lambdaMin: path.lambdaMin, lambda1se: path.lambda1se, cvm: path.cvm } : {}),
      rendererPid: renderer.pid, peakSinceDataLoaded: hwmReset, crossOriginIsolated: info.crossOriginIsolated,
      ...(memoryNote ? { memoryNote } : {}),
    };
    writeFileSync(`${spec.out}.json`, JSON.stringify(result));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
