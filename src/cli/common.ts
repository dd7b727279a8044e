/**
 * What the commands that fit a model share: the data and fit options, reading a file into a design,
 * turning options into FitOptions, and printing a path (table or the JSON contract of DESIGN.md).
 * Other commands (explain, plot, …) reuse these so every command reads data the same way.
 */
import { OptionError } from "../errors.js";
import { parseCsv, type Table } from "../data/csv.js";
import { buildDesign, type Design, type DesignOptions } from "../data/design.js";
import { quote, suggestion } from "../data/nearest.js";
import type { FamilyName } from "../model/family.js";
import { FAMILIES, familyOf } from "../model/families/index.js";
import { MULTI_FAMILIES } from "../model/families/multi.js";
import type { FitOptions, Path, PenaltyChoice, RelaxedFit, SolverChoice } from "../solve/types.js";
import { checkGamma } from "../model/penalties/index.js";
import type { CvOptions } from "../cv/cv.js";
import type { Measure } from "../cv/measures.js";
import { coef, coefficientsAt } from "../solve/predict.js";
import {
  flag,
  listOption,
  mapOption,
  numberOption,
  numbersOption,
  settingLibraryOptions,
  stringOption,
  type OptionSpec,
  type ParsedArgs,
} from "./args.js";
import type { CommandIO } from "./command.js";
import { fixed, formatCoefficients, formatTable, signif, spacedIndices } from "./format.js";
import { readTextFile, writeTextFile } from "./io.js";

const inUnitInterval = (v: number) => (v >= 0 && v <= 1 ? null : "must be between 0 and 1");
const positive = (v: number) => (v > 0 ? null : "must be positive");
const atLeastOne = (v: number) => (v >= 1 ? null : "must be at least 1");
const notNegative = (v: number) => (v >= 0 ? null : "must be ≥ 0");

/** Reading the data: which file columns play which part. */
export const DATA_OPTIONS: readonly OptionSpec[] = [
  { name: "target", api: "target", kind: "string", value: "COL", help: "the column to predict (required; for cox, the times)" },
  { name: "family", api: "family", kind: "choice", choices: [...FAMILIES, ...MULTI_FAMILIES], help: "gaussian (numbers), binomial (0/1 or two classes), poisson (counts), cox (survival times, with --status), multinomial (K classes), mgaussian (several numeric targets: --target y1,y2,…)", default: "gaussian" },
  { name: "grouped", kind: "flag", help: "multinomial: a variable enters or leaves for every class at once (glmnet's type.multinomial = \"grouped\")", default: "one penalty per coefficient" },
  { name: "positive-class", api: "positiveClass", kind: "string", value: "LABEL", help: "binomial: the class modelled as 1, a text level or a number", default: "the second of the two sorted, the larger number" },
  { name: "ignore", api: "ignore", kind: "list", value: "A,B", help: "columns not used at all", default: "none" },
  { name: "weights", api: "weights", kind: "string", value: "COL", help: "a column of observation weights ≥ 0 (not a feature)", default: "every row weighs 1" },
  { name: "offset", api: "offset", kind: "string", value: "COL", help: "a column added to the linear predictor, e.g. log(exposure) for poisson (not a feature; give it already logged)", default: "none" },
  { name: "status", api: "status", kind: "string", value: "COL", help: "cox: the event indicator, 1 = event, 0 = censored (or two values: the second, sorted, is the event); the target holds the times", default: "none" },
  { name: "start", api: "start", kind: "string", value: "COL", help: "cox: start times of (start, stop] rows; the target holds the stop times", default: "none" },
  { name: "strata", api: "strata", kind: "string", value: "COL", help: "cox: strata, each with a baseline hazard of its own", default: "none" },
  { name: "na", api: "na", kind: "choice", choices: ["error", "drop"], help: "a missing or non-numeric cell in a used column: stop with an error, or drop its row", default: "error" },
  { name: "delimiter", kind: "string", value: "C", help: "field delimiter: , ; tab or any one character", default: "detected among , ; tab" },
  { name: "decimal", kind: "choice", choices: [".", ","], value: ".|,", help: "decimal mark of the numbers in the file", default: "." },
  { name: "thousands", kind: "choice", choices: [",", ".", " ", "'", "space"], value: "C", help: "thousands separator to strip from numbers (, . ' or space)", default: "none" },
];

/** The fit itself, each with glmnet's meaning. */
export const FIT_OPTIONS: readonly OptionSpec[] = settingLibraryOptions([
  { name: "alpha", kind: "number", value: "A", help: "elastic-net mixing: 1 lasso, 0 ridge", default: "1", check: inUnitInterval },
  { name: "lambda", kind: "numbers", value: "L1,L2,…", help: "fit exactly these λs (sorted decreasing) instead of the default path", default: "a path from λ_max down", check: notNegative },
  { name: "nlambda", kind: "integer", value: "N", help: "number of λs on the default path", default: "100", check: atLeastOne },
  { name: "lambda-min-ratio", kind: "number", value: "R", help: "smallest λ as a fraction of λ_max", default: "0.01 if rows < features, else 1e-4", check: (v) => (v > 0 && v < 1 ? null : "must be between 0 and 1 (exclusive)") },
  { name: "no-standardize", kind: "flag", help: "do not standardize the features (coefficients are always reported on the data's scale)", default: "standardize" },
  { name: "no-intercept", kind: "flag", help: "fit without an intercept", default: "fit one" },
  { name: "penalty-factor", kind: "map", value: "F=V,…", help: "penalty factor per feature (0 = never penalized); a text column's name sets all its indicators", default: "1 each", check: notNegative },
  { name: "exclude", kind: "list", value: "F,…", help: "features kept out of the fit (coefficient 0)", default: "none" },
  { name: "lower-limits", kind: "map", value: "F=V,…", help: "lower bound per feature, each ≤ 0", default: "-Inf", check: (v) => (v <= 0 ? null : "must be ≤ 0 (glmnet requires lower limits ≤ 0)") },
  { name: "upper-limits", kind: "map", value: "F=V,…", help: "upper bound per feature, each ≥ 0", default: "Inf", check: (v) => (v >= 0 ? null : "must be ≥ 0 (glmnet requires upper limits ≥ 0)") },
  { name: "thresh", kind: "number", value: "T", help: "convergence threshold of coordinate descent", default: "1e-7", check: positive },
  { name: "maxit", kind: "integer", value: "N", help: "maximum passes over the data for the whole path", default: "100000", check: atLeastOne },
  { name: "gap-tol", kind: "number", value: "G", help: "stop each λ once its relative duality gap (the JSON's gap) is below G, instead of at --thresh", default: "none: --thresh alone", check: positive },
  { name: "solver", kind: "choice", choices: ["glmnet", "ws"], help: "glmnet: glmnet's own steps; ws: working sets with Anderson extrapolation (gaussian elastic net, dense X), each λ stopped at its duality gap (--gap-tol, else --thresh)", default: "glmnet" },
  { name: "dfmax", kind: "integer", value: "N", help: "stop the path once more than N features are nonzero (mgaussian: for the first target, as glmnet counts)", default: "features + 1", check: notNegative },
  { name: "pmax", kind: "integer", value: "N", help: "largest number of features ever nonzero", default: "min(2·dfmax + 20, features)", check: notNegative },
  { name: "penalty", kind: "choice", choices: ["lasso", "mcp", "scad"], help: "lasso: glmnet's elastic net (mixed by --alpha); mcp or scad: ncvreg's penalties, whose price falls as a coefficient grows (features always standardized; no weights, offset or limits)", default: "lasso" },
  { name: "gamma", api: "penaltyGamma", kind: "number", value: "G", help: "mcp/scad: where the price reaches 0, in units of λ (must exceed 1 for mcp, 2 for scad)", default: "3 (mcp), 3.7 (scad)" },
  { name: "adaptive", kind: "flag", help: "the adaptive lasso: penalty factors 1/|β̂_j| from a first, cross-validated ridge fit (on standardized features), then the elastic-net path with them", default: "off" },
  { name: "threads", kind: "integer", value: "T", help: "threads for one large fit (at least 2M cells): 2 lets a second core compute the KKT check, the duality gap and new Gram columns, with the same result; 1 keeps to one", default: "1", check: atLeastOne },
  { name: "relax", kind: "flag", help: "also refit each λ's variables without penalty (glmnet's relax), to show how far the penalty pulled each one towards zero", default: "off" },
]);

/** mgaussian's own fit option, for `fit` and `cv`. */
export const MGAUSSIAN_OPTIONS: readonly OptionSpec[] = settingLibraryOptions([
  { name: "standardize-response", kind: "flag", help: "mgaussian: scale each target to unit standard deviation before the fit (glmnet's standardize.response = TRUE); λ and %Dev are on that scale, coefficients on the targets' own", default: "off" },
]);

/** --standardize-response with a family other than mgaussian: an OptionError naming it. */
export function refuseStandardizeResponse(args: ParsedArgs, family: string): void {
  if (flag(args, "standardize-response") && family !== "mgaussian") {
    throw new OptionError(`--standardize-response applies to --family mgaussian only, not ${family}`, "standardize-response");
  }
}

export const OUTPUT_OPTIONS: readonly OptionSpec[] = [
  { name: "format", kind: "choice", choices: ["table", "json"], help: "a table for people, or JSON for programs", default: "table" },
  { name: "out", kind: "string", value: "FILE", help: "write the result to FILE instead of standard output", default: "standard output" },
];

/** The single FILE argument. */
export function fileArgument(args: ParsedArgs, usage: string): string {
  if (args.positionals.length === 0) throw new OptionError(`missing the data file; usage: ${usage}`);
  if (args.positionals.length > 1) throw new OptionError(`unexpected argument ${quote(args.positionals[1])}; usage: ${usage}`);
  return args.positionals[0];
}

function delimiterFrom(args: ParsedArgs): string | undefined {
  const d = stringOption(args, "delimiter");
  if (d === undefined) return undefined;
  const named: Record<string, string> = { tab: "\t", "\\t": "\t", comma: ",", semicolon: ";", space: " ", pipe: "|" };
  const delimiter = named[d.toLowerCase()] ?? d;
  if (delimiter.length !== 1 || delimiter === '"') throw new OptionError(`--delimiter: ${quote(d)} is not one character (use , ; tab or another single character)`, "delimiter");
  return delimiter;
}

export interface LoadedData {
  readonly file: string;
  readonly target: string;
  readonly table: Table;
  readonly design: Design;
  readonly family: FamilyName;
}

/** Read FILE and build the design the options describe; warnings and dropped rows go to stderr. */
export function loadData(args: ParsedArgs, io: CommandIO, usage: string): LoadedData {
  const { file, target, table, family, options } = readInputs(args, usage);
  const design = buildDesign(table, options);
  reportDesign(io, table, design);
  return { file, target, table, design, family };
}

/** FILE read as a table, and how its columns make the design (the data options). */
export function readInputs(args: ParsedArgs, usage: string): { file: string; target: string; table: Table; family: FamilyName; options: DesignOptions } {
  const file = fileArgument(args, usage);
  const target = stringOption(args, "target");
  if (target === undefined) throw new OptionError(`--target is required: name the column to predict; usage: ${usage}`, "target");
  const family = (stringOption(args, "family") ?? "gaussian") as FamilyName;
  const thousandsOption = stringOption(args, "thousands");
  const thousands = (thousandsOption === "space" ? " " : thousandsOption ?? "") as "" | "," | "." | " " | "'";
  const decimal = (stringOption(args, "decimal") ?? ".") as "." | ",";
  if (thousands === decimal) throw new OptionError(`--thousands ${thousands} is also the decimal mark; they must differ`, "thousands");
  const text = readTextFile(file);
  const table = parseCsv(text, { delimiter: delimiterFrom(args) });
  const options: DesignOptions = {
    target,
    family,
    ignore: listOption(args, "ignore"),
    na: (stringOption(args, "na") ?? "error") as "error" | "drop",
    weights: stringOption(args, "weights"),
    offset: stringOption(args, "offset"),
    foldid: stringOption(args, "foldid"),
    status: stringOption(args, "status"),
    start: stringOption(args, "start"),
    strata: stringOption(args, "strata"),
    positiveClass: stringOption(args, "positive-class"),
    decimal,
    thousands,
  };
  return { file, target, table, family, options };
}

/** The table's and the design's warnings, and the rows dropped, on stderr. */
export function reportDesign(io: CommandIO, table: Table, design: Pick<Design, "warnings" | "droppedRows"> & { readonly x: { readonly n: number } }): void {
  for (const warning of [...table.warnings, ...design.warnings]) io.stderr(`shrinkage: warning: ${warning}\n`);
  if (design.droppedRows > 0) {
    io.stderr(`shrinkage: dropped ${design.droppedRows} row${design.droppedRows === 1 ? "" : "s"} with a missing or non-numeric value (--na drop); ${design.x.n} left\n`);
  }
}

/**
 * The features a name given in an option stands for: the feature of that name, or every indicator of a
 * text column of that name. Unknown names are an OptionError with the nearest name.
 */
function featuresNamed(name: string, design: DesignNames, option: string): number[] {
  const direct = design.x.names.indexOf(name);
  if (direct >= 0) return [direct];
  const fromColumn = design.featureColumns.flatMap((c, j) => (c === name ? [j] : []));
  if (fromColumn.length > 0) return fromColumn;
  const candidates = [...new Set([...design.x.names, ...design.featureColumns])];
  throw new OptionError(`--${option}: there is no feature named ${quote(name)}; ${suggestion(name, candidates, "features")}`, option);
}

function perFeature(args: ParsedArgs, option: string, design: DesignNames, fill: number): Float64Array | undefined {
  const given = mapOption(args, option);
  if (given === undefined) return undefined;
  const out = new Float64Array(design.x.p).fill(fill);
  for (const [name, value] of Object.entries(given)) for (const j of featuresNamed(name, design, option)) out[j] = value;
  return out;
}

/** What fitOptionsFrom reads of a design: the features' names (a source's design has no rows). */
export type DesignNames = Pick<Design, "featureColumns" | "positiveClass" | "weights" | "offset" | "survival"> & { readonly x: Pick<Design["x"], "names" | "p"> };

/** FitOptions from the command line and the design (weights and offset come from the design's columns). */
export function fitOptionsFrom(args: ParsedArgs, data: { readonly design: DesignNames; readonly family: FamilyName }): FitOptions {
  const { design, family } = data;
  const options: FitOptions = { family, positiveClass: design.positiveClass };
  const alpha = numberOption(args, "alpha");
  if (alpha !== undefined) options.alpha = alpha;
  const lambda = numbersOption(args, "lambda");
  if (lambda !== undefined) options.lambda = Float64Array.from(lambda);
  const nlambda = numberOption(args, "nlambda");
  if (nlambda !== undefined) options.nlambda = nlambda;
  const ratio = numberOption(args, "lambda-min-ratio");
  if (ratio !== undefined) options.lambdaMinRatio = ratio;
  if (flag(args, "no-standardize")) options.standardize = false;
  if (flag(args, "no-intercept")) options.intercept = false;
  const penaltyFactor = perFeature(args, "penalty-factor", design, 1);
  if (penaltyFactor !== undefined) {
    if (penaltyFactor.every((v) => v === 0)) throw new OptionError("--penalty-factor: every factor is 0, so nothing is penalized; keep at least one positive", "penalty-factor");
    options.penaltyFactor = penaltyFactor;
  }
  const exclude = listOption(args, "exclude");
  if (exclude !== undefined) {
    const indices = [...new Set(exclude.flatMap((name) => featuresNamed(name, design, "exclude")))].sort((a, b) => a - b);
    if (indices.length === design.x.p) throw new OptionError("--exclude: every feature is excluded; nothing is left to fit", "exclude");
    options.exclude = indices;
  }
  const lower = perFeature(args, "lower-limits", design, -Infinity);
  if (lower !== undefined) options.lowerLimits = lower;
  const upper = perFeature(args, "upper-limits", design, Infinity);
  if (upper !== undefined) options.upperLimits = upper;
  if (design.weights !== undefined) options.weights = design.weights;
  if (design.offset !== undefined) options.offset = design.offset;
  if (design.survival !== undefined) options.survival = design.survival;
  const thresh = numberOption(args, "thresh");
  if (thresh !== undefined) options.thresh = thresh;
  const maxit = numberOption(args, "maxit");
  if (maxit !== undefined) options.maxit = maxit;
  const gapTol = numberOption(args, "gap-tol");
  if (gapTol !== undefined) options.gapTol = gapTol;
  const solver = stringOption(args, "solver") as SolverChoice | undefined;
  if (solver !== undefined) options.solver = solver;
  const dfmax = numberOption(args, "dfmax");
  if (dfmax !== undefined) options.dfmax = dfmax;
  const threads = numberOption(args, "threads");
  if (threads !== undefined) options.threads = threads;
  const pmax = numberOption(args, "pmax");
  if (pmax !== undefined) options.pmax = pmax;
  if (flag(args, "relax")) options.relax = true;
  concaveOptionsFrom(args, options);
  if (flag(args, "adaptive")) {
    if (options.penalty !== undefined) throw new OptionError("--adaptive is the adaptive lasso: it does not combine with --penalty mcp or scad", "adaptive");
    options.adaptive = true;
  }
  return options;
}

/** --penalty and --gamma: ncvreg's MCP or SCAD, γ checked and named as the command line spells it. */
function concaveOptionsFrom(args: ParsedArgs, options: FitOptions): void {
  const penalty = stringOption(args, "penalty") as PenaltyChoice | undefined;
  const gamma = numberOption(args, "gamma");
  if (penalty === "mcp" || penalty === "scad") {
    options.penalty = penalty;
    if (gamma !== undefined) options.penaltyGamma = checkGamma(penalty, gamma, "gamma", "--gamma");
  } else if (gamma !== undefined) {
    throw new OptionError("--gamma applies to --penalty mcp or scad only", "gamma");
  }
}

/** Cross-validation options from --folds / --foldid column, --seed and --measure, on top of fit options. */
export function cvOptionsFrom(args: ParsedArgs, data: { readonly design: Pick<Design, "foldid"> }, options: FitOptions): CvOptions {
  const cv: CvOptions = { ...options };
  const folds = numberOption(args, "folds");
  if (data.design.foldid !== undefined) cv.foldid = data.design.foldid;
  else cv.nfolds = folds ?? 10;
  const seed = numberOption(args, "seed");
  if (seed !== undefined) cv.seed = seed;
  const measure = stringOption(args, "measure");
  if (measure !== undefined) cv.measure = measure as Measure;
  const foldLambda = stringOption(args, "fold-lambda");
  if (foldLambda !== undefined) cv.foldLambda = foldLambda as "full" | "own";
  return cv;
}

/** The JSON contract of DESIGN.md for a fitted path (keys in the documented order). */
export function pathJson(path: Path, fitMs: number): Record<string, unknown> {
  const lambdas = Array.from(path.lambda);
  return {
    family: path.family,
    alpha: path.alpha,
    penalty: path.penalty ?? "lasso",
    ...(path.gamma !== undefined ? { gamma: path.gamma } : {}),
    features: [...path.features],
    positiveClass: path.positiveClass ?? null,
    lambda: lambdas,
    // A Cox model has no intercept (DESIGN.md, Wave 2 contracts).
    intercept: hasNoIntercept(path) ? null : Array.from(path.intercept),
    coefficients: lambdas.map((_, k) => Array.from(coefficientsAt(path, k))),
    df: Array.from(path.df),
    devRatio: Array.from(path.devRatio),
    nullDeviance: path.nullDeviance,
    // The relative duality gap per λ; null where it does not apply.
    ...(path.gap ? { gap: Array.from(path.gap, (g) => (Number.isFinite(g) ? g : null)) } : {}),
    fitMs: Math.round(fitMs * 1000) / 1000,
    ...(path.relaxed ? { relaxed: relaxedJson(path.relaxed, path.features.length, hasNoIntercept(path)) } : {}),
    ...(path.adaptive ? { adaptive: { first: path.adaptive.first, nu: path.adaptive.nu, penaltyFactor: Array.from(path.adaptive.penaltyFactor, (v) => (Number.isFinite(v) ? v : null)) } } : {}),
  };
}

/** Whether the path's model has no intercept (Cox), reported as null. */
function hasNoIntercept(path: Path): boolean {
  return familyOf(path.family).solver === "partial-likelihood";
}

/** With --relax: the unpenalized refits on each λ's active set, in the same layout as the path. */
function relaxedJson(r: RelaxedFit, p: number, noIntercept: boolean): Record<string, unknown> {
  return {
    intercept: noIntercept ? null : Array.from(r.intercept),
    coefficients: r.beta.map(({ index, value }) => {
      const b = new Array<number>(p).fill(0);
      index.forEach((j, t) => (b[j] = value[t]));
      return b;
    }),
    devRatio: Array.from(r.devRatio),
  };
}

/** One top-level key per line, values compact: readable and still one JSON object. */
export function stringifyJson(object: Record<string, unknown>): string {
  const lines = Object.entries(object).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${lines.join(",\n")}\n}\n`;
}

/** The first line of a table: what was fitted, on what. */
export function summaryLine(path: Path, data: Pick<LoadedData, "file" | "target"> & { readonly design: { readonly x: { readonly n: number; readonly p: number } } }, fitMs: number): string {
  const { design } = data;
  const parts = [
    path.family,
    path.penalty === "mcp" || path.penalty === "scad" ? `${path.penalty.toUpperCase()} γ ${path.gamma} alpha ${path.alpha}` : `alpha ${path.alpha}`,
    `${design.x.n} rows`,
    `${design.x.p} feature${design.x.p === 1 ? "" : "s"}`,
    `${path.lambda.length} λ${path.lambda.length === 1 ? "" : "s"}`,
    `fitted in ${fitMs < 10 ? fitMs.toFixed(1) : Math.round(fitMs)} ms`,
  ];
  const positive = path.positiveClass ?? null;
  const head = `${data.file}: ${data.target} ~ ${parts.join(" · ")}`;
  return head + (positive !== null ? `\npositive class (modelled as 1): ${quote(positive)}` : "");
}

/** glmnet's print: Df, %Dev, Lambda per λ. */
export function pathTable(path: Path): string {
  const rows = Array.from(path.lambda, (lambda, k) => [String(k + 1), String(path.df[k]), fixed(100 * path.devRatio[k]), signif(lambda)]);
  return formatTable(["", "Df", "%Dev", "Lambda"], rows, ["right", "right", "right", "right"]);
}

/** Coefficients at a few λs evenly spaced along the path (γ = 0: the relaxed refits). */
export function pathCoefficients(
  path: Path, indices: readonly number[] = spacedIndices(path.lambda.length), labels?: readonly string[], gamma = 1,
): string {
  const hasIntercept = path.settings?.intercept ?? true;
  return formatCoefficients(
    path.features,
    indices.map((k, c) => {
      const { intercept, beta } = coef(path, path.lambda[k], { gamma });
      return { label: `${labels?.[c] ?? "λ"}=${signif(path.lambda[k])}`, intercept: hasIntercept ? intercept : null, beta };
    }),
  );
}

/** Write the result to --out FILE, or to stdout. */
export function emit(args: ParsedArgs, io: CommandIO, text: string): void {
  const out = stringOption(args, "out");
  if (out !== undefined) writeTextFile(out, text);
  else io.stdout(text);
}

/** Notes the fit left (maxit reached, λs sorted, …), on stderr. */
export function reportPathWarnings(path: Path, io: CommandIO): void {
  for (const warning of path.warnings ?? []) io.stderr(`shrinkage: note: ${warning}\n`);
}
