// The folds of a multi-response cross-validation as views of one standardized copy of X (as the
// single-response folds, cv.ts's fitFull and fitFoldPath): the full-data fit writes the copy, its rows
// in the folds' order, and each fold, in any thread, fits on it without X.
import type { ModelMatrix } from "../data/matrix.js";
import type { Workspace } from "../linalg/workspace.js";
import { checkFit } from "../solve/checks.js";
import { viewFold, type FullCopy } from "../solve/fold-view.js";
import { fitMultiPathOf, type MultiResponse } from "../solve/multi/path.js";
import type { MultiFitOptions, MultiPath } from "../solve/multi/types.js";
import { standardizeDesign } from "../solve/standardize.js";
import { inFold } from "./folds.js";
import { CvMemory, foldConstants, foldRows, foldUnstandardizable, type FoldOrder } from "./copy.js";

/** The responses and the options a cross-validation fits every fold with (multi-cv.ts's plan). */
export interface MultiCvFit {
  readonly response: MultiResponse;
  readonly fitOptions: MultiFitOptions;
  /** Each fold fitted on its own default λ sequence, not the full data's. */
  readonly ownLambda?: boolean;
}

/** Everything a fold's fit needs, in any thread: X's shape and names, the responses and weights by row. */
export interface MultiFoldJob {
  readonly n: number;
  readonly p: number;
  readonly names: readonly string[];
  readonly response: MultiResponse;
  /** The fit's options without weights (given by row below) and λ. */
  readonly options: MultiFitOptions;
  readonly weights: Float64Array | null;
  /** Each fold fitted on its own default λ sequence (the full data's λs then ignored). */
  readonly ownLambda: boolean;
}

export function multiFoldJob(x: ModelMatrix, plan: MultiCvFit): MultiFoldJob {
  const { weights, ...options } = plan.fitOptions;
  const ownLambda = plan.ownLambda === true;
  return { n: x.n, p: x.p, names: [...x.names], response: plan.response, options, weights: weights ? Float64Array.from(weights) : null, ownLambda };
}

/** The responses of rows `rows` (class-major, as the full response's), into the start of `room` when it is long enough. */
function responseRows(response: MultiResponse, n: number, rows: Int32Array, room?: Float64Array): MultiResponse {
  const K = response.classes.length, m = rows.length;
  const y = room && room.length >= m * K ? room.subarray(0, m * K) : new Float64Array(m * K);
  for (let k = 0; k < K; k++) for (let t = 0; t < m; t++) y[k * m + t] = response.y[k * n + rows[t]];
  return { ...response, y };
}

/**
 * The full-data path, its rows taken in the folds' order and standardized into `memory`'s copy (the
 * same path as fitMultiPathOf's, its sums taken in another order); X's values checked first in their own
 * order, so that errors name the rows as given.
 */
export function fitMultiFull(
  x: ModelMatrix, plan: MultiCvFit, folds: FoldOrder, memory: CvMemory, onLambdas?: (lambda: Float64Array, full: FullCopy) => void,
): { path: MultiPath; full: FullCopy } {
  const { grouped: _grouped, ...checked } = plan.fitOptions;
  checkFit(x, Float64Array.from({ length: x.n }, (_, i) => i), checked);
  const { order } = folds;
  const w = plan.fitOptions.weights;
  const options = { ...plan.fitOptions, weights: w ? Array.from(order, (i) => w[i]) : undefined };
  let full: FullCopy | null = null;
  const design = (wn: Float64Array, weightSum: number, how: Parameters<typeof standardizeDesign>[2]) => {
    const d = standardizeDesign(x, wn, how, order, memory.workspace(0), memory.copy);
    full = { x: memory.copy, n: d.n, p: d.p, mean: d.mean, scale: d.scale, usable: d.usable, weightSum, constantIn: foldConstants(x, folds),
      unstandardizable: foldUnstandardizable(x, folds, w, how) };
    return d;
  };
  const hooks = { design, onLambdas: onLambdas && ((lambda: Float64Array) => onLambdas(lambda, full!)) };
  const path = fitMultiPathOf(x, responseRows(plan.response, x.n, order), options, hooks);
  return { path, full: full! };
}

/**
 * Fold `fold`'s path on the λs `lambda` (on its own default sequence with job.ownLambda), as a view of
 * the full data's copy (its training rows are the copy's rows outside the fold's block), its solver in
 * `workspace`; `lambdaLimit` stops a fold on the full λs after the full path's length once known (a fold
 * started before the full path ended).
 */
export function fitMultiFold(
  job: MultiFoldJob, lambda: Float64Array, fold: number,
  view: { readonly full: FullCopy; readonly folds: FoldOrder; readonly workspace: Workspace }, lambdaLimit?: () => number,
): MultiPath {
  const room = foldRoom(job.n - (view.folds.start[fold + 1] - view.folds.start[fold]), job.response.classes.length);
  const rows = foldRows(view.folds, fold, room.rows);
  const place = { fold, start: view.folds.start[fold], end: view.folds.start[fold + 1] };
  const shape: ModelMatrix = { n: rows.length, p: job.p, names: job.names, data: new Float64Array(0) };
  const w = job.weights;
  const own = job.ownLambda;
  const options = { ...job.options, weights: w ? Array.from(rows, (i) => w[i]) : undefined, lambda: own ? undefined : lambda };
  const design = (wn: Float64Array, weightSum: number, how: Parameters<typeof viewFold>[4]) => viewFold(view.full, place, wn, weightSum, how, view.workspace);
  const fit = () => fitMultiPathOf(shape, responseRows(job.response, job.n, rows, room.y), options, { design, lambdaLimit: own ? undefined : lambdaLimit });
  return inFold(fold, place.end - place.start, fit);
}

/**
 * This thread's arrays for a fold's training rows and their responses (K·n f64s: 1.8 MB a fold at
 * 50,000 rows, K = 5), reused fold after fold: a fold's fit keeps neither, and arrays made afresh
 * are freed only when V8 collects their holders, which it may put off for tens of megabytes.
 */
const foldArrays = { rows: new Int32Array(0), y: new Float64Array(0) };

/** foldArrays, grown to m rows and K responses (folds differ by a row or so). */
function foldRoom(m: number, K: number): { rows: Int32Array; y: Float64Array } {
  if (foldArrays.rows.length < m) foldArrays.rows = new Int32Array(m);
  if (foldArrays.y.length < m * K) foldArrays.y = new Float64Array(m * K);
  return foldArrays;
}
