import type { ModelMatrix } from "../../data/matrix.js";
import { DataError, OptionError } from "../../errors.js";
import { fitMultiPathOf, type MultiResponse } from "./path.js";
import { relaxMultiPath } from "./relax.js";
import type { MultiFitOptions, MultiPath } from "./types.js";
import { checkArguments, arrayOfRule, numericArrayRule, optionsRule, isArrayLike, shown, type Rule } from "../../data/arguments.js";
import type { MultiFamilyName } from "../../model/multi-family.js";
import { matrixRule } from "../../data/matrix-rule.js";
import { MGAUSSIAN_OPTIONS_SCHEMA, MULTINOMIAL_OPTIONS_SCHEMA } from "../arguments.js";

/** A class label: text, or a number (sorted by value). */
export type ClassLabel = string | number;

/** fitMultinomialPath's options: the multi-response ones, and the classes in order (R's sorted factor levels by default). */
export type MultinomialFitOptions = MultiFitOptions & { classes?: readonly ClassLabel[] };

/** fitMgaussianPath's options: the multi-response ones, and the responses' names (y1, y2, … by default). */
export type MgaussianFitOptions = MultiFitOptions & { responses?: readonly string[] };

/** fitPath's options for a multi-response family: that family's own, and its name. */
export type MultiFamilyFitOptions = (MultinomialFitOptions & { readonly family: "multinomial" }) | (MgaussianFitOptions & { readonly family: "mgaussian" });

/** Classes in R's factor order: numbers by value, text in code-unit order (as the binomial target's). */
export function sortedClasses(labels: ArrayLike<ClassLabel>): ClassLabel[] {
  checkArguments("sortedClasses", { labels }, { labels: MULTI_OUTCOME_RULES.multinomial });
  const seen = new Set<ClassLabel>();
  for (let i = 0; i < labels.length; i++) seen.add(labels[i]);
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What a person should know about the classes before a fit (glmnet: a class with fewer than 8 rows). */
export function classWarnings(labels: ArrayLike<ClassLabel>, classes: readonly ClassLabel[]): string[] {
  const counts = classCounts(labels, classes);
  const small = classes.filter((_, k) => counts[k] < 8);
  if (small.length === 0) return [];
  return [`class ${small.map((c, k) => `"${String(c)}" (${counts[classes.indexOf(c)]} rows)`).join(", ")} has fewer than 8 rows: its coefficients rest on little data (glmnet: "dangerous ground")`];
}

function classCounts(labels: ArrayLike<ClassLabel>, classes: readonly ClassLabel[]): Int32Array {
  const counts = new Int32Array(classes.length);
  const index = new Map(classes.map((c, k) => [c, k]));
  for (let i = 0; i < labels.length; i++) counts[index.get(labels[i]) as number]++;
  return counts;
}

/**
 * glmnet's multinomial path (family = "multinomial"; `grouped` is type.multinomial = "grouped"): the
 * classes of `labels` sorted as R sorts a factor's levels, each modelled with its own intercept and
 * coefficients, Pr(k | x) = exp(η_k)/Σ_l exp(η_l). `classes` fixes the classes and their order (a
 * cross-validation fold's fit keeps the full data's, even when one is absent from its rows).
 */
export function fitMultinomialPath(x: ModelMatrix, labels: ArrayLike<ClassLabel>, options: MultinomialFitOptions = {}): MultiPath {
  return fitMultinomial("fitMultinomialPath", x, labels, options);
}

/** fitMultinomialPath, its argument errors naming `what` (the function the person called). */
function fitMultinomial(what: string, x: ModelMatrix, labels: ArrayLike<ClassLabel>, options: MultinomialFitOptions): MultiPath {
  checkArguments(what, { x, labels, options }, { x: matrixRule, labels: MULTI_OUTCOME_RULES.multinomial, options: optionsRule(MULTINOMIAL_OPTIONS_SCHEMA) });
  const { classes, ...rest } = options;
  const { response, warnings } = multinomialResponse(x.n, labels, classes, rest.weights);
  if (rest.grouped !== undefined && typeof rest.grouped !== "boolean") throw new OptionError(`grouped must be true or false, got ${String(rest.grouped)}`, "grouped");
  const path = withRelaxed(x, response, rest);
  return { ...path, warnings: [...warnings, ...path.warnings] };
}

/**
 * The indicators of the classes (class-major, classes in R's factor order unless `given`), checked: no
 * missing class, at least two rows (with weight) of every class; and what a person should know of them.
 */
export function multinomialResponse(
  n: number, labels: ArrayLike<ClassLabel>, given: readonly ClassLabel[] | undefined, w: ArrayLike<number> | undefined,
): { response: MultiResponse; warnings: string[] } {
  if (labels.length !== n) throw new DataError(`the outcome has ${labels.length} values but the design has ${n} rows`);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if ((typeof v !== "string" && typeof v !== "number") || v === "" || (typeof v === "number" && !Number.isFinite(v))) {
      throw new DataError(`the class in row ${i + 1} is missing (${JSON.stringify(v)})`, undefined, i + 1);
    }
  }
  const classes = given ?? sortedClasses(labels);
  if (classes.length < 2) throw new DataError(`the outcome has one class only ("${String(classes[0])}"): a multinomial fit needs at least two`);
  const counts = classCounts(labels, classes);
  const K = classes.length;
  const y = new Float64Array(n * K);
  const index = new Map(classes.map((c, k) => [c, k]));
  for (let i = 0; i < n; i++) {
    const k = index.get(labels[i]);
    if (k === undefined) throw new DataError(`row ${i + 1} holds class "${String(labels[i])}", which is not among the classes given`, undefined, i + 1);
    y[k * n + i] = 1;
  }
  const weightOf = (k: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i] : 1) * y[k * n + i];
    return s;
  };
  const rare = classes.findIndex((_, k) => counts[k] <= 1 || !(weightOf(k) > 0));
  if (rare >= 0) {
    throw new DataError(`class "${String(classes[rare])}" has ${counts[rare]} row${counts[rare] === 1 ? "" : "s"}${counts[rare] > 1 ? " with weight" : ""}: a multinomial fit needs at least two rows of every class (glmnet refuses too)`);
  }
  return { response: { family: "multinomial", y, classes: classes.map(String) }, warnings: classWarnings(labels, classes) };
}

/**
 * glmnet's mgaussian path: K numeric responses (one array of n per response, named by `responses`,
 * y1, y2, … by default) fitted together, one group penalty per variable over its K coefficients.
 */
export function fitMgaussianPath(x: ModelMatrix, y: readonly ArrayLike<number>[], options: MgaussianFitOptions = {}): MultiPath {
  return fitMgaussian("fitMgaussianPath", x, y, options);
}

/** fitMgaussianPath, its argument errors naming `what` (the function the person called). */
function fitMgaussian(what: string, x: ModelMatrix, y: readonly ArrayLike<number>[], options: MgaussianFitOptions): MultiPath {
  checkArguments(what, { x, y, options }, { x: matrixRule, y: MULTI_OUTCOME_RULES.mgaussian, options: optionsRule(MGAUSSIAN_OPTIONS_SCHEMA) });
  // mgaussian is always grouped: one penalty per variable over its responses (`grouped` is not read).
  const { responses, grouped: _grouped, ...rest } = options;
  return withRelaxed(x, mgaussianResponse(x.n, y, responses), rest);
}

/** The path, and with relax its relaxed fit (relaxMultiPath) and that fit's warnings. */
function withRelaxed(x: ModelMatrix, response: MultiResponse, options: MultiFitOptions): MultiPath {
  const { relax, ...rest } = options;
  const path = fitMultiPathOf(x, response, rest);
  if (relax !== true) return path;
  const relaxed = relaxMultiPath(x, response, path, rest);
  return { ...path, relaxed, warnings: [...path.warnings, ...relaxed.warnings] };
}

/** The K responses, class-major, checked: as many values as rows, every one a finite number. */
export function mgaussianResponse(n: number, y: readonly ArrayLike<number>[], responses: readonly string[] | undefined): MultiResponse {
  const K = y.length;
  if (K < 1) throw new OptionError("mgaussian needs at least one response", "target");
  const names = responses ?? y.map((_, k) => `y${k + 1}`);
  if (names.length !== K) throw new OptionError(`responses names ${names.length} responses but y has ${K}`, "responses");
  const yy = new Float64Array(n * K);
  for (let k = 0; k < K; k++) {
    if (y[k].length !== n) throw new DataError(`response "${names[k]}" has ${y[k].length} values but the design has ${n} rows`, names[k]);
    for (let i = 0; i < n; i++) {
      const v = y[k][i];
      if (!Number.isFinite(v)) throw new DataError(`response "${names[k]}" is not a finite number in row ${i + 1} (${v})`, names[k], i + 1);
      yy[k * n + i] = v;
    }
  }
  return { family: "mgaussian", y: yy, classes: names };
}

/**
 * fitPath's multi-response families: fitMultinomialPath of the class labels or fitMgaussianPath of the
 * responses, the options (less `family`) checked by that family's schema, errors naming `what`.
 */
export function fitMultiFamilyPath(what: string, x: ModelMatrix, y: unknown, options: MultiFamilyFitOptions): MultiPath {
  const { family, ...rest } = options;
  if (family === "multinomial") return fitMultinomial(what, x, y as ArrayLike<ClassLabel>, rest);
  return fitMgaussian(what, x, y as readonly ArrayLike<number>[], rest);
}

/** The outcome of each multi-response family, as a rule: class labels, or the responses (their values are checked by the fit, naming the row). */
export const MULTI_OUTCOME_RULES: Readonly<Record<MultiFamilyName, Rule>> = {
  multinomial: (v, name) => {
    if (!isArrayLike(v)) throw new OptionError(`${name} must be an array of class labels, one per row, got ${shown(v)}`, name);
    if (v.length > 0 && isArrayLike(v[0])) throw new OptionError(`${name} must be an array of class labels, one per row, got an array of arrays (several numeric responses are family "mgaussian")`, name);
  },
  mgaussian: arrayOfRule(numericArrayRule, "an array of responses, each an array of numbers, one per row"),
};
