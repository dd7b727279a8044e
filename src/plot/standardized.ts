/**
 * The scales for coefficients per standard deviation of their feature, β_j·sd(x_j) (path.ts's scaledPath):
 * the 1/n standard deviation glmnet standardizes by. In these units the paths of features measured on very
 * different scales compare (TEACHING.md §11), and they are what the penalty charges under `standardize`.
 */
import { column, type ModelMatrix } from "../data/matrix.js";

/** sd(x_j) = √(Σ (x_ij − x̄_j)²/n) per column; optional row weights w (normalized to sum 1 inside). */
export function featureScales(x: ModelMatrix, weights?: ArrayLike<number>): Float64Array {
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
