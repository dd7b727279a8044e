/**
 * What every cross-validation reports, whatever the family or where the rows live: the error curve
 * (cvm ± cvsd per λ), the nonzero counts, λ_min (least cvm) and λ_1se (the largest λ within one cvsd of
 * it), as cv.glmnet reports them.
 */
export interface CvCurve<P, M> {
  readonly path: P;
  readonly measure: M;
  readonly lambda: Float64Array;
  readonly cvm: Float64Array;
  readonly cvsd: Float64Array;
  readonly nzero: Int32Array;
  readonly lambdaMin: number;
  readonly lambda1se: number;
  readonly indexMin: number;
  readonly index1se: number;
  readonly warnings: readonly string[];
}
