// The relaxed fit: unpenalized refits on each λ's active set, blended with γ, and its cross-validation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { coef, coefficientsAt } from "../../src/solve/predict.js";
import { cvPath } from "../../src/cv/cv.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";
import { randomProblem } from "../helpers/random.js";

/** Weighted least squares with an intercept on the given columns, by the normal equations (Gauss–Jordan). */
function leastSquares(x: { n: number; data: Float64Array }, y: ArrayLike<number>, cols: number[]): { a0: number; b: number[] } {
  const n = x.n, m = cols.length + 1;
  const col = (c: number, i: number) => (c === 0 ? 1 : x.data[cols[c - 1] * n + i]);
  const A = Array.from({ length: m }, (_, r) => Array.from({ length: m + 1 }, (_, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += col(r, i) * (c === m ? y[i] : col(c, i));
    return s;
  }));
  for (let p = 0; p < m; p++) {
    for (let r = 0; r < m; r++) {
      if (r === p) continue;
      const f = A[r][p] / A[p][p];
      for (let c = p; c <= m; c++) A[r][c] -= f * A[p][c];
    }
  }
  const sol = A.map((row, r) => row[m] / A[r][r]);
  return { a0: sol[0], b: sol.slice(1) };
}

test("relaxed coefficients are the least-squares fit on each λ's active set", () => {
  const { x, y } = randomProblem(21, 150, 12, { rho: 0.6 });
  const path = fitPath(x, y, { relax: true });
  assert.ok(path.relaxed);
  for (let k = 1; k < path.lambda.length; k += 7) {
    const active = Array.from(path.beta[k].index);
    const ls = leastSquares(x, y, active);
    const rel = coef(path, path.lambda[k], { gamma: 0 });
    assert.ok(Math.abs(rel.intercept - ls.a0) < 1e-6 * (1 + Math.abs(ls.a0)), `λ[${k}] intercept`);
    active.forEach((j, t) => assert.ok(Math.abs(rel.beta[j] - ls.b[t]) < 1e-6 * (1 + Math.abs(ls.b[t])), `λ[${k}] β[${j}] ${rel.beta[j]} vs ${ls.b[t]}`));
    for (let j = 0; j < x.p; j++) if (!active.includes(j)) assert.equal(rel.beta[j], 0);
  }
});

test("γ blends penalized and relaxed coefficients linearly", () => {
  const { x, y } = randomProblem(22, 100, 8);
  const path = fitPath(x, y, { relax: true });
  const k = 10, lam = path.lambda[k];
  const pen = coefficientsAt(path, k), rel = coef(path, lam, { gamma: 0 }).beta, half = coef(path, lam, { gamma: 0.25 }).beta;
  for (let j = 0; j < x.p; j++) assert.ok(Math.abs(half[j] - (0.25 * pen[j] + 0.75 * rel[j])) < 1e-12);
  assert.throws(() => coef(fitPath(x, y), lam, { gamma: 0.5 }), /relax/);
});

test("relaxed fits and cross-validated (λ, γ) match cv.glmnet(relax = TRUE) on diabetes", () => {
  const rr = JSON.parse(readFileSync(new URL("../fixtures/reference/diabetes_lasso_relax.json", import.meta.url), "utf8"));
  const { x, y } = referenceProblem(loadReference("diabetes_lasso"));
  const res = cvPath(x, y, { relax: true, foldid: rr.foldid, thresh: 1e-14 });
  const path = res.path;
  assert.equal(path.lambda.length, rr.lambda.length);
  for (let k = 0; k < rr.lambda.length; k++) {
    const rel = coef(path, path.lambda[k], { gamma: 0 });
    assert.ok(Math.abs(rel.intercept - rr.relaxed_a0[k]) < 1e-6 * Math.abs(rr.relaxed_a0[k]), `relaxed a0[${k}]`);
    rr.relaxed_beta[k].forEach((b: number, j: number) => assert.ok(Math.abs(rel.beta[j] - b) < 1e-5 * (1 + Math.abs(b)), `relaxed β[${k}][${j}] ${rel.beta[j]} vs ${b}`));
  }
  const r = res.relaxed!;
  assert.deepEqual(r.gamma, rr.gamma);
  for (let g = 0; g < r.gamma.length; g++) {
    // γ = 0 too: glmnet blends it at 1e-5 (blend.relaxed), as cvRelaxed does.
    for (let l = 0; l < rr.cvm[g].length; l++) {
      assert.ok(Math.abs(r.cvm[g][l] / rr.cvm[g][l] - 1) < 1e-8, `cvm γ=${r.gamma[g]} λ[${l}]`);
      assert.ok(Math.abs(r.cvsd[g][l] / rr.cvsd[g][l] - 1) < 1e-8, `cvsd γ=${r.gamma[g]} λ[${l}]`);
    }
  }
  assert.ok(Math.abs(r.lambdaMin / rr.lambdaMin - 1) < 1e-10);
  assert.equal(r.gammaMin, rr.gammaMin);
  assert.ok(Math.abs(r.lambda1se / rr.lambda1se - 1) < 1e-10);
  assert.equal(r.gamma1se, rr.gamma1se);
});

test("λs whose active set exceeds maxp are not relaxed, with one warning for all of them", () => {
  const n = 12, p = 30;
  const cols = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, (_, i) => Math.sin((i + 1) * (j + 1) * 0.77) + 0.1 * Math.cos(i * j)));
  const x = modelMatrix(cols.map((_, j) => `x${j + 1}`), cols);
  const y = Float64Array.from({ length: n }, (_, i) => cols[0][i] - 2 * cols[3][i] + 0.3 * Math.sin(5 * i));
  const path = fitPath(x, y, { relax: true });
  const skipped = Array.from(path.relaxed!.refitted).filter((r) => r === 0).length;
  assert.ok(skipped > 1, `${skipped} λs past maxp`);
  const notes = path.warnings.filter((w) => /not relaxed/.test(w));
  assert.equal(notes.length, 1, notes.join("\n"));
  assert.match(notes[0], new RegExp(`^${skipped} λs \\(λ = .* to .*\\) have more active variables than maxp = ${n - 3} \\(up to \\d+\\); not relaxed$`));
});
