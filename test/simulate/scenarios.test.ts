/**
 * The ready-made scenarios behave as the theory says (TEACHING.md §6–7), with fixed seeds and
 * enough repetitions that the outcome is not luck. Fewer λs, folds and test rows than the
 * command's defaults keep the suite quick; the conclusions do not depend on them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeDesign } from "../../src/simulate/design.js";
import { runExperiment, type MethodSummary, type SimulationSummary } from "../../src/simulate/experiment.js";
import { scenario } from "../../src/simulate/scenarios.js";

const settings = { nlambda: 30, nfolds: 5, nTest: 300, seed: 2024 } as const;

function run(name: string, methods: MethodSummary["method"][], reps: number): SimulationSummary {
  return runExperiment(makeDesign(scenario(name).spec), { ...settings, methods, reps });
}

const method = (s: SimulationSummary, m: string) => s.methods.find((x) => x.method === m)!;

test("strong independent signals, n ≫ s·log p: exact recovery at some λ in almost every repetition; relaxing removes the bias", () => {
  const s = run("strong", ["lasso", "relaxed"], 30);
  assert.equal(s.irrepresentable.holds, true);
  const lasso = method(s, "lasso");
  assert.ok(lasso.pExactAtSomeLambda >= 0.95, `P(exact at some λ) = ${lasso.pExactAtSomeLambda}`);
  // Every true variable survives at λ_min: the signals are well above the noise.
  assert.equal(lasso.lambdaMin.meanTP, 5);
  // The lasso shrinks survivors toward zero; the unpenalized refit does not (TEACHING §7).
  const relaxed = method(s, "relaxed");
  for (const at of ["lambdaMin", "lambda1se"] as const) {
    assert.ok(lasso[at].meanBiasTowardZero < -0.05, `lasso bias at ${at}: ${lasso[at].meanBiasTowardZero}`);
    assert.ok(Math.abs(relaxed[at].meanBiasTowardZero) < Math.abs(lasso[at].meanBiasTowardZero) / 3, `relaxed bias at ${at}`);
  }
});

test("irrepresentable condition failing: a wrong variable at every λ that keeps all true ones, in most repetitions", () => {
  const s = run("irrepresentable", ["lasso"], 30);
  assert.equal(s.irrepresentable.holds, false);
  assert.equal(s.irrepresentable.variable, "x4");
  const lasso = method(s, "lasso");
  assert.ok(lasso.pAllTrueAtSomeLambda > 0.9, `P(all true at some λ) = ${lasso.pAllTrueAtSomeLambda}`);
  assert.ok(lasso.pWrongWheneverAllTrue >= 0.8, `P(wrong whenever all true) = ${lasso.pWrongWheneverAllTrue}`);
  assert.ok(lasso.pExactAtSomeLambda <= 0.2);
  // The wrong variable is the one the condition names.
  assert.ok(lasso.lambda1se.selectionFrequency[3] >= 0.8, `x4 selected in ${lasso.lambda1se.selectionFrequency[3]}`);
});

test("weak signals below the noise: the lasso drops true variables", () => {
  const s = run("weak", ["lasso"], 20);
  const lasso = method(s, "lasso");
  assert.ok(lasso.lambdaMin.meanTP < 0.7 * s.design.s, `mean TP at λ_min = ${lasso.lambdaMin.meanTP} of ${s.design.s}`);
  assert.ok(lasso.lambda1se.meanTP < lasso.lambdaMin.meanTP);
  assert.equal(lasso.pExactAtSomeLambda, 0);
});

test("two highly correlated true predictors: the lasso often keeps just one, and which one varies; the elastic net keeps both", () => {
  const s = run("correlated", ["lasso", "enet"], 30);
  // How often exactly one of the pair survives, alone, at λ_1se (the top selected sets are listed).
  const alone = (m: string, v: string) => method(s, m).lambda1se.selectedSets.find((x) => x.variables.join() === v)?.frequency ?? 0;
  assert.ok(alone("lasso", "x1") >= 0.1, `lasso keeps only x1 in ${alone("lasso", "x1")}`);
  assert.ok(alone("lasso", "x2") >= 0.1, `lasso keeps only x2 in ${alone("lasso", "x2")}`);
  const oneOfTwo = (m: string) => alone(m, "x1") + alone(m, "x2");
  assert.ok(oneOfTwo("enet") < oneOfTwo("lasso") - 0.2, `only one kept: enet ${oneOfTwo("enet")}, lasso ${oneOfTwo("lasso")}`);
});

test("many small effects: ridge predicts better than the lasso", () => {
  const s = run("dense", ["lasso", "ridge"], 20);
  const lasso = method(s, "lasso").lambdaMin;
  const ridge = method(s, "ridge").lambdaMin;
  const se = Math.hypot(lasso.sdPredictionError, ridge.sdPredictionError) / Math.sqrt(20);
  assert.ok(ridge.meanPredictionError < lasso.meanPredictionError - 2 * se, `ridge ${ridge.meanPredictionError}, lasso ${lasso.meanPredictionError} ± ${se}`);
  assert.equal(method(s, "ridge").pAnyExactZero, 0);
});
