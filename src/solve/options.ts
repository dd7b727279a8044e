import { OptionError } from "../errors.js";
import type { Family } from "../model/family.js";
import { familyOf } from "../model/families/index.js";
import type { Survival } from "../model/partial-likelihood.js";
import type { FitOptions, PerFeature, SolverChoice } from "./types.js";
import { nearestName } from "../data/nearest.js";

/** Everything fitPath needs, validated, with glmnet's defaults filled in. */
export interface ResolvedOptions {
  family: Family;
  alpha: number;
  userLambda: Float64Array | null;
  nlambda: number;
  lambdaMinRatio: number;
  standardize: boolean;
  intercept: boolean;
  /** As given (before rescaling); excluded variables are marked in `excluded`. */
  penaltyFactor: Float64Array;
  excluded: Uint8Array;
  lowerLimits: Float64Array;
  upperLimits: Float64Array;
  weights: Float64Array;
  offset: Float64Array | null;
  thresh: number;
  maxit: number;
  /** Stop each λ at this relative duality gap (null: at thresh). */
  gapTol: number | null;
  dfmax: number;
  pmax: number;
  updates: "covariance" | "naive";
  /** "glmnet" (its iterates) or "ws" (working sets, working-set.ts). */
  solver: SolverChoice;
  /** Cox: the status, start times and strata beside the times y; null for other families. */
  survival: Survival | null;
  notes: string[];
}

function finite(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new OptionError(`${name} must be a finite number, got ${String(v)}`, name);
  return v;
}

/** Expand a per-feature option (one number, an array, or {name: value}) to one value per feature. */
export function perFeature(name: string, value: PerFeature | undefined, features: readonly string[], fill: number): Float64Array {
  const p = features.length;
  const out = new Float64Array(p).fill(fill);
  if (value === undefined) return out;
  if (typeof value === "number") return out.fill(value);
  if (isArrayLike(value)) {
    if (value.length !== p) throw new OptionError(`${name} has ${value.length} values but there are ${p} features`, name);
    for (let j = 0; j < p; j++) out[j] = value[j];
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    const j = features.indexOf(key);
    if (j < 0) throw new OptionError(`${name} names "${key}", which is not a feature${suggest(key, features)}`, name);
    out[j] = v;
  }
  return out;
}

function isArrayLike(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

/** "; did you mean "x"?" when a near name exists, else nothing. */
export function suggest(name: string, candidates: readonly string[]): string {
  const near = nearestName(name, candidates);
  return near === null ? "" : `; did you mean "${near}"?`;
}

/** Validate options against a problem of n rows and the given features. */
export function resolveOptions(o: FitOptions, n: number, features: readonly string[]): ResolvedOptions {
  const p = features.length;
  const notes: string[] = [];
  const family = familyOf(o.family ?? "gaussian");
  const alpha = finite("alpha", o.alpha ?? 1);
  if (alpha < 0 || alpha > 1) throw new OptionError(`alpha must be between 0 and 1, got ${alpha}`, "alpha");

  let userLambda: Float64Array | null = null;
  if (o.lambda !== undefined) {
    const lam = Array.from(o.lambda as ArrayLike<number>, (v, i) => finite(`lambda[${i + 1}]`, v));
    if (lam.length === 0) throw new OptionError("lambda is empty: give at least one value", "lambda");
    const neg = lam.find((v) => v < 0);
    if (neg !== undefined) throw new OptionError(`lambda values must be non-negative, got ${neg}`, "lambda");
    const sorted = [...lam].sort((a, b) => b - a);
    if (sorted.some((v, i) => v !== lam[i])) notes.push("lambda was not decreasing: fitted in decreasing order, as glmnet does");
    userLambda = Float64Array.from(sorted);
  }
  const nlambda = o.nlambda ?? 100;
  if (!Number.isInteger(nlambda) || nlambda < 1) throw new OptionError(`nlambda must be a positive integer, got ${nlambda}`, "nlambda");
  const lambdaMinRatio = finite("lambdaMinRatio", o.lambdaMinRatio ?? (n < p ? 0.01 : 1e-4));
  if (!(lambdaMinRatio > 0 && lambdaMinRatio < 1)) throw new OptionError(`lambdaMinRatio must be in (0, 1), got ${lambdaMinRatio}`, "lambdaMinRatio");

  const penaltyFactor = perFeature("penaltyFactor", o.penaltyFactor, features, 1);
  const excluded = new Uint8Array(p);
  penaltyFactor.forEach((v, j) => {
    if (Number.isNaN(v) || v < 0) throw new OptionError(`penaltyFactor for "${features[j]}" must be ≥ 0, got ${v}`, "penaltyFactor");
    if (v === Infinity) excluded[j] = 1;
  });
  for (const e of o.exclude ?? []) {
    const j = typeof e === "number" ? e : features.indexOf(e);
    if (typeof e === "number" && (!Number.isInteger(e) || e < 0 || e >= p)) throw new OptionError(`exclude: index ${e} is out of range 0..${p - 1}`, "exclude");
    if (j < 0) throw new OptionError(`exclude names "${e}", which is not a feature${suggest(String(e), features)}`, "exclude");
    excluded[j] = 1;
  }
  // glmnet gives excluded variables factor 1 before rescaling, so exclusion does not move λ_max.
  excluded.forEach((e, j) => { if (e) penaltyFactor[j] = 1; });

  const lowerLimits = perFeature("lowerLimits", o.lowerLimits, features, -Infinity);
  const upperLimits = perFeature("upperLimits", o.upperLimits, features, Infinity);
  lowerLimits.forEach((v, j) => {
    if (Number.isNaN(v) || v > 0) throw new OptionError(`lowerLimits for "${features[j]}" must be ≤ 0, got ${v}`, "lowerLimits");
  });
  upperLimits.forEach((v, j) => {
    if (Number.isNaN(v) || v < 0) throw new OptionError(`upperLimits for "${features[j]}" must be ≥ 0, got ${v}`, "upperLimits");
  });

  let weights: Float64Array;
  if (o.weights !== undefined) {
    if (o.weights.length !== n) throw new OptionError(`weights has ${o.weights.length} values but there are ${n} rows`, "weights");
    weights = Float64Array.from(o.weights as ArrayLike<number>);
    weights.forEach((v, i) => {
      if (!Number.isFinite(v) || v < 0) throw new OptionError(`weights must be finite and ≥ 0; row ${i + 1} has ${v}`, "weights");
    });
    if (!weights.some((v) => v > 0)) throw new OptionError("weights are all zero: at least one row must carry weight", "weights");
    // Only their ratios matter, but they are summed: a sum past the largest number would zero them all.
    if (!Number.isFinite(weights.reduce((a, b) => a + b, 0))) {
      throw new OptionError(`weights are too large to add up (the largest is ${weights.reduce((a, b) => Math.max(a, b), 0)}): divide them all by the same number, as only their ratios matter`, "weights");
    }
  } else {
    weights = new Float64Array(n).fill(1);
  }
  let offset: Float64Array | null = null;
  if (o.offset !== undefined) {
    if (o.offset.length !== n) throw new OptionError(`offset has ${o.offset.length} values but there are ${n} rows`, "offset");
    offset = Float64Array.from(o.offset as ArrayLike<number>, (v, i) => finite(`offset[${i + 1}]`, v));
  }
  const thresh = finite("thresh", o.thresh ?? 1e-7);
  if (thresh <= 0) throw new OptionError(`thresh must be positive, got ${thresh}`, "thresh");
  const maxit = o.maxit ?? 1e5;
  if (!Number.isInteger(maxit) || maxit < 1) throw new OptionError(`maxit must be a positive integer, got ${maxit}`, "maxit");
  const gapTol = o.gapTol === undefined ? null : finite("gapTol", o.gapTol);
  if (gapTol !== null && !(gapTol > 0)) throw new OptionError(`gapTol must be positive, got ${gapTol}`, "gapTol");
  const dfmax = o.dfmax ?? p + 1;
  if (!Number.isInteger(dfmax) || dfmax < 0) throw new OptionError(`dfmax must be a non-negative integer, got ${dfmax}`, "dfmax");
  const pmax = o.pmax ?? Math.min(dfmax * 2 + 20, p);
  if (!Number.isInteger(pmax) || pmax < 0) throw new OptionError(`pmax must be a non-negative integer, got ${pmax}`, "pmax");
  const updates = o.updates ?? (p < 500 ? "covariance" : "naive");
  const solver = resolveSolver(o, family);
  const survival = resolveSurvival(o, family, notes);
  return {
    family, alpha, userLambda, nlambda, lambdaMinRatio,
    standardize: o.standardize ?? true, intercept: survival ? false : o.intercept ?? true,
    penaltyFactor, excluded, lowerLimits, upperLimits, weights, offset, thresh, maxit, gapTol, dfmax, pmax, updates, solver, survival, notes,
  };
}

/** The solver asked for: "ws" only where it applies (the gaussian elastic net; it keeps the residual, whatever `updates`). */
function resolveSolver(o: FitOptions, family: Family): SolverChoice {
  const solver = o.solver ?? "glmnet";
  if (solver !== "glmnet" && solver !== "ws") throw new OptionError(`solver must be "glmnet" or "ws", got ${JSON.stringify(solver)}`, "solver");
  if (solver === "glmnet") return solver;
  if (family.solver !== "least-squares") throw new OptionError(`solver "ws" (working sets) fits the gaussian family only, not ${family.name}`, "solver");
  if (o.penalty !== undefined && o.penalty !== "lasso") throw new OptionError(`solver "ws" fits the elastic net (lasso), not ${o.penalty}`, "solver");
  return solver;
}

/** The survival outcome a Cox fit needs (and no other family takes), its arrays copied. */
function resolveSurvival(o: FitOptions, family: Family, notes: string[]): Survival | null {
  const cox = family.solver === "partial-likelihood";
  if (!cox) {
    if (o.survival !== undefined) throw new OptionError(`survival (status, start, strata) is for a Cox fit, not ${family.name}`, "survival");
    return null;
  }
  const s = o.survival;
  if (s === undefined || s.status === undefined) throw new OptionError("a Cox fit needs the status of every row (survival: { status }, 1 = event, 0 = censored) beside the times y", "status");
  if (o.intercept === true) notes.push("a Cox model has no intercept: intercept is ignored, as glmnet does");
  return {
    status: Float64Array.from(s.status),
    start: s.start === undefined ? undefined : Float64Array.from(s.start),
    strata: s.strata === undefined ? undefined : Float64Array.from(s.strata),
  };
}
