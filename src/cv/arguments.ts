/**
 * The schemas of the cross-validation entries' options that are not cvPath's own (issue 21): the
 * multi-response cross-validation's. cvPath's schema sits beside it in cv.ts.
 */
import { choiceRule, fieldsRule, numberRule, numbersRule, numericArrayRule, stringsRule, type Rule, type Schema } from "../data/arguments.js";
import { MULTI_FIT_OPTIONS_SCHEMA } from "../solve/arguments.js";
import type { MultiFitOptions } from "../solve/multi/types.js";
import type { MultiMeasure } from "../model/multi-family.js";

/** cvMultiPath's options (MultiCvOptions), each with its rule. */
export const MULTI_CV_OPTIONS_SCHEMA: Schema<MultiFitOptions & {
  nfolds?: number; foldid?: ArrayLike<number>; seed?: number; measure?: MultiMeasure; responses?: readonly string[]; foldLambda?: "full" | "own"; gamma?: readonly number[];
}> = {
  ...MULTI_FIT_OPTIONS_SCHEMA,
  nfolds: numberRule({ integer: true, min: 3 }),
  foldid: numericArrayRule,
  seed: numberRule({ integer: true }),
  measure: choiceRule(() => ["deviance", "mse", "mae", "class"]),
  responses: stringsRule,
  foldLambda: choiceRule(() => ["full", "own"]),
  gamma: numbersRule({ min: 0, max: 1 }, true),
};

/** A multi-response outcome: { family: "multinomial", labels } or { family: "mgaussian", y }. */
export const multiOutcomeRule: Rule = fieldsRule("{ family: \"multinomial\", labels } or { family: \"mgaussian\", y }", {
  family: choiceRule(() => ["multinomial", "mgaussian"]),
});
