// The fuzzer of issue 21: generated files and options through the command line's entry, in process,
// asserting its promise: exit 0 with finite, non-empty results, or exit 1 or 2 with one line on stderr
// (the project's own message, not a JavaScript error's) and nothing on stdout.
//   npm test: a fixed seed and SHRINKAGE_FUZZ_RUNS (60) cases.
//   npm run fuzz: 1500 cases from a random seed (printed with any failure); SHRINKAGE_FUZZ_SEED to replay.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzCase, type FuzzCase } from "../fuzz/cases.js";
import { run, scratchFile, type Run } from "./helpers.js";

const RUNS = Number(process.env.SHRINKAGE_FUZZ_RUNS ?? 60);
const SEED = process.env.SHRINKAGE_FUZZ_SEED !== undefined ? Number(process.env.SHRINKAGE_FUZZ_SEED) : process.env.SHRINKAGE_FUZZ_RANDOM ? Date.now() % 2 ** 31 : 21;

/** Messages of JavaScript's own errors: a failure must be one of the project's, naming what is at fault. */
const INTERNAL = /Cannot read properties|Cannot set properties|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid typed array length|out of memory|unexpected error/;

/** Every number in v (nested arrays) is finite. */
function allFinite(v: unknown): boolean {
  return Array.isArray(v) ? v.every(allFinite) : typeof v === "number" && Number.isFinite(v);
}

/** What is wrong with a run of a case, or null when it keeps the promise. */
export function brokenPromise(c: FuzzCase, r: Run): string | null {
  if (r.code === 1 || r.code === 2) {
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    if (r.stdout !== "") return "a failure printed to stdout";
    if (lines.length !== 1) return `a failure printed ${lines.length} lines on stderr`;
    if (!lines[0].startsWith("shrinkage: ")) return "a failure without the shrinkage: prefix";
    if (INTERNAL.test(lines[0])) return `an internal error: ${lines[0]}`;
    if (/\bNaN\b|undefined/.test(lines[0].replace(/"[^"]*"/g, ""))) return `a message with NaN or undefined outside quotes: ${lines[0]}`;
    return null;
  }
  if (r.code !== 0) return `exit code ${r.code}`;
  if (r.stdout.trim() === "") return "exit 0 with nothing on stdout";
  if (/\bNaN\b|Infinity|undefined/.test(r.stdout)) return "NaN, Infinity or undefined in the output";
  if (c.args.includes("json")) {
    const json = JSON.parse(r.stdout);
    if (!Array.isArray(json.lambda) || json.lambda.length === 0) return "an empty path";
    for (const key of ["lambda", "intercept", "coefficients", "df", "devRatio", "nullDeviance"]) {
      if (!allFinite(json[key])) return `${key} is not finite`;
    }
    if (json.cv !== undefined) {
      for (const key of ["cvm", "cvsd", "lambdaMin", "lambda1se"]) if (!allFinite(json.cv[key])) return `cv.${key} is not finite`;
    }
  }
  if (c.command === "plot" && !r.stdout.includes("<svg")) return "plot printed no SVG";
  return null;
}

test(`the command line keeps its promise on ${RUNS} generated files and options (seed ${SEED})`, async () => {
  const seen = { ok: 0, failed: 0 };
  await fc.assert(
    fc.asyncProperty(fuzzCase(), async (c) => {
      const file = scratchFile("fuzz.csv", c.csv);
      const r = await run([c.command, file, ...c.args]);
      const broken = brokenPromise(c, r);
      if (r.code === 0) seen.ok++;
      else seen.failed++;
      assert.equal(broken, null, `${broken}\n$ shrinkage ${c.command} FILE ${c.args.join(" ")}\n--- FILE ---\n${c.csv.slice(0, 2000)}\n--- stderr ---\n${r.stderr.slice(0, 1000)}\n--- stdout ---\n${r.stdout.slice(0, 500)}`);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  // Both outcomes were exercised: the generator makes fits that succeed, and data that must be refused.
  assert.ok(seen.ok > 0 && seen.failed > 0, `successes ${seen.ok}, failures ${seen.failed}`);
});
