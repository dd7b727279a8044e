/**
 * How long the lab takes to follow one λ change on the bundled data (issue 6: "every view updates at
 * once, and for the bundled data within one animation frame"). Builds the lab, opens it in Debian's
 * Chromium, waits for the diabetes fit, then moves λ many times, with the keyboard on the slider,
 * with the mouse (a drag) and programmatically (seeded random positions, fitted λs and positions between
 * them: every jump far, the worst case), one change per frame, and reports per change:
 *
 *   page work                  the page's own work: the slider's input handler plus the render it
 *                              schedules for the next animation frame
 *   frame work                 the same plus the browser's style, layout, paint and commit of that frame
 *                              (what has to fit in 16.7 ms for the change to show in one frame)
 *   input → update done        from the input event to the end of the page's render (includes the wait
 *                              for the next frame: keyboard input is not aligned to frames, mouse moves are)
 *   input → next frame's callbacks   to the animation frame after the one that drew the change
 *   frames late                frames skipped between the update's frame and the next (0: none)
 *
 * as median, 90th percentile and max, in ms and as a multiple of one 60 Hz frame (16.7 ms). A benchmark
 * that prints numbers, not a test: the machine may be shared, so the load average is printed beside them.
 *
 *   node --import tsx bench/lab.ts                     # 160 keyboard steps, 160 programmatic changes
 *   node --import tsx bench/lab.ts --changes 300 --profile [--top 30] [--json lab.json]
 *   node --import tsx bench/lab.ts --query "alpha=0.5"  # other settings (added to ?data=diabetes)
 *   node --import tsx bench/lab.ts --data breast_cancer  # another bundled dataset (data/NAME.csv)
 *   node --import tsx bench/lab.ts --scroll panel-table  # with the coefficient table on screen
 *   node --import tsx bench/lab.ts --no-wait             # start at once after the fit, while the
 *                                                        # worker is still explaining the positions
 *   node --import tsx bench/lab.ts --init "window.x = 1" # a script run before the page's (experiments)
 *
 * --profile builds the lab unminified and records a CPU profile (Chrome DevTools protocol) over the
 * programmatic changes: self and total time per function, to see what the update spends its time on.
 * --trace records a trace instead: the renderer's time per event (style, layout, paint, scripts).
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { CDPSession, Page } from "playwright-core";
import { startLab, waitForFit, type Lab } from "../test/web/harness.js";
import { SUBSTEPS } from "../web/src/slider.js";

const FRAME_MS = 1000 / 60;

/** One λ change as the page saw it (performance.now() times, ms). */
interface ChangeRecord {
  /** The slider's value after the change. */
  readonly value: number;
  /** The input event reached the window (capture phase, before the page's own listener). */
  readonly tInput: number;
  /** The page's input listener has returned. */
  readonly tHandled: number;
  /** Start of the next frame's animation callbacks (a callback requested before the page's render). */
  readonly tFrame: number;
  /** The page's render has returned (a callback requested after the page's). */
  readonly tUpdated: number;
  /** A task posted at tUpdated has run: that frame's style, layout and paint are done. */
  readonly tPainted: number;
  /** The next frame's animation callbacks. */
  readonly tNext: number;
}

/**
 * Installed before the page's scripts: listeners on the window around the page's slider listener (capture
 * runs before it, bubble after), and animation-frame callbacks around the page's render, which requests
 * its callback from the input listener, so callbacks requested before and after it bracket it.
 * (Plain JavaScript in a string: tsx would wrap named inner functions in a helper the page lacks.)
 */
const RECORDER = `(() => {
  const records = [];
  const waiters = [];
  let current = null;
  window.__labBench = {
    records,
    wait(count) {
      return new Promise((resolve) => (records.length >= count ? resolve() : waiters.push({ count, resolve })));
    },
  };
  const isSlider = (e) => e.target && e.target.id === "lambda-slider";
  addEventListener("input", (e) => {
    if (!isSlider(e)) return;
    const rec = { value: NaN, tInput: performance.now(), tHandled: NaN, tFrame: NaN, tUpdated: NaN, tPainted: NaN, tNext: NaN };
    current = rec;
    requestAnimationFrame(() => { rec.tFrame = performance.now(); });
  }, true);
  addEventListener("input", (e) => {
    if (!isSlider(e) || !current) return;
    const rec = current;
    current = null;
    rec.value = Number(e.target.value);
    rec.tHandled = performance.now();
    requestAnimationFrame(() => {
      rec.tUpdated = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { rec.tPainted = performance.now(); };
      channel.port2.postMessage(0);
      requestAnimationFrame(() => {
        rec.tNext = performance.now();
        records.push(rec);
        for (const waiter of waiters.splice(0)) {
          if (records.length >= waiter.count) waiter.resolve();
          else waiters.push(waiter);
        }
      });
    });
  }, false);
})();`;

async function recordCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __labBench: { records: unknown[] } }).__labBench.records.length);
}

async function waitForRecords(page: Page, count: number): Promise<void> {
  await page.evaluate((n) => (window as unknown as { __labBench: { wait(n: number): Promise<void> } }).__labBench.wait(n), count);
}

async function records(page: Page): Promise<ChangeRecord[]> {
  return page.evaluate(() => (window as unknown as { __labBench: { records: ChangeRecord[] } }).__labBench.records.slice());
}

/** Set the slider to a position as a script would, with the input event a person's drag fires. */
async function setSlider(page: Page, position: number): Promise<void> {
  await page.evaluate((pos) => {
    const slider = document.getElementById("lambda-slider") as HTMLInputElement;
    slider.value = String(pos);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  }, position);
}

/** A small seeded generator, so runs move through the same positions. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
}

function summarize(values: readonly number[]): Summary {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted[sorted.length - 1] ?? NaN };
}

const MEASURES: { name: string; of: (r: ChangeRecord) => number; frames?: boolean }[] = [
  { name: "page work (input handler + render)", of: (r) => r.tHandled - r.tInput + (r.tUpdated - r.tFrame) },
  { name: "  of which the render", of: (r) => r.tUpdated - r.tFrame },
  { name: "frame work (+ style, layout, paint)", of: (r) => r.tHandled - r.tInput + (r.tPainted - r.tFrame) },
  { name: "input → update done", of: (r) => r.tUpdated - r.tInput },
  { name: "input → next frame's callbacks", of: (r) => r.tNext - r.tInput },
  { name: "frames late (0: none dropped)", of: (r) => Math.max(0, Math.round((r.tNext - r.tFrame) / FRAME_MS) - 1), frames: true },
];

function ms(x: number): string {
  return `${x.toFixed(1).padStart(6)} ms ${`(${(x / FRAME_MS).toFixed(2)})`.padStart(7)}`;
}

function table(title: string, rows: readonly ChangeRecord[]): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  process.stdout.write(`\n${title}: ${rows.length} changes\n`);
  process.stdout.write(`${"".padEnd(38)}${"median".padStart(17)}${"p90".padStart(17)}${"max".padStart(17)}\n`);
  for (const m of MEASURES) {
    const s = summarize(rows.map(m.of));
    out[m.name.trim()] = s;
    const cell = (x: number) => (m.frames ? x.toFixed(1).padStart(17) : ms(x).padStart(17));
    process.stdout.write(`${m.name.padEnd(38)}${cell(s.median)}${cell(s.p90)}${cell(s.max)}\n`);
  }
  return out;
}

// ---- CPU profile -----------------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

function frameName(node: ProfileNode): string {
  const f = node.callFrame;
  const file = f.url.replace(/^.*\/assets\//, "").replace(/^https?:\/\/[^/]+\//, "");
  return `${f.functionName || "(anonymous)"} ${file}${file ? `:${f.lineNumber + 1}` : ""}`;
}

/** Self and total (inclusive) time per function, ms; idle and the profiler's own samples left out. */
function profileTimes(profile: Profile): { busy: number; self: Map<string, number>; total: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  (profile.samples ?? []).forEach((id, k) => {
    const dt = (profile.timeDeltas?.[k + 1] ?? 0) / 1000; // a sample's time runs until the next one
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === "(idle)") return;
    busy += dt;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      const nm = frameName(n);
      if (n.callFrame.functionName === "(root)" || seen.has(nm)) continue;
      seen.add(nm);
      total.set(nm, (total.get(nm) ?? 0) + dt);
    }
  });
  return { busy, self, total };
}

function printProfile(profile: Profile, changes: number, top: number): void {
  const { busy, self, total } = profileTimes(profile);
  const list = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  process.stdout.write(`\nCPU profile of the page's main thread over ${changes} programmatic changes: ${busy.toFixed(0)} ms busy, ${(busy / changes).toFixed(2)} ms per change\n`);
  process.stdout.write(`total (inclusive) per change:\n`);
  for (const [name, t] of list(total)) process.stdout.write(`${(t / changes).toFixed(3).padStart(9)} ms  ${name}\n`);
  process.stdout.write(`self per change:\n`);
  for (const [name, t] of list(self)) process.stdout.write(`${(t / changes).toFixed(3).padStart(9)} ms  ${name}\n`);
}

// ---- Trace: the browser's own work (style, layout, paint), which a JavaScript profile shows as "(program)"

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; beginData?: { dirtyObjects?: number; totalObjects?: number }; elementCount?: number };
}

function startTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  return new Promise((resolve) => cdp.once("Tracing.tracingComplete", () => resolve(events)));
}

/** Time per trace event name on the renderer's main thread (top-level and nested alike: they overlap). */
function printTrace(events: readonly TraceEvent[], changes: number, top: number): void {
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) {
    process.stdout.write("\ntrace: no renderer main thread found\n");
    return;
  }
  const sums = new Map<string, { ms: number; count: number }>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== "X" || e.dur === undefined) continue;
    const s = sums.get(e.name) ?? { ms: 0, count: 0 };
    s.ms += e.dur / 1000;
    s.count++;
    sums.set(e.name, s);
  }
  process.stdout.write(`\nTrace of the renderer's main thread over ${changes} programmatic changes (ms per change; nested events overlap):\n`);
  // How much the browser re-laid out and re-styled: objects per change.
  let dirty = 0;
  let total = 0;
  let styled = 0;
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid) continue;
    if (e.name === "Layout" && e.args?.beginData) {
      dirty += e.args.beginData.dirtyObjects ?? 0;
      total += e.args.beginData.totalObjects ?? 0;
    }
    if (e.name === "UpdateLayoutTree") styled += e.args?.elementCount ?? 0;
  }
  process.stdout.write(`layout: ${(dirty / changes).toFixed(0)} dirty of ${(total / changes).toFixed(0)} objects per change; style recalculated for ${(styled / changes).toFixed(0)} elements per change\n`);
  for (const [name, s] of [...sums.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    process.stdout.write(`${(s.ms / changes).toFixed(3).padStart(9)} ms  ${(s.count / changes).toFixed(1).padStart(5)}×  ${name}\n`);
  }
}

// ---- Main ------------------------------------------------------------------------------------------

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const changes = Number(option(argv, "--changes") ?? 160);
  const profile = argv.includes("--profile");
  const trace = argv.includes("--trace");
  const top = Number(option(argv, "--top") ?? 25);
  const json = option(argv, "--json");
  const extra = option(argv, "--query");
  const dataset = option(argv, "--data") ?? "diabetes";
  const scrollTo = option(argv, "--scroll");
  const waitEvidence = !argv.includes("--no-wait");
  const warmup = 12;

  const t0 = Date.now();
  process.stderr.write("building the lab…\n");
  const lab: Lab = await startLab({ minify: !profile });
  process.stderr.write(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s; fitting ${dataset}…\n`);
  try {
    const query = `?data=${dataset}&view=paths${extra ? `&${extra}` : ""}`;
    const { page, errors } = await openPageWith(lab, query, option(argv, "--init"));
    const messages: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning" || m.type() === "error") messages.push(`${m.type()}: ${m.text()}`);
    });
    await waitForFit(page);
    const fitted = Date.now();
    if (waitEvidence) {
      // The worker explains every slider position after the fit; the steady state is after that.
      await page.waitForSelector("body[data-evidence='complete']", { timeout: 120_000 }).catch(() => undefined);
      process.stdout.write(`evidence at every slider position in ${((Date.now() - fitted) / 1000).toFixed(1)} s after the fit\n`);
    }
    if (scrollTo) await page.locator(`#${scrollTo}`).scrollIntoViewIfNeeded();
    const info = await page.evaluate(() => ({
      max: Number((document.getElementById("lambda-slider") as HTMLInputElement).max),
      status: document.getElementById("status")?.textContent ?? "",
    }));
    const fittedLambdas = info.max / SUBSTEPS + 1;
    process.stdout.write(`lab built and fitted in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${info.status}\n`);
    process.stdout.write(`slider: ${info.max + 1} positions, ${fittedLambdas} fitted λs (${SUBSTEPS} steps between neighbours)\n`);

    // Keyboard: from λ_max down the path, one arrow press per change (a warm-up of a few first).
    await page.focus("#lambda-slider");
    await page.keyboard.press("Home");
    await waitForRecords(page, 1);
    let base = await recordCount(page);
    for (let i = 0; i < warmup; i++) {
      await page.keyboard.press("ArrowRight");
      await waitForRecords(page, base + i + 1);
    }
    base = await recordCount(page);
    const keySteps = Math.min(changes, info.max - warmup - 1);
    for (let i = 0; i < keySteps; i++) {
      await page.keyboard.press("ArrowRight");
      await waitForRecords(page, base + i + 1);
    }
    const keyboard = (await records(page)).slice(base);

    // A mouse drag along the slider, a few pixels per move (several positions per change, as a hand drags).
    const beforeHome = await recordCount(page);
    await page.keyboard.press("Home");
    await waitForRecords(page, beforeHome + 1);
    const track = (await page.locator("#lambda-slider").boundingBox())!;
    const y = track.y + track.height / 2;
    await page.mouse.move(track.x + 6, y);
    await page.mouse.down();
    base = await recordCount(page);
    const moves = Math.min(changes, Math.floor((track.width * 0.9) / 4));
    for (let i = 1; i <= moves; i++) {
      const before = await recordCount(page);
      await page.mouse.move(track.x + 6 + 4 * i, y);
      // A move within one position fires no input: wait a moment instead of forever.
      await Promise.race([waitForRecords(page, before + 1), new Promise((resolve) => setTimeout(resolve, 300))]);
    }
    await page.mouse.up();
    const drag = (await records(page)).slice(base);

    // Programmatic: seeded positions over the whole slider; every fourth a fitted λ.
    const random = lcg(20240601);
    const positions = Array.from({ length: changes + warmup }, (_, i) => {
      const pos = Math.floor(random() * (info.max + 1));
      return i % 4 === 0 ? Math.round(pos / SUBSTEPS) * SUBSTEPS : pos;
    });
    let cdp: CDPSession | null = null;
    let traced: Promise<TraceEvent[]> | null = null;
    base = await recordCount(page);
    for (let i = 0; i < positions.length; i++) {
      if (i === warmup && profile) {
        cdp = await page.context().newCDPSession(page);
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
        await cdp.send("Profiler.start");
      }
      if (i === warmup && trace) {
        cdp = await page.context().newCDPSession(page);
        traced = startTrace(cdp);
        await cdp.send("Tracing.start", { categories: "devtools.timeline,blink,cc,v8.execute", transferMode: "ReportEvents" });
      }
      await setSlider(page, positions[i]!);
      await waitForRecords(page, base + i + 1);
    }
    let cpu: Profile | null = null;
    if (cdp && profile) cpu = ((await cdp.send("Profiler.stop")) as { profile: Profile }).profile;
    let events: TraceEvent[] | null = null;
    if (cdp && traced) {
      await cdp.send("Tracing.end");
      events = await traced;
    }
    const programmatic = (await records(page)).slice(base + warmup);

    const load = loadavg().map((l) => l.toFixed(2)).join(", ");
    process.stdout.write(`\nPer λ change, ms (and in 60 Hz frames of ${FRAME_MS.toFixed(1)} ms); load average ${load} on ${(await import("node:os")).cpus().length} cores${profile ? "; PROFILED, unminified: slower than normal" : ""}\n`);
    const onPath = (r: ChangeRecord) => r.value % SUBSTEPS === 0;
    const results = {
      keyboard: table("keyboard (arrow keys on the slider)", keyboard),
      drag: table("mouse drag along the slider (4 px per move)", drag),
      programmatic: table("programmatic, all positions", programmatic),
      fitted: table("programmatic, at fitted λs", programmatic.filter(onPath)),
      between: table("programmatic, between fitted λs", programmatic.filter((r) => !onPath(r))),
    };
    if (cpu) printProfile(cpu, programmatic.length, top);
    if (events) printTrace(events, programmatic.length, top);
    const complaints = [...errors, ...messages];
    if (complaints.length) process.stdout.write(`\nconsole during the run (${complaints.length}):\n${[...new Set(complaints)].slice(0, 10).join("\n")}\n`);
    if (json) writeFileSync(json, JSON.stringify({ load: loadavg(), frameMs: FRAME_MS, results, keyboard, programmatic }, null, 2));
    await page.close();
  } finally {
    await lab.close();
  }
}

/** The harness's openPage, with the recorder installed before the page's own scripts run. */
async function openPageWith(lab: Lab, query: string, init?: string): Promise<{ page: Page; errors: string[] }> {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: RECORDER });
  if (init) await context.addInitScript({ content: init });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(lab.url + query);
  return { page, errors };
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
