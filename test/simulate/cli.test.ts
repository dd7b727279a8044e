// `shrinkage simulate` end to end: JSON equal to the library's result, the table, the chart, errors, progress.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { assertOneLineError, run } from "../cli/helpers.js";
import { makeDesign } from "../../src/simulate/design.js";
import { runExperiment } from "../../src/simulate/experiment.js";
import { scenario } from "../../src/simulate/scenarios.js";
import { sizeProblem, threadsThatFit } from "../../src/cli/commands/simulate.js";

const small = ["--reps", "3", "--nlambda", "10", "--folds", "3", "--n-test", "50", "--jobs", "1"];

test("--format json holds the library's summary, every number, for a scenario", async () => {
  const r = await run(["simulate", "--scenario", "irrepresentable", "--methods", "lasso,relaxed", "--seed", "4", ...small, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.scenario, "irrepresentable");
  assert.equal(json.description, scenario("irrepresentable").description);
  const expected = runExperiment(makeDesign(scenario("irrepresentable").spec), { methods: ["lasso", "relaxed"], seed: 4, reps: 3, nlambda: 10, nfolds: 3, nTest: 50 });
  assert.deepEqual(json.methods, JSON.parse(JSON.stringify(expected.methods)));
  assert.deepEqual(json.fractions, expected.fractions);
  assert.equal(json.irrepresentable.value, 1.5);
  assert.equal(json.irrepresentable.holds, false);
});

test("a design from options: n, p, s, AR(1) ρ, SNR", async () => {
  const r = await run(["simulate", "--n", "40", "--p", "8", "--s", "2", "--design", "ar1", "--rho", "0.3", "--snr", "4", "--methods", "lasso", ...small, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.scenario, null);
  assert.deepEqual([json.design.n, json.design.p, json.design.s], [40, 8, 2]);
  assert.equal(json.design.snr, 4);
  assert.match(json.design.correlation, /AR\(1\).*0\.3/);
  // σ² = βᵀΣβ/snr with β = (1, 1, 0, …) and Σ_12 = 0.3: (2 + 2·0.3)/4.
  assert.ok(Math.abs(json.design.sigma ** 2 - 2.6 / 4) < 1e-12);
});

test("the table names each method with its recovery, errors and bias at λ_min and λ_1se, and the irrepresentable sentence", async () => {
  const r = await run(["simulate", "--scenario", "strong", "--methods", "lasso,ridge", ...small]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Scenario strong: /);
  assert.match(r.stdout, /irrepresentable condition holds/);
  assert.match(r.stdout, /At λ_min[^\n]*\n[^\n]*exact set[^\n]*false pos[^\n]*L2 error[^\n]*bias/);
  assert.match(r.stdout, /At λ_1se/);
  assert.match(r.stdout, /\nlasso +\d+%/);
  assert.match(r.stdout, /\nridge +0%/);
  assert.match(r.stdout, /some coefficient exactly zero in 0%/);
  assert.equal(r.stderr, "", "no progress bar when stderr is not a terminal");
});

test("a progress bar on stderr when it is a terminal, erased at the end", async () => {
  const r = await run(["simulate", "--scenario", "irrepresentable", "--methods", "lasso", ...small], { tty: true });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /simulating \[#+\.*\] 1\/3 repetitions/);
  assert.match(r.stderr, /3\/3 repetitions/);
  assert.ok(r.stderr.endsWith("\r\x1b[K"));
});

test("--plot writes the recovery chart as a standalone SVG", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "shrinkage-sim-")), "recovery.svg");
  const r = await run(["simulate", "--scenario", "irrepresentable", "--methods", "lasso,enet", ...small, "--plot", file, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const svg = readFileSync(file, "utf8");
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /How often the exact true set is selected/);
  assert.equal((svg.match(/class="recovery-line"/g) ?? []).length, 2);
});

test("mistakes are one line on stderr naming the option", async () => {
  assertOneLineError(await run(["simulate", "--scenario", "nope"]), "--scenario");
  assertOneLineError(await run(["simulate", "--scenario", "strong", "--p", "5"]), "--p cannot be combined with --scenario");
  assertOneLineError(await run(["simulate", "--rho", "0.5", "--design", "independent"]), "--rho needs --design");
  assertOneLineError(await run(["simulate", "--design", "ar1", "--rho", "1.5"]), "--rho");
  assertOneLineError(await run(["simulate", "--snr", "2", "--sigma", "1"]), "--sigma or as --snr");
  assertOneLineError(await run(["simulate", "--methods", "lasso,lars"]), "--methods");
  assertOneLineError(await run(["simulate", "--p", "5", "--s", "9"]), "--s");
  assertOneLineError(await run(["simulate", "--reps", "0"]), "--reps");
});

test("sizes too big for an array or for the machine are an error naming the option, before anything is allocated", async () => {
  const tooBig = async (args: string[], option: string, fragment: string) => {
    const r = await run(["simulate", ...args, "--reps", "1", "--jobs", "1"]);
    assertOneLineError(r, `shrinkage: --${option}: ${fragment}`);
    assert.equal(r.code, 2, "a usage mistake");
  };
  await tooBig(["--n", "1000000000"], "n", "a sample of 1000000000 rows × 20 predictors is 2e+10 numbers, more than one array can hold");
  await tooBig(["--scenario", "strong", "--n", "100000000"], "n", "a sample of 100000000 rows × 100 predictors is 1e+10 numbers");
  await tooBig(["--p", "100000"], "p", "the 100000 × 100000 covariance of the predictors is 1e+10 numbers");
  await tooBig(["--n-test", "1000000000"], "n-test", "a fresh sample of 1000000000 rows × 20 predictors is 2e+10 numbers");
  // Within an array's reach but beyond the machine's memory: 8 bytes × (2·n·p + n-test·p + p²).
  const memory = sizeProblem(1000, 20, 1000, 400_000);
  assert.equal(memory?.option, "n");
  assert.equal(memory?.message, "--n: with a sample of 1000 rows × 20 predictors a repetition needs about 483 kB of memory, more than this machine's 400 kB; use fewer rows (--n) or predictors (--p)");
  assert.equal(sizeProblem(1000, 20, 1000, 483_200), null);
});

test("the memory check counts one repetition per worker thread (--jobs), and names --jobs when it is the multiplier at fault", () => {
  // A repetition: 8 × (2·1000·20 + 1000·20 + 20²) = 483,200 bytes; with workers the main thread keeps the
  // 20 × 20 design too (3,200 bytes). Four threads need 1,936,000 bytes; three 1,452,800.
  const memory = 1_500_000;
  const four = sizeProblem(1000, 20, 1000, memory, 4);
  assert.equal(four?.option, "jobs");
  assert.equal(four?.message, "--jobs: 4 worker threads each hold a repetition of about 483 kB (a sample of 1000 rows × 20 predictors), about 1.9 MB in all, more than this machine's 1.5 MB of memory; use --jobs 3 or fewer");
  assert.equal(sizeProblem(1000, 20, 1000, memory, 3), null);
  assert.equal(threadsThatFit(1000, 20, 1000, memory), 3);
  // When one repetition is already too much, the size is at fault, not --jobs.
  assert.equal(sizeProblem(1000, 20, 1000, 400_000, 4)?.option, "n");
  // Two threads where only one fits: no "or fewer" below 1.
  assert.match(sizeProblem(1000, 20, 1000, 900_000, 2)?.message ?? "", /use --jobs 1$/);
});

test("--help lists the scenarios with their one-line descriptions", async () => {
  const r = await run(["simulate", "--help"]);
  assert.equal(r.code, 0);
  for (const name of ["strong", "weak", "correlated", "irrepresentable", "dense"]) assert.match(r.stdout, new RegExp(`\\n  ${name} +\\S`));
  assert.match(r.stdout, /--jobs/);
});

test("worker threads from the command line (source and build) print the same JSON as one thread", async (t) => {
  const { spawn, ROOT } = await import("../cli/helpers.js");
  const { existsSync } = await import("node:fs");
  const { inCi } = await import("../helpers/ci.js");
  const argv = ["simulate", "--scenario", "correlated", "--methods", "lasso,enet", "--reps", "4", "--nlambda", "10", "--folds", "3", "--n-test", "50", "--seed", "9", "--format", "json"];
  const one = await run([...argv, "--jobs", "1"]);
  assert.equal(one.code, 0, one.stderr);
  const source = spawn([...argv, "--jobs", "2"]);
  assert.equal(source.code, 0, source.stderr);
  assert.equal(source.stdout, one.stdout);
  // The build's workers: npm test builds dist first, so in CI a missing worker is a broken build, not a
  // reason to leave the check out. Run alone without a build, the test says what it did not check.
  const worker = join(ROOT, "dist/simulate/worker.node.js");
  if (!existsSync(worker)) {
    assert.ok(!inCi, `${worker} is missing: npm test builds dist before the tests, so the build did not emit the simulation worker`);
    t.diagnostic(`${worker} not built (npm run build): the built command's workers were not checked`);
    return;
  }
  const built = spawn([...argv, "--jobs", "2"], "dist");
  assert.equal(built.code, 0, built.stderr);
  assert.equal(built.stdout, one.stdout);
});

test("the library's simulate messages name its options; the command line shows them as flags", async () => {
  const cases: Array<[string[], string]> = [
    [["--n", "20", "--p", "4", "--s", "9"], "--s must be an integer between 0 and --p = 4, got 9"],
    [["--n", "20", "--p", "4", "--rho", "1"], "--rho for ar1 must lie in (−1, 1), got 1"],
    [["--n", "10", "--p", "4", "--folds", "20"], "--folds (20) cannot exceed --n (10)"],
    [["--n", "20", "--p", "4", "--sigma", "1", "--snr", "2"], "give the noise as --sigma or as --snr, not both"],
    [["--n", "20", "--p", "4", "--s", "0", "--snr", "2"], "--snr needs a nonzero signal: every true coefficient is 0; give --sigma instead"],
    [["--n", "20", "--p", "4", "--seed", "99999999999"], "--seed must be an integer between -4294967295 and 4294967295, got 99999999999"],
  ];
  for (const [flags, message] of cases) {
    const r = await run(["simulate", ...flags, "--reps", "1", "--jobs", "1"]);
    assertOneLineError(r, `shrinkage: ${message}`);
  }
});
