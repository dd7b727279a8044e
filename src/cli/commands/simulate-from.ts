/**
 * `shrinkage simulate --from FILE --target COL`: known truth on the user's own design. Plants a sparse truth
 * (the relaxed fit at λ_1se, or --truth name=value,…) on their rows and columns, draws outcomes around it
 * with noise at the fit's residual scale, refits each with cross-validation and reports recovery, sign
 * errors and bias, with the irrepresentable condition of their X (src/simulate/planted.ts).
 */
import { OptionError } from "../../errors.js";
import type { ModelMatrix } from "../../data/matrix.js";
import type { FitOptions } from "../../solve/types.js";
import type { ConcaveMethod } from "../../simulate/concave.js";
import { simulateOnData, type PlantedChoice, type PlantedSummary } from "../../simulate/planted.js";
import { comparePenaltiesOnData, type PlantedPenalties } from "../../simulate/planted-penalties.js";
import { flag, listOption, mapOption, numberOption, stringOption, type OptionSpec, type ParsedArgs } from "../args.js";
import type { CommandIO } from "../command.js";
import { formatTable, signif } from "../format.js";
import { DATA_OPTIONS, emit, fitOptionsFrom, loadData, stringifyJson } from "../common.js";
import { wrap } from "./explain.js";

/** The options --from adds to simulate (its --family, --seed, --reps and --folds serve both). */
export const FROM_OPTIONS: readonly OptionSpec[] = [
  { name: "from", kind: "string", value: "FILE", help: "simulate on the rows and columns of this data file (with --target), around a planted truth", default: "a made-up design" },
  ...DATA_OPTIONS.filter((o) => o.name !== "family"),
  { name: "truth", kind: "map", value: "F=V,…", help: "with --from: the planted coefficients by feature (data's scale), the others 0", default: "the relaxed fit at λ_1se" },
  { name: "alpha", kind: "number", value: "A", help: "with --from: elastic-net mixing of the fits (1 lasso)", default: "1", check: (v) => (v >= 0 && v <= 1 ? null : "must be between 0 and 1") },
];

/** The design options of a made-up design, which --from replaces. */
const DESIGN_ONLY = ["scenario", "n", "p", "s", "size", "signs", "positions", "design", "rho", "block-size", "snr", "sigma", "methods", "n-test", "plot", "nlambda", "lambda-min-ratio", "jobs"];

const pc = (v: number) => `${Math.round(v * 100)}%`;

function choiceRow(label: string, c: PlantedChoice): string[] {
  const bias = c.bias.length ? c.bias.reduce((s, b) => s + Math.sign(b.beta) * b.bias, 0) / c.bias.length : NaN;
  return [label, pc(c.pExact), pc(c.pAllFound), signif(c.meanTP, 3), signif(c.meanFP, 3), pc(c.pSignError), Number.isNaN(bias) ? "" : signif(bias, 3)];
}

/** The readable report. */
export function plantedReport(s: PlantedSummary, file: string): string {
  const t = s.truth;
  const planted = Array.from(t.support, (j) => `${s.features[j]} = ${signif(t.beta[j], 4)}`);
  const source = t.source === "given" ? "given by --truth" : `the relaxed fit at λ_1se = ${signif(t.lambda1se, 4)} (its variables refitted without penalty)`;
  const noise = Number.isNaN(t.sigma) ? "outcomes drawn as 0/1 with P(y = 1) = 1/(1 + e^−η)" : `noise sd σ = ${signif(t.sigma, 4)} (the relaxed fit's residual sd)`;
  const lines = [
    wrap(`${file}: ${s.reps} repetitions on your ${s.features.length} columns and rows; planted truth (${source}): ${planted.join(", ") || "none"}; ${noise}; seed ${s.seed}.`),
    "",
    wrap(s.irrepresentable.sentence),
    "",
    formatTable(["", "exact set", "all found", "true pos", "false pos", "sign error", "bias"], [choiceRow("λ_min", s.lambdaMin), choiceRow("λ_1se", s.lambda1se)],
      ["left", "right", "right", "right", "right", "right", "right"]),
    "",
    wrap("exact set: share of repetitions selecting exactly the planted variables; all found: every planted variable selected; true/false pos: mean counts; " +
      "sign error: share with some planted variable selected with the wrong sign; bias: mean over the planted coefficients of sign(β_j)·(mean β̂_j − β_j), negative = shrunk toward zero."),
    "",
    "Each planted coefficient at λ_1se:",
    formatTable(["", "planted", "mean estimate", "bias", "selected"], s.lambda1se.bias.map((b) => [b.variable, signif(b.beta, 4), signif(b.meanEstimate, 4), signif(b.bias, 3), pc(b.selected)]),
      ["left", "right", "right", "right", "right"]),
  ];
  const others = s.features.map((f, j) => ({ f, v: s.lambda1se.selectionFrequency[j], planted: t.beta[j] !== 0 })).filter((o) => !o.planted && o.v > 0).sort((a, b) => b.v - a.v);
  if (others.length > 0) lines.push("", `Selected at λ_1se though not planted: ${others.slice(0, 8).map((o) => `${o.f} (${pc(o.v)})`).join(", ")}.`);
  return `${lines.join("\n")}\n`;
}

/** Run simulate --from. */
export function runFrom(args: ParsedArgs, io: CommandIO, usage: string, progress: { update(done: number, total: number): void; clear(): void }): void {
  const penalties = flag(args, "penalties");
  // --methods picks among the penalties with --penalties; otherwise it describes a made-up experiment.
  const given = DESIGN_ONLY.filter((o) => args.values.has(o) && !(penalties && o === "methods"));
  if (given.length > 0) throw new OptionError(`--${given[0]} describes a made-up design and cannot be combined with --from (the design is your data)`, given[0]);
  if (args.positionals.length > 0) throw new OptionError(`unexpected argument ${JSON.stringify(args.positionals[0])}; give the data file as --from FILE`);
  const from = stringOption(args, "from")!;
  const withFile: ParsedArgs = { ...args, positionals: [from] };
  const data = loadData(withFile, io, usage);
  const fit = fitOptionsFrom(withFile, data);
  if (penalties) return runFromPenalties(args, io, { from, x: data.design.x, y: data.design.y, fit }, progress);
  let summary: PlantedSummary;
  try {
    summary = simulateOnData(data.design.x, data.design.y, {
      fit, truth: mapOption(args, "truth"), reps: numberOption(args, "reps") ?? 50, seed: numberOption(args, "seed"), nfolds: numberOption(args, "folds"),
    }, progress.update);
  } finally {
    progress.clear();
  }
  if (stringOption(args, "format") === "json") {
    emit(args, io, stringifyJson({ from, ...summary, truth: { ...summary.truth, beta: Array.from(summary.truth.beta), support: Array.from(summary.truth.support, (j) => summary.features[j]), sigma: Number.isNaN(summary.truth.sigma) ? null : summary.truth.sigma } }));
    return;
  }
  emit(args, io, plantedReport(summary, from));
}

/** simulate --from FILE --penalties: the lasso, MCP, SCAD and the adaptive lasso on a truth planted on the user's design. */
function runFromPenalties(
  args: ParsedArgs, io: CommandIO, d: { from: string; x: ModelMatrix; y: Float64Array; fit: FitOptions },
  progress: { update(done: number, total: number): void; clear(): void },
): void {
  let result: PlantedPenalties;
  try {
    result = comparePenaltiesOnData(d.x, d.y, {
      fit: d.fit, truth: mapOption(args, "truth"), reps: numberOption(args, "reps") ?? 20, seed: numberOption(args, "seed"), nfolds: numberOption(args, "folds"),
      methods: listOption(args, "methods") as ConcaveMethod[] | undefined,
    }, progress.update);
  } finally {
    progress.clear();
  }
  const t = result.truth;
  if (stringOption(args, "format") === "json") {
    emit(args, io, stringifyJson({
      from: d.from, reps: result.reps, seed: result.seed,
      truth: { ...t, beta: Array.from(t.beta), support: Array.from(t.support, (j) => result.features[j]), sigma: Number.isNaN(t.sigma) ? null : t.sigma },
      penalties: result.penalties.map((r) => ({ ...r, survivorBias: Number.isFinite(r.survivorBias) ? r.survivorBias : null })),
    }));
    return;
  }
  const planted = Array.from(t.support, (j) => `${result.features[j]} = ${signif(t.beta[j], 4)}`);
  const source = t.source === "given" ? "--truth" : "the relaxed fit at λ_1se";
  const table = formatTable(
    ["", "exact recovery", "false selections", "true selections", "bias of kept true β"],
    result.penalties.map((r) => [r.method, pc(r.exact), r.falseSelections.toFixed(1), r.trueSelections.toFixed(1), Number.isFinite(r.survivorBias) ? signif(r.survivorBias, 3) : "-"]),
  );
  emit(args, io, [
    wrap(`${d.from}: ${result.reps} repetitions on your ${result.features.length} columns and rows; planted truth (${source}): ${planted.join(", ") || "none"}; seed ${result.seed}.`),
    wrap("Each method at its cross-validated λ_min, on the same folds; bias is (β̂ − β)·sign(β) over the kept true coefficients, negative when shrunk toward zero."),
    "",
    table,
    "",
  ].join("\n"));
}
