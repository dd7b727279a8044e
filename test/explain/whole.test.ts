// The library functions behind the learner's questions 2, 5 and 8 on the user's own data: the cost along
// one coefficient, standardize side by side, and the Monte Carlo degrees of freedom (Efron's covariance form).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { costLine } from "../../src/explain/cost-line.js";
import { dfEstimate } from "../../src/explain/df.js";
import { explain } from "../../src/explain/explain.js";
import { ridgeSpectrum } from "../../src/explain/spectrum.js";
import { compareStandardization } from "../../src/explain/standardize-compare.js";
import { fitPath } from "../../src/solve/path.js";
import { DIABETES } from "../cli/helpers.js";

const { x, y } = buildDesign(parseCsv(readFileSync(DIABETES, "utf8")), { target: "progression" });
const data = { x, y };

test("the cost along a lasso coefficient is smallest at its solution, with a kink at zero the data's slope must beat", () => {
  const path = fitPath(x, y);
  const lambda = path.lambda[20];
  const e = explain(path, data, { lambda });
  const zero = e.coefficients.find((c) => c.status === "zero")!;
  const active = e.coefficients.find((c) => c.status === "active")!;
  for (const c of [zero, active]) {
    const line = costLine(path, data, { lambda, feature: c.feature, points: 401 });
    const k = line.cost.reduce((b, v, i) => (v < line.cost[b] ? i : b), 0);
    const step = line.grid[1] - line.grid[0];
    assert.ok(Math.abs(line.grid[k] - line.solution) <= step, `${c.feature}: grid minimum ${line.grid[k]}, solution ${line.solution}`);
    assert.ok(Math.abs(line.solution - c.standardized) < 1e-6 * Math.max(1, Math.abs(c.standardized)));
    assert.equal(line.price, c.price);
    // The datafit's slope at zero is minus the pull (finite differences across zero).
    const h = 1e-6;
    const fd = (datafitAt(line, h) - datafitAt(line, -h)) / (2 * h);
    assert.ok(Math.abs(fd + line.pullAtZero) < 1e-4 * Math.max(1, Math.abs(line.pullAtZero)), `${c.feature}: slope ${fd}, pull ${line.pullAtZero}`);
  }
  assert.ok(Math.abs(costLine(path, data, { lambda, feature: zero.feature }).pullAtZero) < zero.price, "a zero's pull at zero is below its price");
  assert.ok(Math.abs(costLine(path, data, { lambda, feature: active.feature }).pullAtZero) > active.price, "an active one's pull at zero exceeds its price");
  assert.throws(() => costLine(path, data, { lambda, feature: "bmj" }), /feature "bmj" is not one of the 10 features/);
});

/** The datafit at t from a line's own grid is not enough for a derivative: recompute it at ±h by a 3-point line. */
function datafitAt(line: ReturnType<typeof costLine>, t: number): number {
  const path = fitPath(x, y);
  const l = costLine(path, data, { lambda: line.lambda, feature: line.feature, points: 3 });
  // The grid of 3 points is [lo, mid, hi]: interpolate the quadratic through them (gaussian datafit is quadratic in t).
  const [a, b, c] = l.grid, [fa, fb, fc] = l.datafit;
  return fa * ((t - b) * (t - c)) / ((a - b) * (a - c)) + fb * ((t - a) * (t - c)) / ((b - a) * (b - c)) + fc * ((t - a) * (t - b)) / ((c - a) * (c - b));
}

test("the ridge bowl is smooth, its minimum off zero: the curvature it adds is λ(1−α)v/s_y", () => {
  const path = fitPath(x, y, { alpha: 0 });
  const lambda = path.lambda[40];
  const line = costLine(path, data, { lambda, feature: "bmi" });
  assert.equal(line.price, 0);
  assert.ok(line.ridgeCurvature > 0);
  assert.ok(line.solution !== 0);
  const k = line.cost.reduce((b, v, i) => (v < line.cost[b] ? i : b), 0);
  assert.ok(line.grid[k] !== 0);
});

test("standardize side by side: the same fraction of each λ_max, entry orders from each path, and what moves", () => {
  const c = compareStandardization(data, {}, 0.1);
  assert.equal(c.standardized.explanation.standardize, true);
  assert.equal(c.original.explanation.standardize, false);
  assert.ok(Math.abs(c.standardized.lambda - 0.1 * fitPath(x, y).lambda[0]) < 1e-12 * c.standardized.lambda);
  assert.ok(Math.abs(c.original.lambda - 0.1 * fitPath(x, y, { standardize: false }).lambda[0]) < 1e-12 * c.original.lambda);
  assert.equal(c.standardized.entryOrder[0], "bmi");
  assert.ok(c.moved.length > 0, "diabetes' units move the order of entry");
  for (const f of c.moved) {
    const a = c.standardized.explanation.coefficients.find((k) => k.feature === f)!.history.entryOrder;
    const b = c.original.explanation.coefficients.find((k) => k.feature === f)!.history.entryOrder;
    assert.notEqual(a, b);
  }
  assert.throws(() => compareStandardization(data, {}, 0), /fraction must be in \(0, 1\]/);
});

test("the Monte Carlo df (Efron's covariance form, intercept's 1 left out) agrees with ridge's trace and the lasso's nonzeros", () => {
  const ridge = fitPath(x, y, { alpha: 0 });
  const lambda = ridge.lambda[50];
  const est = dfEstimate(ridge, data, { lambda, reps: 150, seed: 3 });
  const exact = ridgeSpectrum(ridge, data, { lambda }).df;
  assert.ok(Math.abs(est.df - exact) < 4 * est.se, `ridge: ${est.df} ± ${est.se} vs ${exact}`);
  assert.ok(est.df < est.nonzero, "ridge's df is below its count of nonzeros");
  const lasso = fitPath(x, y);
  const l = dfEstimate(lasso, data, { lambda: lasso.lambda[30], reps: 150, seed: 3 });
  assert.ok(Math.abs(l.df - l.meanNonzero) < 4 * l.se, `lasso: ${l.df} ± ${l.se} vs mean nonzeros ${l.meanNonzero}`);
  assert.deepEqual(dfEstimate(lasso, data, { lambda: lasso.lambda[30], reps: 5, seed: 9 }), dfEstimate(lasso, data, { lambda: lasso.lambda[30], reps: 5, seed: 9 }));
  assert.throws(() => dfEstimate(fitPath(x, y.map((v) => (v > 140 ? 1 : 0)), { family: "binomial" }), { x, y: y.map((v) => (v > 140 ? 1 : 0)) }, { lambda: 0.01 }), /for gaussian fits, not binomial/);
});

test("the geometry starts from two of the user's variables: their correlation and least-squares estimate on the standardized scale", async () => {
  const { twoVariablesProblem } = await import("../../src/explain/geometry-data.js");
  const { penalizedSolution } = await import("../../src/explain/geometry.js");
  const t = twoVariablesProblem(x, y, "s1", "s2");
  assert.ok(t.rho > 0.85, `s1 and s2 are strongly correlated: ${t.rho}`);
  // β̂ is the least-squares fit of y/sd(y) on the two standardized columns: check against the normal equations.
  const path = fitPath(x, y, { lambda: [0], exclude: x.names.filter((f) => f !== "s1" && f !== "s2"), thresh: 1e-14 });
  const b = path.beta[0];
  const sd = (j: number) => Math.sqrt(x.data.subarray(j * x.n, (j + 1) * x.n).reduce((s, v, _, a) => s + (v - a.reduce((m, u) => m + u, 0) / a.length) ** 2, 0) / x.n);
  const std = (j: number) => b.value[Array.from(b.index).indexOf(j)] * sd(j) / t.outcomeScale;
  // (coordinate descent at λ = 0 on two correlated columns converges slowly: 1e-5 is its precision here)
  assert.ok(Math.abs(t.betaHat[0] - std(4)) < 1e-5 && Math.abs(t.betaHat[1] - std(5)) < 1e-5, `${t.betaHat} vs ${std(4)}, ${std(5)}`);
  // The picture's lasso at λ = 0 is β̂ itself.
  const at0 = penalizedSolution(t, 0, 1).beta;
  assert.ok(Math.abs(at0[0] - t.betaHat[0]) < 1e-9 && Math.abs(at0[1] - t.betaHat[1]) < 1e-9);
  assert.throws(() => twoVariablesProblem(x, y, "s1", "s1"), /must differ/);
});
