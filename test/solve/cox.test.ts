// The Cox family against glmnet 4.1-6: CoxExample (cox_lasso.json, right-censored, glmnet's Fortran coxnet)
// and test/fixtures/cox/ (ties, weights, offset, strata, (start, stop] rows: glmnet's cox.path), made by
// scripts/glmnet-check/cox.R. The objective is computed here from the data, independently of the solver.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { cvPath } from "../../src/cv/cv.js";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import type { FitOptions, Survival } from "../../src/solve/types.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const json = (file: string) => JSON.parse(readFileSync(`${root}${file}`, "utf8"));

function csv(file: string): (name: string) => Float64Array {
  const lines = readFileSync(`${root}${file}`, "utf8").trim().split(/\r?\n/);
  const names = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
  const cols = names.map((_, j) => Float64Array.from(lines.slice(1), (l) => Number(l.split(",")[j])));
  return (name) => {
    const j = names.indexOf(name);
    assert.ok(j >= 0, `no column ${name} in ${file}`);
    return cols[j];
  };
}

/** −Σ w̄·(Breslow log partial likelihood terms) + λ Σ v_j [α|β̃_j| + (1−α)/2 β̃_j²], by the definition (O(n²)). */
function coxObjective(x: ModelMatrix, time: Float64Array, surv: Survival, o: { alpha: number; lambda: number; weights?: Float64Array; offset?: Float64Array }, beta: ArrayLike<number>): number {
  const { n, p } = x;
  const w0 = o.weights ?? new Float64Array(n).fill(1);
  const sw = w0.reduce((a, b) => a + b, 0);
  const w = w0.map((v) => v / sw);
  const eta = Float64Array.from({ length: n }, (_, i) => (o.offset ? o.offset[i] : 0));
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) eta[i] += beta[j] * x.data[j * n + i];
  const same = (i: number, j: number) => !surv.strata || surv.strata[i] === surv.strata[j];
  // Event times per stratum, each once: the events there and the risk set.
  const seen = new Set<string>();
  let loglik = 0;
  for (let i = 0; i < n; i++) {
    if (surv.status[i] !== 1) continue;
    const key = `${surv.strata ? surv.strata[i] : 0}:${time[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let dk = 0, risk = 0;
    for (let j = 0; j < n; j++) {
      if (!same(i, j)) continue;
      if (surv.status[j] === 1 && time[j] === time[i]) {
        dk += w[j];
        loglik += w[j] * eta[j];
      }
      const atRisk = time[j] >= time[i] && (!surv.start || surv.start[j] < time[i]);
      if (atRisk) risk += w[j] * Math.exp(eta[j]);
    }
    loglik -= dk * Math.log(risk);
  }
  let pen = 0;
  for (let j = 0; j < p; j++) {
    let m = 0, s = 0;
    for (let i = 0; i < n; i++) m += w[i] * x.data[j * n + i];
    for (let i = 0; i < n; i++) s += w[i] * (x.data[j * n + i] - m) ** 2;
    const b = beta[j] * Math.sqrt(s);
    pen += o.alpha * Math.abs(b) + ((1 - o.alpha) / 2) * b * b;
  }
  return -loglik + o.lambda * pen;
}

/** The largest gap between two linear predictors, each centred (the Cox η is defined up to a constant). */
function centredGap(x: ModelMatrix, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { n, p } = x;
  const d = new Float64Array(n);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) d[i] += (a[j] - b[j]) * x.data[j * n + i];
  const m = d.reduce((s, v) => s + v, 0) / n;
  return d.reduce((g, v) => Math.max(g, Math.abs(v - m)), 0);
}

interface Case {
  name: string;
  x: ModelMatrix;
  time: Float64Array;
  options: FitOptions & { survival: Survival };
  ref: { lambda: number[]; beta?: number[][]; coefficients?: number[][]; devRatio: number[]; nullDeviance: number; df?: number[] };
}

function cases(): Case[] {
  const lasso = json("test/fixtures/reference/cox_lasso.json");
  const ce = csv("data/glmnet_cox.csv");
  const out: Case[] = [{
    name: "cox_lasso (CoxExample)", x: modelMatrix(lasso.features, lasso.features.map(ce)), time: ce("time"),
    options: { family: "cox", survival: { status: ce("status") } }, ref: lasso,
  }];
  const sv = csv("test/fixtures/cox/survival.csv");
  const names = ["v1", "v2", "v3", "v4", "v5", "v6"];
  const x = modelMatrix(names, names.map(sv));
  const made = json("test/fixtures/cox/cox_cases.json").cases;
  for (const [name, c] of Object.entries(made) as [string, Case["ref"] & { options: Record<string, string | number> }][]) {
    const o = c.options;
    const survival: Survival = { status: sv("status"), start: o.start ? sv(o.start as string) : undefined, strata: o.strata ? sv(o.strata as string) : undefined };
    out.push({
      name, x, time: sv("time"), ref: c,
      options: { family: "cox", alpha: (o.alpha as number) ?? 1, survival, weights: o.weights ? sv(o.weights as string) : undefined, offset: o.offset ? sv(o.offset as string) : undefined },
    });
  }
  return out;
}

const ALL = cases();

test("the Cox cases are the five expected", () => {
  assert.deepEqual(ALL.map((c) => c.name), ["cox_lasso (CoxExample)", "ties_weights_offset", "strata", "start_stop", "start_stop_strata_weights"]);
});

/**
 * glmnet 4.1.6 on stratified (start, stop] rows (cox.path) does not reach its own objective's minimum: its
 * deviance agrees with the definition (and survival::coxph), but its λ_max is not the largest pull at β = 0
 * and its fits are beaten (by 6e-4 at its second λ). There the test asks for a lower objective and KKT.
 */
const GLMNET_OFF = new Set(["start_stop_strata_weights"]);

/** The weighted 1/n standard deviation of feature j. */
function sdOf(c: Case, j: number): number {
  const { n } = c.x;
  const col = c.x.data.subarray(j * n, (j + 1) * n);
  const w = (c.options.weights as Float64Array | undefined) ?? new Float64Array(n).fill(1);
  const sw = w.reduce((a, b) => a + b, 0);
  let m = 0, s = 0;
  for (let i = 0; i < n; i++) m += (w[i] / sw) * col[i];
  for (let i = 0; i < n; i++) s += (w[i] / sw) * (col[i] - m) ** 2;
  return Math.sqrt(s);
}

/** The pull ∂(−loglik)/∂β̃_j by central differences of the objective at λ = 0, for every j. */
function pulls(c: Case, beta: Float64Array): Float64Array {
  const o = { alpha: 1, lambda: 0, weights: c.options.weights as Float64Array | undefined, offset: c.options.offset as Float64Array | undefined };
  return Float64Array.from(beta, (_, j) => {
    const h = 1e-6 / sdOf(c, j);
    const up = Float64Array.from(beta), down = Float64Array.from(beta);
    up[j] += h;
    down[j] -= h;
    return (coxObjective(c.x, c.time, c.options.survival, o, up) - coxObjective(c.x, c.time, c.options.survival, o, down)) / 2e-6;
  });
}

for (const c of ALL) {
  const refBeta = c.ref.coefficients ?? c.ref.beta!;
  const matchesGlmnet = !GLMNET_OFF.has(c.name);
  test(`${c.name}: the default λ sequence, its length and the null deviance are glmnet's`, () => {
    const path = fitPath(c.x, c.time, { ...c.options, thresh: 1e-14 });
    assert.ok(Math.abs(path.nullDeviance / c.ref.nullDeviance - 1) < 1e-10, `null deviance ${path.nullDeviance} vs ${c.ref.nullDeviance}`);
    assert.ok(path.intercept.every((v) => v === 0), "a Cox fit has no intercept");
    if (!matchesGlmnet) {
      // λ_max is the largest pull at β = 0 over α (the pulls by finite differences of the definition).
      const g = pulls(c, new Float64Array(c.x.p));
      const lmax = Math.max(...Array.from(g, Math.abs)) / (c.options.alpha ?? 1);
      assert.ok(Math.abs(path.lambda[0] / lmax - 1) < 1e-6, `λ_max ${path.lambda[0]} vs the largest pull ${lmax}`);
      return;
    }
    assert.equal(path.lambda.length, c.ref.lambda.length);
    for (let k = 0; k < c.ref.lambda.length; k++) {
      assert.ok(Math.abs(path.lambda[k] / c.ref.lambda[k] - 1) < 1e-8, `λ[${k}] = ${path.lambda[k]} vs ${c.ref.lambda[k]}`);
    }
  });

  test(`${c.name}: at glmnet's λs the penalized objective, η and devRatio match${matchesGlmnet ? "" : " (or beat glmnet's, at a KKT point)"}`, () => {
    const path = fitPath(c.x, c.time, { ...c.options, lambda: c.ref.lambda, thresh: 1e-14 });
    assert.equal(path.lambda.length, c.ref.lambda.length);
    const alpha = c.options.alpha ?? 1;
    const o = { alpha, weights: c.options.weights as Float64Array | undefined, offset: c.options.offset as Float64Array | undefined };
    for (let k = 0; k < c.ref.lambda.length; k++) {
      const lambda = c.ref.lambda[k];
      const beta = coefficientsAt(path, k);
      const ours = coxObjective(c.x, c.time, c.options.survival, { ...o, lambda }, beta);
      const theirs = coxObjective(c.x, c.time, c.options.survival, { ...o, lambda }, refBeta[k]);
      if (!matchesGlmnet) {
        assert.ok(ours <= theirs + 1e-12 * Math.abs(theirs), `λ[${k}]: objective ${ours} above glmnet's ${theirs}`);
        const g = pulls(c, beta);
        for (let j = 0; j < c.x.p; j++) {
          // At the minimum: a zero's pull is within its price λα; a nonzero's pull balances the penalty's slope.
          if (beta[j] === 0) assert.ok(Math.abs(g[j]) <= lambda * alpha * (1 + 1e-5), `λ[${k}], ${j}: zero with pull ${g[j]} over λα`);
          else {
            const bt = beta[j] * sdOf(c, j);
            const balance = g[j] + lambda * (alpha * Math.sign(bt) + (1 - alpha) * bt);
            assert.ok(Math.abs(balance) <= 1e-5 * lambda, `λ[${k}], ${j}: nonzero, pull ${g[j]} off the penalty's slope by ${balance}`);
          }
        }
        continue;
      }
      assert.ok(Math.abs(ours - theirs) <= 1e-7 * Math.abs(theirs), `λ[${k}]: objective ${ours} vs glmnet ${theirs}`);
      assert.ok(centredGap(c.x, beta, refBeta[k]) < 0.1, `λ[${k}]: linear predictors differ`);
      assert.ok(Math.abs(path.devRatio[k] - c.ref.devRatio[k]) < 1e-6, `λ[${k}]: devRatio ${path.devRatio[k]} vs ${c.ref.devRatio[k]}`);
    }
  });
}

test("cox_lasso: cv.glmnet's grouped partial-likelihood deviance with its fold ids", () => {
  const c = ALL[0];
  const cv = json("test/fixtures/reference/cox_lasso.json").cv;
  const res = cvPath(c.x, c.time, { ...c.options, thresh: 1e-14, maxit: 1e7, foldid: cv.foldid });
  assert.equal(res.measure, "deviance");
  assert.equal(res.cvm.length, cv.cvm.length);
  for (let l = 0; l < cv.cvm.length; l++) {
    assert.ok(Math.abs(res.cvm[l] / cv.cvm[l] - 1) < 1e-9, `cvm[${l}] = ${res.cvm[l]} vs ${cv.cvm[l]}`);
    assert.ok(Math.abs(res.cvsd[l] / cv.cvsd[l] - 1) < 1e-8, `cvsd[${l}] = ${res.cvsd[l]} vs ${cv.cvsd[l]}`);
  }
  assert.ok(Math.abs(res.lambdaMin / cv.lambdaMin - 1) < 1e-10, `λ_min ${res.lambdaMin} vs ${cv.lambdaMin}`);
  assert.ok(Math.abs(res.lambda1se / cv.lambda1se - 1) < 1e-10, `λ_1se ${res.lambda1se} vs ${cv.lambda1se}`);
});

test("cox_lasso: Harrell's C as cv.glmnet's (type.measure = \"C\") with its fold ids", () => {
  const c = ALL[0];
  const ref = json("test/fixtures/cox/cox_cv_C.json");
  const foldid = json("test/fixtures/reference/cox_lasso.json").cv.foldid;
  const res = cvPath(c.x, c.time, { ...c.options, thresh: 1e-14, maxit: 1e7, foldid, measure: "C" });
  assert.equal(res.cvm.length, ref.cvm.length);
  for (let l = 0; l < ref.cvm.length; l++) {
    assert.ok(Math.abs(res.cvm[l] / ref.cvm[l] - 1) < 1e-9, `cvm[${l}] = ${res.cvm[l]} vs ${ref.cvm[l]}`);
    assert.ok(Math.abs(res.cvsd[l] / ref.cvsd[l] - 1) < 1e-6, `cvsd[${l}] = ${res.cvsd[l]} vs ${ref.cvsd[l]}`);
  }
  assert.ok(Math.abs(res.lambdaMin / ref.lambdaMin - 1) < 1e-10, `λ_min ${res.lambdaMin} vs ${ref.lambdaMin}`);
  assert.ok(Math.abs(res.lambda1se / ref.lambda1se - 1) < 1e-10, `λ_1se ${res.lambda1se} vs ${ref.lambda1se}`);
});
