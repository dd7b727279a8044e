/**
 * The evidence behind every coefficient of a fit at one λ (DESIGN.md, "The one idea"): the pull of the
 * data on it, the price of the penalty, which of the two won, how it got there along the path, and a KKT
 * check of the whole solution so that the explanation can be trusted.
 *
 * The pulls are computed from the data at the solution (src/explain/kkt.ts), not read from the solver:
 * they are a check on the engine as much as an account of it.
 */
import type { Survival } from "../model/partial-likelihood.js";
import type { CvResult } from "../cv/cv.js";
import type { ModelMatrix } from "../data/matrix.js";
import { NoSolutionError, OptionError } from "../errors.js";
import type { FamilyName } from "../model/family.js";
import { fitPath } from "../solve/path.js";
import { relaxPath } from "../solve/relax.js";
import { coef, coefficientsAt } from "../solve/predict.js";
import type { FitOptions, Path, RelaxedFit, SparseCoefficients } from "../solve/types.js";
import { weightedSd } from "../solve/standardize.js";
import { entryHistories, noEntry, type EntryHistory } from "./history.js";
import { columnsRank } from "./spectrum.js";
import {
  boundSide,
  columnScaling,
  kktGap,
  leastSquares,
  normalizedWeights,
  nullPullScale,
  outcomeScale,
  penaltyWeights,
  prices,
  pullsFromResidual,
  ridgeParts,
  weightedResidual,
  type BoundSide,
  type ColumnScaling,
  type DatafitSettings,
} from "./kkt.js";
import { checkArguments, numberRule, numericArrayRule, arrayOfRule, stringValue, optionsRule, objectRule, type Schema, checkedWhereUsed, finiteNumber, nonNegativeNumber, countRule, fieldsRule, finiteNumbers } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";
import { pathRule } from "../solve/arguments.js";
import { scalingRule, explainDataRule, historyRule, contextRule } from "./arguments.js";

/** A λ to explain: a number, or one chosen by cross-validation. */
export type LambdaChoice = number | "lambdaMin" | "lambda1se";

/** The data the path was fitted on (the same rows, weights and offset). */
export interface ExplainData {
  readonly x: ModelMatrix;
  readonly y: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
  readonly offset?: ArrayLike<number>;
  /** Cox: the status, start times and strata beside the times y. */
  readonly survival?: Survival;
  /** Rows held by an engine: x and y only stand in for their moments; the pulls and refits come from it. */
  readonly elsewhere?: RowsElsewhere;
}

/**
 * A binomial or Poisson fit's rows in an engine (src/explain/source.ts): x and y are rows with the same
 * moments (scales, correlations), and what depends on the rows beyond those was computed by the engine.
 */
export interface RowsElsewhere {
  /** The signed pulls at a solution (β0, β) on the data's scale: the path's first, the explained one. */
  pullsAt(a0: number, beta: Float64Array): Float64Array;
  /** The pulls on the null model (every coefficient zero), for the KKT scale. */
  readonly nullPulls: Float64Array;
  /** The solution at λ alone (explain's refit), fitted on the rows by the engine. */
  refit(lambda: number): Path;
}

/** Options of explain: the λ (a number, λ_min or λ_1se with a CV result), the relaxed refit. */
export interface ExplainOptions {
  readonly lambda: LambdaChoice;
  /** Cross-validation of the path: needed for "lambdaMin" and "lambda1se". */
  readonly cv?: CvResult;
  /**
   * Relaxed coefficients at this λ (the unpenalized refit on the active set, original scale), to show
   * how far the penalty pulled each survivor towards zero. Read from the path when it was fitted with
   * relax; give them here otherwise.
   */
  readonly relaxed?: ArrayLike<number>;
}

/**
 * Why a coefficient is where it is:
 * - active: nonzero, and its pull equals the price (plus the ridge part);
 * - zero: its pull is below the price (by `margin`);
 * - at-bound: held by a lower or upper limit the data push against;
 * - unpenalized: penalty factor 0, fitted freely;
 * - excluded: left out of the fit by the user;
 * - constant: zero variance, so there is nothing to learn from it and the fit leaves it out.
 */
export type EvidenceStatus = "active" | "zero" | "at-bound" | "unpenalized" | "excluded" | "constant";

/** The evidence for one coefficient at λ: its value, pull, price, ridge part, status and history. */
export interface CoefficientEvidence {
  readonly feature: string;
  readonly index: number;
  /** β_j on the data's scale. */
  readonly coefficient: number;
  /** β̃_j = β_j·s_j: per standard deviation of x_j (= β_j without standardize). */
  readonly standardized: number;
  /** Σ w̄ x̃_j (y − μ) at the solution: minus the datafit's gradient; positive pulls β_j up. */
  readonly pull: number;
  readonly absPull: number;
  /** λ·α·v_j (Infinity for an excluded variable, which no pull can buy into the model). */
  readonly price: number;
  /** λ(1−α)v_j β̃_j / s_y (gaussian) or λ(1−α)v_j β̃_j (GLMs): the ridge part a nonzero β_j balances too. */
  readonly ridge: number;
  /**
   * The whole price a nonzero β_j meets, price + |ridge| (the lasso part λ·α·v_j plus the ridge part
   * λ(1−α)·v_j·|β̃_j|, over s_y for gaussian): what its |pull| equals in the model; for a zero β_j, the price.
   */
  readonly totalPrice: number;
  /** v_j, the penalty factor rescaled as glmnet does (sum p): the one the price uses. */
  readonly penaltyFactor: number;
  /** The penalty factor as given (Infinity for an excluded variable), before glmnet's rescaling. */
  readonly givenPenaltyFactor: number;
  readonly status: EvidenceStatus;
  /** zero: price − |pull|, how much more pull it would need to enter; null otherwise. */
  readonly margin: number | null;
  /** at-bound: which limit holds it, and its value. */
  readonly bound: { readonly side: "lower" | "upper"; readonly value: number } | null;
  /** How far its KKT condition is from holding exactly, in pull units. */
  readonly violation: number;
  /** Weighted correlation of the feature with the outcome (null for a constant column). */
  readonly correlation: number | null;
  /** |pull|/v_j at the largest λ of the path: what decides who enters first (null when unpenalized or unusable). */
  readonly startPull: number | null;
  /** Its history on the path as fitted (to the path's thresh). */
  readonly history: EntryHistory;
  /** When it entered the model, from the history and the solution at this λ (see Entry). */
  readonly entry: Entry;
  /**
   * null when the path as fitted agrees with this solution on whether β_j is zero at λ. Otherwise the
   * path's coefficient there (at its step, or interpolated between the fitted λs either side, which agree)
   * and the path's thresh: a refined or refitted solution can drop a variable the path's tolerance let in,
   * or the reverse, and the history (which is the path's) then says the other thing.
   */
  readonly pathDiffers: { readonly pathCoefficient: number; readonly thresh: number } | null;
  /** The relaxed (unpenalized refit) coefficient at this λ, when available. */
  readonly relaxed: number | null;
  /** 1 − β_j/β_relaxed: the fraction of its relaxed value the penalty took away (active ones, when relaxed is known). */
  readonly shrunkFraction: number | null;
}

/**
 * When a coefficient entered the model, as far as the path's fitted λs and the solution at this λ show:
 * - "free": it has no entry: unpenalized (penalty factor 0), or α = 0 (ridge keeps it nonzero at every λ);
 * - "never": zero at every fitted λ, and at this one;
 * - "at": exactly at `lambda`, the path's first λ, where its pull on the path's first solution equals its
 *   price (λ_max for the variable that defines it);
 * - "between": somewhere in [lower, upper): zero at `upper` (null: already nonzero at the path's first λ),
 *   nonzero at `lower`. The grid does not say where; the explained λ narrows it when it falls inside.
 */
export type Entry =
  | { readonly kind: "free"; readonly reason: "unpenalized" | "ridge" }
  | { readonly kind: "never" }
  | { readonly kind: "at"; readonly lambda: number }
  | { readonly kind: "between"; readonly upper: number | null; readonly lower: number };

/** What entryOf needs besides the history: the solution at the explained λ and the path's ends. */
export interface EntryContext {
  readonly lambda: number;
  /** Whether β_j is nonzero at λ. */
  readonly nonzero: boolean;
  /** Whether λ is a fitted λ of the path (then it adds nothing to the grid). */
  readonly onPath: boolean;
  /** The smallest fitted λ. */
  readonly lastLambda: number;
  /** The path's first λ when β_j's pull there meets its price (it enters right there), null otherwise. */
  readonly meetsPriceAt: number | null;
  /** Unpenalized, or ridge: no entry to speak of. */
  readonly free: "unpenalized" | "ridge" | null;
}

/** The entry of one coefficient (see Entry). */
export function entryOf(h: EntryHistory, at: EntryContext): Entry {
  checkArguments("entryOf", { h, at }, { h: historyRule, at: contextRule });
  if (at.free !== null && h.firstLambda !== null) return { kind: "free", reason: at.free };
  if (h.firstLambda === null) {
    // Zero at every fitted λ, in at a λ below the path's end: it entered in between.
    if (at.nonzero && !at.onPath && at.lambda < at.lastLambda) return { kind: "between", upper: at.lastLambda, lower: at.lambda };
    return { kind: "never" };
  }
  if (h.firstStep === 1 && at.meetsPriceAt !== null && at.meetsPriceAt === h.lastZeroLambda) return { kind: "at", lambda: at.meetsPriceAt };
  let upper = h.lastZeroLambda;
  let lower = h.firstLambda;
  if (!at.onPath && at.lambda > lower && (upper === null || at.lambda < upper)) {
    if (at.nonzero) lower = at.lambda;
    else upper = at.lambda;
  }
  return { kind: "between", upper, lower };
}

/**
 * The path's coefficients at λ, each where the path says something definite about whether it is zero:
 * the fitted values at a step; between two fitted λs the interpolated value (glmnet's coef) where both
 * agree on zero or nonzero, null where the coefficient changes between them; null everywhere outside
 * the path's range.
 */
export function pathCoefficientsAt(path: Path, lambda: number, step: number): (number | null)[] {
  checkArguments("pathCoefficientsAt", { path, lambda, step }, { path: pathRule, lambda: nonNegativeNumber, step: numberRule({ integer: true, min: -1 }) });
  const p = path.features.length;
  if (step >= 0) return Array.from(coefficientsAt(path, step));
  const L = path.lambda.length;
  let k = 1;
  while (k < L && !(path.lambda[k - 1] > lambda && lambda > path.lambda[k])) k++;
  if (k >= L) return new Array<number | null>(p).fill(null);
  const a = coefficientsAt(path, k - 1), b = coefficientsAt(path, k);
  const interpolated = coef(path, lambda).beta;
  return Array.from({ length: p }, (_, j) => ((a[j] === 0) === (b[j] === 0) ? interpolated[j] : null));
}

/** Two correlated features (|r| > 0.7) where the fit treats them differently. */
export interface CompetingPair {
  readonly a: string;
  readonly b: string;
  readonly correlation: number;
  /**
   * "one-kept": a is in the model, b is zero although it carries much the same information;
   * "opposed": both are in, with signs against their correlation (each partly cancels the other).
   */
  readonly kind: "one-kept" | "opposed";
}

/** A fit explained at one λ: every coefficient's evidence and the largest KKT violation. */
export interface Explanation {
  readonly family: FamilyName;
  readonly alpha: number;
  /** Whether the fit standardized the features (then prices are per standard deviation of a feature). */
  readonly standardize: boolean;
  readonly lambda: number;
  /** How λ was chosen. */
  readonly lambdaLabel: "lambdaMin" | "lambda1se" | null;
  /**
   * "path": a fitted λ of the path; "refit": λ is not on the path (or is glmnet's null-model first step of
   * a ridge path), so the model was refitted exactly at λ with the path's settings, to full precision
   * (thresh 1e-14), and pull = price holds.
   */
  readonly source: "path" | "refit";
  /**
   * True when λ is on the path but the path's solution was converged only to its thresh (pull and price
   * visibly apart), so the numbers come from a refit at λ to full precision: the same model, more digits.
   */
  readonly refined: boolean;
  /** Index of λ on the path (source "path"), null otherwise. */
  readonly step: number | null;
  readonly intercept: number;
  readonly devRatio: number;
  readonly features: readonly string[];
  /** Binomial: the level modelled as 1, so the signs can be read (null when the target was 0/1, or not binomial). */
  readonly positiveClass: string | null;
  readonly coefficients: readonly CoefficientEvidence[];
  /** Number of nonzero coefficients. */
  readonly df: number;
  /** s_y for gaussian (glmnet's internal scale of y), 1 for GLMs. */
  readonly outcomeScale: number;
  /** The KKT check of the whole solution. */
  readonly kkt: {
    /** Largest violation over all coefficients, in pull units. */
    readonly maxViolation: number;
    /**
     * Relative to `scale`: the largest pull or price at this λ, or a thousandth of the largest pull on the
     * null model (every coefficient zero) if that is larger. Not the pulls at the solution alone: at λ = 0
     * they are all zero and rounding noise would read as 100 %.
     */
    readonly relative: number;
    readonly scale: number;
    /** The coefficient where it is largest (null when every condition holds exactly). */
    readonly feature: string | null;
    /**
     * The other feature in the model most correlated with `feature` (null when there is none): strongly
     * correlated features are where coordinate descent converges slowly, and the largest gap tends to be.
     */
    readonly correlated: { readonly feature: string; readonly correlation: number } | null;
  };
  readonly competitors: readonly CompetingPair[];
  /** Largest and smallest λ of the path, for the words. */
  readonly pathRange: { readonly first: number; readonly last: number };
  /** The path's thresh: its solutions are converged to it, and so is the history. */
  readonly pathThresh: number;
  /** The thresh the solution explained was converged to: the path's, or the refit's (FULL_PRECISION_THRESH or the path's if smaller). */
  readonly thresh: number;
  /** The number of nonzero coefficients of the path as fitted at this λ (a refined path step), null otherwise. */
  readonly pathDf: number | null;
  /** Whether relaxed coefficients were available. */
  readonly relaxedAvailable: boolean;
  /**
   * Why there are no relaxed coefficients although the path was fitted with relax: glmnet's relax does not
   * refit an active set larger than maxp = n − 3 (the count and maxp). null otherwise.
   */
  readonly relaxedMissing: { readonly active: number; readonly maxp: number } | null;
  /**
   * When relaxed coefficients are available but the active columns are collinear (numerical rank below
   * their number), the unpenalized refit on them is not unique: its values are one fit among many, and no
   * coefficient gets a shrunkFraction. The rank, the active count and the features on the null directions.
   */
  readonly relaxedNotUnique: { readonly rank: number; readonly active: number; readonly collinear: readonly string[] } | null;
  readonly notes: readonly string[];
}

/** Correlations above this (in absolute value) make two features compete. */
export const COMPETING_CORRELATION = 0.7;

/** λ as a number, and its label when it came from cross-validation. */
export function resolveLambda(choice: LambdaChoice, cv?: CvResult): { lambda: number; label: "lambdaMin" | "lambda1se" | null } {
  if (choice === "lambdaMin" || choice === "lambda1se") {
    if (!cv) throw new OptionError(`lambda "${choice}" needs a cross-validation result: pass cv (from cvPath)`, "lambda");
    return { lambda: choice === "lambdaMin" ? cv.lambdaMin : cv.lambda1se, label: choice };
  }
  if (typeof choice !== "number" || !Number.isFinite(choice) || choice < 0) {
    throw new OptionError(`lambda must be a finite number ≥ 0, "lambdaMin" or "lambda1se", got ${String(choice)}`, "lambda");
  }
  return { lambda: choice, label: null };
}

/** λ for a note: 6 significant digits without padding (toPrecision alone writes 0 as "0.00000" and 1e-7 as "1.00000e-7"). */
export function lambdaText(lambda: number): string {
  return String(Number(lambda.toPrecision(6)));
}

/** The index of λ among the path's fitted λs (to 1e-12 relative), or −1. */
export function stepOf(path: Pick<Path, "lambda">, lambda: number): number {
  checkArguments("stepOf", { path, lambda }, { path: PATH_LAMBDAS, lambda: nonNegativeNumber });
  for (let k = 0; k < path.lambda.length; k++) {
    if (Math.abs(path.lambda[k] - lambda) <= 1e-12 * Math.max(lambda, path.lambda[k])) return k;
  }
  return -1;
}

/** FitOptions that reproduce the path's fit (for a refit at another λ). */
export function refitOptions(path: Path, data: ExplainData): FitOptions {
  checkArguments("refitOptions", { path, data }, { path: pathRule, data: explainDataRule });
  const s = path.settings;
  return {
    family: s.family,
    alpha: s.alpha,
    standardize: s.standardize,
    intercept: s.intercept,
    penaltyFactor: s.penaltyFactor,
    lowerLimits: s.lowerLimits,
    upperLimits: s.upperLimits,
    thresh: s.thresh,
    maxit: s.maxit,
    weights: data.weights,
    offset: data.offset,
    survival: data.survival,
    positiveClass: path.positiveClass,
  };
}

/**
 * Whether the relaxed refit on the active set (β's nonzeros) is unique: null when the active columns have
 * full rank, their rank and the collinear features otherwise (e.g. two identical columns both active).
 */
function relaxedUniqueness(x: ModelMatrix, w: Float64Array, scaling: ColumnScaling, beta: ArrayLike<number>): Explanation["relaxedNotUnique"] {
  const active: number[] = [];
  for (let j = 0; j < beta.length; j++) if (beta[j] !== 0) active.push(j);
  const { rank, collinear } = columnsRank(x, w, scaling, active);
  return rank < active.length ? { rank, active: active.length, collinear } : null;
}

/** The relaxed refit stored on a path fitted with relax. */
function relaxedOf(path: Path): RelaxedFit | undefined {
  return path.relaxed;
}

function dense(p: number, b: SparseCoefficients): Float64Array {
  const out = new Float64Array(p);
  for (let t = 0; t < b.index.length; t++) out[b.index[t]] = b.value[t];
  return out;
}

function checkData(path: Path, data: ExplainData): void {
  const { x, y } = data;
  if (x.p !== path.features.length) {
    throw new OptionError(`the data have ${x.p} columns but the path has ${path.features.length} features`, "x");
  }
  for (let j = 0; j < x.p; j++) {
    if (x.names[j] !== path.features[j]) {
      throw new OptionError(`column ${j + 1} of the data is "${x.names[j]}" but the path's feature ${j + 1} is "${path.features[j]}"`, "x");
    }
  }
  if (y.length !== x.n) throw new OptionError(`the outcome has ${y.length} values but the data have ${x.n} rows`, "y");
  if (path.hasOffset && !data.offset) throw new OptionError("the path was fitted with an offset: give the same offset to explain it", "offset");
}

/** Weighted correlation of each column with v (null for constant columns). */
export function correlationsWith(x: ModelMatrix, w: Float64Array, scaling: ColumnScaling, v: ArrayLike<number>): (number | null)[] {
  checkArguments("correlationsWith", { x, w, scaling, v }, { x: matrixRule, w: numericArrayRule, scaling: scalingRule, v: numericArrayRule });
  const { n, p, data } = x;
  let mv = 0;
  for (let i = 0; i < n; i++) mv += w[i] * v[i];
  let sv = 0;
  for (let i = 0; i < n; i++) sv += w[i] * (v[i] - mv) ** 2;
  sv = Math.sqrt(sv);
  const out: (number | null)[] = [];
  for (let j = 0; j < p; j++) {
    if (scaling.constant[j] || !(sv > 0)) {
      out.push(null);
      continue;
    }
    const o = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += w[i] * data[o + i];
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * (data[o + i] - m) * (v[i] - mv);
    const r = s / (scaling.sd[j] * sv);
    out.push(Number.isFinite(r) ? r : scaledCorrelation(data.subarray(o, o + n), w, m, Float64Array.from(v), mv));
  }
  return out;
}

/**
 * The correlation with each deviation scaled by its sd before the products: when the direct sums under-
 * or overflow (values near 1e-250 or 1e300: 0/0 or ∞/∞), a number in [−1, 1], or null when none is left.
 */
function scaledCorrelation(x: Float64Array, w: Float64Array, mx: number, v: Float64Array, mv: number): number | null {
  const n = x.length;
  const sx = weightedSd(x, 0, n, w, mx), sv = weightedSd(v, 0, n, w, mv);
  if (!(sx > 0 && sv > 0 && sx < Infinity && sv < Infinity)) return null;
  let r = 0;
  for (let i = 0; i < n; i++) r += w[i] * ((x[i] - mx) / sx) * ((v[i] - mv) / sv);
  return Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;
}

/**
 * The feature in the model (nonzero, not constant) most correlated with column j, other than j: where two
 * such are strongly correlated, coordinate descent trades them against each other slowly. Null when j is
 * alone in the model.
 */
export function mostCorrelatedInModel(
  x: ModelMatrix, w: Float64Array, scaling: ColumnScaling, beta: ArrayLike<number>, j: number,
): { feature: string; correlation: number } | null {
  if (j < 0 || scaling.constant[j]) return null;
  const r = correlationsWith(x, w, scaling, x.data.subarray(j * x.n, (j + 1) * x.n));
  let best: { feature: string; correlation: number } | null = null;
  for (let k = 0; k < x.p; k++) {
    const rk = r[k];
    if (k === j || beta[k] === 0 || rk === null) continue;
    if (best === null || Math.abs(rk) > Math.abs(best.correlation)) best = { feature: x.names[k], correlation: rk };
  }
  return best;
}

/**
 * Correlated features the fit treats differently: for every feature in the model (nonzero), each other
 * usable feature with |r| > 0.7 that is held at zero ("one-kept"), or that is also in the model with a
 * sign against their correlation ("opposed"). Strongest correlation first.
 */
export function competingPairs(
  x: ModelMatrix, w: Float64Array, scaling: ColumnScaling, beta: ArrayLike<number>, status: readonly EvidenceStatus[],
): CompetingPair[] {
  checkArguments("competingPairs", { x, w, scaling, beta, status }, { x: matrixRule, w: numericArrayRule, scaling: scalingRule, beta: numericArrayRule, status: arrayOfRule(stringValue, "the coefficients' statuses") });
  const out: CompetingPair[] = [];
  const { p } = x;
  const inModel = (j: number) => beta[j] !== 0;
  for (let a = 0; a < p; a++) {
    if (!inModel(a) || scaling.constant[a]) continue;
    const r = correlationsWith(x, w, scaling, x.data.subarray(a * x.n, (a + 1) * x.n));
    for (let b = 0; b < p; b++) {
      const rab = r[b];
      if (b === a || rab === null || Math.abs(rab) <= COMPETING_CORRELATION) continue;
      if (status[b] === "zero") out.push({ a: x.names[a], b: x.names[b], correlation: rab, kind: "one-kept" });
      else if (b > a && inModel(b) && Math.sign(beta[a]) * Math.sign(beta[b]) !== Math.sign(rab)) {
        out.push({ a: x.names[a], b: x.names[b], correlation: rab, kind: "opposed" });
      }
    }
  }
  return out.sort((s, t) => Math.abs(t.correlation) - Math.abs(s.correlation));
}

/**
 * Explain a fit at one λ: per coefficient its value, pull, price, ridge part, status, history on the
 * path and KKT gap; for the whole solution the largest KKT violation and the competing correlated pairs.
 *
 * λ on the path uses that fitted solution. Any other λ (and the null-model first step glmnet reports for
 * a ridge path) is refitted exactly at λ with the path's settings, to full precision (thresh 1e-14),
 * rather than interpolated: an interpolated solution is not a solution, and pull = price would not hold.
 */
export function explain(path: Path, data: ExplainData, options: ExplainOptions): Explanation {
  checkArguments("explain", { path, data, options }, { path: pathRule, data: explainDataRule, options: optionsRule(EXPLAIN_OPTIONS, true) });
  const first = explainAt(path, data, options, false);
  // An off-path λ is refitted to full precision already.
  if (first.source === "refit" || !gapShows(first.kkt.maxViolation, first.kkt.scale) || path.settings.thresh <= PRECISE_THRESH) return first;
  // The solution is not converged tightly enough for pull = price to be read off (the path's thresh):
  // refit at λ to full precision. Same model, more digits.
  const precise = explainAt(path, data, options, true);
  // Full precision out of reach: the path's own solution, with the refit's note of why it stands.
  if (precise.thresh >= path.settings.thresh) return { ...first, notes: [...first.notes, ...precise.notes.filter((n) => n.startsWith("refit: no solution"))] };
  return precise;
}

/**
 * A KKT gap, relative to the pulls' scale (Explanation.kkt.scale), that a 4-digit table cannot show: below
 * it pull = price can be read off; above it the words must say pull and price are apart by the gap.
 */
export const TABLE_PRECISION = 1e-4;

/** A KKT gap relative to the pulls' scale (the gap itself when the scale is 0: nothing pulls at all). */
export function relativeGap(violation: number, scale: number): number {
  return scale > 0 ? violation / scale : violation;
}

/** Whether a KKT gap (a coefficient's violation, or the largest) shows in a table of the pulls' scale (see TABLE_PRECISION). */
export function gapShows(violation: number, scale: number): boolean {
  return relativeGap(violation, scale) > TABLE_PRECISION;
}

/**
 * A fit at the one λ of `settings`: from a cold start, or, when that runs out of passes (a nearly
 * separated binomial fit at a small λ, whose coefficients are large), warm-started down the path's λs
 * above it, as the path itself reached it; the result holds λ alone (or nothing, when both fail).
 */
function refitAt(x: ModelMatrix, y: ArrayLike<number>, settings: FitOptions, pathLambda: Float64Array): Path | NoSolutionError {
  const lambda = settings.lambda![0];
  const cold = solutionOrError(() => fitPath(x, y, settings));
  if (!(cold instanceof NoSolutionError)) return cold;
  const above = Array.from(pathLambda).filter((l) => l > lambda);
  if (above.length === 0) return cold;
  const warm = solutionOrError(() => fitPath(x, y, { ...settings, lambda: [...above, lambda] }));
  if (warm instanceof NoSolutionError || warm.lambda.length < above.length + 1) return cold;
  return lastStep(warm);
}

/** The path, or the NoSolutionError saying it stopped before its first λ (maxit there). */
function solutionOrError(fit: () => Path): Path | NoSolutionError {
  try {
    return fit();
  } catch (e) {
    if (e instanceof NoSolutionError) return e;
    throw e;
  }
}

/** A path cut to its last λ alone. */
function lastStep(path: Path): Path {
  const k = path.lambda.length - 1;
  return {
    ...path,
    lambda: path.lambda.slice(k), intercept: path.intercept.slice(k), beta: path.beta.slice(k),
    df: path.df.slice(k), devRatio: path.devRatio.slice(k),
  };
}

/** The pulls' scale is at least this fraction of the largest pull on the null model (see kkt.scale). */
const KKT_FLOOR = 1e-3;
/** The thresh of a refit at one λ (or the path's, when smaller). */
export const FULL_PRECISION_THRESH = 1e-14;
/** A path fitted this tightly gains nothing from a refit. */
const PRECISE_THRESH = 1e-12;

function explainAt(path: Path, data: ExplainData, options: ExplainOptions, precise: boolean): Explanation {
  checkData(path, data);
  const { x, y } = data;
  const { n, p } = x;
  const s = path.settings;
  const { lambda, label } = resolveLambda(options.lambda, options.cv);
  const refitWarnings: string[] = [];
  // What the refit was, worded once its KKT gap is known (a refit claims full precision only when no gap shows).
  let refitNote: ((gapVisible: boolean) => string) | null = null;

  let step = stepOf(path, lambda);
  // A default ridge path reports its first λ with every coefficient zero, which is not the ridge solution there.
  if (step === 0 && !s.userLambda && s.alpha === 0) step = -1;
  let a0: number;
  let beta: Float64Array;
  let devRatio: number;
  let relaxed: Float64Array | null = options.relaxed ? Float64Array.from(options.relaxed) : null;
  let solvedThresh = s.thresh;
  if (relaxed && relaxed.length !== p) throw new OptionError(`relaxed has ${relaxed.length} values but there are ${p} features`, "relaxed");
  if (step >= 0 && !precise) {
    a0 = path.intercept[step];
    beta = coefficientsAt(path, step);
    devRatio = path.devRatio[step];
    const rel = relaxedOf(path);
    if (!relaxed && rel && rel.refitted[step]) relaxed = dense(p, rel.beta[step]);
  } else {
    // A refit, on the path or off it, is solved to full precision: it answers "what is the solution at
    // λ", and the path's thresh (1e-7 by default) leaves pull and price visibly apart.
    const settings = refitOptions(path, data);
    const maxit = Math.max(settings.maxit ?? 1e5, 1e7);
    let thresh = Math.min(settings.thresh ?? 1e-7, FULL_PRECISION_THRESH);
    let refitSettings: FitOptions = { ...settings, lambda: [lambda], thresh, maxit };
    let refit = data.elsewhere ? data.elsewhere.refit(lambda) : refitAt(x, y, refitSettings, path.lambda);
    if (refit instanceof NoSolutionError && thresh < s.thresh) {
      // Full precision out of reach within maxit even from warm starts: the path's own thresh, which it
      // reached, and the words say so.
      refitWarnings.push(`refit: no solution to thresh ${thresh} within ${maxit} passes at λ = ${lambdaText(lambda)}; solved to the path's thresh ${s.thresh} instead`);
      thresh = s.thresh;
      refitSettings = { ...refitSettings, thresh };
      refit = refitAt(x, y, refitSettings, path.lambda);
    }
    if (refit instanceof NoSolutionError) throw new OptionError(`the refit at λ = ${lambda} failed: ${refit.message}`, "lambda");
    solvedThresh = thresh;
    a0 = refit.intercept[0];
    beta = coefficientsAt(refit, 0);
    devRatio = refit.devRatio[0];
    // A path fitted with relax is relaxed at λ too (its maxp warning is relaxedMissing's to say).
    if (!relaxed && relaxedOf(path)) {
      const rel = relaxPath(x, y, refit, refitSettings);
      if (rel.refitted[0]) relaxed = dense(p, rel.beta[0]);
    }
    const onPath = step >= 0;
    refitNote = (gapVisible) => {
      const to = gapVisible ? `to thresh ${thresh}, which still leaves a KKT gap the table shows` : `to full precision (thresh ${thresh})`;
      return onPath
        ? `the path's solution at λ = ${lambdaText(lambda)} was converged only to its thresh; it was refitted at λ ${to}${gapVisible ? "" : " so that pull = price can be read off"}`
        : `λ = ${lambdaText(lambda)} is not a fitted λ of the path, so the model was refitted exactly at it (not interpolated), ${to}`;
    };
    for (const warning of refit.warnings) refitWarnings.push(`refit: ${warning}`);
  }

  const settings: DatafitSettings = {
    family: s.family, standardize: s.standardize, intercept: s.intercept, weights: data.weights, offset: data.offset, survival: data.survival,
  };
  const w = normalizedWeights(n, data.weights);
  const scaling = columnScaling(x, w, settings);
  const sy = outcomeScale(y, w, settings);
  const pullsAt = (b0: number, b: Float64Array) => data.elsewhere?.pullsAt(b0, b) ?? pullsFromResidual(x, scaling, weightedResidual(x, y, w, settings, b0, b));
  const pull = pullsAt(a0, beta);
  const v = penaltyWeights(s.penaltyFactor);
  const price = prices(lambda, s.alpha, v);
  const betaStd = beta.map((b, j) => b * scaling.scale[j]);
  const ridge = ridgeParts(lambda, s.alpha, v, betaStd, sy);

  // What decides the order of entry: the pulls at the top of the path, relative to the penalty factors.
  const start = pullsAt(path.intercept[0] ?? a0, path.lambda.length ? coefficientsAt(path, 0) : beta);
  // The outcome the correlations are with: y − offset where the least-squares fit subtracts it, as glmnet.
  const outcome = leastSquares(s.family) && data.offset ? Float64Array.from(y, (v0, i) => v0 - data.offset![i]) : y;
  const correlation = correlationsWith(x, w, scaling, outcome);
  // Unpenalized variables and ridge's have no entry: they are nonzero at every λ.
  const free = (j: number) => noEntry(s.alpha, v[j]);
  const histories = entryHistories(path, (j) => free(j) === null && s.penaltyFactor[j] !== Infinity);
  const pathBeta = pathCoefficientsAt(path, lambda, step);
  const top = path.lambda[0];

  // A relaxed fit on collinear columns is one of many: no share of it can be read as the penalty's.
  const notUnique = relaxed ? relaxedUniqueness(x, w, scaling, beta) : null;

  const status: EvidenceStatus[] = [];
  const evidence: CoefficientEvidence[] = [];
  let worst = 0;
  let worstFeature: string | null = null;
  let worstIndex = -1;
  let largest = 0;
  for (let j = 0; j < p; j++) {
    const excluded = s.penaltyFactor[j] === Infinity;
    const constant = scaling.constant[j] === 1;
    const side: BoundSide = excluded || constant ? null : boundSide(beta[j], pull[j], price[j], s.lowerLimits[j], s.upperLimits[j]);
    let st: EvidenceStatus;
    if (constant) st = "constant";
    else if (excluded) st = "excluded";
    else if (side !== null) st = "at-bound";
    else if (v[j] === 0) st = "unpenalized";
    else if (beta[j] !== 0) st = "active";
    else st = "zero";
    status.push(st);
    const violation = excluded || constant ? 0 : kktGap(beta[j], pull[j], price[j], ridge[j], side);
    if (violation > worst) [worst, worstFeature, worstIndex] = [violation, x.names[j], j];
    if (!excluded && !constant) largest = Math.max(largest, Math.abs(pull[j]), price[j]);
    const rel = relaxed ? relaxed[j] : null;
    evidence.push({
      feature: x.names[j],
      index: j,
      coefficient: beta[j],
      standardized: betaStd[j],
      pull: pull[j],
      absPull: Math.abs(pull[j]),
      price: excluded ? Infinity : price[j],
      ridge: ridge[j],
      totalPrice: excluded ? Infinity : price[j] + Math.abs(ridge[j]),
      penaltyFactor: v[j],
      givenPenaltyFactor: s.penaltyFactor[j],
      status: st,
      margin: st === "zero" ? price[j] - Math.abs(pull[j]) : null,
      bound: side === null ? null : { side, value: side === "lower" ? s.lowerLimits[j] : s.upperLimits[j] },
      violation,
      correlation: correlation[j],
      startPull: excluded || constant || v[j] === 0 ? null : Math.abs(start[j]) / v[j],
      history: histories[j],
      entry: entryOf(histories[j], {
        lambda, nonzero: beta[j] !== 0, onPath: step >= 0, lastLambda: path.lambda[path.lambda.length - 1], free: free(j),
        // Its pull on the path's first solution equals its price there: it enters right at the top.
        meetsPriceAt: s.alpha > 0 && v[j] > 0 && Math.abs(Math.abs(start[j]) - top * s.alpha * v[j]) <= 1e-8 * top * s.alpha * v[j] ? top : null,
      }),
      pathDiffers: pathBeta[j] !== null && (pathBeta[j] === 0) !== (beta[j] === 0) ? { pathCoefficient: pathBeta[j]!, thresh: s.thresh } : null,
      relaxed: rel,
      shrunkFraction: rel !== null && rel !== 0 && beta[j] !== 0 && st !== "unpenalized" && notUnique === null ? 1 - beta[j] / rel : null,
    });
  }
  let df = 0;
  for (const b of beta) if (b !== 0) df++;
  // The pulls and prices at the solution, floored at a thousandth of the null model's: they vanish as λ → 0,
  // where rounding noise would read as a violation as large as they are, but above the floor a violation
  // is judged against what the table shows (the null scale alone let a 1e-4 error of a 0.25 price pass).
  const usable = (j: number) => s.penaltyFactor[j] !== Infinity && !scaling.constant[j];
  const nullScale = data.elsewhere ? data.elsewhere.nullPulls.reduce((m, v, j) => (usable(j) ? Math.max(m, Math.abs(v)) : m), 0) : nullPullScale(x, y, w, scaling, settings, usable);
  const kktScale = Math.max(largest, KKT_FLOOR * nullScale);
  const notes = [...(refitNote ? [refitNote(gapShows(worst, kktScale))] : []), ...refitWarnings];
  return {
    family: s.family,
    alpha: s.alpha,
    standardize: s.standardize,
    lambda,
    lambdaLabel: label,
    source: step >= 0 ? "path" : "refit",
    refined: precise && step >= 0,
    step: step >= 0 ? step : null,
    intercept: a0,
    devRatio,
    features: [...x.names],
    positiveClass: path.positiveClass,
    coefficients: evidence,
    df,
    outcomeScale: sy,
    kkt: {
      maxViolation: worst, relative: relativeGap(worst, kktScale), scale: kktScale, feature: worstFeature,
      correlated: mostCorrelatedInModel(x, w, scaling, beta, worstIndex),
    },
    competitors: competingPairs(x, w, scaling, beta, status),
    pathRange: { first: path.lambda[0], last: path.lambda[path.lambda.length - 1] },
    pathThresh: s.thresh,
    thresh: solvedThresh,
    pathDf: step >= 0 && precise ? path.df[step] : null,
    relaxedAvailable: relaxed !== null,
    relaxedNotUnique: notUnique,
    relaxedMissing: relaxed === null && relaxedOf(path) !== undefined ? { active: df, maxp: n - 3 } : null,
    notes,
  };
}

/** The options explain takes, each with its rule (ExplainOptions); λ is resolveLambda's to check. */
const EXPLAIN_OPTIONS: Schema<ExplainOptions> = {
  lambda: checkedWhereUsed,
  cv: objectRule("a cross-validation result, from cvPath"),
  relaxed: numericArrayRule,
};

/** A path's λs (stepOf needs only those). */
const PATH_LAMBDAS = fieldsRule("a path with its λs", { lambda: finiteNumbers });
