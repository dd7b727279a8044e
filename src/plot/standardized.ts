/**
 * Coefficients per standard deviation of their feature: β_j·sd(x_j), with the 1/n standard deviation
 * glmnet standardizes by. In these units the paths of features measured on very different scales can be
 * compared (ESL §3.4; TEACHING.md §11), and they are what the penalty charges when `standardize` is on.
 */
import { column, type ModelMatrix } from "../data/matrix.js";
import { matrixRule } from "../data/matrix-rule.js";
import type { PathInput } from "./path.js";
import { checkArguments, optional, numericArrayRule } from "../data/arguments.js";
import { pathInputRule } from "./arguments.js";

/** sd(x_j) = √(Σ (x_ij − x̄_j)²/n) per column; optional row weights w (normalized to sum 1 inside). */
export function featureScales(x: ModelMatrix, weights?: ArrayLike<number>): Float64Array {
  checkArguments("featureScales", { x, weights }, { x: matrixRule, weights: optional(numericArrayRule) });
  const out = new Float64Array(x.p);
  let total = 0;
  for (let i = 0; i < x.n; i++) total += weights ? weights[i]! : 1;
  for (let j = 0; j < x.p; j++) {
    const c = column(x, j);
    let mean = 0;
    for (let i = 0; i < x.n; i++) mean += (weights ? weights[i]! : 1) * c[i]!;
    mean /= total;
    let ss = 0;
    for (let i = 0; i < x.n; i++) ss += (weights ? weights[i]! : 1) * (c[i]! - mean) ** 2;
    out[j] = Math.sqrt(ss / total);
  }
  return out;
}

/** The path with every coefficient multiplied by its feature's scale: β_j·sd(x_j) at every λ. */
export function standardizedPath(path: PathInput, scales: ArrayLike<number>): PathInput {
  checkArguments("standardizedPath", { path, scales }, { path: pathInputRule, scales: numericArrayRule });
  if (scales.length !== path.features.length) throw new RangeError(`standardizedPath: ${scales.length} scales for ${path.features.length} features`);
  return {
    lambda: path.lambda,
    features: path.features,
    df: path.df,
    devRatio: path.devRatio,
    beta: path.beta.map((step) => ({ index: step.index, value: Float64Array.from(step.value, (v, k) => v * scales[step.index[k]!]!) })),
  };
}
