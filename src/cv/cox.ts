import { coxDeviance, riskSets, stratumIndex, type Survival } from "../model/partial-likelihood.js";
import type { FitOptions } from "../solve/types.js";
import { checkArguments, numericArrayRule, objectRule } from "../data/arguments.js";

/**
 * Cross-validation of a Cox fit as cv.glmnet does it: the partial likelihood is not a sum over rows, so
 * a held-out row has no error of its own. The grouped deviance of fold k at λ is
 *   dev_all(β̂_{−k}) − dev_{−k}(β̂_{−k}),
 * the deviance the fold's rows add when the fold's fit is read on all rows (each with weights rescaled to
 * sum to its row count, as coxnet.deviance's std.weights), divided by the fold's weighted events.
 * Harrell's C is computed on each fold's held-out rows.
 */

/** The survival outcome of rows `rows` (in that order). */
export function survivalRows(s: Survival, rows: ArrayLike<number>): Survival {
  const pick = (v: ArrayLike<number>) => Float64Array.from(rows, (i) => v[i]);
  return { status: pick(s.status), start: s.start && pick(s.start), strata: s.strata && pick(s.strata) };
}

/** Weights rescaled to sum to their count (coxnet.deviance's std.weights). */
function standardWeights(w: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  return Float64Array.from(w, (v) => (v * w.length) / s);
}

/**
 * The fold's row of cv.glmnet's cvraw before division: at each λ, the deviance of the fold's fit on
 * all rows minus that on its training rows. `etaAll[l]` are its linear predictors (with offset) on all n rows.
 */
export function coxFoldDeviance(y: ArrayLike<number>, options: FitOptions, test: Int32Array, etaAll: readonly Float64Array[]): Float64Array {
  const n = y.length;
  const surv = options.survival!;
  const w = options.weights ? Float64Array.from(options.weights) : new Float64Array(n).fill(1);
  const held = new Uint8Array(n);
  for (const i of test) held[i] = 1;
  const train = Int32Array.from({ length: n - test.length }, () => 0);
  for (let i = 0, a = 0; i < n; i++) if (!held[i]) train[a++] = i;
  const all = riskSets(y, surv, standardWeights(w));
  const rest = riskSets(Float64Array.from(train, (i) => y[i]), survivalRows(surv, train), standardWeights(Float64Array.from(train, (i) => w[i])));
  return Float64Array.from(etaAll, (eta) => coxDeviance(all, eta) - coxDeviance(rest, Float64Array.from(train, (i) => eta[i])));
}

/**
 * Harrell's C of rows `rows`: over pairs (i, j) of one stratum where i has an event at t_i and j is at
 * risk then (start_j < t_i ≤ stop_j, not itself an event at t_i), the weighted share (w_i·w_j) in which
 * i has the higher risk η, ties in η counting one half (survival::concordance; glmnet's Cindex).
 */
export function concordance(time: ArrayLike<number>, surv: Survival, eta: ArrayLike<number>, w: ArrayLike<number>, rows: ArrayLike<number>): number {
  checkArguments("concordance", { time, surv, eta, w, rows }, { time: numericArrayRule, surv: objectRule("survival columns { status, start?, strata? }"), eta: numericArrayRule, w: numericArrayRule, rows: numericArrayRule });
  const { index: stratum } = stratumIndex(time.length, surv.strata);
  let agree = 0, total = 0;
  for (let a = 0; a < rows.length; a++) {
    const i = rows[a];
    if (surv.status[i] !== 1 || !(w[i] > 0)) continue;
    const t = time[i];
    for (let b = 0; b < rows.length; b++) {
      const j = rows[b];
      if (j === i || stratum[j] !== stratum[i] || !(w[j] > 0)) continue;
      const atRisk = time[j] > t || (time[j] === t && surv.status[j] !== 1);
      if (!atRisk || (surv.start && !(surv.start[j] < t))) continue;
      const pw = w[i] * w[j];
      total += pw;
      if (eta[i] > eta[j]) agree += pw;
      else if (eta[i] === eta[j]) agree += pw / 2;
    }
  }
  return total > 0 ? agree / total : NaN;
}

/** What the Cox summary reads: the measure, the data, the folds, their raw deviances and out-of-fold η[λ][row]. */
export interface CoxCvInput {
  readonly measure: "deviance" | "C";
  readonly y: ArrayLike<number>;
  readonly options: FitOptions;
  readonly foldid: Int32Array;
  readonly nfolds: number;
  /** Per fold (1..K at index k − 1): coxFoldDeviance's numbers, for the deviance. */
  readonly devianceRaw: readonly (Float64Array | undefined)[];
  readonly eta: Float64Array[];
}

/** cv.coxnet's cvraw: each fold's error at every λ (err[λ][fold]) and the folds' weights, their events (deviance) or their weights (C). */
export function coxFoldErrors(c: CoxCvInput): { err: Float64Array[]; gw: Float64Array } {
  const { y, options, foldid, nfolds, eta } = c;
  const n = y.length;
  const surv = options.survival!;
  const w = options.weights ? Float64Array.from(options.weights) : new Float64Array(n).fill(1);
  const gw = new Float64Array(nfolds);
  const rows: number[][] = Array.from({ length: nfolds }, () => []);
  for (let i = 0; i < n; i++) {
    rows[foldid[i] - 1].push(i);
    gw[foldid[i] - 1] += c.measure === "deviance" ? w[i] * surv.status[i] : w[i];
  }
  const err = eta.map((e, l) => Float64Array.from({ length: nfolds }, (_, k) =>
    c.measure === "deviance" ? c.devianceRaw[k]![l] / gw[k] : concordance(y, surv, e, w, rows[k])));
  return { err, gw };
}
