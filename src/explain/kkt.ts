/**
 * The quantities of the KKT conditions, computed from the data at a solution, on glmnet's standardized
 * scale (TEACHING.md §1, DESIGN.md):
 *
 * - weights w̄ normalised to sum to 1;
 * - x̃_j = (x_j − x̄_j)/s_j, with x̄_j the weighted mean (0 without an intercept) and s_j the 1/n weighted
 *   standard deviation (1 without `standardize`);
 * - pull_j = Σ_i w̄_i x̃_ij (y_i − μ_i): minus the gradient of the datafit with respect to β̃_j = β_j·s_j
 *   (for gaussian |x̃_jᵀ W r|/n, for GLMs |x̃_jᵀ W (z − η)|/n, which is the same sum);
 * - price_j = λ·α·v_j, with v the penalty factors rescaled to sum to p;
 * - ridge part_j = λ(1−α)v_j β̃_j / s_y for gaussian (glmnet scales y to unit variance inside, s_y the 1/n
 *   sd of y, about 0 without an intercept) and λ(1−α)v_j β̃_j for GLMs.
 *
 * At the solution: pull_j = price_j·sign(β_j) + ridge_j when β_j ≠ 0 (inside its bounds), |pull_j| ≤ price_j
 * when β_j = 0. Nothing here calls the solver: the explanation checks the engine rather than repeating it.
 */
import type { ModelMatrix } from "../data/matrix.js";
import type { FamilyName } from "../model/family.js";
import { familyOf } from "../model/families/index.js";
import { ElasticNet } from "../model/penalties/elastic-net.js";
import { normalizePenaltyFactors } from "../model/penalty.js";
import { isConstantColumn, weightedMean, weightedSd } from "../solve/standardize.js";
import { coxScore, riskSets, type Survival } from "../model/partial-likelihood.js";
import { checkArguments, finiteNumber, nonNegativeNumber, numericArrayRule, optional, countRule, objectRule, choiceRule, type Rule } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { scalingRule, datafitSettingsRule } from "./arguments.js";
import { OptionError } from "../errors.js";

/** How the datafit sees the data: the parts of the fit settings the pulls depend on. */
export interface DatafitSettings {
  readonly family: FamilyName;
  readonly standardize: boolean;
  readonly intercept: boolean;
  /** Observation weights (1 each); normalised here to sum to 1. */
  readonly weights?: ArrayLike<number>;
  /** Offset added to the linear predictor (gaussian: subtracted from y before the fit, as glmnet). */
  readonly offset?: ArrayLike<number>;
  /** Cox: the survival outcome beside the times y. */
  readonly survival?: Survival;
}

/** The centring and scaling of every column, as glmnet's standardization does it. */
export interface ColumnScaling {
  /** x̄_j (weighted mean) with an intercept, 0 without. */
  readonly center: Float64Array;
  /** s_j with `standardize`, 1 without. */
  readonly scale: Float64Array;
  /** The 1/n weighted standard deviation of each column, whatever `standardize` says. */
  readonly sd: Float64Array;
  /** 1 when the column is constant (zero variance among the rows that carry weight): the fit leaves it out. */
  readonly constant: Uint8Array;
}

/** Weights scaled to sum to 1 (all 1/n when none are given). */
export function normalizedWeights(n: number, weights?: ArrayLike<number>): Float64Array {
  checkArguments("normalizedWeights", { n, weights }, { n: countRule, weights: optional(numericArrayRule) });
  const w = weights ? Float64Array.from(weights) : new Float64Array(n).fill(1);
  let s = 0;
  for (const v of w) s += v;
  for (let i = 0; i < n; i++) w[i] /= s;
  return w;
}

/** Weighted means and 1/n standard deviations of the columns, and which are constant. */
export function columnScaling(x: ModelMatrix, w: Float64Array, opts: { standardize: boolean; intercept: boolean; survival?: Survival }): ColumnScaling {
  checkArguments("columnScaling", { x, w, opts }, { x: matrixRule, w: numericArrayRule, opts: objectRule("the fit's settings { standardize, intercept }") });
  const { n, p, data } = x;
  const center = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const sd = new Float64Array(p);
  const constant = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    const o = j * n;
    // The fit's own mean and sd (standardizeDesign), so that both see the same scales.
    const m = weightedMean(data, o, n, w);
    const s = weightedSd(data, o, n, w, m);
    sd[j] = s;
    if (isConstantColumn(data, o, n) || !(s > 0) || !Number.isFinite(s)) {
      constant[j] = 1;
      continue;
    }
    // A Cox fit centres x though it has no intercept (its score sums to 0: the pulls do not depend on it).
    center[j] = opts.intercept || opts.survival ? m : 0;
    scale[j] = opts.standardize ? s : 1;
  }
  return { center, scale, sd, constant };
}

/** η = β0 + offset + Xβ. */
export function linearPredictor(x: ModelMatrix, a0: number, beta: ArrayLike<number>, offset?: ArrayLike<number>): Float64Array {
  checkArguments("linearPredictor", { x, a0, beta, offset }, { x: matrixRule, a0: finiteNumber, beta: numericArrayRule, offset: optional(numericArrayRule) });
  const { n, p, data } = x;
  const eta = new Float64Array(n).fill(a0);
  if (offset) for (let i = 0; i < n; i++) eta[i] += offset[i];
  for (let j = 0; j < p; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) eta[i] += b * data[o + i];
  }
  return eta;
}

/**
 * Whether glmnet fits the family by least squares (gaussian's elnet): y − offset is standardized inside,
 * and the row weights do not move with the fit, so ridge has a closed form and one decomposition serves
 * every λ; the IRLS families' working weights move with the solution.
 */
export function leastSquares(family: FamilyName): boolean {
  return familyOf(family).solver === "least-squares";
}

/** μ = g⁻¹(η) with the engine's guards (identity, logistic, exp): the family's mean. */
export function meanResponse(family: FamilyName, eta: Float64Array): Float64Array {
  const fam = familyOf(family);
  return eta.map((e) => fam.mean(e));
}

/**
 * s_y: the 1/n weighted standard deviation of y − offset (about its mean with an intercept, about 0
 * without) for a family glmnet fits by least squares (gaussian's elnet), which divides y by it inside;
 * 1 for the families fitted by IRLS.
 */
export function outcomeScale(y: ArrayLike<number>, w: Float64Array, settings: DatafitSettings): number {
  checkArguments("outcomeScale", { y, w, settings }, { y: numericArrayRule, w: numericArrayRule, settings: datafitSettingsRule });
  if (!leastSquares(settings.family)) return 1;
  const n = y.length;
  const off = settings.offset;
  const adjusted = Float64Array.from({ length: n }, (_, i) => y[i] - (off ? off[i] : 0));
  let m = 0;
  if (settings.intercept) for (let i = 0; i < n; i++) m += w[i] * adjusted[i];
  // As the solver computes it (gaussianScale): a sum of squares that underflows is rescaled, not 0.
  return weightedSd(adjusted, 0, n, w, m);
}

/**
 * The weighted residual w̄(y − μ) at the solution (β0, β) on the data's scale; for Cox, the partial
 * likelihood's score ∂loglik/∂η_i (with w̄), whose x̃_j-weighted sum is the pull as for every family.
 */
export function weightedResidual(
  x: ModelMatrix, y: ArrayLike<number>, w: Float64Array, settings: DatafitSettings, a0: number, beta: ArrayLike<number>,
): Float64Array {
  checkArguments("weightedResidual", { x, y, w, settings, a0, beta }, { x: matrixRule, y: numericArrayRule, w: numericArrayRule, settings: datafitSettingsRule, a0: finiteNumber, beta: numericArrayRule });
  const eta = linearPredictor(x, a0, beta, settings.offset);
  if (settings.survival) return coxScore(riskSets(y, settings.survival, w), eta);
  const mu = meanResponse(settings.family, eta);
  return mu.map((m, i) => w[i] * (y[i] - m));
}

/**
 * Signed pull of the data on each coefficient: Σ_i w̄_i x̃_ij (y_i − μ_i), for a weighted residual
 * `resid` = w̄(y − μ). A constant column's pull is 0 (x̃ is identically 0 there).
 */
export function pullsFromResidual(x: ModelMatrix, scaling: ColumnScaling, resid: Float64Array): Float64Array {
  checkArguments("pullsFromResidual", { x, scaling, resid }, { x: matrixRule, scaling: scalingRule, resid: numericArrayRule });
  const { n, p, data } = x;
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (scaling.constant[j]) continue;
    const o = j * n;
    const c = scaling.center[j];
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[o + i] - c) * resid[i];
    out[j] = Number.isFinite(s) ? s / scaling.scale[j] : scaledPull(data, o, n, c, scaling.scale[j], resid);
  }
  return out;
}

/**
 * Σ_i ((x_ij − c)/s)·r_i, each term scaled before the sum: the pull when the unscaled products overflow
 * (a column near 1e300 against residuals far from 0), as the solver sees it on its standardized x̃.
 */
function scaledPull(data: Float64Array, o: number, n: number, c: number, scale: number, resid: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += ((data[o + i] - c) / scale) * resid[i];
  return s;
}

/**
 * The intercept of the null model (every coefficient zero), the family's own (the one every fit starts
 * from): the weighted mean of y − offset for gaussian, log(Σw̄y / Σw̄·e^offset) for Poisson, logit(ȳ)
 * moved by the offset for binomial; 0 without an intercept, and 0 where y leaves it infinite (an outcome
 * of one class or all zero: the value serves as a scale only).
 */
export function nullIntercept(y: ArrayLike<number>, w: Float64Array, settings: DatafitSettings): number {
  if (!settings.intercept) return 0;
  const b0 = familyOf(settings.family).nullIntercept(Float64Array.from(y), w, settings.offset ? Float64Array.from(settings.offset) : null);
  return Number.isFinite(b0) ? b0 : 0;
}

/**
 * The scale of the pulls: the largest |pull| on the null model (the λ_max·α·v_j of a default path). A KKT
 * violation is judged against it, because the pulls and prices at the solution vanish as λ → 0 and rounding
 * noise would look as large as they are.
 */
export function nullPullScale(x: ModelMatrix, y: ArrayLike<number>, w: Float64Array, scaling: ColumnScaling, settings: DatafitSettings, usable: (j: number) => boolean): number {
  const pull = pullsFromResidual(x, scaling, weightedResidual(x, y, w, settings, nullIntercept(y, w, settings), new Float64Array(x.p)));
  let m = 0;
  for (let j = 0; j < x.p; j++) if (usable(j)) m = Math.max(m, Math.abs(pull[j]));
  return m;
}

/** Signed pulls at the solution (β0, β), from the data alone. */
export function pulls(x: ModelMatrix, y: ArrayLike<number>, settings: DatafitSettings, a0: number, beta: ArrayLike<number>): Float64Array {
  checkArguments("pulls", { x, y, settings, a0, beta }, { x: matrixRule, y: numericArrayRule, settings: datafitSettingsRule, a0: finiteNumber, beta: numericArrayRule });
  const w = normalizedWeights(x.n, settings.weights);
  const scaling = columnScaling(x, w, settings);
  return pullsFromResidual(x, scaling, weightedResidual(x, y, w, settings, a0, beta));
}

/**
 * The penalty factors v the penalty uses: as given, excluded ones (Infinity) counted as 1 (glmnet gives
 * them factor 1 before rescaling, so exclusion does not move λ_max), rescaled to sum to p.
 */
export function penaltyWeights(penaltyFactor: ArrayLike<number>): Float64Array {
  checkArguments("penaltyWeights", { penaltyFactor }, { penaltyFactor: numericArrayRule });
  return normalizePenaltyFactors(Array.from(penaltyFactor, (v) => (v === Infinity ? 1 : v)));
}

/** The elastic net with mixing α and penalty factors v (its bounds play no part in a price). */
function elasticNet(alpha: number, v: ArrayLike<number>): ElasticNet {
  const none = new Float64Array(0);
  return new ElasticNet({ alpha, vp: Float64Array.from(v), lower: none, upper: none });
}

/** price_j = λ·α·v_j: what it costs to move β̃_j off zero, per unit (the elastic net's price at β = 0). */
export function prices(lambda: number, alpha: number, v: ArrayLike<number>): Float64Array {
  checkArguments("prices", { lambda, alpha, v }, { lambda: nonNegativeNumber, alpha: finiteNumber, v: numericArrayRule });
  const penalty = elasticNet(alpha, v);
  return Float64Array.from(v, (_, j) => penalty.price(j, lambda, 0));
}

/**
 * The ridge part λ(1−α)v_j β̃_j / s_y (s_y = 1 for GLMs): the extra pull a nonzero β̃_j must balance, signed
 * as β̃_j. It is what the elastic net's price adds beyond its price at 0: the price of its ridge half, an
 * elastic net with α = 0 at λ(1−α), at |β̃_j|, over s_y (glmnet's least-squares solver divides y by s_y).
 */
export function ridgeParts(lambda: number, alpha: number, v: ArrayLike<number>, betaStd: ArrayLike<number>, sy: number): Float64Array {
  checkArguments("ridgeParts", { lambda, alpha, v, betaStd, sy }, { lambda: nonNegativeNumber, alpha: finiteNumber, v: numericArrayRule, betaStd: numericArrayRule, sy: finiteNumber });
  const ridge = elasticNet(0, v);
  const weight = lambda * (1 - alpha);
  return Float64Array.from(v, (_, j) => (betaStd[j] === 0 ? 0 : (Math.sign(betaStd[j]) * ridge.price(j, weight, betaStd[j])) / sy));
}

/** Which side of a box constraint a coefficient is held by, if any. */
export type BoundSide = "lower" | "upper" | null;

/**
 * Whether β_j is held by a bound: it equals a nonzero bound (to rounding: the engine clamps on its own
 * scale), or it is 0 with a bound at 0 on the side the data pull towards.
 */
export function boundSide(beta: number, pull: number, price: number, lower: number, upper: number): BoundSide {
  checkArguments("boundSide", { beta, pull, price, lower, upper }, { beta: finiteNumber, pull: finiteNumber, price: nonNegativeNumber, lower: ANY_NUMBER, upper: ANY_NUMBER });
  const on = (b: number) => Number.isFinite(b) && b !== 0 && Math.abs(beta - b) <= 1e-9 * Math.abs(b);
  if (beta !== 0) return on(lower) ? "lower" : on(upper) ? "upper" : null;
  if (upper === 0 && pull > price) return "upper";
  if (lower === 0 && pull < -price) return "lower";
  return null;
}

/**
 * How far one coefficient is from satisfying its KKT condition, in pull units (0 when it holds exactly).
 * β = 0: the pull beyond the price (unless a bound at 0 holds it); β ≠ 0: |pull − (price·sign β + ridge)|,
 * one-sided on a bound (the data may push into it).
 */
export function kktGap(beta: number, pull: number, price: number, ridge: number, bound: BoundSide): number {
  checkArguments("kktGap", { beta, pull, price, ridge, bound }, { beta: finiteNumber, pull: finiteNumber, price: nonNegativeNumber, ridge: finiteNumber, bound: BOUND });
  if (beta === 0) return bound !== null ? 0 : Math.max(0, Math.abs(pull) - price);
  const gap = pull - (price * Math.sign(beta) + ridge);
  if (bound === "lower") return Math.max(0, gap);
  if (bound === "upper") return Math.max(0, -gap);
  return Math.abs(gap);
}

/** A bound, which may be infinite (no bound). */
const ANY_NUMBER: Rule = (v, name) => {
  if (typeof v !== "number" || Number.isNaN(v)) throw new OptionError(`${name} must be a number (±Infinity for no bound), got ${String(v)}`, name);
};

/** Which bound a coefficient sits at, if any (BoundSide). */
const BOUND: Rule = (v, name) => {
  if (v !== null) choiceRule(() => ["lower", "upper"])(v, name);
};
