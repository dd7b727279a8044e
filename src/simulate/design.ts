import { OptionError } from "../errors.js";
import type { ModelMatrix } from "../data/matrix.js";
import type { NoiseKind } from "../model/family.js";
import { eitherOf, familiesWhere, familyOf } from "../model/families/index.js";
import { cholesky } from "../linalg/spd.js";
import { log, type Rng } from "../random/rng.js";
import { checkArguments, optionsRule, checkedWhereUsed, objectRule, countRule, numericArrayRule, optional, type Schema } from "../data/arguments.js";
import { designRule, rngRule } from "./arguments.js";

/**
 * The correlation of the predictors (every predictor has variance 1 except with a custom
 * covariance):
 * - independent: Σ = I;
 * - ar1: Σ_jk = ρ^|j−k| (neighbours correlated, decaying with distance);
 * - block: consecutive blocks of `blockSize` predictors, ρ between any two in the same block;
 * - custom: any positive-definite p×p covariance (row-major array or array of rows).
 */
export type Correlation =
  | { readonly type: "independent" }
  | { readonly type: "ar1"; readonly rho: number }
  | { readonly type: "block"; readonly rho: number; readonly blockSize: number }
  | { readonly type: "custom"; readonly covariance: ArrayLike<number> | readonly ArrayLike<number>[] };

/** The outcomes a simulation can draw: gaussian or binomial. */
export type SimulationFamily = "gaussian" | "binomial";

/** What a person specifies; `makeDesign` fills in the rest. */
export interface DesignSpec {
  /** Observations per repetition. */
  n: number;
  /** Number of predictors. */
  p: number;
  /** The true coefficients, all p of them. When given, s, size, signs and positions are ignored. */
  beta?: ArrayLike<number>;
  /** Number of nonzero true coefficients (min(5, p)). */
  s?: number;
  /** Their magnitude: one number for all, or one per nonzero (1). */
  size?: number | ArrayLike<number>;
  /** Their signs: all positive (default), alternating +,−,+,…, or one ±1 per nonzero. */
  signs?: "positive" | "alternating" | ArrayLike<number>;
  /** Where they sit (0-based): the first s (default), spread evenly over 0..p−1, or listed. */
  positions?: "first" | "spread" | ArrayLike<number>;
  /** Correlation of the predictors (independent). */
  correlation?: Correlation;
  /** Gaussian noise standard deviation (1 unless snr is given). */
  sigma?: number;
  /** Signal-to-noise ratio Var(xβ)/σ², with Var(xβ) = βᵀΣβ from the population covariance. */
  snr?: number;
  /** "gaussian" (y = β0 + xβ + σε) or "binomial" (P(y = 1) = 1/(1 + e^−(β0 + xβ))). */
  family?: SimulationFamily;
  /** The true intercept β0 (0). */
  intercept?: number;
}

/** A design with every setting resolved: the population a repetition samples from. */
export interface Design {
  readonly n: number;
  readonly p: number;
  readonly family: SimulationFamily;
  readonly beta: Float64Array;
  /** Positions of the nonzero true coefficients, increasing. */
  readonly support: Int32Array;
  readonly intercept: number;
  /** Noise standard deviation (gaussian); NaN for binomial. */
  readonly sigma: number;
  /** βᵀΣβ/σ² (gaussian); NaN for binomial. */
  readonly snr: number;
  readonly correlation: ResolvedCorrelation;
  /** The population covariance Σ, row-major p×p. */
  readonly covariance: Float64Array;
  readonly names: readonly string[];
}

/** A correlation structure with its defaults filled in. */
export type ResolvedCorrelation =
  | { readonly type: "independent" }
  | { readonly type: "ar1"; readonly rho: number }
  | { readonly type: "block"; readonly rho: number; readonly blockSize: number }
  /** `factor` is the Cholesky factor L of the covariance (row-major, lower triangular). */
  | { readonly type: "custom"; readonly factor: Float64Array };

/** One sample from a design. */
export interface SimulatedData {
  readonly x: ModelMatrix;
  readonly y: Float64Array;
  /** The true linear predictor β0 + xβ of each row. */
  readonly eta: Float64Array;
}

function positiveInteger(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1) throw new OptionError(`${option} must be a positive integer, got ${value}`, option);
  return value;
}

function finite(value: number, option: string): number {
  if (!Number.isFinite(value)) throw new OptionError(`${option} must be a finite number, got ${value}`, option);
  return value;
}

/** The population covariance of a correlation structure (row-major p×p). */
export function populationCovariance(correlation: Correlation, p: number): Float64Array {
  checkArguments("populationCovariance", { correlation, p }, { correlation: objectRule("a correlation { type: \"independent\" | \"ar1\" | \"block\" | \"custom\", … }"), p: countRule });
  const sigma = new Float64Array(p * p);
  switch (correlation.type) {
    case "independent":
      for (let j = 0; j < p; j++) sigma[j * p + j] = 1;
      return sigma;
    case "ar1":
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) sigma[j * p + k] = correlation.rho ** Math.abs(j - k);
      return sigma;
    case "block":
      for (let j = 0; j < p; j++) {
        for (let k = 0; k < p; k++) {
          const same = Math.floor(j / correlation.blockSize) === Math.floor(k / correlation.blockSize);
          sigma[j * p + k] = j === k ? 1 : same ? correlation.rho : 0;
        }
      }
      return sigma;
    case "custom":
      return customCovariance(correlation.covariance, p);
  }
}

function customCovariance(cov: ArrayLike<number> | readonly ArrayLike<number>[], p: number): Float64Array {
  const sigma = new Float64Array(p * p);
  const rows = cov as readonly ArrayLike<number>[];
  if (cov.length === p && p > 0 && typeof rows[0] === "object") {
    for (let j = 0; j < p; j++) {
      if (rows[j].length !== p) throw new OptionError(`covariance row ${j + 1} has ${rows[j].length} entries, expected ${p}`, "covariance");
      for (let k = 0; k < p; k++) sigma[j * p + k] = rows[j][k];
    }
  } else if (cov.length === p * p) {
    for (let i = 0; i < p * p; i++) sigma[i] = (cov as ArrayLike<number>)[i];
  } else {
    throw new OptionError(`covariance must be ${p}×${p}, got ${cov.length} entries`, "covariance");
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) {
      if (Math.abs(sigma[j * p + k] - sigma[k * p + j]) > 1e-12 * (1 + Math.abs(sigma[j * p + k]))) {
        throw new OptionError(`covariance is not symmetric: entry (${j + 1}, ${k + 1}) differs from (${k + 1}, ${j + 1})`, "covariance");
      }
    }
  }
  return sigma;
}

function resolveCorrelation(correlation: Correlation, p: number, covariance: Float64Array): ResolvedCorrelation {
  switch (correlation.type) {
    case "independent":
      return { type: "independent" };
    case "ar1":
      if (!(correlation.rho > -1 && correlation.rho < 1)) throw new OptionError(`rho for ar1 must lie in (−1, 1), got ${correlation.rho}`, "rho");
      return { type: "ar1", rho: correlation.rho };
    case "block":
      // A shared factor per block draws equicorrelated variables, which needs ρ ≥ 0.
      if (!(correlation.rho >= 0 && correlation.rho < 1)) throw new OptionError(`rho for block must lie in [0, 1), got ${correlation.rho}`, "rho");
      return { type: "block", rho: correlation.rho, blockSize: positiveInteger(correlation.blockSize, "blockSize") };
    case "custom": {
      const factor = cholesky(covariance, p);
      if (!factor) throw new OptionError("covariance is not positive definite", "covariance");
      return { type: "custom", factor };
    }
  }
}

function trueCoefficients(spec: DesignSpec): Float64Array {
  const p = spec.p;
  if (spec.beta !== undefined) {
    if (spec.beta.length !== p) throw new OptionError(`beta has ${spec.beta.length} values, expected p = ${p}`, "beta");
    const beta = Float64Array.from(spec.beta);
    beta.forEach((b, j) => finite(b, `beta (entry ${j + 1})`));
    return beta;
  }
  const s = spec.s ?? Math.min(5, p);
  if (!Number.isInteger(s) || s < 0 || s > p) throw new OptionError(`s must be an integer between 0 and p = ${p}, got ${s}`, "s");
  const positions = nonzeroPositions(spec.positions ?? "first", s, p);
  const beta = new Float64Array(p);
  for (let k = 0; k < s; k++) {
    const size = typeof spec.size === "number" || spec.size === undefined ? (spec.size ?? 1) : spec.size[k];
    if (size === undefined) throw new OptionError(`size has fewer than s = ${s} values`, "size");
    finite(size, "size");
    const sign = signOf(spec.signs ?? "positive", k, s);
    beta[positions[k]] = sign * Math.abs(size);
  }
  return beta;
}

function nonzeroPositions(positions: NonNullable<DesignSpec["positions"]>, s: number, p: number): Int32Array {
  if (positions === "first") return Int32Array.from({ length: s }, (_, k) => k);
  if (positions === "spread") return Int32Array.from({ length: s }, (_, k) => Math.floor((k * p) / s));
  if (positions.length !== s) throw new OptionError(`positions lists ${positions.length} predictors, expected s = ${s}`, "positions");
  const out = Int32Array.from(positions);
  const seen = new Set<number>();
  for (const j of out) {
    if (j < 0 || j >= p) throw new OptionError(`position ${j} is outside 0..${p - 1}`, "positions");
    if (seen.has(j)) throw new OptionError(`position ${j} is listed twice`, "positions");
    seen.add(j);
  }
  return out;
}

function signOf(signs: NonNullable<DesignSpec["signs"]>, k: number, s: number): number {
  if (signs === "positive") return 1;
  if (signs === "alternating") return k % 2 === 0 ? 1 : -1;
  if (signs.length !== s) throw new OptionError(`signs lists ${signs.length} values, expected s = ${s}`, "signs");
  if (signs[k] !== 1 && signs[k] !== -1) throw new OptionError(`signs must be +1 or −1, got ${signs[k]}`, "signs");
  return signs[k];
}

/** βᵀΣβ: the variance of the signal xβ in the population. */
export function signalVariance(beta: ArrayLike<number>, covariance: ArrayLike<number>, p: number): number {
  checkArguments("signalVariance", { beta, covariance, p }, { beta: numericArrayRule, covariance: numericArrayRule, p: countRule });
  let v = 0;
  for (let j = 0; j < p; j++) {
    if (beta[j] === 0) continue;
    for (let k = 0; k < p; k++) v += beta[j] * covariance[j * p + k] * beta[k];
  }
  return v;
}

/** Resolve a design: true coefficients, population covariance, noise level. */
export function makeDesign(spec: DesignSpec): Design {
  checkArguments("makeDesign", { spec }, { spec: optionsRule(DESIGN_SPEC, true) });
  const n = positiveInteger(spec.n, "n");
  const p = positiveInteger(spec.p, "p");
  const family = spec.family ?? "gaussian";
  const simulated: readonly string[] = familiesWhere((f) => f.simulate !== null);
  if (!simulated.includes(family)) throw new OptionError(`family must be ${eitherOf(simulated)}, got ${String(family)}`, "family");
  const correlationSpec = spec.correlation ?? { type: "independent" };
  const covariance = populationCovariance(correlationSpec, p);
  const correlation = resolveCorrelation(correlationSpec, p, covariance);
  const beta = trueCoefficients(spec);
  const support = Int32Array.from([...beta.keys()].filter((j) => beta[j] !== 0));
  const intercept = finite(spec.intercept ?? 0, "intercept");
  const signal = signalVariance(beta, covariance, p);
  let sigma = NaN;
  let snr = NaN;
  if (familyOf(family).dispersion) {
    if (spec.sigma !== undefined && spec.snr !== undefined) throw new OptionError("give the noise as sigma or as snr, not both", "snr");
    if (spec.snr !== undefined) {
      if (!(spec.snr > 0 && Number.isFinite(spec.snr))) throw new OptionError(`snr must be a positive number, got ${spec.snr}`, "snr");
      if (signal === 0) throw new OptionError("snr needs a nonzero signal: every true coefficient is 0; give sigma instead", "snr");
      snr = spec.snr;
      sigma = Math.sqrt(signal / snr);
    } else {
      sigma = spec.sigma ?? 1;
      if (!(sigma > 0 && Number.isFinite(sigma))) throw new OptionError(`sigma must be a positive number, got ${sigma}`, "sigma");
      snr = signal / (sigma * sigma);
    }
  } else if (spec.sigma !== undefined || spec.snr !== undefined) {
    const scaled = eitherOf(familiesWhere((f) => f.simulate !== null && f.dispersion));
    throw new OptionError(`sigma and snr apply to ${scaled} outcomes only; a ${family} outcome's noise is set by the size of β`, "snr");
  }
  const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  return { n, p, family, beta, support, intercept, sigma, snr, correlation, covariance, names };
}

/**
 * Draw one sample of `n` rows (design.n by default). Rows are drawn one after another, each
 * consuming the same numbers in the same order (predictors, then the outcome), so a sample of
 * n rows is the first n rows of a larger one from the same stream.
 */
export function sampleData(design: Design, rng: Rng, rows?: number): SimulatedData {
  checkArguments("sampleData", { design, rng, rows }, { design: designRule, rng: rngRule, rows: optional(countRule) });
  const n = rows ?? design.n;
  const { p, beta, correlation } = design;
  const data = new Float64Array(n * p);
  const y = new Float64Array(n);
  const eta = new Float64Array(n);
  const z = new Float64Array(p);
  const row = new Float64Array(p);
  const nblocks = correlation.type === "block" ? Math.ceil(p / correlation.blockSize) : 0;
  const shared = new Float64Array(nblocks);
  const outcome = familyOf(design.family).simulate;
  if (outcome === null) throw new OptionError(`a ${design.family} outcome cannot be simulated`, "family");
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < nblocks; b++) shared[b] = rng.normal();
    for (let j = 0; j < p; j++) z[j] = rng.normal();
    drawRow(correlation, z, shared, row);
    let e = design.intercept;
    for (let j = 0; j < p; j++) {
      data[j * n + i] = row[j];
      e += row[j] * beta[j];
    }
    eta[i] = e;
    y[i] = outcome.draw(e, standardNoise(outcome.noise, rng), design.sigma);
  }
  return { x: { n, p, data, names: design.names }, y, eta };
}

/**
 * One draw of the standard noise an outcome starts from. A logistic variate is logit(u) for u uniform:
 * only our own log is needed, so the outcome is the same on every engine.
 */
function standardNoise(kind: NoiseKind, rng: Rng): number {
  if (kind === "normal") return rng.normal();
  const u = rng.uniform();
  return log(u / (1 - u));
}

/** Turn independent standard normals z into one row with the design's correlation. */
function drawRow(correlation: ResolvedCorrelation, z: Float64Array, shared: Float64Array, row: Float64Array): void {
  const p = z.length;
  switch (correlation.type) {
    case "independent":
      row.set(z);
      return;
    case "ar1": {
      const { rho } = correlation;
      const c = Math.sqrt(1 - rho * rho);
      row[0] = z[0];
      for (let j = 1; j < p; j++) row[j] = rho * row[j - 1] + c * z[j];
      return;
    }
    case "block": {
      const a = Math.sqrt(correlation.rho);
      const c = Math.sqrt(1 - correlation.rho);
      for (let j = 0; j < p; j++) row[j] = a * shared[Math.floor(j / correlation.blockSize)] + c * z[j];
      return;
    }
    case "custom": {
      const l = correlation.factor;
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += l[j * p + k] * z[k];
        row[j] = s;
      }
      return;
    }
  }
}

/** The keys of a design's specification (DesignSpec); makeDesign checks their values, naming each. */
const DESIGN_SPEC: Schema<DesignSpec> = {
  n: checkedWhereUsed, p: checkedWhereUsed, beta: checkedWhereUsed, s: checkedWhereUsed, size: checkedWhereUsed, signs: checkedWhereUsed,
  positions: checkedWhereUsed, correlation: checkedWhereUsed, sigma: checkedWhereUsed, snr: checkedWhereUsed, family: checkedWhereUsed,
  intercept: checkedWhereUsed,
};
