// What cross-validation reports from its folds' errors: their weighted mean and standard error, and
// the λs cv.glmnet picks from them.
import { OptionError } from "../errors.js";

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

/** Cross-validation of the relaxed fit over (γ, λ), as cv.glmnet with relax = TRUE. */
export interface CvRelaxed {
  readonly gamma: readonly number[];
  /** cvm[g][l], cvsd[g][l]: error of the blend gamma[g] at λ_l. */
  readonly cvm: Float64Array[];
  readonly cvsd: Float64Array[];
  readonly lambdaMin: number;
  readonly gammaMin: number;
  readonly lambda1se: number;
  readonly gamma1se: number;
}

/** The blends a relaxed cross-validation tries unless told (cv.glmnet's gamma). */
export const DEFAULT_GAMMA: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** Each γ a weight of the penalized fit in its blend: within [0, 1]. */
export function checkGammas(gamma: readonly number[]): void {
  for (const g of gamma) if (!(g >= 0 && g <= 1)) throw new OptionError(`gamma values must be between 0 and 1, got ${g}`, "gamma");
}

/**
 * cv.glmnet's choice over all (γ, λ) of a relaxed cross-validation, given each blend's cvm and cvsd: the
 * minimum, ties to the largest λ then the largest γ; the 1se pair is the largest λ (then γ) whose error
 * is within one standard error of that minimum (`larger`: larger is better, AUC and C).
 */
export function chooseRelaxed(lambda: Float64Array, gamma: readonly number[], per: readonly { cvm: Float64Array; cvsd: Float64Array }[], larger: boolean): CvRelaxed {
  const sign = larger ? -1 : 1;
  const pairs = per.flatMap((s, gi) => Array.from(s.cvm, (m, l) => ({ gi, l, m: sign * m, sd: s.cvsd[l] })));
  const byLambdaThenGamma = (a: { gi: number; l: number }, b: { gi: number; l: number }) =>
    lambda[b.l] - lambda[a.l] || gamma[b.gi] - gamma[a.gi];
  const min = Math.min(...pairs.map((q) => q.m).filter(Number.isFinite));
  const best = pairs.filter((q) => q.m <= min).sort(byLambdaThenGamma)[0];
  const within = pairs.filter((q) => q.m <= best.m + best.sd).sort(byLambdaThenGamma)[0];
  return {
    gamma: [...gamma], cvm: per.map((s) => s.cvm), cvsd: per.map((s) => s.cvsd),
    lambdaMin: lambda[best.l], gammaMin: gamma[best.gi], lambda1se: lambda[within.l], gamma1se: gamma[within.gi],
  };
}

/**
 * The weight of the penalized fit in the blend cross-validated as γ: glmnet's blend.relaxed takes
 * max(γ, 1e-5), so its γ = 0 is a blend with 1e-5 of the penalized fit (relative errors ~1e-6 apart).
 */
export const GLMNET_GAMMA_FLOOR = 1e-5;
