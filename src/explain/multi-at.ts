/**
 * A multi-response path at any λ exactly, as glmnet's coef(fit, s, exact = TRUE): between two of the
 * path's λs the coefficients are refitted, not interpolated. The refit is the path's own fit run down its
 * λs above λ and then λ (warm starts all the way, as the path was fitted), with the path's options; its
 * solution at λ is put into the path, so the explanation there reads the fit's own pulls and prices.
 */
import { OptionError } from "../errors.js";
import { fitMultiPathOf, type MultiResponse } from "../solve/multi/path.js";
import type { MultiFitOptions, MultiPath } from "../solve/multi/types.js";
import { explainMulti, type MultiData, type MultiExplanation } from "./multi.js";

/** The path's options as fitted (the data's weights), at convergence threshold `thresh`. */
export function refitOptionsOf(path: MultiPath, data: MultiData, thresh: number): MultiFitOptions {
  const s = path.settings;
  return {
    alpha: s.alpha, standardize: s.standardize, standardizeResponse: s.standardizeResponse, intercept: s.intercept, penaltyFactor: Float64Array.from(s.penaltyFactor),
    lowerLimits: s.lowerLimits && Float64Array.from(s.lowerLimits), upperLimits: s.upperLimits && Float64Array.from(s.upperLimits),
    thresh: Math.min(thresh, s.thresh), maxit: Math.max(s.maxit, 1e7), grouped: path.grouped,
    weights: data.weights ? Array.from(data.weights) : undefined,
  };
}

/** The multi response of the data: K columns, class-major. */
export function responseOf(path: MultiPath, data: MultiData): MultiResponse {
  const n = data.x.n, K = data.y.length;
  const y = new Float64Array(n * K);
  data.y.forEach((col, k) => {
    for (let i = 0; i < n; i++) y[k * n + i] = col[i];
  });
  return { family: path.family, y, classes: path.classes };
}

/**
 * The path with λ among its λs, its solution there refitted (the path itself when λ is one of its λs).
 * λ must lie within the path's range: below its last λ the path stopped early, above λ_max nothing is in.
 */
export function multiPathAt(path: MultiPath, data: MultiData, lambda: number): MultiPath {
  const L = path.lambda.length;
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new OptionError(`lambda must be a finite number > 0, got ${lambda}`, "lambda");
  if (path.lambda.includes(lambda)) return path;
  if (lambda > path.lambda[0] || lambda < path.lambda[L - 1]) throw new OptionError(`lambda ${lambda} is outside the path's range ${path.lambda[L - 1]} to ${path.lambda[0]}`, "lambda");
  const at = path.lambda.findIndex((l) => l < lambda);
  const above = Array.from(path.lambda.subarray(0, at));
  const refit = fitMultiPathOf(data.x, responseOf(path, data), { ...refitOptionsOf(path, data, path.settings.thresh), lambda: [...above, lambda] });
  const last = refit.lambda.length - 1;
  if (refit.lambda[last] !== lambda) throw new OptionError(`the refit at λ = ${lambda} stopped early, at λ = ${refit.lambda[last]}`, "lambda");
  const insert = <T>(items: readonly T[], item: T): T[] => [...items.slice(0, at), item, ...items.slice(at)];
  return {
    ...path,
    lambda: Float64Array.from(insert(Array.from(path.lambda), lambda)),
    intercept: insert(path.intercept, refit.intercept[last]),
    beta: insert(path.beta, refit.beta[last]),
    df: Int32Array.from(insert(Array.from(path.df), refit.df[last])),
    devRatio: Float64Array.from(insert(Array.from(path.devRatio), refit.devRatio[last])),
  };
}

/** explainMulti at λ with the coefficients refitted there (exact), not interpolated between the path's λs. */
export function explainMultiAt(path: MultiPath, data: MultiData, lambda: number): MultiExplanation {
  return explainMulti(multiPathAt(path, data, lambda), data, lambda);
}
