import type { ModelMatrix } from "../../data/matrix.js";
import { refitSettings } from "../relax.js";
import { fitMultiPathOf, type MultiResponse } from "./path.js";
import type { MultiFitOptions, MultiPath, MultiRelaxedFit } from "./types.js";

/**
 * The relaxed multi-response fit (glmnet's relax.glmnet of a multinomial or mgaussian fit): at each λ,
 * refit without penalty (λ = 0, the path's α kept) on the variables nonzero for some class (response),
 * as glmnet's update(fit, lambda = 0, exclude = the others). The refit is the path's own solver, so a
 * multinomial refit's coefficients are centred across classes as glmnet centres them (per variable, the
 * shift that minimises the elastic-net penalty: the median at α = 1 ungrouped, the mean grouped). λs sharing
 * a set share the refit; a set larger than maxp (n − 3, as glmnet) is not refitted (its relaxed
 * coefficients stay the penalized ones, where glmnet drops those λs from its relaxed fit), with one warning.
 */
export function relaxMultiPath(x: ModelMatrix, response: MultiResponse, path: MultiPath, options: MultiFitOptions, maxp = x.n - 3): MultiRelaxedFit {
  const p = x.p, K = response.classes.length, L = path.lambda.length;
  const { lambda: _l, nlambda: _n, lambdaMinRatio: _r, exclude: _e, dfmax: _d, pmax: _p, ...fixed } = options;
  const cache = new Map<string, { a0: Float64Array; b: Float64Array; dev: number }>();
  const intercept: Float64Array[] = [], beta: Float64Array[] = [];
  const devRatio = new Float64Array(L), refitted = new Uint8Array(L);
  const skipped: number[] = [];
  for (let l = 0; l < L; l++) {
    const active = unionActive(path.beta[l], p, K);
    if (active.length > maxp) {
      intercept.push(path.intercept[l]);
      beta.push(path.beta[l]);
      devRatio[l] = path.devRatio[l];
      skipped.push(l);
      continue;
    }
    const key = active.join(",");
    let fit = cache.get(key);
    if (!fit) {
      const r = fitMultiPathOf(x, response, { ...fixed, ...refitSettings(active, p, options) });
      fit = { a0: r.intercept[0], b: r.beta[0], dev: r.devRatio[0] };
      cache.set(key, fit);
    }
    intercept.push(fit.a0);
    beta.push(fit.b);
    devRatio[l] = fit.dev;
    refitted[l] = 1;
  }
  const warnings = skipped.length === 0 ? [] : [`${skipped.length} λ${skipped.length === 1 ? "" : "s"} (from λ = ${path.lambda[skipped[0]].toPrecision(6)}) have more active variables than maxp = ${maxp}; not relaxed (glmnet leaves them out of its relaxed fit)`];
  return { intercept, beta, devRatio, refitted, warnings };
}

/** The variables nonzero for some class at one λ (beta[k·p + j]), in order: glmnet's nzmat summed over classes. */
function unionActive(b: Float64Array, p: number, K: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < K; k++) {
      if (b[k * p + j] !== 0) {
        out.push(j);
        break;
      }
    }
  }
  return out;
}
