/**
 * Known-truth simulations, browser-safe (worker threads are in parallel.node.ts):
 * seeded randomness (re-exported from src/random), designs, the irrepresentable condition,
 * scenarios and experiments.
 */
export { createRng, rngFromState, streamStates, checkSeed, permutation, randomFolds, log as fdlibmLog, type Rng } from "../random/rng.js";
export {
  makeDesign,
  sampleData,
  populationCovariance,
  signalVariance,
  type Correlation,
  type Design as SimulationDesign,
  type DesignSpec,
  type ResolvedCorrelation,
  type SimulatedData,
  type SimulationFamily,
} from "./design.js";
export { irrepresentableCondition, type IrrepresentableCondition } from "./irrepresentable.js";
export { SCENARIOS, scenario, type Scenario } from "./scenarios.js";
export { relaxedRefits, leastSquaresRefit, logisticRefit, crossProducts, type Refit, type CrossProducts } from "./relaxed.js";
export {
  METHODS,
  METHOD_ALPHA,
  runExperiment,
  runRepetition,
  summarizeExperiment,
  resolveExperimentOptions,
  repetitionStates,
  lambdaFractions,
  crossValidate,
  chooseLambdaFromFolds,
  describeCorrelation,
  type Method,
  type ExperimentOptions,
  type ResolvedExperimentOptions,
  type Recovery,
  type Chosen,
  type MethodRepetition,
  type RepetitionResult,
  type ChosenSummary,
  type MethodSummary,
  type SimulationSummary,
  type CvChoice,
} from "./experiment.js";
export {
  stability, resolveStabilityOptions, pairStates, halves, runPair, summarizeStability, SWAP_CORRELATION,
  type StabilityData, type StabilityOptions, type ResolvedStabilityOptions, type PairSelection, type PairSwap, type StabilityResult,
} from "./stability.js";
export {
  plantTruth, drawOutcome, runPlantedRep, summarizePlanted, simulateOnData, correlationMatrix,
  type PlantOptions, type PlantedTruth, type PlantedRecovery, type PlantedRepetition, type PlantedChoice, type PlantedSummary,
} from "./planted.js";
