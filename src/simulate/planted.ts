/**
 * Known truth on the user's own design: plant a sparse β on their rows and columns (by default the relaxed
 * fit at λ_1se, the variables cross-validation keeps refitted without penalty), draw new outcomes around it
 * with noise at the fit's residual scale, refit each with cross-validation, and count how often the fit finds
 * the planted variables, how often it gets a sign wrong and how biased its survivors are. The irrepresentable
 * condition (Zhao & Yu 2006) is evaluated on their X's correlation matrix, the sample Gram matrix of the
 * standardized columns, which is what the lasso sees with X fixed.
 *
 * Browser-safe; repetition r is a pure function of its stream (streamStates(seed)[r]).
 */
import { cvPath } from "../cv/cv.js";
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { rngFromState, streamStates, type Rng } from "../random/rng.js";
import { relaxPath } from "../solve/relax.js";
import type { FitOptions } from "../solve/types.js";
import { irrepresentableCondition, type IrrepresentableCondition } from "./irrepresentable.js";
import { checkArguments, numericArrayRule, optionsRule, countRule, numbersRule, arrayOfRule, objectRule, optional, functionRule, checkedWhereUsed, type Rule, type Schema } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { checkFitOptions } from "../solve/arguments.js";
import { truthRule, rngRule } from "./arguments.js";

/** Options of a planted-truth simulation: the fit, the truth, repetitions and seed. */
export interface PlantOptions {
  /** The fit (family gaussian or binomial, α, penalty factors …) used to find the default truth and to refit. */
  readonly fit?: FitOptions;
  /** The truth by feature name (original scale); unnamed features 0. Default: the relaxed fit at λ_1se. */
  readonly truth?: Readonly<Record<string, number>>;
  /** Repetitions (50). */
  readonly reps?: number;
  /** Seed (1): of the folds of the default truth's CV and of every repetition's noise and folds. */
  readonly seed?: number;
  /** Cross-validation folds (10). */
  readonly nfolds?: number;
}

/** The truth planted on the design. */
export interface PlantedTruth {
  readonly beta: Float64Array;
  readonly intercept: number;
  /** Gaussian noise sd: the residual sd of the relaxed fit at λ_1se, √(RSS/(n − df − 1)); NaN for binomial. */
  readonly sigma: number;
  readonly support: Int32Array;
  /** "relaxed-1se" (the default) or "given". */
  readonly source: "relaxed-1se" | "given";
  /** λ_1se of the data's own cross-validation. */
  readonly lambda1se: number;
}

/** What one refit found at λ_min or λ_1se. */
export interface PlantedRecovery {
  /** Planted variables selected, other variables selected. */
  readonly tp: number;
  readonly fp: number;
  /** Exactly the planted set. */
  readonly exact: boolean;
  /** Planted variables selected with the wrong sign. */
  readonly signErrors: number;
  readonly beta: Float64Array;
}

/** One repetition of a planted-truth simulation: what λ_min and λ_1se recovered. */
export interface PlantedRepetition {
  readonly rep: number;
  readonly lambdaMin: PlantedRecovery;
  readonly lambda1se: PlantedRecovery;
}

/** Averages at one choice of λ. */
export interface PlantedChoice {
  readonly pExact: number;
  /** Share of repetitions with every planted variable selected. */
  readonly pAllFound: number;
  readonly meanTP: number;
  readonly meanFP: number;
  /** Share of repetitions with at least one planted variable selected with the wrong sign. */
  readonly pSignError: number;
  /** Per planted variable: its value, mean estimate, bias = mean − value, share of repetitions selecting it. */
  readonly bias: readonly { readonly variable: string; readonly beta: number; readonly meanEstimate: number; readonly bias: number; readonly selected: number }[];
  /** Per variable, the share of repetitions selecting it. */
  readonly selectionFrequency: readonly number[];
}

/** A planted-truth simulation summarised: the truth, the irrepresentable condition, and recovery at λ_min and λ_1se. */
export interface PlantedSummary {
  readonly features: readonly string[];
  readonly truth: PlantedTruth;
  readonly reps: number;
  readonly seed: number;
  readonly irrepresentable: { readonly value: number | null; readonly variable: string | null; readonly holds: boolean | null; readonly sentence: string };
  readonly lambdaMin: PlantedChoice;
  readonly lambda1se: PlantedChoice;
}

interface Resolved {
  readonly fit: FitOptions;
  readonly reps: number;
  readonly seed: number;
  readonly nfolds: number;
}

function resolve(options: PlantOptions): Resolved {
  const { reps = 50, seed = 1, nfolds = 10 } = options;
  if (!Number.isInteger(reps) || reps < 1) throw new OptionError(`reps must be a positive integer, got ${reps}`, "reps");
  if (!Number.isInteger(nfolds) || nfolds < 3) throw new OptionError(`nfolds must be an integer ≥ 3, got ${nfolds}`, "nfolds");
  const fit = { ...(options.fit ?? {}), relax: false };
  const family = fit.family ?? "gaussian";
  if (family !== "gaussian" && family !== "binomial") throw new OptionError(`a planted truth draws gaussian or binomial outcomes, not ${family}`, "family");
  return { fit, reps, seed, nfolds };
}

/** η = β0 + Xβ on the user's rows. */
function linear(x: ModelMatrix, intercept: number, beta: ArrayLike<number>): Float64Array {
  const eta = new Float64Array(x.n).fill(intercept);
  for (let j = 0; j < x.p; j++) {
    if (beta[j] === 0) continue;
    for (let i = 0; i < x.n; i++) eta[i] += beta[j] * x.data[j * x.n + i];
  }
  return eta;
}

/** The truth: given by name, or the relaxed fit at λ_1se; with the noise of the relaxed fit's residuals. */
export function plantTruth(x: ModelMatrix, y: ArrayLike<number>, options: PlantOptions = {}): PlantedTruth {
  checkArguments("plantTruth", { x, y, options }, { x: matrixRule, y: numericArrayRule, options: optionsRule(PLANT_OPTIONS) });
  const r = resolve(options);
  const cv = cvPath(x, y, { ...r.fit, nfolds: r.nfolds, seed: r.seed });
  const rel = relaxPath(x, y, cv.path, r.fit);
  const k = cv.index1se;
  const relaxed = new Float64Array(x.p);
  const fitted = rel.refitted[k] ? rel.beta[k] : cv.path.beta[k];
  for (let t = 0; t < fitted.index.length; t++) relaxed[fitted.index[t]] = fitted.value[t];
  const intercept0 = rel.refitted[k] ? rel.intercept[k] : cv.path.intercept[k];
  const df = fitted.index.length;
  const residual = linear(x, intercept0, relaxed).map((e, i) => y[i] - e);
  const gaussian = (r.fit.family ?? "gaussian") === "gaussian";
  const sigma = gaussian ? Math.sqrt(residual.reduce((s, v) => s + v * v, 0) / Math.max(1, x.n - df - 1)) : NaN;
  let beta = relaxed;
  let intercept = intercept0;
  let source: PlantedTruth["source"] = "relaxed-1se";
  if (options.truth) {
    beta = new Float64Array(x.p);
    for (const [name, value] of Object.entries(options.truth)) {
      const j = x.names.indexOf(name);
      if (j < 0) throw new OptionError(`truth names "${name}", which is not a feature (features: ${x.names.slice(0, 8).join(", ")}${x.p > 8 ? ", …" : ""})`, "truth");
      if (!Number.isFinite(value)) throw new OptionError(`truth: ${name} must be a finite number, got ${value}`, "truth");
      beta[j] = value;
    }
    // The intercept that keeps the mean of the planted η at the fit's (gaussian: ȳ).
    const mean = (v: Float64Array) => v.reduce((s, t) => s + t, 0) / v.length;
    intercept = mean(linear(x, intercept0, relaxed)) - mean(linear(x, 0, beta));
    source = "given";
  }
  const support = Int32Array.from(Array.from(beta).flatMap((b, j) => (b !== 0 ? [j] : [])));
  return { beta, intercept, sigma, support, source, lambda1se: cv.lambda1se };
}

/** New outcomes around the planted truth: η + σε (gaussian) or Bernoulli(1/(1 + e^−η)) (binomial). */
export function drawOutcome(x: ModelMatrix, truth: PlantedTruth, rng: Rng): Float64Array {
  checkArguments("drawOutcome", { x, truth, rng }, { x: matrixRule, truth: truthRule, rng: rngRule });
  const eta = linear(x, truth.intercept, truth.beta);
  return Number.isNaN(truth.sigma) ? eta.map((e) => (rng.uniform() < 1 / (1 + Math.exp(-e)) ? 1 : 0)) : eta.map((e) => e + truth.sigma * rng.normal());
}

function recovered(beta: Float64Array, truth: PlantedTruth): PlantedRecovery {
  let tp = 0, fp = 0, signErrors = 0;
  for (let j = 0; j < beta.length; j++) {
    if (beta[j] === 0) continue;
    if (truth.beta[j] !== 0) {
      tp++;
      if (Math.sign(beta[j]) !== Math.sign(truth.beta[j])) signErrors++;
    } else fp++;
  }
  return { tp, fp, exact: tp === truth.support.length && fp === 0, signErrors, beta };
}

/** Repetition r: draw y around the truth, cross-validate the fit on the user's X, record both choices of λ. */
export function runPlantedRep(x: ModelMatrix, truth: PlantedTruth, options: PlantOptions, rep: number, state: readonly number[]): PlantedRepetition {
  checkArguments("runPlantedRep", { x, truth, options, rep, state }, { x: matrixRule, truth: truthRule, options: optionsRule(PLANT_OPTIONS), rep: countRule, state: numbersRule() });
  const r = resolve(options);
  const rng = rngFromState(state);
  const y = drawOutcome(x, truth, rng);
  const seed = rng.integer(0x7fffffff);
  const cv = cvPath(x, y, { ...r.fit, nfolds: r.nfolds, seed });
  const at = (k: number) => {
    const b = new Float64Array(x.p);
    const s = cv.path.beta[k];
    for (let t = 0; t < s.index.length; t++) b[s.index[t]] = s.value[t];
    return recovered(b, truth);
  };
  return { rep, lambdaMin: at(cv.indexMin), lambda1se: at(cv.index1se) };
}

function summarizeChoice(names: readonly string[], truth: PlantedTruth, runs: readonly PlantedRecovery[]): PlantedChoice {
  const R = runs.length;
  const mean = (f: (r: PlantedRecovery) => number) => runs.reduce((s, r) => s + f(r), 0) / R;
  const s = truth.support.length;
  return {
    pExact: mean((r) => (r.exact ? 1 : 0)),
    pAllFound: mean((r) => (r.tp === s ? 1 : 0)),
    meanTP: mean((r) => r.tp),
    meanFP: mean((r) => r.fp),
    pSignError: mean((r) => (r.signErrors > 0 ? 1 : 0)),
    bias: Array.from(truth.support, (j) => {
      const meanEstimate = mean((r) => r.beta[j]);
      return { variable: names[j], beta: truth.beta[j], meanEstimate, bias: meanEstimate - truth.beta[j], selected: mean((r) => (r.beta[j] !== 0 ? 1 : 0)) };
    }),
    selectionFrequency: names.map((_, j) => mean((r) => (r.beta[j] !== 0 ? 1 : 0))),
  };
}

/** The correlation matrix of X's columns (1/n), the lasso's Gram matrix of the standardized design; constant columns 0. */
export function correlationMatrix(x: ModelMatrix): Float64Array {
  checkArguments("correlationMatrix", { x }, { x: matrixRule });
  const { n, p, data } = x;
  const z = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[j * n + i];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[j * n + i] - m) ** 2;
    const sd = Math.sqrt(v / n);
    if (sd > 0) for (let i = 0; i < n; i++) z[j * n + i] = (data[j * n + i] - m) / sd;
  }
  const c = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += z[j * n + i] * z[k * n + i];
      c[j * p + k] = c[k * p + j] = s / n;
    }
  }
  return c;
}

/** Average the repetitions in index order, with the irrepresentable condition of the user's X. */
export function summarizePlanted(x: ModelMatrix, truth: PlantedTruth, options: PlantOptions, reps: readonly PlantedRepetition[]): PlantedSummary {
  checkArguments("summarizePlanted", { x, truth, options, reps }, { x: matrixRule, truth: truthRule, options: optionsRule(PLANT_OPTIONS), reps: arrayOfRule(objectRule("a repetition's result"), "the repetitions' results") });
  const r = resolve(options);
  const sorted = [...reps].sort((a, b) => a.rep - b.rep);
  let ic: IrrepresentableCondition;
  try {
    ic = irrepresentableCondition(correlationMatrix(x), x.p, truth.beta, x.names);
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    ic = { value: null, variable: null, holds: null, values: new Float64Array(x.p), sentence: "The planted variables' columns are collinear in these data, so the irrepresentable condition is undefined." };
  }
  const lambdaMin = summarizeChoice(x.names, truth, sorted.map((s) => s.lambdaMin));
  const lambda1se = summarizeChoice(x.names, truth, sorted.map((s) => s.lambda1se));
  const pc = (f: number) => `${Math.round(100 * f)}%`;
  const observed = `In these ${sorted.length} repetitions on your rows the fit selected exactly the planted set in ${pc(lambdaMin.pExact)} at λ_min and ${pc(lambda1se.pExact)} at λ_1se.`;
  return {
    features: [...x.names], truth, reps: sorted.length, seed: r.seed,
    irrepresentable: { value: ic.value, variable: ic.variable === null ? null : x.names[ic.variable], holds: ic.holds, sentence: `${ic.sentence} ${observed}` },
    lambdaMin, lambda1se,
  };
}

/** Plant the truth and run every repetition in this thread. */
export function simulateOnData(x: ModelMatrix, y: ArrayLike<number>, options: PlantOptions = {}, onProgress?: (done: number, total: number) => void): PlantedSummary {
  checkArguments("simulateOnData", { x, y, options, onProgress }, { x: matrixRule, y: numericArrayRule, options: optionsRule(PLANT_OPTIONS), onProgress: optional(functionRule) });
  const r = resolve(options);
  const truth = plantTruth(x, y, options);
  const states = streamStates(r.seed, r.reps);
  const reps: PlantedRepetition[] = [];
  for (let k = 0; k < r.reps; k++) {
    reps.push(runPlantedRep(x, truth, options, k, states[k]));
    onProgress?.(k + 1, r.reps);
  }
  return summarizePlanted(x, truth, options, reps);
}

/** Fit options, checked as fitPath checks them. */
const FIT: Rule = (v, name) => {
  if (v === null || typeof v !== "object") throw new OptionError(`${name} must be fit options such as { alpha: 0.5 }, got ${String(v)}`, name);
  checkFitOptions(name, v);
};

/** The options of a planted-truth simulation (PlantOptions); the resolver checks the counts, naming each. */
const PLANT_OPTIONS: Schema<PlantOptions> = {
  fit: FIT, truth: objectRule("{ feature: coefficient }"), reps: checkedWhereUsed, seed: checkedWhereUsed, nfolds: checkedWhereUsed,
};
