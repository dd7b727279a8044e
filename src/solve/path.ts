import type { ModelMatrix } from "../data/matrix.js";
import { DataError, OptionError } from "../errors.js";
import { normalizePenaltyFactors, type Penalty } from "../model/penalty.js";
import { ElasticNet } from "../model/penalties/elastic-net.js";
import { CovarianceSolver, NaiveSolver } from "./gaussian.js";
import { GlmSolver } from "./glm.js";
import { threadWorkspaces, type Workspace, type WorkspacePool } from "../linalg/workspace.js";
import { relaxPath } from "./relax.js";
import { resolveOptions, type ResolvedOptions } from "./options.js";
import type { PointSolver, SolverSettings } from "./solver.js";
import { designRoom, standardizeDesign, viewFold, weightedSd, type FullCopy, type StandardizedDesign } from "./standardize.js";
import type { FitOptions, Path, SparseCoefficients } from "./types.js";
import type { Family } from "../model/family.js";

/** glmnet's stand-in for an infinite λ: the first step of a default path fits the null model. */
const BIG = 9.9e35;
/** Default-path early stop: relative change in devRatio below this, or devRatio above DEV_MAX. */
const SML = 1e-5;
const DEV_MAX = 0.999;
/** The early stop is not considered before this many λs. */
const MIN_LAMBDAS = 5;

/** What the solver needs to be built, and to map its answers back to the data's scale. */
interface Problem {
  solver: PointSolver;
  penalty: Penalty;
  design: StandardizedDesign;
  /** The standardized problem's λ (and β) is the data's divided by this: sd(y) for gaussian, 1 otherwise. */
  lambdaScale: number;
  /** The intercept the solver's scale adds back: mean of y for gaussian, 0 for GLMs. */
  yMean: number;
  nullDeviance: number;
}

/**
 * Fit the elastic-net path, as glmnet: minimise over (β0, β)
 *   datafit(β0, β) + λ·Σ_j v_j [α|β_j| + (1−α)/2·β_j²]
 * for a decreasing sequence of λ, by coordinate descent with warm starts, the sequential strong rule
 * and a KKT check over every screened-out variable (so each solution is exact, not screened).
 */
export function fitPath(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions = {}): Path {
  return fitPathWith(x, y, options, {});
}

/**
 * λ_max: the smallest λ at which every penalized coefficient is zero (for α < 0.001 computed as for
 * α = 0.001), i.e. the first λ of glmnet's default path, with the same weights, offset and factors.
 */
export function lambdaMax(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions = {}): number {
  const { lambda: _l, relax: _r, ...rest } = options;
  return fitPenalizedPath(x, y, { ...rest, nlambda: 1 }).lambda[0];
}

/**
 * The checks fitPath makes of its data before it fits, naming rows as given: cross-validation makes them
 * before it fits the full data with the rows in the folds' order (hooks.into), where they are skipped.
 */
export function checkFit(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions): void {
  const opt = resolveOptions(options, x.n, x.names);
  checkDesign(x);
  checkResponse(y, x.n, opt);
  checkOffset(y, opt);
}

/** What cross-validation asks of a path beyond fitPath's options. */
export interface PathHooks {
  /**
   * Fit on these rows of x alone (a fold's training rows, without a copy); y, weights and offset are
   * theirs. x is taken as checked already (finite), by the full-data fit that comes first.
   */
  readonly rows?: Int32Array;
  /**
   * Called once the whole λ sequence is known (a default path knows it after λ_max, long before its
   * end), with the values the path reports; the path may stop early, so it reports a prefix of them.
   */
  readonly onLambdas?: (lambda: Float64Array) => void;
  /** Stop before the λ of this index (asked at every λ): the full-data path's length, once known. */
  readonly lambdaLimit?: () => number;
  /** Where to take the workspace from: fits made one after another in a thread share one memory. */
  readonly workspaces?: WorkspacePool;
  /**
   * Cross-validation's full-data fit: standardize x (its rows `rows`, all of them in the folds' order)
   * into this array of this workspace, the copy every fold then views, and report the design.
   */
  readonly into?: {
    readonly x: Float64Array;
    readonly workspace: Workspace;
    readonly onDesign: (design: StandardizedDesign, weightSum: number) => void;
  };
  /**
   * Fold `fold` fitted as a view of the full data's copy (viewFold), with its solver's arrays in
   * `workspace`: y, weights and offset are those of its rows in the copy's order, around the held-out
   * block [start, end) of the copy; x's values are not read (x may be empty).
   */
  readonly view?: {
    readonly full: FullCopy; readonly fold: number; readonly start: number; readonly end: number; readonly workspace: Workspace;
  };
}

/**
 * fitPath with the hooks cross-validation uses to fit folds on worker threads while the full-data path
 * is still running: a fold fitted on the whole sequence and cut at the full path's length equals the
 * fold fitted on the full path's λs, since each λ's solution depends only on the λs before it.
 */
export function fitPathWith(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, hooks: PathHooks): Path {
  // The relaxed refits read whole columns of x: they need the rows as a matrix of their own.
  if (options.relax && hooks.rows) throw new Error("a relaxed fit needs its rows copied (selectRows), not hooks.rows");
  const path = fitPenalizedPath(x, y, options, hooks);
  if (!options.relax) return path;
  const relaxed = relaxPath(x, y, path, options);
  return { ...path, relaxed, warnings: [...path.warnings, ...relaxed.warnings] };
}

function fitPenalizedPath(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, hooks: PathHooks = {}): Path {
  const own = hooks.into?.workspace ?? hooks.view?.workspace;
  if (own) return fitOnWorkspace(x, y, options, hooks, own);
  // The workspace is lent for the fit and given back however it ends.
  const pool = hooks.workspaces ?? threadWorkspaces;
  const workspace = pool.take(designRoom(hooks.rows ? hooks.rows.length : x.n, x.p));
  try {
    return fitOnWorkspace(x, y, options, hooks, workspace);
  } finally {
    pool.release(workspace);
  }
}

function fitOnWorkspace(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, hooks: PathHooks, workspace: Workspace): Path {
  const rows = hooks.rows ?? null;
  const n = hooks.view ? y.length : rows ? rows.length : x.n;
  const opt = resolveOptions(options, n, x.names);
  const warnings: string[] = [];
  // A fold's rows were checked with the rest of x by the full-data fit.
  if (!rows && !hooks.view) checkDesign(x);
  checkResponse(y, n, opt);
  // A fold's offsets passed on the full data, where its rows' numbers mean something to a person.
  if (!rows && !hooks.view) checkOffset(y, opt);
  warnings.push(...opt.family.dataWarnings(y, opt.weights, options.positiveClass ?? null));
  const problem = setUp(x, Float64Array.from(y), opt, rows, workspace, hooks);
  const { solver, design } = problem;
  const { p } = design;
  const { penalty } = problem;
  const alpha = opt.alpha;
  const user = opt.userLambda;
  const nlam = user ? user.length : opt.nlambda;
  const alf = user || nlam < 2 ? 1 : Math.pow(opt.lambdaMinRatio, 1 / (nlam - 1));

  // glmnet turns the change-based stop off (fdev = 0) when any coefficient limit is exactly 0.
  const fdev = opt.lowerLimits.includes(0) || opt.upperLimits.includes(0) ? 0 : SML;
  const strong = new Uint8Array(p);
  // Pulls, and the list of columns whose pulls a KKT check needs, where the kernels can reach them.
  const grad = design.workspace.f64(p);
  const cols = design.workspace.i32(p);
  let count = 0;
  for (let j = 0; j < p; j++) if (design.usable[j]) cols[count++] = j;
  solver.gradients(cols, count, grad);
  // glmnet's GLM solvers (lognet, fishnet) take λ_max from the pulls as last computed: at the null model,
  // or in the KKT check after the first (λ = ∞) fit, which recomputes only the variables outside the
  // strong set. With α = 0 every variable is in it from the start, so λ_max is read at the null model,
  // before the unpenalized variables are fitted; elnet (gaussian) always reads the current pulls.
  const glm = opt.family.solver === "irls";
  const current = new Float64Array(p);
  const lambdaMaxStd = () => {
    if (glm) return penalty.lambdaMax(grad, design.usable);
    for (let j = 0; j < p; j++) current[j] = design.usable[j] ? solver.gradient(j) : 0;
    return penalty.lambdaMax(current, design.usable);
  };

  const out: { lambda: number[]; a0: number[]; beta: SparseCoefficients[]; df: number[]; dev: number[] } =
    { lambda: [], a0: [], beta: [], df: [], dev: [] };
  warnings.push(...opt.notes);
  // The λ before a user's first: λ_max for elnet; 0 for glmnet's GLM solvers (their strong rule at the
  // first user λ screens at 2αλ₁), so that the iterates, and not only the solutions, are glmnet's.
  let prevLambda = user ? (glm ? 0 : Math.max(lambdaMaxStd(), user[0] / problem.lambdaScale)) : BIG;
  let lambdaMax = 0;
  let lam = BIG;
  if (user) hooks.onLambdas?.(Float64Array.from(user));

  for (let m = 0; m < nlam; m++) {
    if (hooks.lambdaLimit && m >= hooks.lambdaLimit()) break;
    if (user) lam = user[m] / problem.lambdaScale;
    else if (m === 0) lam = BIG;
    else if (m === 1) {
      lambdaMax = lambdaMaxStd();
      if (!(lambdaMax > 0)) {
        warnings.push(design.usable.includes(1)
          ? "no penalized variable has any pull on the outcome: the path is the null model alone"
          : "no usable feature (none given, or every one constant or excluded): the fit is the intercept alone");
        break;
      }
      lam = alf * lambdaMax;
      // The strong rule at the first real λ screens against λ_max (glmnet's alm0), not the null fit's BIG.
      prevLambda = lambdaMax;
      if (hooks.onLambdas) hooks.onLambdas(defaultSequence(lambdaMax, alf, nlam, problem.lambdaScale));
    } else lam *= alf;
    // Sequential strong rule (Tibshirani et al. 2012): screen out j when its pull is below the threshold.
    const before = m === 0 && !user ? lam : prevLambda;
    for (let j = 0; j < p; j++) if (!strong[j] && design.usable[j] && Math.abs(grad[j]) > penalty.strongThreshold(j, lam, before)) strong[j] = 1;

    let status = solver.solve(lam, strong, true);
    while (status === "converged") {
      // KKT check: a screened-out variable whose pull exceeds its price joins, and λ is solved again.
      let violated = false;
      count = 0;
      for (let j = 0; j < p; j++) if (!strong[j] && design.usable[j]) cols[count++] = j;
      solver.gradients(cols, count, grad);
      for (let k = 0; k < count; k++) {
        const j = cols[k];
        if (penalty.subdiffDistance(j, grad[j], 0, lam) > 0) {
          strong[j] = 1;
          violated = true;
        }
      }
      if (!violated) break;
      status = solver.solve(lam, strong);
    }
    const lambdaReported = user ? user[m] : m === 0 ? NaN : lam * problem.lambdaScale;
    if (status === "maxit" || status === "pmax") {
      warnings.push(status === "maxit"
        ? `maxit (${opt.maxit} passes) reached at the ${ordinal(m + 1)} λ (${fmt(lambdaReported)}): the path is returned up to the λ before it`
        : `more than pmax = ${opt.pmax} variables became nonzero at the ${ordinal(m + 1)} λ (${fmt(lambdaReported)}): the path is returned up to the λ before it`);
      break;
    }
    record(out, problem, solver, lambdaReported);
    checkRecorded(out, m, lambdaReported, opt);
    if (status === "saturated") {
      warnings.push(`the fitted probabilities are all 0 or 1 at the ${ordinal(m + 1)} λ (${fmt(lambdaReported)}): the classes are separated, so the path stops here, as glmnet's does`);
      break;
    }
    prevLambda = lam;
    if (user || m + 1 < MIN_LAMBDAS) continue;
    const k = out.dev.length - 1;
    if (out.df[k] > opt.dfmax) break;
    if (earlyStop(opt.family, out.dev, fdev)) break;
  }
  warnings.push(...opt.family.pathWarnings(out.dev));
  // A default path reports λ_max as its first λ (the null model's), as glmnet's fix.lam does.
  if (!user && out.lambda.length > 0) out.lambda[0] = (lambdaMax > 0 ? lambdaMax : lambdaMaxStd()) * problem.lambdaScale;

  return {
    family: opt.family.name,
    alpha,
    features: [...x.names],
    positiveClass: options.positiveClass ?? null,
    lambda: Float64Array.from(out.lambda),
    intercept: Float64Array.from(out.a0),
    beta: out.beta,
    df: Int32Array.from(out.df),
    devRatio: Float64Array.from(out.dev),
    nullDeviance: problem.nullDeviance,
    npasses: solver.npasses,
    hasOffset: opt.offset !== null,
    warnings,
    settings: {
      family: opt.family.name,
      alpha,
      standardize: opt.standardize,
      intercept: opt.intercept,
      penaltyFactor: Float64Array.from(opt.penaltyFactor, (v, j) => (opt.excluded[j] ? Infinity : v)),
      lowerLimits: opt.lowerLimits,
      upperLimits: opt.upperLimits,
      thresh: opt.thresh,
      maxit: opt.maxit,
      userLambda: user !== null,
    },
  };
}

/** The λs a default path reports (λ_max, then λ_max·alf^m), computed as its loop computes them. */
function defaultSequence(lambdaMax: number, alf: number, nlam: number, lambdaScale: number): Float64Array {
  const out = new Float64Array(nlam);
  out[0] = lambdaMax * lambdaScale;
  let lam = lambdaMax;
  for (let m = 1; m < nlam; m++) {
    lam = m === 1 ? alf * lambdaMax : lam * alf;
    out[m] = lam * lambdaScale;
  }
  return out;
}

/** Store the current solution on the data's scale: β_j = β̃_j·s_y/s_j, β0 = ȳ + β̃0 − Σ β_j·x̄_j. */
function record(
  out: { lambda: number[]; a0: number[]; beta: SparseCoefficients[]; df: number[]; dev: number[] },
  problem: Problem,
  solver: PointSolver,
  lambda: number,
): void {
  const { design } = problem;
  const idx: number[] = [];
  const val: number[] = [];
  let a0 = problem.yMean + solver.intercept();
  for (let j = 0; j < design.p; j++) {
    const b = solver.beta[j];
    if (b === 0) continue;
    const bj = (b * problem.lambdaScale) / design.scale[j];
    idx.push(j);
    val.push(bj);
    a0 -= bj * design.mean[j];
  }
  out.lambda.push(lambda);
  out.a0.push(a0);
  out.beta.push({ index: Int32Array.from(idx), value: Float64Array.from(val) });
  out.df.push(idx.length);
  out.dev.push(solver.devRatio());
}

/** glmnet's early stop of a default path: the fit explains nearly everything, or the family's rule. */
export function earlyStop(family: Family, dev: readonly number[], fdev = SML): boolean {
  return dev[dev.length - 1] > DEV_MAX || family.earlyStop(dev, fdev);
}

function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][k % 10] ?? "th";
  return `${k}${s}`;
}

function fmt(v: number): string {
  return Number.isNaN(v) ? "λ_max" : `λ = ${v.toPrecision(6)}`;
}

/**
 * The last λ recorded must be numbers: NaN or ±∞ there would reach a person as nulls in JSON. The checks
 * of the data before the fit are meant to make this unreachable; this names what overflowed if not.
 */
function checkRecorded(out: { a0: number[]; dev: number[] }, m: number, lambda: number, opt: ResolvedOptions): void {
  const a0 = out.a0[out.a0.length - 1];
  const dev = out.dev[out.dev.length - 1];
  if (Number.isFinite(a0) && Number.isFinite(dev)) return;
  const what = Number.isFinite(a0) ? `its deviance ratio is ${dev}` : `its intercept is ${a0}`;
  throw new DataError(`the fit at the ${ordinal(m + 1)} λ (${fmt(lambda)}) is not a number: ${what}, as the numbers overflow 64-bit arithmetic; ${rescaleHint(opt, true)}`);
}

/** What a person can rescale when a fit overflows (the features play no part in the intercept-only model). */
function rescaleHint(opt: ResolvedOptions, features: boolean): string {
  const parts = [...(features ? ["the features"] : []), ...(opt.offset !== null ? ["the offset"] : []), "the outcome"];
  const log = opt.offset !== null && opt.family.link !== "identity" ? " (the offset is a log: check its values)" : "";
  return `bring ${parts.length > 2 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts.join(" and ")} to a moderate scale${log}`;
}

/**
 * Standardize (or, for a fold of cross-validation, view the full data's copy), then build the solver
 * for the family (covariance or naive updates for gaussian).
 */
function setUp(x: ModelMatrix, y: Float64Array, opt: ResolvedOptions, rows: Int32Array | null, workspace: Workspace, hooks: PathHooks): Problem {
  const n = y.length;
  let sw = 0;
  for (const v of opt.weights) sw += v;
  const w = Float64Array.from(opt.weights, (v) => v / sw);
  const gaussian = opt.family.solver === "least-squares";
  const how = { intercept: opt.intercept, standardize: opt.standardize, sqrtWeighted: gaussian, excluded: opt.excluded };
  const { view, into } = hooks;
  const design = view
    ? viewFold(view.full, view.fold, view.start, view.end, w, sw, how, workspace)
    : standardizeDesign(x, w, how, rows, workspace, into?.x);
  into?.onDesign(design, sw);
  const vp = normalizePenaltyFactors(opt.penaltyFactor);
  // The penalty on the solver's scale: bounds on β̃ = β·s_j/λscale.
  const penaltyAt = (lambdaScale: number) => new ElasticNet({
    alpha: opt.alpha,
    vp,
    lower: Float64Array.from(opt.lowerLimits, (v, j) => (v * design.scale[j]) / lambdaScale),
    upper: Float64Array.from(opt.upperLimits, (v, j) => (v * design.scale[j]) / lambdaScale),
  });
  if (gaussian) {
    // ỹ = √w(y − offset − ȳ)/s_y with s_y the (1/n) standard deviation: the null deviance becomes 1.
    const { yAdj, ym, ys } = gaussianScale(y, opt, w);
    const ss = ys * ys;
    const nullDeviance = nullDevianceOf(ss, sw, n, opt);
    const yt = Float64Array.from(yAdj, (v, i) => (Math.sqrt(w[i]) * (v - ym)) / ys);
    const penalty = penaltyAt(ys);
    const settings: SolverSettings = { penalty, thr: opt.thresh, maxit: opt.maxit, pmax: opt.pmax };
    const solver = opt.updates === "covariance" ? new CovarianceSolver(design, settings, yt) : new NaiveSolver(design, settings, yt);
    return { solver, penalty, design, lambdaScale: ys, yMean: ym, nullDeviance };
  }
  const penalty = penaltyAt(1);
  const settings: SolverSettings = { penalty, thr: opt.thresh, maxit: opt.maxit, pmax: opt.pmax };
  const solver = new GlmSolver(design, settings, opt.family, y, w, opt.offset, opt.intercept);
  checkNullModel(solver.nullDev, y, opt);
  return { solver, penalty, design, lambdaScale: 1, yMean: 0, nullDeviance: nullDevianceOf(solver.nullDev, sw, n, opt) };
}

/**
 * The gaussian fit's response y − offset, its weighted mean and its (1/n) standard deviation, which
 * must be positive and have a finite square (the null deviance). The offset is subtracted from the
 * outcome, so when there is one the messages speak of the difference: its scale is the offset's fault
 * as often as the outcome's.
 */
function gaussianScale(y: Float64Array, opt: ResolvedOptions, w: Float64Array): { yAdj: Float64Array; ym: number; ys: number } {
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

/**
 * The intercept-only GLM's deviance per unit weight must be a finite number, and more than rounding: an
 * offset that fits every count exactly leaves no threshold to converge to (maxit at the first λ).
 */
function checkNullModel(perUnit: number, y: Float64Array, opt: ResolvedOptions): void {
  if (!Number.isFinite(perUnit)) {
    throw new DataError(`the intercept-only model's deviance is ${perUnit}: the numbers overflow 64-bit arithmetic; ${rescaleHint(opt, false)}`);
  }
  let sw = 0, mass = 0;
  for (const v of opt.weights) sw += v;
  for (let i = 0; i < y.length; i++) mass += (opt.weights[i] / sw) * y[i];
  if (!(perUnit > 1e-12 * mass)) {
    throw new DataError(`the intercept-only model already fits every row (its deviance is ${perUnit.toPrecision(3)}, 0 but for rounding): ${opt.offset !== null ? "the offset alone explains the outcome, so " : ""}nothing is left for the features to explain`, opt.offset !== null ? "offset" : undefined);
  }
}

/**
 * The null deviance, every devRatio's denominator: the weights' sum times the deviance per unit weight
 * (for gaussian the outcome's variance), either of which may make it overflow. Weights summing to n, as
 * glmnet scales them inside, would keep it finite when the weights are at fault; else the outcome is.
 */
function nullDevianceOf(perUnit: number, sw: number, n: number, opt: ResolvedOptions): number {
  const total = sw * perUnit;
  if (Number.isFinite(total)) return total;
  const what = opt.family.solver === "least-squares" ? "the outcome's variance" : `the deviance per unit weight (${perUnit})`;
  if (Number.isFinite(n * perUnit)) {
    throw new OptionError(`the weights (summing to ${sw}) times ${what} overflow the null deviance: divide the weights by a power of ten, as only their ratios matter`, "weights");
  }
  throw new DataError(`the outcome is too large: ${what} times its ${n} rows overflows the null deviance; ${rescaleHint(opt, false)}`);
}

/** Every feature value must be a finite number: name the first that is not. */
function checkDesign(x: ModelMatrix): void {
  const { n, p, data } = x;
  for (let j = 0; j < p; j++) {
    const o = j * n;
    // v·0 is NaN exactly when v is NaN or ±∞: one branch-free sum per column, the row looked for only then.
    let probe = 0;
    for (let i = 0; i < n; i++) probe += data[o + i] * 0;
    if (probe === 0) continue;
    for (let i = 0; i < n; i++) {
      const v = data[o + i];
      if (!Number.isFinite(v)) throw new DataError(`feature "${x.names[j]}" is not a finite number in row ${i + 1} (${v})`, x.names[j], i + 1);
    }
  }
}

/** The offset must leave the family's intercept-only model finite: name the first row where it does not. */
function checkOffset(y: ArrayLike<number>, opt: ResolvedOptions): void {
  if (opt.offset === null) return;
  const fault = opt.family.offsetProblem(y, opt.weights, opt.offset, opt.intercept);
  if (fault === null) return;
  const row = fault.row + 1;
  throw new DataError(`the offset is ${opt.offset[fault.row]} in row ${row}: ${fault.problem}`, "offset", row);
}

/** The outcome must be one number per row, at least two rows, and of the family's kind. */
function checkResponse(y: ArrayLike<number>, n: number, opt: ResolvedOptions): void {
  if (y.length !== n) throw new DataError(`the outcome has ${y.length} values but the design has ${n} rows`);
  if (n === 0) throw new DataError("there are no rows to fit");
  if (n === 1) throw new DataError("there is only one row: a fit needs at least two");
  opt.family.checkResponse(y, opt.weights, opt.offset !== null);
}
