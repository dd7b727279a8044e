/**
 * The rules the explanation layer's public functions check their arguments with (issue 21), by the shape
 * of what each takes: the data a path was fitted to, an explanation, a two-predictor problem, a
 * quadratic, a trace. The generic rules are in data/arguments.ts; the options schemas sit beside the
 * options' types, in the module of the function that takes them.
 */
import {
  arrayOfRule, booleanRule, choiceRule, countRule, fieldsRule, finiteNumber, numericArrayRule, numbersRule, objectRule,
  optional, type Rule,
} from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";

/** The data { x, y, weights?, offset?, survival? } a path was fitted to (ExplainData). */
export const explainDataRule: Rule = fieldsRule("the data { x, y } the path was fitted to", {
  x: matrixRule, y: numericArrayRule, weights: optional(numericArrayRule), offset: optional(numericArrayRule),
  elsewhere: optional(objectRule("the rows' pulls and refits from an engine (RowsElsewhere)")),
});

/** Settings of a data fit (DatafitSettings): family, standardize, intercept. */
export const datafitSettingsRule: Rule = fieldsRule("the fit's settings { family, standardize, intercept } (path.settings)", {
  family: choiceRule(() => ["gaussian", "binomial", "poisson", "cox"]), standardize: booleanRule, intercept: booleanRule,
});

/** A column scaling (ColumnScaling), from columnScaling. */
export const scalingRule: Rule = fieldsRule("a column scaling, from columnScaling(x, w, settings)", {
  center: numericArrayRule, scale: numericArrayRule,
});

/** Two numbers [β₁, β₂]. */
export const vec2Rule: Rule = numbersRule();

/** A two-predictor problem { rho, betaHat } (TwoPredictorProblem). */
export const problemRule: Rule = fieldsRule("a two-predictor problem { rho, betaHat: [b1, b2] }", {
  rho: finiteNumber, betaHat: vec2Rule,
});

/** A quadratic ½βᵀAβ − bᵀβ (Quadratic), from quadraticOfTwoPredictors. */
export const quadraticRule: Rule = fieldsRule("a quadratic { a, b }, from quadraticOfTwoPredictors(problem)", {
  a: arrayOfRule(numbersRule(), "a square array of rows of numbers"), b: numbersRule(),
});

/** An optimizer's trace (RaceTrace), from race or one of its solvers. */
export const traceRule: Rule = fieldsRule("a trace, from race(q, lambda) or one of its solvers", { steps: arrayOfRule(objectRule("a step")) });

/** Results handed back to the words and phrases: checked as objects (their fields are ours). */
export const explanationRule: Rule = objectRule("an explanation, from explain(path, data, options)");
export const evidenceRule: Rule = objectRule("one coefficient's evidence, from explain(…).coefficients");
export const dropCostsRule: Rule = objectRule("drop costs, from dropCosts(path, data, options)");
export const dropCostRule: Rule = objectRule("one drop cost, from dropCosts(…).costs");
export const spectrumRule: Rule = objectRule("a ridge spectrum, from ridgeSpectrum(path, data, options)");
export const decompositionRule: Rule = fieldsRule("a ridge decomposition, from ridgeDecomposition(x, y, settings)", { d2: numericArrayRule });
export const historyRule: Rule = fieldsRule("an entry history, from entryHistories(path)", { events: arrayOfRule(objectRule("an event")) });
export const contextRule: Rule = fieldsRule("an entry context { lambda, nonzero, onPath, lastLambda, meetsPriceAt, free }", {
  lambda: finiteNumber, nonzero: booleanRule, onPath: booleanRule,
});

/** Feature positions (0-based) or the count of rows, columns and so on. */
export const indexRule: Rule = countRule;
