/**
 * What dropping a kept variable of a multi-response fit would cost at one λ (issue 15's drop cost, for
 * multinomial and mgaussian): the fit refitted at the same λ with the variable left out, all K of its
 * coefficients (a variable is one group when grouped; ungrouped, its K coefficients are left out together,
 * and the refit's pull for each class is reported beside). The rise in training deviance (mgaussian: in
 * the residual sum of squares) is what the variable buys; its pull at zero in the refit, as a multiple of
 * its price λ·α·v_j, says how far from zero the data hold it (above 1: zero is no solution). Where folds
 * are given, the refits are cross-validated on them too. The other variables keep their prices: λ is
 * scaled as drop.ts's withFactor scales it.
 */
import { cvMultiPath, type MultiOutcome } from "../cv/multi-cv.js";
import { NoSolutionError, OptionError } from "../errors.js";
import type { MultiMeasure } from "../model/multi-family.js";
import { fitMultiPathOf } from "../solve/multi/path.js";
import type { MultiFitOptions, MultiPath } from "../solve/multi/types.js";
import { ratioOrNull, withFactor } from "./drop.js";
import { explainMulti, type MultiData } from "./multi.js";
import { pullsWithinLimits } from "./multi-kkt.js";
import { refitOptionsOf, responseOf } from "./multi-at.js";

/** Options of multiDropCosts: the λ, folds to cross-validate the refits on, which variables, the refits' thresh. */
export interface MultiDropOptions {
  readonly lambda: number;
  readonly cv?: { readonly foldid: ArrayLike<number>; readonly measure?: MultiMeasure };
  /** Which variables (indices): default every one kept at λ. */
  readonly features?: readonly number[];
  /** Convergence threshold of the refits (1e-12: the differences are small). */
  readonly thresh?: number;
}

/** One kept variable's cost at λ. */
export interface MultiDropCost {
  readonly feature: string;
  readonly index: number;
  /** Its K coefficients at the solution (data's scale). */
  readonly coefficients: number[];
  /** Deviance (mgaussian: RSS) without it − with it: what it buys (≥ 0 up to the refits' precision). */
  readonly deviance: number;
  readonly devianceShare: number;
  /** How much worse the cross-validated error is without it; null without folds. */
  readonly cv: number | null;
  /**
   * Its K pulls at zero in the refit (standardized scale), and what meets the price: their largest size
   * (ungrouped) or length, a pull into a limit at 0 counting 0 (it cannot move the variable off zero).
   */
  readonly pullsAtZero: number[];
  readonly pullAtZero: number;
  /** λ·α·v_j. */
  readonly price: number;
  /** pullAtZero / price (null when the price is 0, or so small the ratio overflows). Above 1: zero is no solution. */
  readonly pullRatio: number | null;
}

export interface MultiDropCosts {
  readonly lambda: number;
  /** Deviance of the tight refit at λ with every variable (the baseline). */
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly measure: MultiMeasure | null;
  readonly cvError: number | null;
  readonly costs: readonly MultiDropCost[];
}

const DROP_THRESH = 1e-12;

/** A fit at the one λ of `options`, cold, or warm down `above` (λs above it) when cold runs out of passes. */
function fitAt(path: MultiPath, data: MultiData, options: MultiFitOptions, above: readonly number[]): MultiPath {
  const response = responseOf(path, data);
  const at = options.lambda![0];
  let fit = coldFit(() => fitMultiPathOf(data.x, response, options));
  if ((fit === null || fit.warnings.some((w) => /did not converge/.test(w))) && above.length > 0) fit = fitMultiPathOf(data.x, response, { ...options, lambda: [...above, at] });
  if (fit === null || fit.lambda[fit.lambda.length - 1] !== at) throw new OptionError(`the refit at λ = ${at} did not converge${fit ? `: ${fit.warnings.join("; ")}` : ""}`, "lambda");
  return fit;
}

/** The cold fit, or null when it ran out of passes at its first λ (a warm start may reach it); other errors pass. */
function coldFit(fit: () => MultiPath): MultiPath | null {
  try {
    return fit();
  } catch (e) {
    if (e instanceof NoSolutionError && e.option === "maxit") return null;
    throw e;
  }
}

/** The data as a cross-validation outcome: labels from the one-hot columns, or the responses. */
function outcomeOf(path: MultiPath, data: MultiData): MultiOutcome {
  if (path.family === "mgaussian") return { family: "mgaussian", y: data.y };
  const labels = Array.from({ length: data.x.n }, (_, i) => path.classes[data.y.findIndex((col) => col[i] === 1)]);
  return { family: "multinomial", labels };
}

/** The cross-validated error at the one λ of `options`, on the folds. */
function cvAt(path: MultiPath, data: MultiData, options: MultiFitOptions, cv: NonNullable<MultiDropOptions["cv"]>): { error: number; measure: MultiMeasure } {
  const r = cvMultiPath(data.x, outcomeOf(path, data), { ...options, foldid: cv.foldid, measure: cv.measure, responses: path.family === "mgaussian" ? path.classes : undefined });
  return { error: r.cvm[0], measure: r.measure };
}

/** Variable j's pulls at zero, and what meets its price there: a pull into a limit at 0 cannot move it, so counts 0. */
function atZero(pulls: number[], path: MultiPath, j: number): { pulls: number[]; pullSize: number } {
  const within = pullsWithinLimits(pulls, path.settings.lowerLimits[j], path.settings.upperLimits[j]);
  return { pulls, pullSize: path.grouped ? Math.hypot(...within) : Math.max(...within.map(Math.abs)) };
}

/** What each kept variable is worth at λ: the refit without it, its rise in deviance (and CV error), its pull at zero over its price. */
export function multiDropCosts(path: MultiPath, data: MultiData, options: MultiDropOptions): MultiDropCosts {
  const { lambda } = options;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new OptionError(`lambda must be a finite number ≥ 0, got ${lambda}`, "lambda");
  const p = data.x.p;
  const base = refitOptionsOf(path, data, options.thresh ?? DROP_THRESH);
  const above = Array.from(path.lambda).filter((l) => l > lambda);
  const full = fitAt(path, data, { ...base, lambda: [lambda] }, above);
  const nullDeviance = full.nullDeviance;
  const devianceOf = (fit: MultiPath) => nullDeviance * (1 - fit.devRatio[fit.devRatio.length - 1]);
  const baseCv = options.cv ? cvAt(path, data, { ...base, lambda: [lambda] }, options.cv) : null;
  const e = explainMulti(full, data, lambda);
  const which = options.features ?? e.variables.flatMap((v, j) => ((v.status === "kept" || v.status === "at-bound") && v.classes.length > 0 ? [j] : []));
  const costs = which.map((j): MultiDropCost => {
    if (!Number.isInteger(j) || j < 0 || j >= p) throw new OptionError(`features: index ${j} is out of range 0..${p - 1}`, "features");
    const { penaltyFactor, lambda: scaled } = withFactor({ penaltyFactor: base.penaltyFactor }, p, j, Infinity, lambda);
    const refit = { ...base, penaltyFactor, lambda: scaled };
    const at = scaled![0];
    // The λs above, rescaled as λ is (G'/G): the factor itself, since at λ = 0 at/λ would be 0/0.
    const factor = withFactor({ penaltyFactor: base.penaltyFactor }, p, j, Infinity, 1).lambda![0];
    const r = fitAt(path, data, refit, above.map((l) => l * factor));
    const zero = atZero(explainMulti(r, data, at).variables[j].pulls, path, j);
    const change = devianceOf(r) - devianceOf(full);
    const price = e.variables[j].price;
    return {
      feature: path.features[j], index: j, coefficients: e.variables[j].coefficients,
      deviance: change, devianceShare: nullDeviance > 0 ? change / nullDeviance : 0,
      cv: options.cv && baseCv ? cvAt(path, data, refit, options.cv).error - baseCv.error : null,
      pullsAtZero: zero.pulls, pullAtZero: zero.pullSize, price, pullRatio: ratioOrNull(zero.pullSize, price),
    };
  });
  return { lambda, deviance: devianceOf(full), nullDeviance, measure: baseCv?.measure ?? null, cvError: baseCv?.error ?? null, costs };
}

const num = (v: number) => (v === 0 ? "0" : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2));

/**
 * "Without it (refitted at this λ) the training deviance would rise by 12 (3% of the null); the
 * cross-validated deviance would worsen by 0.05; refitted without it, the data would pull on it with 4.2
 * times its price, so zero is not a solution."
 */
export function multiDropPhrase(c: MultiDropCost, costs: MultiDropCosts, path: MultiPath): string {
  const what = path.family === "mgaussian" ? "residual sum of squares" : "training deviance";
  const change = `${c.deviance >= 0 ? "rise" : "fall"} by ${num(Math.abs(c.deviance))} (${num(100 * Math.abs(c.devianceShare))}% of the null)`;
  const cv = c.cv === null || costs.measure === null ? "" : c.cv === 0 ? `; the cross-validated ${costs.measure} would not change` : `; the cross-validated ${costs.measure} would ${c.cv > 0 ? "worsen" : "improve"} by ${num(Math.abs(c.cv))}`;
  const size = path.grouped ? "the length of its pulls" : "its largest pull";
  const zero = c.pullRatio === null
    ? `refitted without it, ${size} at zero would be ${num(c.pullAtZero)}, and ${c.price > 0 ? `its price ${num(c.price)} is too small to compare with` : "unpenalized it pays no price"}`
    : `refitted without it, ${size} at zero would be ${num(c.pullRatio)} times its price, so zero is ${c.pullRatio > 1 ? "not a solution: the penalty cannot set it to zero at this λ" : "within its price: the model without it is as good a solution"}`;
  return `Without it (refitted at this λ) the ${what} would ${change}${cv}; ${zero}.`;
}
