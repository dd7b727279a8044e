/**
 * Degrees of freedom of a gaussian fit at one λ, on the user's own design, by Monte Carlo: Efron's (2004)
 * covariance form df = Σ_i Cov(ŷ_i, y_i)/σ², with outcomes y* = μ + σε simulated around the fit's mean μ
 * (X fixed: the user's rows), σ the fit's residual sd, and the fit at λ repeated on each y*. For the lasso
 * its expectation is the expected number of nonzeros (Zou, Hastie & Tibshirani 2007); for ridge it is the
 * trace of the hat matrix, Σ d²/(d² + nλ'), below the count of nonzeros.
 */
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { rngFromState, streamStates } from "../random/rng.js";
import { fitPath } from "../solve/path.js";
import { coefficientsAt } from "../solve/predict.js";
import type { Path } from "../solve/types.js";
import { refitOptions, type ExplainData } from "./explain.js";
import { linearPredictor } from "./kkt.js";
import { checkArguments, optionsRule, nonNegativeNumber, numberRule, type Schema } from "../data/arguments.js";
import { pathRule } from "../solve/arguments.js";
import { explainDataRule } from "./arguments.js";

/** Options of dfEstimate: the λ, the simulated outcomes and their seed. */
export interface DfEstimateOptions {
  readonly lambda: number;
  /** Simulated outcomes (100). */
  readonly reps?: number;
  /** Seed (1). */
  readonly seed?: number;
}

/** A Monte Carlo estimate of a fit's degrees of freedom at λ (Efron's Σ Cov(ŷ_i, y_i)/σ²), with its standard error. */
export interface DfEstimate {
  readonly lambda: number;
  /**
   * Σ Cov(ŷ_i, y_i)/σ², estimated from `reps` simulated outcomes, less the intercept's 1 when the fit has one
   * (its unpenalized mean costs exactly one degree of freedom): comparable with the count of nonzeros.
   */
  readonly df: number;
  /** Its Monte Carlo standard error. */
  readonly se: number;
  /** Nonzero coefficients of the fit on the data, and their average over the simulated outcomes. */
  readonly nonzero: number;
  readonly meanNonzero: number;
  /** The noise sd used: √(RSS/(n − nonzero − 1)) of the fit at λ (at least a tiny share of sd(y)). */
  readonly sigma: number;
  readonly reps: number;
  readonly seed: number;
}

/** The fit at the one λ: intercept and dense coefficients. */
function fitOne(x: ModelMatrix, y: ArrayLike<number>, path: Path, data: ExplainData, lambda: number): { a0: number; beta: Float64Array } {
  const fit = fitPath(x, y, { ...refitOptions(path, data), lambda: [lambda] });
  if (fit.lambda.length === 0) throw new OptionError(`the fit at λ = ${lambda} did not converge: ${fit.warnings.join("; ")}`, "lambda");
  return { a0: fit.intercept[0], beta: coefficientsAt(fit, 0) };
}

/** Efron's covariance df at λ by Monte Carlo on the user's design (gaussian; see the module comment). */
export function dfEstimate(path: Path, data: ExplainData, options: DfEstimateOptions): DfEstimate {
  checkArguments("dfEstimate", { path, data, options }, { path: pathRule, data: explainDataRule, options: optionsRule(DF_OPTIONS, true) });
  const { x, y } = data;
  const { lambda, reps = 100, seed = 1 } = options;
  if (path.settings.family !== "gaussian") throw new OptionError(`the Monte Carlo df is for gaussian fits, not ${path.settings.family}`, "family");
  if (!Number.isInteger(reps) || reps < 2) throw new OptionError(`reps must be an integer ≥ 2, got ${reps}`, "reps");
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new OptionError(`lambda must be a finite number ≥ 0, got ${lambda}`, "lambda");
  const n = x.n;
  const here = fitOne(x, y, path, data, lambda);
  const mu = linearPredictor(x, here.a0, here.beta, data.offset);
  let nonzero = 0;
  for (const b of here.beta) if (b !== 0) nonzero++;
  let rss = 0, my = 0;
  for (let i = 0; i < n; i++) {
    rss += (y[i] - mu[i]) ** 2;
    my += y[i] / n;
  }
  let vy = 0;
  for (let i = 0; i < n; i++) vy += (y[i] - my) ** 2 / n;
  const sigma = Math.max(Math.sqrt(rss / Math.max(1, n - nonzero - 1)), 1e-6 * Math.sqrt(vy));
  // Per rep: Σ_i ŷ_i·ε_i/σ (ε standard normal), whose mean over reps is Σ Cov(ŷ_i, y_i)/σ².
  const states = streamStates(seed, reps);
  const terms = new Float64Array(reps);
  const eps = new Float64Array(n);
  let meanNonzero = 0;
  for (let r = 0; r < reps; r++) {
    const rng = rngFromState(states[r]);
    for (let i = 0; i < n; i++) eps[i] = rng.normal();
    const ystar = Float64Array.from(mu, (m, i) => m + sigma * eps[i]);
    const f = fitOne(x, ystar, path, data, lambda);
    const yhat = linearPredictor(x, f.a0, f.beta, data.offset);
    let t = 0;
    for (let i = 0; i < n; i++) t += (yhat[i] - mu[i]) * eps[i];
    terms[r] = t / sigma;
    for (const b of f.beta) if (b !== 0) meanNonzero += 1 / reps;
  }
  const df = terms.reduce((s, v) => s + v, 0) / reps - (path.settings.intercept ? 1 : 0);
  const mean = terms.reduce((s, v) => s + v, 0) / reps;
  const sd = Math.sqrt(terms.reduce((s, v) => s + (v - mean) ** 2, 0) / (reps - 1));
  return { lambda, df, se: sd / Math.sqrt(reps), nonzero, meanNonzero, sigma, reps, seed };
}

/** The options dfEstimate takes, each with its rule (DfEstimateOptions). */
const DF_OPTIONS: Schema<DfEstimateOptions> = {
  lambda: nonNegativeNumber,
  reps: numberRule({ integer: true, min: 2 }),
  seed: numberRule({ integer: true }),
};
