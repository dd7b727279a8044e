import { checkOutcome, numberRule } from "../data/arguments.js";
import { checkMatrix, type ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { checkFitOptions, checkPath } from "./arguments.js";
import { fitPenalized } from "./fit.js";
import type { FitOptions, Path, RelaxedFit, SparseCoefficients } from "./types.js";

/**
 * The relaxed fit (Meinshausen 2007; glmnet's relax = TRUE): at each λ, refit the model without
 * penalty on that λ's active set, so the survivors are not shrunk. λs that share an active set share
 * the refit. An active set larger than maxp (n − 3 by default, as glmnet) is not refitted: its relaxed
 * coefficients stay the penalized ones, and one warning says which λs.
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
  const cache = new Map<string, { b: SparseCoefficients; a0: number; dev: number }>();
  const { lambda: _l, nlambda: _n, lambdaMinRatio: _r, relax: _x, exclude: _e, dfmax: _d, pmax: _p, ...fixed } = options;
  const skipped: number[] = [];
  for (let k = 0; k < L; k++) {
    const active = path.beta[k].index;
    if (active.length > maxp) {
      beta.push(path.beta[k]);
      intercept[k] = path.intercept[k];
      devRatio[k] = path.devRatio[k];
      skipped.push(k);
      continue;
    }
    const key = Array.from(active).join(",");
    let fit = cache.get(key);
    if (!fit) {
      const inSet = new Uint8Array(x.p);
      for (const j of active) inSet[j] = 1;
      const exclude: number[] = [];
      for (let j = 0; j < x.p; j++) if (!inSet[j]) exclude.push(j);
      const r = fitPenalized(x, y, { ...fixed, lambda: [0], exclude, thresh: Math.min(options.thresh ?? 1e-7, 1e-14), maxit: Math.max(options.maxit ?? 1e5, 1e6) });
      fit = { b: r.beta[0], a0: r.intercept[0], dev: r.devRatio[0] };
      cache.set(key, fit);
    }
    beta.push(fit.b);
    intercept[k] = fit.a0;
    devRatio[k] = fit.dev;
    refitted[k] = 1;
  }
  // One warning for all of them: a wide design passes maxp at every λ after some point.
  if (skipped.length > 0) warnings.push(maxpWarning(path, skipped, maxp));
  return { beta, intercept, devRatio, refitted, warnings };
}

/** The λs whose active set exceeded maxp, in one sentence: how many, which range, how many variables. */
function maxpWarning(path: Path, skipped: readonly number[], maxp: number): string {
  const lam = (k: number) => path.lambda[k].toPrecision(6);
  const most = skipped.reduce((m, k) => Math.max(m, path.beta[k].index.length), 0);
  if (skipped.length === 1) return `λ = ${lam(skipped[0])}: ${most} active variables exceed maxp = ${maxp}; not relaxed`;
  return `${skipped.length} λs (λ = ${lam(skipped[0])} to ${lam(skipped[skipped.length - 1])}) have more active variables than maxp = ${maxp} (up to ${most}); not relaxed`;
}
