import { OptionError } from "../errors.js";
import { cholesky, choleskySolve, submatrix } from "../linalg/spd.js";
import { checkArguments, numericArrayRule, countRule, stringsRule } from "../data/arguments.js";

/** The irrepresentable condition of a design (Zhao and Yu 2006), from the population covariance. */
export interface IrrepresentableCondition {
  /** max over j outside the support of |Σ_jS Σ_SS⁻¹ sign(β_S)|; null when there is no j outside S or S is empty. */
  readonly value: number | null;
  /** The variable (0-based) attaining the maximum, null with `value`. */
  readonly variable: number | null;
  /** value < 1: the condition holds (strictly, Zhao and Yu need ≤ 1 − η for some η > 0). */
  readonly holds: boolean | null;
  /** |Σ_jS Σ_SS⁻¹ sign(β_S)| for every j; NaN for j in the support. */
  readonly values: Float64Array;
  /** One sentence on whether the lasso can be expected to recover the support. */
  readonly sentence: string;
}

/**
 * Evaluate the irrepresentable condition for true coefficients `beta` under the population
 * covariance Σ (row-major p×p). Σ stands in for XᵀX/n: it is what XᵀX/n tends to with much
 * data, so the value says what the lasso does in the limit, not in one sample.
 */
export function irrepresentableCondition(
  covariance: ArrayLike<number>,
  p: number,
  beta: ArrayLike<number>,
  names: readonly string[] = Array.from({ length: p }, (_, j) => `x${j + 1}`),
): IrrepresentableCondition {
  checkArguments("irrepresentableCondition", { covariance, p, beta, names }, { covariance: numericArrayRule, p: countRule, beta: numericArrayRule, names: stringsRule });
  const support: number[] = [];
  for (let j = 0; j < p; j++) if (beta[j] !== 0) support.push(j);
  const values = new Float64Array(p).fill(NaN);
  if (support.length === 0) {
    return {
      value: null, variable: null, holds: null, values,
      sentence: "No true coefficient is nonzero, so there is no support to recover: every variable the lasso selects is a false positive.",
    };
  }
  if (support.length === p) {
    return {
      value: null, variable: null, holds: null, values,
      sentence: "Every predictor has a nonzero true coefficient, so there is no noise variable to confuse with the true ones: the condition does not apply.",
    };
  }
  const s = support.length;
  const lss = cholesky(submatrix(covariance, p, support, support), s);
  if (!lss) throw new OptionError("the covariance of the true predictors is singular, so the irrepresentable condition is undefined", "covariance");
  // w = Σ_SS⁻¹ sign(β_S), then Σ_jS·w for every j outside S.
  const w = choleskySolve(lss, s, support.map((j) => Math.sign(beta[j])));
  let value = -Infinity;
  let variable = -1;
  for (let j = 0; j < p; j++) {
    if (beta[j] !== 0) continue;
    let t = 0;
    for (let k = 0; k < s; k++) t += covariance[j * p + support[k]] * w[k];
    values[j] = Math.abs(t);
    if (values[j] > value) {
      value = values[j];
      variable = j;
    }
  }
  const holds = value < 1;
  const shown = value.toFixed(2);
  const sentence = holds
    ? `The irrepresentable condition holds (max |Σ_jS Σ_SS⁻¹ sign(β_S)| = ${shown} < 1, largest at ${names[variable]}): ` +
      "that is what the lasso needs to select exactly the true variables at some λ, and it then does so with probability tending to 1 as the data grow " +
      "with signals well above the noise. It is a statement about the limit, not a guarantee in one sample: with few rows or weak signals the lasso can still miss a true variable or let in a false one."
    : `The irrepresentable condition fails (max |Σ_jS Σ_SS⁻¹ sign(β_S)| = ${shown} ≥ 1, at ${names[variable]}): ` +
      `${names[variable]} is too well explained by the true variables, so the lasso cannot be expected to recover the support: ` +
      `at any λ that keeps all true variables it tends to select ${names[variable]} too, however much data there is.`;
  return { value, variable, holds, values, sentence };
}
