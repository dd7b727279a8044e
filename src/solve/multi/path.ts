import type { ModelMatrix } from "../../data/matrix.js";
import { DataError, NoSolutionError, OptionError } from "../../errors.js";
import type { MultiFamilyName } from "../../model/multi-family.js";
import { normalizePenaltyFactors } from "../../model/penalty.js";
import { constantOutcome } from "../../model/families/rows.js";
import { threadWorkspaces, type Workspace } from "../../linalg/workspace.js";
import { resolveOptions, type ResolvedOptions } from "../options.js";
import { standardizeDesign, type StandardizeHow, type StandardizedDesign } from "../standardize.js";
import { checkFit, ordinal } from "../checks.js";
import { GroupedMultinomialSolver } from "./grouped.js";
import { MgaussianSolver } from "./mgaussian.js";
import { MultinomialSolver } from "./multinomial.js";
import { multiRoom, pullSizes, type MultiProblem, type MultiSolver } from "./solver.js";
import type { MultiFitOptions, MultiPath } from "./types.js";

/** glmnet's stand-ins and early-stop constants (as the single-response path's). */
const BIG = 9.9e35;
const SML = 1e-5;
const DEV_MAX = 0.999;
const MIN_LAMBDAS = 5;

/** The responses of a multi-response fit: K columns, class-major, and their names. */
export interface MultiResponse {
  readonly family: MultiFamilyName;
  /** y[k·n + i]: indicator of class k (multinomial) or response k (mgaussian) in row i. */
  readonly y: Float64Array;
  readonly classes: readonly string[];
}

/** The options fitPath has that a multi-response fit does not take yet: an OptionError naming them. */
function refuseUnsupported(options: MultiFitOptions & Record<string, unknown>, family: MultiFamilyName): void {
  for (const name of ["offset", "relax", "penaltyGamma", "gapTol", "adaptive"]) {
    if (options[name] !== undefined && options[name] !== false) throw new OptionError(`${name} is not supported for family ${family}`, name);
  }
  const penalty = options.penalty;
  if (penalty !== undefined && penalty !== "lasso") throw new OptionError(`penalty ${String(penalty)} is not supported for family ${family}: it fits the elastic net (lasso)`, "penalty");
}

/**
 * How a multi-response fit gets its design and reports its λs: cross-validation's full-data fit (its
 * standardized copy in the folds' row order) and its folds (views of that copy, fold-view.ts).
 */
export interface MultiPathHooks {
  /**
   * The standardized design for weights w (summing to 1, `weightSum` before), in a workspace with
   * multiRoom(n, p, K) f64s beside X̃. Given, x is read for its shape and names alone (a fold's thread
   * may not hold X), and its values are taken as checked.
   */
  readonly design?: (w: Float64Array, weightSum: number, how: StandardizeHow) => StandardizedDesign;
  /** Called once a default path knows its whole λ sequence (at λ_max), before fitting past it. */
  readonly onLambdas?: (lambda: Float64Array) => void;
  /** A path on given λs stops after this many (a parallel fold, once the full path's length is known). */
  readonly lambdaLimit?: () => number;
}

/**
 * The multi-response path (glmnet's multinomial, grouped or not, and mgaussian) along glmnet's default λ
 * sequence or the user's: the first λ of a default path is the null model, λ_max the smallest λ with every
 * coefficient zero, and the path stops early as glmnet's does.
 */
export function fitMultiPathOf(x: ModelMatrix, response: MultiResponse, options: MultiFitOptions = {}, hooks: MultiPathHooks = {}): MultiPath {
  const { family } = response;
  const K = response.classes.length;
  refuseUnsupported(options as MultiFitOptions & Record<string, unknown>, family);
  const grouped = family === "mgaussian" || options.grouped === true;
  const { grouped: _g, standardizeResponse: scaleY, ...rest } = options;
  if (scaleY === true && family !== "mgaussian") throw new OptionError(`standardizeResponse applies to family mgaussian only, not ${family}`, "standardizeResponse");
  // The design's values and the options, checked as fitPath checks them (the outcome is a stand-in: the
  // responses were checked when they were read).
  if (!hooks.design) checkFit(x, Float64Array.from({ length: x.n }, (_, i) => i), rest);
  const opt = resolveOptions(rest, x.n, x.names);
  let sw = 0;
  for (const v of opt.weights) sw += v;
  const w = Float64Array.from(opt.weights, (v) => v / sw);
  const how = { intercept: opt.intercept, standardize: opt.standardize, sqrtWeighted: family === "mgaussian", excluded: opt.excluded };
  // Without a design of the caller's, X̃ and the solver's vectors go in memory lent by the thread's pool
  // (as a single-response path's): repeated fits reuse one memory instead of paging in a new one each.
  const lent = hooks.design ? null : threadWorkspaces.take(x.n * x.p + multiRoom(x.n, x.p, K));
  try {
    const design = lent ? standardizeDesign(x, w, how, null, lent) : hooks.design!(w, sw, how);
    return fitMultiDesign(x, response, opt, { grouped, w, sw, standardizeResponse: scaleY === true }, design, hooks);
  } finally {
    if (lent) threadWorkspaces.release(lent);
  }
}

/** How fitMultiPathOf set the fit up: grouping, the weights (summing to 1, sw before), mgaussian's response scaling. */
interface MultiSetUp {
  readonly grouped: boolean;
  readonly w: Float64Array;
  readonly sw: number;
  readonly standardizeResponse: boolean;
}

/** The path on a standardized design (fitMultiPathOf's second half). */
function fitMultiDesign(
  x: ModelMatrix, response: MultiResponse, opt: ResolvedOptions, { grouped, w, sw, standardizeResponse }: MultiSetUp, design: StandardizedDesign, hooks: MultiPathHooks,
): MultiPath {
  const { family, classes } = response;
  const K = classes.length, n = x.n;
  const nothing = nothingToFit(design.usable, opt.userLambda !== null);
  if (family === "mgaussian") refuseConstantResponses(response, w);
  const { y, ym } = family === "mgaussian" ? centredResponses(response.y, n, K, w, opt.intercept) : { y: response.y, ym: new Float64Array(K) };
  // Σ_k ‖ỹ_k‖² on the responses' own scale: the null deviance per unit weight, whether or not they are scaled.
  const nullRss = sumOfSquares(y);
  if (family === "mgaussian") refuseUnsquarable(y, response, nullRss, sw);
  const scaled = standardizeResponse ? scaleResponses(y, response, w, opt.intercept) : null;
  const problem: MultiProblem = {
    n, p: x.p, K, columns: design.columns, workspace: design.workspace, xv: design.xv, usable: design.usable, y, w,
    intercept: opt.intercept, alpha: opt.alpha, vp: normalizePenaltyFactors(opt.penaltyFactor), thresh: opt.thresh, maxit: opt.maxit,
    ...limitsOnSolverScale(opt, design.scale, scaled?.ys ?? new Float64Array(K).fill(1)),
  };
  const solver: MultiSolver = family === "mgaussian" ? new MgaussianSolver(problem, scaled?.ys0) : grouped ? new GroupedMultinomialSolver(problem) : new MultinomialSolver(problem);
  const nullPerUnit = solver instanceof MgaussianSolver ? nullRss : 2 * (solver as MultinomialSolver).nullDev;
  const ys = scaled?.ys ?? new Float64Array(K).fill(1);
  const run = runMultiPath(solver, problem, opt, { design, ym, ys, family, names: x.names }, hooks);
  return {
    family, grouped, alpha: opt.alpha, features: x.names, classes,
    ...run,
    nullDeviance: sw * nullPerUnit,
    npasses: solver.passes,
    warnings: [...opt.notes, ...nothing, ...run.warnings],
    settings: {
      alpha: opt.alpha, standardize: opt.standardize, standardizeResponse, intercept: opt.intercept,
      penaltyFactor: Float64Array.from(opt.penaltyFactor, (v, j) => (opt.excluded[j] ? Infinity : v)),
      lowerLimits: opt.lowerLimits, upperLimits: opt.upperLimits, thresh: opt.thresh, maxit: opt.maxit, userLambda: opt.userLambda !== null,
    },
  };
}

/**
 * With no usable feature, the fit is the intercepts alone (the null model, as a single-response path's; a
 * drop refit of the one usable feature is one): at each given λ, or, on a default path, at its first λ
 * alone, reported as λ_max = 0 (runMultiPath stops there). Its warning.
 */
function nothingToFit(usable: Uint8Array, userLambda: boolean): string[] {
  if (usable.includes(1)) return [];
  if (!userLambda) return ["no usable feature (none given, or every one constant or excluded): the fit is the intercepts alone"];
  return ["no usable feature (every one constant or excluded): the fit is the intercepts alone at every λ"];
}

/**
 * The limits of every variable's K coefficients on the solver's scale, block-major (j·K + k): β̃_jk =
 * β_jk·s_j/σ_k, so limit·s_j/σ_k (σ_k the response's scale, 1 unless standardizeResponse), as glmnet scales
 * them; ±∞ stay so.
 */
function limitsOnSolverScale(opt: ResolvedOptions, scale: Float64Array, ys: Float64Array): Pick<MultiProblem, "lower" | "upper" | "limited"> {
  const p = scale.length, K = ys.length;
  const lower = new Float64Array(p * K), upper = new Float64Array(p * K);
  const onScale = (v: number, j: number, k: number): number => (Number.isFinite(v) ? (v * scale[j]) / ys[k] : v);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < K; k++) {
      lower[j * K + k] = onScale(opt.lowerLimits[j], j, k);
      upper[j * K + k] = onScale(opt.upperLimits[j], j, k);
    }
  }
  const limited = opt.lowerLimits.some(Number.isFinite) || opt.upperLimits.some(Number.isFinite);
  return { lower, upper, limited };
}

/** ỹ_k = √w(y_k − ȳ_k) (ȳ_k = 0 without an intercept), and the means ȳ_k. */
function centredResponses(y: Float64Array, n: number, K: number, w: Float64Array, intercept: boolean): { y: Float64Array; ym: Float64Array } {
  const out = new Float64Array(n * K), ym = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let m = 0;
    if (intercept) for (let i = 0; i < n; i++) m += w[i] * y[k * n + i];
    ym[k] = m;
    for (let i = 0; i < n; i++) out[k * n + i] = Math.sqrt(w[i]) * (y[k * n + i] - m);
  }
  return { y: out, ym };
}

/**
 * mgaussian's null deviance (sw·Σ_k‖ỹ_k‖²) must be a number: name the first response whose squares
 * overflow, as a single gaussian outcome too large to square is named; else the weights' sum is at fault.
 */
function refuseUnsquarable(yt: Float64Array, response: MultiResponse, nullRss: number, sw: number): void {
  if (Number.isFinite(sw * nullRss)) return;
  const K = response.classes.length, n = yt.length / K;
  for (let k = 0; k < K; k++) {
    if (Number.isFinite(sumOfSquares(yt.subarray(k * n, (k + 1) * n)))) continue;
    let big = 0;
    for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(response.y[k * n + i]));
    const name = response.classes[k];
    throw new DataError(`response "${name}" is too large to square (values up to ${big}): its residual sum of squares overflows; divide it by a power of ten and scale the coefficients back`, name);
  }
  throw new OptionError(`the weights (summing to ${sw}) times the responses' residual sum of squares overflow the null deviance: divide the weights by a power of ten, as only their ratios matter`, "weights");
}

/**
 * mgaussian with every response constant over the rows with weight: nothing to fit (glmnet's path is then
 * rounding noise, λ ≈ 1e-32), refused as gaussian refuses a constant outcome, each response named.
 */
function refuseConstantResponses(response: MultiResponse, w: Float64Array): void {
  const K = response.classes.length, n = w.length;
  const held: string[] = [];
  for (let k = 0; k < K; k++) {
    const v = constantOutcome(response.y.subarray(k * n, (k + 1) * n), w);
    if (v === null) return;
    held.push(`"${response.classes[k]}" = ${v}`);
  }
  const list = held.length === 1 ? held[0] : `${held.slice(0, -1).join(", ")} and ${held[held.length - 1]}`;
  const subject = K === 1 ? `response "${response.classes[0]}" has` : "every response has";
  throw new DataError(`${subject} zero variance: every row has ${list}, so there is nothing to fit`, response.classes[0]);
}

/** Σ_i v_i². */
function sumOfSquares(v: Float64Array): number {
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += v[i] * v[i];
  return ss;
}

/**
 * glmnet's standardize.response: ỹ_k (centred, or not without an intercept, and times √w) divided in place
 * by s_k = √(Σ_i w_i (y_ik − ȳ_k)²), the response's 1/n weighted standard deviation (about its mean even
 * without an intercept, as glmnet); ys0 the scaled responses' null residual sum of squares (K with an
 * intercept, as glmnet sets it). A response constant over the rows with weight has no scale: an error.
 */
function scaleResponses(y: Float64Array, response: MultiResponse, w: Float64Array, intercept: boolean): { ys: Float64Array; ys0: number } {
  const K = response.classes.length, n = w.length;
  const ys = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const col = response.y.subarray(k * n, (k + 1) * n);
    const s = weightedSdOf(col, w);
    if (isConstantWhereWeighted(col, w) || !(s > 0)) {
      const name = response.classes[k];
      throw new DataError(`response "${name}" is constant over the rows with weight: standardizeResponse cannot scale it (its standard deviation is 0); drop it or fit without standardizeResponse`, name);
    }
    ys[k] = s;
    for (let i = 0; i < n; i++) y[k * n + i] /= s;
  }
  return { ys, ys0: intercept ? K : sumOfSquares(y) };
}

/** √(Σ_i w_i (v_i − v̄)²) with v̄ = Σ_i w_i v_i (w summing to 1). */
function weightedSdOf(v: Float64Array, w: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += w[i] * v[i];
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += w[i] * (v[i] - m) ** 2;
  return Math.sqrt(ss);
}

/** Whether every row with weight holds the same value. */
function isConstantWhereWeighted(v: Float64Array, w: Float64Array): boolean {
  let first: number | null = null;
  for (let i = 0; i < v.length; i++) {
    if (!(w[i] > 0)) continue;
    if (first === null) first = v[i];
    else if (v[i] !== first) return false;
  }
  return true;
}

/** Why a multinomial fit may never converge when some variable is unpenalized: its coefficients may have no finite value. */
function unpenalizedHint(pr: MultiProblem, names: readonly string[]): string {
  const free = names.filter((_, j) => pr.usable[j] && pr.vp[j] === 0);
  if (free.length === 0) return "";
  const named = free.length <= 3 ? free.join(", ") : `${free.slice(0, 3).join(", ")} and ${free.length - 3} more`;
  return ` (unpenalized, ${named} may have no finite coefficients: where one separates a class from the others, its coefficients grow without end; give it a penalty factor above 0)`;
}

/** What the λ loop records. */
type Recorded = Pick<MultiPath, "lambda" | "intercept" | "beta" | "df" | "devRatio" | "warnings">;

/** The λ loop: glmnet's sequence, warm starts, the fits recorded on the data's scale, the early stop. */
function runMultiPath(
  solver: MultiSolver, pr: MultiProblem, opt: ResolvedOptions, scale: { design: StandardizedDesign; ym: Float64Array; ys: Float64Array; family: MultiFamilyName; names: readonly string[] },
  hooks: MultiPathHooks,
): Recorded {
  const { p, K } = pr;
  const user = opt.userLambda;
  const nlam = user ? user.length : opt.nlambda;
  const alf = user || nlam < 2 ? 1 : Math.pow(opt.lambdaMinRatio, 1 / (nlam - 1));
  const lambdas: number[] = [], intercepts: Float64Array[] = [], betas: Float64Array[] = [], df: number[] = [], dev: number[] = [];
  const warnings: string[] = [];
  // glmnet turns the change-based stop off (fdev = 0) when any coefficient limit is exactly 0.
  const fdev = opt.lowerLimits.includes(0) || opt.upperLimits.includes(0) ? 0 : SML;
  let lam = BIG, prev = 0;
  for (let m = 0; m < nlam; m++) {
    if (user && hooks.lambdaLimit && m >= hooks.lambdaLimit()) break;
    if (user) {
      prev = m === 0 ? 0 : user[m - 1];
      lam = user[m];
    } else if (m === 0) {
      lam = BIG;
    } else if (m === 1) {
      // No usable feature: the null model is the whole path (nothingToFit's warning says so).
      if (!pr.usable.includes(1)) break;
      prev = lambdaMaxOf(solver, pr);
      lam = alf * prev;
      hooks.onLambdas?.(defaultSequence(lam, alf, nlam));
    } else {
      prev = lam;
      lam *= alf;
    }
    // At the first λ of a default path (λ = ∞) only the unpenalized variables (v_j = 0) move.
    const outcome = solver.fit(lam, prev);
    if (outcome === "maxit") {
      warnings.push(`the fit did not converge within maxit = ${opt.maxit} passes at the ${ordinal(m + 1)} λ (${m === 0 && !user ? "λ = ∞, where only the unpenalized variables move" : lam.toPrecision(6)}): the path stops there${scale.family === "multinomial" ? unpenalizedHint(pr, scale.names) : ""}`);
      break;
    }
    // glmnet's grouped multinomial keeps no fit once every probability is at a bound; the ungrouped one keeps it, then stops.
    if (outcome === "saturated" && solver.screen === "norm") break;
    lambdas.push(m === 0 && !user ? NaN : lam);
    const { a0, beta } = onDataScale(solver, scale.design, scale.ym, scale.ys);
    // glmnet reports a multinomial's intercepts centred on the data's scale (getcoef.multinomial's center.intercept).
    if (scale.family === "multinomial") centre(a0);
    intercepts.push(a0);
    betas.push(beta);
    df.push(countDf(beta, p, K));
    dev.push(solver.devRatio());
    if (outcome === "saturated") break;
    if (user || m + 1 < MIN_LAMBDAS) continue;
    if (dfmaxCount(scale.family, beta, p, K) > opt.dfmax) break;
    if (dev[m] > DEV_MAX) break;
    if (stopsEarly(scale.family, dev[m], dev[m - 1], fdev)) break;
  }
  // An empty path is never a result (issue 21): the warning that stopped it becomes the error.
  if (lambdas.length === 0) throw new NoSolutionError(`no λ was fitted: ${warnings[warnings.length - 1] ?? "every class probability is at a bound at the 1st λ"}; raise maxit`, "maxit");
  // The first λ of a default path is reported as λ_max (glmnet: exp(2 log λ_2 − log λ_3)).
  if (!user && lambdas.length > 1) lambdas[0] = lambdas[1] / alf;
  if (!user && lambdas.length === 1) lambdas[0] = lambdaMaxOf(solver, pr);
  checkFinite(lambdas, dev, intercepts);
  return { lambda: Float64Array.from(lambdas), intercept: intercepts, beta: betas, df: Int32Array.from(df), devRatio: Float64Array.from(dev), warnings };
}

/** glmnet's default sequence from its second λ, computed as the path computes it (the first is λ_2/alf). */
function defaultSequence(second: number, alf: number, nlam: number): Float64Array {
  const out = new Float64Array(nlam);
  let lam = second;
  for (let m = 1; m < nlam; m++) {
    out[m] = lam;
    lam *= alf;
  }
  out[0] = second / alf;
  return out;
}

/**
 * Every recorded number must be a number: NaN or ±∞ would reach a person as NaN in a table or null in JSON
 * (issue 21's fuzzer: weights from 1e-300 to 1e300 leave a class with no weight to speak of).
 */
function checkFinite(lambdas: readonly number[], dev: readonly number[], intercepts: readonly Float64Array[]): void {
  for (let m = 0; m < lambdas.length; m++) {
    if (Number.isFinite(lambdas[m]) && Number.isFinite(dev[m]) && intercepts[m].every(Number.isFinite)) continue;
    const what = !Number.isFinite(lambdas[m]) ? "its λ" : !Number.isFinite(dev[m]) ? "its deviance ratio" : "an intercept";
    throw new DataError(`the fit at λ number ${m + 1} is not a number (${what}): the numbers overflow 64-bit arithmetic; bring the weights (only their ratios matter) and the features to a moderate scale, and check that every class carries weight`);
  }
}

/**
 * glmnet's early stop: multinomial when devRatio gains less than fdev (1e-5; 0 with a limit at 0) over
 * the last λ; mgaussian when the residual sum of squares falls by less than fdev of itself.
 */
function stopsEarly(family: MultiFamilyName, dev: number, devPrev: number, fdev: number): boolean {
  if (family === "multinomial") return dev - devPrev < fdev;
  return (dev - devPrev) < fdev * (1 - dev);
}

/** λ_max: the largest pull size over v_j at the null model, divided by α (by 0.001 when α < 0.001). */
function lambdaMaxOf(solver: MultiSolver, pr: MultiProblem): number {
  const { p, K, usable, vp, alpha } = pr;
  const g = new Float64Array(p * K), size = new Float64Array(p);
  solver.pulls(g);
  pullSizes(g, p, K, solver.screen, size);
  let m = 0;
  for (let j = 0; j < p; j++) if (usable[j] && vp[j] > 0) m = Math.max(m, size[j] / vp[j]);
  return m / Math.max(alpha, 1e-3);
}

/**
 * β_jk = σ_k β̃_jk/s_j and β0_k = ȳ_k + σ_k β̃0_k − Σ_j β_jk m_j, with beta class-major (k·p + j); σ_k the
 * response's scale (1 unless standardizeResponse).
 */
function onDataScale(solver: MultiSolver, design: StandardizedDesign, ym: Float64Array, ys: Float64Array): { a0: Float64Array; beta: Float64Array } {
  const { p, K } = solver;
  const beta = new Float64Array(K * p), a0 = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let a = ym[k] + ys[k] * solver.b0[k];
    for (let j = 0; j < p; j++) {
      const b = solver.beta[j * K + k];
      if (b === 0) continue;
      const v = (ys[k] * b) / design.scale[j];
      beta[k * p + j] = v;
      a -= v * design.mean[j];
    }
    a0[k] = a;
  }
  return { a0, beta };
}

/** v −= mean(v). */
function centre(v: Float64Array): void {
  let m = 0;
  for (const x of v) m += x / v.length;
  for (let k = 0; k < v.length; k++) v[k] -= m;
}

/**
 * What glmnet holds against dfmax: the multinomial counts the variables nonzero for some class (countDf),
 * mgaussian (multelnet2) those nonzero for the first response alone. They differ only where a limit holds
 * a variable's first coefficient at 0 while another response's moves (test/fixtures/multi/dfmax.R).
 */
function dfmaxCount(family: MultiFamilyName, beta: Float64Array, p: number, K: number): number {
  if (family === "multinomial") return countDf(beta, p, K);
  let count = 0;
  for (let j = 0; j < p; j++) if (beta[j] !== 0) count++;
  return count;
}

/** Variables with a nonzero coefficient for some class. */
function countDf(beta: Float64Array, p: number, K: number): number {
  let df = 0;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < K; k++) {
      if (beta[k * p + j] !== 0) {
        df++;
        break;
      }
    }
  }
  return df;
}
