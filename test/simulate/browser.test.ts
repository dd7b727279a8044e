/**
 * The simulation library in a real browser (Debian's Chromium via playwright-core): bundled with Vite
 * as the lab bundles it, it must contain no node: import, and a repetition run in the page must give
 * exactly the numbers it gives in Node: the same random draws, the same fits, the same summaries.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { blankPage, bundleLibrary, skipWithoutChromium as skip } from "../helpers/browser.js";
import { makeDesign, sampleData } from "../../src/simulate/design.js";
import { createRng, streamStates } from "../../src/random/rng.js";
import { resolveExperimentOptions, runRepetition, summarizeExperiment } from "../../src/simulate/experiment.js";
import { scenario } from "../../src/simulate/scenarios.js";

let browser: Browser | undefined;
let page: Page;
let bundle = "";
let errors: string[] = [];

before(async () => {
  if (skip) return;
  bundle = await bundleLibrary(new URL("../../src/simulate/index.ts", import.meta.url), "simulate");
  ({ browser, page, errors } = await blankPage());
  await page.addScriptTag({ type: "module", content: `${bundle}\nwindow.__simulate = { makeDesign, sampleData, createRng, streamStates, resolveExperimentOptions, runRepetition, summarizeExperiment, scenario };` });
  await page.waitForFunction("'__simulate' in window");
});

after(async () => {
  await browser?.close();
});

test("the bundle has no Node built-ins", { skip }, () => {
  assert.doesNotMatch(bundle, /from\s+["']node:/);
  assert.doesNotMatch(bundle, /worker_threads/);
});

test("the same seed draws the same numbers in the browser as in Node", { skip }, async () => {
  const design = makeDesign({ n: 50, p: 6, s: 2, correlation: { type: "ar1", rho: 0.6 }, snr: 3 });
  const { x, y } = sampleData(design, createRng(2024));
  // The page code is a string: tsx would compile a function with helpers the page does not have.
  const fromPage = await page.evaluate(`(() => {
    const s = window.__simulate;
    const design = s.makeDesign({ n: 50, p: 6, s: 2, correlation: { type: "ar1", rho: 0.6 }, snr: 3 });
    const { x, y } = s.sampleData(design, s.createRng(2024));
    return { x: Array.from(x.data), y: Array.from(y), streams: s.streamStates(9, 3) };
  })()`) as { x: number[]; y: number[]; streams: number[][] };
  assert.deepEqual(fromPage.x, Array.from(x.data));
  assert.deepEqual(fromPage.y, Array.from(y));
  assert.deepEqual(fromPage.streams, streamStates(9, 3));
  assert.deepEqual(errors, []);
});

test("a whole repetition (fits, cross-validation, relaxed refits) gives the same summary in the browser", { skip }, async () => {
  const design = makeDesign(scenario("irrepresentable").spec);
  const options = resolveExperimentOptions(design, { reps: 2, nlambda: 10, nfolds: 3, nTest: 50, seed: 3 });
  const states = streamStates(options.seed, 2);
  const node = summarizeExperiment(design, options, states.map((s, r) => runRepetition(design, options, r, s)));
  const fromPage = await page.evaluate(`(() => {
    const s = window.__simulate;
    const design = s.makeDesign(s.scenario("irrepresentable").spec);
    const options = s.resolveExperimentOptions(design, { reps: 2, nlambda: 10, nfolds: 3, nTest: 50, seed: 3 });
    const states = s.streamStates(options.seed, 2);
    return JSON.stringify(s.summarizeExperiment(design, options, states.map((st, r) => s.runRepetition(design, options, r, st))));
  })()`) as string;
  assert.equal(fromPage, JSON.stringify(node));
  assert.deepEqual(errors, []);
});
