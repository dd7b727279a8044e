/**
 * The rules the charts check their arguments with (issue 21): the input each chart draws, and the
 * options every chart takes. The generic rules are in data/arguments.ts.
 */
import {
  arrayOfRule, fieldsRule, finiteNumber, numberRule, numericArrayRule, objectRule, stringRule, stringValue, type Rule, type Schema,
} from "../data/arguments.js";
import type { ChartOptions } from "./common.js";

/** The options every chart takes (ChartOptions), each with its rule. */
export const CHART_OPTIONS: Schema<ChartOptions> = {
  document: objectRule("a DOM Document"),
  width: numberRule({ above: 0 }),
  height: numberRule({ above: 0 }),
  title: stringRule(true),
  subtitle: stringRule(true),
  model: objectRule("a model description { family, target?, … }"),
};

const FEATURES = arrayOfRule(stringValue, "the feature names");

/** A path to draw (PathInput): its λs, features and coefficients at each λ. */
export const pathInputRule: Rule = fieldsRule("a path { lambda, beta, features, df, devRatio }, from fitPath", {
  lambda: numericArrayRule, beta: arrayOfRule(objectRule("the coefficients at one λ"), "the coefficients at each λ"), features: FEATURES,
});

/** A cross-validation curve to draw (CvCurveInput), from cvPath. */
export const cvInputRule: Rule = fieldsRule("a cross-validation result { lambda, cvm, cvsd, … }, from cvPath", {
  lambda: numericArrayRule, cvm: numericArrayRule, cvsd: numericArrayRule, lambdaMin: finiteNumber,
});

/** Drop costs to draw (DropCostInput). */
export const dropInputRule: Rule = fieldsRule("drop costs { features, kind, devianceShare, pullRatio }", {
  features: FEATURES, devianceShare: numericArrayRule,
});

/** A price curve to draw (PriceCurveInput), from the MCP/SCAD price reading. */
export const priceInputRule: Rule = fieldsRule("a price curve { penalty, gamma, lambda, alpha, curve, points }", {
  gamma: finiteNumber, lambda: finiteNumber, curve: objectRule("the curve { size, price }"), points: arrayOfRule(objectRule("a point")),
});

/** Pulls and prices to draw (PullPriceInput), from explain. */
export const pullInputRule: Rule = fieldsRule("pulls and prices { features, pull, price, … }, from explain", {
  features: FEATURES, pull: numericArrayRule, price: numericArrayRule,
});

/** A recovery summary to draw (RecoveryInput), from runExperiment. */
export const recoveryInputRule: Rule = fieldsRule("a simulation summary { fractions, methods }, from runExperiment", {
  fractions: numericArrayRule, methods: arrayOfRule(objectRule("a method's summary")),
});

/** A ridge spectrum to draw (RidgeSpectrumInput), from ridgeSpectrum. */
export const spectrumInputRule: Rule = fieldsRule("a ridge spectrum { d2, factor, df }, from ridgeSpectrum", {
  d2: numericArrayRule, factor: numericArrayRule, df: finiteNumber,
});

/** Survival data and a risk score to draw (SurvivalInput). */
export const survivalInputRule: Rule = fieldsRule("survival data { time, status, eta, lambda }", {
  time: numericArrayRule, status: numericArrayRule, eta: numericArrayRule, lambda: finiteNumber,
});
