/**
 * Penalties that stop charging, against the lasso, on a known truth (learner question 7): the lasso,
 * MCP, SCAD and the adaptive lasso, each at its cross-validated λ_min on the same folds, scored by exact
 * recovery of the true support, false selections and the bias of the survivors (how far the true
 * coefficients it kept were pulled toward zero).
 */
import { cvPath } from "../cv/cv.js";
import { OptionError } from "../errors.js";
import { randomFolds, rngFromState, streamStates, checkSeed } from "../random/rng.js";
import { coef } from "../solve/predict.js";
import type { ModelMatrix } from "../data/matrix.js";
import type { FitOptions } from "../solve/types.js";
import { sampleData, type Design } from "./design.js";

export type ConcaveMethod = "lasso" | "mcp" | "scad" | "adaptive";
export const CONCAVE_METHODS: readonly ConcaveMethod[] = ["lasso", "mcp", "scad", "adaptive"];

/** Each method's fit options (the family is the design's). */
const METHOD_OPTIONS: Readonly<Record<ConcaveMethod, FitOptions>> = {
  lasso: {},
  mcp: { penalty: "mcp" },
  scad: { penalty: "scad" },
  adaptive: { adaptive: true },
};

/** One method's averages over the repetitions, at its λ_min. */
export interface ConcaveSummary {
  readonly method: ConcaveMethod;
  /** Share of repetitions selecting exactly the true support. */
  readonly exact: number;
  /** Mean number of true zeros selected. */
  readonly falseSelections: number;
  /** Mean number of true nonzeros selected. */
  readonly trueSelections: number;
  /**
   * Mean over repetitions and kept true coefficients of (β̂_j − β_j)·sign(β_j): negative when the
   * survivors are shrunk toward zero (NaN if none was ever kept).
   */
  readonly survivorBias: number;
}

/** Scores of one coefficient vector against the truth. */
export function scoreSelection(beta: ArrayLike<number>, truth: ArrayLike<number>): { exact: boolean; fp: number; tp: number; biasSum: number; kept: number } {
  let fp = 0, tp = 0, biasSum = 0, s = 0;
  for (let j = 0; j < truth.length; j++) {
    if (truth[j] !== 0) s++;
    if (beta[j] === 0) continue;
    if (truth[j] === 0) fp++;
    else {
      tp++;
      biasSum += (beta[j] - truth[j]) * Math.sign(truth[j]);
    }
  }
  return { exact: fp === 0 && tp === s, fp, tp, biasSum, kept: tp };
}

/** One method's fit options on top of the common ones (whose own penalty, γ and adaptive are replaced). */
export function methodOptions(method: ConcaveMethod, fit: FitOptions = {}): FitOptions {
  const { penalty: _p, penaltyGamma: _g, adaptive: _a, ...common } = fit;
  return { ...common, ...METHOD_OPTIONS[method] };
}

/** The methods asked for, checked (all four by default). */
export function checkMethods(methods: readonly ConcaveMethod[] | undefined): readonly ConcaveMethod[] {
  const m = methods ?? CONCAVE_METHODS;
  for (const name of m) if (!CONCAVE_METHODS.includes(name)) throw new OptionError(`methods: unknown method "${name}"; use ${CONCAVE_METHODS.join(", ")}`, "methods");
  return m;
}

type Score = ReturnType<typeof scoreSelection>;

/** One repetition: each method cross-validated on the same folds, its λ_min coefficients scored against the truth. */
export function scoreMethods(x: ModelMatrix, y: Float64Array, o: { fit: FitOptions; foldid: Int32Array; truth: ArrayLike<number>; methods: readonly ConcaveMethod[] }): Score[] {
  return o.methods.map((m) => {
    const cv = cvPath(x, y, { ...methodOptions(m, o.fit), foldid: o.foldid });
    return scoreSelection(coef(cv.path, cv.lambdaMin).beta, o.truth);
  });
}

/** Each method's averages over the repetitions' scores (scores[r][k]: repetition r, method k). */
export function averageScores(methods: readonly ConcaveMethod[], scores: readonly Score[][]): ConcaveSummary[] {
  const reps = scores.length;
  return methods.map((method, k) => {
    const t = { exact: 0, fp: 0, tp: 0, biasSum: 0, kept: 0 };
    for (const rep of scores) {
      const sc = rep[k];
      t.exact += sc.exact ? 1 : 0;
      t.fp += sc.fp;
      t.tp += sc.tp;
      t.biasSum += sc.biasSum;
      t.kept += sc.kept;
    }
    return { method, exact: t.exact / reps, falseSelections: t.fp / reps, trueSelections: t.tp / reps, survivorBias: t.kept > 0 ? t.biasSum / t.kept : NaN };
  });
}

/** Run `reps` repetitions (seeded streams, as simulate's experiments) and average each method's scores. */
export function compareConcave(design: Design, o: { reps?: number; seed?: number; nfolds?: number; methods?: readonly ConcaveMethod[] } = {}): ConcaveSummary[] {
  const reps = o.reps ?? 20, nfolds = o.nfolds ?? 10;
  if (!Number.isInteger(reps) || reps < 1) throw new OptionError(`reps must be a positive integer, got ${reps}`, "reps");
  const methods = checkMethods(o.methods);
  const scores = streamStates(checkSeed(o.seed ?? 1), reps).map((state) => {
    const rng = rngFromState(state);
    const train = sampleData(design, rng);
    const foldid = randomFolds(rng, design.n, nfolds);
    return scoreMethods(train.x, Float64Array.from(train.y), { fit: { family: design.family }, foldid, truth: design.beta, methods });
  });
  return averageScores(methods, scores);
}
