import type { ModelMatrix } from "../data/matrix.js";
import { DataError, NoSolutionError, OptionError } from "../errors.js";
import { threadWorkspaces, type Workspace } from "../linalg/workspace.js";
import type { Family } from "../model/family.js";
import type { Penalty } from "../model/penalty.js";
import { checkGamma, defaultGamma, penaltyOf } from "../model/penalties/index.js";
import { checkFit } from "./checks.js";
import { gaussianScale } from "./problem.js";
import { ncvNullScore } from "./ncv-null.js";
import { ncvGaussian, ncvGlm, ncvLogistic, type NcvData, type NcvResult } from "./ncv.js";
import type { ResolvedOptions } from "./options.js";
import type { FitOptions, Path, PenaltyChoice, SparseCoefficients } from "./types.js";

/** True when the options ask for ncvreg's path (MCP or SCAD); an unknown penalty is an error. */
export function isConcave(o: FitOptions): boolean {
  const name = o.penalty ?? "lasso";
  if (name !== "lasso" && name !== "mcp" && name !== "scad") {
    throw new OptionError(`penalty must be lasso, mcp or scad, got ${JSON.stringify(name)}`, "penalty");
  }
  return name !== "lasso";
}

/** What ncvreg's path needs beyond the common options: its penalty, λ_min ratio, eps and max.iter. */
interface NcvOptions {
  readonly opt: ResolvedOptions;
  readonly name: "mcp" | "scad";
  readonly gamma: number;
  readonly eps: number;
  readonly maxIter: number;
}

/** ncvreg's options: what it has no equivalent of is refused by name, rather than ignored. */
function resolveNcv(x: ModelMatrix, y: ArrayLike<number>, o: FitOptions): NcvOptions {
  const name = o.penalty as "mcp" | "scad";
  const refuse = (option: string, why: string) => {
    throw new OptionError(`${option} is not available with penalty ${name}: ${why}`, option);
  };
  if (o.weights !== undefined) refuse("weights", "ncvreg fits unweighted rows");
  if (o.offset !== undefined) refuse("offset", "ncvreg has no offset");
  if (o.lowerLimits !== undefined || o.upperLimits !== undefined) refuse(o.lowerLimits !== undefined ? "lowerLimits" : "upperLimits", "ncvreg has no coefficient limits");
  if (o.standardize === false) refuse("standardize", "ncvreg always standardizes the features");
  if (o.intercept === false) refuse("intercept", "ncvreg always fits an intercept");
  if (o.relax) refuse("relax", "the relaxed fit is the elastic net's");
  if (o.gapTol !== undefined) refuse("gapTol", "a duality gap needs a convex problem");
  const opt = checkFit(x, y, { ...o, penalty: undefined, penaltyGamma: undefined });
  if (opt.family.solver !== "least-squares" && opt.family.solver !== "irls") refuse("family", `ncvreg fits gaussian, binomial and poisson, not ${opt.family.name}`);
  // The outcome's scale is checked as the elastic net's path checks it (an overflowing deviance is refused).
  if (opt.family.solver === "least-squares") gaussianScale(Float64Array.from(y), opt, new Float64Array(x.n).fill(1));
  if (!(opt.alpha > 0)) throw new OptionError(`alpha must be greater than 0 for ${name} (ncvreg's ridge part needs some of the penalty); choose a small positive number instead`, "alpha");
  if (opt.penaltyFactor.every((v, j) => v === 0 || opt.excluded[j])) {
    throw new OptionError(`every penaltyFactor is 0, so ${name} penalizes nothing; keep at least one positive`, "penaltyFactor");
  }
  if (!opt.userLambda && opt.nlambda < 2) throw new OptionError(`nlambda must be at least 2 for ${name}, got ${opt.nlambda}`, "nlambda");
  const eps = o.thresh ?? 1e-4;
  const maxIter = o.maxit ?? 10000;
  return { opt, name, gamma: checkGamma(name, o.penaltyGamma ?? defaultGamma(name), "penaltyGamma"), eps, maxIter };
}

/**
 * ncvreg's std: each usable column centred and scaled to 1/n variance; a column with sd ≤ 1e-6 is left out.
 * `into` (n·p zeros, a workspace's view for the kernels) receives x̃; a new array by default.
 */
export function ncvStandardize(x: ModelMatrix, excluded: Uint8Array, into?: Float64Array): { data: Float64Array; mean: Float64Array; scale: Float64Array; usable: Uint8Array } {
  const { n, p } = x;
  const data = into ?? new Float64Array(n * p), mean = new Float64Array(p), scale = new Float64Array(p).fill(1), usable = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    if (excluded[j]) continue;
    const o = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += x.data[o + i];
    m /= n;
    const sd = ncvSd(x.data, o, n, m);
    if (!(sd > 1e-6)) continue;
    usable[j] = 1;
    mean[j] = m;
    scale[j] = sd;
    for (let i = 0; i < n; i++) data[o + i] = (x.data[o + i] - m) / sd;
  }
  return { data, mean, scale, usable };
}

/**
 * √(Σ (v_i − m)²/n) over one column, summed directly as ncvreg does; when the squares overflow (a column
 * near 1e300), as M·√(Σ ((v_i − m)/M)²/n) with M = max |v_i − m|: an infinite sd would pass the 1e-6 test
 * and scale the column to zeros, its β̃ = β·∞ NaN.
 */
function ncvSd(v: Float64Array, offset: number, n: number, m: number): number {
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[offset + i] - m) ** 2;
  if (ss < Infinity) return Math.sqrt(ss / n);
  let big = 0;
  for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(v[offset + i] - m));
  if (!Number.isFinite(big)) return big;
  let u = 0;
  for (let i = 0; i < n; i++) u += ((v[offset + i] - m) / big) ** 2;
  return big * Math.sqrt(u / n);
}

/**
 * ncvreg's default λs: λ_max from the null model's pulls x̃_jᵀs/n (over the penalized columns), down to
 * ratio·λ_max, log-spaced as R's seq; with unpenalized columns the first λ is raised by a factor 1.000001.
 */
export function ncvLambda(d: NcvData, how: LambdaSetup): Float64Array {
  const { family, penalty, nlambda, ratio, unpenalized } = how;
  const g = new Float64Array(d.p);
  const score = ncvNullScore({ n: d.n, x: d.x, y: d.y, unpenalized }, family);
  for (let j = 0; j < d.p; j++) {
    if (!d.usable[j]) continue;
    let s = 0;
    for (let i = 0; i < d.n; i++) s += d.x[j * d.n + i] * score[i];
    g[j] = s / d.n;
  }
  const lambdaMax = penalty.lambdaMax(g, d.usable);
  // λ_max is the largest pull over α: an α so small it overflows leaves no path to fit (issue 21's fuzzer: α = 9.4e-323).
  if (!Number.isFinite(lambdaMax)) throw new OptionError("alpha is too small: λ_max, the largest pull over alpha, overflows; choose alpha of at least 1e-6", "alpha");
  // No penalized column pulls on the null model (every x̃_jᵀs is 0): the path is that model alone, at λ = 0, as
  // the elastic net's (the log-spaced λs from 0 would be NaN).
  if (lambdaMax === 0) return Float64Array.of(0);
  const from = Math.log(lambdaMax), to = Math.log(ratio) + from;
  const by = (to - from) / (nlambda - 1);
  const lam = Float64Array.from({ length: nlambda }, (_, k) => Math.exp(k === 0 ? from : k === nlambda - 1 ? to : from + k * by));
  if (unpenalized.length > 0) lam[0] *= 1.000001;
  return lam;
}

/** What ncvLambda needs beyond the data: the model, the penalty, how many λs down to which ratio, and U. */
export interface LambdaSetup {
  readonly family: Family;
  readonly penalty: Penalty;
  readonly nlambda: number;
  readonly ratio: number;
  /** The usable columns with penalty factor 0 (in the model from the first λ, unshrunk). */
  readonly unpenalized: readonly number[];
}

/**
 * The MCP or SCAD path as ncvreg 3.16 fits it: minimise ½·deviance/n + Σ_j pen_j(β̃_j) on the
 * standardized features for a decreasing λ sequence (ncv.ts), reported on the data's scale.
 */
export function fitNcvPath(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions): Path {
  const resolved = resolveNcv(x, y, options);
  // x̃ and the solver's n-vectors live in a workspace lent for the fit (the kernels run on its views).
  const workspace = threadWorkspaces.take(ncvRoom(x.n, x.p));
  try {
    return fitNcvIn(x, y, options, resolved, workspace);
  } finally {
    threadWorkspaces.release(workspace);
  }
}

/** The workspace's room for ncvreg's path: x̃ and at most eight n-vectors (and alignment). */
function ncvRoom(n: number, p: number): number {
  return n * p + 8 * (n + 2) + 2;
}

function fitNcvIn(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, resolved: NcvOptions, workspace: Workspace): Path {
  const { opt, name, gamma, eps, maxIter } = resolved;
  const std = ncvStandardize(x, opt.excluded, workspace.f64(x.n * x.p));
  const n = x.n, yy = Float64Array.from(y);
  const gaussian = opt.family.solver === "least-squares";
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += yy[i] / n;
  const binary = opt.family.link === "logit" && yy.every((v) => v === 0 || v === 1);
  const d: NcvData = { n, p: x.p, x: std.data, workspace, usable: std.usable, y: gaussian ? Float64Array.from(yy, (v) => v - ybar) : yy, binary };
  const vp = Float64Array.from(opt.penaltyFactor, (v, j) => (opt.excluded[j] ? 1 : v));
  const penalty = penaltyOf(name, { alpha: opt.alpha, vp, lower: new Float64Array(x.p).fill(-Infinity), upper: new Float64Array(x.p).fill(Infinity), gamma });
  let used = 0;
  for (const u of std.usable) used += u;
  // ncvreg leaves out every column with sd ≤ 1e-6: with none left, λ_max is 0 and there is no path to fit.
  if (used === 0) throw new DataError(`every feature has a standard deviation ≤ 1e-6, which ${name} leaves out (as ncvreg does): there is nothing to fit; multiply tiny features by a power of ten, or use the lasso`, x.names[0]);
  const ratio = options.lambdaMinRatio ?? (n > used ? 0.001 : 0.05);
  const unpenalized: number[] = [];
  for (let j = 0; j < x.p; j++) if (std.usable[j] && vp[j] === 0) unpenalized.push(j);
  const lam = opt.userLambda ?? ncvLambda(d, { family: opt.family, penalty, nlambda: opt.nlambda, ratio, unpenalized });
  const mean = opt.family.link === "logit" ? ncvLogistic : undefined;
  // As ncvreg: with unpenalized columns the first λ is fitted too (they are not 0 there).
  const user = opt.userLambda !== null || unpenalized.length > 0;
  const settings = { family: opt.family, penalty, eps, maxIter, dfmax: opt.dfmax, user, mean };
  const res = gaussian ? ncvGaussian(d, settings, lam) : ncvGlm(d, settings, lam);
  return ncvReport(x, yy, { workspace, opt, res, lam, std, ybar, name, gamma, eps, maxIter, positiveClass: options.positiveClass ?? null });
}

interface Report {
  readonly workspace: Workspace;
  readonly opt: ResolvedOptions;
  readonly res: NcvResult;
  readonly lam: Float64Array;
  readonly std: ReturnType<typeof ncvStandardize>;
  readonly ybar: number;
  readonly name: PenaltyChoice;
  readonly gamma: number;
  readonly eps: number;
  readonly maxIter: number;
  readonly positiveClass: string | null;
}

/** The fitted λs on the data's scale: β_j = β̃_j/s_j, β0 = a − Σ β_j·m_j, with the deviance explained. */
function ncvReport(x: ModelMatrix, y: Float64Array, r: Report): Path {
  const { opt, res, std } = r;
  const { n, p } = x;
  const fam: Family = opt.family;
  const gaussian = fam.solver === "least-squares";
  let nullDev = 0;
  for (let i = 0; i < n; i++) nullDev += fam.unitDeviance(y[i], r.ybar);
  const unit = ratioDeviance(fam, y, r.ybar);
  let nullRatioDev = 0;
  for (let i = 0; i < n; i++) nullRatioDev += unit(y[i], r.ybar);
  const beta: SparseCoefficients[] = [], intercept: number[] = [], df: number[] = [], devRatio: number[] = [];
  const eta = r.workspace.f64(n);
  for (let l = 0; l < res.fitted; l++) {
    const idx: number[] = [], val: number[] = [];
    let a0 = gaussian ? r.ybar : res.b0[l];
    eta.fill(gaussian ? r.ybar : res.b0[l]);
    for (let j = 0; j < p; j++) {
      const bt = res.beta[l * p + j];
      if (bt === 0) continue;
      const b = bt / std.scale[j];
      idx.push(j);
      val.push(b);
      a0 -= b * std.mean[j];
      r.workspace.kernels.axpy(n, bt, std.data, j * n, eta, 0);
    }
    let dev = 0;
    for (let i = 0; i < n; i++) dev += unit(y[i], fam.mean(eta[i]));
    beta.push({ index: Int32Array.from(idx), value: Float64Array.from(val) });
    intercept.push(a0);
    df.push(idx.length);
    devRatio.push(1 - dev / nullRatioDev);
  }
  if (res.fitted === 0) throw unfitted(r);
  const warnings = [...fam.dataWarnings(y, opt.weights, r.positiveClass), ...opt.notes];
  if (!opt.userLambda && r.lam.length === 1 && r.lam[0] === 0) warnings.push("no penalized variable has any pull on the outcome: the path is the null model alone");
  if (res.saturated) warnings.push(`the model saturated at λ = ${r.lam[res.fitted]}: the path stops there, as ncvreg's does`);
  if (res.maxIterReached) warnings.push(`maxit (${r.maxIter}) passes reached: the path is cut or not converged; raise maxit`);
  let npasses = 0;
  for (let l = 0; l < res.fitted; l++) npasses += res.iter[l];
  return {
    family: fam.name, alpha: opt.alpha, features: [...x.names], positiveClass: r.positiveClass,
    lambda: r.lam.slice(0, res.fitted), intercept: Float64Array.from(intercept), beta, df: Int32Array.from(df),
    devRatio: Float64Array.from(devRatio), nullDeviance: nullDev, npasses, hasOffset: false, warnings,
    settings: {
      family: fam.name, alpha: opt.alpha, standardize: true, intercept: true,
      penaltyFactor: Float64Array.from(opt.penaltyFactor, (v, j) => (opt.excluded[j] ? Infinity : v)),
      lowerLimits: new Float64Array(p).fill(-Infinity), upperLimits: new Float64Array(p).fill(Infinity),
      thresh: r.eps, maxit: r.maxIter, userLambda: opt.userLambda !== null,
    },
    penalty: r.name, gamma: r.gamma,
  };
}

/**
 * The unit deviance the deviance ratio is summed with: the family's, but for gaussian the squared residual
 * over the largest |y − ȳ|, the same ratio without the squares underflowing (an outcome near 1e-228 has a
 * null deviance of 0, and 0/0 a NaN ratio) or overflowing.
 */
function ratioDeviance(fam: Family, y: Float64Array, ybar: number): (y: number, mu: number) => number {
  if (fam.solver !== "least-squares") return fam.unitDeviance;
  let big = 0;
  for (const v of y) big = Math.max(big, Math.abs(v - ybar));
  return big > 0 && Number.isFinite(big) ? (v, mu) => ((v - mu) / big) ** 2 : fam.unitDeviance;
}

/** An ncvreg path that stopped before its first λ (it fits that λ when given or with unpenalized columns): never an empty path. */
function unfitted(r: Report): NoSolutionError {
  const at = `the 1st λ (λ = ${r.lam[0]})`;
  if (r.res.saturated) return new NoSolutionError(`no λ was fitted: the model saturates already at ${at}: nearly all the deviance is explained there, and ncvreg's path stops; give larger λs`, "lambda");
  return new NoSolutionError(`no λ was fitted: maxit = ${r.maxIter} passes ran out at ${at}; raise maxit`, "maxit");
}
