// An empty path is never a result (issue 21): a fit that stops before its first λ throws, naming why,
// and a feature on a scale the solver cannot square is refused by name before any fit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, NoSolutionError } from "../../src/errors.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { cvPath } from "../../src/cv/cv.js";

const y = [1, 2, 3, 4, 5, 6];
const at = (scale: number) => modelMatrix(["x1", "x2"], [[1, 3, 2, 5, 4, 6].map((v) => v * scale), [0.5, 0.1, 0.9, 0.3, 0.7, 0.2]]);

test("unstandardized, a feature beyond 1e152 is refused by name; at 1e150 it is fitted as glmnet fits it", () => {
  assert.throws(() => fitPath(at(1e200), y, { standardize: false }), (e: unknown) => e instanceof DataError && e.column === "x1" && /too large a scale/.test(e.message));
  assert.throws(() => cvPath(at(1e200), y, { standardize: false, nfolds: 3 }), (e: unknown) => e instanceof DataError && e.column === "x1");
  const path = fitPath(at(1e150), y, { standardize: false });
  assert.ok(path.lambda.length > 0);
  for (const v of [...path.lambda, ...path.intercept, ...path.devRatio]) assert.ok(Number.isFinite(v));
});

test("standardized, the same feature is fitted and reported on the data's scale", () => {
  const big = fitPath(at(1e200), y);
  const unit = fitPath(at(1), y);
  assert.equal(big.lambda.length, unit.lambda.length);
  // Scaling a column by c scales its coefficient by 1/c and leaves the rest of the path unchanged.
  const k = big.lambda.length - 1;
  const j = big.beta[k].index.indexOf(0);
  assert.ok(j >= 0, "x1 is active at the last λ");
  assert.ok(Math.abs(big.beta[k].value[j] * 1e200 - unit.beta[k].value[unit.beta[k].index.indexOf(0)]) < 1e-6);
});

test("a path stopped at its first λ throws NoSolutionError naming pmax or maxit", () => {
  const x = at(1);
  assert.throws(() => fitPath(x, y, { pmax: 0, lambda: [0.1] }), (e: unknown) => e instanceof NoSolutionError && e.option === "pmax");
  assert.throws(() => fitPath(x, y, { maxit: 1, thresh: 1e-15, lambda: [0.001] }), (e: unknown) => e instanceof NoSolutionError && e.option === "maxit");
  // pmax = 0 on a default path keeps its first λ, the null model.
  assert.equal(fitPath(x, y, { pmax: 0 }).lambda.length, 1);
});
