import { checkOutcome, numberRule } from "../data/arguments.js";
import { checkMatrix, type ModelMatrix } from "../data/matrix.js";
import { NoSolutionError, OptionError } from "../errors.js";
import { checkFitOptions, checkPath } from "./arguments.js";
import { fitPenalized } from "./fit.js";
import type { FitOptions, Path, RelaxedFit, SparseCoefficients } from "./types.js";

/**
 * The relaxed fit (Meinshausen 2007; glmnet's relax = TRUE): at each λ, refit the model without
 * penalty on that λ's active set, so the survivors are not shrunk. λs that share an active set share
 * the refit. An active set larger than maxp (n − 3 by default, as glmnet) is not refitted: its relaxed
 * coefficients stay the penalized ones, and one warning says which λs. A Cox refit with no finite
 * solution (a variable of the set orders the events perfectly) is not refitted either, with a warning:
 * glmnet 4.1-6's coxnet stops there with "Numerical error" and relax.glmnet keeps its empty model (every
 * coefficient 0, dev.ratio 0) as the relaxed fit, which is no fit of the data; Shrinkage does not copy it.
 */
export function relaxPath(x: ModelMatrix, y: ArrayLike<number>, path: Path, options: FitOptions = {}, maxp = x?.n - 3): RelaxedFit {
  checkMatrix("relaxPath", x);
  checkOutcome("relaxPath", y, x.n);
  checkPath("relaxPath", path);
  checkFitOptions("relaxPath", options);
  if (path.features.length !== x.p) throw new OptionError(`relaxPath: the path has ${path.features.length} features but x has ${x.p} columns; give the x it was fitted on`, "x");
  numberRule({ integer: true })(maxp, "maxp");
  const L = path.lambda.length;
  const beta: SparseCoefficients[] = [];
  const intercept = new Float64Array(L);
  const devRatio = new Float64Array(L);
  const refitted = new Uint8Array(L);
  const warnings: string[] = [];
  const cache = new Map<string, Refit | null>();
  const { lambda: _l, nlambda: _n, lambdaMinRatio: _r, relax: _x, exclude: _e, dfmax: _d, pmax: _p, ...fixed } = options;
  const skipped: number[] = [];
  const infinite: number[] = [];
  for (let k = 0; k < L; k++) {
    const active = path.beta[k].index;
    const key = Array.from(active).join(",");
    if (active.length <= maxp && !cache.has(key)) cache.set(key, refitActiveSet(x, y, active, fixed, options));
    const fit = active.length > maxp ? undefined : cache.get(key);
    if (!fit) {
      beta.push(path.beta[k]);
      intercept[k] = path.intercept[k];
      devRatio[k] = path.devRatio[k];
      (fit === null ? infinite : skipped).push(k);
      continue;
    }
    beta.push(fit.b);
    intercept[k] = fit.a0;
    devRatio[k] = fit.dev;
    refitted[k] = 1;
  }
  // One warning for all of them: a wide design passes maxp at every λ after some point.
  if (skipped.length > 0) warnings.push(maxpWarning(path, skipped, maxp));
  if (infinite.length > 0) warnings.push(infiniteWarning(path, infinite));
  return { beta, intercept, devRatio, refitted, warnings };
}

/** One refit: coefficients, intercept and deviance ratio. */
interface Refit {
  readonly b: SparseCoefficients;
  readonly a0: number;
  readonly dev: number;
}

/** The unpenalized fit (λ = 0) on `active` alone; null for a Cox fit without a finite solution there. */
function refitActiveSet(x: ModelMatrix, y: ArrayLike<number>, active: Int32Array, fixed: FitOptions, options: FitOptions): Refit | null {
  try {
    const r = fitPenalized(x, y, { ...fixed, ...refitSettings(active, x.p, options) });
    return { b: r.beta[0], a0: r.intercept[0], dev: r.devRatio[0] };
  } catch (e) {
    // Diverged: a coefficient left the 64-bit numbers (run-path's noSolution names penaltyFactor for it).
    if (options.family === "cox" && e instanceof NoSolutionError && e.option === "penaltyFactor") return null;
    throw e;
  }
}

/**
 * What a relaxed refit changes of the path's options: λ = 0, every variable outside `active` excluded,
 * and passes to the end (thresh at most 1e-14, maxit at least 1e6), for every family's refit.
 */
export function refitSettings(active: ArrayLike<number>, p: number, options: { thresh?: number; maxit?: number }): { lambda: number[]; exclude: number[]; thresh: number; maxit: number } {
  const inSet = new Uint8Array(p);
  for (let k = 0; k < active.length; k++) inSet[active[k]] = 1;
  const exclude: number[] = [];
  for (let j = 0; j < p; j++) if (!inSet[j]) exclude.push(j);
  return { lambda: [0], exclude, thresh: Math.min(options.thresh ?? 1e-7, 1e-14), maxit: Math.max(options.maxit ?? 1e5, 1e6) };
}

/** The λs whose refit has no finite solution, in one sentence, and what glmnet does there instead. */
function infiniteWarning(path: Path, at: readonly number[]): string {
  const lam = (k: number) => path.lambda[k].toPrecision(6);
  const which = at.length === 1 ? `λ = ${lam(at[0])}` : `${at.length} λs (λ = ${lam(at[0])} to ${lam(at[at.length - 1])})`;
  return `${which}: the unpenalized Cox fit on the active variables has no finite solution (one of them orders the events perfectly), so they are not relaxed (their relaxed coefficients are the penalized ones); glmnet 4.1-6 gives an empty model there (every relaxed coefficient 0), which is no fit`;
}

/** The λs whose active set exceeded maxp, in one sentence: how many, which range, how many variables. */
function maxpWarning(path: Path, skipped: readonly number[], maxp: number): string {
  const lam = (k: number) => path.lambda[k].toPrecision(6);
  const most = skipped.reduce((m, k) => Math.max(m, path.beta[k].index.length), 0);
  if (skipped.length === 1) return `λ = ${lam(skipped[0])}: ${most} active variables exceed maxp = ${maxp}; not relaxed`;
  return `${skipped.length} λs (λ = ${lam(skipped[0])} to ${lam(skipped[skipped.length - 1])}) have more active variables than maxp = ${maxp} (up to ${most}); not relaxed`;
}
