// The working-set solver (solver "ws": working sets, Anderson extrapolation, each λ stopped at its
// duality gap): its fits reach the requested relative gap at every λ, meet the KKT conditions, and have
// objectives within their gap of glmnet's converged fits (the references, fitted at thresh 1e-14).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { cvPath } from "../../src/cv/cv.js";
import { OptionError } from "../../src/errors.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { andersonPoint } from "../../src/solve/working-set-solver.js";
import { kthLargest } from "../../src/solve/working-set.js";
import { randomProblem } from "../helpers/random.js";
import { objective } from "../helpers/objective.js";
import { kktViolation } from "../helpers/kkt.js";
import { loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";

function gapsOf(path: Path): Float64Array {
  assert.ok(path.gap, "the path carries its gaps");
  return path.gap;
}

/** Half the null deviance per unit weight (the gap's unit), for the references (no weights). */
function halfNullDeviance(y: Float64Array, intercept: boolean): number {
  const n = y.length;
  const m = intercept ? y.reduce((a, b) => a + b, 0) / n : 0;
  let q = 0;
  for (let i = 0; i < n; i++) q += (0.5 * (y[i] - m) ** 2) / n;
  return q;
}

const references = ["diabetes_lasso", "diabetes_enet05", "diabetes_ridge", "diabetes_lasso_raw", "quickstart_pf", "quickstart_noint"];
assert.equal(references.length, 6);

for (const name of references) {
  test(`solver ws reaches gapTol at every λ, within its gap of glmnet's objective: ${name}`, () => {
    const ref = loadReference(name);
    assert.equal(ref.family, "gaussian");
    const { x, y } = referenceProblem(ref);
    const opts = referenceOptions(ref);
    const lambda = ref.lambda.slice(1);
    const gapTol = 1e-9;
    const path = fitPath(x, y, { ...opts, lambda, gapTol, solver: "ws" });
    assert.equal(path.lambda.length, lambda.length);
    assert.deepEqual(path.warnings.filter((w) => w.includes("gapTol")), []);
    const scale = halfNullDeviance(y, opts.intercept);
    for (let k = 0; k < lambda.length; k++) {
      const gap = gapsOf(path)[k];
      assert.ok(gap >= 0 && gap <= gapTol, `λ[${k}]: gap ${gap}`);
      const o = { ...opts, lambda: lambda[k] };
      const ours = objective(x, y, opts.family, o, path.intercept[k], coefficientsAt(path, k));
      const theirs = objective(x, y, opts.family, o, ref.intercept[k + 1], ref.coefficients[k + 1]);
      // P(ours) − P* ≤ gap·scale, and glmnet's P is P* to its thresh 1e-14.
      assert.ok(ours - theirs <= (gap + 1e-12) * scale, `λ[${k}]: ${ours} − ${theirs} > ${gap * scale}`);
      assert.ok(theirs - ours <= 1e-11 * scale, `λ[${k}]: ours ${ours} below glmnet's optimum ${theirs}`);
    }
  });
}

const cases: { name: string; n: number; p: number; rho: number; opts: FitOptions }[] = [
  { name: "tall lasso", n: 300, p: 30, rho: 0.5, opts: {} },
  { name: "wide lasso", n: 60, p: 400, rho: 0.5, opts: {} },
  { name: "wide elastic net, correlated", n: 50, p: 200, rho: 0.9, opts: { alpha: 0.3 } },
  { name: "tall ridge", n: 120, p: 40, rho: 0.6, opts: { alpha: 0 } },
  { name: "weights and penalty factors, wide", n: 80, p: 150, rho: 0.4, opts: {
    weights: Array.from({ length: 80 }, (_, i) => 0.5 + (i % 4)),
    penaltyFactor: Array.from({ length: 150 }, (_, j) => (j % 7 === 0 ? 0 : 1 + (j % 3))), alpha: 0.7,
  } },
  { name: "weights, tall, no standardize", n: 200, p: 25, rho: 0.3, opts: { weights: Array.from({ length: 200 }, (_, i) => 1 + (i % 3)), standardize: false } },
];
assert.equal(cases.length, 6);

for (const c of cases) {
  test(`solver ws: gap ≤ gapTol and KKT at every λ, objective within the gap of glmnet's: ${c.name}`, () => {
    const { x, y } = randomProblem(c.n * 11 + c.p, c.n, c.p, { rho: c.rho });
    const gapTol = 1e-12;
    const ws = fitPath(x, y, { ...c.opts, solver: "ws", gapTol });
    // glmnet's iterates on the same λs, converged far past the gap asked of ws.
    const glm = fitPath(x, y, { ...c.opts, lambda: ws.lambda.slice(1), thresh: 1e-14 });
    assert.ok(ws.lambda.length > 5, `${ws.lambda.length} λs`);
    assert.equal(glm.lambda.length, ws.lambda.length - 1);
    const pf = c.opts.penaltyFactor as number[] | undefined;
    const weights = c.opts.weights as number[] | undefined;
    const w = weights ?? new Array(c.n).fill(1);
    const sw = w.reduce((a, b) => a + b, 0);
    const ym = y.reduce((a, v, i) => a + (w[i] * v) / sw, 0);
    const scale = y.reduce((a, v, i) => a + (0.5 * w[i] * (v - ym) ** 2) / sw, 0);
    for (let k = 1; k < ws.lambda.length; k++) {
      const gap = gapsOf(ws)[k];
      assert.ok(gap >= 0 && gap <= gapTol, `λ[${k}]: gap ${gap}`);
      const beta = coefficientsAt(ws, k);
      const o = { alpha: c.opts.alpha ?? 1, lambda: ws.lambda[k], standardize: c.opts.standardize, intercept: true, penaltyFactor: pf, weights };
      const v = kktViolation(x, y, "gaussian", { ...o, lower: new Array(c.p).fill(-Infinity), upper: new Array(c.p).fill(Infinity) }, ws.intercept[k], beta);
      assert.ok(v < 1e-5, `λ[${k}] = ${ws.lambda[k]}: KKT violation ${v}`);
      const full = { family: "gaussian" as const, alpha: o.alpha, standardize: c.opts.standardize ?? true, intercept: true, penaltyFactor: pf ?? new Array(c.p).fill(1), weights, lambda: ws.lambda[k] };
      const ours = objective(x, y, "gaussian", full, ws.intercept[k], beta);
      const theirs = objective(x, y, "gaussian", full, glm.intercept[k - 1], coefficientsAt(glm, k - 1));
      // P(ours) − P* ≤ gap·scale with P* ≤ P(glmnet's), and P(glmnet's) − P* within glmnet's own gap.
      assert.ok(ours - theirs <= (gap + 1e-12) * scale, `λ[${k}]: ${ours} vs glmnet's ${theirs} (gap ${gap})`);
      assert.ok(theirs - ours <= (gapsOf(glm)[k - 1] + 1e-12) * scale, `λ[${k}]: ${ours} below glmnet's ${theirs} by more than its gap`);
    }
  });
}

test("solver ws without gapTol stops at relative gap thresh", () => {
  const { x, y } = randomProblem(5, 100, 300, { rho: 0.5 });
  const path = fitPath(x, y, { solver: "ws", thresh: 1e-8 });
  assert.ok(path.lambda.length > 5);
  for (const g of gapsOf(path)) assert.ok(g >= 0 && g <= 1e-8, `gap ${g}`);
});

test("Anderson's point of a linear contraction's iterates is nearer its fixed point than the last iterate", () => {
  // x ↦ A·x + b with A = diag(0.95·i/19), i < 20, from 0: the fixed point is b_i/(1 − a_i). Five plain steps
  // leave the error at 16.9; the extrapolation of their five differences brings it to 10.0.
  const d = 20;
  const a = Array.from({ length: d }, (_, i) => (0.95 * i) / (d - 1));
  const star = a.map((ai) => 1 / (1 - ai));
  const iterates = [new Float64Array(d)];
  for (let k = 0; k < 5; k++) iterates.push(Float64Array.from(iterates[k], (v, i) => a[i] * v + 1));
  const error = (x: ArrayLike<number>) => Math.hypot(...Array.from(x, (v, i) => v - star[i]));
  const point = andersonPoint(iterates, d);
  assert.ok(point !== null);
  assert.ok(error(point) < 0.6 * error(iterates[5]), `${error(point)} vs ${error(iterates[5])}`);
  // Iterates that stopped moving have no extrapolation.
  assert.equal(andersonPoint([Float64Array.from([1, 1]), Float64Array.from([1, 1])], 2), null);
});

test("solver ws says where it does not apply", () => {
  const { x, y } = randomProblem(7, 60, 10, { family: "binomial" });
  assert.throws(() => fitPath(x, y, { family: "binomial", solver: "ws" }), (e: unknown) => e instanceof OptionError && /gaussian family only/.test(e.message));
  const g = randomProblem(8, 60, 10, {});
  assert.throws(() => fitPath(g.x, g.y, { solver: "nope" as "ws" }), (e: unknown) => e instanceof OptionError && /solver/.test(e.message));
  assert.throws(() => cvPath(g.x, g.y, { solver: "ws", nfolds: 3 }), (e: unknown) => e instanceof OptionError && /cross-validation folds/.test(e.message));
});

test("kthLargest picks the k-th largest, with ties, for every k", () => {
  const values = [3, -1, 7, 7, 0, 2.5, -4, 7, 1, 0];
  const sorted = [...values].sort((a, b) => b - a);
  for (let k = 1; k <= values.length; k++) assert.equal(kthLargest(Float64Array.from(values), k), sorted[k - 1], `k = ${k}`);
});
