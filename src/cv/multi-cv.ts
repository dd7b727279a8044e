import { gatherRows } from "../data/gather.js";
import { selectRows, type ModelMatrix } from "../data/matrix.js";
import { matrixRule } from "../data/matrix-rule.js";
import { OptionError } from "../errors.js";
import { multiFamilyOf } from "../model/families/multi.js";
import type { MultiFamily, MultiFamilyName, MultiMeasure } from "../model/multi-family.js";
import { fitMgaussianPath, fitMultinomialPath, mgaussianResponse, multinomialResponse, MULTI_OUTCOME_RULES, sortedClasses, type ClassLabel } from "../solve/multi/fit.js";
import type { MultiResponse } from "../solve/multi/path.js";
import { multiRoom } from "../solve/multi/solver.js";
import { CvMemory, foldOrder, refuseCopiedFoldRows } from "./copy.js";
import { fitMultiFold, fitMultiFull, multiFoldJob } from "./multi-folds.js";
import { predictMulti } from "../solve/multi/predict.js";
import type { MultiFitOptions, MultiPath } from "../solve/multi/types.js";
import { checkGammas, chooseLambda, chooseRelaxed, DEFAULT_GAMMA, GLMNET_GAMMA_FLOOR, weightedMeanAndSe, type CvRelaxed } from "./choose.js";
import { inFold, ownFoldLambda, resolveFolds, splitFold } from "./folds.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { MULTI_CV_OPTIONS_SCHEMA, multiOutcomeRule } from "./arguments.js";
import type { CvCurve } from "./curve.js";

/** Cross-validation options of a multi-response fit (as cvPath's). */
export interface MultiCvOptions extends MultiFitOptions {
  nfolds?: number;
  foldid?: ArrayLike<number>;
  seed?: number;
  /** multinomial: deviance (default), class, mse, mae; mgaussian: mse (default), mae. */
  measure?: MultiMeasure;
  /** mgaussian: the responses' names. */
  responses?: readonly string[];
  /**
   * The λs each fold is fitted on when none are given: "full" (the default) the full data's, which is
   * cv.glmnet given the full fit's λs; "own" each fold's own default sequence, its held-out rows predicted
   * at the full data's λs by interpolation (clamped to the fold's ends), which is cv.glmnet called without λs.
   */
  foldLambda?: "full" | "own";
  /** With relax: the blends γ·β + (1 − γ)·β_relaxed to cross-validate (0, 0.25, 0.5, 0.75, 1). */
  gamma?: readonly number[];
}

/** A cross-validated multi-response path: cvm and cvsd per λ, λ_min and λ_1se, the folds. */
export interface MultiCvResult extends CvCurve<MultiPath, MultiMeasure> {
  readonly foldid: Int32Array;
  /** With relax: the errors of each blend and the (λ, γ) chosen (cvm and cvsd above are γ = 1's). */
  readonly relaxed?: CvRelaxed;
}

/** The outcome of a multi-response cross-validation: class labels (multinomial) or K response columns (mgaussian). */
export type MultiOutcome =
  | { readonly family: "multinomial"; readonly labels: ArrayLike<ClassLabel> }
  | { readonly family: "mgaussian"; readonly y: readonly ArrayLike<number>[] };

/** cvPath's options for a multi-response family: cvMultiPath's, and the family's name. */
export type MultiFamilyCvOptions = MultiCvOptions & { readonly family: MultiFamilyName };

/**
 * cvPath's y and options for a multi-response family as cvMultiPath's outcome and options: y the class
 * labels (multinomial) or the responses (mgaussian), checked as the family's fit checks them.
 */
export function multiOutcomeOf(what: string, y: unknown, options: MultiFamilyCvOptions): { outcome: MultiOutcome; options: MultiCvOptions } {
  const { family, ...rest } = options;
  checkArguments(what, { y }, { y: MULTI_OUTCOME_RULES[family] });
  const outcome: MultiOutcome = family === "multinomial" ? { family, labels: y as ArrayLike<ClassLabel> } : { family, y: y as readonly ArrayLike<number>[] };
  return { outcome, options: rest };
}

/** The measure, checked against the family's. */
export function checkMultiMeasure(measure: string | undefined, family: "multinomial" | "mgaussian"): MultiMeasure {
  const fam = multiFamilyOf(family);
  const m = measure ?? fam.defaultMeasure;
  if (!(fam.measures as readonly string[]).includes(m)) {
    throw new OptionError(`measure "${m}" is not one of ${family}'s: ${fam.measures.join(", ")}`, "measure");
  }
  return m as MultiMeasure;
}

/**
 * What a multi-response cross-validation fits, checked once: the measure, the folds, the responses
 * (indicators of the full data's classes, or the K responses) in the rows' own order, and whether every
 * fold can view the full data's standardized copy (multinomial: every class has two training rows with
 * weight in every fold; otherwise that fold leaves the class out and copies its rows).
 */
export interface MultiCvPlan {
  readonly measure: MultiMeasure;
  readonly foldid: Int32Array;
  readonly nfolds: number;
  readonly response: MultiResponse;
  readonly fitOptions: MultiFitOptions;
  readonly viewable: boolean;
  /** Each fold fitted on its own default λ sequence (foldLambda "own" without given λs). */
  readonly ownLambda: boolean;
  readonly warnings: readonly string[];
}

export function planMultiCv(x: ModelMatrix, outcome: MultiOutcome, options: MultiCvOptions): MultiCvPlan {
  const { nfolds: _n, foldid: _f, seed: _s, measure: m, responses, foldLambda, gamma: _g, ...fitOptions } = options;
  const measure = checkMultiMeasure(m, outcome.family);
  // A relaxed cross-validation's folds fit (and relax) their own λs, as cv.glmnet's with relax.
  const ownLambda = ownFoldLambda(options) || options.relax === true;
  const folds = resolveFolds(x.n, options);
  if (outcome.family === "mgaussian") {
    const response = mgaussianResponse(x.n, outcome.y, responses);
    return { measure, foldid: folds.foldid, nfolds: folds.nfolds, response, fitOptions, viewable: true, ownLambda, warnings: [] };
  }
  const { response, warnings } = multinomialResponse(x.n, outcome.labels, undefined, fitOptions.weights);
  const viewable = everyFoldHasEveryClass(response, folds.foldid, folds.nfolds, fitOptions.weights);
  return { measure, foldid: folds.foldid, nfolds: folds.nfolds, response, fitOptions, viewable, ownLambda, warnings };
}

/** The λs a fold is fitted on: the full path's, or none (its own default sequence) with ownLambda. */
export function foldLambdaOf(plan: Pick<MultiCvPlan, "ownLambda">, lambda: Float64Array): Float64Array | undefined {
  return plan.ownLambda ? undefined : lambda;
}

/** Whether every fold's training rows hold at least two rows, with weight, of every class. */
function everyFoldHasEveryClass(response: MultiResponse, foldid: Int32Array, nfolds: number, w: ArrayLike<number> | undefined): boolean {
  const n = foldid.length, K = response.classes.length;
  const rows = new Float64Array(K), weight = new Float64Array(K);
  const foldRows = new Float64Array((nfolds + 1) * K), foldWeight = new Float64Array((nfolds + 1) * K);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      if (response.y[k * n + i] === 0) continue;
      const wi = w ? w[i] : 1;
      rows[k]++;
      weight[k] += wi;
      foldRows[foldid[i] * K + k]++;
      foldWeight[foldid[i] * K + k] += wi;
    }
  }
  for (let f = 1; f <= nfolds; f++) {
    for (let k = 0; k < K; k++) if (rows[k] - foldRows[f * K + k] < 2 || !(weight[k] - foldWeight[f * K + k] > 0)) return false;
  }
  return true;
}

/**
 * cv.glmnet for multinomial and mgaussian: every fold fitted on the full data's λ sequence without its
 * rows, its held-out rows predicted at every λ; errors (cv.multnet's, cv.mrelnet's) averaged per fold,
 * cvm their weighted mean and cvsd its standard error; λ_min and λ_1se as cv.glmnet picks them. The
 * full-data fit standardizes X once, its rows in the folds' order, and every fold fits as a view of
 * that copy (multi-folds.ts). A class with fewer than two rows among a fold's training rows is left out
 * of that fold's fit (its probability there is 0), with a warning naming the class and the fold.
 */
export function cvMultiPath(x: ModelMatrix, outcome: MultiOutcome, options: MultiCvOptions = {}): MultiCvResult {
  return cvMultiPathAs("cvMultiPath", x, outcome, options);
}

/** cvPath's multi-response families: cvMultiPath of the class labels or the responses, errors naming `what`. */
export function cvMultiFamilyPath(what: string, x: ModelMatrix, y: unknown, options: MultiFamilyCvOptions): MultiCvResult {
  const multi = multiOutcomeOf(what, y, options);
  return cvMultiPathAs(what, x, multi.outcome, multi.options);
}

/** cvMultiPath, its argument errors naming `what` (the function the person called). */
function cvMultiPathAs(what: string, x: ModelMatrix, outcome: MultiOutcome, options: MultiCvOptions): MultiCvResult {
  checkArguments(what, { x, outcome, options }, { x: matrixRule, outcome: multiOutcomeRule, options: optionsRule(MULTI_CV_OPTIONS_SCHEMA) });
  const plan = planMultiCv(x, outcome, options);
  if (plan.fitOptions.relax) return cvMultiRelaxed(x, outcome, plan, options.gamma ?? DEFAULT_GAMMA);
  const K = plan.response.classes.length;
  const order = foldOrder(plan.foldid, plan.nfolds);
  const memory = CvMemory.create(x.n, x.p, 1, false, multiRoom(x.n, x.p, K));
  try {
    const { path, full } = fitMultiFull(x, plan, order, memory);
    const job = multiFoldJob(x, plan);
    const warnings: string[] = [...plan.warnings];
    if (!plan.viewable) {
      const folds = Array.from({ length: plan.nfolds }, (_, k) => fitFoldCopied(x, outcome, plan, path.lambda, k + 1, warnings));
      return summarizeMultiCv(x, plan, path, folds, warnings);
    }
    // Each fold's held-out errors as soon as it is fitted, its path then let go.
    const errors = new MultiCvErrors(x, plan, path, warnings);
    for (let k = 1; k <= plan.nfolds; k++) {
      const fold = fitMultiFold(job, path.lambda, k, { full, folds: order, workspace: memory.workspace(0) });
      errors.add({ fold: k, path: fold, map: identityMap(K) });
    }
    return errors.summary();
  } finally {
    memory.release();
  }
}

/**
 * cv.glmnet(relax = TRUE) of a multi-response fit: the full path and every fold's relaxed (each fold on
 * its own λs, its rows copied), then for each γ the held-out errors of the blend max(γ, 1e-5)·β +
 * (1 − ·)·β_relaxed (glmnet's blend.relaxed floor) at the full data's λs, interpolated, and the (λ, γ)
 * chosen over all blends. cvm and cvsd are γ = 1's, the penalized folds', as cv.relaxed.raw's.
 */
function cvMultiRelaxed(x: ModelMatrix, outcome: MultiOutcome, plan: MultiCvPlan, gamma: readonly number[]): MultiCvResult {
  checkGammas(gamma);
  const path = fitMultiRelaxedFull(x, outcome, plan);
  const folds = Array.from({ length: plan.nfolds }, (_, k) => fitRelaxedFold(x, outcome, plan, k + 1));
  return summarizeMultiRelaxed(x, plan, path, folds, gamma);
}

/** The full data's relaxed path of a relaxed multi-response cross-validation. */
export function fitMultiRelaxedFull(x: ModelMatrix, outcome: MultiOutcome, plan: MultiCvPlan): MultiPath {
  return outcome.family === "multinomial"
    ? fitMultinomialPath(x, outcome.labels, plan.fitOptions)
    : fitMgaussianPath(x, outcome.y, { ...plan.fitOptions, responses: plan.response.classes });
}

/** A relaxed cross-validation's fold k (its own λs, relaxed, on a copy of its rows) and its warnings: the same in any thread. */
export interface RelaxedFold {
  readonly fit: MultiFoldFit;
  readonly warnings: readonly string[];
}

export function fitRelaxedFold(x: ModelMatrix, outcome: MultiOutcome, plan: MultiCvPlan, k: number): RelaxedFold {
  const warnings: string[] = [];
  // The folds fit their own λs (plan.ownLambda): the full path's are not read.
  const fit = fitFoldCopied(x, outcome, plan, new Float64Array(0), k, warnings);
  return { fit, warnings };
}

/**
 * cvMultiRelaxed's summary of the folds (in any order): for each γ the blends' held-out errors, and the
 * (λ, γ) chosen; the folds' warnings after the plan's, in fold order.
 */
export function summarizeMultiRelaxed(x: ModelMatrix, plan: MultiCvPlan, path: MultiPath, relaxed: readonly RelaxedFold[], gamma: readonly number[]): MultiCvResult {
  const sorted = [...relaxed].sort((a, b) => a.fit.fold - b.fit.fold);
  const warnings = [...plan.warnings, ...sorted.flatMap((f) => f.warnings)];
  const folds = sorted.map((f) => f.fit);
  // Each blend's errors; the fold warnings and notes once (those of γ = 1).
  const errorsAt = (g: number, notes: string[]) => summarizeMultiCv(x, plan, path, folds.map((f) => ({ ...f, path: blendedPath(f.path, g) })), notes);
  const penalized = errorsAt(1, warnings);
  const per = gamma.map((g) => (g === 1 ? penalized : errorsAt(Math.max(g, GLMNET_GAMMA_FLOOR), [])));
  return { ...penalized, relaxed: chooseRelaxed(path.lambda, gamma, per, false) };
}

/** The path whose fits are the blends γ·β + (1 − γ)·β_relaxed of a relaxed path's (γ = 1: the path itself). */
function blendedPath(path: MultiPath, gamma: number): MultiPath {
  const r = path.relaxed;
  if (gamma === 1 || !r) return path;
  const mix = (a: Float64Array, b: Float64Array) => a.map((v, i) => gamma * v + (1 - gamma) * b[i]);
  return { ...path, intercept: path.intercept.map((a, l) => mix(a, r.intercept[l])), beta: path.beta.map((b, l) => mix(b, r.beta[l])) };
}

/** A fold's path, and for each of its classes the index among the full data's (a fold may leave one out). */
export interface MultiFoldFit {
  readonly fold: number;
  readonly path: MultiPath;
  readonly map: Int32Array;
}

function identityMap(K: number): Int32Array {
  return Int32Array.from({ length: K }, (_, k) => k);
}

/**
 * A fold fitted on a copy of its rows, leaving out the classes with fewer than two training rows; its
 * errors name the fold, and the rows as the data give them (refuseCopiedFoldRows).
 */
function fitFoldCopied(x: ModelMatrix, outcome: MultiOutcome, plan: MultiCvPlan, lambda: Float64Array, fold: number, warnings: string[]): MultiFoldFit {
  const rows = Int32Array.from(plan.foldid.keys()).filter((i) => plan.foldid[i] !== fold);
  return inFold(fold, plan.foldid.length - rows.length, () => fitCopiedRows(x, outcome, plan, { lambda, fold, rows }, warnings));
}

/** fitFoldCopied's fit of the fold's training rows `rows`. */
function fitCopiedRows(
  x: ModelMatrix, outcome: MultiOutcome, plan: MultiCvPlan, at: { lambda: Float64Array; fold: number; rows: Int32Array }, warnings: string[],
): MultiFoldFit {
  const { lambda, fold, rows } = at;
  const opts: MultiFitOptions = { ...plan.fitOptions, lambda: foldLambdaOf(plan, lambda) };
  const w = opts.weights ? Array.from(rows, (i) => opts.weights![i]) : undefined;
  if (outcome.family === "mgaussian") {
    refuseCopiedFoldRows(x, rows, plan.fitOptions);
    const path = fitMgaussianPath(selectRows(x, rows), outcome.y.map((col) => Array.from(rows, (i) => col[i])), { ...opts, weights: w, responses: plan.response.classes });
    return { fold, path, map: identityMap(path.classes.length) };
  }
  const all = sortedClasses(outcome.labels);
  const labels = Array.from(rows, (i) => outcome.labels[i]);
  const count = new Map<ClassLabel, number>();
  labels.forEach((c) => count.set(c, (count.get(c) ?? 0) + 1));
  const kept = all.filter((c) => (count.get(c) ?? 0) >= 2);
  for (const c of all) {
    if (!kept.includes(c)) warnings.push(`fold ${fold}: class "${String(c)}" has ${count.get(c) ?? 0} training row${count.get(c) === 1 ? "" : "s"}, so that fold's fit leaves it out (its predicted probability there is 0)`);
  }
  const keep = Int32Array.from(labels.keys()).filter((t) => kept.includes(labels[t]));
  refuseCopiedFoldRows(x, Int32Array.from(keep, (t) => rows[t]), plan.fitOptions);
  const path = fitMultinomialPath(selectRows(x, Int32Array.from(keep, (t) => rows[t])), Array.from(keep, (t) => labels[t]), { ...opts, weights: w && Array.from(keep, (t) => w[t]), classes: kept });
  return { fold, path, map: Int32Array.from(kept, (c) => all.indexOf(c)) };
}

/**
 * From the folds' paths: each held-out row's error at every λ of the full path (a fold path cut short
 * repeats its last λ; a fold on its own λs is interpolated, clamped to its ends), then cvm, cvsd, λ_min
 * and λ_1se.
 */
export function summarizeMultiCv(
  x: Pick<ModelMatrix, "n">, plan: MultiCvPlan, path: MultiPath, folds: readonly MultiFoldFit[], warnings: string[], links: HeldOutLinks = denseLinks(x as ModelMatrix),
): MultiCvResult {
  const errors = new MultiCvErrors(x, plan, path, warnings, links);
  for (const fold of folds) errors.add(fold);
  return errors.summary();
}

/**
 * summarizeMultiCv fold by fold: each fold's held-out errors added as its path comes in, so that the
 * path can be let go (a parallel cross-validation then holds its errors, not ten paths). A fold's
 * errors go to its own sums (grouped) or its own rows, so the order the folds come in does not change
 * a number.
 */
export class MultiCvErrors {
  private readonly err: Float64Array[];
  private readonly rows: HeldOutRows;
  /** Each fold's own warnings (a fit out of passes), kept by fold so that the order folds come in does not show. */
  private readonly foldWarnings: string[][] = [];
  private readonly grouped: boolean;

  constructor(
    private readonly x: Pick<ModelMatrix, "n">, private readonly plan: MultiCvPlan, private readonly path: MultiPath,
    private readonly warnings: string[], private readonly links: HeldOutLinks = denseLinks(x as ModelMatrix),
  ) {
    const { measure, nfolds, response } = plan;
    const L = path.lambda.length, K = path.classes.length, n = x.n;
    const w = plan.fitOptions.weights ? Float64Array.from(plan.fitOptions.weights) : new Float64Array(n).fill(1);
    this.grouped = n / nfolds >= 3;
    if (!this.grouped) warnings.push("fewer than 3 rows per fold: errors are summarised per observation (grouped = FALSE), as cv.glmnet does");
    // Grouped, each fold's weighted error sum per λ (L × nfolds numbers, not L × n), added in row order
    // row by row; otherwise every row's error.
    this.err = Array.from({ length: L }, () => new Float64Array(this.grouped ? nfolds : n));
    const family = multiFamilyOf(response.family);
    this.rows = { y: response.y, n, K, w, family, measure, grouped: this.grouped, yRow: new Float64Array(K), eta: new Float64Array(K), scratch: new Float64Array(K) };
  }

  /** A fold's held-out errors at every λ of the full path, and what its fit warned of (as cv.glmnet passes on its folds' warnings). */
  add({ fold: k, path: foldPath, map }: MultiFoldFit): void {
    const { foldid } = this.plan;
    const { lambda } = this.path;
    this.foldWarnings[k - 1] = foldPath.warnings.filter((w) => !this.path.warnings.includes(w)).map((w) => `fold ${k}: ${w}`);
    const { test } = splitFold(foldid, k);
    const predict = this.links(test);
    for (let l = 0; l < lambda.length; l++) {
      // On the full λs a fold cut short holds its last fit; on its own, predict.glmnet's lambda.interp.
      const link = predict(foldPath, this.plan.ownLambda ? lambda[l] : lambda[Math.min(l, foldPath.lambda.length - 1)]);
      addHeldOutErrors(this.rows, { fold: k, test, map, link }, this.err[l]);
    }
  }

  /** cvm, cvsd, λ_min and λ_1se, once every fold is added. */
  summary(): MultiCvResult {
    const { measure, foldid, nfolds } = this.plan;
    const { path, err } = this;
    const L = path.lambda.length, w = this.rows.w;
    const gw = this.grouped ? foldWeights(w, foldid, nfolds) : w;
    const cvm = new Float64Array(L), cvsd = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      if (this.grouped) for (let g = 0; g < nfolds; g++) err[l][g] /= gw[g];
      const s = weightedMeanAndSe(err[l], gw);
      cvm[l] = s.mean;
      cvsd[l] = s.se;
    }
    const { indexMin, index1se } = chooseLambda(cvm, cvsd, false);
    for (const w of this.foldWarnings) if (w) this.warnings.push(...w);
    return {
      path, measure, lambda: path.lambda, cvm, cvsd, nzero: path.df,
      lambdaMin: path.lambda[indexMin], lambda1se: path.lambda[index1se], indexMin, index1se, foldid, warnings: this.warnings,
    };
  }
}

/** What every fold's held-out errors are computed from, and room for one row's K numbers. */
interface HeldOutRows {
  readonly y: Float64Array;
  readonly n: number;
  readonly K: number;
  readonly w: Float64Array;
  readonly family: MultiFamily;
  readonly measure: MultiMeasure;
  /** Errors summed per fold (weighted), else one per row. */
  readonly grouped: boolean;
  readonly yRow: Float64Array;
  readonly eta: Float64Array;
  readonly scratch: Float64Array;
}

/**
 * Fold `fold`'s held-out rows `test` at one λ, their links class-major (link[k·nt + t], k among the
 * fold's classes, `map` to the full data's): each row's error, into out[fold − 1] weighted (grouped) or
 * out[i]. A call per fold and λ, so that V8 optimizes the row loop whole (solve/multi/multinomial.ts's
 * logLikelihood says why): inside the one summary's loops it ran in the interpreter, 87 MB of garbage
 * a cross-validation at 5,000 × 200, K = 5.
 */
function addHeldOutErrors(rows: HeldOutRows, at: { fold: number; test: Int32Array; map: Int32Array; link: Float64Array }, out: Float64Array): void {
  const { y, n, K, w, family, measure, grouped, yRow, eta, scratch } = rows;
  const { fold, test, map, link } = at;
  const Kf = map.length, nt = test.length;
  for (let t = 0; t < nt; t++) {
    const i = test[t];
    eta.fill(-Infinity);
    for (let from = 0; from < Kf; from++) eta[map[from]] = link[from * nt + t];
    for (let c = 0; c < K; c++) yRow[c] = y[c * n + i];
    const e = family.pointError(measure, yRow, eta, scratch);
    if (grouped) out[fold - 1] += w[i] * e;
    else out[i] = e;
  }
}

/**
 * How held-out rows are predicted: for rows `test`, their links under a fold's path at λ, class-major
 * (link[k·nt + t]); the array may be the same one at the next call (it is read before).
 */
export type HeldOutLinks = (test: Int32Array) => (foldPath: MultiPath, lambda: number) => Float64Array;

/**
 * The held-out rows of a dense X, copied once per fold into one array that every fold reuses (folds
 * differ by a row or so), their links into one array per fold: a cross-validation's summary then
 * makes no array per fold and λ (740 of K·n/10 f64s at 74 λs, 10 folds).
 */
function denseLinks(x: ModelMatrix): HeldOutLinks {
  let rows = new Float64Array(0);
  return (test) => {
    const m = test.length;
    if (rows.length < m * x.p) rows = new Float64Array(m * x.p);
    const data = rows.subarray(0, m * x.p);
    gatherRows(data, x.data, x.n, test);
    const xt: ModelMatrix = { n: m, p: x.p, data, names: x.names };
    let link: Float64Array | null = null;
    return (foldPath, lambda) => heldOutLink(foldPath, xt, lambda, (link ??= new Float64Array(foldPath.classes.length * m)));
  };
}

/**
 * A fold path's linear predictors for the held-out rows xt at λ, class-major (link[k·nt + t]): at a λ
 * the fold fitted, η_k = β0_k + Σ_j β_jk x_j read off the path, summed in the order predictMulti sums
 * (the same numbers, without its argument checks and per-row arrays); between λs, predictMulti's. Into
 * `link` when given (every entry written).
 */
export function heldOutLink(path: MultiPath, xt: ModelMatrix, lambda: number, link: Float64Array = new Float64Array(path.classes.length * xt.n)): Float64Array {
  const K = path.classes.length, p = xt.p, nt = xt.n;
  const at = path.lambda.indexOf(lambda);
  if (at < 0) {
    const rows = predictMulti(path, xt, lambda, "link") as Float64Array[];
    for (let t = 0; t < nt; t++) for (let k = 0; k < K; k++) link[k * nt + t] = rows[t][k];
    return link;
  }
  const a0 = path.intercept[at], beta = path.beta[at];
  for (let k = 0; k < K; k++) {
    const out = link.subarray(k * nt, (k + 1) * nt);
    out.fill(a0[k]);
    for (let j = 0; j < p; j++) {
      const b = beta[k * p + j];
      if (b === 0) continue;
      const o = j * nt;
      for (let t = 0; t < nt; t++) out[t] += b * xt.data[o + t];
    }
  }
  return link;
}

/** Each fold's weight: Σ w_i over its rows, in row order. */
function foldWeights(w: Float64Array, foldid: Int32Array, nfolds: number): Float64Array {
  const gw = new Float64Array(nfolds);
  for (let i = 0; i < w.length; i++) gw[foldid[i] - 1] += w[i];
  return gw;
}
