import type { FamilyName } from "../model/family.js";
import type { Survival } from "../model/partial-likelihood.js";

export type { Survival };

/** A per-variable setting given by position (array) or by feature name (record). */
export type PerFeature = number | ArrayLike<number> | Readonly<Record<string, number>>;

/** Options of fitPath, each with glmnet's meaning and default. */
export interface FitOptions {
  /** "gaussian" (default), "binomial" or "poisson". */
  family?: FamilyName;
  /** Elastic-net mixing: 1 lasso (default), 0 ridge. */
  alpha?: number;
  /** A user λ sequence, fitted in full (sorted decreasing if needed). */
  lambda?: ArrayLike<number>;
  /** Number of λs of the default path (100). */
  nlambda?: number;
  /** Smallest λ as a fraction of λ_max (n < p ? 0.01 : 1e-4). */
  lambdaMinRatio?: number;
  /** Standardize columns (1/n sd) before fitting; coefficients are reported on the original scale (true). */
  standardize?: boolean;
  /** Fit an intercept (true). */
  intercept?: boolean;
  /** Penalty factors v_j ≥ 0 (1); rescaled to sum to the number of variables. */
  penaltyFactor?: PerFeature;
  /** Variables left out of the fit (indices or names); their coefficients are 0. */
  exclude?: ReadonlyArray<number | string>;
  /** Lower bounds on coefficients (−∞), each ≤ 0. */
  lowerLimits?: PerFeature;
  /** Upper bounds on coefficients (+∞), each ≥ 0. */
  upperLimits?: PerFeature;
  /** Observation weights (1); normalised to sum to n. */
  weights?: ArrayLike<number>;
  /** Offset added to the linear predictor (binomial, poisson, cox). */
  offset?: ArrayLike<number>;
  /** Cox: each row's status (1 event, 0 censored), and optionally start times and strata; y is the (stop) time. */
  survival?: Survival;
  /** Convergence threshold for coordinate descent (1e-7). */
  thresh?: number;
  /** Maximum number of passes over the data for all λs (1e5). */
  maxit?: number;
  /**
   * Stop each λ's coordinate descent once its relative duality gap (Path.gap) is below this, instead of
   * at thresh: thresh starts at gapTol and is lowered tenfold until the gap is below it (none: thresh alone).
   */
  gapTol?: number;
  /** Stop the path once more than dfmax variables are nonzero (p + 1); mgaussian, as glmnet, counts the first response's. */
  dfmax?: number;
  /** Largest number of variables ever nonzero (min(2·dfmax + 20, p)). */
  pmax?: number;
  /** Binomial: the level modelled as 1, recorded on the path. */
  positiveClass?: string | null;
  /** Also fit the relaxed path: the unpenalized refit on each λ's active set (glmnet's relax). */
  relax?: boolean;
  /**
   * Solver update: "covariance" keeps XᵀWX columns for active variables, "naive" keeps the residual.
   * Default: covariance when p < 500 (gaussian), as glmnet.
   */
  updates?: "covariance" | "naive";
  /**
   * "glmnet" (default): glmnet's own iterates. "ws": working sets with Anderson extrapolation (gaussian
   * elastic net on dense X; solve/working-set.ts), each λ stopped at relative duality gap gapTol (else thresh);
   * it keeps the residual whatever `updates` says.
   */
  solver?: SolverChoice;
  /**
   * Threads for one fit (1): with 2, a fit of at least SECOND_CORE_CELLS cells in Node ≥ 20.16 computes
   * the wide kernel calls (KKT check, duality gap, new Gram columns) on a second thread sharing X, the
   * same bits; with at least ROW_SPLIT_ROWS rows its gaussian naive passes and IRLS passes are split by
   * rows between the two threads too (linalg/row-split.ts: each pull a sum of two halves, so the coefficients differ from
   * one thread's in the last bits). 1 keeps the fit in the calling thread (browsers always do).
   */
  threads?: number;
  /**
   * "lasso" (default): glmnet's elastic net mixed by alpha. "mcp" or "scad": ncvreg's path (features
   * always standardized, λ_min ratio 0.001 when n > p else 0.05, `thresh` is its eps, default 1e-4,
   * `maxit` its max.iter, default 10000; no weights, offset or limits).
   */
  penalty?: PenaltyChoice;
  /** MCP/SCAD concavity γ (3 for MCP, 3.7 for SCAD); must exceed 1 (MCP) or 2 (SCAD). */
  penaltyGamma?: number;
  /**
   * The adaptive lasso (Zou 2006): penalty factors 1/|β̂_j|^ν from a first cross-validated fit (ridge by
   * default), then the elastic-net path with them. Needs cross-validation: cvPath or fitAdaptive.
   */
  adaptive?: boolean | AdaptiveOptions;
}

/** The adaptive lasso's first fit ("ridge", default, or a CV-chosen "lasso") and power ν (1). */
export interface AdaptiveOptions {
  first?: "ridge" | "lasso";
  nu?: number;
}

/** The coordinate-descent methods a fit may ask for by name. */
export type SolverChoice = "glmnet" | "ws";

/** The penalties a fit may ask for by name. */
export type PenaltyChoice = "lasso" | "mcp" | "scad";

/** The nonzero coefficients at one λ: positions into `features` and their values. */
export interface SparseCoefficients {
  readonly index: Int32Array;
  readonly value: Float64Array;
}

/** A fitted regularization path, on the original scale of the data. */
export interface Path {
  readonly family: FamilyName;
  readonly alpha: number;
  readonly features: readonly string[];
  /** Binomial: the level modelled as 1 (null when the target was already 0/1 or not binomial). */
  readonly positiveClass: string | null;
  /** λ values, decreasing. */
  readonly lambda: Float64Array;
  /** β0 per λ. */
  readonly intercept: Float64Array;
  /** Coefficients per λ, compact: only the nonzeros. */
  readonly beta: readonly SparseCoefficients[];
  /** Number of nonzero coefficients per λ. */
  readonly df: Int32Array;
  /** Fraction of null deviance explained per λ. */
  readonly devRatio: Float64Array;
  readonly nullDeviance: number;
  /**
   * The relative duality gap at each λ: (primal − dual objective) / (null deviance / 2) on the solver's
   * scale, an upper bound on how far the fit's objective is above the optimum, in units of glmnet's
   * thresh (NaN where it does not apply: gap.ts; absent from a path whose solver has no gap).
   */
  readonly gap?: Float64Array;
  /** Passes over the data (coordinate-descent sweeps) for the whole path. */
  readonly npasses: number;
  /** Whether an offset was used (predictions then need one). */
  readonly hasOffset: boolean;
  /** Things a person should know (maxit reached, path stopped early by pmax, ...). */
  readonly warnings: readonly string[];
  /** The options as resolved (defaults filled in), for explanations and refits. */
  readonly settings: ResolvedSettings;
  /** With relax: the unpenalized refits on each λ's active set. */
  readonly relaxed?: RelaxedFit;
  /** MCP or SCAD (absent: the elastic net), and its γ. */
  readonly penalty?: PenaltyChoice;
  readonly gamma?: number;
  /** The adaptive lasso's first fit, ν and the penalty factors it used (∞: left out). */
  readonly adaptive?: { readonly first: "ridge" | "lasso"; readonly nu: number; readonly penaltyFactor: Float64Array };
}

/** Relaxed fits, one per λ of the path: coefficients refitted without penalty on the active set. */
export interface RelaxedFit {
  readonly beta: readonly SparseCoefficients[];
  readonly intercept: Float64Array;
  readonly devRatio: Float64Array;
  /** 1 where the λ was refitted (0 when its active set exceeded maxp and was left penalized). */
  readonly refitted: Uint8Array;
  readonly warnings: readonly string[];
}

/** Options with defaults filled in and per-feature settings expanded to arrays. */
export interface ResolvedSettings {
  readonly family: FamilyName;
  readonly alpha: number;
  readonly standardize: boolean;
  readonly intercept: boolean;
  /** Penalty factors as given (before rescaling), one per feature; Infinity for excluded. */
  readonly penaltyFactor: Float64Array;
  readonly lowerLimits: Float64Array;
  readonly upperLimits: Float64Array;
  readonly thresh: number;
  readonly maxit: number;
  readonly userLambda: boolean;
  /** The gapTol asked for, or null. */
  readonly gapTol?: number | null;
}

/** What predict returns: the linear predictor (link), the mean (response), or the class 0/1 (binomial). */
export type PredictType = "link" | "response" | "class";
