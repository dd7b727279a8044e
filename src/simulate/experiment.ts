import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { cvPath } from "../cv/cv.js";
import type { Family } from "../model/family.js";
import { familyOf } from "../model/families/index.js";
import { fitPath, lambdaMax } from "../solve/path.js";
import { coefficientsAt } from "../solve/predict.js";
import type { Path } from "../solve/types.js";
import { sampleData, type Design } from "./design.js";
import { irrepresentableCondition, type IrrepresentableCondition } from "./irrepresentable.js";
import { randomFolds, rngFromState, streamStates, checkSeed } from "../random/rng.js";
import { relaxedRefits, type Refit } from "./relaxed.js";
import { checkArguments, arrayOfRule, numericArrayRule, numbersRule, countRule, choiceRule, unitInterval, booleanRule, numberRule, optionsRule, optional, functionRule, objectRule, checkedWhereUsed, type Schema } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { designRule, resolvedExperimentRule } from "./arguments.js";

/** The methods compared: lasso (α = 1), elastic net (α = 0.5), ridge (α = 0), relaxed lasso. */
export type Method = "lasso" | "enet" | "ridge" | "relaxed";
/** The methods a simulation compares: lasso, elastic net, ridge and the relaxed lasso. */
export const METHODS: readonly Method[] = ["lasso", "enet", "ridge", "relaxed"];
/** α of each method's path; the relaxed lasso refits the lasso's (α = 1) active sets. */
export const METHOD_ALPHA: Readonly<Record<Method, number>> = { lasso: 1, enet: 0.5, ridge: 0, relaxed: 1 };

/** How an experiment runs. Every field has a default. */
export interface ExperimentOptions {
  /** Methods to compare (all four). */
  methods?: readonly Method[];
  /** Repetitions (100). */
  reps?: number;
  /** Seed of the whole experiment (1); repetition r uses the r-th independent stream derived from it. */
  seed?: number;
  /** Cross-validation folds (10). */
  nfolds?: number;
  /** Points of the common λ/λ_max grid (100, glmnet's nlambda). */
  nlambda?: number;
  /** Smallest λ/λ_max of the grid (glmnet's default: 0.01 when n < p, else 1e-4). */
  lambdaMinRatio?: number;
  /** Fresh rows drawn per repetition to measure prediction error (1000). */
  nTest?: number;
}

/** Options with defaults filled in. */
export interface ResolvedExperimentOptions {
  readonly methods: readonly Method[];
  readonly reps: number;
  readonly seed: number;
  readonly nfolds: number;
  readonly nlambda: number;
  readonly lambdaMinRatio: number;
  readonly nTest: number;
}

/** Support and error of one coefficient vector against the truth. */
export interface Recovery {
  /** True nonzeros estimated nonzero. */
  readonly tp: number;
  /** True zeros estimated nonzero. */
  readonly fp: number;
  /** Selected set equals the true support. */
  readonly exact: boolean;
  /** sign(β̂_j) = sign(β_j) for every j, zeros included (Zhao and Yu's sign consistency). */
  readonly signs: boolean;
  /** ‖β̂ − β‖₂. */
  readonly l2Error: number;
  /** On fresh data: mean squared error (gaussian) or fraction misclassified (binomial). */
  readonly predictionError: number;
}

/** A method's fit at the λ cross-validation chose. */
export interface Chosen extends Recovery {
  /** Position on the grid. */
  readonly index: number;
  readonly lambda: number;
  /** λ/λ_max. */
  readonly fraction: number;
  readonly intercept: number;
  /** Dense coefficients, aligned with the design's predictors. */
  readonly beta: Float64Array;
}

/** One method in one repetition: recovery at every point of the grid and at λ_min, λ_1se. */
export interface MethodRepetition {
  readonly method: Method;
  /** This repetition's λ_max (of the method's α) and grid λ = λ_max·fraction. */
  readonly lambdaMax: number;
  readonly tp: Int32Array;
  readonly fp: Int32Array;
  readonly exact: Uint8Array;
  readonly signs: Uint8Array;
  readonly l2Error: Float64Array;
  readonly predictionError: Float64Array;
  readonly lambdaMin: Chosen;
  readonly lambda1se: Chosen;
}

/** Everything one repetition records; plain data, so it crosses worker boundaries as is. */
export interface RepetitionResult {
  readonly rep: number;
  readonly methods: readonly MethodRepetition[];
}

/** Averages over repetitions of a fit at a chosen λ. */
export interface ChosenSummary {
  readonly pExact: number;
  readonly pSigns: number;
  readonly meanTP: number;
  readonly meanFP: number;
  /** Mean number of selected (nonzero) coefficients. */
  readonly meanSelected: number;
  readonly meanL2Error: number;
  readonly sdL2Error: number;
  readonly meanPredictionError: number;
  readonly sdPredictionError: number;
  /** Mean λ/λ_max chosen. */
  readonly meanFraction: number;
  /** For every true nonzero: its value, the mean estimate and bias = mean(β̂_j) − β_j. */
  readonly bias: readonly { readonly variable: string; readonly beta: number; readonly meanEstimate: number; readonly bias: number }[];
  /** Mean over the true nonzeros of sign(β_j)·bias_j: negative means shrunk toward zero. */
  readonly meanBiasTowardZero: number;
  /** For every predictor: the fraction of repetitions in which it was selected. */
  readonly selectionFrequency: readonly number[];
  /** The selected sets seen most often (up to 10), most frequent first: how stable the selection is. */
  readonly selectedSets: readonly { readonly variables: readonly string[]; readonly frequency: number }[];
}

/** Averages over repetitions for one method. */
export interface MethodSummary {
  readonly method: Method;
  readonly alpha: number;
  /** Along the common grid of λ/λ_max (see SimulationSummary.fractions). */
  readonly alongLambda: {
    readonly meanTP: readonly number[];
    readonly meanFP: readonly number[];
    readonly pExact: readonly number[];
    readonly pSigns: readonly number[];
    readonly meanL2Error: readonly number[];
    readonly meanPredictionError: readonly number[];
  };
  /** Fraction of repetitions with exactly the true set at some λ of the grid. */
  readonly pExactAtSomeLambda: number;
  /** Fraction of repetitions in which some λ keeps every true variable. */
  readonly pAllTrueAtSomeLambda: number;
  /** Fraction of repetitions in which some λ keeps every true variable and every such λ also selects a wrong one. */
  readonly pWrongWheneverAllTrue: number;
  /** Fraction of repetitions in which some coefficient is exactly zero at some λ below λ_max. */
  readonly pAnyExactZero: number;
  readonly lambdaMin: ChosenSummary;
  readonly lambda1se: ChosenSummary;
}

/** The result of an experiment: the design, its irrepresentable condition and per-method summaries. */
export interface SimulationSummary {
  readonly design: {
    readonly n: number;
    readonly p: number;
    readonly s: number;
    readonly family: string;
    readonly sigma: number | null;
    readonly snr: number | null;
    readonly intercept: number;
    readonly correlation: string;
    readonly support: readonly string[];
    readonly beta: readonly number[];
  };
  readonly irrepresentable: { readonly value: number | null; readonly variable: string | null; readonly holds: boolean | null; readonly sentence: string };
  readonly settings: ResolvedExperimentOptions & { readonly predictionError: "mse" | "class"; readonly grid: string };
  /** The common grid: λ/λ_max, decreasing from 1. */
  readonly fractions: readonly number[];
  readonly methods: readonly MethodSummary[];
}

/** Fresh rows per repetition for the prediction error, by default. */
export const DEFAULT_N_TEST = 1000;
/** Repetitions when none are asked for. */
export const DEFAULT_REPS = 100;

/** Fill in an experiment's defaults and check the values. */
export function resolveExperimentOptions(design: Design, options: ExperimentOptions = {}): ResolvedExperimentOptions {
  checkArguments("resolveExperimentOptions", { design, options }, { design: designRule, options: optionsRule(EXPERIMENT_OPTIONS_SCHEMA) });
  const methods = options.methods ?? METHODS;
  if (methods.length === 0) throw new OptionError("methods must name at least one of lasso, enet, ridge, relaxed", "methods");
  for (const m of methods) {
    if (!METHODS.includes(m)) throw new OptionError(`methods: unknown method "${m}"; use lasso, enet, ridge or relaxed`, "methods");
  }
  const integer = (value: number, option: string, min: number) => {
    if (!Number.isInteger(value) || value < min) throw new OptionError(`${option} must be an integer ≥ ${min}, got ${value}`, option);
    return value;
  };
  const reps = integer(options.reps ?? DEFAULT_REPS, "reps", 1);
  const nfolds = integer(options.nfolds ?? 10, "nfolds", 3);
  if (nfolds > design.n) throw new OptionError(`nfolds (${nfolds}) cannot exceed n (${design.n})`, "nfolds");
  const nlambda = integer(options.nlambda ?? 100, "nlambda", 2);
  const nTest = integer(options.nTest ?? DEFAULT_N_TEST, "nTest", 1);
  const lambdaMinRatio = options.lambdaMinRatio ?? (design.n < design.p ? 0.01 : 1e-4);
  if (!(lambdaMinRatio > 0 && lambdaMinRatio < 1)) throw new OptionError(`lambdaMinRatio must lie in (0, 1), got ${lambdaMinRatio}`, "lambdaMinRatio");
  const seed = checkSeed(options.seed ?? 1);
  // Each method once, in the canonical order, so results do not depend on how they were listed.
  const ordered = METHODS.filter((m) => methods.includes(m));
  return { methods: ordered, reps, seed, nfolds, nlambda, lambdaMinRatio, nTest };
}

/**
 * The common grid along which repetitions are averaged: λ/λ_max = ratio^(k/(K−1)), k = 0..K−1,
 * the fractions of glmnet's default path. Each repetition fits every method on
 * λ_k = λ_max·fraction_k with its own data's λ_max, passed as a user λ sequence so the path is
 * fitted in full (no early stop) and "the k-th λ" means the same relative penalty in every
 * repetition.
 */
export function lambdaFractions(nlambda: number, lambdaMinRatio: number): Float64Array {
  checkArguments("lambdaFractions", { nlambda, lambdaMinRatio }, { nlambda: numberRule({ integer: true, min: 1 }), lambdaMinRatio: numberRule({ above: 0, below: 1 }) });
  return Float64Array.from({ length: nlambda }, (_, k) => Math.pow(lambdaMinRatio, k / (nlambda - 1)));
}

function recovery(beta: ArrayLike<number>, intercept: number, truth: Float64Array, test: { x: ModelMatrix; y: Float64Array }, family: Design["family"]): Recovery {
  let tp = 0;
  let fp = 0;
  let s = 0;
  let signs = true;
  let sq = 0;
  for (let j = 0; j < truth.length; j++) {
    if (truth[j] !== 0) s++;
    if (beta[j] !== 0) {
      if (truth[j] !== 0) tp++;
      else fp++;
    }
    if (Math.sign(beta[j]) !== Math.sign(truth[j])) signs = false;
    sq += (beta[j] - truth[j]) ** 2;
  }
  return { tp, fp, exact: tp === s && fp === 0, signs, l2Error: Math.sqrt(sq), predictionError: predictionError(beta, intercept, test, family) };
}

function predictionError(beta: ArrayLike<number>, intercept: number, test: { x: ModelMatrix; y: Float64Array }, family: Design["family"]): number {
  const { n, p, data } = test.x;
  const eta = new Float64Array(n).fill(intercept);
  for (let j = 0; j < p; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const off = j * n;
    for (let i = 0; i < n; i++) eta[i] += b * data[off + i];
  }
  // A family with classes: the fraction misclassified; otherwise the mean squared error of the mean.
  const fam = familyOf(family);
  const classify = fam.classify;
  let err = 0;
  for (let i = 0; i < n; i++) {
    if (classify) err += classify(eta[i]) !== test.y[i] ? 1 : 0;
    else err += (test.y[i] - fam.response(eta[i])) ** 2;
  }
  return err / n;
}

/** Indices of the nonzero coefficients at the k-th λ of a path. */
function activeSet(path: Path, k: number): Int32Array {
  const { index, value } = path.beta[Math.min(k, path.beta.length - 1)];
  return Int32Array.from([...index].filter((_, t) => value[t] !== 0)).sort();
}

/** The relaxed lasso along a path: the unpenalized refit of each λ's active set. */
function relaxedAlongPath(path: Path, x: ModelMatrix, y: ArrayLike<number>, family: Design["family"], nlambda: number): Refit[] {
  return relaxedRefits(x, y, family, Array.from({ length: nlambda }, (_, k) => activeSet(path, k)));
}

/** Error of one held-out observation: squared error (gaussian) or binomial deviance (the family's cv.glmnet default). */
function heldOutError(yi: number, eta: number, family: Family): number {
  return family.pointError(family.defaultMeasure, yi, eta);
}

/** λ_min and λ_1se chosen by cross-validation, with the curve they were chosen from. */
export interface CvChoice {
  readonly cvm: Float64Array;
  readonly cvsd: Float64Array;
  readonly indexMin: number;
  readonly index1se: number;
}

/**
 * cv.glmnet's rules on per-fold mean errors: cvm = mean held-out error (fold means weighted by
 * fold size), cvsd = standard error of the fold means, λ_min = the largest λ with the smallest
 * cvm, λ_1se = the largest λ with cvm ≤ cvm_min + cvsd_min.
 */
export function chooseLambdaFromFolds(foldMeans: readonly Float64Array[], foldSizes: readonly number[]): CvChoice {
  checkArguments("chooseLambdaFromFolds", { foldMeans, foldSizes }, { foldMeans: arrayOfRule(numericArrayRule, "an array of each fold's errors along λ"), foldSizes: numbersRule({ min: 0 }) });
  const nfolds = foldMeans.length;
  const K = foldMeans[0].length;
  const total = foldSizes.reduce((a, b) => a + b, 0);
  const cvm = new Float64Array(K);
  const cvsd = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let m = 0;
    for (let f = 0; f < nfolds; f++) m += (foldMeans[f][k] * foldSizes[f]) / total;
    let v = 0;
    for (let f = 0; f < nfolds; f++) v += (foldSizes[f] * (foldMeans[f][k] - m) ** 2) / total;
    cvm[k] = m;
    cvsd[k] = Math.sqrt(v / (nfolds - 1));
  }
  let indexMin = 0;
  for (let k = 1; k < K; k++) if (cvm[k] < cvm[indexMin]) indexMin = k;
  let index1se = indexMin;
  for (let k = 0; k <= indexMin; k++) {
    if (cvm[k] <= cvm[indexMin] + cvsd[indexMin]) {
      index1se = k;
      break;
    }
  }
  return { cvm, cvsd, indexMin, index1se };
}

/**
 * Cross-validate a penalized path and, optionally, the relaxed lasso (γ = 0) built on it, on the
 * given folds and λs: each fold's path is fitted once and serves both.
 */
export function crossValidate(
  x: ModelMatrix, y: Float64Array, foldid: Int32Array, nfolds: number, lambda: Float64Array,
  family: Design["family"], alpha: number, withRelaxed: boolean,
): { penalized: CvChoice; relaxed: CvChoice | null } {
  checkArguments("crossValidate", { x, y, foldid, nfolds, lambda, family, alpha, withRelaxed }, { x: matrixRule, y: numericArrayRule, foldid: numericArrayRule, nfolds: numberRule({ integer: true, min: 2 }), lambda: numericArrayRule, family: choiceRule(() => ["gaussian", "binomial"]), alpha: unitInterval, withRelaxed: booleanRule });
  const K = lambda.length;
  const penalizedMeans: Float64Array[] = [];
  const relaxedMeans: Float64Array[] = [];
  const foldSizes: number[] = [];
  const fam = familyOf(family);
  const heldOutMean = (held: readonly number[], fit: Refit) => {
    let err = 0;
    for (const i of held) {
      let eta = fit.intercept;
      for (let j = 0; j < x.p; j++) if (fit.beta[j] !== 0) eta += fit.beta[j] * x.data[j * x.n + i];
      err += heldOutError(y[i], eta, fam);
    }
    return err / held.length;
  };
  for (let f = 1; f <= nfolds; f++) {
    const train: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < x.n; i++) (foldid[i] === f ? held : train).push(i);
    const xt = subsetRows(x, train);
    const yt = Float64Array.from(train, (i) => y[i]);
    const path = fitPath(xt, yt, { family, alpha, lambda });
    const fits = pathFits(path);
    penalizedMeans.push(Float64Array.from({ length: K }, (_, k) => heldOutMean(held, fits(k))));
    if (withRelaxed) {
      const refits = relaxedAlongPath(path, xt, yt, family, K);
      relaxedMeans.push(Float64Array.from({ length: K }, (_, k) => heldOutMean(held, refits[k])));
    }
    foldSizes.push(held.length);
  }
  return { penalized: chooseLambdaFromFolds(penalizedMeans, foldSizes), relaxed: withRelaxed ? chooseLambdaFromFolds(relaxedMeans, foldSizes) : null };
}

/** Intercept and dense coefficients at the k-th λ of a path (its last λ if it stopped early). */
function pathFits(path: Path): (k: number) => Refit {
  return (k) => {
    const at = Math.min(k, path.lambda.length - 1);
    return { intercept: path.intercept[at], beta: coefficientsAt(path, at) };
  };
}

function subsetRows(x: ModelMatrix, rows: readonly number[]): ModelMatrix {
  const m = rows.length;
  const data = new Float64Array(m * x.p);
  for (let j = 0; j < x.p; j++) for (let t = 0; t < m; t++) data[j * m + t] = x.data[j * x.n + rows[t]];
  return { n: m, p: x.p, data, names: x.names };
}

/**
 * Run repetition `rep` of an experiment from its stream state: draw a training sample, fresh
 * test rows and fold ids (in that order), then fit and cross-validate every method on the
 * common grid. A pure function of (design, options, rep, state): where it runs does not matter.
 */
export function runRepetition(design: Design, options: ResolvedExperimentOptions, rep: number, state: readonly number[]): RepetitionResult {
  checkArguments("runRepetition", { design, options, rep, state }, { design: designRule, options: resolvedExperimentRule, rep: countRule, state: numbersRule() });
  const rng = rngFromState(state);
  const train = sampleData(design, rng);
  const test = sampleData(design, rng, options.nTest);
  const foldid = randomFolds(rng, design.n, options.nfolds);
  const fractions = lambdaFractions(options.nlambda, options.lambdaMinRatio);
  const K = fractions.length;
  const { family, beta: truth } = design;

  const summarizeAlong = (method: Method, lmax: number, lambda: Float64Array, fits: (k: number) => Refit, indexMin: number, index1se: number): MethodRepetition => {
    const tp = new Int32Array(K);
    const fp = new Int32Array(K);
    const exact = new Uint8Array(K);
    const signs = new Uint8Array(K);
    const l2Error = new Float64Array(K);
    const predError = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const { intercept, beta } = fits(k);
      const r = recovery(beta, intercept, truth, test, family);
      tp[k] = r.tp;
      fp[k] = r.fp;
      exact[k] = r.exact ? 1 : 0;
      signs[k] = r.signs ? 1 : 0;
      l2Error[k] = r.l2Error;
      predError[k] = r.predictionError;
    }
    const chosen = (index: number): Chosen => {
      const { intercept, beta } = fits(index);
      return { index, lambda: lambda[index], fraction: fractions[index], intercept, beta: Float64Array.from(beta), ...recovery(beta, intercept, truth, test, family) };
    };
    return { method, lambdaMax: lmax, tp, fp, exact, signs, l2Error, predictionError: predError, lambdaMin: chosen(indexMin), lambda1se: chosen(index1se) };
  };

  const wantRelaxed = options.methods.includes("relaxed");
  const byMethod = new Map<Method, MethodRepetition>();
  // The relaxed lasso refits the lasso's path, so the lasso is fitted whenever either is asked for.
  const penalized = options.methods.filter((m) => m !== "relaxed");
  if (wantRelaxed && !penalized.includes("lasso")) penalized.unshift("lasso");
  for (const method of penalized) {
    const alpha = METHOD_ALPHA[method];
    const lmax = lambdaMax(train.x, train.y, { family, alpha });
    // A zero λ_max (constant y) leaves nothing to fit; a tiny positive grid keeps the path valid.
    const lambda = fractions.map((f) => f * (lmax > 0 ? lmax : 1e-12));
    const cv = cvPath(train.x, train.y, { family, alpha, lambda, foldid });
    byMethod.set(method, summarizeAlong(method, lmax, lambda, pathFits(cv.path), cv.indexMin, cv.index1se));
    if (method === "lasso" && wantRelaxed) {
      // cvPath does not hand back its fold paths, so the relaxed lasso's own CV refits them.
      const relaxedCv = crossValidate(train.x, train.y, foldid, options.nfolds, lambda, family, 1, true).relaxed!;
      const refits = relaxedAlongPath(cv.path, train.x, train.y, family, K);
      byMethod.set("relaxed", summarizeAlong("relaxed", lmax, lambda, (k) => refits[k], relaxedCv.indexMin, relaxedCv.index1se));
    }
  }
  const results = options.methods.map((m) => byMethod.get(m)!);
  return { rep, methods: results };
}

/** The stream state of every repetition of an experiment. */
export function repetitionStates(options: ResolvedExperimentOptions): number[][] {
  checkArguments("repetitionStates", { options }, { options: resolvedExperimentRule });
  return streamStates(options.seed, options.reps);
}

/** Run every repetition in turn (see runExperimentParallel in parallel.node.ts for worker threads). */
export function runExperiment(
  design: Design,
  options: ExperimentOptions = {},
  onProgress?: (done: number, total: number) => void,
): SimulationSummary {
  checkArguments("runExperiment", { design, options, onProgress }, { design: designRule, options: optionsRule(EXPERIMENT_OPTIONS_SCHEMA), onProgress: optional(functionRule) });
  const resolved = resolveExperimentOptions(design, options);
  const states = repetitionStates(resolved);
  const reps: RepetitionResult[] = [];
  for (let r = 0; r < resolved.reps; r++) {
    reps.push(runRepetition(design, resolved, r, states[r]));
    onProgress?.(r + 1, resolved.reps);
  }
  return summarizeExperiment(design, resolved, reps);
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : NaN;
}

function sd(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length > 1 ? Math.sqrt(s / (values.length - 1)) : 0;
}

function summarizeChosen(design: Design, chosen: readonly Chosen[]): ChosenSummary {
  const R = chosen.length;
  const support = [...design.support];
  const bias = support.map((j) => {
    const meanEstimate = mean(chosen.map((c) => c.beta[j]));
    return { variable: design.names[j], beta: design.beta[j], meanEstimate, bias: meanEstimate - design.beta[j] };
  });
  const selectionFrequency = Array.from({ length: design.p }, (_, j) => chosen.filter((c) => c.beta[j] !== 0).length / R);
  const sets = new Map<string, { variables: string[]; count: number; first: number }>();
  chosen.forEach((c, r) => {
    const variables = design.names.filter((_, j) => c.beta[j] !== 0);
    const key = variables.join(",");
    const entry = sets.get(key) ?? { variables, count: 0, first: r };
    entry.count++;
    sets.set(key, entry);
  });
  const selectedSets = [...sets.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, 10)
    .map((e) => ({ variables: e.variables, frequency: e.count / R }));
  return {
    pExact: chosen.filter((c) => c.exact).length / R,
    pSigns: chosen.filter((c) => c.signs).length / R,
    meanTP: mean(chosen.map((c) => c.tp)),
    meanFP: mean(chosen.map((c) => c.fp)),
    meanSelected: mean(chosen.map((c) => c.tp + c.fp)),
    meanL2Error: mean(chosen.map((c) => c.l2Error)),
    sdL2Error: sd(chosen.map((c) => c.l2Error)),
    meanPredictionError: mean(chosen.map((c) => c.predictionError)),
    sdPredictionError: sd(chosen.map((c) => c.predictionError)),
    meanFraction: mean(chosen.map((c) => c.fraction)),
    bias,
    meanBiasTowardZero: support.length ? mean(bias.map((b) => Math.sign(b.beta) * b.bias)) : NaN,
    selectionFrequency,
    selectedSets,
  };
}

/** Average the repetitions (in repetition order, so the sums are the same however they were run). */
export function summarizeExperiment(design: Design, options: ResolvedExperimentOptions, reps: readonly RepetitionResult[]): SimulationSummary {
  checkArguments("summarizeExperiment", { design, options, reps }, { design: designRule, options: resolvedExperimentRule, reps: arrayOfRule(objectRule("a repetition's result"), "the repetitions' results") });
  const sorted = [...reps].sort((a, b) => a.rep - b.rep);
  const R = sorted.length;
  const fractions = lambdaFractions(options.nlambda, options.lambdaMinRatio);
  const K = fractions.length;
  const s = design.support.length;
  const p = design.p;
  const methods: MethodSummary[] = options.methods.map((method, m) => {
    const runs = sorted.map((r) => r.methods[m]);
    const along = (pick: (run: MethodRepetition, k: number) => number) => Array.from({ length: K }, (_, k) => mean(runs.map((run) => pick(run, k))));
    const anyK = (test: (run: MethodRepetition, k: number) => boolean) => (run: MethodRepetition) => fractions.some((_, k) => test(run, k));
    const allTrueSomewhere = anyK((run, k) => run.tp[k] === s);
    const wrongWheneverAllTrue = (run: MethodRepetition) =>
      allTrueSomewhere(run) && fractions.every((_, k) => run.tp[k] !== s || run.fp[k] > 0);
    // The first grid point is λ_max itself, where the lasso is empty by definition; look below it.
    const anyZero = (run: MethodRepetition) => fractions.some((_, k) => k > 0 && run.tp[k] + run.fp[k] < p);
    return {
      method,
      alpha: METHOD_ALPHA[method],
      alongLambda: {
        meanTP: along((run, k) => run.tp[k]),
        meanFP: along((run, k) => run.fp[k]),
        pExact: along((run, k) => run.exact[k]),
        pSigns: along((run, k) => run.signs[k]),
        meanL2Error: along((run, k) => run.l2Error[k]),
        meanPredictionError: along((run, k) => run.predictionError[k]),
      },
      pExactAtSomeLambda: runs.filter(anyK((run, k) => run.exact[k] === 1)).length / R,
      pAllTrueAtSomeLambda: runs.filter(allTrueSomewhere).length / R,
      pWrongWheneverAllTrue: runs.filter(wrongWheneverAllTrue).length / R,
      pAnyExactZero: runs.filter(anyZero).length / R,
      lambdaMin: summarizeChosen(design, runs.map((run) => run.lambdaMin)),
      lambda1se: summarizeChosen(design, runs.map((run) => run.lambda1se)),
    };
  });
  const ic: IrrepresentableCondition = irrepresentableCondition(design.covariance, p, design.beta, design.names);
  return {
    design: {
      n: design.n,
      p,
      s,
      family: design.family,
      sigma: Number.isNaN(design.sigma) ? null : design.sigma,
      snr: Number.isNaN(design.snr) ? null : design.snr,
      intercept: design.intercept,
      correlation: describeCorrelation(design),
      support: [...design.support].map((j) => design.names[j]),
      beta: [...design.beta],
    },
    irrepresentable: { value: ic.value, variable: ic.variable === null ? null : design.names[ic.variable], holds: ic.holds, sentence: withObservedRecovery(ic.sentence, methods) },
    settings: {
      ...options,
      predictionError: familyOf(design.family).classify ? "class" : "mse",
      grid: "each repetition fits λ = λ_max·fraction with its own data's λ_max; summaries along λ average over repetitions at equal fraction",
    },
    fractions: [...fractions],
    methods,
  };
}

/**
 * The condition's sentence followed by what these repetitions saw: how often the lasso (or the first method)
 * selected exactly the true set, so the words about the limit stand next to the numbers of this sample size.
 */
export function withObservedRecovery(sentence: string, methods: readonly MethodSummary[]): string {
  const m = methods.find((k) => k.method === "lasso") ?? methods[0];
  if (!m) return sentence;
  const pc = (f: number) => `${Math.round(100 * f)}%`;
  return `${sentence} In these repetitions the ${m.method} selected exactly the true set in ${pc(m.lambdaMin.pExact)} at λ_min, ` +
    `${pc(m.lambda1se.pExact)} at λ_1se and ${pc(m.pExactAtSomeLambda)} at some λ of the grid.`;
}

/** A few words on the predictors and their correlation, for tables and JSON. */
export function describeCorrelation(design: Design): string {
  checkArguments("describeCorrelation", { design }, { design: designRule });
  const c = design.correlation;
  switch (c.type) {
    case "independent":
      return "independent predictors";
    case "ar1":
      return `AR(1) predictors, ρ = ${c.rho}`;
    case "block":
      return `predictors in equicorrelated blocks of ${c.blockSize}, ρ = ${c.rho}`;
    case "custom":
      return "predictors with a custom covariance";
  }
}

/** The options of an experiment (ExperimentOptions); resolveExperimentOptions checks their values, naming each. */
export const EXPERIMENT_OPTIONS_SCHEMA: Schema<ExperimentOptions> = {
  methods: checkedWhereUsed, reps: checkedWhereUsed, seed: checkedWhereUsed, nfolds: checkedWhereUsed, nlambda: checkedWhereUsed,
  lambdaMinRatio: checkedWhereUsed, nTest: checkedWhereUsed,
};
