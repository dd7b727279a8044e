/** The lab's pure parts: the URL codec of its state and the λ slider's mapping. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DEFAULT_STATE, VIEWS, fitKey, stateFromQuery, stateToQuery, type LabState } from "../../web/src/state.js";
import { SUBSTEPS, lambdaAtSlider, positionsOutward, sliderAtLambda, sliderLambdas, sliderMax } from "../../web/src/slider.js";

const stateArb: fc.Arbitrary<LabState> = fc.record({
  dataset: fc.constantFrom("diabetes", "breast_cancer", "upload"),
  target: fc.option(fc.constantFrom("progression", "y", "a column, with = & signs"), { nil: null }),
  na: fc.constantFrom("error", "drop"),
  decimal: fc.constantFrom("auto", ".", ","),
  thousands: fc.constantFrom("", ",", ".", " ", "'"),
  family: fc.constantFrom(null, "gaussian", "binomial", "poisson", "cox", "multinomial", "mgaussian"),
  grouped: fc.boolean(),
  moreTargets: fc.array(fc.constantFrom("y2", "a column, with = & signs", "z"), { maxLength: 3 }),
  measure: fc.constantFrom(null, "deviance", "class", "mse", "mae"),
  status: fc.option(fc.constantFrom("status", "died, 1 = yes"), { nil: null }),
  start: fc.option(fc.constantFrom("entry", "t0"), { nil: null }),
  strata: fc.option(fc.constantFrom("centre"), { nil: null }),
  alpha: fc.double({ min: 0, max: 1, noNaN: true }),
  standardize: fc.boolean(),
  penalty: fc.constantFrom("lasso", "mcp", "scad", "adaptive"),
  penaltyGamma: fc.option(fc.double({ min: -5, max: 10, noNaN: true }), { nil: null }),
  lambda: fc.option(fc.double({ min: 1e-8, max: 1e6, noNaN: true }), { nil: null }),
  view: fc.constantFrom(...VIEWS),
  xvar: fc.constantFrom("lambda", "norm", "dev"),
  scale: fc.constantFrom("original", "standardized"),
  gamma: fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
  nfolds: fc.integer({ min: 3, max: 50 }),
  seed: fc.integer({ min: -1000, max: 1000 }),
  rho: fc.double({ min: -0.99, max: 0.99, noNaN: true }),
  betaHat: fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })),
  budget: fc.double({ min: 0.01, max: 5, noNaN: true }),
  raceLambda: fc.double({ min: 0, max: 3, noNaN: true }),
  scenario: fc.option(fc.constantFrom("strong", "correlated"), { nil: null }),
  // The survival columns belong to cox: another family's state has none (the codec drops them).
  // γ belongs to MCP and SCAD only (penalty.ts): another penalty's state has none.
}).map((s) => (s.family === "cox" ? s : { ...s, status: null, start: null, strata: null }))
  .map((s) => ({ ...s, penaltyGamma: s.penalty === "mcp" || s.penalty === "scad" ? s.penaltyGamma : null })) as fc.Arbitrary<LabState>;

test("the URL restores every field of the state exactly", () => {
  fc.assert(
    fc.property(stateArb, (state) => {
      const back = stateFromQuery(stateToQuery(state));
      // -0 and 0 are the same setting; compare numbers by value.
      assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(state)));
    }),
    { numRuns: 300 },
  );
});

test("a link with missing or bad values falls back to the defaults", () => {
  assert.deepEqual(stateFromQuery(""), DEFAULT_STATE);
  const bad = stateFromQuery("?alpha=2&lambda=-1&view=nowhere&folds=1&rho=1.5&bhat=1&xvar=x&family=cauchy&data=../etc&na=skip&decimal=;&thousands=_");
  assert.equal(bad.alpha, DEFAULT_STATE.alpha);
  assert.equal(bad.lambda, null);
  assert.equal(bad.view, DEFAULT_STATE.view);
  assert.equal(bad.nfolds, DEFAULT_STATE.nfolds);
  assert.equal(bad.rho, DEFAULT_STATE.rho);
  assert.deepEqual(bad.betaHat, DEFAULT_STATE.betaHat);
  assert.equal(bad.xvar, DEFAULT_STATE.xvar);
  assert.equal(bad.family, null);
  assert.equal(bad.dataset, DEFAULT_STATE.dataset);
  assert.equal(bad.na, DEFAULT_STATE.na);
  assert.equal(bad.decimal, DEFAULT_STATE.decimal);
  assert.equal(bad.thousands, DEFAULT_STATE.thousands);
});

test("only the fit's settings change the fit key; λ and the view do not", () => {
  const base = fitKey(DEFAULT_STATE);
  assert.equal(fitKey({ ...DEFAULT_STATE, lambda: 3, view: "geometry", xvar: "dev", rho: 0.1 }), base);
  for (const patch of [{ alpha: 0.5 }, { standardize: false }, { seed: 2 }, { nfolds: 5 }, { target: "y" }, { dataset: "breast_cancer" }, { na: "drop" }, { decimal: "," }, { thousands: "." }] as Partial<LabState>[]) {
    assert.notEqual(fitKey({ ...DEFAULT_STATE, ...patch }), base, JSON.stringify(patch));
  }
});

test("the slider visits every fitted λ and moves evenly in log λ between them", () => {
  const lambdas = Float64Array.from({ length: 20 }, (_, k) => 50 * Math.pow(0.7, k));
  assert.equal(sliderMax(lambdas.length), 19 * SUBSTEPS);
  for (let k = 0; k < lambdas.length; k++) {
    assert.equal(lambdaAtSlider(lambdas, k * SUBSTEPS), lambdas[k]);
    assert.equal(sliderAtLambda(lambdas, lambdas[k]!), k * SUBSTEPS);
  }
  // Half way between two fitted λs is their geometric mean.
  const mid = lambdaAtSlider(lambdas, 3 * SUBSTEPS + SUBSTEPS / 2);
  assert.ok(Math.abs(mid - Math.sqrt(lambdas[3]! * lambdas[4]!)) < 1e-12 * mid);
  // Every position maps back to itself, and λ decreases left to right.
  let previous = Infinity;
  for (let v = 0; v <= sliderMax(lambdas.length); v++) {
    const lambda = lambdaAtSlider(lambdas, v);
    assert.ok(lambda < previous);
    previous = lambda;
    assert.equal(sliderAtLambda(lambdas, lambda), v);
  }
  // Outside the path: clamped to its ends.
  assert.equal(sliderAtLambda(lambdas, 1e9), 0);
  assert.equal(sliderAtLambda(lambdas, 1e-9), sliderMax(lambdas.length));
});

test("the fine grid is every slider position's λ, through each fitted λ exactly", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 1e-6, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 12 }), (raw) => {
      const lambdas = [...new Set(raw)].sort((a, b) => b - a);
      // Precondition: at least two λs, each below the one before by more than rounding, as on a fitted path
      // (about 1 draw in 15 repeats a λ or nearly so; fast-check fails if far more are skipped).
      fc.pre(lambdas.length >= 2 && lambdas.every((l, k) => k === 0 || l < lambdas[k - 1]! * (1 - 1e-9)));
      const grid = sliderLambdas(lambdas);
      assert.equal(grid.length, sliderMax(lambdas.length) + 1);
      grid.forEach((l, position) => assert.equal(l, lambdaAtSlider(lambdas, position)));
      lambdas.forEach((l, k) => assert.equal(grid[k * SUBSTEPS], l));
      for (let i = 1; i < grid.length; i++) assert.ok(grid[i]! < grid[i - 1]!, "strictly decreasing, as a path's λs");
    }),
  );
  assert.equal(sliderLambdas([]).length, 0);
});

test("the worker explains slider positions nearest first, each once", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: -5, max: 305 }), (count, center) => {
      const order = positionsOutward(center, count);
      assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: count }, (_, i) => i));
      const c = Math.min(Math.max(center, 0), count - 1);
      for (let i = 1; i < order.length; i++) assert.ok(Math.abs(order[i]! - c) >= Math.abs(order[i - 1]! - c), `${order}`);
    }),
  );
  assert.deepEqual(positionsOutward(2, 5), [2, 3, 1, 4, 0]);
  assert.deepEqual(positionsOutward(0, 0), []);
});

test("the survival columns travel with family cox only, and change the fit's key", () => {
  const cox: LabState = { ...DEFAULT_STATE, dataset: "upload", family: "cox", target: "time", status: "status", start: "entry", strata: "centre" };
  const back = stateFromQuery(stateToQuery(cox));
  assert.equal(back.family, "cox");
  assert.deepEqual([back.target, back.status, back.start, back.strata], ["time", "status", "entry", "centre"]);
  assert.notEqual(fitKey(cox), fitKey({ ...cox, status: "other" }));
  assert.notEqual(fitKey(cox), fitKey({ ...cox, strata: null }));
  // A link naming a status for another family: the columns are dropped, not left to confuse a later cox choice.
  const gaussian = stateFromQuery("?data=diabetes&family=gaussian&status=status&start=entry&strata=centre");
  assert.deepEqual([gaussian.status, gaussian.start, gaussian.strata], [null, null, null]);
  assert.equal(fitKey({ ...DEFAULT_STATE, status: "ignored" }), fitKey(DEFAULT_STATE));
});

test("the multi-response CV measure travels in the link, not in the fit's key; an unknown one is dropped", () => {
  const multi: LabState = { ...DEFAULT_STATE, dataset: "iris", family: "multinomial" };
  assert.equal(stateFromQuery(stateToQuery({ ...multi, measure: "class" })).measure, "class");
  assert.equal(stateFromQuery("?data=iris&measure=auc").measure, null, "auc is no multi-response measure");
  // Another measure summarizes the same folds again: nothing is refitted.
  assert.equal(fitKey({ ...multi, measure: "class" }), fitKey(multi));
  assert.equal(fitKey({ ...multi, measure: "mae" }), fitKey({ ...multi, measure: "class" }));
});
