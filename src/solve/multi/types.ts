import type { MultiFamilyName } from "../../model/multi-family.js";
import type { FitOptions } from "../types.js";
import { checkArguments, fieldsRule, arrayOfRule, numericArrayRule, countRule } from "../../data/arguments.js";

/**
 * Options of the multi-response fits: those of fitPath that apply (offset does not yet; relax fits
 * the path only, not cross-validation), and for multinomial `grouped`, glmnet's type.multinomial = "grouped". lowerLimits/upperLimits
 * (one number, or one per feature, as fitPath's) bound each of a feature's K class (response)
 * coefficients, never the intercepts, as glmnet's lower.limits/upper.limits.
 */
export interface MultiFitOptions extends Omit<FitOptions, "family" | "offset" | "positiveClass" | "updates" | "threads" | "solver"> {
  /** Multinomial: one group penalty per variable over its K class coefficients (false: one per coefficient). */
  grouped?: boolean;
  /**
   * mgaussian: each response centred and scaled by its weighted standard deviation (1/n convention)
   * before the fit, the λ sequence and devRatio on that scale, coefficients and intercepts mapped back
   * (glmnet's standardize.response = TRUE). Default false.
   */
  standardizeResponse?: boolean;
}

/** A fitted multi-response path (multinomial or mgaussian), on the original scale of the data. */
export interface MultiPath {
  readonly family: MultiFamilyName;
  /** Whether a variable's K coefficients share one penalty (always for mgaussian). */
  readonly grouped: boolean;
  readonly alpha: number;
  readonly features: readonly string[];
  /** The classes in R's factor order (multinomial), or the responses' names (mgaussian). */
  readonly classes: readonly string[];
  /** λ values, decreasing. */
  readonly lambda: Float64Array;
  /** intercept[l][k]: class k's intercept at the l-th λ. */
  readonly intercept: readonly Float64Array[];
  /** beta[l][k·p + j]: variable j's coefficient for class k at the l-th λ. */
  readonly beta: readonly Float64Array[];
  /** Variables with a nonzero coefficient for some class, per λ. */
  readonly df: Int32Array;
  readonly devRatio: Float64Array;
  readonly nullDeviance: number;
  readonly npasses: number;
  readonly warnings: readonly string[];
  readonly settings: MultiSettings;
  /** With relax: the unpenalized refits on each λ's variables (those nonzero for some class). */
  readonly relaxed?: MultiRelaxedFit;
}

/** Relaxed multi-response fits, one per λ of the path, laid out as the path's intercept and beta. */
export interface MultiRelaxedFit {
  readonly intercept: readonly Float64Array[];
  readonly beta: readonly Float64Array[];
  readonly devRatio: Float64Array;
  /** 1 where the λ was refitted (0 when its variables exceeded maxp and it was left penalized). */
  readonly refitted: Uint8Array;
  readonly warnings: readonly string[];
}

/** The options as resolved, for explanations and refits. */
export interface MultiSettings {
  readonly alpha: number;
  readonly standardize: boolean;
  /** mgaussian: the responses were scaled to unit standard deviation for the fit (glmnet's standardize.response). */
  readonly standardizeResponse: boolean;
  readonly intercept: boolean;
  /** Penalty factors as given, one per feature; Infinity for excluded. */
  readonly penaltyFactor: Float64Array;
  /** Coefficient limits, one per feature, bounding each of its K coefficients (−∞ and ∞ without). */
  readonly lowerLimits: Float64Array;
  readonly upperLimits: Float64Array;
  readonly thresh: number;
  readonly maxit: number;
  readonly userLambda: boolean;
}

/** The coefficients of class k at the l-th λ (a view, p long). */
export function classCoefficients(path: Pick<MultiPath, "beta" | "features">, l: number, k: number): Float64Array {
  checkArguments("classCoefficients", { path, l, k }, { path: fieldsRule("a multi-response path, from fitMultinomialPath or fitMgaussianPath", { beta: arrayOfRule(numericArrayRule) }), l: countRule, k: countRule });
  const p = path.features.length;
  return path.beta[l].subarray(k * p, (k + 1) * p);
}
