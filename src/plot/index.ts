/**
 * The charts shared by the browser lab and the CLI. Browser-safe; for SVG markup in Node use
 * renderSvg from ./render.node.ts.
 */
export {
  drawChart,
  modelLine,
  normalizePlotIds,
  MIN_PLOT_HEIGHT,
  ROW_HEIGHT,
  type ChartOptions,
  type HeightRaised,
  type ChartSpec,
  type ChartHeader,
  type LegendItem,
  type ModelDescription,
} from "./common.js";
export {
  coefficientPathChart,
  coefficientPathSpec,
  coefficientsAtLambda,
  lambdaAtPathX,
  pathXAtLambda,
  pathPoints,
  everNonzero,
  type PathInput,
  type PathXvar,
  type PathPoint,
  type CoefficientPathOptions,
} from "./path.js";
export { cvCurveChart, cvCurveSpec, measureName, type CvCurveInput, type CvCurveOptions } from "./cv.js";
export {
  pullPriceChart,
  pullPriceSpec,
  commonPrice,
  hasRidgePart,
  STATUS_COLORS,
  PRICE_PART_COLORS,
  type PullPriceInput,
  type PullPriceOptions,
  type CoefficientStatus,
} from "./pull.js";
export {
  ridgeSpectrumChart,
  ridgeSpectrumSpec,
  spectrumRows,
  type RidgeSpectrumInput,
  type RidgeSpectrumOptions,
  type SpectrumRow,
} from "./spectrum.js";
export { recoveryChart, recoverySpec, recoveryPoints, METHOD_COLORS, type RecoveryInput, type RecoveryOptions, type RecoveryPoint } from "./recovery.js";
export { featureScales, standardizedPath } from "./standardized.js";
export { dropCostChart, dropCostSpec, DROP_COLORS, type DropCostInput, type DropCostChartOptions } from "./drop.js";
export { priceCurveChart, priceCurveSpec, PRICE_COLORS, type PriceCurveInput } from "./price.js";
export { survivalChart, survivalSpec, riskGroups, type SurvivalInput, type RiskGroup } from "./survival.js";
