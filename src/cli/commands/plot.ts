/**
 * `shrinkage plot FILE --target COL --kind path|cv|pull|spectrum --out FIG.svg`: the shared charts of
 * src/plot rendered to standalone SVG (the same charts the browser lab draws).
 */
import { OptionError } from "../../errors.js";
import { isMultiFamilyName } from "../../model/families/multi.js";
import { multiChartSpec } from "../multi-plot.js";
import { priceCurveSpec } from "../../plot/price.js";
import { isConcavePath, priceFor } from "../price.js";
import { featureScales, MIN_PLOT_HEIGHT, ROW_HEIGHT, type ChartSpec, type HeightRaised, type ModelDescription, type PathXvar } from "../../plot/index.js";
import { KINDS, cvChart, dropChart, pathChart, pullChart, spectrumChart, type PlotKind } from "../charts.js";
import { renderSpec } from "../../plot/render.node.js";
import { survivalSpec } from "../../plot/survival.js";
import { predict } from "../../solve/predict.js";
import { resolveLambda, type Explanation, type LambdaChoice } from "../../explain/explain.js";
import { numberOption, stringOption, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { DATA_OPTIONS, emit, fileArgument } from "../common.js";
import { EXPLAIN_FIT_OPTIONS, dropCostsFor, explainFitted, fitForExplain, parseLambdaChoice, spectrumFor, type FittedForExplain } from "./explain.js";
import { sourceOf } from "../source-of.js";
import { sourceChartSpec } from "../source-plot.js";

const usage = "shrinkage plot FILE --target COL --kind path|cv|pull|spectrum [options] --out FIG.svg";

export { KINDS, LABEL_EVERY, type PlotKind } from "../charts.js";

const PLOT_OPTIONS: readonly OptionSpec[] = [
  { name: "kind", kind: "choice", choices: KINDS, help: "path: coefficients along λ; cv: cross-validation curve; pull: pull versus price at λ; spectrum: ridge shrinkage by principal direction at λ; drop: what dropping each kept variable (or forcing in each zero one) would change in training deviance at λ; price: an MCP or SCAD fit's price curve at λ, each coefficient marked; survival: a Cox fit's lower- and higher-risk halves at λ, Kaplan–Meier curves with numbers at risk", default: "path" },
  { name: "scale", kind: "choice", choices: ["original", "standardized"], help: "path: coefficients on the data's scale, or per standard deviation of their feature (comparable across features)", default: "original" },
  { name: "xvar", kind: "choice", choices: ["lambda", "norm", "dev"], help: "path: x axis is log λ, the L1 norm, or the fraction of deviance explained (glmnet's xvar)", default: "lambda" },
  { name: "width", kind: "integer", value: "PX", help: "width of the SVG in pixels", default: "640", check: (v) => (v >= 200 && v <= 4000 ? null : "must be between 200 and 4000") },
  { name: "height", kind: "integer", value: "PX", help: `height of the SVG in pixels; a height too short to read the chart at is raised, with a note, to the least that keeps its plot area ${MIN_PLOT_HEIGHT} px tall and each of pull's variables a ${ROW_HEIGHT} px row`, default: "a per-chart height", check: (v) => (v >= 150 && v <= 4000 ? null : "must be between 150 and 4000") },
  { name: "out", kind: "string", value: "FIG.svg", help: "write the SVG to this file", default: "standard output" },
];

/** Size options for the chart functions. */
function size(args: Parameters<Command["run"]>[0]): { width?: number; height?: number } {
  const out: { width?: number; height?: number } = {};
  const width = numberOption(args, "width");
  if (width !== undefined) out.width = width;
  const height = numberOption(args, "height");
  if (height !== undefined) out.height = height;
  return out;
}

/** The λ of the marker on the path and cv charts: given, or chosen by cross-validation; none otherwise. */
function markerLambda(f: FittedForExplain<LambdaChoice | null>): number | null {
  if (f.choice === null) return null;
  return resolveLambda(f.choice, f.cv ?? undefined).lambda;
}

/** The note for a --height too small to read the chart at. */
export function heightNote(raised: HeightRaised): string {
  return `--height ${raised.requested} is too short for this chart, which needs ${raised.reason}: it is drawn ${raised.height} px tall`;
}

/** The model every chart kind names in its header: a binomial one's class modelled as 1, as fit, cv and explain print. */
function modelOf(f: FittedForExplain<LambdaChoice | null>): ModelDescription {
  return { family: f.path.family, target: f.data.target, positiveClass: f.path.positiveClass ?? null };
}

/** The survival chart of a Cox fit at the chosen λ: the rows' η there, split at its median. */
function survivalFor(f: FittedForExplain<LambdaChoice | null>, dims: { width?: number; height?: number; model: ModelDescription }): ChartSpec {
  const d = f.data.design;
  if (!d.survival) throw new OptionError(`--kind survival draws a Cox fit (--family cox with --status), not ${f.path.family}`, "kind");
  const lambda = resolveLambda(f.choice ?? "lambda1se", f.cv ?? undefined).lambda;
  const eta = predict(f.path, d.x, lambda, { type: "link", offset: d.offset });
  return survivalSpec({ time: d.y, status: d.survival.status, start: d.survival.start, eta, lambda }, dims);
}

/** The spec of one chart kind. */
export function chartSpec(kind: PlotKind, f: FittedForExplain<LambdaChoice | null>, xvar: PathXvar, size: { width?: number; height?: number }, notes: string[], standardized = false): ChartSpec {
  const dims = { ...size, model: modelOf(f) };
  if (kind === "path") {
    const { x, weights } = f.data.design;
    return pathChart(f.path, dims, xvar, markerLambda(f), standardized ? featureScales(x, weights) : null);
  }
  if (kind === "cv") return cvChart(f.cv!, dims, f.choice);
  if (kind === "survival") return survivalFor(f, dims);
  if (kind === "price") {
    if (!isConcavePath(f)) throw new OptionError("--kind price draws the price curve of --penalty mcp or scad (the lasso's price is flat: see --kind pull)", "kind");
    return priceCurveSpec(priceFor(f), dims);
  }
  if (isConcavePath(f)) throw new OptionError(`--kind ${kind} reads the elastic net's conditions; for --penalty mcp or scad draw path, cv or price`, "kind");
  const e: Explanation = explainFitted({ ...f, choice: f.choice ?? "lambda1se" });
  notes.push(...e.notes);
  if (kind === "pull") return pullChart(e, dims);
  if (kind === "drop") return dropChart(dropCostsFor({ ...f, choice: f.choice ?? "lambda1se" }, e), e, dims);
  // A lasso has no ridge part (every factor would be 1): show what ridge (α = 0) would do at the same λ.
  return spectrumChart(spectrumFor({ ...f, choice: f.choice ?? "lambda1se" }, e, e.alpha === 1 ? 0 : e.alpha), e, dims, notes);
}

/** The chart as SVG, its notes (and a raised height's) on stderr. */
function draw(args: Parameters<Command["run"]>[0], io: Parameters<Command["run"]>[1], spec: ChartSpec, notes: string[]): void {
  if (spec.heightRaised) notes.push(heightNote(spec.heightRaised));
  const svg = renderSpec(spec);
  for (const note of notes) io.stderr(`shrinkage: note: ${note}\n`);
  emit(args, io, svg);
}

export const command: Command = {
  name: "plot",
  summary: "draw the path, the cross-validation curve, pull versus price or the ridge spectrum as SVG",
  usage,
  description:
    "Fits the model as `fit` does and draws one chart as a standalone SVG file:\n" +
    "  path      coefficients against log λ (or --xvar norm|dev), nonzero counts on top, a marker at --lambda\n" +
    "  cv        cross-validated error ± one standard error per λ, λ_min and λ_1se marked\n" +
    "  pull      at --lambda (default λ_1se): each variable's pull as a bar, the price λ·α·v as a line\n" +
    "  spectrum  at --lambda (default λ_1se): ridge's shrinkage factor d²/(d² + nλ') per principal direction\n" +
    "  survival  at --lambda (default λ_1se), a Cox fit: Kaplan–Meier curves of the rows whose linear predictor is\n" +
    "            below and above its median, with the number at risk in each under the time axis\n" +
    "  drop      at --lambda (default λ_1se): the rise in training deviance of refitting without each kept variable,\n" +
    "            the fall of forcing in each zero one, and each one's pull at zero over its price\n" +
    "--lambda min or 1se, the cv chart and the pull and spectrum defaults cross-validate (--folds, --foldid, --seed).\n" +
    "A binomial model's chart says under its title which class is modelled as 1 (--positive-class), e.g. P(y = yes).\n" +
    "--family multinomial [--grouped] and mgaussian draw path (a panel per class or response), cv and pull\n" +
    "(ungrouped: each class's pulls, a panel per class; grouped: each variable's length of its K pulls).\n" +
    "From a source (a Parquet file, duckdb:, postgres://, clickhouse://): path, cv, pull and (gaussian) spectrum,\n" +
    "from its statistics; cross-validation there needs --fold-key COL or --foldid COL.",
  options: [...DATA_OPTIONS, ...EXPLAIN_FIT_OPTIONS, ...PLOT_OPTIONS],
  run(args, io) {
    const family = stringOption(args, "family");
    const kind = (stringOption(args, "kind") ?? "path") as PlotKind;
    if (isMultiFamilyName(family)) {
      const spec = multiChartSpec(args, io, usage, family, kind);
      if (spec.heightRaised) io.stderr(`shrinkage: note: ${heightNote(spec.heightRaised)}\n`);
      return emit(args, io, renderSpec(spec));
    }
    const xvar = (stringOption(args, "xvar") ?? "lambda") as PathXvar;
    if (args.values.has("xvar") && kind !== "path") throw new OptionError(`--xvar applies to --kind path only, not ${kind}`, "xvar");
    if (args.values.has("scale") && kind !== "path") throw new OptionError(`--scale applies to --kind path only, not ${kind}`, "scale");
    const fallback = kind === "pull" || kind === "spectrum" || kind === "drop" || kind === "survival" ? "lambda1se" : null;
    const standardized = stringOption(args, "scale") === "standardized";
    const location = sourceOf(fileArgument(args, usage));
    if (location !== null) {
      const choice = args.values.has("lambda") ? parseLambdaChoice(stringOption(args, "lambda")) : fallback;
      return sourceChartSpec(args, io, location, { kind, choice, xvar, standardized, size: size(args) }).then(({ spec, notes }) => draw(args, io, spec, notes));
    }
    const f = fitForExplain(args, io, usage, { needCv: kind === "cv", fallback });
    const notes: string[] = [];
    draw(args, io, chartSpec(kind, f, xvar, size(args), notes, standardized), notes);
  },
};
