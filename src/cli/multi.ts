/**
 * `fit` and `cv` for the multi-response families (--family multinomial [--grouped], --family mgaussian
 * --target y1,y2,…): the data read by buildMultiDesign, the JSON of DESIGN.md's Wave 2 contract
 * ("classes", intercept [λ][k], coefficients [λ][k][j]) and a table with one coefficient block per class.
 */
import { cvMultiPathParallel } from "../cv/multi-parallel.node.js";
import { cvSparseMultiPathParallel } from "../cv/sparse-parallel.node.js";
import { cvMultiPath, type MultiCvOptions, type MultiCvResult, type MultiOutcome } from "../cv/multi-cv.js";
import { parseCsv } from "../data/csv.js";
import { readMultiDesign, type MultiDesign } from "../data/multi-design.js";
import { denseFeatures } from "../data/design.js";
import { sparseFeatures } from "../data/sparse-design.js";
import type { SparseMatrix } from "../data/sparse.js";
import { fitSparseMgaussianPath, fitSparseMultinomialPath, sparseShape } from "../solve/sparse-multi.js";
import { storedSparse } from "./sparse.js";
import { explainMulti, type MultiData as MultiExplainData, type MultiVariableEvidence } from "../explain/multi.js";
import { multiDropCosts, multiDropPhrase } from "../explain/multi-drop.js";
import { quote } from "../data/nearest.js";
import { OptionError } from "../errors.js";
import type { MultiFamilyName, MultiMeasure } from "../model/multi-family.js";
import { fitMgaussianPath, fitMultinomialPath } from "../solve/multi/fit.js";
import type { MultiFitOptions, MultiPath } from "../solve/multi/types.js";
import { flag, listOption, numberOption, stringOption, type ParsedArgs } from "./args.js";
import type { CommandIO } from "./command.js";
import { emit, fileArgument, fitOptionsFrom, refuseStandardizeResponse, stringifyJson, type LoadedData } from "./common.js";
import { fixed, formatCoefficients, formatTable, signif, spacedIndices } from "./format.js";
import { readTextFile } from "./io.js";

/** The data of a multi-response fit, as the commands read it. */
export interface MultiData {
  readonly file: string;
  readonly family: MultiFamilyName;
  readonly design: MultiDesign;
}

/** The data of a multi-response fit with the design by compressed columns (--sparse). */
export interface SparseMultiData {
  readonly file: string;
  readonly family: MultiFamilyName;
  readonly design: Omit<MultiDesign, "x"> & { readonly x: SparseMatrix };
}

export function isSparseMultiData(data: MultiData | SparseMultiData): data is SparseMultiData {
  return "colPtr" in data.design.x;
}

/** Read FILE: the targets from --target (a comma-separated list for mgaussian), the rest as `fit` reads it. */
export function loadMultiData(args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName): MultiData {
  const { file, design, features } = readMultiData(args, io, usage, family);
  return { file, family, design: { ...design, ...denseFeatures(features) } };
}

/** loadMultiData for `fit` and `cv`: the design stored as --sparse or --dense ask (sparse.ts). */
export function loadStoredMultiData(args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName, relaxable = false): MultiData | SparseMultiData {
  const { file, design, features } = readMultiData(args, io, usage, family, relaxable);
  if (storedSparse(args, io, family, features)) return { file, family, design: { ...design, ...sparseFeatures(features) } };
  return { file, family, design: { ...design, ...denseFeatures(features) } };
}

/** FILE read for a multi-response fit, its feature columns not yet written out. */
function readMultiData(args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName, relaxable = false): { file: string } & ReturnType<typeof readMultiDesign> {
  const file = fileArgument(args, usage);
  const target = stringOption(args, "target");
  if (target === undefined) throw new OptionError(`--target is required: name the column${family === "mgaussian" ? "s" : ""} to predict; usage: ${usage}`, "target");
  if (stringOption(args, "offset") !== undefined) throw new OptionError(`--offset is not supported for --family ${family}`, "offset");
  // `fit` and `cv` relax a multi-response path; explain and plot do not read a relaxed one.
  if (flag(args, "relax") && !relaxable) throw new OptionError(`--relax is not supported for --family ${family} in explain or plot (fit and cv take it)`, "relax");
  if (stringOption(args, "positive-class") !== undefined) throw new OptionError(`--positive-class applies to --family binomial only, not ${family}`, "positive-class");
  const thousandsOption = stringOption(args, "thousands");
  const thousands = (thousandsOption === "space" ? " " : thousandsOption ?? "") as "" | "," | "." | " " | "'";
  const decimal = (stringOption(args, "decimal") ?? ".") as "." | ",";
  const delimiter = stringOption(args, "delimiter");
  const table = parseCsv(readTextFile(file), { delimiter: delimiter === "tab" ? "\t" : delimiter });
  const { design, features } = readMultiDesign(table, {
    family,
    targets: target.split(",").map((t) => t.trim()).filter((t) => t !== ""),
    ignore: listOption(args, "ignore"),
    na: (stringOption(args, "na") ?? "error") as "error" | "drop",
    weights: stringOption(args, "weights"),
    foldid: stringOption(args, "foldid"),
    decimal,
    thousands,
  });
  for (const warning of [...table.warnings, ...design.warnings]) io.stderr(`shrinkage: warning: ${warning}\n`);
  if (design.droppedRows > 0) io.stderr(`shrinkage: dropped ${design.droppedRows} row${design.droppedRows === 1 ? "" : "s"} with a missing or non-numeric value (--na drop); ${features.kept} left\n`);
  return { file, design, features };
}

/** The fit options of the command line (those of `fit`, limits included, --relax for `fit` and `cv`; --offset was refused on reading, readMultiData). */
export function multiFitOptionsFrom(args: ParsedArgs, data: MultiData | SparseMultiData): MultiFitOptions {
  // fitOptionsFrom reads the design's names and rows alone.
  const asLoaded: LoadedData = {
    file: data.file, target: data.design.targets.join(","), table: undefined as never, family: "gaussian",
    design: { ...data.design, x: sparseShape(data.design.x), y: new Float64Array(data.design.x.n), positiveClass: null },
  };
  // Multi-response fits keep to one thread (--threads applies to the one-response families).
  const { family: _f, positiveClass: _p, offset: _o, threads: _t, ...options } = fitOptionsFrom(args, asLoaded);
  if (flag(args, "grouped") && data.family !== "multinomial") throw new OptionError("--grouped applies to --family multinomial (mgaussian is always grouped)", "grouped");
  refuseStandardizeResponse(args, data.family);
  return {
    ...options,
    ...(flag(args, "grouped") ? { grouped: true } : {}),
    ...(flag(args, "standardize-response") ? { standardizeResponse: true } : {}),
  };
}

export function multiOutcome(data: MultiData | SparseMultiData): MultiOutcome {
  return data.family === "multinomial" ? { family: "multinomial", labels: data.design.labels! } : { family: "mgaussian", y: data.design.y! };
}

/** The multi-response path of the data. */
export function fitMulti(data: MultiData | SparseMultiData, options: MultiFitOptions): MultiPath {
  if (isSparseMultiData(data)) {
    const { x } = data.design;
    return data.family === "multinomial"
      ? fitSparseMultinomialPath(x, data.design.labels!, options)
      : fitSparseMgaussianPath(x, data.design.y!, { ...options, responses: data.design.targets });
  }
  const { x } = data.design;
  return data.family === "multinomial"
    ? fitMultinomialPath(x, data.design.labels!, options)
    : fitMgaussianPath(x, data.design.y!, { ...options, responses: data.design.targets });
}

/** DESIGN.md's Wave 2 JSON: the single-response keys, with classes and per-class numbers nested [λ][k]. */
export function multiPathJson(path: MultiPath, fitMs: number): Record<string, unknown> {
  const p = path.features.length;
  return {
    family: path.family,
    alpha: path.alpha,
    ...(path.family === "multinomial" ? { grouped: path.grouped } : {}),
    features: [...path.features],
    positiveClass: null,
    classes: [...path.classes],
    lambda: Array.from(path.lambda),
    intercept: path.intercept.map((a) => Array.from(a)),
    coefficients: path.beta.map((b) => path.classes.map((_, k) => Array.from(b.subarray(k * p, (k + 1) * p)))),
    df: Array.from(path.df),
    devRatio: Array.from(path.devRatio),
    nullDeviance: path.nullDeviance,
    fitMs: Math.round(fitMs * 1000) / 1000,
    ...(path.relaxed ? { relaxed: {
      intercept: path.relaxed.intercept.map((a) => Array.from(a)),
      coefficients: path.relaxed.beta.map((b) => path.classes.map((_, k) => Array.from(b.subarray(k * p, (k + 1) * p)))),
      devRatio: Array.from(path.relaxed.devRatio),
    } } : {}),
  };
}

/** The table: what was fitted, Df/%Dev/λ per step, then one coefficient block per class at a few λs. */
export function multiPathText(path: MultiPath, data: MultiData | SparseMultiData, fitMs: number, indices = spacedIndices(path.lambda.length), labels?: readonly string[]): string {
  const { x } = data.design;
  const kind = path.family === "multinomial" ? `${path.grouped ? "grouped " : ""}multinomial` : `mgaussian${path.settings.standardizeResponse ? " (targets standardized)" : ""}`;
  const head = `${data.file}: ${data.design.targets.join(", ")} ~ ${kind} · alpha ${path.alpha} · ${x.n} rows · ${x.p} feature${x.p === 1 ? "" : "s"} · ${path.lambda.length} λ${path.lambda.length === 1 ? "" : "s"} · fitted in ${Math.round(fitMs)} ms`;
  const classes = `${path.family === "multinomial" ? "classes" : "responses"}: ${path.classes.map(quote).join(", ")}`;
  const rows = Array.from(path.lambda, (lambda, l) => [String(l + 1), String(path.df[l]), fixed(100 * path.devRatio[l]), signif(lambda)]);
  const p = x.p;
  const blocksOf = (fit: Pick<MultiPath, "intercept" | "beta">) => path.classes.flatMap((c, k) => [
    `${path.family === "multinomial" ? "Class" : "Response"} ${quote(c)}:`,
    formatCoefficients(path.features, indices.map((l, i) => ({
      label: `${labels?.[i] ?? "λ"}=${signif(path.lambda[l])}`,
      intercept: path.settings.intercept ? fit.intercept[l][k] : null,
      beta: fit.beta[l].subarray(k * p, (k + 1) * p),
    }))),
    "",
  ]);
  const relaxed = path.relaxed ? ["Relaxed (--relax): refitted without penalty on the same variables at those λs:", "", ...blocksOf(path.relaxed)] : [];
  return [head, classes, "", formatTable(["", "Df", "%Dev", "Lambda"], rows), "", "Coefficients per class at λs along the path (. = exactly zero):", "", ...blocksOf(path), ...relaxed].join("\n");
}

/** `fit` for a multi-response family. */
export function runMultiFit(args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName): void {
  const data = loadStoredMultiData(args, io, usage, family, true);
  const options = multiFitOptionsFrom(args, data);
  const start = performance.now();
  const path = fitMulti(data, options);
  const fitMs = performance.now() - start;
  for (const warning of path.warnings) io.stderr(`shrinkage: note: ${warning}\n`);
  emit(args, io, stringOption(args, "format") === "json" ? stringifyJson(multiPathJson(path, fitMs)) : multiPathText(path, data, fitMs));
}

/** `cv` for a multi-response family: the folds on --jobs threads. */
export async function runMultiCv(args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName): Promise<void> {
  const data = loadStoredMultiData(args, io, usage, family, true);
  const options = multiCvOptionsFrom(args, data);
  const start = performance.now();
  const jobs = numberOption(args, "jobs");
  const cv = isSparseMultiData(data) ? await cvSparseMultiPathParallel(data.design.x, multiOutcome(data), options, { jobs })
    : await cvMultiPathParallel(data.design.x, multiOutcome(data), options, { jobs });
  const fitMs = performance.now() - start;
  for (const warning of [...cv.path.warnings, ...cv.warnings]) io.stderr(`shrinkage: note: ${warning}\n`);
  if (stringOption(args, "format") === "json") {
    const r = cv.relaxed;
    const relaxed = r ? { relaxed: {
      gamma: r.gamma, cvm: r.cvm.map((a) => Array.from(a)), cvsd: r.cvsd.map((a) => Array.from(a)),
      lambdaMin: r.lambdaMin, gammaMin: r.gammaMin, lambda1se: r.lambda1se, gamma1se: r.gamma1se,
    } } : {};
    const json = { ...multiPathJson(cv.path, fitMs), cv: { measure: cv.measure, cvm: Array.from(cv.cvm), cvsd: Array.from(cv.cvsd), lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se, foldid: Array.from(cv.foldid), ...relaxed } };
    emit(args, io, stringifyJson(json));
    return;
  }
  emit(args, io, multiCvText(cv, data, fitMs));
}

/** The cross-validation options of the command line (--folds, --foldid, --seed, --measure, --fold-lambda). */
export function multiCvOptionsFrom(args: ParsedArgs, data: MultiData | SparseMultiData): MultiCvOptions {
  const options: MultiCvOptions = { ...multiFitOptionsFrom(args, data) };
  const foldLambda = stringOption(args, "fold-lambda");
  if (foldLambda !== undefined) options.foldLambda = foldLambda as "full" | "own";
  if (data.design.foldid !== undefined) options.foldid = data.design.foldid;
  else options.nfolds = numberOption(args, "folds") ?? 10;
  const seed = numberOption(args, "seed");
  if (seed !== undefined) options.seed = seed;
  const measure = stringOption(args, "measure");
  if (measure !== undefined) options.measure = measure as MultiMeasure;
  if (data.family === "mgaussian") options.responses = data.design.targets;
  return options;
}

function multiCvText(cv: MultiCvResult, data: MultiData | SparseMultiData, fitMs: number): string {
  const rows = Array.from(cv.lambda, (lambda, l) => [
    String(l + 1), signif(lambda), signif(cv.cvm[l], 6), `± ${signif(cv.cvsd[l])}`, String(cv.nzero[l]),
    l === cv.indexMin && l === cv.index1se ? "λ_min λ_1se" : l === cv.indexMin ? "λ_min" : l === cv.index1se ? "λ_1se" : "",
  ]);
  const line = (label: string, l: number) => `${label} = ${signif(cv.lambda[l])} (step ${l + 1}): ${cv.measure} ${signif(cv.cvm[l])} ± ${signif(cv.cvsd[l])}, ${cv.nzero[l]} nonzero`;
  const nfolds = cv.foldid.reduce((a, b) => Math.max(a, b), 0);
  return [
    `${nfolds}-fold cross-validation; measure: ${cv.measure}`,
    "",
    formatTable(["", "Lambda", "cvm", "cvsd", "Nonzero", ""], rows, ["right", "right", "right", "left", "right", "left"]),
    "",
    line("λ_min", cv.indexMin),
    line("λ_1se", cv.index1se),
    ...(cv.relaxed ? [
      `relaxed (blend γ·β + (1 − γ)·β_relaxed, cross-validated over γ = ${cv.relaxed.gamma.join(", ")}): ` +
        `minimum at λ = ${signif(cv.relaxed.lambdaMin)}, γ = ${cv.relaxed.gammaMin}; one standard error: λ = ${signif(cv.relaxed.lambda1se)}, γ = ${cv.relaxed.gamma1se}`,
    ] : []),
    "",
    multiPathText(cv.path, data, fitMs, [cv.indexMin, cv.index1se], ["λ_min", "λ_1se"]),
  ].join("\n");
}

/** `explain` for a multi-response family: every variable's K pulls against its price at one λ, and what dropping each kept one would cost. */
export function runMultiExplain(args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName): void {
  const { path, e, data, cv } = explainMultiFromArgs(args, io, usage, family);
  if (io.stderrIsTTY) io.stderr(`shrinkage: refitting without each of ${e.variables.filter((v) => (v.status === "kept" || v.status === "at-bound") && v.classes.length > 0).length} kept variables…`);
  const costs = multiDropCosts(path, data, { lambda: e.lambda, cv: cv ? { foldid: cv.foldid, measure: cv.measure } : undefined });
  if (io.stderrIsTTY) io.stderr("\r\x1b[K");
  const costOf = (j: number) => costs.costs.find((c) => c.index === j) ?? null;
  if (stringOption(args, "format") === "json") {
    const dropCosts = { deviance: costs.deviance, nullDeviance: costs.nullDeviance, measure: costs.measure, cvError: costs.cvError };
    emit(args, io, stringifyJson({ ...e, variables: e.variables.map((v, j) => ({ ...v, dropCost: costOf(j) })), dropCosts }));
    return;
  }
  const withCv = costs.cvError !== null;
  const limited = path.settings.lowerLimits.some(Number.isFinite) || path.settings.upperLimits.some(Number.isFinite);
  const rows = e.variables.map((v, j) => {
    const c = costOf(j);
    const cost = c ? [fixed(100 * c.devianceShare, 2), ...(withCv ? [signif(c.cv ?? NaN)] : []), c.pullRatio === null ? "–" : signif(c.pullRatio, 3)] : ["", ...(withCv ? [""] : []), ""];
    const held = limited ? [heldCell(v, e.classes)] : [];
    return [v.feature, v.status, signif(v.price), signif(v.pullSize), ...v.pulls.map((g) => signif(g)), ...v.coefficients.map((b) => (b === 0 ? "." : signif(b))), ...held, signif(v.violation, 2), ...cost];
  });
  const head = ["", "status", "price", path.grouped ? "‖pulls‖" : "max|pull|", ...e.classes.map((c) => `pull ${c}`), ...e.classes.map((c) => `β ${c}`), ...(limited ? ["at limit"] : []), "KKT gap", "Δdev %", ...(withCv ? [`Δcv ${costs.measure}`] : []), "pull₀/price"];
  const note = `Δdev %: the ${path.family === "mgaussian" ? "residual sum of squares" : "training deviance"} refitted at this λ without the variable, minus now, in % of the null${withCv ? `; Δcv: the same for the cross-validated ${costs.measure} on the same folds` : ""}; + is worse. ` +
    `pull₀/price: the ${path.grouped ? "length of its pulls" : "largest of its pulls"} at zero in that refit over its price (above 1: zero is no solution, which is why it is kept). ` +
    `KKT gap: how far its pulls are from the optimality conditions (${limited ? "a coefficient at a limit counts only where its pull falls short of holding it there; " : ""}largest ${signif(e.kkt.violation, 2)}${e.kkt.feature === null ? "" : `, ${e.kkt.feature}`}).`;
  const words = e.variables.map((v, j) => {
    const c = costOf(j);
    return c ? `${v.words} ${multiDropPhrase(c, costs, path)}` : v.words;
  });
  emit(args, io, [...e.words, "", formatTable(head, rows), "", note, "", ...words, ""].join("\n"));
}

/** The table's "at limit" cell: each class held at a limit, "b at lower 0, c at upper 0.3"; "" for none. */
function heldCell(v: MultiVariableEvidence, classes: readonly string[]): string {
  return classes.flatMap((c, k) => {
    const b = v.bounds[k];
    return b === null ? [] : [`${c} at ${b.side} ${signif(b.value)}`];
  }).join(", ");
}

/** The explanation at --lambda (min or 1se cross-validate, the default 1se): explain's numbers, plot's pull chart. */
export function explainMultiFromArgs(
  args: ParsedArgs, io: CommandIO, usage: string, family: MultiFamilyName,
): { path: MultiPath; e: ReturnType<typeof explainMulti>; data: MultiExplainData; cv: MultiCvResult | null } {
  const lambdaText = stringOption(args, "lambda") ?? "1se";
  const rest: ParsedArgs = { ...args, values: new Map([...args.values].filter(([k]) => k !== "lambda")) };
  const data = loadMultiData(rest, io, usage, family);
  const options = multiFitOptionsFrom(rest, data);
  let path: MultiPath;
  let lambda: number;
  let cvResult: MultiCvResult | null = null;
  if (lambdaText === "min" || lambdaText === "1se") {
    const cvOptions: MultiCvOptions = { ...multiCvOptionsFrom(rest, data), responses: data.design.targets };
    const cv = cvMultiPath(data.design.x, multiOutcome(data), cvOptions);
    for (const warning of cv.warnings) io.stderr(`shrinkage: note: ${warning}\n`);
    path = cv.path;
    cvResult = cv;
    lambda = lambdaText === "min" ? cv.lambdaMin : cv.lambda1se;
  } else {
    lambda = Number(lambdaText);
    if (!(lambda >= 0) || lambdaText.trim() === "") throw new OptionError(`--lambda: ${JSON.stringify(lambdaText)} is not a number ≥ 0, min or 1se`, "lambda");
    path = fitMulti(data, options);
    // A λ off the path is refitted there (the path's λs above it, then it), so the evidence is exact.
    if (!path.lambda.includes(lambda)) path = fitMulti(data, { ...options, lambda: [...Array.from(path.lambda).filter((l) => l > lambda), lambda] });
  }
  for (const warning of path.warnings) io.stderr(`shrinkage: note: ${warning}\n`);
  const y = data.family === "multinomial"
    ? path.classes.map((c) => Float64Array.from(data.design.labels!, (l) => (String(l) === c ? 1 : 0)))
    : data.design.y!;
  const explained: MultiExplainData = { x: data.design.x, y, weights: data.design.weights };
  return { path, e: explainMulti(path, explained, lambda), data: explained, cv: cvResult };
}
