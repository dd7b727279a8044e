/**
 * `shrinkage plot SOURCE`: the charts that need only the path, its cross-validation and the explanation
 * at λ, drawn from a source's statistics (as `fit`, `cv` and `explain SOURCE` compute them) with the same
 * chart functions as in memory. Kinds that read each row (survival's Kaplan–Meier curves, a GLM's ridge
 * spectrum at its working weights, an MCP or SCAD price curve) are refused, saying so.
 */
import { OptionError } from "../errors.js";
import { familyOf } from "../model/families/index.js";
import type { Explanation, LambdaChoice } from "../explain/explain.js";
import { explainFromStats, explainGlmFromSource } from "../explain/source.js";
import { ridgeSpectrum } from "../explain/spectrum.js";
import type { ChartSpec, PathXvar } from "../plot/index.js";
import { cvFromStats, fitFromStats, sourceMoments, type SourceCv } from "../source/fit.js";
import { cvGlmFromSource } from "../source/glm-cv.js";
import { fitGlmFromSource } from "../source/irls.js";
import type { Location } from "../source/location.js";
import { rowsWithMoments } from "../source/moment-rows.js";
import type { Engine, FoldSpec, SourceStats } from "../source/scan.js";
import type { Path } from "../solve/types.js";
import { stringOption, type ParsedArgs } from "./args.js";
import type { CommandIO } from "./command.js";
import { fitOptionsFrom } from "./common.js";
import { cvChart, pathChart, pullChart, spectrumChart, type ChartDims, type PlotKind } from "./charts.js";
import { clearProgressLine, foldsFrom, namesOf, progressLine, scanFor } from "./source.js";

/** The kinds that need each row, and why. */
export const ROW_KINDS: Partial<Record<PlotKind, string>> = {
  survival: "its Kaplan–Meier curves read each row's time, status and linear predictor",
  price: "an MCP or SCAD path (ncvreg's) reads the rows",
  drop: "each variable's refit is not yet computed from a source's statistics",
};

/** What a chart from a source is drawn from. */
export interface SourceChartRequest {
  readonly kind: PlotKind;
  readonly choice: LambdaChoice | null;
  readonly xvar: PathXvar;
  readonly standardized: boolean;
  readonly size: { width?: number; height?: number };
}

/** The fitted source: its statistics, path and cross-validation (when asked), with the engine still open. */
interface FittedSource {
  readonly stats: SourceStats;
  readonly engine: Engine;
  readonly path: Path;
  readonly cv: SourceCv | null;
}

/** The chart of one kind from a source, and the notes to print. */
export async function sourceChartSpec(args: ParsedArgs, io: CommandIO, location: Location, r: SourceChartRequest): Promise<{ spec: ChartSpec; notes: string[] }> {
  const why = ROW_KINDS[r.kind];
  if (why !== undefined) throw new OptionError(`--kind ${r.kind} needs the rows in memory (${why}); draw it from a CSV file, or a sample of the source's rows`, "kind");
  const needCv = r.kind === "cv" || (r.choice !== null && typeof r.choice !== "number");
  // A fold column given is never a feature (as in memory), cross-validated or not.
  const foldsGiven = args.values.has("foldid") || args.values.has("fold-key");
  const folds: FoldSpec = needCv || foldsGiven ? foldsFrom(args) : { kind: "none" };
  const progress = progressLine(io);
  const withoutLambda = { ...args, values: new Map([...args.values].filter(([k]) => k !== "lambda")) };
  return scanFor(args, io, location, folds, async ({ stats, family, engine }) => {
    const solver = familyOf(family).solver;
    if (solver !== "irls" && solver !== "least-squares") throw new OptionError(`plot from a source is for gaussian, binomial and Poisson fits, not ${family}`, "family");
    const options = { ...fitOptionsFrom(withoutLambda, namesOf(stats, family)), measure: stringOption(args, "measure") };
    const irls = solver === "irls";
    const cv = !needCv ? null : irls ? await cvGlmFromSource(engine, stats, options, progress) : cvFromStats(stats, options);
    const { measure: _, ...fitOptions } = options;
    const path = cv?.path ?? (irls ? await fitGlmFromSource(engine, stats, fitOptions, progress) : fitFromStats(stats, fitOptions));
    clearProgressLine(io, progress);
    const notes = [...path.warnings, ...(cv?.warnings ?? [])];
    const spec = await chartOf({ stats, engine, path, cv }, r, notes, stringOption(args, "target")!);
    return { spec, notes };
  });
}

/** The chart of the request's kind from the fitted source. */
async function chartOf(f: FittedSource, r: SourceChartRequest, notes: string[], target: string): Promise<ChartSpec> {
  const dims: ChartDims = { ...r.size, model: { family: f.path.family, target, positiveClass: null } };
  if (r.kind === "path") {
    const marker = r.choice === null ? null : typeof r.choice === "number" ? r.choice : f.cv![r.choice];
    return pathChart(f.path, dims, r.xvar, marker, r.standardized ? featureSds(f.stats) : null);
  }
  if (r.kind === "cv") return cvChart(f.cv!, dims, r.choice);
  const choice = { lambda: r.choice ?? "lambda1se", cv: f.cv ?? undefined };
  const irls = familyOf(f.path.family).solver === "irls";
  const e: Explanation = irls ? await explainGlmFromSource(f.engine, f.stats, f.path, choice) : explainFromStats(f.stats, f.path, choice);
  notes.push(...e.notes);
  if (r.kind === "pull") return pullChart(e, dims);
  if (irls) throw new OptionError(`--kind spectrum needs the rows in memory for a ${f.path.family} fit (its spectrum is at each row's working weight); draw it from a CSV file`, "kind");
  // The gaussian spectrum depends on the rows only through their moments: rows made to have them.
  const spectrum = ridgeSpectrum(f.path, rowsWithMoments(sourceMoments(f.stats)), {
    lambda: e.lambda, solution: { intercept: e.intercept, beta: e.coefficients.map((c) => c.coefficient) }, alpha: e.alpha === 1 ? 0 : e.alpha,
  });
  return spectrumChart(spectrum, e, dims, notes);
}

/** Each feature's weighted standard deviation, from the statistics (as featureScales computes it on the rows). */
function featureSds(stats: SourceStats): Float64Array {
  const m = sourceMoments(stats);
  const p = m.names.length;
  return Float64Array.from({ length: p }, (_, j) => Math.sqrt(m.xx[j * p + j]));
}
