/**
 * Binomial and Poisson paths from a source by penalized IRLS, each Newton step one aggregation pass in
 * the engine (irls-pass.ts): at the current linear predictor η the engine sums the working weights'
 * Gram over the strong set and the pulls of every column, with the deviance; coordinate descent then
 * solves the quadratic model on those |S|×|S| numbers. Warm-started along λ; the sequential strong rule
 * limits the columns whose products are aggregated, and the KKT check over the pulls of every column
 * adds any it wrongly left out. Features are standardized by the weighted means and standard deviations
 * of the model's rows, as glmnet does. A model's path is a generator of the points it needs a pass at,
 * so that several models (the folds of a cross-validation) share each pass (glm-cv.ts).
 */
import { DataError, OptionError } from "../errors.js";
import { familyOf } from "../model/families/index.js";
import type { Family } from "../model/family.js";
import { resolveOptions, type ResolvedOptions } from "../solve/options.js";
import { solverPenalty } from "../solve/problem.js";
import type { Moments } from "../solve/moments.js";
import type { FitOptions, Path, SparseCoefficients } from "../solve/types.js";
import type { Penalty } from "../model/penalty.js";
import { sourceMoments } from "./fit.js";
import type { Engine, SourceStats } from "./scan.js";
import { passOf, rawPasses, type ModelPoint, type Pass } from "./irls-pass.js";
import { checkArguments, optionsRule, optional, functionRule } from "../data/arguments.js";
import { FIT_OPTIONS_SCHEMA } from "../solve/arguments.js";
import { statsRule, engineRule } from "./arguments.js";

/** glmnet's early stop of a default path: devRatio above this, or its gain below SML (the family's rule). */
const DEV_MAX = 0.999;
const SML = 1e-5;
/** Newton steps per λ at most, and the change (in √H_jj units) at which a step counts as converged. */
const MAX_NEWTON = 50;
const NEWTON_TOL = 1e-9;

/**
 * Coordinate descent on the quadratic model at the pass's point: minimise over b0 and β_S
 * −g0·Δ0 − Σ g_j·Δ_j + ½·ΔᵀHΔ + λ·pen(β), Δ the change from the point. Returns the largest change.
 */
function solveQuadratic(pass: Pass, S: number[], b: { b0: number; beta: Float64Array }, penalty: Penalty, lambda: number): number {
  const m = S.length;
  const delta = new Float64Array(m);
  let delta0 = 0;
  let largest = 0;
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    const q0 = -pass.g0 + pass.h00 * delta0 + S.reduce((s, _, a) => s + pass.h0[a] * delta[a], 0);
    const step0 = q0 / pass.h00;
    delta0 -= step0;
    b.b0 -= step0;
    change = Math.max(change, Math.abs(step0) * Math.sqrt(pass.h00));
    for (let a = 0; a < m; a++) {
      const j = S[a];
      const hjj = pass.h[a * m + a];
      if (!(hjj > 0)) continue;
      let q = -pass.g[j] + pass.h0[a] * delta0;
      for (let c = 0; c < m; c++) q += pass.h[a * m + c] * delta[c];
      const next = penalty.prox(j, hjj * b.beta[j] - q, hjj, lambda);
      const step = next - b.beta[j];
      if (step === 0) continue;
      b.beta[j] = next;
      delta[a] += step;
      change = Math.max(change, Math.abs(step) * Math.sqrt(hjj));
    }
    largest = Math.max(largest, change);
    if (change < 1e-13) break;
  }
  return largest;
}

/** What a model's path is fitted from besides its passes: its family, penalty, standardization and λs. */
export interface GlmSetup {
  readonly family: Family;
  readonly penalty: Penalty;
  readonly usable: Uint8Array;
  readonly centre: Float64Array;
  readonly scale: Float64Array;
  /** The intercept of the model without features: the log-odds or the log of the weighted mean. */
  readonly b0: number;
  /** Given λs (each solved, never stopped early), or null for the default sequence. */
  readonly userLambda: Float64Array | null;
  readonly nlambda: number;
  readonly lambdaMinRatio: number;
  readonly dfmax: number;
  /** The options as resolved for these rows. */
  readonly options: ResolvedOptions;
}

/** The path as recorded along the λs (on the data's scale), and the held-out error at each. */
export interface GlmSteps {
  readonly lambda: number[];
  readonly a0: number[];
  readonly beta: SparseCoefficients[];
  readonly df: number[];
  readonly devRatio: number[];
  /** The pass's held-out error at each recorded λ (0 when the pass had no held-out rows). */
  readonly heldOut: number[];
  readonly nullDev: number;
  readonly passes: number;
}

/** What a pass answers a model: its pass on its training rows, and the error sum on its held-out rows. */
export interface PassAnswer {
  readonly pass: Pass;
  readonly heldOut: number;
}

/** The setup of a model on rows with moments m (all rows, or a fold's training rows). */
export function glmSetup(family: Family, m: Moments, options: FitOptions, rowsName = "the source"): GlmSetup {
  const p = m.names.length;
  const opt = resolveOptions(options, m.n, m.names);
  const usable = Uint8Array.from({ length: p }, (_, j) => (!opt.excluded[j] && m.xx[j * p + j] > 0 ? 1 : 0));
  const scale = Float64Array.from({ length: p }, (_, j) => (opt.standardize && usable[j] ? Math.sqrt(m.xx[j * p + j]) : 1));
  const ybar = m.yMean;
  if (family.name === "binomial" && !(ybar > 0 && ybar < 1)) throw new DataError(`the ${m.n} rows of ${rowsName} hold one class of the binomial target only; a model needs both`);
  if (family.name === "poisson" && !(ybar > 0)) throw new DataError(`the Poisson target is 0 in all ${m.n} rows of ${rowsName}; a model needs a positive count`);
  return {
    family, usable, scale, centre: Float64Array.from(m.xMean), penalty: solverPenalty(opt, scale, 1),
    b0: family.name === "binomial" ? Math.log(ybar / (1 - ybar)) : Math.log(ybar),
    userLambda: opt.userLambda, nlambda: opt.nlambda, lambdaMinRatio: opt.lambdaMinRatio, dfmax: opt.dfmax, options: opt,
  };
}

/**
 * A model's path by penalized IRLS, as a generator: it yields each point it needs a pass at and is
 * answered with that pass. At each λ: Newton steps on the strong set until the largest change is below
 * NEWTON_TOL, then a pass at the solution whose pulls check KKT on every column (any violator joins
 * the strong set and the steps resume). The last pass at each λ is at the recorded solution.
 */
export function* glmPath(s: GlmSetup): Generator<ModelPoint, GlmSteps, PassAnswer> {
  const { penalty, usable, centre, scale } = s;
  const p = usable.length;
  const b = { b0: s.b0, beta: new Float64Array(p) };
  let passes = 0;
  const at = (S: number[]): ModelPoint => (passes++, { b0: b.b0, beta: Float64Array.from(b.beta), centre, scale, S });
  let answer = yield at([]);
  let answeredS: number[] = [];
  const nullDev = answer.pass.dev;
  const user = s.userLambda;
  const nlam = user ? user.length : s.nlambda;
  const lambdaMax = penalty.lambdaMax(answer.pass.g, usable);
  const ratio = user || nlam < 2 ? 1 : Math.pow(s.lambdaMinRatio, 1 / (nlam - 1));
  const out = { lambda: [] as number[], a0: [] as number[], beta: [] as SparseCoefficients[], df: [] as number[], devRatio: [] as number[], heldOut: [] as number[] };
  const active = new Uint8Array(p);
  let prev = lambdaMax;
  for (let m = 0; m < nlam; m++) {
    const lambda = user ? user[m] : m === 0 ? lambdaMax : lambdaMax * Math.pow(ratio, m);
    if (!user && m === 0) {
      record(out, b, s, lambda, 0, answer.heldOut);
      continue;
    }
    const strong = new Uint8Array(p);
    for (let j = 0; j < p; j++) if (usable[j] && (active[j] || Math.abs(answer.pass.g[j]) >= penalty.strongThreshold(j, lambda, prev))) strong[j] = 1;
    for (;;) {
      const S = [...strong.keys()].filter((j) => strong[j]);
      for (let step = 0; step < MAX_NEWTON; step++) {
        // The last pass (the previous λ's KKT check) is at this very point: reused when its set S is this one.
        if (step > 0 || !sameSet(answeredS, S)) [answer, answeredS] = [yield at(S), S];
        if (solveQuadratic(answer.pass, S, b, penalty, lambda) < NEWTON_TOL) break;
      }
      [answer, answeredS] = [yield at(S), S];
      let added = false;
      for (let j = 0; j < p; j++) if (usable[j] && !strong[j] && penalty.subdiffDistance(j, answer.pass.g[j], 0, lambda) > 0) strong[j] = 1, added = true;
      if (!added) break;
    }
    for (let j = 0; j < p; j++) if (b.beta[j] !== 0) active[j] = 1;
    record(out, b, s, lambda, 1 - answer.pass.dev / nullDev, answer.heldOut);
    prev = lambda;
    if (user || m + 1 < 5) continue;
    if (out.df[out.df.length - 1] > s.dfmax) break;
    if (out.devRatio[out.devRatio.length - 1] > DEV_MAX || s.family.earlyStop(out.devRatio, SML)) break;
  }
  return { ...out, nullDev, passes };
}

/** A model's solution at one λ from glmAt: on its standardized scale, with the last pass at it. */
export interface GlmSolution {
  readonly b0: number;
  readonly beta: Float64Array;
  /** The pass at the solution (its deviance and pulls, per unit weight) and the held-out error there. */
  readonly answer: PassAnswer;
}

/**
 * A model at one λ by IRLS from a start point (another fit's solution, on this model's standardized
 * scale): Newton steps on the start's nonzeros and the unpenalized columns until the largest change is
 * below NEWTON_TOL, then the KKT check over every column as glmPath does it (violators join, the steps
 * resume). The last pass is at the solution.
 */
export function* glmAt(s: GlmSetup, start: { readonly b0: number; readonly beta: Float64Array }, lambda: number): Generator<ModelPoint, GlmSolution, PassAnswer> {
  const { penalty, usable, centre, scale } = s;
  const p = usable.length;
  const b = { b0: start.b0, beta: Float64Array.from(start.beta, (v, j) => (usable[j] ? v : 0)) };
  const strong = Uint8Array.from(b.beta, (v, j) => (usable[j] && (v !== 0 || s.options.penaltyFactor[j] === 0) ? 1 : 0));
  const at = (S: number[]): ModelPoint => ({ b0: b.b0, beta: Float64Array.from(b.beta), centre, scale, S });
  for (;;) {
    const S = [...strong.keys()].filter((j) => strong[j]);
    for (let step = 0; step < MAX_NEWTON; step++) {
      if (solveQuadratic((yield at(S)).pass, S, b, penalty, lambda) < NEWTON_TOL) break;
    }
    const answer = yield at(S);
    let added = false;
    for (let j = 0; j < p; j++) if (usable[j] && !strong[j] && penalty.subdiffDistance(j, answer.pass.g[j], 0, lambda) > 0) strong[j] = 1, added = true;
    if (!added) return { b0: b.b0, beta: b.beta, answer };
  }
}

/** A solution on the data's scale (a0, β) as a model's standardized point: b̃0 = a0 + Σ β_j·c_j, β̃_j = β_j·s_j. */
export function standardizedStart(setup: GlmSetup, a0: number, beta: ArrayLike<number>): { b0: number; beta: Float64Array } {
  let b0 = a0;
  for (let j = 0; j < beta.length; j++) b0 += beta[j] * setup.centre[j];
  return { b0, beta: Float64Array.from(beta, (v, j) => v * setup.scale[j]) };
}

/** A model's standardized solution on the data's scale: β_j = β̃_j/s_j and a0 = b̃0 − Σ β_j·c_j. */
export function onDataScale(setup: GlmSetup, b0: number, beta: Float64Array): { a0: number; beta: Float64Array } {
  const out = Float64Array.from(beta, (v, j) => (v === 0 ? 0 : v / setup.scale[j]));
  return { a0: out.reduce((a, v, j) => a - v * setup.centre[j], b0), beta: out };
}

/** Whether two sorted sets of columns are the same. */
function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The checks of a binomial or Poisson fit from a source: the options it honours, the target's range. */
export function checkGlmSource(stats: SourceStats, options: FitOptions): Family {
  const family = familyOf(options.family ?? "gaussian");
  if (family.solver !== "irls") throw new OptionError(`a source fits binomial or Poisson by IRLS, not ${family.name}`, "family");
  for (const key of ["weights", "offset", "relax", "lowerLimits", "upperLimits"] as const) {
    if (options[key] !== undefined && options[key] !== false) throw new OptionError(`${key} is not supported for a ${family.name} fit from a source`, key);
  }
  if (options.intercept === false) throw new OptionError(`a ${family.name} fit from a source has an intercept`, "intercept");
  const [lo, hi] = stats.targetRange;
  if (family.name === "binomial" && !(lo === 0 && hi === 1)) throw new DataError(`a binomial target from a source must hold 0 and 1 (numbers); it ranges from ${lo} to ${hi}`);
  if (family.name === "poisson" && lo < 0) throw new DataError(`a Poisson target counts, so it must be ≥ 0; its smallest value is ${lo}`);
  return family;
}

/**
 * The path of a binomial or Poisson model from the source the stats were scanned from (all rows).
 * `onProgress` hears each pass before it runs (each is a scan of the source: progress for long scans).
 */
export async function fitGlmFromSource(engine: Engine, stats: SourceStats, options: FitOptions, onProgress?: (message: string) => void): Promise<Path> {
  checkArguments("fitGlmFromSource", { engine, stats, options, onProgress }, { engine: engineRule, stats: statsRule, options: optionsRule(FIT_OPTIONS_SCHEMA), onProgress: optional(functionRule) });
  const family = checkGlmSource(stats, options);
  const moments = sourceMoments(stats);
  const setup = glmSetup(family, moments, options);
  const plan = { family, measure: null, centre: moments.xMean, group: null };
  const W = stats.total.weightSum;
  const steps = glmPath(setup);
  let next = steps.next(undefined as never);
  for (let pass = 1; !next.done; pass++) {
    const point = next.value;
    onProgress?.(`fitting by IRLS: pass ${pass} over the source`);
    const sums = (await rawPasses(engine, stats, plan, [point])).get("all")![0];
    next = steps.next({ pass: passOf(sums, point, plan.centre, W), heldOut: 0 });
  }
  return glmPathOf(next.value, setup, stats.names, W);
}

/** The Path of a model's recorded steps (nullDeviance on the weights' scale, as fitPath reports it). */
export function glmPathOf(steps: GlmSteps, setup: GlmSetup, names: readonly string[], W: number): Path {
  const { family, options: opt } = setup;
  return {
    family: family.name, alpha: opt.alpha, features: [...names], positiveClass: null,
    lambda: Float64Array.from(steps.lambda), intercept: Float64Array.from(steps.a0), beta: steps.beta,
    df: Int32Array.from(steps.df), devRatio: Float64Array.from(steps.devRatio), nullDeviance: steps.nullDev * W,
    npasses: steps.passes, hasOffset: false, warnings: [],
    settings: {
      family: family.name, alpha: opt.alpha, standardize: opt.standardize, intercept: true,
      penaltyFactor: Float64Array.from(opt.penaltyFactor, (v, j) => (opt.excluded[j] ? Infinity : v)),
      lowerLimits: opt.lowerLimits, upperLimits: opt.upperLimits, thresh: opt.thresh, maxit: opt.maxit, userLambda: setup.userLambda !== null,
    },
  };
}

type Recorded = { lambda: number[]; a0: number[]; beta: SparseCoefficients[]; df: number[]; devRatio: number[]; heldOut: number[] };

/** Record a λ's fit on the data's scale: β_j = β̃_j/s_j and b0 = b̃0 − Σ β_j·c_j. */
function record(out: Recorded, b: { b0: number; beta: Float64Array }, s: GlmSetup, lambda: number, devRatio: number, heldOut: number): void {
  const index: number[] = [];
  const value: number[] = [];
  let a0 = b.b0;
  b.beta.forEach((v, j) => {
    if (v === 0) return;
    index.push(j);
    value.push(v / s.scale[j]);
    a0 -= (v / s.scale[j]) * s.centre[j];
  });
  out.lambda.push(lambda);
  out.a0.push(a0);
  out.beta.push({ index: Int32Array.from(index), value: Float64Array.from(value) });
  out.df.push(index.length);
  out.devRatio.push(devRatio);
  out.heldOut.push(heldOut);
}
