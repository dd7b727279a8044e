import { selectRows, type ModelMatrix } from "../data/matrix.js";
import { matrixRule } from "../data/matrix-rule.js";
import { OptionError } from "../errors.js";
import { multiFamilyOf } from "../model/families/multi.js";
import type { MultiMeasure } from "../model/multi-family.js";
import { fitMgaussianPath, fitMultinomialPath, sortedClasses, type ClassLabel } from "../solve/multi/fit.js";
import { predictMulti } from "../solve/multi/predict.js";
import type { MultiFitOptions, MultiPath } from "../solve/multi/types.js";
import { chooseLambda, weightedMeanAndSe } from "./cv.js";
import { resolveFolds } from "./folds.js";
import { checkArguments, optionsRule, fieldsRule, choiceRule } from "../data/arguments.js";
import { MULTI_CV_OPTIONS_SCHEMA } from "./arguments.js";

/** Cross-validation options of a multi-response fit (as cvPath's). */
export interface MultiCvOptions extends MultiFitOptions {
  nfolds?: number;
  foldid?: ArrayLike<number>;
  seed?: number;
  /** multinomial: deviance (default), class, mse, mae; mgaussian: mse (default), mae. */
  measure?: MultiMeasure;
  /** mgaussian: the responses' names. */
  responses?: readonly string[];
}

/** A cross-validated multi-response path: cvm and cvsd per λ, λ_min and λ_1se, the folds. */
export interface MultiCvResult {
  readonly path: MultiPath;
  readonly measure: MultiMeasure;
  readonly lambda: Float64Array;
  readonly cvm: Float64Array;
  readonly cvsd: Float64Array;
  readonly nzero: Int32Array;
  readonly lambdaMin: number;
  readonly lambda1se: number;
  readonly indexMin: number;
  readonly index1se: number;
  readonly foldid: Int32Array;
  readonly warnings: readonly string[];
}

/** The outcome of a multi-response cross-validation: class labels (multinomial) or K response columns (mgaussian). */
export type MultiOutcome =
  | { readonly family: "multinomial"; readonly labels: ArrayLike<ClassLabel> }
  | { readonly family: "mgaussian"; readonly y: readonly ArrayLike<number>[] };

/** The measure, checked against the family's. */
export function checkMultiMeasure(measure: string | undefined, family: "multinomial" | "mgaussian"): MultiMeasure {
  const fam = multiFamilyOf(family);
  const m = measure ?? fam.defaultMeasure;
  if (!(fam.measures as readonly string[]).includes(m)) {
    throw new OptionError(`measure "${m}" is not one of ${family}'s: ${fam.measures.join(", ")}`, "measure");
  }
  return m as MultiMeasure;
}

/**
 * cv.glmnet for multinomial and mgaussian: every fold fitted on the full data's λ sequence without its
 * rows, its held-out rows predicted at every λ; errors (cv.multnet's, cv.mrelnet's) averaged per fold,
 * cvm their weighted mean and cvsd its standard error; λ_min and λ_1se as cv.glmnet picks them. A class
 * with fewer than two rows among a fold's training rows is left out of that fold's fit (its probability
 * there is 0), with a warning naming the class and the fold.
 */
export function cvMultiPath(x: ModelMatrix, outcome: MultiOutcome, options: MultiCvOptions = {}): MultiCvResult {
  checkArguments("cvMultiPath", { x, outcome, options }, { x: matrixRule, outcome: OUTCOME, options: optionsRule(MULTI_CV_OPTIONS_SCHEMA) });
  const { nfolds: _n, foldid: _f, seed: _s, measure: m, responses, ...fitOptions } = options;
  const measure = checkMultiMeasure(m, outcome.family);
  const family = multiFamilyOf(outcome.family);
  const folds = resolveFolds(x.n, options);
  const classes = outcome.family === "multinomial" ? sortedClasses(outcome.labels) : null;
  const fit = (rows: Int32Array | null, opts: MultiFitOptions, warnings: string[], fold: number): { path: MultiPath; map: Int32Array } => {
    const xs = rows ? selectRows(x, rows) : x;
    const w = opts.weights ? (rows ? Array.from(rows, (i) => opts.weights![i]) : Array.from(opts.weights)) : undefined;
    if (outcome.family === "mgaussian") {
      const y = rows ? outcome.y.map((col) => Array.from(rows, (i) => col[i])) : outcome.y;
      const path = fitMgaussianPath(xs, y, { ...opts, weights: w, responses });
      return { path, map: Int32Array.from(path.classes, (_, k) => k) };
    }
    const labels = rows ? Array.from(rows, (i) => outcome.labels[i]) : Array.from(outcome.labels);
    const all = classes as ClassLabel[];
    const count = new Map<ClassLabel, number>();
    labels.forEach((c) => count.set(c, (count.get(c) ?? 0) + 1));
    const kept = all.filter((c) => (count.get(c) ?? 0) >= 2);
    for (const c of all) {
      if (!kept.includes(c)) warnings.push(`fold ${fold}: class "${String(c)}" has ${count.get(c) ?? 0} training row${count.get(c) === 1 ? "" : "s"}, so that fold's fit leaves it out (its predicted probability there is 0)`);
    }
    const keepRow = rows && kept.length < all.length ? labels.map((c) => kept.includes(c)) : null;
    const path = keepRow
      ? fitMultinomialPath(selectRows(xs, Int32Array.from(labels.keys()).filter((i) => keepRow[i])), labels.filter((_, i) => keepRow[i]), { ...opts, weights: w?.filter((_, i) => keepRow[i]), classes: kept })
      : fitMultinomialPath(xs, labels, { ...opts, weights: w, classes: kept });
    return { path, map: Int32Array.from(kept, (c) => all.indexOf(c)) };
  };
  const warnings: string[] = [];
  const { path } = fit(null, fitOptions, warnings, 0);
  const L = path.lambda.length, K = path.classes.length, n = x.n;
  // yRow(i): row i's K numbers (one-hot or responses).
  const yRow = (i: number): Float64Array => {
    if (outcome.family === "mgaussian") return Float64Array.from(outcome.y, (col) => col[i]);
    const out = new Float64Array(K);
    out[(classes as ClassLabel[]).indexOf(outcome.labels[i])] = 1;
    return out;
  };
  const err = Array.from({ length: L }, () => new Float64Array(n));
  for (let k = 1; k <= folds.nfolds; k++) {
    const train = Int32Array.from(folds.foldid.keys()).filter((i) => folds.foldid[i] !== k);
    const test = Int32Array.from(folds.foldid.keys()).filter((i) => folds.foldid[i] === k);
    const fold = fit(train, { ...fitOptions, lambda: path.lambda }, warnings, k);
    const xt = selectRows(x, test);
    for (let l = 0; l < L; l++) {
      const link = predictMulti(fold.path, xt, path.lambda[Math.min(l, fold.path.lambda.length - 1)], "link") as Float64Array[];
      test.forEach((i, t) => {
        const eta = new Float64Array(K).fill(-Infinity);
        fold.map.forEach((to, from) => (eta[to] = link[t][from]));
        err[l][i] = family.pointError(measure, yRow(i), eta);
      });
    }
  }
  const w = options.weights ? Float64Array.from(options.weights) : new Float64Array(n).fill(1);
  const grouped = n / folds.nfolds >= 3;
  if (!grouped) warnings.push("fewer than 3 rows per fold: errors are summarised per observation (grouped = FALSE), as cv.glmnet does");
  const cvm = new Float64Array(L), cvsd = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const { e, gw } = grouped ? byFold(err[l], w, folds.foldid, folds.nfolds) : { e: err[l], gw: w };
    const s = weightedMeanAndSe(e, gw);
    cvm[l] = s.mean;
    cvsd[l] = s.se;
  }
  const { indexMin, index1se } = chooseLambda(cvm, cvsd, false);
  return {
    path, measure, lambda: path.lambda, cvm, cvsd, nzero: path.df,
    lambdaMin: path.lambda[indexMin], lambda1se: path.lambda[index1se], indexMin, index1se, foldid: folds.foldid, warnings,
  };
}

/** Weighted mean error of each fold, and each fold's weight. */
function byFold(err: Float64Array, w: Float64Array, foldid: Int32Array, nfolds: number): { e: Float64Array; gw: Float64Array } {
  const e = new Float64Array(nfolds), gw = new Float64Array(nfolds);
  for (let i = 0; i < err.length; i++) {
    gw[foldid[i] - 1] += w[i];
    e[foldid[i] - 1] += w[i] * err[i];
  }
  for (let g = 0; g < nfolds; g++) e[g] /= gw[g];
  return { e, gw };
}

/** The outcome: { family: "multinomial", labels } or { family: "mgaussian", y }. */
const OUTCOME = fieldsRule("{ family: \"multinomial\", labels } or { family: \"mgaussian\", y }", { family: choiceRule(() => ["multinomial", "mgaussian"]) });
