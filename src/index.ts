// The public API of Shrinkage. Everything here runs unchanged in Node and in browsers
// (the Node-only parallel runners live in *.node.ts files, imported by the CLI).
export * from "./errors.js";
export * from "./data/matrix.js";
export type { Family, FamilyName, Measure, NoiseKind, OutcomeDraw, OutcomeKind, SolverKind } from "./model/family.js";
export { FAMILIES, familyOf, isFamilyName, familiesWhere, gaussian, binomial, poisson } from "./model/families/index.js";
export type { Penalty, BlockPenalty, PenaltyName, PenaltySettings } from "./model/penalty.js";
export type * from "./solve/types.js";
export { fitPath } from "./solve/path.js";
// Sparse X (compressed columns, never densified) and the duality gap every elastic-net path reports.
export { sparseMatrix, sparseFromDense, isSparse, type SparseMatrix } from "./data/sparse.js";
export { fitSparsePath } from "./solve/sparse-fit.js";
export { cvSparsePath } from "./cv/sparse-cv.js";
export { fitSparseMultinomialPath, fitSparseMgaussianPath } from "./solve/sparse-multi.js";
export { cvSparseMultiPath } from "./cv/sparse-multi-cv.js";
export { fitPathFromMoments, momentsOf, type Moments } from "./solve/moments.js";
export { relaxPath } from "./solve/relax.js";
export { coef, predict, coefficientsAt, type MultiPredictOptions } from "./solve/predict.js";
export { lambdaInterpolation } from "./solve/lambda-interpolation.js";
export { ElasticNet, softThreshold, elasticNetPenalty, penaltyOf } from "./model/penalties/index.js";
export { fitAdaptive } from "./cv/cv.js";
export { cvPath, type CvOptions, type CvResult, type CvRelaxed } from "./cv/cv.js";
export type { CvCurve } from "./cv/curve.js";
export { MEASURES, defaultMeasure } from "./cv/measures.js";
export * from "./plot/index.js";
export * from "./simulate/index.js";
export { parseCsv, detectDelimiter, DELIMITERS, type Table, type CsvOptions } from "./data/csv.js";
export { buildDesign, MANY_LEVELS, type Design, type DesignOptions } from "./data/design.js";
export { cellReader, MISSING_TOKENS, type NumberFormat, type CellProblem, type CellReader } from "./data/cells.js";
export { decodeText } from "./data/text.js";
export { nearestName, editDistance } from "./data/nearest.js";
export * from "./explain/index.js";
export { setKernels, kernelChoice, wasmKernelsAvailable, type KernelChoice } from "./linalg/workspace.js";
// Multi-response families (glmnet's multinomial, grouped or not, and mgaussian).
export type { MultiFamily, MultiFamilyName, MultiMeasure } from "./model/multi-family.js";
export { MULTI_FAMILIES, multiFamilyOf, isMultiFamilyName, multinomial, mgaussian } from "./model/families/multi.js";
export type { MultiFitOptions, MultiPath, MultiSettings } from "./solve/multi/types.js";
export { classCoefficients } from "./solve/multi/types.js";
export { fitMultinomialPath, fitMgaussianPath, sortedClasses, type ClassLabel, type MultinomialFitOptions, type MgaussianFitOptions, type MultiFamilyFitOptions } from "./solve/multi/fit.js";
export { coefMulti, predictMulti } from "./solve/multi/predict.js";
export { cvMultiPath, type MultiCvOptions, type MultiCvResult, type MultiOutcome, type MultiFamilyCvOptions } from "./cv/multi-cv.js";
// Survival: the Cox family, its partial likelihood, survival curves and Kaplan–Meier.
export { cox, checkSurvival } from "./model/families/cox.js";
export { riskSets, logPartialLikelihood, coxDeviance, breslowCumulativeHazard, type RiskSets } from "./model/partial-likelihood.js";
export { kaplanMeier, numberAtRisk, type KaplanMeier } from "./model/kaplan-meier.js";
export { baselineHazard, survivalCurve, type BaselineHazard, type CoxFitData } from "./solve/survival.js";
export { concordance } from "./cv/cox.js";
