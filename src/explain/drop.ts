/**
 * What dropping a kept coefficient would cost, and what forcing a zero one in would gain, at one λ
 * (TEACHING.md, question 11: "why doesn't it throw away one that matters?").
 *
 * For each nonzero β_j: the model refitted at the same λ with x_j left out. The rise in training deviance
 * is what β_j buys; its pull at zero (in that refit) as a multiple of its price λ·α·v_j says how far from
 * zero the data hold it (above 1: zero is not a solution, which is why the lasso keeps it). For each zero
 * β_j: the model refitted with x_j unpenalized (forced in), and the fall in deviance that buys. Where
 * folds are given, the same refits are cross-validated on them, so a drop that costs training deviance but
 * not prediction error shows as such.
 *
 * The other coefficients keep their prices: glmnet rescales the penalty factors to sum to p, so removing
 * or freeing one would raise every other price; λ is scaled to undo that (λ' = λ·G'/G, G the factors' sum
 * before, G' after, excluded ones counted as 1 as glmnet counts them).
 */
import { cvPath } from "../cv/cv.js";
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import type { Measure } from "../model/family.js";
import { fitPath } from "../solve/path.js";
import { coefficientsAt } from "../solve/predict.js";
import type { FitOptions, Path } from "../solve/types.js";
import { refitOptions, type ExplainData } from "./explain.js";
import { columnScaling, normalizedWeights, penaltyWeights, prices, pullsFromResidual, weightedResidual, type DatafitSettings } from "./kkt.js";
import { checkArguments, optionsRule, nonNegativeNumber, numberRule, objectRule, arrayOfRule, countRule, type Schema } from "../data/arguments.js";
import { pathRule } from "../solve/arguments.js";
import { explainDataRule } from "./arguments.js";

/** Options of dropCosts: the λ, cross-validation folds for the refits, which variables, the refits' thresh. */
export interface DropCostOptions {
  /** The λ of the solution (e.g. Explanation.lambda). */
  readonly lambda: number;
  /** Cross-validate every refit on these folds (e.g. the cv's foldid), with this measure (the family's default). */
  readonly cv?: { readonly foldid: ArrayLike<number>; readonly measure?: Measure };
  /** Which variables (indices): default every one that is neither excluded nor constant. */
  readonly features?: readonly number[];
  /** Convergence threshold of the refits (1e-12: the differences are small, the refits must be tight). */
  readonly thresh?: number;
}

/** One variable's counterfactual at this λ. */
export interface DropCost {
  readonly feature: string;
  readonly index: number;
  /** "drop": β_j ≠ 0, refitted without x_j; "force": β_j = 0, refitted with x_j unpenalized. */
  readonly kind: "drop" | "force";
  /** β_j at the solution (0 for "force"). */
  readonly coefficient: number;
  /** "force": the value x_j takes when forced in; "drop": 0. */
  readonly refitCoefficient: number;
  /**
   * The deviance the variable is worth at this λ: drop, deviance without it − with it (the cost of
   * dropping, ≥ 0 up to the refits' precision); force, deviance now − forced in (the gain, ≥ 0).
   */
  readonly deviance: number;
  /** `deviance` as a share of the null deviance. */
  readonly devianceShare: number;
  /**
   * How much worse the cross-validated error is without it (drop), or how much better with it forced in
   * (force), in the measure's units (for AUC, a fall in AUC counts as worse); null without folds.
   */
  readonly cv: number | null;
  /** |pull| on β_j at zero: in the refit without x_j (drop), at the solution (force). */
  readonly pullAtZero: number;
  /** λ·α·v_j, the price to leave zero. */
  readonly price: number;
  /** pullAtZero / price (null when the price is 0, unpenalized or ridge, or so small the ratio overflows). Above 1: zero is no solution. */
  readonly pullRatio: number | null;
  /**
   * The other coefficient that moves most (standardized) in the refit, from and to, on the data's scale:
   * often a correlated variable taking over (drop) or giving way (force). Null when nothing moves.
   */
  readonly mostChanged: { readonly feature: string; readonly from: number; readonly to: number } | null;
}

/** What dropping each kept variable (or forcing in each zero one) costs at λ, in deviance and, with folds, in cross-validated error. */
export interface DropCosts {
  readonly lambda: number;
  /** Deviance of the full refit at λ (the baseline every cost is measured from). */
  readonly deviance: number;
  readonly nullDeviance: number;
  /** The measure and the baseline's cross-validated error, when folds were given. */
  readonly measure: Measure | null;
  readonly cvError: number | null;
  readonly costs: readonly DropCost[];
}

/** A tight refit's settings: the refits differ by little, and the path's thresh would drown it. */
const DROP_THRESH = 1e-12;

/** The factors as the solver counts them before rescaling: excluded (Infinity) as 1 (see penaltyWeights). */
function factorSum(penaltyFactor: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < penaltyFactor.length; j++) s += penaltyFactor[j] === Infinity ? 1 : Math.max(0, penaltyFactor[j]);
  return s;
}

/**
 * The settings with variable j's factor replaced by `factor` (Infinity: left out; 0: unpenalized), and λ
 * scaled so every other variable keeps its rescaled factor v_k: λ' = λ·G'/G.
 */
export function withFactor(settings: FitOptions, p: number, j: number, factor: number, lambda: number): FitOptions {
  const given = Float64Array.from(settings.penaltyFactor as ArrayLike<number>);
  if (given.length !== p) throw new OptionError(`penaltyFactor has ${given.length} values for ${p} features`, "penaltyFactor");
  const before = factorSum(given);
  given[j] = factor;
  const after = factorSum(given);
  const scaled = before > 0 && after > 0 ? (lambda * after) / before : lambda;
  return { ...settings, penaltyFactor: given, lambda: [scaled] };
}

/** A fit at the one λ of `settings`, cold, or warm down `above` (λs above it, same units) when cold runs out of passes. */
function fitAt(x: ModelMatrix, y: ArrayLike<number>, settings: FitOptions, above: readonly number[]): { a0: number; beta: Float64Array; devRatio: number; nullDeviance: number } {
  let path: Path = fitPath(x, y, settings);
  if (path.lambda.length === 0 && above.length > 0) {
    path = fitPath(x, y, { ...settings, lambda: [...above, settings.lambda![0]] });
    if (path.lambda.length < above.length + 1) throw new OptionError(`the refit at λ = ${settings.lambda![0]} did not converge: ${path.warnings.join("; ")}`, "lambda");
  }
  if (path.lambda.length === 0) throw new OptionError(`the refit at λ = ${settings.lambda![0]} did not converge: ${path.warnings.join("; ")}`, "lambda");
  const k = path.lambda.length - 1;
  return { a0: path.intercept[k], beta: coefficientsAt(path, k), devRatio: path.devRatio[k], nullDeviance: path.nullDeviance };
}

/** The cross-validated error of the fit at the one λ of `settings`, on the given folds. */
function cvErrorAt(x: ModelMatrix, y: ArrayLike<number>, settings: FitOptions, cv: NonNullable<DropCostOptions["cv"]>): { error: number; measure: Measure } {
  const r = cvPath(x, y, { ...settings, foldid: cv.foldid, measure: cv.measure });
  return { error: r.cvm[0], measure: r.measure };
}

/** How much worse `without` is than `with`, in a measure where lower is better except for AUC. */
function worseBy(measure: Measure, withIt: number, without: number): number {
  return measure === "auc" ? withIt - without : without - withIt;
}

/** The other coefficient that moved most, measured per standard deviation of its feature. */
function mostChanged(names: readonly string[], sd: Float64Array, j: number, from: Float64Array, to: Float64Array): DropCost["mostChanged"] {
  let best = -1;
  let size = 0;
  for (let k = 0; k < from.length; k++) {
    if (k === j) continue;
    const d = Math.abs(to[k] - from[k]) * sd[k];
    if (d > size) [best, size] = [k, d];
  }
  return best < 0 ? null : { feature: names[best], from: from[best], to: to[best] };
}

/**
 * What each variable is worth at λ: for a nonzero one, the refit without it (rise in deviance, in CV error
 * where folds are given, its pull at zero over its price); for a zero one, the refit with it forced in
 * (unpenalized) and the fall in deviance and CV error that buys. See the module comment.
 */
export function dropCosts(path: Path, data: ExplainData, options: DropCostOptions): DropCosts {
  checkArguments("dropCosts", { path, data, options }, { path: pathRule, data: explainDataRule, options: optionsRule(DROP_OPTIONS, true) });
  const { x, y } = data;
  const { p, n } = x;
  const lambda = options.lambda;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new OptionError(`lambda must be a finite number ≥ 0, got ${lambda}`, "lambda");
  const base: FitOptions = { ...refitOptions(path, data), thresh: Math.min(options.thresh ?? DROP_THRESH, path.settings.thresh), maxit: Math.max(path.settings.maxit, 1e7) };
  const above = Array.from(path.lambda).filter((l) => l > lambda);
  const full = fitAt(x, y, { ...base, lambda: [lambda] }, above);
  const nullDeviance = full.nullDeviance;
  const devianceOf = (devRatio: number) => nullDeviance * (1 - devRatio);
  const baseCv = options.cv ? cvErrorAt(x, y, { ...base, lambda: [lambda] }, options.cv) : null;

  const s = path.settings;
  const settings: DatafitSettings = { family: s.family, standardize: s.standardize, intercept: s.intercept, weights: data.weights, offset: data.offset, survival: data.survival };
  const w = normalizedWeights(n, data.weights);
  const scaling = columnScaling(x, w, settings);
  const price = prices(lambda, s.alpha, penaltyWeights(s.penaltyFactor));
  const pullsAt = (a0: number, beta: Float64Array) => pullsFromResidual(x, scaling, weightedResidual(x, y, w, settings, a0, beta));
  const fullPull = pullsAt(full.a0, full.beta);

  const usable = (j: number) => s.penaltyFactor[j] !== Infinity && !scaling.constant[j];
  const which = options.features ?? Array.from({ length: p }, (_, j) => j).filter(usable);
  const costs: DropCost[] = [];
  for (const j of which) {
    if (!Number.isInteger(j) || j < 0 || j >= p) throw new OptionError(`features: index ${j} is out of range 0..${p - 1}`, "features");
    if (!usable(j)) continue;
    const drop = full.beta[j] !== 0;
    const refit = withFactor(base, p, j, drop ? Infinity : 0, lambda);
    const scale = refit.lambda![0] / lambda;
    const r = fitAt(x, y, refit, above.map((l) => l * scale));
    const change = drop ? devianceOf(r.devRatio) - devianceOf(full.devRatio) : devianceOf(full.devRatio) - devianceOf(r.devRatio);
    let cv: number | null = null;
    if (options.cv && baseCv) {
      const e = cvErrorAt(x, y, refit, options.cv).error;
      cv = drop ? worseBy(baseCv.measure, baseCv.error, e) : worseBy(baseCv.measure, e, baseCv.error);
    }
    const pullAtZero = Math.abs(drop ? pullsAt(r.a0, r.beta)[j] : fullPull[j]);
    costs.push({
      feature: x.names[j], index: j, kind: drop ? "drop" : "force",
      coefficient: full.beta[j], refitCoefficient: drop ? 0 : r.beta[j],
      deviance: change, devianceShare: nullDeviance > 0 ? change / nullDeviance : 0, cv,
      pullAtZero, price: price[j], pullRatio: ratioOrNull(pullAtZero, price[j]),
      mostChanged: mostChanged(x.names, scaling.sd, j, full.beta, r.beta),
    });
  }
  return {
    lambda, deviance: devianceOf(full.devRatio), nullDeviance,
    measure: baseCv?.measure ?? null, cvError: baseCv?.error ?? null, costs,
  };
}

/** The options dropCosts takes, each with its rule (DropCostOptions). */
const DROP_OPTIONS: Schema<DropCostOptions> = {
  lambda: nonNegativeNumber,
  cv: objectRule("{ foldid, measure? }: the folds to cross-validate each refit on"),
  features: arrayOfRule(countRule, "an array of feature positions"),
  thresh: numberRule({ above: 0 }),
};

/** a/b when it is a finite number; null when b is 0 or so small that the ratio overflows (no price to compare with). */
function ratioOrNull(a: number, b: number): number | null {
  const r = a / b;
  return b > 0 && Number.isFinite(r) ? r : null;
}
