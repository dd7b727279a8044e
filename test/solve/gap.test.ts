// The duality gap each fit reports: never negative, the same number as a primal–dual pair computed here
// from the data alone, shrinking to 0 as the fit converges, and a true bound (a gapTol fit's objective is
// within its gap of glmnet's converged fit). Where it does not apply, it says so (NaN).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import type { ModelMatrix } from "../../src/data/matrix.js";
import type { FamilyName } from "../../src/model/family.js";
import { ElasticNet } from "../../src/model/penalties/elastic-net.js";
import { randomProblem } from "../helpers/random.js";
import { objective } from "../helpers/objective.js";
import { loadReference, referenceOptions, referenceProblem } from "../helpers/reference.js";

/** A path's gaps, which every elastic-net path carries. */
function gapsOf(path: Path): Float64Array {
  assert.ok(path.gap, "the path carries its gaps");
  return path.gap;
}

type Family = Exclude<FamilyName, never>;

/** b(η) and the conjugate b*(m) of each family's cumulant (gaussian: of ½(y − η)² per row, see below). */
const cumulant = {
  binomial: { b: (e: number) => Math.log1p(Math.exp(e)), conj: (m: number) => (m > 0 ? m * Math.log(m) : 0) + (m < 1 ? (1 - m) * Math.log(1 - m) : 0), mean: (e: number) => 1 / (1 + Math.exp(-e)) },
  poisson: { b: (e: number) => Math.exp(e), conj: (m: number) => (m > 0 ? m * Math.log(m) : 0) - m, mean: (e: number) => Math.exp(e) },
};

interface Setting { family: Family; alpha: number; standardize: boolean; intercept: boolean; penaltyFactor: number[]; weights?: number[]; offset?: number[] }

/** Weights summing to 1, the offset (0 when none), and the 1/n sd each coefficient's penalty is scaled by. */
function prepared(x: ModelMatrix, s: Setting): { w: Float64Array; off: Float64Array; scale: Float64Array; vp: Float64Array } {
  const { n, p } = x;
  const w0 = s.weights ? Float64Array.from(s.weights) : new Float64Array(n).fill(1);
  const sw = w0.reduce((a, b) => a + b, 0);
  const w = w0.map((v) => v / sw);
  const off = s.offset ? Float64Array.from(s.offset) : new Float64Array(n);
  const scale = new Float64Array(p).fill(1);
  if (s.standardize) {
    for (let j = 0; j < p; j++) {
      let m = 0, q = 0;
      for (let i = 0; i < n; i++) m += w[i] * x.data[j * n + i];
      for (let i = 0; i < n; i++) q += w[i] * (x.data[j * n + i] - m) ** 2;
      scale[j] = Math.sqrt(q);
    }
  }
  const vsum = s.penaltyFactor.reduce((a, b) => a + b, 0);
  return { w, off, scale, vp: Float64Array.from(s.penaltyFactor, (v) => (v * p) / vsum) };
}

/** The datafit of the null model less the saturated one's: half the null deviance per unit weight. */
function halfNullDeviance(y: Float64Array, s: Setting, w: Float64Array, off: Float64Array): number {
  const n = y.length;
  if (s.family === "gaussian") {
    let m = 0;
    if (s.intercept) for (let i = 0; i < n; i++) m += w[i] * (y[i] - off[i]);
    let q = 0;
    for (let i = 0; i < n; i++) q += 0.5 * w[i] * (y[i] - off[i] - m) ** 2;
    return q;
  }
  const c = cumulant[s.family as "binomial" | "poisson"];
  let a = 0;
  for (let it = 0; s.intercept && it < 100; it++) {
    let g = 0, h = 0;
    for (let i = 0; i < n; i++) {
      const mu = c.mean(a + off[i]);
      g += w[i] * (y[i] - mu);
      h += w[i] * (s.family === "binomial" ? mu * (1 - mu) : mu);
    }
    a += g / h;
  }
  let q = 0;
  for (let i = 0; i < n; i++) {
    const e = a + off[i];
    // F(null) − F(saturated): b(η) − yη − (b(η_sat) − y·η_sat) = b(η) − yη + b*(y).
    q += w[i] * (c.b(e) - y[i] * e + c.conj(y[i]));
  }
  return q;
}

/**
 * The lasso's relative gap from a dual point built here: θ = w(y − μ) at the path's solution, moved to
 * Σθ = 0 along w, scaled into |x_jᵀθ| ≤ λ·v_j·s_j; D(θ) = −Σ_i f_i*(−θ_i) on the data's scale.
 */
function independentGap(x: ModelMatrix, y: Float64Array, s: Setting, lambda: number, a0: number, beta: Float64Array): number {
  const { n, p } = x;
  const { w, off, scale, vp } = prepared(x, s);
  const eta = new Float64Array(n).fill(a0);
  for (let i = 0; i < n; i++) eta[i] += off[i];
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) eta[i] += beta[j] * x.data[j * n + i];
  const mean = s.family === "gaussian" ? (e: number) => e : cumulant[s.family as "binomial" | "poisson"].mean;
  const theta = Float64Array.from(eta, (e, i) => w[i] * (y[i] - mean(e)));
  if (s.intercept) {
    const c = theta.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) theta[i] -= w[i] * c;
  }
  let sc = 1;
  for (let j = 0; j < p; j++) {
    let z = 0;
    for (let i = 0; i < n; i++) z += x.data[j * n + i] * theta[i];
    if (Math.abs(z) > 0) sc = Math.min(sc, (lambda * vp[j] * scale[j]) / Math.abs(z));
  }
  let dual = 0;
  for (let i = 0; i < n; i++) {
    const t = sc * theta[i];
    if (w[i] === 0) continue;
    if (s.family === "gaussian") dual += t * (y[i] - off[i]) - (t * t) / (2 * w[i]);
    else {
      const m = y[i] - t / w[i];
      dual -= w[i] * cumulant[s.family as "binomial" | "poisson"].conj(m) + t * off[i];
    }
  }
  const primal = objective(x, y, s.family, { ...s, lambda }, a0, beta);
  return (primal - dual) / halfNullDeviance(y, s, w, off);
}

function settingOf(p: number, o: FitOptions): Setting {
  return {
    family: o.family ?? "gaussian", alpha: o.alpha ?? 1, standardize: o.standardize ?? true, intercept: o.intercept ?? true,
    penaltyFactor: (o.penaltyFactor as number[] | undefined) ?? new Array(p).fill(1),
    weights: o.weights as number[] | undefined, offset: o.offset as number[] | undefined,
  };
}

const ramp = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

const lassoCases: { name: string; n: number; p: number; family: Family; opts: FitOptions }[] = [
  { name: "gaussian lasso, weights, offset, penalty factors", n: 150, p: 20, family: "gaussian", opts: { weights: ramp(150, (i) => 0.5 + (i % 4)), offset: ramp(150, (i) => Math.sin(i)), penaltyFactor: ramp(20, (j) => 1 + (j % 3)) } },
  { name: "gaussian wide lasso, naive updates", n: 40, p: 120, family: "gaussian", opts: { updates: "naive" } },
  { name: "gaussian, no intercept, no standardize", n: 100, p: 15, family: "gaussian", opts: { intercept: false, standardize: false } },
  { name: "logistic lasso with weights", n: 200, p: 25, family: "binomial", opts: { weights: ramp(200, (i) => 1 + (i % 3)) } },
  { name: "poisson lasso with offset and weights", n: 200, p: 15, family: "poisson", opts: { weights: ramp(200, (i) => 1 + (i % 2)), offset: ramp(200, (i) => 0.2 * Math.cos(i)) } },
  { name: "logistic, no intercept", n: 150, p: 10, family: "binomial", opts: { intercept: false } },
];
assert.equal(lassoCases.length, 6);

for (const c of lassoCases) {
  test(`gap equals an independently computed primal–dual pair's: ${c.name}`, () => {
    const { x, y } = randomProblem(c.n * 3 + c.p, c.n, c.p, { rho: 0.4, family: c.family as Exclude<Family, "cox"> });
    const opts: FitOptions = { ...c.opts, family: c.family };
    const path = fitPath(x, y, opts);
    assert.ok(path.lambda.length > 10);
    let compared = 0;
    for (let k = 1; k < path.lambda.length; k++) {
      const want = independentGap(x, y, settingOf(c.p, opts), path.lambda[k], path.intercept[k], coefficientsAt(path, k));
      const got = gapsOf(path)[k];
      assert.ok(got >= 0, `gap ${got} < 0 at λ ${k}`);
      assert.ok(Math.abs(got - want) <= 1e-6 * Math.max(got, want) + 1e-12, `λ ${k}: gap ${got}, independently ${want}`);
      compared++;
    }
    assert.equal(compared, path.lambda.length - 1);
  });
}

const gapCases: { name: string; n: number; p: number; family: Family; opts: FitOptions }[] = [
  { name: "tall lasso", n: 200, p: 20, family: "gaussian", opts: {} },
  { name: "wide elastic net, naive", n: 50, p: 150, family: "gaussian", opts: { alpha: 0.5, updates: "naive" } },
  { name: "ridge", n: 80, p: 30, family: "gaussian", opts: { alpha: 0 } },
  { name: "unpenalized variables and bounds", n: 120, p: 25, family: "gaussian", opts: { penaltyFactor: ramp(25, (j) => (j % 5 === 0 ? 0 : 1 + (j % 3))), lowerLimits: -0.05, upperLimits: 0.2 } },
  { name: "weights, no standardize", n: 150, p: 20, family: "gaussian", opts: { weights: ramp(150, (i) => 0.5 + (i % 4)), standardize: false, alpha: 0.7 } },
  { name: "logistic elastic net with bounds", n: 100, p: 40, family: "binomial", opts: { alpha: 0.5, upperLimits: 0.5 } },
  { name: "poisson lasso, no intercept", n: 200, p: 15, family: "poisson", opts: { intercept: false } },
];
assert.equal(gapCases.length, 7);

for (const c of gapCases) {
  test(`gap ≥ 0, shrinks with thresh, and gapTol bounds it: ${c.name}`, () => {
    const { x, y } = randomProblem(c.n * 5 + c.p, c.n, c.p, { rho: 0.5, family: c.family as Exclude<Family, "cox"> });
    const base: FitOptions = { ...c.opts, family: c.family };
    const loose = fitPath(x, y, { ...base, thresh: 1e-5 });
    const lambda = loose.lambda.slice(1);
    const fits = [1e-5, 1e-9, 1e-13].map((thresh) => fitPath(x, y, { ...base, thresh, lambda }));
    const certified = fitPath(x, y, { ...base, lambda, gapTol: 1e-10 });
    const maxGap = (path: Path) => Math.max(...gapsOf(path));
    for (const path of [...fits, certified]) {
      assert.equal(gapsOf(path).length, lambda.length);
      for (const g of gapsOf(path)) assert.ok(g >= 0 && Number.isFinite(g), `gap ${g}`);
    }
    assert.ok(maxGap(fits[2]) < maxGap(fits[0]), `${maxGap(fits[2])} not below ${maxGap(fits[0])}`);
    assert.ok(maxGap(fits[2]) < 1e-4);
    assert.ok(maxGap(certified) <= 1e-10, `gapTol 1e-10 left ${maxGap(certified)}`);
    assert.equal(certified.settings.gapTol, 1e-10);
  });
}

const references = ["diabetes_lasso", "diabetes_enet05", "quickstart_noint", "quickstart_pf", "glmnet_binomial_enet", "glmnet_poisson_lasso"];
assert.equal(references.length, 6);

for (const name of references) {
  test(`a gapTol fit's objective is within its gap of glmnet's converged fit: ${name}`, () => {
    const ref = loadReference(name);
    const { x, y } = referenceProblem(ref);
    const opts = referenceOptions(ref);
    const lambda = ref.lambda.slice(1);
    const path = fitPath(x, y, { ...opts, lambda, gapTol: 1e-8 });
    assert.equal(path.lambda.length, lambda.length);
    const { w, off } = prepared(x, { ...opts, penaltyFactor: opts.penaltyFactor });
    const scale = halfNullDeviance(y, { ...opts }, w, off);
    for (let k = 0; k < lambda.length; k++) {
      const ours = objective(x, y, opts.family, { ...opts, lambda: lambda[k] }, path.intercept[k], coefficientsAt(path, k));
      const theirs = objective(x, y, opts.family, { ...opts, lambda: lambda[k] }, ref.intercept[k + 1], ref.coefficients[k + 1]);
      const gap = gapsOf(path)[k];
      assert.ok(gap <= 1e-8, `gap ${gap}`);
      // P(ours) − P* ≤ gap·scale and P* ≤ P(glmnet's).
      assert.ok(ours - theirs <= gap * scale + 1e-13 * scale, `λ ${k}: ${ours} − ${theirs} > ${gap * scale}`);
    }
  });
}

test("the gap says where it does not apply: an IRLS fit with an unpenalized variable", () => {
  const { x, y } = randomProblem(11, 100, 8, { family: "binomial" });
  const path = fitPath(x, y, { family: "binomial", penaltyFactor: [0, 1, 1, 1, 1, 1, 1, 1] });
  assert.ok(gapsOf(path).slice(1).every(Number.isNaN));
});

test("the elastic net's conjugate is the supremum over its box, and Fenchel–Young is ≥ 0", () => {
  const vp = Float64Array.from([1, 0.5, 2, 1]);
  const pen = new ElasticNet({ alpha: 0.6, vp, lower: Float64Array.from([-Infinity, -0.3, 0, -1]), upper: Float64Array.from([Infinity, 0.2, Infinity, 0]) });
  const lambda = 0.7;
  let checked = 0;
  for (let j = 0; j < 4; j++) {
    for (const z of [-3, -0.5, -0.1, 0, 0.2, 0.45, 1.7]) {
      let best = -Infinity;
      const lo = Math.max(pen.lower[j], -20), hi = Math.min(pen.upper[j], 20);
      for (let t = 0; t <= 200000; t++) {
        const b = lo + ((hi - lo) * t) / 200000;
        best = Math.max(best, z * b - lambda * vp[j] * (0.6 * Math.abs(b) + 0.2 * b * b));
      }
      assert.ok(Math.abs(pen.conjugate(j, z, lambda) - best) < 1e-6, `j ${j}, z ${z}: ${pen.conjugate(j, z, lambda)} vs ${best}`);
      for (const b of [pen.lower[j] > -1 ? pen.lower[j] : -1, 0, pen.upper[j] < 1 ? pen.upper[j] : 0.8]) assert.ok(pen.fenchelYoung(j, b, z, lambda) >= -1e-15);
      checked++;
    }
  }
  assert.equal(checked, 28);
  const lasso = new ElasticNet({ alpha: 1, vp: Float64Array.from([1]), lower: Float64Array.from([-Infinity]), upper: Float64Array.from([Infinity]) });
  assert.equal(lasso.conjugate(0, 1.5, 1), Infinity);
  assert.ok(lasso.dualScale(0, 1.5, 1) * 1.5 <= 1);
  assert.equal(lasso.conjugate(0, lasso.dualScale(0, 1.5, 1) * 1.5, 1), 0);
});
