/**
 * `shrinkage stability FILE --target COL [fit options]`: stability selection on the user's data. Complementary
 * pairs of half-samples (Shah & Samworth 2013) give each variable's selection frequency along λ; the stable
 * set at a threshold π comes with Meinshausen & Bühlmann's bound on its expected false selections; and
 * correlated pairs show how often the half-samples swap one for the other.
 */
import type { StabilityResult } from "../../simulate/stability.js";
import { stabilityParallel } from "../../simulate/stability.node.js";
import { resolveLambda } from "../../explain/explain.js";
import { numberOption, settingLibraryOptions, stringOption, type OptionSpec } from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { formatTable, signif } from "../format.js";
import { DATA_OPTIONS, OUTPUT_OPTIONS, emit, stringifyJson, summaryLine } from "../common.js";
import { EXPLAIN_FIT_OPTIONS, fitForExplain, wrap } from "./explain.js";

const usage = "shrinkage stability FILE --target COL [options] [--pairs B] [--threshold P] [--lambda X|min|1se]";

/** Flags that set stabilityParallel's option of their name (--max-false: maxFalse). */
const STABILITY_OPTIONS: readonly OptionSpec[] = settingLibraryOptions([
  { name: "pairs", kind: "integer", value: "B", help: "complementary pairs of half-samples (2B fits of the path)", default: "50", check: (v) => (v >= 1 ? null : "must be at least 1") },
  { name: "threshold", kind: "number", value: "P", help: "π: the selection frequency that makes a variable stable (above 0.5)", default: "0.75", check: (v) => (v > 0.5 && v <= 1 ? null : "must be above 0.5 and at most 1") },
  { name: "max-false", kind: "number", value: "E", help: "the region of λs reaches down as far as the bound on expected false selections stays ≤ E", default: "1", check: (v) => (v > 0 ? null : "must be positive") },
  { name: "lambda-stop", kind: "number", value: "X", help: "end the region of λs at this λ instead (every λ of the path ≥ X)", default: "from --max-false", check: (v) => (v >= 0 ? null : "must be ≥ 0") },
  { name: "jobs", kind: "integer", value: "N", help: "half-sample pairs fitted at once (worker threads); the numbers do not depend on it", default: "one per core", check: (v) => (v >= 1 ? null : "must be at least 1") },
]);

/** Progress of the pairs on stderr, only when it is a terminal; erased when done. */
function progressReporter(io: CommandIO): { update(done: number, total: number): void; clear(): void } {
  if (!io.stderrIsTTY) return { update() {}, clear() {} };
  return {
    update: (done, total) => io.stderr(`\r\x1b[Kshrinkage: stability: ${done}/${total} half-sample pairs`),
    clear: () => io.stderr("\r\x1b[K"),
  };
}

/** The JSON form: one member per feature with its frequencies along λ. */
export function stabilityJson(r: StabilityResult): Record<string, unknown> {
  const features: Record<string, unknown> = {};
  r.features.forEach((name, j) => {
    features[name] = {
      frequency: r.frequency.map((f) => f[j]),
      maxFrequency: r.maxFrequency[j],
      frequencyAt: r.frequencyAt[j],
      stable: r.stable.includes(name),
    };
  });
  return {
    lambda: Array.from(r.lambda), pairs: r.pairs, halves: r.halves, seed: r.seed, threshold: r.threshold,
    lambdaStop: r.lambdaStop, stopIndex: r.stopIndex, lambdaAt: r.lambdaAt, atIndex: r.atIndex,
    q: Array.from(r.q), bound: Array.from(r.bound), candidates: r.candidates, expectedFalse: r.expectedFalse,
    stable: r.stable, features, swaps: r.swaps, warnings: r.warnings,
  };
}

/** The readable form: a table by decreasing largest frequency, the stable set with its bound, the swaps. */
export function stabilityText(r: StabilityResult, label: string): string {
  const order = r.features.map((_, j) => j).sort((a, b) => r.maxFrequency[b] - r.maxFrequency[a] || r.frequencyAt[b] - r.frequencyAt[a] || a - b);
  const header = ["", `max freq (λ ≥ ${signif(r.lambdaStop, 3)})`, `freq at ${label}`, "stable"];
  const rows = order.map((j) => [r.features[j], signif(r.maxFrequency[j], 3), signif(r.frequencyAt[j], 3), r.stable.includes(r.features[j]) ? "yes" : ""]);
  const set = r.stable.length === 0 ? "no variable" : r.stable.join(", ");
  const lines = [
    wrap(`Stable set at π = ${r.threshold} (selected in at least ${r.threshold * 100}% of ${r.halves} half-samples at some λ ≥ ${signif(r.lambdaStop)}): ${set}. ` +
      `A half-sample selects q = ${signif(r.q[r.stopIndex], 3)} variables on average in that region, so the expected number of false selections in the stable set is at most ` +
      `q²/((2π − 1)·p) = ${signif(r.expectedFalse, 3)} (Meinshausen & Bühlmann 2010, p = ${r.candidates} penalized variables).`),
  ];
  for (const s of r.swaps.slice(0, 5)) {
    lines.push(wrap(`${s.a} and ${s.b} (r = ${signif(s.correlation, 3)}) at ${label}: both selected in ${pct(s.both)} of half-samples, ${s.a} alone in ${pct(s.aOnly)}, ` +
      `${s.b} alone in ${pct(s.bOnly)}, neither in ${pct(s.neither)}; the two halves of a pair swap them (one takes ${s.a} alone, the other ${s.b} alone) in ${pct(s.swapped)} of pairs.`));
  }
  return [formatTable(header, rows, ["left", "right", "right", "left"]), "", ...lines].join("\n");
}

function pct(f: number): string {
  return `${signif(100 * f, 3)}%`;
}

export const command: Command = {
  name: "stability",
  summary: "how often each variable is selected over many half-samples of the data, and which are stable",
  usage,
  description:
    "Fits the path on 2B half-samples of the rows (B complementary pairs: each random half and the other half,\n" +
    "Shah & Samworth 2013) along the full data's λs and reports each variable's selection frequency along λ. The\n" +
    "stable set holds the variables selected in at least a share π of the half-samples at some λ of the region\n" +
    "(the path's λs down to --lambda-stop, or as far as the bound q²/((2π − 1)p) on expected false selections,\n" +
    "Meinshausen & Bühlmann 2010, stays ≤ --max-false). Frequencies at --lambda (default λ_1se, cross-validated)\n" +
    "and how often correlated pairs (|r| > 0.7) swap. --seed fixes the folds and the half-samples: the same seed\n" +
    "gives the same numbers for any --jobs. Data and fit options are those of `fit`.",
  options: [...DATA_OPTIONS, ...EXPLAIN_FIT_OPTIONS, ...STABILITY_OPTIONS, ...OUTPUT_OPTIONS],
  async run(args, io) {
    const f = fitForExplain(args, io, usage);
    const { lambda: at, label } = resolveLambda(f.choice, f.cv ?? undefined);
    const d = f.data.design;
    const progress = progressReporter(io);
    let r: StabilityResult;
    try {
      r = await stabilityParallel({ x: d.x, y: d.y, weights: d.weights, offset: d.offset }, {
        ...f.options,
        pairs: numberOption(args, "pairs"),
        seed: numberOption(args, "seed"),
        threshold: numberOption(args, "threshold"),
        maxFalse: numberOption(args, "max-false"),
        lambdaStop: numberOption(args, "lambda-stop"),
        lambdaAt: at,
      }, { jobs: numberOption(args, "jobs"), onProgress: progress.update });
    } finally {
      progress.clear();
    }
    for (const w of r.warnings) io.stderr(`shrinkage: note: ${w}\n`);
    if (stringOption(args, "format") === "json") {
      emit(args, io, stringifyJson(stabilityJson(r)));
      return;
    }
    const name = label === "lambdaMin" ? "λ_min" : label === "lambda1se" ? "λ_1se" : "λ";
    emit(args, io, [summaryLine(f.path, f.data, f.fitMs), "", stabilityText(r, `${name} = ${signif(r.lambdaAt, 3)}`), ""].join("\n"));
  },
};
