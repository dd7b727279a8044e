/**
 * The schema of fitPath's options and the checks of the paths the library is handed back (relaxPath,
 * coef, predict): one place where the public API's arguments are checked (the rules are in
 * data/arguments.ts). Adding an option to FitOptions is one line here: the Schema type makes the
 * typecheck fail until it has one.
 */
import { OptionError } from "../errors.js";
import {
  arrayOfRule, booleanRule, checkOptions, stringsRule, choiceRule, featureListRule, isArrayLike, numberRule, numbersRule, numericArrayRule,
  perFeatureRule, shown, stringRule, type Rule, type Schema,
} from "../data/arguments.js";
import { FAMILIES, isFamilyName } from "../model/families/index.js";
import { MULTI_FAMILIES, isMultiFamilyName } from "../model/families/multi.js";
import type { MultiFamilyName } from "../model/multi-family.js";
import type { Survival } from "../model/partial-likelihood.js";
import { isSparse } from "../data/sparse.js";
import type { MultiFitOptions } from "./multi/types.js";
import type { AdaptiveOptions, FitOptions, Path } from "./types.js";

/** The adaptive lasso's options, when given as an object (AdaptiveOptions). */
const ADAPTIVE_SCHEMA: Schema<AdaptiveOptions> = {
  first: choiceRule(() => ["ridge", "lasso"]),
  nu: numberRule({ above: 0 }),
};

/** A Cox fit's survival columns (Survival): status, and optionally start times and strata, one per row. */
const SURVIVAL_SCHEMA: Schema<Survival> = {
  status: numericArrayRule,
  start: numericArrayRule,
  strata: numericArrayRule,
};

/** fitPath's options, each with the rule its value must pass (defaults and meanings: FitOptions). */
export const FIT_OPTIONS_SCHEMA: Schema<FitOptions> = {
  family: choiceRule(() => [...FAMILIES, ...MULTI_FAMILIES]),
  alpha: numberRule({ min: 0, max: 1 }),
  lambda: numbersRule({ min: 0 }, true),
  nlambda: numberRule({ integer: true, min: 1 }),
  lambdaMinRatio: numberRule({ above: 0, below: 1 }),
  standardize: booleanRule,
  intercept: booleanRule,
  penaltyFactor: perFeatureRule,
  exclude: featureListRule,
  lowerLimits: perFeatureRule,
  upperLimits: perFeatureRule,
  weights: numericArrayRule,
  offset: numericArrayRule,
  thresh: numberRule({ above: 0 }),
  maxit: numberRule({ integer: true, min: 1 }),
  dfmax: numberRule({ integer: true, min: 0 }),
  pmax: numberRule({ integer: true, min: 0 }),
  positiveClass: stringRule(true),
  relax: booleanRule,
  updates: choiceRule(() => ["covariance", "naive"]),
  solver: choiceRule(() => ["glmnet", "ws"]),
  gapTol: numberRule({ above: 0 }),
  threads: numberRule({ integer: true, min: 1 }),
  penalty: choiceRule(() => ["lasso", "mcp", "scad"]),
  penaltyGamma: numberRule({ above: 1 }),
  survival: (v, name) => checkOptions(name, v, SURVIVAL_SCHEMA),
  adaptive: (v, name) => {
    if (typeof v !== "boolean") checkOptions(name, v, ADAPTIVE_SCHEMA);
  },
};

/** Check fit options (what: the function's name, for the message). */
export function checkFitOptions(what: string, options: unknown): asserts options is FitOptions | undefined {
  checkOptions(what, options, FIT_OPTIONS_SCHEMA);
}

/**
 * Check that `path` is a fitted path (as fitPath returns): a family, features, and at least one λ with
 * its intercept and coefficients.
 */
export function checkPath(what: string, path: unknown, name = "path"): asserts path is Path {
  const p = path as Partial<Path> | null;
  const hint = "fit one with fitPath(x, y, options)";
  const at = what === "" ? "" : `${what}: `;
  if (p === null || typeof p !== "object") throw new OptionError(`${at}${name} must be a fitted path, got ${shown(path)}; ${hint}`, name);
  if (typeof p.family !== "string" || !isFamilyName(p.family)) throw new OptionError(`${at}${name}.family must be one of ${FAMILIES.join(", ")}, got ${shown(p.family)}; ${hint}`, name);
  if (!isArrayLike(p.features)) throw new OptionError(`${at}${name}.features must be the feature names, got ${shown(p.features)}; ${hint}`, name);
  if (!isArrayLike(p.lambda)) throw new OptionError(`${at}${name}.lambda must be the fitted λs, got ${shown(p.lambda)}; ${hint}`, name);
  if (p.lambda.length === 0) throw new OptionError(`${at}${name} has no fitted λ; ${hint}`, name);
  const L = p.lambda.length;
  if (!isArrayLike(p.beta) || p.beta.length !== L || !isArrayLike(p.intercept) || p.intercept.length !== L) {
    throw new OptionError(`${at}${name} must hold an intercept and coefficients for each of its ${L} λs; ${hint}`, name);
  }
}

/**
 * Whether v, a path or an options object, names a multi-response family (multinomial, mgaussian): the
 * general entries (fitPath, cvPath, coef, predict) hand it to the multi-response functions.
 */
export function hasMultiFamily(v: unknown): v is { readonly family: MultiFamilyName } {
  return v !== null && typeof v === "object" && isMultiFamilyName((v as { family?: unknown }).family);
}

/** A λ to evaluate a path at: a finite number ≥ 0 (not an array: call once per λ). */
export function checkLambda(what: string, lambda: unknown): asserts lambda is number {
  if (typeof lambda === "number" && Number.isFinite(lambda) && lambda >= 0) return;
  const array = isArrayLike(lambda) ? " (one λ per call)" : "";
  throw new OptionError(`${what}: lambda must be a finite number ≥ 0${array}, got ${shown(lambda)}`, "lambda");
}

/** A fitted path, as a rule of checkArguments (data/arguments.ts). */
export const pathRule: Rule = (v, name) => checkPath("", v, name);

/** A fitted multi-response path (fitMultinomialPath, fitMgaussianPath): λs, features, and coefficients per λ. */
export const multiPathRule: Rule = (v, name) => {
  const p = v as { lambda?: unknown; beta?: unknown; features?: unknown; intercept?: unknown } | null;
  const hint = "fit one with fitMultinomialPath or fitMgaussianPath";
  if (p === null || typeof p !== "object") throw new OptionError(`${name} must be a fitted multi-response path, got ${shown(v)}; ${hint}`, name);
  if (!isArrayLike(p.lambda) || p.lambda.length === 0) throw new OptionError(`${name} has no fitted λ; ${hint}`, name);
  if (!isArrayLike(p.features) || !isArrayLike(p.beta) || p.beta.length !== p.lambda.length) {
    throw new OptionError(`${name} must hold features and coefficients for each of its ${p.lambda.length} λs; ${hint}`, name);
  }
};

/** A sparse X, as sparseMatrix or sparseFromDense builds it. */
export const sparseRule: Rule = (v, name) => {
  if (v === null || typeof v !== "object" || !isSparse(v as never)) throw new OptionError(`${name} must be a sparse matrix, got ${shown(v)}; build one with sparseMatrix(n, names, colPtr, rowIndex, values) or sparseFromDense(x)`, name);
};

/** A multi-response fit's options (MultiFitOptions): fitPath's less those that do not apply, and grouped. */
export const MULTI_FIT_OPTIONS_SCHEMA: Schema<MultiFitOptions> = {
  alpha: FIT_OPTIONS_SCHEMA.alpha, lambda: FIT_OPTIONS_SCHEMA.lambda, nlambda: FIT_OPTIONS_SCHEMA.nlambda,
  lambdaMinRatio: FIT_OPTIONS_SCHEMA.lambdaMinRatio, standardize: booleanRule, intercept: booleanRule,
  penaltyFactor: perFeatureRule, exclude: featureListRule, lowerLimits: perFeatureRule, upperLimits: perFeatureRule,
  weights: numericArrayRule, thresh: FIT_OPTIONS_SCHEMA.thresh, maxit: FIT_OPTIONS_SCHEMA.maxit, dfmax: FIT_OPTIONS_SCHEMA.dfmax, pmax: FIT_OPTIONS_SCHEMA.pmax, gapTol: FIT_OPTIONS_SCHEMA.gapTol,
  penalty: FIT_OPTIONS_SCHEMA.penalty, penaltyGamma: FIT_OPTIONS_SCHEMA.penaltyGamma, survival: FIT_OPTIONS_SCHEMA.survival,
  adaptive: FIT_OPTIONS_SCHEMA.adaptive, grouped: booleanRule, standardizeResponse: booleanRule, relax: booleanRule,
};

/** A multinomial fit's options: the multi-response ones and the classes in order. */
export const MULTINOMIAL_OPTIONS_SCHEMA: Schema<MultiFitOptions & { classes?: readonly (string | number)[] }> = {
  ...MULTI_FIT_OPTIONS_SCHEMA, classes: arrayOfRule((v, name) => {
    if (typeof v !== "string" && typeof v !== "number") throw new OptionError(`${name} must be a class label (a string or a number), got ${shown(v)}`, name);
  }, "an array of class labels"),
};

/** An mgaussian fit's options: the multi-response ones and the responses' names. */
export const MGAUSSIAN_OPTIONS_SCHEMA: Schema<MultiFitOptions & { responses?: readonly string[] }> = {
  ...MULTI_FIT_OPTIONS_SCHEMA, responses: stringsRule,
};
