/**
 * A family: what the data want, as the engine needs it. The datafit is −(1/n)·loglik (½·RSS/n for
 * gaussian) with the family's mean function μ = g⁻¹(η), variance and unit deviance; around it, the rules
 * glmnet attaches to each family: the checks on y, the null model, the early stop of a default path,
 * the warnings, the cross-validation errors and which solver fits it. One file per family in
 * families/, registered in families/index.ts; nothing outside those files branches on a family's name.
 */

/** The families the engine fits, by the names glmnet gives them. */
export type FamilyName = "gaussian" | "binomial" | "poisson" | "cox";

/** cv.glmnet's type.measure values. */
/** "C" is Harrell's concordance (Cox). */
export type Measure = "mse" | "mae" | "deviance" | "class" | "auc" | "C";

/**
 * Which solver fits a family: glmnet's elnet ("least-squares": the rows scaled by √w, y standardized,
 * covariance or naive updates) or penalized IRLS (lognet and fishnet: a weighted least-squares
 * quadratic around the current fit, coordinate descent on it, repeat); "partial-likelihood" is coxnet's
 * IRLS on the Cox partial likelihood, which is not a sum over rows (solve/cox.ts).
 */
export type SolverKind = "least-squares" | "irls" | "partial-likelihood";

/** What y is: any number (gaussian), 0 or 1 (binomial: a two-class outcome), a count ≥ 0 (Poisson), a time > 0 (Cox). */
export type OutcomeKind = "numeric" | "binary" | "count" | "survival";

/**
 * The standard noise a simulated draw of y starts from: a standard normal, or a standard logistic
 * variate (log(u/(1 − u)) for u uniform on (0, 1)).
 */
export type NoiseKind = "normal" | "logistic";

/** How simulation draws y from η: the caller draws the noise (random numbers stay out of the model). */
export interface OutcomeDraw {
  readonly noise: NoiseKind;
  /** y given η and one draw `noise` of the standard noise; `sigma` scales it when the family has a dispersion. */
  draw(eta: number, noise: number, sigma: number): number;
}

/** The row at fault in an offset, and what is wrong there (to follow "offset …, row R: "). */
export interface OffsetProblem {
  /** 0-based row. */
  readonly row: number;
  readonly problem: string;
}

/** What a family of outcomes is to the engine (glmnet's family): its link and variance, deviance, null model, checks of y, CV measures, and which solver fits it. */
export interface Family {
  readonly name: FamilyName;
  readonly solver: SolverKind;
  /** The link g, η = g(μ). */
  readonly link: "identity" | "logit" | "log";
  /** μ = g⁻¹(η), with glmnet's guards. */
  mean(eta: number): number;
  /** μ = g⁻¹(η) as predictions report it (predict's type "response"). */
  response(eta: number): number;
  /** Var(μ) per unit weight: the IRLS working weight of a canonical link (1 for gaussian). */
  variance(mu: number): number;
  /** Unit deviance d(y, μ); the deviance is Σ w·d. */
  unitDeviance(y: number, mu: number): number;
  /** The intercept of the intercept-only model with the given offset (w sums to 1). */
  nullIntercept(y: Float64Array, w: Float64Array, offset: Float64Array | null): number;
  /**
   * Throws a DataError naming the row when y is not of the family's kind (a finite number; 0/1; a count)
   * or leaves nothing to fit. `weights` as given (any positive scale), `hasOffset` whether there is one.
   */
  checkResponse(y: ArrayLike<number>, weights: ArrayLike<number>, hasOffset: boolean): void;
  /**
   * The first row (among those with weight) where the offset breaks the intercept-only model every fit
   * starts from, or null. `weights` need not sum to 1 (all 1 when absent).
   */
  offsetProblem(y: ArrayLike<number>, weights: ArrayLike<number> | undefined, offset: ArrayLike<number>, intercept: boolean): OffsetProblem | null;
  /** What a person should know about the outcome before a fit (glmnet: a class with fewer than 8 rows). */
  dataWarnings(y: ArrayLike<number>, weights: ArrayLike<number>, positiveClass: string | null): string[];
  /** What a person should know about a finished path, from its deviance ratios. */
  pathWarnings(devRatio: readonly number[]): string[];
  /** glmnet's early stop of a default path on the deviance ratios so far (the 0.999 rule is the path's). */
  earlyStop(dev: readonly number[], fdev: number): boolean;
  /** IRLS: every fitted mean is at its bound (total working weight `vsum`): the path stops there. */
  saturated(vsum: number): boolean;
  /** cv.glmnet's measures for the family, and its default. */
  readonly measures: readonly Measure[];
  readonly defaultMeasure: Measure;
  /** The error of one held-out observation (y, η), as cv.glmnet computes it (AUC is per fold). */
  pointError(measure: Measure, y: number, eta: number): number;
  /** predict type "class": the class of a linear predictor; null for a family without classes. */
  readonly classify: ((eta: number) => number) | null;
  /** What devRatio is the share of, in words: "variance" or "deviance". */
  readonly devianceName: string;
  /** What y is: how a target column is read and what it may hold. */
  readonly outcome: OutcomeKind;
  /**
   * Whether y has a dispersion of its own, apart from its mean (gaussian's σ); binomial and Poisson
   * variances are fixed by the mean.
   */
  readonly dispersion: boolean;
  /**
   * What η, the scale of the coefficients, is in words for an outcome named `target` (binomial: the
   * class modelled as 1 is `positiveClass`, "1" when null): "the log-odds of y = yes", "the log of the
   * expected y", or the target itself.
   */
  etaWords(target: string, positiveClass: string | null): string;
  /** Simulation's draw of y from η; null for a family simulation does not draw. */
  readonly simulate: OutcomeDraw | null;
}

/** Σ_i w_i·d(y_i, μ_i). */
export function deviance(family: Family, y: ArrayLike<number>, mu: ArrayLike<number>, w: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) if (w[i] !== 0) s += w[i] * family.unitDeviance(y[i], mu[i]);
  return s;
}
