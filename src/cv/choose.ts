// What cross-validation reports from its folds' errors: their weighted mean and standard error, and
// the λs cv.glmnet picks from them.

/** Weighted mean of group errors and its standard error: √(Σw(e − m)²/Σw / (G − 1)), groups with NaN left out. */
export function weightedMeanAndSe(e: Float64Array, w: Float64Array): { mean: number; se: number } {
  let sw = 0, s = 0, g = 0;
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i])) continue;
    sw += w[i];
    s += w[i] * e[i];
    g++;
  }
  const mean = s / sw;
  let v = 0;
  for (let i = 0; i < e.length; i++) if (Number.isFinite(e[i])) v += w[i] * (e[i] - mean) ** 2;
  if (v < Infinity || !Number.isFinite(mean)) return { mean, se: Math.sqrt(v / sw / (g - 1)) };
  // Errors so large their squares overflow (a Poisson fit far off at small λ): scale by the largest gap.
  let big = 0;
  for (let i = 0; i < e.length; i++) if (Number.isFinite(e[i])) big = Math.max(big, Math.abs(e[i] - mean));
  let u = 0;
  for (let i = 0; i < e.length; i++) if (Number.isFinite(e[i])) u += w[i] * ((e[i] - mean) / big) ** 2;
  return { mean, se: big * Math.sqrt(u / sw / (g - 1)) };
}

/** λ_min: the largest λ attaining the smallest error; λ_1se: the largest λ within one cvsd of it. */
export function chooseLambda(cvm: Float64Array, cvsd: Float64Array, larger: boolean): { indexMin: number; index1se: number } {
  const sign = larger ? -1 : 1;
  let indexMin = 0;
  for (let l = 1; l < cvm.length; l++) if (sign * cvm[l] < sign * cvm[indexMin]) indexMin = l;
  const bound = sign * cvm[indexMin] + cvsd[indexMin];
  let index1se = indexMin;
  for (let l = 0; l < cvm.length; l++) {
    if (sign * cvm[l] <= bound) {
      index1se = l;
      break;
    }
  }
  return { indexMin, index1se };
}
