import { checkArguments, checkOptions, choiceRule, isArrayLike, nonNegativeNumber, numberRule, numericArrayRule, type Schema } from "../data/arguments.js";
import { checkMatrix, type ModelMatrix } from "../data/matrix.js";
import { DataError, OptionError } from "../errors.js";
import { checkLambda, checkPath, hasMultiFamily, multiPathRule } from "./arguments.js";
import { coefMulti, predictMulti } from "./multi/predict.js";
import type { MultiPath } from "./multi/types.js";
import { newRowsRule } from "../data/matrix-rule.js";
import { familyOf } from "../model/families/index.js";
import { lambdaInterpolation } from "./lambda-interpolation.js";
import type { Path, PredictType } from "./types.js";

/** Dense coefficients at the k-th fitted λ, aligned with path.features. */
export function coefficientsAt(path: Pick<Path, "features" | "beta">, k: number): Float64Array {
  if (path === null || typeof path !== "object" || !isArrayLike(path.beta) || !isArrayLike(path.features)) {
    throw new OptionError("coefficientsAt: path must be a fitted path (from fitPath)", "path");
  }
  if (!(Number.isInteger(k) && k >= 0 && k < path.beta.length)) {
    throw new OptionError(`coefficientsAt: k must be the index of a fitted λ, an integer 0..${path.beta.length - 1}, got ${k}`, "k");
  }
  const out = new Float64Array(path.features.length);
  const { index, value } = path.beta[k];
  for (let t = 0; t < index.length; t++) out[index[t]] = value[t];
  return out;
}

/** Dense coefficients at the k-th λ of a relaxed fit, blended γ·β_penalized + (1 − γ)·β_relaxed. */
function blendedAt(path: Path, k: number, gamma: number): { intercept: number; beta: Float64Array } {
  const pen = coefficientsAt(path, k);
  if (gamma === 1) return { intercept: path.intercept[k], beta: pen };
  const r = path.relaxed;
  if (!r) throw new OptionError("gamma needs a relaxed fit: fit with relax: true", "gamma");
  const rel = new Float64Array(pen.length);
  const { index, value } = r.beta[k];
  for (let t = 0; t < index.length; t++) rel[index[t]] = value[t];
  return {
    intercept: gamma * path.intercept[k] + (1 - gamma) * r.intercept[k],
    beta: pen.map((b, j) => gamma * b + (1 - gamma) * rel[j]),
  };
}

/**
 * Intercept and dense coefficients at any λ, interpolating linearly between fitted λs; with a relaxed
 * fit, `gamma` blends the penalized (γ = 1, the default) and relaxed (γ = 0) coefficients (γ = 0 is the
 * relaxed fit itself; glmnet's coef and predict of a relaxed fit take max(γ, 1e-5), 1e-5 of the penalized). Of a
 * multi-response path (fitMultinomialPath, fitMgaussianPath): coefMulti, intercepts [k] and coefficients [k][j].
 */
export function coef(path: MultiPath, lambda: number, opts?: { gamma?: number }): { intercept: Float64Array; beta: Float64Array[] };
// Last, so that Parameters<typeof coef> and ReturnType<typeof coef> are the single-response path's.
export function coef(path: Path, lambda: number, opts?: { gamma?: number }): { intercept: number; beta: Float64Array };
export function coef(path: Path | MultiPath, lambda: number, opts: { gamma?: number } = {}): { intercept: number | Float64Array; beta: Float64Array | Float64Array[] } {
  if (hasMultiFamily(path)) return coefOfMulti(path, lambda, opts);
  checkPath("coef", path);
  checkLambda("coef", lambda);
  checkOptions("coef", opts, COEF_SCHEMA);
  const gamma = opts.gamma ?? 1;
  if (!(gamma >= 0 && gamma <= 1)) throw new OptionError(`gamma must be between 0 and 1, got ${gamma}`, "gamma");
  const { left, right, weight } = lambdaInterpolation(path.lambda, lambda);
  const l = blendedAt(path, left, gamma);
  if (left === right) return l;
  const r = blendedAt(path, right, gamma);
  return {
    intercept: weight * l.intercept + (1 - weight) * r.intercept,
    beta: l.beta.map((b, j) => weight * b + (1 - weight) * r.beta[j]),
  };
}

/** The options of predict. */
export interface PredictOptions {
  /** "link" (the linear predictor, default), "response" (the mean) or "class" (binomial: 0/1). */
  type?: PredictType;
  /** The new rows' offset, required when the path was fitted with one. */
  offset?: ArrayLike<number>;
  /** With a relaxed fit: the blend γ·β + (1 − γ)·β_relaxed (1); γ = 0 is the relaxed fit itself, where glmnet's predict takes γ = 1e-5. */
  gamma?: number;
}

const COEF_SCHEMA: Schema<{ gamma?: number }> = { gamma: numberRule({ min: 0, max: 1 }) };
const PREDICT_SCHEMA: Schema<PredictOptions> = {
  type: choiceRule(() => ["link", "response", "class"]),
  offset: numericArrayRule,
  gamma: numberRule({ min: 0, max: 1 }),
};

/** Every value of the new rows must be a finite number: name the first that is not, by feature and row. */
function checkNewX(newX: ModelMatrix): void {
  const { n, p, data, names } = newX;
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const v = data[j * n + i];
      if (!Number.isFinite(v)) throw new DataError(`predict: newX's feature "${names[j]}" is not a finite number in row ${i + 1} (${v})`, names[j], i + 1);
    }
  }
}

/**
 * Predictions for the rows of newX at λ: the linear predictor, the mean, or (binomial) the class 0/1. Of
 * a multi-response path: predictMulti, one array of K per row (link, response) or the class indices (class).
 */
export function predict(path: MultiPath, newX: ModelMatrix, lambda: number, opts: { type: "class"; gamma?: number }): Int32Array;
export function predict(path: MultiPath, newX: ModelMatrix, lambda: number, opts?: { type?: "link" | "response"; gamma?: number }): Float64Array[];
export function predict(path: MultiPath, newX: ModelMatrix, lambda: number, opts?: MultiPredictOptions): Float64Array[] | Int32Array;
// Last, so that Parameters<typeof predict> and ReturnType<typeof predict> are the single-response path's.
export function predict(path: Path, newX: ModelMatrix, lambda: number, opts?: PredictOptions): Float64Array;
export function predict(path: Path | MultiPath, newX: ModelMatrix, lambda: number, opts: PredictOptions = {}): Float64Array | Float64Array[] | Int32Array {
  if (hasMultiFamily(path)) return predictOfMulti(path, newX, lambda, opts);
  checkPath("predict", path);
  checkMatrix("predict", newX, "newX");
  checkLambda("predict", lambda);
  checkOptions("predict", opts, PREDICT_SCHEMA);
  checkNewX(newX);
  return predictValues(path, newX, lambda, opts);
}

/** The options of predict for a multi-response path: the type only (no offset or relaxed blend yet). */
export type MultiPredictOptions = Pick<PredictOptions, "type" | "gamma">;

const MULTI_COEF_SCHEMA: Schema<{ gamma?: number }> = { gamma: COEF_SCHEMA.gamma };
const MULTI_PREDICT_SCHEMA: Schema<MultiPredictOptions> = { type: PREDICT_SCHEMA.type, gamma: PREDICT_SCHEMA.gamma };

/** coef of a multi-response path: coefMulti, which takes no options, its errors naming coef. */
function coefOfMulti(path: MultiPath, lambda: number, opts: unknown): { intercept: Float64Array; beta: Float64Array[] } {
  checkArguments("coef", { path, lambda }, { path: multiPathRule, lambda: nonNegativeNumber });
  checkOptions("coef", opts, MULTI_COEF_SCHEMA);
  return coefMulti(path, lambda, (opts as { gamma?: number }).gamma ?? 1);
}

/** predict of a multi-response path: predictMulti of the type asked, its errors naming predict. */
function predictOfMulti(path: MultiPath, newX: ModelMatrix, lambda: number, opts: MultiPredictOptions): Float64Array[] | Int32Array {
  checkArguments("predict", { path, newX, lambda }, { path: multiPathRule, newX: newRowsRule, lambda: nonNegativeNumber });
  checkOptions("predict", opts, MULTI_PREDICT_SCHEMA);
  return predictMulti(path, newX, lambda, opts.type, opts.gamma ?? 1);
}

/** predict without the argument checks, for callers whose rows were checked already (cross-validation's folds). */
export function predictValues(path: Path, newX: ModelMatrix, lambda: number, opts: PredictOptions = {}): Float64Array {
  if (newX.p !== path.features.length) {
    throw new OptionError(`newX has ${newX.p} columns but the model has ${path.features.length} features`, "newX");
  }
  const type = opts.type ?? "link";
  const family = familyOf(path.family);
  const classify = family.classify;
  if (type === "class" && classify === null) throw new OptionError(`type "class" needs a model with classes (binomial), not ${path.family}`, "type");
  if (path.hasOffset && !opts.offset) throw new OptionError("the model was fitted with an offset: give one for the new rows", "offset");
  const { intercept, beta } = coef(path, lambda, { gamma: opts.gamma });
  const n = newX.n;
  const eta = new Float64Array(n).fill(intercept);
  if (opts.offset) {
    if (opts.offset.length !== n) throw new OptionError(`offset has ${opts.offset.length} values for ${n} rows`, "offset");
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(opts.offset[i])) throw new DataError(`predict: offset is not a finite number in row ${i + 1} (${opts.offset[i]})`, "offset", i + 1);
      eta[i] += opts.offset[i];
    }
  }
  for (let j = 0; j < newX.p; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) eta[i] += b * newX.data[o + i];
  }
  if (type === "link") return eta;
  if (type === "class" && classify !== null) return eta.map(classify);
  return eta.map((e) => family.response(e));
}

