// The command line's Cox family: --family cox --target TIME --status COL [--start COL] [--strata COL].
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, assertOneLineError, run, scratchFile } from "./helpers.js";

const COX = join(ROOT, "data/glmnet_cox.csv");
const SURVIVAL = join(ROOT, "test/fixtures/cox/survival.csv");
const cox = ["--family", "cox", "--target", "time", "--status", "status"];

test("fit --family cox prints the JSON contract with a null intercept", async () => {
  const r = await run(["fit", COX, ...cox, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.family, "cox");
  assert.equal(out.intercept, null);
  assert.equal(out.features.length, 30);
  assert.ok(!out.features.includes("time") && !out.features.includes("status"), "time and status are not features");
  assert.equal(out.coefficients.length, out.lambda.length);
  assert.equal(out.lambda.length, 49);
  assert.ok(Math.abs(out.nullDeviance / 8177.1637813473 - 1) < 1e-10);
});

test("fit and cv --family cox read start times, strata, weights and an offset, none of them features", async () => {
  const flags = [...cox, "--start", "start", "--strata", "stratum", "--weights", "w", "--offset", "off", "--format", "json"];
  const r = await run(["fit", SURVIVAL, ...flags]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).features, ["v1", "v2", "v3", "v4", "v5", "v6"]);
  const cv = await run(["cv", SURVIVAL, ...flags, "--folds", "4", "--measure", "C"]);
  assert.equal(cv.code, 0, cv.stderr);
  const out = JSON.parse(cv.stdout).cv;
  assert.equal(out.measure, "C");
  assert.ok(out.cvm.every((c: number) => c > 0.3 && c < 1), "Harrell's C is a share of pairs");
});

test("a text status with two values takes the second, sorted, as the event and says so", async () => {
  const csv = "time,status,x,z\n1,dead,0.5,1\n2,alive,-1,0\n3,dead,2,1\n4,alive,0.1,0\n5,dead,-0.3,1\n6,alive,1.2,0\n7,dead,0.4,0\n";
  const r = await run(["fit", scratchFile("s.csv", csv), ...cox, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /status column "status": "dead" is taken as the event/);
});

test("bad survival data is an error naming the row or column", async () => {
  const file = (rows: string) => scratchFile("bad.csv", `time,status,start,x\n${rows}`);
  const ok = "1,1,0,0.5\n2,0,0,1\n3,1,0,-1\n";
  const cases: [string, string[], RegExp][] = [
    [`${ok}0,1,0,2\n`, [], /row 5: 0 is not a time > 0/],
    [`${ok}-2,1,0,2\n`, [], /row 5: -2 is not a time > 0/],
    [`${ok}4,2,0,2\n5,0,0,1\n`, [], /status column "status", row 5: "2" is a third value.*1 \(event\) or 0 \(censored\)/],
    [`1,0,0,1\n2,0,0,2\n3,0,0,3\n`, [], /is 0 in every row: no event/],
    [`${ok}4,1,4,2\n`, ["--start", "start"], /start column "start", row 5: the interval \(4, 4\] is empty/],
  ];
  assert.equal(cases.length, 5);
  for (const [rows, flags, message] of cases) {
    const r = await run(["fit", file(rows), ...cox, ...flags, ...(flags.includes("--start") ? [] : ["--ignore", "start"])]);
    assertOneLineError(r, message);
  }
  const missing = await run(["fit", file(ok), "--family", "cox", "--target", "time", "--ignore", "start"]);
  assertOneLineError(missing, /^shrinkage: --family cox needs a status column: --status must name the column saying which rows had the event/);
  const wrongFamily = await run(["fit", file(ok), "--target", "time", "--status", "status", "--ignore", "start"]);
  assertOneLineError(wrongFamily, /--status applies to --family cox only, not gaussian/);
  const badMeasure = await run(["cv", file(ok), "--target", "time", "--measure", "C", "--ignore", "start,status"]);
  assertOneLineError(badMeasure, /measure "C" is for cox models, not gaussian/);
});

test("a stratum without events and rows censored before the first event are warned of on stderr", async () => {
  const csv = "time,status,g,x\n0.5,0,a,1\n1,1,a,0.5\n2,0,a,1\n3,1,a,-1\n4,0,b,2\n5,0,b,1\n6,1,a,0.3\n7,0,a,-0.2\n";
  const r = await run(["fit", scratchFile("w.csv", csv), ...cox, "--strata", "g"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /stratum 1 \(first in row 5\) has no event/);
  assert.match(r.stderr, /1 row is censored before the first event of its stratum \(the first is row 1\)/);
});

test("plot --kind survival draws the risk halves of a Cox fit; other families are told it is for Cox", async () => {
  const r = await run(["plot", COX, ...cox, "--kind", "survival", "--lambda", "0.05"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith("<svg"), r.stdout.slice(0, 40));
  assert.equal((r.stdout.match(/class="survival-curve survival-(low|high)"/g) ?? []).length, 2);
  assert.match(r.stdout, /number at risk/);
  const notCox = await run(["plot", join(ROOT, "data/diabetes.csv"), "--target", "progression", "--kind", "survival", "--lambda", "1"]);
  assertOneLineError(notCox, /--kind survival draws a Cox fit/);
});

test("explain --family cox speaks of the score, hazard ratios and the risk ordering", async () => {
  const r = await run(["explain", COX, ...cox, "--lambda", "0.1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /partial-likelihood score/);
  assert.match(r.stdout, /hazard ratio [\d.]+ per standard deviation/);
  assert.match(r.stdout, /would change the risk ordering too little to pay its price/);
});
