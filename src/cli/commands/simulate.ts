/**
 * `shrinkage simulate`: build a problem with a known sparse truth, fit every method on many samples of
 * it, and report how often each finds the true variables, how far off the coefficients are, and how
 * biased the survivors are, at the λs cross-validation chooses.
 */
import { availableParallelism, totalmem } from "node:os";
import { OptionError } from "../../errors.js";
import { renderSvg } from "../../plot/render.node.js";
import { recoveryChart } from "../../plot/recovery.js";
import { familyOf } from "../../model/families/index.js";
import type { Correlation, Design, DesignSpec } from "../../simulate/design.js";
import { compareConcave, type ConcaveMethod } from "../../simulate/concave.js";
import { makeDesign } from "../../simulate/design.js";
import { DEFAULT_N_TEST, DEFAULT_REPS, METHODS, type ChosenSummary, type ExperimentOptions, type Method, type SimulationSummary } from "../../simulate/experiment.js";
import { runExperimentParallel } from "../../simulate/parallel.node.js";
import { SCENARIOS, scenario as findScenario, type Scenario } from "../../simulate/scenarios.js";
import { flag, listOption, numberOption, settingLibraryOptions, stringOption, type OptionSpec, type ParsedArgs } from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { fixed, formatTable, signif } from "../format.js";
import { describeSize, writeTextFile } from "../io.js";
import { OUTPUT_OPTIONS, emit, stringifyJson } from "../common.js";
import { FROM_OPTIONS, runFrom } from "./simulate-from.js";

const usage = "shrinkage simulate [--scenario NAME | --n N --p P --s S --design ar1|block|independent --rho R --snr X | --from FILE --target COL [--truth F=V,…]] [options]";

const atLeast = (min: number) => (v: number) => (v >= min ? null : `must be at least ${min}`);
const positive = (v: number) => (v > 0 ? null : "must be positive");

/** Options that describe the design; a scenario fixes them (except the ones it lets you change). All but
 * --design set the library option of their name (makeDesign's spec, its correlation, scenario). */
const DESIGN_OPTIONS: readonly OptionSpec[] = settingLibraryOptions([
  { name: "scenario", kind: "choice", choices: SCENARIOS.map((s) => s.name), value: "NAME", help: `a ready-made design: ${SCENARIOS.map((s) => s.name).join(", ")}`, default: "none: describe the design with the options below" },
  { name: "n", kind: "integer", value: "N", help: "observations per repetition (also with --scenario)", default: "100", check: atLeast(3) },
  { name: "p", kind: "integer", value: "P", help: "number of predictors", default: "20", check: atLeast(1) },
  { name: "s", kind: "integer", value: "S", help: "number of nonzero true coefficients", default: "5", check: atLeast(0) },
  { name: "size", kind: "number", value: "B", help: "size of each nonzero true coefficient (also with --scenario)", default: "1", check: positive },
  { name: "signs", kind: "choice", choices: ["positive", "alternating"], help: "signs of the true coefficients", default: "positive" },
  { name: "positions", kind: "choice", choices: ["first", "spread"], help: "where the true coefficients sit: x1..xS, or spread evenly", default: "first" },
  { name: "design", kind: "choice", choices: ["independent", "ar1", "block"], help: "correlation of the predictors: none, AR(1) (ρ^|j−k|), or equicorrelated blocks", default: "independent, or ar1 when --rho is given" },
  { name: "rho", kind: "number", value: "R", help: "correlation ρ for ar1 (−1 < ρ < 1) or block (0 ≤ ρ < 1)", default: "0.5" },
  { name: "block-size", kind: "integer", value: "K", help: "predictors per block for --design block", default: "5", check: atLeast(1) },
  { name: "snr", kind: "number", value: "X", help: "signal-to-noise ratio Var(xβ)/σ² (sets σ; also with --scenario)", default: "σ = 1", check: positive },
  { name: "sigma", kind: "number", value: "S", help: "noise standard deviation σ (also with --scenario)", default: "1", check: positive },
  { name: "family", kind: "choice", choices: ["gaussian", "binomial"], help: "outcome: y = xβ + σε, or a 0/1 outcome with P(y = 1) = 1/(1 + e^−xβ)", default: "gaussian" },
]).map(({ api, ...o }) => (o.name === "design" ? o : { ...o, api }));

/** The experiment's options; all but --plot and --penalties set the library option of their name. */
const EXPERIMENT_OPTIONS: readonly OptionSpec[] = [
  ...settingLibraryOptions([
  { name: "methods", kind: "list", value: "M,…", help: `methods to compare among ${METHODS.join(", ")}`, default: "all four" },
  { name: "reps", kind: "integer", value: "R", help: "repetitions (fresh samples of the design)", default: "100", check: atLeast(1) },
  { name: "seed", kind: "integer", value: "S", help: "seed: the same seed gives the same numbers, however many --jobs", default: "1" },
  { name: "jobs", kind: "integer", value: "N", help: "repetitions run at once (worker threads)", default: "one per core", check: atLeast(1) },
  { name: "folds", api: "nfolds", kind: "integer", value: "K", help: "cross-validation folds for λ_min and λ_1se", default: "10", check: atLeast(3) },
  { name: "nlambda", kind: "integer", value: "N", help: "points on the λ/λ_max grid", default: "100", check: atLeast(2) },
  { name: "lambda-min-ratio", kind: "number", value: "R", help: "smallest λ/λ_max of the grid", default: "0.01 if n < p, else 1e-4", check: (v) => (v > 0 && v < 1 ? null : "must be between 0 and 1 (exclusive)") },
  { name: "n-test", kind: "integer", value: "N", help: "fresh rows per repetition for the prediction error", default: "1000", check: atLeast(1) },
  ]),
  { name: "plot", kind: "string", value: "FIG.svg", help: "also draw the recovery probability along λ into an SVG file", default: "no chart" },
  { name: "penalties", kind: "flag", help: "instead: the lasso, MCP, SCAD and the adaptive lasso at their cross-validated λ_min (exact recovery, false selections, bias of the kept true coefficients), on the design or, with --from, on a truth planted on your data; --methods then picks among lasso, mcp, scad, adaptive", default: "off" },
];

/** Options a scenario leaves open, and those it fixes. */
const SCENARIO_OPEN = new Set(["n", "size", "snr", "sigma"]);
const SCENARIO_FIXED = DESIGN_OPTIONS.map((o) => o.name).filter((name) => name !== "scenario" && !SCENARIO_OPEN.has(name));

/** The design the options describe: a scenario (with the changes it allows) or one built from scratch. */
export function designSpecFrom(args: ParsedArgs): { spec: DesignSpec; scenario: Scenario | null } {
  const name = stringOption(args, "scenario");
  const sigma = numberOption(args, "sigma");
  const snr = numberOption(args, "snr");
  if (sigma !== undefined && snr !== undefined) throw new OptionError("give the noise as --sigma or as --snr, not both", "snr");
  const noise = sigma !== undefined ? { sigma, snr: undefined } : snr !== undefined ? { snr, sigma: undefined } : {};
  const n = numberOption(args, "n");
  const size = numberOption(args, "size");
  if (name !== undefined) {
    const fixedGiven = SCENARIO_FIXED.filter((option) => args.values.has(option));
    if (fixedGiven.length > 0) {
      throw new OptionError(`--${fixedGiven[0]} cannot be combined with --scenario ${name}: the scenario fixes it (only --n, --size, --snr and --sigma can change)`, fixedGiven[0]);
    }
    const chosen = findScenario(name);
    const spec: DesignSpec = { ...chosen.spec, ...noise };
    if (n !== undefined) spec.n = n;
    if (size !== undefined) spec.size = size;
    return { spec, scenario: chosen };
  }
  const rho = numberOption(args, "rho");
  const designName = stringOption(args, "design") ?? (rho !== undefined ? "ar1" : "independent");
  let correlation: Correlation;
  if (designName === "independent") {
    if (rho !== undefined) throw new OptionError("--rho needs --design ar1 or block (independent predictors have no ρ)", "rho");
    correlation = { type: "independent" };
  } else if (designName === "ar1") {
    correlation = { type: "ar1", rho: rho ?? 0.5 };
  } else {
    correlation = { type: "block", rho: rho ?? 0.5, blockSize: numberOption(args, "block-size") ?? 5 };
  }
  if (designName !== "block" && args.values.has("block-size")) throw new OptionError("--block-size needs --design block", "block-size");
  const p = numberOption(args, "p") ?? 20;
  const spec: DesignSpec = {
    n: n ?? 100,
    p,
    s: numberOption(args, "s") ?? Math.min(5, p),
    size: size ?? 1,
    signs: (stringOption(args, "signs") ?? "positive") as "positive" | "alternating",
    positions: (stringOption(args, "positions") ?? "first") as "first" | "spread",
    correlation,
    family: (stringOption(args, "family") ?? "gaussian") as "gaussian" | "binomial",
    ...noise,
  };
  return { spec, scenario: null };
}

/** The most elements V8 gives one typed array (Node 20): a larger n × p fails with a RangeError. */
export const MAX_ARRAY_CELLS = 2 ** 32;

/**
 * Why a design is too big to simulate, said before anything is allocated, naming the option at fault;
 * null when it fits. A repetition holds its sample X (n × p), the fit's standardized copy of it and the
 * fresh rows (n-test × p); the design holds the p × p population covariance. With `threads` > 1 each
 * worker thread holds a repetition and its own copy of the design, and the main thread the design, so
 * the memory is threads × a repetition's: when one repetition fits but that many do not, --jobs is at
 * fault and the message gives the most that fit.
 */
export function sizeProblem(n: number, p: number, nTest: number, memoryBytes: number, threads = 1): OptionError | null {
  const arrays = [
    { option: "n", cells: n * p, what: `a sample of ${n} rows × ${p} predictors`, fix: "fewer rows (--n) or predictors (--p)" },
    { option: "n-test", cells: nTest * p, what: `a fresh sample of ${nTest} rows × ${p} predictors`, fix: "fewer fresh rows (--n-test) or predictors (--p)" },
    { option: "p", cells: p * p, what: `the ${p} × ${p} covariance of the predictors`, fix: "fewer predictors (--p)" },
  ];
  const largest = arrays.reduce((a, b) => (b.cells > a.cells ? b : a));
  if (largest.cells > MAX_ARRAY_CELLS) {
    return new OptionError(`--${largest.option}: ${largest.what} is ${signif(largest.cells)} numbers, more than one array can hold (${signif(MAX_ARRAY_CELLS)}); use ${largest.fix}`, largest.option);
  }
  const bytes = repetitionBytes(n, p, nTest);
  if (bytes > memoryBytes) {
    return new OptionError(
      `--${largest.option}: with ${largest.what} a repetition needs about ${describeSize(bytes)} of memory, more than this machine's ${describeSize(memoryBytes)}; use ${largest.fix}`,
      largest.option,
    );
  }
  const total = simulationBytes(n, p, nTest, threads);
  if (total > memoryBytes) {
    const most = threadsThatFit(n, p, nTest, memoryBytes);
    return new OptionError(
      `--jobs: ${threads} worker threads each hold a repetition of about ${describeSize(bytes)} (${largest.what}), about ${describeSize(total)} in all, more than this machine's ${describeSize(memoryBytes)} of memory; use --jobs ${most}${most > 1 ? " or fewer" : ""}`,
      "jobs",
    );
  }
  return null;
}

/** One repetition's arrays (X, its standardized copy, the fresh rows) and its copy of the p × p design. */
function repetitionBytes(n: number, p: number, nTest: number): number {
  return 8 * (2 * n * p + nTest * p + p * p);
}

/** One thread runs repetitions itself; more are workers, each with a repetition, beside the main thread's design. */
function simulationBytes(n: number, p: number, nTest: number, threads: number): number {
  const one = repetitionBytes(n, p, nTest);
  return threads <= 1 ? one : threads * one + 8 * p * p;
}

/** The most threads whose repetitions fit in memory (at least 1: one that does not is sizeProblem's to say). */
export function threadsThatFit(n: number, p: number, nTest: number, memoryBytes: number): number {
  const one = repetitionBytes(n, p, nTest);
  return Math.max(1, Math.floor((memoryBytes - 8 * p * p) / one));
}

/** Experiment options from the command line. */
export function experimentOptionsFrom(args: ParsedArgs): ExperimentOptions {
  const options: ExperimentOptions = {};
  const methods = listOption(args, "methods");
  if (methods !== undefined) {
    for (const m of methods) {
      if (!METHODS.includes(m as Method)) throw new OptionError(`--methods: unknown method ${JSON.stringify(m)}; use ${METHODS.join(", ")}`, "methods");
    }
    options.methods = methods as Method[];
  }
  const set = <K extends keyof ExperimentOptions>(key: K, option: string) => {
    const v = numberOption(args, option);
    if (v !== undefined) (options as Record<string, unknown>)[key] = v;
  };
  set("reps", "reps");
  set("seed", "seed");
  set("nfolds", "folds");
  set("nlambda", "nlambda");
  set("lambdaMinRatio", "lambda-min-ratio");
  set("nTest", "n-test");
  return options;
}

/** A progress bar on stderr, only when it is a terminal; erased when done. */
function progressBar(io: CommandIO): { update(done: number, total: number): void; clear(): void } {
  if (!io.stderrIsTTY) return { update() {}, clear() {} };
  const width = 30;
  return {
    update(done, total) {
      const filled = Math.round((done / total) * width);
      io.stderr(`\rshrinkage: simulating [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} repetitions`);
    },
    clear: () => io.stderr("\r\x1b[K"),
  };
}

const METHOD_NAMES: Readonly<Record<Method, string>> = { lasso: "lasso", enet: "elastic net", ridge: "ridge", relaxed: "relaxed lasso" };

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** One row per method at a chosen λ. */
function chosenTable(summary: SimulationSummary, at: "lambdaMin" | "lambda1se"): string {
  const errorName = summary.settings.predictionError === "mse" ? "pred. MSE" : "misclass.";
  const rows = summary.methods.map((m) => {
    const c: ChosenSummary = m[at];
    return [
      METHOD_NAMES[m.method],
      percent(c.pExact),
      percent(c.pSigns),
      fixed(c.meanTP, 2),
      fixed(c.meanFP, 2),
      signif(c.meanL2Error, 3),
      signif(c.meanPredictionError, 3),
      Number.isNaN(c.meanBiasTowardZero) ? "–" : fixed(c.meanBiasTowardZero, 3),
      signif(c.meanFraction, 3),
    ];
  });
  return formatTable(["", "exact set", "all signs", "true pos", "false pos", "L2 error", errorName, "bias", "λ/λ_max"], rows);
}

/** The true coefficients and each method's mean estimate at a chosen λ, for a few true variables. */
function biasTable(summary: SimulationSummary, at: "lambdaMin" | "lambda1se", limit = 10): string {
  const first = summary.methods[0]?.[at].bias ?? [];
  const shown = first.slice(0, limit);
  const rows = shown.map((b, t) => [b.variable, signif(b.beta, 4), ...summary.methods.map((m) => signif(m[at].bias[t].bias, 3))]);
  const table = formatTable(["", "β", ...summary.methods.map((m) => METHOD_NAMES[m.method])], rows);
  return first.length > limit ? `${table}\n(${first.length - limit} more true coefficients in --format json)` : table;
}

/** The selected sets seen most often, per method. */
function setsLines(summary: SimulationSummary, at: "lambdaMin" | "lambda1se"): string[] {
  const show = (vars: readonly string[]) => (vars.length === 0 ? "{}" : vars.length <= 8 ? `{${vars.join(", ")}}` : `{${vars.slice(0, 8).join(", ")}, … ${vars.length - 8} more}`);
  return summary.methods
    .filter((m) => m.method !== "ridge")
    .map((m) => `  ${METHOD_NAMES[m.method]}: ${m[at].selectedSets.slice(0, 3).map((s) => `${show(s.variables)} ${percent(s.frequency)}`).join(", ")}`);
}

/** The report for people. */
export function simulationReport(summary: SimulationSummary, scenario: Scenario | null): string {
  const d = summary.design;
  const st = summary.settings;
  // σ and the SNR only where the outcome has a dispersion of its own (gaussian).
  const noise = familyOf(d.family).dispersion ? `, σ = ${signif(d.sigma ?? NaN, 3)} (SNR = ${signif(d.snr ?? NaN, 3)})` : "";
  const truth = d.support.length <= 10 ? d.support.join(", ") : `${d.support.slice(0, 10).join(", ")}, …`;
  const lines = [
    ...(scenario ? [`Scenario ${scenario.name}: ${scenario.description}`] : []),
    `Design: ${d.family}, n = ${d.n}, p = ${d.p}, s = ${d.s} true nonzeros (${truth || "none"}), ${d.correlation}${noise}.`,
    summary.irrepresentable.sentence,
    `${st.reps} repetitions (seed ${st.seed}), ${st.nfolds}-fold cross-validation, ${st.nlambda} λs from λ_max to ${signif(st.lambdaMinRatio, 3)}·λ_max; ` +
      `prediction error: ${st.predictionError === "mse" ? "mean squared error" : "fraction misclassified"} on ${st.nTest} fresh rows.`,
    "",
    "At λ_min (smallest cross-validated error):",
    chosenTable(summary, "lambdaMin"),
    "",
    "At λ_1se (largest λ within one standard error of it):",
    chosenTable(summary, "lambda1se"),
    "",
    `exact set, all signs: share of repetitions selecting exactly the true variables / with every sign right (zeros included);`,
    `true pos, false pos: mean counts; L2 error: mean ‖β̂ − β‖₂; bias: mean over the true coefficients of sign(β_j)·(mean β̂_j − β_j), negative = shrunk toward zero.`,
    "",
    "Along λ (any λ of the grid, in each repetition):",
    ...summary.methods.map(
      (m) => `  ${METHOD_NAMES[m.method]}: exact set at some λ in ${percent(m.pExactAtSomeLambda)}; every λ that keeps all true variables also selects a wrong one in ${percent(m.pWrongWheneverAllTrue)}` +
        (m.method === "ridge" ? `; some coefficient exactly zero in ${percent(m.pAnyExactZero)}` : ""),
    ),
  ];
  if (d.s > 0) {
    lines.push("", "Bias of each true coefficient at λ_1se (mean β̂_j − β_j):", biasTable(summary, "lambda1se"));
  }
  const sets = setsLines(summary, "lambda1se");
  if (sets.length > 0) lines.push("", "Sets selected most often at λ_1se:", ...sets);
  return `${lines.join("\n")}\n`;
}

export const command: Command = {
  name: "simulate",
  summary: "known-truth simulations: how often each method finds the true variables",
  usage,
  description:
    "Draws many samples from a design whose true coefficients are known, fits lasso, elastic net (α = 0.5),\n" +
    "ridge and the relaxed lasso (unpenalized refit of the lasso's variables) on each, chooses λ by\n" +
    "cross-validation, and reports how often each finds exactly the true variables, its false positives,\n" +
    "its error ‖β̂ − β‖₂, its prediction error on fresh data and the bias of the true coefficients, with the\n" +
    "design's irrepresentable condition. With --from FILE --target COL the design is your data: a sparse truth\n" +
    "(the relaxed fit at λ_1se, or --truth) is planted on your rows and columns with noise at the fit's residual\n" +
    "scale, and --reps (50 here) refits of your model (--alpha) report recovery, sign errors, bias and the\n" +
    "irrepresentable condition of your X. Scenarios:\n" +
    SCENARIOS.map((s) => `  ${s.name.padEnd(16)}${s.description}`).join("\n"),
  options: [...DESIGN_OPTIONS, ...EXPERIMENT_OPTIONS, ...FROM_OPTIONS, ...OUTPUT_OPTIONS],
  async run(args, io) {
    if (args.values.has("from")) return runFrom(args, io, usage, progressBar(io));
    const fromOnly = FROM_OPTIONS.map((o) => o.name).filter((name) => args.values.has(name));
    if (fromOnly.length > 0) throw new OptionError(`--${fromOnly[0]} needs --from FILE (the data to simulate on)`, fromOnly[0]);
    if (args.positionals.length > 0) throw new OptionError(`unexpected argument ${JSON.stringify(args.positionals[0])}; usage: ${usage}`);
    const { spec, scenario } = designSpecFrom(args);
    if (flag(args, "penalties")) return comparePenalties(args, io, makeDesign(spec), scenario?.name ?? null);
    const options = experimentOptionsFrom(args);
    const nTest = options.nTest ?? DEFAULT_N_TEST;
    const memory = totalmem();
    // Unasked, one thread per core, but no more than the memory holds; asked for, checked as given.
    const jobs = numberOption(args, "jobs") ?? Math.min(availableParallelism(), threadsThatFit(spec.n, spec.p, nTest, memory));
    const tooBig = sizeProblem(spec.n, spec.p, nTest, memory, Math.min(jobs, options.reps ?? DEFAULT_REPS));
    if (tooBig !== null) throw tooBig;
    const design = makeDesign(spec);
    const progress = progressBar(io);
    let summary: SimulationSummary;
    try {
      summary = await runExperimentParallel(design, options, { jobs, onProgress: progress.update });
    } finally {
      progress.clear();
    }
    const plot = stringOption(args, "plot");
    if (plot !== undefined) writeTextFile(plot, renderSvg(recoveryChart, summary));
    if (stringOption(args, "format") === "json") {
      emit(args, io, stringifyJson({ scenario: scenario?.name ?? null, description: scenario?.description ?? null, ...summary }));
      return;
    }
    emit(args, io, simulationReport(summary, scenario));
  },
};

/** simulate --penalties: the penalties that stop charging against the lasso on the design (simulate/concave.ts). */
function comparePenalties(args: ParsedArgs, io: CommandIO, design: Design, scenario: string | null): void {
  const methods = listOption(args, "methods") as ConcaveMethod[] | undefined;
  const rows = compareConcave(design, { reps: numberOption(args, "reps") ?? 20, seed: numberOption(args, "seed"), nfolds: numberOption(args, "folds"), methods });
  if (stringOption(args, "format") === "json") {
    emit(args, io, stringifyJson({ scenario, penalties: rows.map((r) => ({ ...r, survivorBias: Number.isFinite(r.survivorBias) ? r.survivorBias : null })) }));
    return;
  }
  const table = formatTable(
    ["", "exact recovery", "false selections", "true selections", "bias of kept true β"],
    rows.map((r) => [r.method, `${Math.round(100 * r.exact)}%`, r.falseSelections.toFixed(1), r.trueSelections.toFixed(1), Number.isFinite(r.survivorBias) ? signif(r.survivorBias, 3) : "-"]),
  );
  emit(args, io, `${scenario ?? "design"}: each method at its cross-validated λ_min; bias is (β̂ − β)·sign(β), negative when shrunk toward zero\n\n${table}\n`);
}
