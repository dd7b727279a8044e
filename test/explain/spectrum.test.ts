// Ridge through the SVD: the closed-form path equals glmnet's α = 0 path (diabetes_ridge) and the engine's,
// and the spectrum's factors and degrees of freedom behave as ESL §3.4.1 says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { explain } from "../../src/explain/explain.js";
import { describeFit, num } from "../../src/explain/words.js";
import { Matrix } from "ml-matrix";
import { modelMatrix } from "../../src/data/matrix.js";
import { effectiveDf, numericalRank, ridgeDecomposition, ridgePath, ridgeSolution, ridgeSpectrum, shrinkageFactors } from "../../src/explain/spectrum.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { objective } from "../helpers/objective.js";
import { randomProblem } from "../helpers/random.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";

test("the SVD's closed-form ridge path equals glmnet's diabetes_ridge (objective within 1e-9 relative)", () => {
  const ref = loadReference("diabetes_ridge");
  const { x, y } = referenceProblem(ref);
  const closed = ridgePath(x, y, { family: "gaussian", standardize: true, intercept: true }, ref.lambda);
  const o = { alpha: 0, standardize: true, intercept: true };
  for (let k = 0; k < ref.lambda.length; k++) {
    const ours = objective(x, y, "gaussian", { ...o, lambda: ref.lambda[k] }, closed.intercept[k], closed.beta[k]);
    const theirs = objective(x, y, "gaussian", { ...o, lambda: ref.lambda[k] }, ref.intercept[k], ref.coefficients[k]);
    // glmnet reports its first ridge λ as the null model, which is not the ridge solution there: ours is lower.
    if (k === 0) assert.ok(ours < theirs, `λ[0]: ${ours} vs glmnet's null model ${theirs}`);
    else assert.ok(Math.abs(ours - theirs) <= 1e-9 * theirs, `λ[${k}] = ${ref.lambda[k]}: objective ${ours} vs glmnet ${theirs}`);
  }
  // And the coefficients themselves, at a λ where the problem is well conditioned.
  const k = 30;
  for (let j = 0; j < ref.features.length; j++) {
    assert.ok(Math.abs(closed.beta[k][j] - ref.coefficients[k][j]) <= 1e-6 * (1 + Math.abs(ref.coefficients[k][j])), `${ref.features[j]}`);
  }
});

test("with weights, penalty factors (one of them 0), no standardize and an offset, the closed form is the engine's α = 0 fit", () => {
  const n = 150, p = 12;
  const { x, y } = randomProblem(21, n, p, { rho: 0.6 });
  const weights = Array.from({ length: n }, (_, i) => 0.5 + (i % 5) / 2);
  const offset = Array.from({ length: n }, (_, i) => Math.sin(i));
  const penaltyFactor = Array.from({ length: p }, (_, j) => (j === 2 ? 0 : 1 + (j % 3)));
  for (const [standardize, intercept] of [[true, true], [false, true], [true, false]] as const) {
    const path = fitPath(x, y, { alpha: 0, weights, offset, penaltyFactor, standardize, intercept, thresh: 1e-16, maxit: 1e7 });
    const lambdas = [path.lambda[5], path.lambda[40], path.lambda[90]];
    const engine = fitPath(x, y, { alpha: 0, weights, offset, penaltyFactor, standardize, intercept, lambda: lambdas, thresh: 1e-16, maxit: 1e7 });
    const closed = ridgePath(x, y, { family: "gaussian", standardize, intercept, weights, offset, penaltyFactor }, lambdas);
    const yAdj = y.map((v, i) => v - offset[i]);
    lambdas.forEach((lambda, k) => {
      const o = { alpha: 0, lambda, standardize, intercept, penaltyFactor, weights };
      const ours = objective(x, yAdj, "gaussian", o, closed.intercept[k], closed.beta[k]);
      const theirs = objective(x, yAdj, "gaussian", o, engine.intercept[k], coefficientsAt(engine, k));
      assert.ok(Math.abs(ours - theirs) <= 1e-9 * theirs, `standardize ${standardize}, intercept ${intercept}, λ = ${lambda}: ${ours} vs engine ${theirs}`);
    });
  }
});

test("fitted values are Σ u_k·d_k²/(d_k² + λ')·u_kᵀỹ, and df falls from the rank to 0", () => {
  const { x, y } = randomProblem(4, 60, 8, { rho: 0.8 });
  const settings = { family: "gaussian" as const, standardize: true, intercept: true };
  const dec = ridgeDecomposition(x, y, settings);
  assert.equal(dec.d2.length, 8);
  for (let k = 1; k < 8; k++) assert.ok(dec.d2[k] <= dec.d2[k - 1]);
  // The d² of a standardized design are the eigenvalues of its correlation matrix: they sum to p.
  assert.ok(Math.abs(dec.d2.reduce((a, b) => a + b, 0) - 8) < 1e-10);
  const lambda = 3;
  const lp = lambda / dec.outcomeScale;
  const f = shrinkageFactors(dec.d2, lp);
  const sol = ridgeSolution(dec, lambda);
  // Z β̃ from the solution against the spectral formula, with Z = √w̄ x̃ and U = Z V / d.
  const n = x.n;
  const zb = new Float64Array(n);
  for (let j = 0; j < 8; j++) for (let i = 0; i < n; i++) zb[i] += dec.zPenalized.get(i, j) * sol.beta[j] * dec.scaling.scale[j];
  const spectral = new Float64Array(n);
  for (let c = 0; c < 8; c++) {
    const v = Matrix.columnVector(Array.from(dec.loadings[c]));
    const u = dec.zPenalized.mmul(v).div(Math.sqrt(dec.d2[c]));
    let uty = 0;
    for (let i = 0; i < n; i++) uty += u.get(i, 0) * dec.ytilde[i];
    for (let i = 0; i < n; i++) spectral[i] += u.get(i, 0) * f[c] * uty;
  }
  for (let i = 0; i < n; i++) assert.ok(Math.abs(zb[i] - spectral[i]) < 1e-10, `row ${i}`);
  assert.ok(Math.abs(effectiveDf(dec.d2, 0) - 8) < 1e-12);
  assert.ok(effectiveDf(dec.d2, 1e12) < 1e-9);
  let prev = 8;
  for (const l of [0.01, 0.1, 1, 10, 100]) {
    const df = effectiveDf(dec.d2, l);
    assert.ok(df < prev);
    prev = df;
  }
  // Ridge shrinks the low-variance directions most.
  for (let c = 1; c < 8; c++) assert.ok(f[c] <= f[c - 1]);
});

test("ridgeSpectrum of a path: λ' = λ(1−α)/s_y, loadings name the collinear pair on the most shrunk direction", () => {
  const n = 200;
  const { x: base, y } = randomProblem(8, n, 5, { rho: 0.1 });
  const cols = Array.from({ length: 5 }, (_, j) => base.data.subarray(j * n, (j + 1) * n));
  const near = Float64Array.from(cols[1], (v, i) => v + 0.02 * Math.cos(3 * i));
  const x = modelMatrix([...base.names, "x2copy"], [...cols, near]);
  const path = fitPath(x, y, { alpha: 0.3 });
  const lambda = path.lambda[20];
  const s = ridgeSpectrum(path, { x, y }, { lambda });
  let m = 0, v = 0;
  for (const t of y) m += t / n;
  for (const t of y) v += (t - m) ** 2 / n;
  assert.ok(Math.abs(s.lambdaPrime - (lambda * 0.7) / Math.sqrt(v)) < 1e-12 * s.lambdaPrime);
  assert.equal(s.directions.length, 6);
  assert.ok(Math.abs(s.df - Array.from(s.factor).reduce((a, b) => a + b, 0)) < 1e-12);
  const worst = s.mostShrunk[0];
  assert.equal(worst.rank, 6, "the smallest-variance direction is the most shrunk");
  assert.deepEqual(new Set(worst.top.slice(0, 2).map((t) => t.feature)), new Set(["x2", "x2copy"]));
  assert.ok(Math.sign(worst.top[0].loading) !== Math.sign(worst.top[1].loading), "the difference of the two copies");
});

test("a GLM's spectrum uses the working weights at the solution and says it is approximate", () => {
  const { x, y } = randomProblem(9, 150, 6, { family: "binomial" });
  const path = fitPath(x, y, { family: "binomial", alpha: 0 });
  const s = ridgeSpectrum(path, { x, y }, { lambda: path.lambda[30] });
  assert.equal(s.approximate, true);
  assert.ok(Math.abs(s.lambdaPrime - path.lambda[30]) < 1e-15 * path.lambda[30]);
  // Working weights w̄·μ(1−μ) ≤ 1/4 of w̄: every variance is at most a quarter of the gaussian design's.
  const g = ridgeDecomposition(x, y, { family: "gaussian", standardize: true, intercept: true });
  assert.ok(s.d2[0] <= 0.25 * g.d2[0] + 1e-12);
  assert.ok(s.d2.every((d) => d > 0));
});

test("a rank-deficient centred design: null directions are counted apart, not as the most shrunk", () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/explain");
  const read = (name: string) => buildDesign(parseCsv(readFileSync(join(dir, `${name}.csv`), "utf8")), { target: "y" });
  // p > n: 20 rows centred have rank 19 whatever the 50 columns; two identical columns: rank 2 of 3.
  for (const [name, rank] of [["pgtn", 19], ["collin", 2]] as const) {
    const { x, y } = read(name);
    if (name === "pgtn") assert.equal(rank, x.n - 1);
    const path = fitPath(x, y, { alpha: 0 });
    const s = ridgeSpectrum(path, { x, y }, { lambda: 1 });
    assert.equal(s.rank, rank, name);
    assert.equal(s.columns, x.p);
    assert.equal(s.d2.length, rank);
    assert.equal(s.factor.length, rank);
    assert.ok(s.df < rank);
    // The most shrunk direction has real variance, not rounding noise.
    assert.ok(s.mostShrunk[0].d2 > 1e-8 * s.d2[0], `${name}: most shrunk d² ${s.mostShrunk[0].d2}`);
    const text = describeFit(explain(path, { x, y }, { lambda: 1 }), s);
    assert.ok(text.includes(`effective degrees of freedom ${num(s.df)} of ${rank}, the rank of the centred design (of its ${x.p} penalized columns)`), text);
    assert.doesNotMatch(text, /e-\d+%/, "no percentage of rounding noise");
  }
  const { x, y } = read("collin");
  const s = ridgeSpectrum(fitPath(x, y, { alpha: 0 }), { x, y }, { lambda: 1 });
  // The one null direction is the difference of the two copies.
  const top = s.nullDirections[0].top;
  assert.deepEqual(top.map((t) => t.feature).sort(), ["a", "a2"]);
  assert.ok(top.every((t) => Math.abs(Math.abs(t.loading) - Math.SQRT1_2) < 1e-12));
  assert.notEqual(Math.sign(top[0].loading), Math.sign(top[1].loading));
});

test("numericalRank counts singular values above max(rows, columns)·ε·d_max (LAPACK's rule)", () => {
  const eps = Number.EPSILON;
  assert.equal(numericalRank([4, 1, 0], 10, 3), 2);
  // d = 2: the tolerance is 10·ε·2; a singular value just above it counts, just below does not.
  assert.equal(numericalRank([4, (25 * eps) ** 2], 10, 2), 2);
  assert.equal(numericalRank([4, (15 * eps) ** 2], 10, 2), 1);
  assert.equal(numericalRank([], 3, 0), 0);
  assert.equal(numericalRank([0, 0], 3, 2), 0);
});
