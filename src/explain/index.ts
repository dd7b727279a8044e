/**
 * The explanation layer: per-coefficient KKT evidence at any λ, entry history on the path, ridge's
 * spectrum and closed form, and the words. Browser-safe. (The two-coefficient geometry and the optimizer
 * race, also in this folder, have their own modules.)
 */
export {
  explain,
  resolveLambda,
  stepOf,
  refitOptions,
  correlationsWith,
  competingPairs,
  entryOf,
  pathCoefficientsAt,
  COMPETING_CORRELATION,
  type Entry,
  type EntryContext,
  type LambdaChoice,
  type ExplainData,
  type ExplainOptions,
  type EvidenceStatus,
  type CoefficientEvidence,
  type CompetingPair,
  type Explanation,
} from "./explain.js";
export { entryHistories, type EntryHistory, type PathEvent, type PathEventKind } from "./history.js";
export {
  pulls,
  pullsFromResidual,
  prices,
  ridgeParts,
  penaltyWeights,
  normalizedWeights,
  columnScaling,
  linearPredictor,
  meanResponse,
  outcomeScale,
  weightedResidual,
  boundSide,
  kktGap,
  type DatafitSettings,
  type ColumnScaling,
  type BoundSide,
} from "./kkt.js";
export {
  ridgeDecomposition,
  ridgeSolution,
  ridgePath,
  ridgeSpectrum,
  spectrumAt,
  ridgeLambdaPrime,
  shrinkageFactors,
  effectiveDf,
  numericalRank,
  type SpectrumSettings,
  type RidgeDecomposition,
  type RidgeSpectrum,
  type SpectrumDirection,
} from "./spectrum.js";
export { describe, describeFit, describeCoefficient, dropPhrase, forcePhrase } from "./words.js";
export {
  squaredError, squaredErrorGradient, penaltyValue, errorContour, penaltyBall, ridgeShrink, elasticNetOneVariable,
  penalizedSolution, constrainedSolution, cornerFraction, type Vec2, type TwoPredictorProblem, type Solution2,
} from "./geometry.js";
export {
  quadraticOfTwoPredictors, raceCost, lipschitzBound, subgradientDescent, proximalGradient, coordinateDescent, race, landing,
  type Quadratic, type RaceSolver, type RaceStep, type RaceTrace, type RaceOptions, type Landing,
} from "./race.js";
export { dropCosts, type DropCost, type DropCosts, type DropCostOptions } from "./drop.js";
export { dfEstimate, type DfEstimate, type DfEstimateOptions } from "./df.js";
export { costLine, type CostLine, type CostLineOptions } from "./cost-line.js";
export { compareStandardization, type StandardizeComparison, type StandardizeSide } from "./standardize-compare.js";
export { twoVariablesProblem, type TwoVariables } from "./geometry-data.js";
