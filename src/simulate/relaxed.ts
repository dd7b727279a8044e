import type { ModelMatrix } from "../data/matrix.js";
import { familyOf } from "../model/families/index.js";
import type { SimulationFamily } from "./design.js";
import { cholesky, choleskySolve } from "../linalg/spd.js";
import { checkArguments, numericArrayRule, countRule, numberRule, choiceRule, arrayOfRule } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { crossProductsRule } from "./arguments.js";

/**
 * The relaxed lasso's refit (Meinshausen 2007; glmnet's relax = TRUE with γ = 0): keep the
 * variables the lasso selected at a λ and fit them again without any penalty, so the survivors
 * are no longer shrunk toward zero. Gaussian: least squares; binomial: logistic regression by
 * Newton's method. Both with an intercept.
 *
 * Written here until the engine grows a `relax` option; it needs only small dense solves.
 */

/** Intercept and dense coefficients (length p, zero outside the active set). */
export interface Refit {
  readonly intercept: number;
  readonly beta: Float64Array;
}

/** Solve the symmetric positive (semi)definite system A b = r, adding a tiny ridge if A is singular. */
function solveNormalEquations(a: Float64Array, m: number, r: Float64Array): Float64Array {
  let l = cholesky(a, m);
  if (l) return choleskySolve(l, m, r);
  // Singular (more active variables than the rows support, or collinear ones): the minimum
  // needed ridge picks one of the many least-squares solutions; say 1e-10 of the mean diagonal, growing.
  let trace = 0;
  for (let j = 0; j < m; j++) trace += a[j * m + j];
  const scale = trace / m || 1;
  for (let eps = 1e-10; eps <= 1; eps *= 100) {
    const b = Float64Array.from(a);
    for (let j = 0; j < m; j++) b[j * m + j] += eps * scale;
    l = cholesky(b, m);
    if (l) return choleskySolve(l, m, r);
  }
  return new Float64Array(m);
}

/**
 * The centred cross-products of a training set on some of its columns (the union of a path's
 * active sets), computed once so that each least-squares refit along the path only reads the
 * block of its active set.
 */
export interface CrossProducts {
  /** The columns covered, and each one's position in them (−1 if not covered). */
  readonly columns: Int32Array;
  readonly position: Int32Array;
  readonly xbar: Float64Array;
  readonly ybar: number;
  /** (X − x̄)ᵀ(X − x̄) on the covered columns, row-major. */
  readonly xtx: Float64Array;
  /** (X − x̄)ᵀ(y − ȳ) on the covered columns. */
  readonly xty: Float64Array;
}

/** XᵀX and Xᵀy of the given columns (with an intercept column), for least-squares refits. */
export function crossProducts(x: ModelMatrix, y: ArrayLike<number>, columns: ArrayLike<number>): CrossProducts {
  checkArguments("crossProducts", { x, y, columns }, { x: matrixRule, y: numericArrayRule, columns: numericArrayRule });
  const { n, p, data } = x;
  const q = columns.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const position = new Int32Array(p).fill(-1);
  const xbar = new Float64Array(q);
  const centred = new Float64Array(n * q);
  for (let a = 0; a < q; a++) {
    position[columns[a]] = a;
    const off = columns[a] * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += data[off + i];
    xbar[a] = s / n;
    for (let i = 0; i < n; i++) centred[a * n + i] = data[off + i] - xbar[a];
  }
  const xtx = new Float64Array(q * q);
  const xty = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    const oa = a * n;
    let t = 0;
    for (let i = 0; i < n; i++) t += centred[oa + i] * (y[i] - ybar);
    xty[a] = t;
    for (let b = 0; b <= a; b++) {
      const ob = b * n;
      let u = 0;
      for (let i = 0; i < n; i++) u += centred[oa + i] * centred[ob + i];
      xtx[a * q + b] = u;
      xtx[b * q + a] = u;
    }
  }
  return { columns: Int32Array.from(columns), position, xbar, ybar, xtx, xty };
}

/** Least squares with an intercept on the active columns (all covered by `cp`); p coefficients out. */
export function leastSquaresRefit(cp: CrossProducts, active: ArrayLike<number>, p: number): Refit {
  checkArguments("leastSquaresRefit", { cp, active, p }, { cp: crossProductsRule, active: numericArrayRule, p: countRule });
  const { position, xbar, ybar, xtx, xty } = cp;
  const q = cp.columns.length;
  const m = active.length;
  const beta = new Float64Array(p);
  if (m === 0) return { intercept: ybar, beta };
  const at = Array.from(active, (j) => {
    if (position[j] < 0) throw new RangeError(`leastSquaresRefit: column ${j} is not covered by the cross-products`);
    return position[j];
  });
  const gram = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    rhs[a] = xty[at[a]];
    for (let b = 0; b < m; b++) gram[a * m + b] = xtx[at[a] * q + at[b]];
  }
  const b = solveNormalEquations(gram, m, rhs);
  let intercept = ybar;
  for (let a = 0; a < m; a++) {
    beta[active[a]] = b[a];
    intercept -= xbar[at[a]] * b[a];
  }
  return { intercept, beta };
}

/**
 * Unpenalized refits of many active sets of one training set (the sets along a lasso path),
 * each distinct set fitted once.
 */
export function relaxedRefits(
  x: ModelMatrix, y: ArrayLike<number>, family: SimulationFamily, activeSets: readonly ArrayLike<number>[],
): Refit[] {
  checkArguments("relaxedRefits", { x, y, family, activeSets }, { x: matrixRule, y: numericArrayRule, family: choiceRule(() => ["gaussian", "binomial"]), activeSets: arrayOfRule(numericArrayRule, "an array of active sets (feature positions)") });
  const union = new Set<number>();
  for (const set of activeSets) for (let t = 0; t < set.length; t++) union.add(set[t]);
  // A least-squares family refits in closed form from cross-products shared by every set; others by IRLS.
  const cp = familyOf(family).solver === "least-squares" ? crossProducts(x, y, [...union].sort((a, b) => a - b)) : null;
  const cache = new Map<string, Refit>();
  return activeSets.map((active) => {
    const key = Array.from(active).join(",");
    let fit = cache.get(key);
    if (!fit) {
      fit = cp ? leastSquaresRefit(cp, active, x.p) : logisticRefit(x, y, active);
      cache.set(key, fit);
    }
    return fit;
  });
}

/**
 * Logistic regression on the active columns by Newton's method (IRLS). Fitted probabilities are
 * kept inside [1e-5, 1 − 1e-5], as glmnet does, so separated data give large but finite
 * coefficients instead of a failure.
 */
export function logisticRefit(x: ModelMatrix, y: ArrayLike<number>, active: ArrayLike<number>, maxit = 25): Refit {
  checkArguments("logisticRefit", { x, y, active, maxit }, { x: matrixRule, y: numericArrayRule, active: numericArrayRule, maxit: numberRule({ integer: true, min: 1 }) });
  const { n, p, data } = x;
  const m = active.length;
  const q = m + 1; // intercept first
  let coefs = new Float64Array(q);
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const pclamp = Math.min(Math.max(ybar, 1e-5), 1 - 1e-5);
  coefs[0] = Math.log(pclamp / (1 - pclamp));
  const eta = new Float64Array(n);
  const col = (a: number, i: number) => (a === 0 ? 1 : data[active[a - 1] * n + i]);
  let previous = Infinity;
  for (let iter = 0; iter < maxit && m > 0; iter++) {
    const h = new Float64Array(q * q);
    const g = new Float64Array(q);
    let deviance = 0;
    for (let i = 0; i < n; i++) {
      let e = coefs[0];
      for (let a = 1; a < q; a++) e += coefs[a] * col(a, i);
      eta[i] = e;
      const mu = Math.min(Math.max(1 / (1 + Math.exp(-e)), 1e-5), 1 - 1e-5);
      const w = mu * (1 - mu);
      deviance -= 2 * (y[i] * Math.log(mu) + (1 - y[i]) * Math.log(1 - mu));
      for (let a = 0; a < q; a++) {
        const xa = col(a, i);
        g[a] += xa * (y[i] - mu);
        for (let b = 0; b <= a; b++) h[a * q + b] += w * xa * col(b, i);
      }
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) h[b * q + a] = h[a * q + b];
    if (Math.abs(previous - deviance) < 1e-10 * (Math.abs(deviance) + 0.1)) break;
    previous = deviance;
    const step = solveNormalEquations(h, q, g);
    coefs = coefs.map((c, a) => c + step[a]);
  }
  const beta = new Float64Array(p);
  for (let a = 0; a < m; a++) beta[active[a]] = coefs[a + 1];
  return { intercept: coefs[0], beta };
}
