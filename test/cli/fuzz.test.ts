// The fuzzer of issue 21: generated files and options through the command line's entry, in process,
// asserting its promise: exit 0 with finite, non-empty results, or exit 1 or 2 with one line on stderr
// (the project's own message, not a JavaScript error's) and nothing on stdout.
//   npm test: a fixed seed and SHRINKAGE_FUZZ_RUNS (60) cases.
//   npm run fuzz: 1500 cases from a random seed (printed with any failure); SHRINKAGE_FUZZ_SEED to replay.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzCase } from "../fuzz/cases.js";
import { brokenPromise } from "../fuzz/promise.js";
import { run, scratchFile } from "./helpers.js";

const RUNS = Number(process.env.SHRINKAGE_FUZZ_RUNS ?? 60);
const SEED = process.env.SHRINKAGE_FUZZ_SEED !== undefined ? Number(process.env.SHRINKAGE_FUZZ_SEED) : process.env.SHRINKAGE_FUZZ_RANDOM ? Date.now() % 2 ** 31 : 21;

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
