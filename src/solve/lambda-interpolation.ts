import { isArrayLike } from "../data/arguments.js";
import { OptionError } from "../errors.js";

/**
 * Where λ falls among the fitted λs: the two neighbours and the weight of the left one, linear in λ,
 * as glmnet's lambda.interp (coef with exact = FALSE). λ outside the path is clamped to its ends.
 */
export function lambdaInterpolation(lambdas: ArrayLike<number>, lambda: number): { left: number; right: number; weight: number } {
  if (!isArrayLike(lambdas)) throw new OptionError("lambdaInterpolation: lambdas must be the fitted λs, an array of numbers", "lambdas");
  const k = lambdas.length;
  if (k === 0) throw new OptionError("the path has no fitted λ", "lambda");
  if (!Number.isFinite(lambda) || lambda < 0) throw new OptionError(`λ must be a finite number ≥ 0, got ${lambda}`, "lambda");
  if (k === 1 || lambda >= lambdas[0]) return { left: 0, right: 0, weight: 1 };
  if (lambda <= lambdas[k - 1]) return { left: k - 1, right: k - 1, weight: 1 };
  let right = 1;
  while (lambdas[right] > lambda) right++;
  const left = right - 1;
  const weight = (lambda - lambdas[right]) / (lambdas[left] - lambdas[right]);
  return { left, right, weight };
}
