import { sparseRows, type SparseMatrix } from "../data/sparse.js";
import { checkArguments, optionsRule } from "../data/arguments.js";
import { sortedClasses, type ClassLabel } from "../solve/multi/fit.js";
import { coefMulti } from "../solve/multi/predict.js";
import type { MultiPath } from "../solve/multi/types.js";
import { sparseRule } from "../solve/arguments.js";
import { fitSparseMgaussianRows, fitSparseMultinomialRows, fitSparseMultiPathOf, sparseShape } from "../solve/sparse-multi.js";
import { MULTI_CV_OPTIONS_SCHEMA, multiOutcomeRule } from "./arguments.js";
import { foldLambdaOf, multiOutcomeOf, planMultiCv, summarizeMultiCv, type HeldOutLinks, type MultiFamilyCvOptions, type MultiCvOptions, type MultiCvPlan, type MultiCvResult, type MultiFoldFit, type MultiOutcome } from "./multi-cv.js";
import { inFold, splitFold } from "./folds.js";

/**
 * cvMultiPath for a sparse X: the full-data path, then each fold fitted on the full path's λs from its
 * training rows (a sparse matrix of their nonzeros, never densified), its held-out rows predicted from
 * their nonzeros; summarised as cvMultiPath does (cv.glmnet's multnet and mrelnet errors).
 */
export function cvSparseMultiPath(x: SparseMatrix, outcome: MultiOutcome, options: MultiCvOptions = {}): MultiCvResult {
  return cvSparseMultiPathAs("cvSparseMultiPath", x, outcome, options);
}

/** cvSparsePath's multi-response families: cvSparseMultiPath of the class labels or the responses, errors naming `what`. */
export function cvSparseMultiFamilyPath(what: string, x: SparseMatrix, y: unknown, options: MultiFamilyCvOptions): MultiCvResult {
  const multi = multiOutcomeOf(what, y, options);
  return cvSparseMultiPathAs(what, x, multi.outcome, multi.options);
}

/** cvSparseMultiPath, its argument errors naming `what` (the function the person called). */
function cvSparseMultiPathAs(what: string, x: SparseMatrix, outcome: MultiOutcome, options: MultiCvOptions): MultiCvResult {
  const { plan, path } = startSparseMultiCv(what, x, outcome, options);
  const task: SparseMultiFoldTask = { x, outcome, plan, lambda: path.lambda };
  const fits = Array.from({ length: plan.nfolds }, (_, k) => sparseMultiFold(task, k + 1));
  return summarizeSparseMultiCv(task, path, fits);
}

/** The arguments checked, the folds planned and the full-data path. */
export function startSparseMultiCv(what: string, x: SparseMatrix, outcome: MultiOutcome, options: MultiCvOptions): { plan: MultiCvPlan; path: MultiPath } {
  checkArguments(what, { x, outcome, options }, { x: sparseRule, outcome: multiOutcomeRule, options: optionsRule(MULTI_CV_OPTIONS_SCHEMA) });
  const plan = planMultiCv(sparseShape(x), outcome, options);
  return { plan, path: fitSparseMultiPathOf(x, plan.response, plan.fitOptions) };
}

/** What a sparse multi-response fold's fit needs, the same in every thread. */
export interface SparseMultiFoldTask {
  readonly x: SparseMatrix;
  readonly outcome: MultiOutcome;
  readonly plan: MultiCvPlan;
  /** The full path's λs. */
  readonly lambda: Float64Array;
}

/** A fold's fit and what a person should know of it. */
export interface SparseMultiFold {
  readonly fit: MultiFoldFit;
  readonly warnings: readonly string[];
}

/**
 * Fold k fitted from its training rows on the full path's λs (its own with plan.ownLambda); a
 * multinomial class with fewer than two training rows is left out of that fold's fit (its probability
 * there is 0), as cvMultiPath does.
 */
export function sparseMultiFold(task: SparseMultiFoldTask, k: number): SparseMultiFold {
  const { train, test } = splitFold(task.plan.foldid, k);
  return inFold(k, test.length, () => sparseMultiRows(task, k, train));
}

/** sparseMultiFold's fit of fold k's training rows `rows`. */
function sparseMultiRows(task: SparseMultiFoldTask, k: number, rows: Int32Array): SparseMultiFold {
  const { x, outcome, plan, lambda } = task;
  const w = plan.fitOptions.weights;
  const opts = { ...plan.fitOptions, lambda: foldLambdaOf(plan, lambda), weights: w && Array.from(rows, (i) => w[i]) };
  if (outcome.family === "mgaussian") {
    const path = fitSparseMgaussianRows(x, rows, outcome.y.map((col) => Array.from(rows, (i) => col[i])), { ...opts, responses: plan.response.classes });
    return { fit: { fold: k, path, map: Int32Array.from(path.classes, (_, c) => c) }, warnings: [] };
  }
  const all = sortedClasses(outcome.labels);
  const labels = Array.from(rows, (i) => outcome.labels[i]);
  const count = new Map<ClassLabel, number>();
  labels.forEach((c) => count.set(c, (count.get(c) ?? 0) + 1));
  const kept = all.filter((c) => (count.get(c) ?? 0) >= 2);
  const warnings = all.filter((c) => !kept.includes(c)).map((c) =>
    `fold ${k}: class "${String(c)}" has ${count.get(c) ?? 0} training row${count.get(c) === 1 ? "" : "s"}, so that fold's fit leaves it out (its predicted probability there is 0)`);
  const keep = Int32Array.from(labels.keys()).filter((t) => kept.includes(labels[t]));
  const path = fitSparseMultinomialRows(x, Int32Array.from(keep, (t) => rows[t]), Array.from(keep, (t) => labels[t]), {
    ...opts, weights: opts.weights && Array.from(keep, (t) => opts.weights![t]), classes: kept,
  });
  return { fit: { fold: k, path, map: Int32Array.from(kept, (c) => all.indexOf(c)) }, warnings };
}

/** The folds' errors summarised (summarizeMultiCv), the held-out rows predicted from X's nonzeros. */
export function summarizeSparseMultiCv(task: SparseMultiFoldTask, path: MultiPath, folds: readonly SparseMultiFold[]): MultiCvResult {
  const sorted = [...folds].sort((a, b) => a.fit.fold - b.fit.fold);
  const warnings = [...task.plan.warnings, ...sorted.flatMap((f) => f.warnings)];
  return summarizeMultiCv(task.x, task.plan, path, sorted.map((f) => f.fit), warnings, sparseLinks(task.x));
}

/**
 * η_k = β0_k + Σ_j β_kj·x_j at rows `test`, class-major (link[k·nt + t]), summed over each coefficient's
 * nonzeros in those rows (their own compressed columns, taken once per fold).
 */
function sparseLinks(x: SparseMatrix): HeldOutLinks {
  return (test) => {
    const nt = test.length;
    const { colPtr, rowIndex, values } = sparseRows(x, test);
    return (foldPath, lambda) => {
      const { intercept, beta } = coefMulti(foldPath, lambda);
      const link = new Float64Array(intercept.length * nt);
      beta.forEach((b, k) => {
        const out = link.subarray(k * nt, (k + 1) * nt);
        out.fill(intercept[k]);
        for (let j = 0; j < x.p; j++) {
          if (b[j] === 0) continue;
          for (let t = colPtr[j]; t < colPtr[j + 1]; t++) out[rowIndex[t]] += b[j] * values[t];
        }
      });
      return link;
    };
  };
}
