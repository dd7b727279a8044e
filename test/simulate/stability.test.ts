// Stability selection (complementary pairs of half-samples): the same numbers from one thread and from
// worker threads, complementary halves, the bound of Meinshausen & Bühlmann, and the true variables of a
// known sparse truth ranked first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { createRng } from "../../src/random/rng.js";
import { makeDesign, sampleData } from "../../src/simulate/design.js";
import { halves, pairStates, resolveStabilityOptions, stability } from "../../src/simulate/stability.js";
import { stabilityParallel } from "../../src/simulate/stability.node.js";
import { fitPath } from "../../src/solve/path.js";
import { DIABETES, run } from "../cli/helpers.js";

const diabetes = buildDesign(parseCsv(readFileSync(DIABETES, "utf8")), { target: "progression" });
const data = { x: diabetes.x, y: diabetes.y };

test("worker threads give exactly the numbers of one thread, for any number of jobs", async () => {
  const options = { pairs: 5, seed: 11, lambdaAt: 5 };
  const one = stability(data, options);
  for (const jobs of [1, 2, 3]) {
    const many = await stabilityParallel(data, options, { jobs });
    assert.deepEqual(many, one, `jobs ${jobs}`);
  }
  // Another seed, other half-samples.
  const other = stability(data, { ...options, seed: 12 });
  assert.notDeepEqual(other.frequency, one.frequency);
});

test("the halves of a pair are complementary, and frequencies are shares of the half-samples fitted on them", () => {
  const resolved = resolveStabilityOptions(data, { pairs: 3, seed: 5 });
  const n = data.x.n;
  for (const state of pairStates(resolved)) {
    const [a, b] = halves(n, state);
    assert.equal(a.length, Math.floor(n / 2));
    assert.equal(b.length, Math.floor(n / 2));
    const seen = new Set([...a, ...b]);
    assert.equal(seen.size, a.length + b.length, "no row in both halves");
  }
  const r = stability(data, { pairs: 3, seed: 5 });
  assert.deepEqual(Array.from(r.lambda), Array.from(fitPath(data.x, data.y).lambda));
  // By hand: the first half of pair 1 at the λ in the middle of the path.
  const l = Math.floor(r.lambda.length / 2);
  let count = 0;
  for (const state of pairStates(resolved)) {
    for (const rows of halves(n, state)) {
      const sub = fitPath({ ...data.x, n: rows.length, data: Float64Array.from({ length: rows.length * data.x.p }, (_, t) => data.x.data[Math.floor(t / rows.length) * n + rows[t % rows.length]]) },
        Float64Array.from(rows, (i) => data.y[i]), { lambda: r.lambda });
      const k = Math.min(l, sub.beta.length - 1);
      if (Array.from(sub.beta[k].index).includes(2)) count++; // bmi
    }
  }
  assert.equal(r.frequency[l][2], count / 6);
  // The bound is q²/((2π − 1)p) at every λ, and q grows down the path.
  for (let k = 0; k < r.lambda.length; k++) {
    assert.ok(Math.abs(r.bound[k] - (r.q[k] ** 2) / ((2 * 0.75 - 1) * 10)) < 1e-12);
    if (k > 0) assert.ok(r.q[k] >= r.q[k - 1]);
  }
  assert.ok(r.expectedFalse <= 1);
});

test("on a design with a known sparse truth, the true variables have the highest selection frequencies and form the stable set", () => {
  const design = makeDesign({ n: 200, p: 30, s: 4, size: 1, positions: "spread", correlation: { type: "ar1", rho: 0.5 }, snr: 3 });
  const sample = sampleData(design, createRng(3));
  const r = stability({ x: sample.x, y: sample.y }, { pairs: 25, seed: 2, maxFalse: 2 });
  const truth = Array.from(design.support);
  assert.equal(truth.length, 4);
  const ranked = Array.from({ length: 30 }, (_, j) => j).sort((a, b) => r.maxFrequency[b] - r.maxFrequency[a]);
  assert.deepEqual(ranked.slice(0, 4).sort((a, b) => a - b), truth);
  assert.deepEqual([...r.stable].sort(), truth.map((j) => sample.x.names[j]).sort());
});

test("stability names bad options", () => {
  assert.throws(() => stability(data, { threshold: 0.5 }), /threshold must be above 0.5/);
  assert.throws(() => stability(data, { pairs: 0 }), /pairs must be a positive integer/);
  assert.throws(() => stability(data, { pairs: 1, lambdaStop: 1e9 }), /above every λ of the path/);
});

test("shrinkage stability: the same JSON for --jobs 1 and 2, a member per feature with its frequencies", async () => {
  const argv = ["stability", DIABETES, "--target", "progression", "--pairs", "4", "--seed", "3", "--folds", "5", "--format", "json"];
  const a = await run([...argv, "--jobs", "1"]);
  assert.equal(a.code, 0, a.stderr);
  const b = await run([...argv, "--jobs", "2"]);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(a.stdout, b.stdout);
  const json = JSON.parse(a.stdout);
  assert.deepEqual(Object.keys(json.features), diabetes.x.names);
  for (const name of diabetes.x.names) {
    const f = json.features[name];
    assert.equal(f.frequency.length, json.lambda.length);
    assert.ok(f.frequency.every((v: number) => v >= 0 && v <= 1));
    assert.equal(f.frequencyAt, f.frequency[json.atIndex]);
  }
  assert.equal(json.halves, 8);
  const text = await run(["stability", DIABETES, "--target", "progression", "--pairs", "4", "--folds", "5", "--jobs", "1"], { tty: true });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Stable set at π = 0\.75/);
  assert.match(text.stdout.replace(/\s+/g, " "), /expected number of false selections in the stable set is at most/);
  assert.match(text.stderr, /stability: 4\/4 half-sample pairs/);
});
