/**
 * The penalties that stop charging against the lasso on the user's own design (simulate --from with
 * --penalties): the truth planted as planted.ts plants it, new outcomes drawn around it, and in each
 * repetition the lasso, MCP, SCAD and the adaptive lasso cross-validated on the same folds and scored at
 * their λ_min as concave.ts scores them (exact recovery, false selections, bias of the kept true β).
 *
 * Browser-safe; repetition r is a pure function of its stream (streamStates(seed)[r]).
 */
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import { checkSeed, randomFolds, rngFromState, streamStates } from "../random/rng.js";
import { averageScores, checkMethods, scoreMethods, type ConcaveMethod, type ConcaveSummary } from "./concave.js";
import { drawOutcome, plantTruth, type PlantOptions, type PlantedTruth } from "./planted.js";

/** A planted-truth comparison of penalties: the truth, and each method's averages. */
export interface PlantedPenalties {
  readonly features: readonly string[];
  readonly truth: PlantedTruth;
  readonly reps: number;
  readonly seed: number;
  readonly penalties: readonly ConcaveSummary[];
}

/** Plant the truth on (x, y), then `reps` (20) repetitions of every method on new outcomes around it. */
export function comparePenaltiesOnData(
  x: ModelMatrix, y: ArrayLike<number>, options: PlantOptions & { readonly methods?: readonly ConcaveMethod[] } = {},
  onProgress?: (done: number, total: number) => void,
): PlantedPenalties {
  const reps = options.reps ?? 20, nfolds = options.nfolds ?? 10, seed = checkSeed(options.seed ?? 1);
  if (!Number.isInteger(reps) || reps < 1) throw new OptionError(`reps must be a positive integer, got ${reps}`, "reps");
  if (!Number.isInteger(nfolds) || nfolds < 3) throw new OptionError(`nfolds must be an integer ≥ 3, got ${nfolds}`, "nfolds");
  const methods = checkMethods(options.methods);
  const { methods: _m, ...plant } = options;
  const truth = plantTruth(x, y, { ...plant, reps, seed, nfolds });
  const fit = { ...(options.fit ?? {}), relax: false };
  const scores = streamStates(seed, reps).map((state, r) => {
    const rng = rngFromState(state);
    const yr = drawOutcome(x, truth, rng);
    const foldid = randomFolds(rng, x.n, nfolds);
    const s = scoreMethods(x, yr, { fit, foldid, truth: truth.beta, methods });
    onProgress?.(r + 1, reps);
    return s;
  });
  return { features: [...x.names], truth, reps, seed, penalties: averageScores(methods, scores) };
}
