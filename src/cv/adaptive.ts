import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { coef } from "../solve/predict.js";
import type { AdaptiveOptions, FitOptions } from "../solve/types.js";

/** The first fit's cross-validation, passed in (cv.ts's cvPath) so that this file does not import it back. */
type CvFirst = (x: ModelMatrix, y: ArrayLike<number>, options: FitOptions & { nfolds?: number; foldid?: ArrayLike<number>; seed?: number }) => {
  readonly path: { readonly lambda: Float64Array } & Parameters<typeof coef>[0];
  readonly lambdaMin: number;
};

/** The adaptive lasso's settings, defaults filled in: a ridge first fit, ν = 1. */
export function resolveAdaptive(a: FitOptions["adaptive"]): Required<AdaptiveOptions> {
  const o: AdaptiveOptions = a === true || a === undefined || a === false ? {} : a;
  const first = o.first ?? "ridge";
  if (first !== "ridge" && first !== "lasso") throw new OptionError(`adaptive.first must be "ridge" or "lasso", got ${JSON.stringify(first)}`, "adaptive");
  const nu = o.nu ?? 1;
  if (!(nu > 0 && Number.isFinite(nu))) throw new OptionError(`adaptive.nu must be a positive number, got ${nu}`, "adaptive");
  return { first, nu };
}

/**
 * The adaptive lasso's penalty factors (Zou 2006): v_j = 1/|β̂_j|^ν, β̂ the first fit's coefficients at
 * its cross-validated λ_min on the standardized scale (|β̂_j|·sd_j, so the factors do not depend on the
 * features' units); a coefficient the first fit set to 0 gets v_j = ∞ (left out). The first fit is ridge
 * (α = 0) or the lasso, with the same folds as the caller's cross-validation when it has them.
 */
export function adaptiveFactors(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions & { foldid?: ArrayLike<number>; nfolds?: number; seed?: number }, cvFirst: CvFirst): Float64Array {
  const { first, nu } = resolveAdaptive(options.adaptive);
  const { adaptive: _a, penaltyFactor: _p, relax: _r, lambda: _l, ...rest } = options;
  const cv = cvFirst(x, y, { ...rest, alpha: first === "ridge" ? 0 : 1 });
  const { beta } = coef(cv.path as Parameters<typeof coef>[0], cv.lambdaMin);
  return Float64Array.from(beta, (b, j) => {
    const s = Math.abs(b) * columnSd(x, j);
    return s > 0 ? Math.pow(s, -nu) : Infinity;
  });
}

/** The 1/n standard deviation of column j. */
function columnSd(x: ModelMatrix, j: number): number {
  let m = 0, ss = 0;
  for (let i = 0; i < x.n; i++) m += x.data[j * x.n + i] / x.n;
  for (let i = 0; i < x.n; i++) ss += (x.data[j * x.n + i] - m) ** 2;
  return Math.sqrt(ss / x.n);
}
