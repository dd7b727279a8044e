// Known truth on the user's own design (simulate --from): the default truth is the relaxed fit at λ_1se,
// a given truth is planted as given, repetitions are pure functions of their streams, and the words about
// the irrepresentable condition stand next to the recovery actually seen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cvPath } from "../../src/cv/cv.js";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { streamStates } from "../../src/random/rng.js";
import { irrepresentableCondition } from "../../src/simulate/irrepresentable.js";
import { correlationMatrix, plantTruth, runPlantedRep, simulateOnData } from "../../src/simulate/planted.js";
import { relaxPath } from "../../src/solve/relax.js";
import { DIABETES, assertOneLineError, run } from "../cli/helpers.js";

const { x, y } = buildDesign(parseCsv(readFileSync(DIABETES, "utf8")), { target: "progression" });

test("the default truth is the relaxed fit at λ_1se of the data's own cross-validation, with its residual sd as noise", () => {
  const truth = plantTruth(x, y, { seed: 4 });
  const cv = cvPath(x, y, { nfolds: 10, seed: 4 });
  const rel = relaxPath(x, y, cv.path, {});
  const k = cv.index1se;
  assert.equal(truth.lambda1se, cv.lambda1se);
  assert.deepEqual(Array.from(truth.support), Array.from(rel.beta[k].index));
  for (let t = 0; t < rel.beta[k].index.length; t++) assert.equal(truth.beta[rel.beta[k].index[t]], rel.beta[k].value[t]);
  assert.equal(truth.intercept, rel.intercept[k]);
  let rss = 0;
  for (let i = 0; i < x.n; i++) {
    let eta = truth.intercept;
    for (let j = 0; j < x.p; j++) eta += truth.beta[j] * x.data[j * x.n + i];
    rss += (y[i] - eta) ** 2;
  }
  assert.ok(Math.abs(truth.sigma - Math.sqrt(rss / (x.n - truth.support.length - 1))) < 1e-9 * truth.sigma);
});

test("a given truth is planted as given, the intercept keeping the fit's mean; a strong one is always found, with no sign error", () => {
  const given = { bmi: 10, s5: 60 };
  const truth = plantTruth(x, y, { truth: given });
  assert.equal(truth.source, "given");
  assert.deepEqual(Array.from(truth.support), [2, 8]);
  const s = simulateOnData(x, y, { truth: given, reps: 8, seed: 2 });
  assert.equal(s.reps, 8);
  assert.equal(s.lambdaMin.pAllFound, 1);
  assert.equal(s.lambdaMin.pSignError, 0);
  assert.deepEqual(s.lambdaMin.bias.map((b) => b.variable), ["bmi", "s5"]);
  assert.throws(() => plantTruth(x, y, { truth: { bmj: 1 } }), /truth names "bmj", which is not a feature/);
  assert.throws(() => plantTruth(x, y, { fit: { family: "poisson" } }), /gaussian or binomial outcomes, not poisson/);
});

test("repetitions are pure functions of their streams: the same seed, the same summary", () => {
  const truth = plantTruth(x, y);
  const states = streamStates(9, 2);
  assert.deepEqual(runPlantedRep(x, truth, {}, 1, states[1]), runPlantedRep(x, truth, {}, 1, states[1]));
  assert.notDeepEqual(runPlantedRep(x, truth, {}, 0, states[0]).lambdaMin.beta, runPlantedRep(x, truth, {}, 1, states[1]).lambdaMin.beta);
  assert.deepEqual(simulateOnData(x, y, { reps: 3, seed: 5 }), simulateOnData(x, y, { reps: 3, seed: 5 }));
});

test("the irrepresentable condition is that of the user's X (its correlation matrix), and its words do not promise recovery", () => {
  const s = simulateOnData(x, y, { reps: 4, seed: 1 });
  const ic = irrepresentableCondition(correlationMatrix(x), x.p, s.truth.beta, x.names);
  assert.equal(s.irrepresentable.value, ic.value);
  // The correlation matrix has a unit diagonal and the sample correlation of bmi and bp.
  const c = correlationMatrix(x);
  assert.ok(Math.abs(c[2 * x.p + 2] - 1) < 1e-12);
  assert.doesNotMatch(s.irrepresentable.sentence, /can be expected to select exactly/);
  assert.match(s.irrepresentable.sentence, /not a guarantee in one sample/);
  assert.match(s.irrepresentable.sentence, /In these 4 repetitions on your rows the fit selected exactly the planted set in \d+% at λ_min and \d+% at λ_1se/);
});

test("shrinkage simulate --from FILE --target COL reports recovery on the user's design; design options are refused with it", async () => {
  const r = await run(["simulate", "--from", DIABETES, "--target", "progression", "--reps", "3", "--folds", "5", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.reps, 3);
  assert.equal(json.truth.source, "relaxed-1se");
  assert.ok(json.truth.support.includes("bmi"));
  assert.equal(typeof json.lambda1se.pExact, "number");
  assert.equal(json.features.length, 10);
  const text = await run(["simulate", "--from", DIABETES, "--target", "progression", "--reps", "2", "--truth", "bmi=10,s5=60"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout.replace(/\s+/g, " "), /planted truth \(given by --truth\): bmi = 10, s5 = 60/);
  assert.match(text.stdout, /exact set\s+all found\s+true pos\s+false pos\s+sign error\s+bias/);
  assertOneLineError(await run(["simulate", "--from", DIABETES, "--target", "progression", "--n", "50"]), /--n describes a made-up design and cannot be combined with --from/);
  assertOneLineError(await run(["simulate", "--truth", "x1=1"]), /--truth needs --from FILE/);
});

test("a canned scenario's irrepresentable sentence carries the exact-recovery rates its repetitions saw", async () => {
  const { makeDesign } = await import("../../src/simulate/design.js");
  const { scenario } = await import("../../src/simulate/scenarios.js");
  const { runExperiment } = await import("../../src/simulate/experiment.js");
  const s = runExperiment(makeDesign(scenario("correlated").spec), { reps: 3, methods: ["lasso"], nTest: 20, nlambda: 20, nfolds: 3 });
  const lasso = s.methods[0];
  const pc = (f: number) => `${Math.round(100 * f)}%`;
  assert.ok(s.irrepresentable.sentence.endsWith(
    `In these repetitions the lasso selected exactly the true set in ${pc(lasso.lambdaMin.pExact)} at λ_min, ${pc(lasso.lambda1se.pExact)} at λ_1se and ${pc(lasso.pExactAtSomeLambda)} at some λ of the grid.`,
  ), s.irrepresentable.sentence);
  assert.doesNotMatch(s.irrepresentable.sentence, /can be expected to select exactly/);
});
