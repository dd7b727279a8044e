/**
 * The rules the simulations' public functions check their arguments with (issue 21), by the shape of
 * what each takes: a design, resolved options, the data of a stability run, a planted truth.
 * The generic rules are in data/arguments.ts.
 */
import {
  arrayOfRule, countRule, fieldsRule, finiteNumber, functionRule, numberRule, numericArrayRule, objectRule, optional, stringValue, type Rule,
} from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";

/** A design (Design), from makeDesign(spec). */
export const designRule: Rule = fieldsRule("a design, from makeDesign(spec)", {
  n: countRule, p: countRule, beta: numericArrayRule, covariance: numericArrayRule,
});

/** Options after their defaults (ResolvedExperimentOptions), from resolveExperimentOptions. */
export const resolvedExperimentRule: Rule = fieldsRule("resolved options, from resolveExperimentOptions(design, options)", {
  methods: arrayOfRule(stringValue, "the methods"), reps: numberRule({ integer: true, min: 1 }), seed: numberRule({ integer: true }),
});

/** Options after their defaults (ResolvedStabilityOptions), from resolveStabilityOptions. */
export const resolvedStabilityRule: Rule = fieldsRule("resolved options, from resolveStabilityOptions(data, options)", {
  fit: objectRule("fit options"), lambda: numericArrayRule, pairs: numberRule({ integer: true, min: 1 }), seed: numberRule({ integer: true }),
});

/** The data of a stability run or a planted simulation: { x, y, weights?, offset? }. */
export const stabilityDataRule: Rule = fieldsRule("the data { x, y }", {
  x: matrixRule, y: numericArrayRule, weights: optional(numericArrayRule), offset: optional(numericArrayRule),
});

/** A planted truth (PlantedTruth), from plantTruth. */
export const truthRule: Rule = fieldsRule("a planted truth, from plantTruth(x, y, options)", {
  beta: numericArrayRule, intercept: finiteNumber, sigma: finiteNumber,
});

/** Cross-products of the columns (CrossProducts), from crossProducts. */
export const crossProductsRule: Rule = fieldsRule("cross-products, from crossProducts(x, y, columns)", {
  position: numericArrayRule, xtx: numericArrayRule, xty: numericArrayRule,
});

/** A seeded generator (Rng), from createRng(seed). */
export const rngRule: Rule = fieldsRule("a random number generator, from createRng(seed)", {
  uniform: functionRule,
});
