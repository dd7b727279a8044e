import { DataError } from "../errors.js";
import type { Workspace } from "../linalg/workspace.js";
import { normalizePenaltyFactors, type Penalty } from "../model/penalty.js";
import { penaltyOf } from "../model/penalties/index.js";
import { checkNullModel, nullDevianceOf } from "./checks.js";
import { CovarianceSolver, gramOfDesign, NaiveSolver } from "./gaussian.js";
import { coxSolver } from "./cox.js";
import { GlmSolver } from "./glm.js";
import { DenseColumns } from "./columns.js";
import { OptionError } from "../errors.js";
import { WorkingSetSolver } from "./working-set-solver.js";
import type { ResolvedOptions } from "./options.js";
import type { PointSolver, SolverSettings } from "./solver.js";
import { weightedSd, type StandardizedDesign } from "./standardize.js";

/**
 * A problem ready for the path: the solver for the family on the standardized design, the penalty on
 * the solver's scale, and what maps the solver's numbers back to the data's scale.
 */
export interface Problem {
  readonly solver: PointSolver;
  readonly penalty: Penalty;
  readonly p: number;
  /** 1 when the column varies and is not excluded. */
  readonly usable: Uint8Array;
  /** β_j = β̃_j·lambdaScale/scale_j, β0 = yMean + β̃0 − Σ β_j·mean_j. */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** The standardized problem's λ (and β) is the data's divided by this: sd(y) for gaussian, 1 otherwise. */
  readonly lambdaScale: number;
  /** The intercept the solver's scale adds back: mean of y for gaussian, 0 for GLMs. */
  readonly yMean: number;
  /** A Cox fit has no intercept: β0 is reported as 0 though its design is centred. */
  readonly noIntercept?: boolean;
  readonly nullDeviance: number;
  /** Where the path keeps its pulls and column lists (the kernels' memory). */
  readonly workspace: Workspace;
}

/** The penalty of the options on the solver's scale: bounds on β̃ = β·s_j/lambdaScale. */
export function solverPenalty(opt: ResolvedOptions, scale: Float64Array, lambdaScale: number): Penalty {
  return penaltyOf("elastic-net", {
    alpha: opt.alpha,
    vp: normalizePenaltyFactors(opt.penaltyFactor),
    lower: Float64Array.from(opt.lowerLimits, (v, j) => (v * scale[j]) / lambdaScale),
    upper: Float64Array.from(opt.upperLimits, (v, j) => (v * scale[j]) / lambdaScale),
  });
}

/**
 * The solver for the family on a standardized design: least squares (glmnet's elnet, covariance or naive
 * updates) or penalized IRLS. w are the weights scaled to sum to 1, sw what they summed to.
 */
export function setUpProblem(design: StandardizedDesign, y: Float64Array, opt: ResolvedOptions, w: Float64Array, sw: number): Problem {
  const n = y.length;
  const { p, usable, mean, scale, workspace } = design;
  const settings = (penalty: Penalty): SolverSettings => ({ penalty, thr: opt.thresh, maxit: opt.maxit, pmax: opt.pmax });
  if (opt.family.solver === "least-squares") {
    // ỹ = √w(y − offset − ȳ)/s_y with s_y the (1/n) standard deviation: the null deviance becomes 1.
    const { yAdj, ym, ys } = gaussianScale(y, opt, w);
    const nullDeviance = nullDevianceOf(ys * ys, sw, n, opt);
    const yt = Float64Array.from(yAdj, (v, i) => (Math.sqrt(w[i]) * (v - ym)) / ys);
    const penalty = solverPenalty(opt, scale, ys);
    const solver = opt.solver === "ws" ? workingSetSolver(design, settings(penalty), yt) : opt.updates === "covariance"
      ? new CovarianceSolver(gramOfDesign(design, yt), settings(penalty), workspace)
      : new NaiveSolver(design, settings(penalty), yt);
    return { solver, penalty, p, usable, mean, scale, lambdaScale: ys, yMean: ym, nullDeviance, workspace };
  }
  const penalty = solverPenalty(opt, scale, 1);
  if (opt.family.solver === "partial-likelihood") {
    const solver = coxSolver(design, settings(penalty), { time: y, survival: opt.survival!, w, offset: opt.offset });
    const nullDeviance = nullDevianceOf(solver.nullDev, sw, n, opt);
    return { solver, penalty, p, usable, mean, scale, lambdaScale: 1, yMean: 0, noIntercept: true, nullDeviance, workspace };
  }
  const solver = new GlmSolver(design, settings(penalty), { family: opt.family, y, w, offset: opt.offset, intercept: opt.intercept });
  checkNullModel(solver.nullDev, y, opt);
  return { solver, penalty, p, usable, mean, scale, lambdaScale: 1, yMean: 0, nullDeviance: nullDevianceOf(solver.nullDev, sw, n, opt), workspace };
}

/** The working-set solver, on a design with a dense copy of its own (not a fold's view, not sparse X). */
function workingSetSolver(design: StandardizedDesign, settings: SolverSettings, yt: Float64Array): WorkingSetSolver {
  if (!(design.columns instanceof DenseColumns)) {
    throw new OptionError('solver "ws" runs on a dense design of its own: not yet in cross-validation folds or on sparse X (use solver "glmnet")', "solver");
  }
  return new WorkingSetSolver(design, settings, yt);
}

/**
 * The gaussian fit's response y − offset, its weighted mean and its (1/n) standard deviation, which
 * must be positive and have a finite square (the null deviance). The offset is subtracted from the
 * outcome, so when there is one the messages speak of the difference: its scale is the offset's fault
 * as often as the outcome's.
 */
export function gaussianScale(y: Float64Array, opt: ResolvedOptions, w: Float64Array): { yAdj: Float64Array; ym: number; ys: number } {
  const n = y.length;
  const offset = opt.offset;
  const yAdj = offset ? Float64Array.from(y, (v, i) => v - offset[i]) : y;
  const subject = offset ? "the outcome minus the offset" : "the outcome";
  if (offset) {
    for (let i = 0; i < n; i++) {
      if (w[i] > 0 && !Number.isFinite(yAdj[i])) {
        throw new DataError(`${subject} overflows in row ${i + 1} (${y[i]} − ${offset[i]}): a gaussian offset is subtracted from the outcome, so it must be on the outcome's scale`, "offset", i + 1);
      }
    }
  }
  let ym = 0;
  if (opt.intercept) for (let i = 0; i < n; i++) ym += w[i] * yAdj[i];
  const ys = weightedSd(yAdj, 0, n, w, ym);
  let big = 0;
  for (let i = 0; i < n; i++) if (w[i] > 0) big = Math.max(big, Math.abs(yAdj[i]));
  const fix = offset
    ? "a gaussian offset is subtracted from the outcome, so it must be on the outcome's scale"
    : "divide it by a power of ten and scale the coefficients back";
  if (!(ys > 0)) {
    // The outcome alone varies (checkResponse saw to it): the offset cancels it, or swamps its digits.
    const first = yAdj[w.findIndex((v) => v > 0)];
    throw new DataError(`${subject} is ${first} in every row: the offset leaves no spread to fit`, "offset");
  }
  if (!Number.isFinite(ys * ys)) {
    throw new DataError(`${subject} is too large to square (values up to ${big}): its deviance overflows; ${fix}`, offset ? "offset" : undefined);
  }
  return { yAdj, ym, ys };
}
