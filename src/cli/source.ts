/**
 * `fit` and `cv` on a source an engine reads (a Parquet file, a CSV too large for memory, DuckDB,
 * PostgreSQL, ClickHouse): the engine scans for sufficient statistics, the path is fitted from them.
 */
import { OptionError } from "../errors.js";
import { quote } from "../data/nearest.js";
import { familyOf } from "../model/families/index.js";
import type { FamilyName } from "../model/family.js";
import { cvFromStats, fitFromStats, type SourceCv } from "../source/fit.js";
import type { Location } from "../source/location.js";
import { openSource } from "../source/open.node.js";
import { scanSource, type Engine, type FoldSpec, type SourceStats } from "../source/scan.js";
import { fitGlmFromSource } from "../source/irls.js";
import { cvGlmFromSource } from "../source/glm-cv.js";
import type { Path } from "../solve/types.js";
import { listOption, numberOption, stringOption, type ParsedArgs } from "./args.js";
import type { CommandIO } from "./command.js";
import { fitOptionsFrom, pathCoefficients, pathJson, pathTable, reportPathWarnings, stringifyJson, emit } from "./common.js";
import { signif } from "./format.js";
import { explainFromStats, explainGlmFromSource } from "../explain/source.js";
import { dropCostsFromStats, dropCostsGlmFromSource } from "../explain/source-drop.js";
import type { DropCosts } from "../explain/drop.js";
import type { Explanation, LambdaChoice } from "../explain/explain.js";

/** A source command's progress on stderr, one line rewritten in place, only on a terminal (undefined: none). */
export function progressLine(io: CommandIO): ((message: string) => void) | undefined {
  return io.stderrIsTTY ? (m: string) => io.stderr(`\r\x1b[Kshrinkage: ${m}`) : undefined;
}

/** Erase progressLine's line, if there is one. */
export function clearProgressLine(io: CommandIO, progress: ((message: string) => void) | undefined): void {
  if (progress) io.stderr("\r\x1b[K");
}

/** Options of a file that a source cannot honour, with why. */
const ROW_OPTIONS: Record<string, string> = {
  offset: "an offset needs each row's value",
  relax: "the relaxed refits need the rows",
  "positive-class": "a binomial target from a source is numeric 0/1",
  penalty: "ncvreg's MCP and SCAD paths read the rows",
  gamma: "ncvreg's MCP and SCAD paths read the rows",
  adaptive: "the adaptive lasso's first fit is cross-validated on the rows",
};

/**
 * Scan the source for the statistics the command needs (grouped by fold for cv), then `use` them while
 * the engine is open (IRLS scans again at every Newton step).
 */
export async function scanFor<T>(args: ParsedArgs, io: CommandIO, location: Location, folds: FoldSpec, use: (s: { stats: SourceStats; family: FamilyName; engine: Engine }) => Promise<T> | T): Promise<T> {
  const target = stringOption(args, "target");
  if (target === undefined) throw new OptionError("--target is required: name the column to predict", "target");
  const family = (stringOption(args, "family") ?? "gaussian") as FamilyName;
  for (const [option, why] of Object.entries(ROW_OPTIONS)) {
    if (args.values.has(option)) throw new OptionError(`--${option} cannot be used with a source (${why})`, option);
  }
  const progress = progressLine(io);
  const engine = await openSource(location);
  try {
    const stats = await scanSource(engine, {
      target,
      ignore: listOption(args, "ignore"),
      weights: stringOption(args, "weights"),
      na: (stringOption(args, "na") ?? "error") as "error" | "drop",
    }, { folds, onProgress: progress });
    clearProgressLine(io, progress);
    for (const warning of stats.design.warnings) io.stderr(`shrinkage: warning: ${warning}\n`);
    if (stats.droppedRows > 0) io.stderr(`shrinkage: dropped ${stats.droppedRows} row${stats.droppedRows === 1 ? "" : "s"} with a missing or non-numeric value in a used column (--na drop); ${stats.rows} left\n`);
    return await use({ stats, family, engine });
  } finally {
    await engine.close();
  }
}

/** The design's names as fitOptionsFrom reads them (a source's design has no rows). */
export function namesOf(stats: SourceStats, family: FamilyName) {
  const design = { x: { names: stats.names, p: stats.names.length }, featureColumns: stats.design.featureColumns, positiveClass: null, weights: undefined, offset: undefined };
  return { design, family };
}

/** The JSON's "source" object (DESIGN.md, Wave 2 contracts). */
function sourceJson(stats: SourceStats): Record<string, unknown> {
  return { engine: stats.engine, rows: stats.rows, scanMs: Math.round(stats.scanMs * 1000) / 1000 };
}

function summary(file: string, target: string, path: Path, stats: SourceStats, fitMs: number): string {
  const p = stats.names.length;
  return `${file}: ${target} ~ ${path.family} · alpha ${path.alpha} · ${stats.rows} rows · ${p} feature${p === 1 ? "" : "s"} · ${path.lambda.length} λ${path.lambda.length === 1 ? "" : "s"} · ` +
    `scanned by ${stats.engine} in ${Math.round(stats.scanMs)} ms, fitted in ${Math.round(fitMs)} ms`;
}

/** `shrinkage fit SOURCE`: the path from the source's statistics. */
export async function fitSource(args: ParsedArgs, io: CommandIO, file: string, location: Location): Promise<void> {
  const progress = progressLine(io);
  const { stats, path, fitMs } = await scanFor(args, io, location, { kind: "none" }, async ({ stats, family, engine }) => {
    const options = fitOptionsFrom(args, namesOf(stats, family));
    const start = performance.now();
    const path = familyOf(family).solver === "irls" ? await fitGlmFromSource(engine, stats, options, progress) : fitFromStats(stats, options);
    clearProgressLine(io, progress);
    return { stats, path, fitMs: performance.now() - start };
  });
  reportPathWarnings(path, io);
  if (stringOption(args, "format") === "json") {
    emit(args, io, stringifyJson({ ...pathJson(path, fitMs), source: sourceJson(stats) }));
    return;
  }
  const text = [summary(file, stringOption(args, "target")!, path, stats, fitMs), "", pathTable(path), "", "Coefficients at λs along the path (. = exactly zero):", pathCoefficients(path), ""];
  emit(args, io, text.join("\n"));
}

/** How cv groups a source's rows into folds: a fold-id column, or K folds from a key column's hash. */
export function foldsFrom(args: ParsedArgs): FoldSpec {
  const foldid = stringOption(args, "foldid");
  const key = stringOption(args, "fold-key");
  if (foldid !== undefined && key !== undefined) throw new OptionError("give either --foldid or --fold-key, not both", "fold-key");
  if (foldid !== undefined) return { kind: "column", column: foldid };
  if (key === undefined) throw new OptionError("cross-validating a source needs its folds: --fold-key COL (K folds from a stable hash of COL) or --foldid COL (a column of fold numbers)", "fold-key");
  return { kind: "key", column: key, folds: numberOption(args, "folds") ?? 10 };
}

/** `shrinkage cv SOURCE`: cross-validation from per-fold statistics, one scan. */
export async function cvSource(args: ParsedArgs, io: CommandIO, file: string, location: Location, table: (cv: SourceCv) => string, measureName: (m: SourceCv["measure"]) => string = String): Promise<void> {
  const folds = foldsFrom(args);
  const progress = progressLine(io);
  const { stats, cv, fitMs } = await scanFor(args, io, location, folds, async ({ stats, family, engine }) => {
    const options = { ...fitOptionsFrom(args, namesOf(stats, family)), measure: stringOption(args, "measure") };
    const start = performance.now();
    const cv = familyOf(family).solver === "irls" ? await cvGlmFromSource(engine, stats, options, progress) : cvFromStats(stats, options);
    clearProgressLine(io, progress);
    return { stats, cv, fitMs: performance.now() - start };
  });
  for (const warning of [...cv.path.warnings, ...cv.warnings]) io.stderr(`shrinkage: note: ${warning}\n`);
  if (stringOption(args, "format") === "json") {
    const json = {
      ...pathJson(cv.path, fitMs),
      cv: { measure: cv.measure, cvm: Array.from(cv.cvm), cvsd: Array.from(cv.cvsd), lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se, foldRows: cv.foldRows },
      source: sourceJson(stats),
    };
    emit(args, io, stringifyJson(json));
    return;
  }
  const how = folds.kind === "key" ? `folds from a hash of column ${quote(folds.column)}` : `folds from column ${quote((folds as { column: string }).column)}`;
  const text = [
    summary(file, stringOption(args, "target")!, cv.path, stats, fitMs),
    `${cv.foldRows.length}-fold cross-validation (${how}); measure: ${measureName(cv.measure)} (${cv.measure})`,
    "",
    table(cv),
    "",
    "Coefficients at λ_min and λ_1se (. = exactly zero):",
    pathCoefficients(cv.path, [cv.indexMin, cv.index1se], ["λ_min", "λ_1se"]),
    "",
  ];
  emit(args, io, text.join("\n"));
}

/** How `explain` renders an explanation: its table and words, and its JSON (commands/explain.ts). */
export interface ExplainRender {
  text(e: Explanation, costs: DropCosts): string[];
  json(e: Explanation, costs: DropCosts): Record<string, unknown>;
  /** The variables whose drop costs to compute. */
  dropFeatures(e: Explanation): number[];
}

/**
 * `shrinkage explain SOURCE`: the path from the source (cross-validated for λ_min or λ_1se), explained
 * at the λ: gaussian from the same statistics (explainFromStats, no further scan); binomial and Poisson
 * with one more pass for the pulls, and IRLS passes to refit a λ off the path (explainGlmFromSource);
 * then the drop costs, refitted likewise (explain/source-drop.ts), cross-validated on the folds when any ran.
 */
export async function explainSource(args: ParsedArgs, io: CommandIO, file: string, location: Location, choice: LambdaChoice, render: ExplainRender): Promise<void> {
  const needCv = typeof choice !== "number";
  const folds: FoldSpec = needCv ? foldsFrom(args) : { kind: "none" };
  const withoutLambda = { ...args, values: new Map([...args.values].filter(([k]) => k !== "lambda")) };
  const progress = progressLine(io);
  const { stats, path, cv, fitMs, e, costs } = await scanFor(args, io, location, folds, async ({ stats, family, engine }) => {
    const options = fitOptionsFrom(withoutLambda, namesOf(stats, family));
    const start = performance.now();
    if (familyOf(family).solver === "irls") {
      const cv = needCv ? await cvGlmFromSource(engine, stats, options, progress) : null;
      const path = cv?.path ?? (await fitGlmFromSource(engine, stats, options, progress));
      const fitMs = performance.now() - start;
      progress?.("explaining: the pulls at the solution");
      const e = await explainGlmFromSource(engine, stats, path, { lambda: choice, cv: cv ?? undefined });
      const features = render.dropFeatures(e);
      progress?.(`refitting without each of ${features.length} variables`);
      const costs = await dropCostsGlmFromSource(engine, stats, path, { lambda: e.lambda, features, cv: cv ? { measure: cv.measure } : undefined }, progress);
      clearProgressLine(io, progress);
      return { stats, path, cv, fitMs, e, costs };
    }
    if (familyOf(family).solver !== "least-squares") throw new OptionError(`explain from a source is for gaussian, binomial and Poisson fits, not ${family}`, "family");
    const cv = needCv ? cvFromStats(stats, options) : null;
    const path = cv?.path ?? fitFromStats(stats, options);
    const fitMs = performance.now() - start;
    const e = explainFromStats(stats, path, { lambda: choice, cv: cv ?? undefined });
    const costs = dropCostsFromStats(stats, path, { lambda: e.lambda, features: render.dropFeatures(e), cv: cv ? { measure: cv.measure } : undefined });
    return { stats, path, cv, fitMs, e, costs };
  });
  for (const note of [...path.warnings, ...e.notes]) io.stderr(`shrinkage: note: ${note}\n`);
  if (stringOption(args, "format") === "json") {
    const cvJson = cv && { measure: cv.measure, lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se, foldRows: cv.foldRows };
    // "source" already says where the explained solution comes from (the path, or a refit): the scan is "scan".
    emit(args, io, stringifyJson({ ...render.json(e, costs), cv: cvJson, scan: sourceJson(stats) }));
    return;
  }
  const how = e.lambdaLabel === null ? "" : ` (${e.lambdaLabel === "lambdaMin" ? "λ_min" : "λ_1se"} of ${cv!.foldRows.length}-fold cross-validation)`;
  const refitBy = familyOf(path.family).solver === "irls" ? "by IRLS passes over the source" : "from the statistics";
  const where = e.source === "refit" ? `, not on the path: refitted at it ${refitBy}` : `, step ${e.step! + 1} of the path`;
  const text = [
    summary(file, stringOption(args, "target")!, path, stats, fitMs),
    `λ = ${signif(e.lambda)}${how}${where} · ${e.df} nonzero · devRatio ${signif(e.devRatio)} · largest KKT violation ${signif(e.kkt.maxViolation, 2)}`,
    "",
    ...render.text(e, costs),
  ];
  emit(args, io, text.join("\n"));
}
