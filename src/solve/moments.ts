import { checkOutcome, numericArrayRule } from "../data/arguments.js";
import { checkMatrix, type ModelMatrix } from "../data/matrix.js";
import { checkFitOptions } from "./arguments.js";
import { DataError, OptionError } from "../errors.js";
import { threadWorkspaces } from "../linalg/workspace.js";
import { familyOf } from "../model/families/index.js";
import { nullDevianceOf } from "./checks.js";
import { CovarianceSolver, type Gram } from "./gaussian.js";
import { resolveOptions } from "./options.js";
import { solverPenalty, type Problem } from "./problem.js";
import { runPath, type PathProgress } from "./run-path.js";
import { solverRoom } from "./standardize.js";
import type { FitOptions, Path } from "./types.js";

/**
 * The sufficient statistics of a gaussian path: with them a path is fitted without its rows (one scan
 * of the data, wherever they are, then p×p numbers). Weights w are those of the rows scaled to sum to 1;
 * the products are centred at the weighted means, as a database source computes them (centred or
 * shifted sums: raw sums of squares lose every digit when a mean is large).
 */
export interface Moments {
  /** Rows, and the sum of their weights before scaling (n without weights). */
  readonly n: number;
  readonly weightSum: number;
  readonly names: readonly string[];
  /** x̄_j = Σ w·x_j and ȳ = Σ w·y. */
  readonly xMean: Float64Array;
  readonly yMean: number;
  /** Σ w (x_j − x̄_j)(x_k − x̄_k), p×p, row-major. */
  readonly xx: Float64Array;
  /** Σ w (x_j − x̄_j)(y − ȳ). */
  readonly xy: Float64Array;
  /** Σ w (y − ȳ)². */
  readonly yy: number;
}

/** The moments of rows in memory, computed as a source computes them: means first, then centred sums. */
export function momentsOf(x: ModelMatrix, y: ArrayLike<number>, weights?: ArrayLike<number>): Moments {
  checkMatrix("momentsOf", x);
  checkOutcome("momentsOf", y, x.n);
  if (weights !== undefined) {
    numericArrayRule(weights, "weights");
    if (weights.length !== x.n) throw new OptionError(`momentsOf: weights has ${weights.length} values but x has ${x.n} rows`, "weights");
  }
  const { n, p, data } = x;
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += weights ? weights[i] : 1;
  const w = Float64Array.from({ length: n }, (_, i) => (weights ? weights[i] : 1) / weightSum);
  const mean = (v: ArrayLike<number>, o: number) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += w[i] * v[o + i];
    return m;
  };
  const xMean = Float64Array.from({ length: p }, (_, j) => mean(data, j * n));
  const yMean = mean(y, 0);
  const centred = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, (_, i) => data[j * n + i] - xMean[j]));
  const yc = Float64Array.from({ length: n }, (_, i) => y[i] - yMean);
  const wdot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * a[i] * b[i];
    return s;
  };
  const xx = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let k = j; k < p; k++) xx[j * p + k] = xx[k * p + j] = wdot(centred[j], centred[k]);
  const xy = Float64Array.from({ length: p }, (_, j) => wdot(centred[j], yc));
  return { n, weightSum, names: [...x.names], xMean, yMean, xx, xy, yy: wdot(yc, yc) };
}

/**
 * The standardized problem's Gram entries and pulls from moments: with centre c_j (x̄_j with an
 * intercept, 0 without) and scale s_j, x̃_jᵀx̃_k = (S_jk + (x̄_j − c_j)(x̄_k − c_k)) / (s_j·s_k) and
 * x̃_jᵀỹ = (S_jy + (x̄_j − c_j)(ȳ − c_y)) / (s_j·s_y).
 */
function momentsGram(m: Moments, center: Float64Array, scale: Float64Array, usable: Uint8Array, yCenter: number, ys: number): Gram {
  const p = m.xMean.length;
  const shift = Float64Array.from(m.xMean, (v, j) => v - center[j]);
  const cross = (j: number, k: number) => (m.xx[j * p + k] + shift[j] * shift[k]) / (scale[j] * scale[k]);
  return {
    p,
    usable,
    xv: Float64Array.from({ length: p }, (_, j) => (usable[j] ? cross(j, j) : 0)),
    cross,
    pulls(g) {
      for (let j = 0; j < p; j++) if (usable[j]) g[j] = (m.xy[j] + shift[j] * (m.yMean - yCenter)) / (scale[j] * ys);
    },
  };
}

/**
 * The gaussian elastic-net path from sufficient statistics alone: glmnet's covariance updates read only
 * Gram entries, so the path is fitPath's (covariance updates) without a row. The options are fitPath's
 * but those that need rows: weights (already in the moments), offset and relax. A column is usable when
 * its variance is positive (a constant column's centred sums are exactly 0 when computed as here).
 */
export function fitPathFromMoments(m: Moments, options: FitOptions = {}, progress: PathProgress = {}): Path {
  if (m === null || typeof m !== "object" || !(m.xy instanceof Float64Array)) {
    throw new OptionError("fitPathFromMoments: m must be the moments of the data (from momentsOf(x, y, weights))", "m");
  }
  checkFitOptions("fitPathFromMoments", options);
  for (const key of ["weights", "offset", "relax"] as const) {
    if (options[key] !== undefined && options[key] !== false) {
      throw new OptionError(`${key} cannot be given with sufficient statistics: ${key === "weights" ? "the moments are weighted already" : "it needs the rows"}`, key);
    }
  }
  // Least squares alone needs nothing of the rows but their moments; IRLS reweights rows at every step.
  const family = familyOf(options.family ?? "gaussian");
  if (family.solver !== "least-squares") throw new OptionError(`a path from sufficient statistics is fitted by least squares (gaussian), not ${family.name}`, "family");
  if (options.updates === "naive") throw new OptionError("a path from sufficient statistics uses covariance updates", "updates");
  const p = m.names.length;
  const opt = resolveOptions({ ...options, updates: "covariance" }, m.n, m.names);
  const center = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const usable = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    const variance = m.xx[j * p + j];
    if (opt.excluded[j] || !(variance > 0)) continue;
    usable[j] = 1;
    if (opt.intercept) center[j] = m.xMean[j];
    if (opt.standardize) scale[j] = Math.sqrt(variance);
  }
  const yCenter = opt.intercept ? m.yMean : 0;
  const ys = Math.sqrt(m.yy + (m.yMean - yCenter) ** 2);
  if (!(ys > 0)) throw new DataError("the outcome has zero variance: there is nothing to fit");
  const nullDeviance = nullDevianceOf(ys * ys, m.weightSum, m.n, opt);
  const penalty = solverPenalty(opt, scale, ys);
  const pool = threadWorkspaces;
  const workspace = pool.take(solverRoom(0, p));
  try {
    const solver = new CovarianceSolver(momentsGram(m, center, scale, usable, yCenter, ys), { penalty, thr: opt.thresh, maxit: opt.maxit, pmax: opt.pmax }, workspace);
    const problem: Problem = { solver, penalty, p, usable, mean: center, scale, lambdaScale: ys, yMean: yCenter, nullDeviance, workspace };
    return runPath(problem, opt, { names: m.names, positiveClass: null, warnings: opt.notes }, progress);
  } finally {
    pool.release(workspace);
  }
}
