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
import { NoSolutionError, OptionError } from "../errors.js";
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
  /** Variables whose refit has no solution at λ (e.g. forced in, it separates some rows' classes): no cost, and why. */
  readonly unfitted: readonly DropUnfitted[];
}

/** A variable left out of the costs: its refit ("drop" without it, "force" with it unpenalized) found no solution. */
export interface DropUnfitted {
  readonly feature: string;
  readonly index: number;
  readonly kind: "drop" | "force";
  /** The refit's own message (what diverged or ran out of passes, at which λ). */
  readonly reason: string;
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

/** A solution at one λ: intercept, coefficients (the data's scale) and the deviance explained. */
export interface DropSolution { readonly a0: number; readonly beta: Float64Array; readonly devRatio: number; readonly nullDeviance: number }

/**
 * A fit at the one λ of `settings` by `fit` (a path on the rows, or from their moments), cold, or warm
 * down `above` (λs above it, same units) when cold runs out of passes; a NoSolutionError when neither fits.
 */
export function fitAt(fit: (settings: FitOptions) => Path, settings: FitOptions, above: readonly number[]): DropSolution {
  const at = settings.lambda![0];
  let path = coldFit(fit, settings, above.length > 0);
  if (path === null) {
    path = fit({ ...settings, lambda: [...above, at] });
    if (path.lambda.length < above.length + 1) throw new NoSolutionError(`the refit at λ = ${at} did not converge: ${path.warnings.join("; ")}`, "maxit");
  }
  const k = path.lambda.length - 1;
  return { a0: path.intercept[k], beta: coefficientsAt(path, k), devRatio: path.devRatio[k], nullDeviance: path.nullDeviance };
}

/** The fit at λ from a cold start, or null when it ran out of passes there and a warm start from the λs above may reach it. */
function coldFit(fit: (settings: FitOptions) => Path, settings: FitOptions, warmable: boolean): Path | null {
  try {
    return fit(settings);
  } catch (e) {
    if (warmable && e instanceof NoSolutionError && e.option === "maxit") return null;
    throw e;
  }
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

/** The settings every refit starts from: the path's, with a tight thresh and room for the passes it needs. */
export function dropBase(settings: FitOptions, path: Path, thresh?: number): FitOptions {
  return { ...settings, thresh: Math.min(thresh ?? DROP_THRESH, path.settings.thresh), maxit: Math.max(path.settings.maxit, 1e7) };
}

/** λ given to dropCosts: a finite number ≥ 0. */
export function checkDropLambda(lambda: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new OptionError(`lambda must be a finite number ≥ 0, got ${lambda}`, "lambda");
}

/** One refit of dropCosts: variable `index` left out (drop, β_j ≠ 0) or unpenalized (force, β_j = 0), at λ' = λ·G'/G. */
export interface DropRefit {
  readonly index: number;
  readonly drop: boolean;
  readonly settings: FitOptions;
  /** λ'/λ, to scale the λs above λ alike for a warm start. */
  readonly scale: number;
}

/** The refits of the asked variables (default: every usable one), each with its settings (withFactor). */
export function dropRefits(base: FitOptions, p: number, fullBeta: Float64Array, lambda: number, usable: (j: number) => boolean, features?: readonly number[]): DropRefit[] {
  const which = features ?? Array.from({ length: p }, (_, j) => j).filter(usable);
  const out: DropRefit[] = [];
  for (const j of which) {
    if (!Number.isInteger(j) || j < 0 || j >= p) throw new OptionError(`features: index ${j} is out of range 0..${p - 1}`, "features");
    if (!usable(j)) continue;
    const drop = fullBeta[j] !== 0;
    const settings = withFactor(base, p, j, drop ? Infinity : 0, lambda);
    out.push({ index: j, drop, settings, scale: lambda > 0 ? settings.lambda![0] / lambda : 1 });
  }
  return out;
}

/** The baseline every cost is measured from: the full refit at λ, its deviance, pulls and CV error. */
export interface DropBaseline {
  readonly beta: Float64Array;
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly pulls: Float64Array;
  readonly cv: { readonly error: number; readonly measure: Measure } | null;
}

/** What one refit gives: its coefficients (the data's scale), deviance, pulls and CV error (null without folds). */
export interface DropRefitResult {
  readonly beta: Float64Array;
  readonly deviance: number;
  readonly pulls: Float64Array;
  readonly cvError: number | null;
}

/** What the costs read of the columns: their names, standard deviations and prices λ·α·v_j. */
export interface DropColumns {
  readonly names: readonly string[];
  readonly sd: Float64Array;
  readonly price: Float64Array;
}

/** The columns as the costs read them at λ: prices from the path's penalty factors (excluded ones counted as 1). */
export function dropColumns(path: Path, names: readonly string[], sd: Float64Array, lambda: number): DropColumns {
  return { names, sd, price: prices(lambda, path.settings.alpha, penaltyWeights(path.settings.penaltyFactor)) };
}

/** One variable's cost from its refit against the baseline (see DropCost). */
export function dropCostOf(columns: DropColumns, base: DropBaseline, refit: DropRefit, r: DropRefitResult): DropCost {
  const { index: j, drop } = refit;
  const nullDeviance = base.nullDeviance;
  const change = drop ? r.deviance - base.deviance : base.deviance - r.deviance;
  let cv: number | null = null;
  if (base.cv && r.cvError !== null) cv = drop ? worseBy(base.cv.measure, base.cv.error, r.cvError) : worseBy(base.cv.measure, r.cvError, base.cv.error);
  const pullAtZero = Math.abs(drop ? r.pulls[j] : base.pulls[j]);
  const price = columns.price[j];
  return {
    feature: columns.names[j], index: j, kind: drop ? "drop" : "force",
    coefficient: base.beta[j], refitCoefficient: drop ? 0 : r.beta[j],
    deviance: change, devianceShare: nullDeviance > 0 ? change / nullDeviance : 0, cv,
    pullAtZero, price, pullRatio: ratioOrNull(pullAtZero, price),
    mostChanged: mostChanged(columns.names, columns.sd, j, base.beta, r.beta),
  };
}

/** What the refits of dropCostsWith read of the data: fits at one λ, their CV error, the pulls at a solution. */
export interface DropData {
  /** The names, the columns' sds (the data's, whatever standardize says) and which are constant. */
  readonly names: readonly string[];
  readonly scaling: { readonly sd: Float64Array; readonly constant: Uint8Array };
  /** The path fitted with these settings (one λ, or a few ending at it). */
  fit(settings: FitOptions): Path;
  /** The cross-validated error at the one λ of `settings` (null: no folds). */
  cvError(settings: FitOptions): { error: number; measure: Measure } | null;
  /** The pulls Σ w̄·x̃_j·(y − μ) at a solution (the data's scale). */
  pullsAt(a0: number, beta: Float64Array): Float64Array;
}

/**
 * dropCosts on any data that can refit at one λ (the rows, or their moments): the full refit at λ, then
 * one refit per variable (dropRefits), each cross-validated where the data have folds.
 */
export function dropCostsWith(path: Path, base: FitOptions, data: DropData, options: Omit<DropCostOptions, "cv">): DropCosts {
  const lambda = options.lambda;
  checkDropLambda(lambda);
  const p = data.names.length;
  const above = Array.from(path.lambda).filter((l) => l > lambda);
  const full = fitAt(data.fit, { ...base, lambda: [lambda] }, above);
  const nullDeviance = full.nullDeviance;
  const devianceOf = (devRatio: number) => nullDeviance * (1 - devRatio);
  const s = path.settings;
  const baseline: DropBaseline = {
    beta: full.beta, deviance: devianceOf(full.devRatio), nullDeviance, pulls: data.pullsAt(full.a0, full.beta), cv: data.cvError({ ...base, lambda: [lambda] }),
  };
  const columns = dropColumns(path, data.names, data.scaling.sd, lambda);
  const usable = (j: number) => s.penaltyFactor[j] !== Infinity && !data.scaling.constant[j];
  const costs: DropCost[] = [];
  const unfitted: DropUnfitted[] = [];
  for (const refit of dropRefits(base, p, full.beta, lambda, usable, options.features)) {
    try {
      const r = fitAt(data.fit, refit.settings, above.map((l) => l * refit.scale));
      const cv = baseline.cv ? data.cvError(refit.settings) : null;
      costs.push(dropCostOf(columns, baseline, refit, { beta: r.beta, deviance: devianceOf(r.devRatio), pulls: refit.drop ? data.pullsAt(r.a0, r.beta) : baseline.pulls, cvError: cv?.error ?? null }));
    } catch (e) {
      // One variable's refit without a solution leaves its cost out, said; the others stand.
      if (!(e instanceof NoSolutionError)) throw e;
      unfitted.push({ feature: data.names[refit.index], index: refit.index, kind: refit.drop ? "drop" : "force", reason: e.message });
    }
  }
  return { lambda, deviance: baseline.deviance, nullDeviance, measure: baseline.cv?.measure ?? null, cvError: baseline.cv?.error ?? null, costs, unfitted };
}

/**
 * What each variable is worth at λ: for a nonzero one, the refit without it (rise in deviance, in CV error
 * where folds are given, its pull at zero over its price); for a zero one, the refit with it forced in
 * (unpenalized) and the fall in deviance and CV error that buys. See the module comment.
 */
export function dropCosts(path: Path, data: ExplainData, options: DropCostOptions): DropCosts {
  checkArguments("dropCosts", { path, data, options }, { path: pathRule, data: explainDataRule, options: optionsRule(DROP_OPTIONS, true) });
  const { x, y } = data;
  checkDropLambda(options.lambda);
  const base = dropBase(refitOptions(path, data), path, options.thresh);
  const s = path.settings;
  const settings: DatafitSettings = { family: s.family, standardize: s.standardize, intercept: s.intercept, weights: data.weights, offset: data.offset, survival: data.survival };
  const w = normalizedWeights(x.n, data.weights);
  const scaling = columnScaling(x, w, settings);
  const cv = options.cv;
  return dropCostsWith(path, base, {
    names: x.names, scaling,
    fit: (refit) => fitPath(x, y, refit),
    cvError: (refit) => (cv ? cvErrorAt(x, y, refit, cv) : null),
    pullsAt: (a0, beta) => pullsFromResidual(x, scaling, weightedResidual(x, y, w, settings, a0, beta)),
  }, options);
}

/** The options dropCosts takes, each with its rule (DropCostOptions). */
const DROP_OPTIONS: Schema<DropCostOptions> = {
  lambda: nonNegativeNumber,
  cv: objectRule("{ foldid, measure? }: the folds to cross-validate each refit on"),
  features: arrayOfRule(countRule, "an array of feature positions"),
  thresh: numberRule({ above: 0 }),
};

/** a/b when it is a finite number; null when b is 0 or so small that the ratio overflows (no price to compare with). */
export function ratioOrNull(a: number, b: number): number | null {
  const r = a / b;
  return b > 0 && Number.isFinite(r) ? r : null;
}
