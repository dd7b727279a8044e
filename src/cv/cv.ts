import { selectRows, type ModelMatrix } from "../data/matrix.js";
import { matrixRule } from "../data/matrix-rule.js";
import { OptionError } from "../errors.js";
import { Workspace, type WorkspacePool } from "../linalg/workspace.js";
import { checkFit, fitPath } from "../solve/path.js";
import { fitDesign, fitRows, type DesignMaker } from "../solve/fit.js";
import { viewFold, type FullCopy } from "../solve/fold-view.js";
import { foldsKeepGram, gramBounds, gramRoom, GramCache } from "../solve/gram-cache.js";
import { standardizeDesign, type StandardizedDesign } from "../solve/standardize.js";
import { familyOf } from "../model/families/index.js";
import type { Family } from "../model/family.js";
import { CvMemory, cvSolverDoubles, foldConstants, foldOrder, foldRows, foldUnstandardizable, refuseCopiedFoldRows, type FoldOrder } from "./copy.js";
import { predictValues } from "../solve/predict.js";
import { isConcave } from "../solve/ncv-path.js";
import { cvNcv } from "./ncv-cv.js";
import { adaptiveFactors, resolveAdaptive } from "./adaptive.js";
import type { FitOptions, Path } from "../solve/types.js";
import { inFold, ownFoldLambda, resolveFolds, splitFold } from "./folds.js";
import { checkMeasure, MEASURES, weightedAuc, type Measure } from "./measures.js";
import {
  booleanRule, checkOptions, checkOutcome, choiceRule, numberRule, numbersRule, numericArrayRule, type Schema,
} from "../data/arguments.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { checkMatrix } from "../data/matrix.js";
import { FIT_OPTIONS_SCHEMA, hasMultiFamily } from "../solve/arguments.js";
import { coxFoldDeviance, coxFoldErrors, survivalRows } from "./cox.js";
import type { CvCurve } from "./curve.js";
import { isShared } from "../linalg/shared.js";
import { checkGammas, chooseLambda, chooseRelaxed, DEFAULT_GAMMA, GLMNET_GAMMA_FLOOR, weightedMeanAndSe, type CvRelaxed } from "./choose.js";
import { cvMultiFamilyPath, type MultiCvOptions, type MultiCvResult, type MultiFamilyCvOptions } from "./multi-cv.js";
import type { ClassLabel } from "../solve/multi/fit.js";

/** cvPath's options: fitPath's, and the folds, their seed, the error measure and the relaxed blends. */
export interface CvOptions extends FitOptions {
  /** Number of folds (10); ignored when foldid is given. */
  nfolds?: number;
  /** Fold of each row, 1..K. */
  foldid?: ArrayLike<number>;
  /** Seed of the random fold assignment (1). */
  seed?: number;
  /** Loss: mse (gaussian default), mae, deviance (GLM default), class, auc (binomial). */
  measure?: Measure;
  /** Keep the out-of-fold linear predictors (fitPreval). */
  keep?: boolean;
  /** With relax: the blends γ·β + (1 − γ)·β_relaxed to cross-validate (0, 0.25, 0.5, 0.75, 1). */
  gamma?: readonly number[];
  /**
   * The λs each fold is fitted on when none are given: "full" (the default) the full data's sequence,
   * which is cv.glmnet given the full fit's λs; "own" each fold's own default sequence, predicted at the
   * full data's λs by interpolation, which is cv.glmnet called without λs (glmnet 3 and later).
   */
  foldLambda?: "full" | "own";
}

/** cvPath's options: fitPath's and those of the folds and the summary (the rules: data/arguments.ts). */
export const CV_OPTIONS_SCHEMA: Schema<CvOptions> = {
  ...FIT_OPTIONS_SCHEMA,
  nfolds: numberRule({ integer: true, min: 3 }),
  foldid: numericArrayRule,
  seed: numberRule({ integer: true }),
  measure: choiceRule(() => MEASURES),
  keep: booleanRule,
  gamma: numbersRule({ min: 0, max: 1 }, true),
  foldLambda: choiceRule(() => ["full", "own"]),
};

/** The checks of cross-validation's arguments before any fit (what: the function's name, for the message). */
export function checkCvArguments(what: string, x: unknown, y: unknown, options: unknown): asserts y is ArrayLike<number> {
  checkMatrix(what, x);
  // The options before y: the family (misspelt, say) decides what y should be.
  checkOptions(what, options, CV_OPTIONS_SCHEMA);
  checkOutcome(what, y, x.n);
}

export type { CvRelaxed };

/** A cross-validated path (cv.glmnet's result): cvm and cvsd per λ, λ_min and λ_1se, the folds. */
export interface CvResult extends CvCurve<Path, Measure> {
  readonly cvup: Float64Array;
  readonly cvlo: Float64Array;
  readonly foldid: Int32Array;
  /** Out-of-fold linear predictors, one array per λ (with keep). */
  readonly fitPreval?: Float64Array[];
  /** With relax: the errors of each blend and the (λ, γ) chosen. */
  readonly relaxed?: CvRelaxed;
}

/** One fold's fit: linear predictors of its held-out rows at every λ of the full path. */
export interface FoldFit {
  readonly fold: number;
  /** Held-out rows, in order. */
  readonly rows: Int32Array;
  /** eta[l][t]: prediction for rows[t] at the l-th λ (a fold path cut short repeats its last λ). */
  readonly eta: Float64Array[];
  /** With relax: the same for the relaxed fit (γ = 0). */
  readonly etaRelaxed?: Float64Array[];
  /** Cox: the fold's grouped deviance at each λ (dev on all rows − dev on its training rows, cv/cox.ts). */
  readonly coxDeviance?: Float64Array;
  /**
   * Relaxed Cox: the fold's linear predictors on every row at each λ, penalized and relaxed, from which each
   * blend's own grouped deviance is computed (the deviance is not linear in η, so the blends' cannot be mixed).
   */
  readonly coxEtaAll?: { readonly penalized: Float64Array[]; readonly relaxed: Float64Array[] };
  readonly warnings: readonly string[];
}

/** How a fold is fitted beyond its options (see fitFold). */
export interface FoldHooks {
  /** Fit the fold on its own default λ sequence (foldLambda "own"), not on the full data's. */
  readonly ownLambda?: boolean;
  /** The full path's length once known: a fold on the full data's λs stops there (parallel folds). */
  readonly lambdaLimit?: () => number;
  /** Where the fold's fit takes its memory (a worker's folds share one). */
  readonly workspaces?: WorkspacePool;
  /** Fit the fold as a view of the full data's standardized copy (see fitFull), its solver in `workspace`. */
  readonly copy?: { readonly full: FullCopy; readonly folds: FoldOrder; readonly workspace: Workspace };
}

/** One fold of a cross-validation: the data, the options, the full data's λs and which fold is held out. */
export interface FoldTask {
  readonly x: ModelMatrix;
  readonly y: ArrayLike<number>;
  readonly options: FitOptions;
  /** The full data's λ sequence. */
  readonly lambda: Float64Array;
  readonly foldid: ArrayLike<number>;
  /** The fold held out, 1..K. */
  readonly fold: number;
}

/**
 * Fit the model without the fold and predict its held-out rows at the full data's λs, as cv.glmnet
 * does for each fold: on the full data's λ sequence itself (the default, as cv.glmnet given that
 * sequence), or, with `ownLambda` or relax, on the fold's own default sequence, predicting at the full
 * data's λs by interpolation (as cv.glmnet called without λs). `lambdaLimit` (parallel folds started
 * before the full-data path ended) cuts a fold on the full data's λs at the full path's length once
 * known; predictions then cover at least that many λs.
 */
export function fitFold(task: FoldTask, hooks: FoldHooks = {}): FoldFit {
  const path = fitFoldPath(task, hooks);
  const { lambda } = task;
  const count = Math.min(lambda.length, hooks.lambdaLimit ? hooks.lambdaLimit() : lambda.length);
  return foldPredictions(task, path, { count, ownLambda: hooks.ownLambda === true });
}

/**
 * The path of the fold's fit (fitFold's first half): what a worker thread without X computes, x then
 * being read for its names alone when the fold views the copy. A relaxed fold copies its rows (its refits
 * read x's columns); any other views the full data's copy, or is standardized from the rows of x.
 */
export function fitFoldPath(task: FoldTask, hooks: FoldHooks = {}): Path {
  const { x, y, options, lambda, foldid, fold: k } = task;
  const { lambdaLimit, workspaces, copy } = hooks;
  const own = options.relax || hooks.ownLambda === true;
  const { train: trainInOrder, test } = splitFold(foldid, k);
  // A fold viewing the copy takes its rows in the copy's order (each fold's rows together).
  const viewed = copy !== undefined && !options.relax;
  const train = viewed ? foldRows(copy.folds, k) : trainInOrder;
  return inFold(k, test.length, () => {
    const trainOptions = rowsOf(options, train);
    if (options.relax) {
      // The copy's fit would name a row by its place among the fold's rows: refused first, as the data give it.
      refuseCopiedFoldRows(x, train, options);
      return fitPath(selectRows(x, train), pick(y, train)!, trainOptions);
    }
    const fitOptions = own ? trainOptions : { ...trainOptions, lambda };
    // A fold's path is read for its predictions alone (its gaps and deviance ratios are not computed).
    const progress = { lambdaLimit: own ? undefined : lambdaLimit, forPredictions: true };
    if (viewed) {
      const place = { fold: k, start: copy.folds.start[k], end: copy.folds.start[k + 1] };
      const design: DesignMaker = (w, sw, how) => viewFold(copy.full, place, w, sw, how, copy.workspace);
      // With the full data's Gram columns kept, the fold's covariance updates read them (gram-cache.ts).
      const updates = copy.full.gram ? "covariance" : fitOptions.updates;
      return fitDesign(pick(y, train)!, { ...fitOptions, updates }, { design, names: x.names, progress });
    }
    // Standardized straight from the rows of x into a copy of its own, its memory lent by the pool.
    return fitRows(x, train, pick(y, train)!, fitOptions, { ...progress, workspaces });
  });
}

/** The fold's held-out linear predictors at the full data's first `count` λs, from its path (fitFold's second half). */
export function foldPredictions(task: FoldTask, path: Path, at: { readonly count: number; readonly ownLambda: boolean }): FoldFit {
  const { x, options, lambda, foldid, fold: k } = task;
  const own = options.relax || at.ownLambda;
  const { test } = splitFold(foldid, k);
  const offset = pick(options.offset, test);
  // A fold with λs of its own predicts at the full data's by interpolation (lambda.interp, through coef).
  const interpolated = (rows: ModelMatrix, off: ArrayLike<number> | undefined, gamma: number) =>
    Array.from({ length: at.count }, (_, l) => predictValues(path, rows, lambda[l], { type: "link", offset: off, gamma }));
  const etaAll = (gamma: number) => own ? interpolated(x, options.offset, gamma) : foldEtaAll(path, x, at.count, options.offset);
  let xt: ModelMatrix | null = null;
  // The held-out rows, copied once.
  const held = (gamma: number) => interpolated((xt ??= selectRows(x, test)), offset, gamma);
  return {
    fold: k, rows: test,
    eta: own ? held(1) : pathPredictions(path, x, test, at.count, offset),
    etaRelaxed: options.relax ? held(0) : undefined,
    // A Cox fold's deviance reads its fit on every row, at the same λs as its held-out rows.
    ...(options.survival ? coxFoldParts(task, test, etaAll) : {}),
    warnings: path.warnings.map((w) => `fold ${k}: ${w}`),
  };
}

/**
 * A Cox fold's grouped deviance at each λ (cv/cox.ts), and with relax its linear predictors on every row,
 * penalized (γ = 1) and relaxed (γ = 0), for each blend's own deviance (summarizeCv).
 */
function coxFoldParts(task: FoldTask, test: Int32Array, etaAll: (gamma: number) => Float64Array[]): Pick<FoldFit, "coxDeviance" | "coxEtaAll"> {
  const penalized = etaAll(1);
  const coxDeviance = coxFoldDeviance(task.y, task.options, test, penalized);
  return task.options.relax ? { coxDeviance, coxEtaAll: { penalized, relaxed: etaAll(0) } } : { coxDeviance };
}

/** The fold's linear predictors on every row of x at its first `count` λs (a Cox fold's deviance reads them all). */
function foldEtaAll(path: Path, x: ModelMatrix, count: number, offset: ArrayLike<number> | undefined): Float64Array[] {
  return pathPredictions(path, x, Int32Array.from({ length: x.n }, (_, i) => i), count, offset);
}

/** The options of rows `rows`: their weights, offset and survival outcome. */
function rowsOf(options: FitOptions, rows: Int32Array): FitOptions {
  const survival = options.survival && survivalRows(options.survival, rows);
  return { ...options, weights: pick(options.weights, rows), offset: pick(options.offset, rows), survival };
}

/** The values of v at rows `rows` (undefined stays undefined). */
function pick<T extends ArrayLike<number>>(v: T | undefined, rows: Int32Array): number[] | undefined {
  return v ? Array.from(rows, (i) => v[i]) : undefined;
}

/** The full-data fit of a cross-validation whose folds view its standardized copy. */
export interface FullFit {
  readonly x: ModelMatrix;
  readonly y: ArrayLike<number>;
  readonly options: FitOptions;
  readonly folds: FoldOrder;
  readonly memory: CvMemory;
  /** Called once the λ sequence is known, with the copy the folds view. */
  readonly onLambdas?: (lambda: Float64Array, full: FullCopy) => void;
}

/**
 * The full-data path of a cross-validation whose folds view its standardized copy: x's rows taken in
 * the folds' order and standardized into `memory`'s copy (the same path as fitPath's, its sums taken in
 * another order). The data are checked first in their own order, so that errors name the rows as given.
 */
export function fitFull(task: FullFit): { path: Path; full: FullCopy } {
  const { x, y, options, folds, memory, onLambdas } = task;
  checkFit(x, y, options);
  const { order } = folds;
  let full: FullCopy | null = null;
  const ordered = rowsOf(options, order);
  const leastSquares = familyOf(options.family ?? "gaussian").solver === "least-squares";
  const bounds = foldsKeepGram(leastSquares, options.updates, x.n, x.p) ? gramBounds(folds.start.subarray(1), x.p, gramRoom(x.n, x.p)) : null;
  const gram = bounds ? GramCache.create(x.p, bounds, isShared(memory.copy.buffer)) : undefined;
  const design: DesignMaker = (w, weightSum, how) => {
    const d: StandardizedDesign = standardizeDesign(x, w, how, order, memory.workspace(0), memory.copy);
    full = { x: memory.copy, n: d.n, p: d.p, mean: d.mean, scale: d.scale, usable: d.usable, weightSum, constantIn: foldConstants(x, folds), gram,
      unstandardizable: foldUnstandardizable(x, folds, options.weights, how) };
    return d;
  };
  const progress = { onLambdas: onLambdas && ((lambda: Float64Array) => onLambdas(lambda, full!)) };
  const path = fitDesign(pick(y, order)!, ordered, { design, names: x.names, progress });
  return { path, full: full! };
}

/**
 * Linear predictors η_l = β0_l + offset + Σ_j β_lj·x_j of rows `rows` of x at the path's first `count`
 * λs (a path cut short repeats its last, as cv.glmnet pads): predict's numbers, summed in the same
 * column order, but column by column over every λ at once, so that each column's rows are read once.
 */
export function pathPredictions(path: Path, x: ModelMatrix, rows: Int32Array, count: number, offset?: ArrayLike<number>): Float64Array[] {
  if (path.lambda.length === 0) throw new OptionError("the path has no fitted λ", "lambda");
  const m = rows.length;
  const at = (l: number) => Math.min(l, path.lambda.length - 1);
  // λ l's predictions at [l·m, (l+1)·m) of one array, where the kernels' axpy reaches them (WebAssembly SIMD
  // when they are many: the same expression e + b·x per row as a loop).
  const ws = Workspace.create(m * (count + 1) + 8);
  const eta = ws.f64(m * count);
  for (let l = 0; l < count; l++) {
    const e = eta.subarray(l * m, (l + 1) * m);
    e.fill(path.intercept[at(l)]);
    if (offset) for (let t = 0; t < m; t++) e[t] += offset[t];
  }
  const { start, step, value } = coefficientsByColumn(path, x.p, count, at);
  const column = ws.f64(m);
  for (let j = 0; j < x.p; j++) {
    if (start[j] === start[j + 1]) continue;
    for (let t = 0; t < m; t++) column[t] = x.data[j * x.n + rows[t]];
    for (let s = start[j]; s < start[j + 1]; s++) ws.kernels.axpy(m, value[s], column, 0, eta, step[s] * m);
  }
  return Array.from({ length: count }, (_, l) => eta.slice(l * m, (l + 1) * m));
}

/** The nonzero β_lj of the first `count` λs grouped by column j (a CSC layout): for column j, entries start[j]..start[j+1]. */
function coefficientsByColumn(path: Path, p: number, count: number, at: (l: number) => number): { start: Int32Array; step: Int32Array; value: Float64Array } {
  const start = new Int32Array(p + 1);
  for (let l = 0; l < count; l++) {
    const { index, value } = path.beta[at(l)];
    for (let t = 0; t < index.length; t++) if (value[t] !== 0) start[index[t] + 1]++;
  }
  for (let j = 0; j < p; j++) start[j + 1] += start[j];
  const next = start.slice(0, p);
  const step = new Int32Array(start[p]);
  const value = new Float64Array(start[p]);
  for (let l = 0; l < count; l++) {
    const beta = path.beta[at(l)];
    for (let t = 0; t < beta.index.length; t++) {
      if (beta.value[t] === 0) continue;
      const s = next[beta.index[t]]++;
      step[s] = l;
      value[s] = beta.value[t];
    }
  }
  return { start, step, value };
}

/** The adaptive lasso's path: factors from a first cross-validated fit (adaptive.ts), then fitPath with them. */
export function fitAdaptive(x: ModelMatrix, y: ArrayLike<number>, options: CvOptions): Path {
  checkArguments("fitAdaptive", { x, y, options }, { x: matrixRule, y: numericArrayRule, options: optionsRule(CV_OPTIONS_SCHEMA) });
  const factors = adaptiveFactors(x, y, options, cvPath);
  const path = fitPath(x, y, { ...options, adaptive: undefined, penaltyFactor: factors });
  return { ...path, adaptive: { ...resolveAdaptive(options.adaptive), penaltyFactor: factors } };
}

/**
 * Cross-validate the elastic-net path (cv.glmnet): folds fitted in turn, then summarised. With family
 * "multinomial" (y the class labels) or "mgaussian" (y the responses), cvMultiPath.
 */
export function cvPath(x: ModelMatrix, labels: ArrayLike<ClassLabel>, options: MultiCvOptions & { readonly family: "multinomial" }): MultiCvResult;
export function cvPath(x: ModelMatrix, y: readonly ArrayLike<number>[], options: MultiCvOptions & { readonly family: "mgaussian" }): MultiCvResult;
// Last, so that Parameters<typeof cvPath> and ReturnType<typeof cvPath> are the single-response CV's.
export function cvPath(x: ModelMatrix, y: ArrayLike<number>, options?: CvOptions): CvResult;
export function cvPath(x: ModelMatrix, y: unknown, options: CvOptions | MultiFamilyCvOptions = {}): CvResult | MultiCvResult {
  if (hasMultiFamily(options)) return cvMultiFamilyPath("cvPath", x, y, options);
  checkCvArguments("cvPath", x, y, options);
  if (isConcave(options)) return cvNcv(x, y, options);
  if (options.adaptive) {
    const factors = adaptiveFactors(x, y, options, cvPath);
    const res = cvPath(x, y, { ...options, adaptive: undefined, penaltyFactor: factors });
    return { ...res, path: { ...res.path, adaptive: { ...resolveAdaptive(options.adaptive), penaltyFactor: factors } } };
  }
  const { foldid, nfolds, fitOptions, ownLambda } = planCv(x, options);
  const folds: FoldFit[] = [];
  if (fitOptions.relax) {
    // Relaxed folds copy their rows; every fit, one after another, takes this thread's memory from the last.
    const path = fitPath(x, y, fitOptions);
    for (let k = 1; k <= nfolds; k++) folds.push(fitFold({ x, y, options: fitOptions, lambda: path.lambda, foldid, fold: k }, { ownLambda }));
    return summarizeCv(path, y, options, foldid, nfolds, folds);
  }
  // One standardized copy of X, in the folds' row order, for the full-data fit and every fold.
  const order = foldOrder(foldid, nfolds);
  const memory = CvMemory.create(x.n, x.p, 1, false, cvSolverDoubles(x.n, x.p, fitOptions, nfolds));
  try {
    const { path, full } = fitFull({ x, y, options: fitOptions, folds: order, memory });
    for (let k = 1; k <= nfolds; k++) {
      const task = { x, y, options: fitOptions, lambda: path.lambda, foldid, fold: k };
      folds.push(fitFold(task, { ownLambda, copy: { full, folds: order, workspace: memory.workspace(0) } }));
    }
    return summarizeCv(path, y, options, foldid, nfolds, folds);
  } finally {
    memory.release();
  }
}

/** The folds and the options of every fit, checked: the part of cross-validation settled before any fit. */
export function planCv(x: ModelMatrix, options: CvOptions): { foldid: Int32Array; nfolds: number; fitOptions: FitOptions; ownLambda: boolean } {
  const { nfolds: _n, foldid: _f, seed: _s, measure, keep: _k, gamma: _g, foldLambda, ...fitOptions } = options;
  const family = familyOf(options.family ?? "gaussian");
  checkMeasure(measure ?? family.defaultMeasure, family);
  const ownLambda = ownFoldLambda(options);
  const folds = resolveFolds(x.n, options);
  return { foldid: folds.foldid, nfolds: folds.nfolds, fitOptions, ownLambda };
}

/** The full-data path and the folds: the part of cross-validation done once, before the fold fits. */
export function prepareCv(x: ModelMatrix, y: ArrayLike<number>, options: CvOptions): ReturnType<typeof planCv> & { path: Path } {
  const plan = planCv(x, options);
  return { ...plan, path: fitPath(x, y, plan.fitOptions) };
}

/**
 * cv.glmnet's summary: per-observation errors grouped by fold (weighted means), cvm their weighted
 * mean, cvsd the standard error across folds; λ_min the largest λ at the minimum cvm, λ_1se the
 * largest λ whose cvm is within one cvsd of it.
 */
export function summarizeCv(
  path: Path, y: ArrayLike<number>, options: CvOptions, foldid: Int32Array, nfolds: number, folds: readonly FoldFit[],
): CvResult {
  const n = y.length;
  const family = familyOf(path.family);
  const warnings = folds.flatMap((f) => f.warnings);
  let measure = checkMeasure(options.measure ?? family.defaultMeasure, family);
  if (measure === "auc" && n / nfolds < 10) {
    warnings.push(`too few rows per fold (${(n / nfolds).toFixed(1)} < 10) for AUC: deviance is used instead, as cv.glmnet does`);
    measure = "deviance";
  }
  let grouped = true;
  if (measure !== "auc" && n / nfolds < 3) {
    warnings.push(`fewer than 3 rows per fold: errors are summarised per observation (grouped = FALSE), as cv.glmnet does`);
    grouped = false;
  }
  // Only the weights' ratios matter: scaled by the largest, so that weights near 1e300 do not overflow the sums.
  const w = options.weights ? scaledToLargest(options.weights) : new Float64Array(n).fill(1);
  const L = path.lambda.length;
  const gather = (pick: (f: FoldFit) => Float64Array[]) => {
    const eta = Array.from({ length: L }, () => new Float64Array(n));
    for (const f of folds) {
      const e = pick(f);
      for (let l = 0; l < L; l++) f.rows.forEach((i, t) => (eta[l][i] = e[l][t]));
    }
    return eta;
  };
  const eta = gather((f) => f.eta);
  // γ: the blend γ·β + (1 − γ)·β_relaxed whose errors these are (1: the penalized fit); a Cox blend's
  // deviance is its own, from its linear predictors on every row of each fold's fit.
  const stats = (eta: Float64Array[], gamma: number) => options.survival
    ? coxStats({ measure: measure as "deviance" | "C", y, options, foldid, nfolds, eta, devianceRaw: gamma === 1 || measure !== "deviance" ? byFold(folds, nfolds) : blendedCoxDeviance(folds, nfolds, y, options, gamma) })
    : cvStats({ measure, family, y, w, foldid, nfolds, grouped, folds, eta });
  const { cvm, cvsd } = stats(eta, 1);
  // AUC and Harrell's C: larger is better.
  const larger = measure === "auc" || measure === "C";
  const { indexMin, index1se } = chooseLambda(cvm, cvsd, larger);
  return {
    path, measure, lambda: path.lambda, cvm, cvsd,
    cvup: cvm.map((m, l) => m + cvsd[l]),
    cvlo: cvm.map((m, l) => m - cvsd[l]),
    nzero: path.df, lambdaMin: path.lambda[indexMin], lambda1se: path.lambda[index1se], indexMin, index1se, foldid,
    fitPreval: options.keep ? eta : undefined,
    relaxed: options.relax ? cvRelaxed(path.lambda, eta, gather((f) => f.etaRelaxed!), options.gamma ?? DEFAULT_GAMMA, stats, larger) : undefined,
    warnings,
  };
}

/** w / max(w): the same ratios, every sum of weighted errors kept in range. */
function scaledToLargest(weights: ArrayLike<number>): Float64Array {
  let big = 0;
  for (let i = 0; i < weights.length; i++) big = Math.max(big, weights[i]);
  return Float64Array.from(weights, (v) => (big > 0 ? v / big : v));
}

/** The folds' Cox deviances, at fold k − 1. */
function byFold(folds: readonly FoldFit[], nfolds: number): (Float64Array | undefined)[] {
  const out: (Float64Array | undefined)[] = new Array(nfolds).fill(undefined);
  for (const f of folds) out[f.fold - 1] = f.coxDeviance;
  return out;
}

/**
 * Each fold's Cox deviance (coxFoldDeviance) of the blend γ·β + (1 − γ)·β_relaxed, from the fold's linear
 * predictors on every row blended the same way: cv.glmnet's buildPredmat reads each γ's blended coefficients.
 */
function blendedCoxDeviance(folds: readonly FoldFit[], nfolds: number, y: ArrayLike<number>, options: CvOptions, gamma: number): (Float64Array | undefined)[] {
  const out: (Float64Array | undefined)[] = new Array(nfolds).fill(undefined);
  for (const f of folds) {
    const { penalized, relaxed } = f.coxEtaAll!;
    const blended = penalized.map((e, l) => e.map((v, i) => gamma * v + (1 - gamma) * relaxed[l][i]));
    out[f.fold - 1] = coxFoldDeviance(y, options, f.rows, blended);
  }
  return out;
}

/** cv.coxnet's cvm and cvsd: the folds' errors (cv/cox.ts), their weighted mean and its standard error. */
function coxStats(c: Parameters<typeof coxFoldErrors>[0]): { cvm: Float64Array; cvsd: Float64Array } {
  const { err, gw } = coxFoldErrors(c);
  const cvm = new Float64Array(err.length);
  const cvsd = new Float64Array(err.length);
  err.forEach((e, l) => {
    const { mean, se } = weightedMeanAndSe(e, gw);
    cvm[l] = mean;
    cvsd[l] = se;
  });
  return { cvm, cvsd };
}

/** What cvStats summarises: the measure, the data and the folds' out-of-fold linear predictors eta[λ][row]. */
interface ErrorSummary {
  readonly measure: Measure;
  readonly family: Family;
  readonly y: ArrayLike<number>;
  readonly w: Float64Array;
  readonly foldid: Int32Array;
  readonly nfolds: number;
  /** Errors averaged per fold (false: per observation, cv.glmnet's grouped = FALSE). */
  readonly grouped: boolean;
  readonly folds: readonly FoldFit[];
  readonly eta: Float64Array[];
}

/**
 * cvm and cvsd at every λ from out-of-fold linear predictors: per-observation errors averaged within
 * each group (a fold, or one observation when ungrouped; AUC is computed per fold), then the weighted
 * mean of the groups and its standard error.
 */
function cvStats(c: ErrorSummary): { cvm: Float64Array; cvsd: Float64Array } {
  const { measure, family, y, w, foldid, nfolds, grouped, folds, eta } = c;
  const n = y.length;
  const L = eta.length;
  const groups = grouped || measure === "auc" ? nfolds : n;
  const gw = new Float64Array(groups);
  const err = Array.from({ length: L }, () => new Float64Array(groups));
  if (measure === "auc") {
    for (const f of folds) {
      const rows = Array.from(f.rows);
      gw[f.fold - 1] = rows.reduce((s, i) => s + w[i], 0);
      for (let l = 0; l < L; l++) {
        err[l][f.fold - 1] = weightedAuc(rows.map((i) => y[i]), rows.map((i) => eta[l][i]), rows.map((i) => w[i]));
      }
    }
  } else if (grouped) {
    for (let i = 0; i < n; i++) gw[foldid[i] - 1] += w[i];
    for (let l = 0; l < L; l++) {
      const e = err[l];
      for (let i = 0; i < n; i++) e[foldid[i] - 1] += w[i] * family.pointError(measure, y[i], eta[l][i]);
      for (let g = 0; g < groups; g++) e[g] /= gw[g];
    }
  } else {
    gw.set(w);
    for (let l = 0; l < L; l++) for (let i = 0; i < n; i++) err[l][i] = family.pointError(measure, y[i], eta[l][i]);
  }
  const cvm = new Float64Array(L);
  const cvsd = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const { mean, se } = weightedMeanAndSe(err[l], gw);
    cvm[l] = mean;
    cvsd[l] = se;
  }
  return { cvm, cvsd };
}

/**
 * Errors of each blend γ·β + (1 − γ)·β_relaxed (its predictions blend the same way, γ at least
 * GLMNET_GAMMA_FLOOR), and cv.glmnet's choice over all (γ, λ): the minimum, ties to the largest λ then
 * the largest γ; the 1se pair is the largest λ (then γ) whose error is within one standard error of that minimum.
 */
function cvRelaxed(
  lambda: Float64Array, eta: Float64Array[], etaRelaxed: Float64Array[], gamma: readonly number[],
  stats: (e: Float64Array[], gamma: number) => { cvm: Float64Array; cvsd: Float64Array }, larger: boolean,
): CvRelaxed {
  checkGammas(gamma);
  const blend = (g: number) => eta.map((e, l) => e.map((v, i) => g * v + (1 - g) * etaRelaxed[l][i]));
  const per = gamma.map((g) => {
    const floored = Math.max(g, GLMNET_GAMMA_FLOOR);
    return stats(blend(floored), floored);
  });
  return chooseRelaxed(lambda, gamma, per, larger);
}
