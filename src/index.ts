// The public API of Shrinkage. Everything here runs unchanged in Node and in browsers.
export * from "./errors.js";
export * from "./data/matrix.js";
export type { Family } from "./model/family.js";
export type * from "./solve/types.js";
export { fitPath } from "./solve/path.js";
export { coef, predict, coefficientsAt, lambdaInterpolation, type PredictType } from "./solve/predict.js";
export { softThreshold, elasticNetPenalty } from "./model/penalty.js";
