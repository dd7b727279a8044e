import type { ModelMatrix } from "../data/matrix.js";
import { attachSecondCore, wantSecondCore } from "../linalg/second-core.js";
import { threadSharedWorkspaces, threadWorkspaces, type WorkspacePool } from "../linalg/workspace.js";
import { checkFit, checkResponse, type DesignCheckOptions } from "./checks.js";
import { resolveOptions } from "./options.js";
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
  const yy = Float64Array.from(y);
  const survivalWarnings = checkResponse(yy, yy.length, opt);
  const positiveClass = options.positiveClass ?? null;
  const warnings = [...opt.family.dataWarnings(yy, opt.weights, positiveClass), ...survivalWarnings];
  let sw = 0;
  for (const v of opt.weights) sw += v;
  const w = Float64Array.from(opt.weights, (v) => v / sw);
  // coxnet centres x though a Cox model has no intercept (the diagonal of its information is then glmnet's).
  const how = { intercept: opt.intercept || opt.survival !== null, standardize: opt.standardize, sqrtWeighted: opt.family.solver === "least-squares", excluded: opt.excluded };
  const design = fit.design(w, sw, how);
  const problem = setUpProblem(design, yy, opt, w, sw);
  return runPath(problem, opt, { names: fit.names, positiveClass, warnings: [...warnings, ...opt.notes] }, fit.progress);
}

/** Where a fit of X's rows takes its memory, and what it tells as it goes. */
export interface FitHooks extends PathProgress {
  /** Fits made one after another in a thread share one memory (the thread's own pool by default). */
  readonly workspaces?: WorkspacePool;
  /** X's values still to check (checkDesign), in the standardization's pass over its copy (fitPenalized's). */
  readonly designCheck?: DesignCheckOptions;
}

/**
 * The path of rows `rows` of x (all of them when null; y, weights and offset are theirs), standardized
 * from x itself into memory lent by the pool, without a copy of the rows. x's values are taken as checked.
 */
export function fitRows(x: ModelMatrix, rows: Int32Array | null, y: ArrayLike<number>, options: FitOptions, hooks: FitHooks = {}): Path {
  // A large full-data fit outside a worker's pool: a shared memory, and a helper thread on it.
  const threaded = rows === null && hooks.workspaces === undefined && wantSecondCore(x.n * x.p, options.threads);
  // The workspace is lent for the fit and given back however it ends.
  const pool = hooks.workspaces ?? (threaded ? threadSharedWorkspaces : threadWorkspaces);
  const workspace = pool.take(designRoom(rows ? rows.length : x.n, x.p));
  const core = threaded ? attachSecondCore(workspace) : null;
  try {
    const check = hooks.designCheck;
    const design: DesignMaker = (w, _sw, how) => standardizeDesign(x, w, check ? { ...how, check } : how, rows, workspace);
    return fitDesign(y, options, { design, names: x.names, progress: hooks });
  } finally {
    core?.close();
    workspace.kernels.share(null);
    pool.release(workspace);
  }
}

/**
 * The penalized path of X and y (no relaxed fit): the data checked, then standardized and fitted; X's
 * values are checked in the standardization's pass over X (in WebAssembly where it runs there), not in a
 * pass of their own, with the same errors in the same order.
 */
export function fitPenalized(x: ModelMatrix, y: ArrayLike<number>, options: FitOptions, hooks: FitHooks = {}): Path {
  const opt = checkFit(x, y, options, true);
  return fitRows(x, null, y, options, { ...hooks, designCheck: opt });
}
