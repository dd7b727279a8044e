/**
 * Families of several responses at once (glmnet's multinomial and mgaussian): K linear predictors per
 * row, one per class or response, fitted together. What the engine needs of them beyond the solver:
 * the response's kind, cv.glmnet's measures and the error of one held-out row.
 */

/** The multi-response families, by glmnet's names. */
export type MultiFamilyName = "multinomial" | "mgaussian";

/** cv.glmnet's type.measure values for the multi-response families. */
export type MultiMeasure = "deviance" | "class" | "mse" | "mae";

/** A multi-response family (glmnet's multinomial, mgaussian): its outcome, CV measures and per-row errors over K linear predictors. */
export interface MultiFamily {
  readonly name: MultiFamilyName;
  /** What a row's K numbers are: one-hot class indicators, or K numeric responses. */
  readonly outcome: "classes" | "numeric";
  readonly measures: readonly MultiMeasure[];
  readonly defaultMeasure: MultiMeasure;
  /** What devRatio is the share of, in words. */
  readonly devianceName: string;
  /**
   * The error of one held-out row, as cv.multnet and cv.mrelnet compute it: y its K numbers (class
   * indicators or responses), eta its K linear predictors; `scratch`, room for K numbers (a caller's
   * loop over rows then allocates nothing).
   */
  pointError(measure: MultiMeasure, y: ArrayLike<number>, eta: ArrayLike<number>, scratch?: Float64Array): number;
  /** predict type "response": the K probabilities (multinomial) or the K fitted responses, into out. */
  response(eta: ArrayLike<number>, out: Float64Array): void;
}
