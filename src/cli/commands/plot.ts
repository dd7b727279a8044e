/**
 * `shrinkage plot FILE --target COL --kind path|cv|pull|spectrum --out FIG.svg`: the shared charts of
 * src/plot rendered to standalone SVG (the same charts the browser lab draws).
 */
import { OptionError } from "../../errors.js";
import { isMultiFamilyName } from "../../model/families/multi.js";
import { multiChartSpec } from "../multi-plot.js";
import { priceCurveSpec } from "../../plot/price.js";
import { isConcavePath, priceFor } from "../price.js";
import { coefficientPathSpec, cvCurveSpec, dropCostSpec, featureScales, standardizedPath, MIN_PLOT_HEIGHT, pullPriceSpec, ridgeSpectrumSpec, ROW_HEIGHT, type ChartSpec, type HeightRaised, type ModelDescription, type PathXvar } from "../../plot/index.js";
import { renderSpec } from "../../plot/render.node.js";
import { survivalSpec } from "../../plot/survival.js";
import { predict } from "../../solve/predict.js";
import { resolveLambda, type Explanation, type LambdaChoice } from "../../explain/explain.js";
import { numberOption, stringOption, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { DATA_OPTIONS, emit } from "../common.js";
import { EXPLAIN_FIT_OPTIONS, dropCostsFor, explainFitted, fitForExplain, spectrumFor, type FittedForExplain } from "./explain.js";

const usage = "shrinkage plot FILE --target COL --kind path|cv|pull|spectrum [options] --out FIG.svg";

export const KINDS = ["path", "cv", "pull", "spectrum", "drop", "price", "survival"] as const;
export type PlotKind = (typeof KINDS)[number];

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

/** Every curve named up to this many curves (a 13 px label row each, the chart growing to fit). */
export const LABEL_EVERY = 60;

/** The spec of one chart kind. */
export function chartSpec(kind: PlotKind, f: FittedForExplain<LambdaChoice | null>, xvar: PathXvar, size: { width?: number; height?: number }, notes: string[], standardized = false): ChartSpec {
  const dims = { ...size, model: modelOf(f) };
  if (kind === "path") {
    const marker = { ...dims, xvar, lambda: markerLambda(f), labelEvery: LABEL_EVERY };
    if (!standardized) return coefficientPathSpec(f.path, marker);
    const { x, weights } = f.data.design;
    return coefficientPathSpec(standardizedPath(f.path, featureScales(x, weights)), {
      ...marker, title: "Coefficient paths, standardized", yLabel: "Coefficient × sd of its feature",
    });
  }
  if (kind === "cv") {
    const cv = f.cv!;
    // λ_min and λ_1se are always marked; a numeric --lambda adds its own marker.
    return cvCurveSpec(cv, { ...dims, lambda: typeof f.choice === "number" ? f.choice : null });
  }
  if (kind === "survival") return survivalFor(f, dims);
  if (kind === "price") {
    if (!isConcavePath(f)) throw new OptionError("--kind price draws the price curve of --penalty mcp or scad (the lasso's price is flat: see --kind pull)", "kind");
    return priceCurveSpec(priceFor(f), dims);
  }
  if (isConcavePath(f)) throw new OptionError(`--kind ${kind} reads the elastic net's conditions; for --penalty mcp or scad draw path, cv or price`, "kind");
  const e: Explanation = explainFitted({ ...f, choice: f.choice ?? "lambda1se" });
  notes.push(...e.notes);
  if (kind === "pull") {
    return pullPriceSpec({
      features: e.features,
      pull: e.coefficients.map((c) => c.absPull),
      price: e.coefficients.map((c) => c.price),
      status: e.coefficients.map((c) => c.status),
      lambda: e.lambda,
      ...(e.alpha < 1 ? { ridge: e.coefficients.map((c) => c.ridge) } : {}),
    }, dims);
  }
  if (kind === "drop") {
    const costs = dropCostsFor({ ...f, choice: f.choice ?? "lambda1se" }, e).costs;
    return dropCostSpec({
      features: costs.map((c) => c.feature),
      kind: costs.map((c) => c.kind),
      devianceShare: costs.map((c) => c.devianceShare),
      pullRatio: costs.map((c) => c.pullRatio),
      lambda: e.lambda,
    }, dims);
  }
  // A lasso has no ridge part (every factor would be 1): show what ridge (α = 0) would do at the same λ.
  const spectrum = spectrumFor({ ...f, choice: f.choice ?? "lambda1se" }, e, e.alpha === 1 ? 0 : e.alpha);
  if (spectrum === null) throw new OptionError("the design is too large for the ridge spectrum's SVD here; use fewer rows or features", "kind");
  if (e.alpha === 1) notes.push("α = 1 (lasso) has no ridge part: the chart shows ridge's (α = 0) shrinkage at the same λ");
  if (spectrum.approximate) notes.push("for a GLM the spectrum is that of the quadratic approximation at the solution (working weights)");
  const unseen = spectrum.columns - spectrum.rank;
  if (unseen > 0) notes.push(`the centred design has rank ${spectrum.rank} of ${spectrum.columns} penalized columns: the ${unseen} null direction${unseen > 1 ? "s" : ""} (no variance, unseen by the data) ${unseen > 1 ? "are" : "is"} not drawn`);
  return ridgeSpectrumSpec({ d2: spectrum.d2, factor: spectrum.factor, df: spectrum.df, lambda: e.lambda }, dims);
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
    "(ungrouped: each class's pulls, a panel per class; grouped: each variable's length of its K pulls).",
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
    const f = fitForExplain(args, io, usage, {
      needCv: kind === "cv",
      fallback: kind === "pull" || kind === "spectrum" || kind === "drop" || kind === "survival" ? "lambda1se" : null,
    });
    const notes: string[] = [];
    const spec = chartSpec(kind, f, xvar, size(args), notes, stringOption(args, "scale") === "standardized");
    if (spec.heightRaised) notes.push(heightNote(spec.heightRaised));
    const svg = renderSpec(spec);
    for (const note of notes) io.stderr(`shrinkage: note: ${note}\n`);
    emit(args, io, svg);
  },
};
