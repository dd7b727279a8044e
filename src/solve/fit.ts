import type { ModelMatrix } from "../data/matrix.js";
import { threadWorkspaces, type WorkspacePool } from "../linalg/workspace.js";
import { checkDesign, checkOffset, checkResponse } from "./checks.js";
import { resolveOptions, type ResolvedOptions } from "./options.js";
import { setUpProblem } from "./problem.js";
import { runPath, type PathProgress } from "./run-path.js";
import { designRoom, standardizeDesign, type StandardizeHow, type StandardizedDesign } from "./standardize.js";
import type { FitOptions, Path } from "./types.js";

/**
 * Standardizes a design for a fit, given the fit's weights scaled to sum to 1 (w), what they summed to,
 * and how: a copy of X's columns (or of some of its rows), or a fold's view of a copy (fold-view.ts).
 */
export type DesignMaker = (w: Float64Array, weightSum: number, how: StandardizeHow) => StandardizedDesign;

/** How fitDesign gets its design, and what it reports beyond the options. */
export interface DesignFit {
  readonly design: DesignMaker;
  readonly names: readonly string[];
  readonly progress?: PathProgress;
}

/**
 * The penalized path on the design `fit.design` makes: the outcome checked by the family's rules, then
 * the problem set up and solved along λ. The design's values, and the offset, are the caller's to
 * check (a fold's were checked with the full data, where their rows mean something to a person).
 */
export function fitDesign(y: ArrayLike<number>, options: FitOptions, fit: DesignFit): Path {
  const opt = resolveOptions(options, y.length, fit.names);
  return fitResolved(Float64Array.from(y), opt, options.positiveClass ?? null, fit);
}

function fitResolved(y: Float64Array, opt: ResolvedOptions, positiveClass: string | null, fit: DesignFit): Path {
  checkResponse(y, y.length, opt);
  const warnings = opt.family.dataWarnings(y, opt.weights, positiveClass);
  let sw = 0;
  for (const v of opt.weights) sw += v;
  const w = Float64Array.from(opt.weights, (v) => v / sw);
  const how = { intercept: opt.intercept, standardize: opt.standardize, sqrtWeighted: opt.family.solver === "least-squares", excluded: opt.excluded };
  const design = fit.design(w, sw, how);
  const problem = setUpProblem(design, y, opt, w, sw);
  return runPath(problem, opt, { names: fit.names, positiveClass, warnings: [...warnings, ...opt.notes] }, fit.progress);
}

/** Where a fit of X's rows takes its memory, and what it tells as it goes. */
export interface FitHooks extends PathProgress {
  /** Fits made one after another in a thread share one memory (the thread's own pool by default). */
  readonly workspaces?: WorkspacePool;
}

/** The penalized path of X and y (no relaxed fit): checks, standardization, the path. */
export function fitPenalized(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, hooks: FitHooks = {}): Path {
  const opt = resolveOptions(options, x.n, x.names);
  checkDesign(x);
  checkResponse(y, x.n, opt);
  checkOffset(y, opt);
  // The workspace is lent for the fit and given back however it ends.
  const pool = hooks.workspaces ?? threadWorkspaces;
  const workspace = pool.take(designRoom(x.n, x.p));
  try {
    const design: DesignMaker = (w, _sw, how) => standardizeDesign(x, w, how, null, workspace);
    return fitResolved(Float64Array.from(y), opt, options.positiveClass ?? null, { design, names: x.names, progress: hooks });
  } finally {
    pool.release(workspace);
  }
}
