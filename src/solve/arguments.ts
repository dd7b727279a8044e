/**
 * The schema of fitPath's options and the checks of the paths the library is handed back (relaxPath,
 * coef, predict): one place where the public API's arguments are checked (the rules are in
 * data/arguments.ts). Adding an option to FitOptions is one line here: the Schema type makes the
 * typecheck fail until it has one.
 */
import { OptionError } from "../errors.js";
import {
  booleanRule, checkOptions, choiceRule, featureListRule, isArrayLike, numberRule, numbersRule, numericArrayRule,
  perFeatureRule, shown, stringRule, type Schema,
} from "../data/arguments.js";
import { FAMILIES, isFamilyName } from "../model/families/index.js";
import type { Survival } from "../model/partial-likelihood.js";
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
  family: choiceRule(() => FAMILIES),
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
  gapTol: numberRule({ above: 0 }),
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
  if (p === null || typeof p !== "object") throw new OptionError(`${what}: ${name} must be a fitted path, got ${shown(path)}; ${hint}`, name);
  if (typeof p.family !== "string" || !isFamilyName(p.family)) throw new OptionError(`${what}: ${name}.family must be one of ${FAMILIES.join(", ")}, got ${shown(p.family)}; ${hint}`, name);
  if (!isArrayLike(p.features)) throw new OptionError(`${what}: ${name}.features must be the feature names, got ${shown(p.features)}; ${hint}`, name);
  if (!isArrayLike(p.lambda)) throw new OptionError(`${what}: ${name}.lambda must be the fitted λs, got ${shown(p.lambda)}; ${hint}`, name);
  if (p.lambda.length === 0) throw new OptionError(`${what}: ${name} has no fitted λ; ${hint}`, name);
  const L = p.lambda.length;
  if (!isArrayLike(p.beta) || p.beta.length !== L || !isArrayLike(p.intercept) || p.intercept.length !== L) {
    throw new OptionError(`${what}: ${name} must hold an intercept and coefficients for each of its ${L} λs; ${hint}`, name);
  }
}

/** A λ to evaluate a path at: a finite number ≥ 0 (not an array: call once per λ). */
export function checkLambda(what: string, lambda: unknown): asserts lambda is number {
  if (typeof lambda === "number" && Number.isFinite(lambda) && lambda >= 0) return;
  const array = isArrayLike(lambda) ? " (one λ per call)" : "";
  throw new OptionError(`${what}: lambda must be a finite number ≥ 0${array}, got ${shown(lambda)}`, "lambda");
}
