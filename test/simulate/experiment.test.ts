import { test } from "node:test";
import assert from "node:assert/strict";
import { makeDesign, sampleData } from "../../src/simulate/design.js";
import { createRng, streamStates } from "../../src/random/rng.js";
import { lambdaMax } from "../../src/solve/path.js";
import {
  chooseLambdaFromFolds, lambdaFractions, resolveExperimentOptions, runExperiment, runRepetition,
} from "../../src/simulate/experiment.js";
import { scenario } from "../../src/simulate/scenarios.js";
import { fitPath } from "../../src/solve/path.js";
import { OptionError } from "../../src/errors.js";

const quick = { reps: 3, nlambda: 12, nfolds: 3, nTest: 100 } as const;

test("the same seed gives identical results; another seed gives different ones", () => {
  const design = makeDesign(scenario("correlated").spec);
  const a = runExperiment(design, { ...quick, seed: 11 });
  const b = runExperiment(design, { ...quick, seed: 11 });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  const c = runExperiment(design, { ...quick, seed: 12 });
  assert.notEqual(JSON.stringify(a.methods), JSON.stringify(c.methods));
});

test("a repetition depends only on its own stream: running fewer repetitions does not change it", () => {
  const design = makeDesign({ n: 40, p: 6, s: 2 });
  const options = resolveExperimentOptions(design, { ...quick, reps: 5, methods: ["lasso"] });
  const states = streamStates(options.seed, 5);
  const third = runRepetition(design, options, 2, states[2]);
  const again = runRepetition(design, { ...options, reps: 3 }, 2, streamStates(options.seed, 3)[2]);
  assert.deepEqual(third, again);
});

test("λ_max is glmnet's: the first λ of fitPath's default path, for lasso, elastic net and ridge", () => {
  const d = makeDesign({ n: 50, p: 8, s: 3, correlation: { type: "ar1", rho: 0.5 } });
  const { x, y } = sampleData(d, createRng(3));
  for (const alpha of [1, 0.5, 0]) {
    const expected = fitPath(x, y, { alpha }).lambda[0];
    assert.ok(Math.abs(lambdaMax(x, y, { alpha }) / expected - 1) < 1e-12, `α = ${alpha}`);
  }
  const b = makeDesign({ n: 80, p: 5, s: 2, family: "binomial" });
  const bd = sampleData(b, createRng(4));
  const expected = fitPath(bd.x, bd.y, { family: "binomial" }).lambda[0];
  assert.ok(Math.abs(lambdaMax(bd.x, bd.y, { family: "binomial" }) / expected - 1) < 1e-12);
});

test("the grid of fractions runs from 1 down to lambdaMinRatio, evenly on the log scale", () => {
  const f = lambdaFractions(5, 1e-4);
  assert.equal(f[0], 1);
  assert.ok(Math.abs(f[4] - 1e-4) < 1e-18);
  assert.ok(Math.abs(f[1] / f[0] - f[3] / f[2]) < 1e-12);
});

test("λ_min is the largest λ with the smallest cvm; λ_1se the largest within one standard error", () => {
  // Two folds of equal size, four λs. Fold means: cvm = (3, 1.5, 1, 1), cvsd = |a − b|/2 / 1.
  const fold1 = Float64Array.from([3, 1.2, 0.8, 0.9]);
  const fold2 = Float64Array.from([3, 1.8, 1.2, 1.1]);
  const cv = chooseLambdaFromFolds([fold1, fold2], [10, 10]);
  assert.deepEqual([...cv.cvm], [3, 1.5, 1, 1]);
  assert.ok(Math.abs(cv.cvsd[2] - 0.2) < 1e-12);
  assert.equal(cv.indexMin, 2); // cvm ties at 2 and 3: the larger λ
  assert.equal(cv.index1se, 2); // 1.5 > 1 + 0.2
  const wide = chooseLambdaFromFolds([Float64Array.from([3, 1.2, 0.4]), Float64Array.from([3, 1.8, 1.6])], [10, 10]);
  assert.equal(wide.indexMin, 2);
  assert.equal(wide.index1se, 1); // 1.5 ≤ 1 + 0.6
});

test("recorded counts agree with the fitted coefficients at λ_min and λ_1se", () => {
  const design = makeDesign({ n: 60, p: 10, s: 3, size: 1.5, signs: "alternating" });
  const options = resolveExperimentOptions(design, { ...quick, methods: ["lasso", "relaxed"] });
  const rep = runRepetition(design, options, 0, streamStates(options.seed, 1)[0]);
  assert.deepEqual(rep.methods.map((m) => m.method), ["lasso", "relaxed"]);
  for (const m of rep.methods) {
    for (const chosen of [m.lambdaMin, m.lambda1se]) {
      const tp = [...design.support].filter((j) => chosen.beta[j] !== 0).length;
      const selected = chosen.beta.filter((b) => b !== 0).length;
      assert.equal(chosen.tp, tp);
      assert.equal(chosen.fp, selected - tp);
      assert.equal(chosen.tp, m.tp[chosen.index]);
      assert.equal(chosen.fp, m.fp[chosen.index]);
      assert.ok(Math.abs(chosen.lambda / m.lambdaMax - chosen.fraction) < 1e-12);
    }
  }
  // The relaxed lasso keeps the lasso's variables at every λ, so its support counts are the lasso's.
  const [lasso, relaxed] = rep.methods;
  assert.deepEqual([...relaxed.tp], [...lasso.tp]);
  assert.deepEqual([...relaxed.fp], [...lasso.fp]);
});

test("ridge never sets a coefficient to exactly zero, at any λ of the grid", () => {
  const design = makeDesign(scenario("irrepresentable").spec);
  const options = resolveExperimentOptions(design, { ...quick, nlambda: 20, methods: ["ridge"] });
  const states = streamStates(options.seed, 2);
  for (let r = 0; r < 2; r++) {
    const ridge = runRepetition(design, options, r, states[r]).methods[0];
    for (let k = 0; k < options.nlambda; k++) assert.equal(ridge.tp[k] + ridge.fp[k], design.p, `repetition ${r + 1}, λ ${k + 1}`);
  }
});

test("binomial designs run, and strong signals are found", () => {
  const design = makeDesign({ n: 300, p: 10, s: 2, size: 2, family: "binomial" });
  const summary = runExperiment(design, { ...quick, methods: ["lasso", "relaxed"] });
  assert.equal(summary.settings.predictionError, "class");
  for (const m of summary.methods) {
    assert.equal(m.lambdaMin.meanTP, 2);
    assert.ok(m.lambdaMin.meanPredictionError < 0.4);
  }
});

test("bad experiment options are refused with the library option at fault, no CLI flag", () => {
  const design = makeDesign({ n: 20, p: 4 });
  const bad: Array<[object, RegExp, string]> = [
    [{ reps: 0 }, /^reps must/, "reps"],
    [{ nfolds: 30 }, /^nfolds \(30\) cannot exceed n \(20\)/, "nfolds"],
    [{ nfolds: 2 }, /^nfolds must/, "nfolds"],
    [{ methods: ["lasso", "bogus"] }, /^methods: unknown method "bogus"/, "methods"],
    [{ methods: [] }, /^methods must/, "methods"],
    [{ seed: 0.5 }, /^seed must/, "seed"],
    [{ nTest: 0 }, /^nTest must/, "nTest"],
    [{ lambdaMinRatio: 2 }, /^lambdaMinRatio must/, "lambdaMinRatio"],
  ];
  for (const [options, message, option] of bad) {
    assert.throws(() => resolveExperimentOptions(design, options), (e: unknown) => e instanceof OptionError && message.test(e.message) && !e.message.includes("--") && e.option === option);
  }
});

test("the relaxed lasso's cross-validation uses cvPath's rules: on the penalized fits it chooses what cvPath chooses", async () => {
  const { cvPath } = await import("../../src/cv/cv.js");
  const { crossValidate } = await import("../../src/simulate/experiment.js");
  const { randomFolds } = await import("../../src/random/rng.js");
  const d = makeDesign({ n: 80, p: 12, s: 3, size: 0.6, correlation: { type: "ar1", rho: 0.4 } });
  const { x, y } = sampleData(d, createRng(31));
  const foldid = randomFolds(createRng(32), x.n, 5);
  for (const alpha of [1, 0.5]) {
    const lambda = lambdaFractions(25, 1e-3).map((f) => f * lambdaMax(x, y, { alpha }));
    const ours = crossValidate(x, y, foldid, 5, lambda, "gaussian", alpha, true);
    const theirs = cvPath(x, y, { alpha, lambda, foldid });
    for (let k = 0; k < lambda.length; k++) {
      assert.ok(Math.abs(ours.penalized.cvm[k] - theirs.cvm[k]) <= 1e-9 * theirs.cvm[k], `cvm at λ ${k + 1}`);
      assert.ok(Math.abs(ours.penalized.cvsd[k] - theirs.cvsd[k]) <= 1e-7 * theirs.cvsd[k] + 1e-12, `cvsd at λ ${k + 1}`);
    }
    assert.equal(ours.penalized.indexMin, theirs.indexMin);
    assert.equal(ours.penalized.index1se, theirs.index1se);
    assert.equal(ours.relaxed!.cvm.length, lambda.length);
  }
});
