/**
 * `shrinkage explain FILE --target COL [fit options] [--lambda X|min|1se]`: why each coefficient is where it
 * is at one λ. A table of the evidence (pull, price, status, entry) and then the same evidence in words.
 */
import { cvPath, type CvResult } from "../../cv/cv.js";
import { OptionError } from "../../errors.js";
import { explain, gapShows, type Entry, type Explanation, type LambdaChoice } from "../../explain/explain.js";
import { leastSquares } from "../../explain/kkt.js";
import { ridgeSpectrum, type RidgeSpectrum } from "../../explain/spectrum.js";
import { describe, isSurvival } from "../../explain/words.js";
import { dropCosts, type DropCosts } from "../../explain/drop.js";
import { dfEstimate, type DfEstimate } from "../../explain/df.js";
import { fitPath } from "../../solve/path.js";
import { explainPrices, isConcavePath } from "../price.js";
import type { FitOptions, Path } from "../../solve/types.js";
import { numberOption, readPlainNumber, stringOption, type OptionSpec, type ParsedArgs } from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { formatTable, signif } from "../format.js";
import { DATA_OPTIONS, FIT_OPTIONS, OUTPUT_OPTIONS, cvOptionsFrom, emit, fileArgument, fitOptionsFrom, loadData, stringifyJson, summaryLine, type LoadedData } from "../common.js";
import { CV_OPTIONS } from "./cv.js";
import { isMultiFamilyName } from "../../model/families/multi.js";
import { runMultiExplain } from "../multi.js";
import { explainSource, type ExplainRender } from "../source.js";
import { sourceOf } from "../source-of.js";

const usage = "shrinkage explain FILE --target COL [options] [--lambda X|min|1se]";

/** --lambda names the λ to explain (not a λ sequence to fit, as in `fit`). */
export const LAMBDA_CHOICE: OptionSpec = {
  name: "lambda",
  api: "lambda",
  kind: "string",
  value: "X|min|1se",
  help: "the λ to explain: a number (refitted at it, not interpolated, when it is not on the path), or λ_min / λ_1se from cross-validation",
  default: "1se, as glmnet's coef(cv.glmnet)",
};


/** Fit options without --lambda (here it chooses the λ to explain), and the cross-validation options but --jobs. */
export const EXPLAIN_FIT_OPTIONS: readonly OptionSpec[] = [
  ...FIT_OPTIONS.filter((o) => o.name !== "lambda"),
  LAMBDA_CHOICE,
  ...CV_OPTIONS.filter((o) => o.name !== "jobs"),
];

/** "min", "1se" or a number ≥ 0. */
export function parseLambdaChoice(text: string | undefined): LambdaChoice {
  if (text === undefined || text === "1se" || text === "lambda1se" || text === "lambda.1se") return "lambda1se";
  if (text === "min" || text === "lambdaMin" || text === "lambda.min") return "lambdaMin";
  const v = readPlainNumber(text);
  if (!(v >= 0)) throw new OptionError(`--lambda: ${JSON.stringify(text)} is not a number ≥ 0, min or 1se`, "lambda");
  return v;
}

/** The parsed arguments without --lambda, for fitOptionsFrom (which reads --lambda as a λ sequence). */
function withoutLambda(args: ParsedArgs): ParsedArgs {
  return { ...args, values: new Map([...args.values].filter(([k]) => k !== "lambda")) };
}

/** What explain and plot fit: the path, its cross-validation when a λ choice or chart needs it, and the λ. */
export interface FittedForExplain<C extends LambdaChoice | null = LambdaChoice> {
  readonly data: LoadedData;
  readonly options: FitOptions;
  readonly path: Path;
  readonly cv: CvResult | null;
  readonly choice: C;
  readonly fitMs: number;
}

/**
 * Read the data, fit the path (with relax when asked) and cross-validate when λ_min/λ_1se is asked for
 * or `needCv` says so. Without --lambda the choice is `fallback` (λ_1se for explain).
 */
export function fitForExplain(args: ParsedArgs, io: CommandIO, commandUsage: string): FittedForExplain;
export function fitForExplain(
  args: ParsedArgs, io: CommandIO, commandUsage: string, opts: { needCv?: boolean; fallback: LambdaChoice | null },
): FittedForExplain<LambdaChoice | null>;
export function fitForExplain(
  args: ParsedArgs, io: CommandIO, commandUsage: string, opts: { needCv?: boolean; fallback: LambdaChoice | null } = { fallback: "lambda1se" },
): FittedForExplain<LambdaChoice | null> {
  const needCv = opts.needCv ?? false;
  const folds = numberOption(args, "folds");
  const foldidColumn = stringOption(args, "foldid");
  if (folds !== undefined && foldidColumn !== undefined) throw new OptionError("give either --folds or --foldid, not both (--foldid sets the folds)", "folds");
  const lambdaText = stringOption(args, "lambda");
  const choice = lambdaText === undefined ? opts.fallback : parseLambdaChoice(lambdaText);
  const data = loadData(args, io, commandUsage);
  const options: FitOptions = { ...fitOptionsFrom(withoutLambda(args), data) };
  const start = performance.now();
  let path: Path;
  let cv: CvResult | null = null;
  if ((choice !== null && typeof choice !== "number") || needCv) {
    const cvOptions = cvOptionsFrom(args, data, options);
    if (io.stderrIsTTY) io.stderr("shrinkage: cross-validating to choose λ…");
    cv = cvPath(data.design.x, data.design.y, cvOptions);
    if (io.stderrIsTTY) io.stderr("\r\x1b[K");
    path = cv.path;
  } else {
    path = fitPath(data.design.x, data.design.y, options);
  }
  const fitMs = performance.now() - start;
  for (const warning of [...path.warnings, ...foldNotes(cv?.warnings ?? [])]) io.stderr(`shrinkage: note: ${warning}\n`);
  return { data, options, path, cv, choice, fitMs };
}

/**
 * The folds' warnings, those of relax's maxp (one per fold whose path passed it) gathered into one note:
 * a wide design passes maxp in most folds, and the λs of each say nothing the full path's note does not.
 */
export function foldNotes(warnings: readonly string[]): string[] {
  const folds: string[] = [];
  const rest: string[] = [];
  for (const w of warnings) {
    const m = /^fold (\d+): .*; not relaxed$/.exec(w);
    if (m) folds.push(m[1]);
    else rest.push(w);
  }
  if (folds.length > 0) {
    rest.unshift(`${folds.length > 1 ? "folds" : "fold"} ${folds.join(", ")}: some λs have more active variables than maxp (n − 3 of the fold's rows); not relaxed`);
  }
  return rest;
}

/** Explain the fitted path at the chosen λ. */
export function explainFitted(f: FittedForExplain): Explanation {
  const d = f.data.design;
  return explain(f.path, { x: d.x, y: d.y, weights: d.weights, offset: d.offset, survival: d.survival }, { lambda: f.choice, cv: f.cv ?? undefined });
}

/** The spectrum is an SVD of the whole design: skip it when that would take long. */
const SPECTRUM_WORK_LIMIT = 2e9;

/**
 * The ridge spectrum at λ when the fit has a ridge part (α < 1) and the SVD is affordable; with `alpha`,
 * the spectrum of that α's ridge part instead (0 for a lasso: what ridge would do at the same λ).
 */
export function spectrumFor(f: FittedForExplain, e: Explanation, alpha?: number): RidgeSpectrum | null {
  const { x, y, weights, offset } = f.data.design;
  if (alpha === undefined && e.alpha === 1) return null;
  if (x.n * x.p * Math.min(x.n, x.p) > SPECTRUM_WORK_LIMIT) return null;
  return ridgeSpectrum(f.path, { x, y, weights, offset }, {
    lambda: e.lambda, solution: { intercept: e.intercept, beta: e.coefficients.map((c) => c.coefficient) }, alpha,
  });
}

const STATUS_SHORT: Record<string, string> = {
  active: "active", zero: "zero", "at-bound": "at bound", unpenalized: "unpenalized", excluded: "excluded", constant: "constant",
};

/** The "entered at λ" cell: a λ, a range of λs between two the path knows (zero above, nonzero below), or why there is none. */
export function enteredCell(entry: Entry): string {
  switch (entry.kind) {
    case "free": return entry.reason === "unpenalized" ? "every λ" : "every λ (ridge)";
    case "never": return "never";
    case "at": return signif(entry.lambda);
    case "between": return entry.upper === null ? `≥ ${signif(entry.lower)}` : `${signif(entry.upper, 3)}–${signif(entry.lower, 3)}`;
  }
}

/** Drop costs are refits, one per variable (times the folds where CV ran): for wider designs only the nonzero ones. */
export const DROP_COST_LIMIT = 200;

/** The variables whose drop costs are shown: every usable one, or beyond DROP_COST_LIMIT the nonzero ones. */
export function dropCostFeatures(e: Explanation): number[] {
  const usable = e.coefficients.filter((c) => c.status !== "excluded" && c.status !== "constant");
  return (usable.length <= DROP_COST_LIMIT ? usable : usable.filter((c) => c.coefficient !== 0)).map((c) => c.index);
}

/** What dropping each kept variable would cost, forcing each zero one in would gain, at the explained λ (CV'd on the same folds when CV ran). */
export function dropCostsFor(f: FittedForExplain, e: Explanation, io?: CommandIO): DropCosts {
  const d = f.data.design;
  const which = dropCostFeatures(e);
  if (io?.stderrIsTTY) io.stderr(`shrinkage: refitting without each of ${which.length} variables…`);
  const costs = dropCosts(f.path, { x: d.x, y: d.y, weights: d.weights, offset: d.offset, survival: d.survival }, {
    lambda: e.lambda, features: which, cv: f.cv ? { foldid: f.cv.foldid, measure: f.cv.measure } : undefined,
  });
  if (io?.stderrIsTTY) io.stderr("\r\x1b[K");
  for (const u of costs.unfitted) io?.stderr(`shrinkage: note: no ${u.kind === "drop" ? "drop" : "force-in"} cost for ${u.feature}: ${u.reason}\n`);
  return costs;
}

/** The evidence table: one row per coefficient (with `costs`, what dropping or forcing each would do). */
export function evidenceTable(e: Explanation, costs?: DropCosts): string {
  const relaxed = e.relaxedAvailable;
  // Without standardize the fit's scale is the data's: a "standardized" column would repeat the coefficient.
  const header = ["", "coefficient", ...(e.standardize ? ["standardized"] : []), "pull", "price", "ridge", "status", "short by", "entered at λ", "order", "later changes"];
  if (relaxed) header.push("relaxed", "shrunk");
  const withCv = costs !== undefined && costs.cvError !== null;
  if (costs) header.push("Δdev %", ...(withCv ? [`Δcv ${costs.measure}`] : []), "pull₀/price");
  const rows = e.coefficients.map((c) => {
    const h = c.history;
    const row = [
      c.feature,
      c.coefficient === 0 ? "." : signif(c.coefficient),
      ...(e.standardize ? [c.coefficient === 0 ? "." : signif(c.standardized)] : []),
      signif(c.pull),
      c.price === Infinity ? "-" : signif(c.price),
      c.ridge === 0 ? "." : signif(c.ridge),
      STATUS_SHORT[c.status] + (c.bound ? ` (${c.bound.side} ${signif(c.bound.value)})` : "") + (c.pathDiffers ? " †" : ""),
      c.margin === null ? "" : signif(c.margin),
      enteredCell(c.entry),
      h.entryOrder === null ? "" : String(h.entryOrder),
      h.events.map((ev) => `${ev.kind === "sign-change" ? "±" : ev.kind === "exit" ? "out" : "in"}@${signif(ev.lambda, 3)}`).join(" "),
    ];
    const shrunk = c.shrunkFraction !== null ? `${signif(100 * c.shrunkFraction, 3)}%` : e.relaxedNotUnique && c.coefficient !== 0 ? "—" : "";
    if (relaxed) row.push(c.relaxed === null ? "" : c.relaxed === 0 ? "." : signif(c.relaxed), shrunk);
    if (costs) {
      const d = costs.costs.find((k) => k.index === c.index);
      // Refit against now, + when the refit is worse: dropping costs, forcing in gains (a minus).
      const worse = (v: number) => (d!.kind === "drop" ? v : -v);
      const signed = (v: number) => `${v > 0 ? "+" : ""}${signif(v, 3)}`;
      row.push(
        d ? signed(worse(100 * d.devianceShare)) : "",
        ...(withCv ? [d && d.cv !== null ? signed(worse(d.cv)) : ""] : []),
        d && d.pullRatio !== null ? signif(d.pullRatio, 3) : "",
      );
    }
    return row;
  });
  const align = header.map((h) => (h === "" || h === "status" || h === "later changes" ? "left" : "right") as "left" | "right");
  const notes: string[] = [];
  const missing = e.relaxedMissing;
  if (missing) {
    notes.push(wrap(`relaxed: not shown: the ${missing.active} active variables exceed maxp = ${missing.maxp} (n − 3), ` +
      "and glmnet's relax does not refit an active set that large."));
  }
  const nu = e.relaxedNotUnique;
  if (nu) {
    notes.push(wrap(`relaxed: not unique: the ${nu.active} active columns have rank ${nu.rank}${nu.collinear.length ? ` (${nu.collinear.join(", ")} collinear)` : ""}, ` +
      "so the refit without penalty is one of many equally good ones; no shrinkage (—) can be read from it."));
  }
  if (costs) {
    notes.push(wrap("Δdev %: the training deviance (share of the null deviance) of the model refitted at this λ without the variable (one in the model) " +
      `or with it forced in without penalty (one at zero), minus the deviance now: + is worse${withCv ? `; Δcv: the same for the cross-validated ${costs.measure} on the same folds, + worse` : ""}; ` +
      "pull₀/price: its pull at zero (in the refit without it, or now) over its price λ·α·v: above 1, zero is no solution for it."));
  }
  if (e.coefficients.some((c) => c.pathDiffers)) {
    notes.push(wrap(`† the path as fitted (to thresh ${signif(e.pathThresh)}) has it the other way ${e.step !== null ? "at this λ" : "at the fitted λs either side"}: ` +
      "nonzero where it is zero here (its tolerance let it in), or zero where it is nonzero; the entry and later changes are the path's."));
  }
  return [formatTable(header, rows, align), ...notes].join("\n");
}

/** What the table's columns mean, on the scale the fit used. */
export function footnote(e: Explanation): string {
  // glmnet's least-squares solver divides y by its sd inside: the ridge part is on that scale.
  const sy = leastSquares(e.family) ? "/sd(y)" : "";
  if (isSurvival(e)) {
    return `pull: the partial-likelihood score Σ x̃·∂loglik/∂η (each row's event minus its expected share of the risk sets it is in), the data's push on the ${e.standardize ? "standardized " : ""}coefficient; price: λ·α·v; ridge: λ(1−α)·v·β̃; exp(β̃): the hazard ratio per ${e.standardize ? "standard deviation" : "unit"}.`;
  }
  return e.standardize
    ? `pull: Σ w·x̃·(y − μ), the data's push on the standardized coefficient; price: λ·α·v; ridge: λ(1−α)·v·β̃${sy}.`
    : `pull: Σ w·x̃·(y − μ) with x̃ = x centred, not scaled (--no-standardize): the data's push on the coefficient itself; price: λ·α·v; ridge: λ(1−α)·v·β${sy}.`;
}

/** Break prose into lines of at most `width` characters. */
export function wrap(text: string, width = 100, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

/** The line under the summary: which λ, how chosen, and the headline numbers. */
function lambdaLine(e: Explanation, f: FittedForExplain): string {
  const how = e.lambdaLabel === null ? "" : ` (${e.lambdaLabel === "lambdaMin" ? "λ_min" : "λ_1se"} of ${f.cv!.foldid.reduce((k, id) => Math.max(k, id), 0)}-fold cross-validation)`;
  // "Full precision" only when the KKT check shows no gap; otherwise the thresh the refit reached, and the gap.
  const gap = gapShows(e.kkt.maxViolation, e.kkt.scale);
  const refit = gap ? `to thresh ${signif(e.thresh)}, a KKT gap remaining` : `to full precision (thresh ${signif(e.thresh)})`;
  const where = e.source === "refit" ? `, not on the path: refitted at it ${refit}` : `, step ${e.step! + 1} of the path${e.refined ? (gap ? ` (refined ${refit})` : " (refined to full precision)") : ""}`;
  const pathDf = e.pathDf !== null && e.pathDf !== e.df ? ` (${e.pathDf} on the path as fitted)` : "";
  return `λ = ${signif(e.lambda)}${how}${where} · ${e.df} nonzero${pathDf} · devRatio ${signif(e.devRatio)} · largest KKT violation ${signif(e.kkt.maxViolation, 2)}${e.kkt.feature ? ` (${e.kkt.feature})` : ""}`;
}

/** The JSON form: the evidence as it is (Infinity as null), the spectrum, and the words. */
/** The Monte Carlo df at the explained λ for a gaussian fit (null otherwise), 100 simulated outcomes. */
export function dfFor(f: FittedForExplain, e: Explanation): DfEstimate | null {
  if (e.family !== "gaussian") return null;
  const d = f.data.design;
  const df = dfEstimate(f.path, { x: d.x, y: d.y, weights: d.weights, offset: d.offset }, { lambda: e.lambda, reps: 100, seed: 1 });
  // Data on scales whose covariances overflow (issue 21's fuzzer: λ near 1e-189) give no estimate to print.
  return Number.isFinite(df.df) && Number.isFinite(df.se) ? df : null;
}

/** The df line: Efron's covariance estimate beside the count of nonzeros. */
export function dfLine(df: DfEstimate, alpha: number): string {
  const reading = alpha === 1
    ? "for the lasso the expected number of nonzeros is an unbiased estimate of the df (Zou, Hastie & Tibshirani 2007), so the two agree up to the noise"
    : "the ridge part shrinks without setting to zero, so the df falls below the count of nonzeros";
  return wrap(`Degrees of freedom at this λ: ${signif(df.df, 3)} ± ${signif(df.se, 2)} by Monte Carlo (Efron's Σ Cov(ŷ_i, y_i)/σ² over ${df.reps} outcomes ` +
    `simulated on these rows around the fit, σ = ${signif(df.sigma, 4)}; the intercept's 1 not counted), beside ${df.nonzero} nonzero coefficients ` +
    `(${signif(df.meanNonzero, 3)} on average over the simulated outcomes): ${reading}.`);
}

export function explanationJson(e: Explanation, spectrum: RidgeSpectrum | null, cv: CvResult | null, costs?: DropCosts, df?: DfEstimate | null): Record<string, unknown> {
  const words = describe(e, spectrum ?? undefined, costs);
  return {
    family: e.family,
    alpha: e.alpha,
    features: e.features,
    positiveClass: e.positiveClass,
    standardize: e.standardize,
    lambda: e.lambda,
    lambdaLabel: e.lambdaLabel,
    source: e.source,
    step: e.step,
    intercept: e.intercept,
    devRatio: e.devRatio,
    df: e.df,
    pathDf: e.pathDf,
    pathThresh: e.pathThresh,
    thresh: e.thresh,
    outcomeScale: e.outcomeScale,
    kkt: e.kkt,
    coefficients: e.coefficients.map((c) => ({
      ...c, price: Number.isFinite(c.price) ? c.price : null, totalPrice: Number.isFinite(c.totalPrice) ? c.totalPrice : null,
      dropCost: costs?.costs.find((k) => k.index === c.index) ?? null,
    })),
    dfEstimate: df ?? null,
    dropCosts: costs ? { deviance: costs.deviance, nullDeviance: costs.nullDeviance, measure: costs.measure, cvError: costs.cvError, unfitted: costs.unfitted } : null,
    competitors: e.competitors,
    relaxedAvailable: e.relaxedAvailable,
    relaxedMissing: e.relaxedMissing,
    relaxedNotUnique: e.relaxedNotUnique,
    spectrum: spectrum === null ? null : {
      lambdaPrime: spectrum.lambdaPrime,
      rank: spectrum.rank,
      columns: spectrum.columns,
      nullDirections: spectrum.nullDirections,
      d2: Array.from(spectrum.d2),
      factor: Array.from(spectrum.factor),
      df: spectrum.df,
      unpenalized: spectrum.unpenalized,
      mostShrunk: spectrum.mostShrunk,
      approximate: spectrum.approximate,
    },
    cv: cv === null ? null : { measure: cv.measure, lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se, foldid: Array.from(cv.foldid) },
    words,
    notes: e.notes,
  };
}

/** A source's explanation: the evidence table with the drop costs, the footnote and the words (no spectrum or df: they read rows). */
const SOURCE_RENDER: ExplainRender = {
  text: (e, costs) => {
    const words = describe(e, undefined, costs);
    return [evidenceTable(e, costs), "", footnote(e), "", wrap(words.fit), "", ...words.coefficients.map((line) => wrap(`- ${line}`, 100).replace(/\n/g, "\n  ")), ""];
  },
  json: (e, costs) => explanationJson(e, null, null, costs),
  dropFeatures: dropCostFeatures,
};

export const command: Command = {
  name: "explain",
  summary: "why each coefficient is shrunk, set to zero or kept, at one λ",
  usage,
  description:
    "Fits the path (cross-validating it for --lambda min or 1se), then shows for every coefficient at that λ the\n" +
    "evidence of the KKT conditions: the pull of the data on it (|∂datafit/∂β| on the standardized scale), the\n" +
    "price of the penalty (λ·α·v), the ridge part, its status (active: pull = price; zero: pull < price, short by\n" +
    "the margin; at a bound; unpenalized; excluded; constant), when it entered the path and what happened later,\n" +
    "and the largest KKT violation of the whole solution. Then the same evidence in words. A λ that is not on the\n" +
    "path is refitted at that λ (not interpolated) to thresh 1e-14, or the path's --thresh if smaller, so that\n" +
    "pull = price can be read off; the KKT check says how far it holds. Data and fit options are those of `fit`.",
  options: [...DATA_OPTIONS, ...EXPLAIN_FIT_OPTIONS, ...OUTPUT_OPTIONS],
  run(args, io) {
    const family = stringOption(args, "family");
    if (isMultiFamilyName(family)) return runMultiExplain(args, io, usage, family);
    const location = sourceOf(fileArgument(args, usage));
    if (location !== null) return explainSource(args, io, fileArgument(args, usage), location, parseLambdaChoice(stringOption(args, "lambda")), SOURCE_RENDER);
    const f = fitForExplain(args, io, usage);
    if (isConcavePath(f)) return explainPrices(args, io, f);
    const e = explainFitted(f);
    for (const note of e.notes) io.stderr(`shrinkage: note: ${note}\n`);
    const spectrum = spectrumFor(f, e);
    const costs = dropCostsFor(f, e, io);
    const df = dfFor(f, e);
    if (stringOption(args, "format") === "json") {
      emit(args, io, stringifyJson(explanationJson(e, spectrum, f.cv, costs, df)));
      return;
    }
    const words = describe(e, spectrum ?? undefined, costs);
    const text = [
      summaryLine(f.path, f.data, f.fitMs),
      lambdaLine(e, f),
      "",
      evidenceTable(e, costs),
      "",
      footnote(e),
      "",
      wrap(words.fit),
      "",
      ...(df ? [dfLine(df, e.alpha), ""] : []),
      ...words.coefficients.map((line) => wrap(`- ${line}`, 100).replace(/\n/g, "\n  ")),
      "",
    ].join("\n");
    emit(args, io, text);
  },
};
