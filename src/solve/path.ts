import { checkOutcome } from "../data/arguments.js";
import { checkMatrix, type ModelMatrix } from "../data/matrix.js";
import { checkFitOptions, hasMultiFamily } from "./arguments.js";
import { fitMultiFamilyPath, type ClassLabel, type MgaussianFitOptions, type MultiFamilyFitOptions, type MultinomialFitOptions } from "./multi/fit.js";
import type { MultiPath } from "./multi/types.js";
import { fitPenalized, type FitHooks } from "./fit.js";
import { OptionError } from "../errors.js";
import { fitNcvPath, isConcave } from "./ncv-path.js";
import { relaxPath } from "./relax.js";
import type { FitOptions, Path } from "./types.js";

/**
 * Fit the elastic-net path, as glmnet: minimise over (β0, β)
 *   datafit(β0, β) + λ·Σ_j v_j [α|β_j| + (1−α)/2·β_j²]
 * for a decreasing sequence of λ, by coordinate descent with warm starts, the sequential strong rule
 * and a KKT check over every screened-out variable (so each solution is exact, not screened); with
 * `relax`, also the unpenalized refits on each λ's active set. With family "multinomial" (y the class
 * labels) or "mgaussian" (y the responses, one array each), fitMultinomialPath or fitMgaussianPath.
 */
export function fitPath(x: ModelMatrix, labels: ArrayLike<ClassLabel>, options: MultinomialFitOptions & { readonly family: "multinomial" }): MultiPath;
export function fitPath(x: ModelMatrix, y: readonly ArrayLike<number>[], options: MgaussianFitOptions & { readonly family: "mgaussian" }): MultiPath;
// Last, so that Parameters<typeof fitPath> and ReturnType<typeof fitPath> are the single-response fit's.
export function fitPath(x: ModelMatrix, y: ArrayLike<number>, options?: FitOptions): Path;
export function fitPath(x: ModelMatrix, y: unknown, options: FitOptions | MultiFamilyFitOptions = {}): Path | MultiPath {
  if (hasMultiFamily(options)) return fitMultiFamilyPath("fitPath", x, y, options);
  checkMatrix("fitPath", x);
  // The options before y: the family (misspelt, say) decides what y should be.
  checkFitOptions("fitPath", options);
  checkOutcome("fitPath", y, x.n);
  return fitPathWith(x, y, options, {});
}

/**
 * fitPath that tells its λ sequence once known and can be stopped at a λ (parallel cross-validation
 * starts the folds on the sequence while the full-data path is still running: a fold fitted on the whole
 * sequence and cut at the full path's length equals the fold fitted on the full path's λs, since each
 * λ's solution depends only on the λs before it), and takes its memory from a given pool.
 */
export function fitPathWith(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, hooks: FitHooks): Path {
  if (isConcave(options)) return fitNcvPath(x, y, options);
  if (options.adaptive) throw new OptionError("adaptive needs a first fit chosen by cross-validation: call fitAdaptive (or cvPath) instead of fitPath", "adaptive");
  const path = fitPenalized(x, y, options, hooks);
  if (!options.relax) return path;
  const relaxed = relaxPath(x, y, path, options);
  return { ...path, relaxed, warnings: [...path.warnings, ...relaxed.warnings] };
}

/**
 * λ_max: the smallest λ at which every penalized coefficient is zero (for α < 0.001 computed as for
 * α = 0.001), i.e. the first λ of glmnet's default path, with the same weights, offset and factors.
 */
export function lambdaMax(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions = {}): number {
  const { lambda: _l, relax: _r, ...rest } = options;
  return fitPenalized(x, y, { ...rest, nlambda: 1 }).lambda[0];
}

export { checkFit } from "./checks.js";
