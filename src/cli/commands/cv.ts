/** `shrinkage cv FILE --target COL [options]`: choose λ by K-fold cross-validation (cv.glmnet). */
import { compileAhead } from "../../linalg/wasm.js";
import type { CvResult } from "../../cv/cv.js";
import { MEASURES, type Measure } from "../../cv/measures.js";
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { cvPathParallel, startFoldWorkers } from "../../cv/parallel.node.js";
import { SMALL_CELLS } from "../../cv/jobs.node.js";
import { OptionError } from "../../errors.js";
import type { ParallelOptions } from "../../threads.node.js";
import { flag, numberOption, settingLibraryOptions, stringOption, type OptionSpec, type ParsedArgs } from "../args.js";
import { isMultiFamilyName } from "../../model/families/multi.js";
import type { Command, CommandIO } from "../command.js";
import { formatTable, signif } from "../format.js";
import { sourceOf } from "../source-of.js";
import { isSparseData, loadStoredData, STORAGE_OPTIONS } from "../sparse.js";
import {
  DATA_OPTIONS,
  FIT_OPTIONS,
  MGAUSSIAN_OPTIONS,
  OUTPUT_OPTIONS,
  emit,
  cvOptionsFrom,
  fileArgument,
  fitOptionsFrom,
  pathCoefficients,
  pathJson,
  refuseStandardizeResponse,
  stringifyJson,
  summaryLine,
} from "../common.js";

const usage = "shrinkage cv FILE --target COL [options]";

export const CV_OPTIONS: readonly OptionSpec[] = settingLibraryOptions([
  { name: "folds", api: "nfolds", kind: "integer", value: "K", help: "number of folds, assigned at random from --seed", default: "10", check: (v) => (v >= 3 ? null : "must be at least 3 (cv.glmnet's minimum)") },
  { name: "foldid", kind: "string", value: "COL", help: "a column of fold numbers 1..K (not a feature) instead of random folds", default: "random folds" },
  { name: "fold-key", kind: "string", value: "COL", help: "a source (Parquet, DuckDB, PostgreSQL, ClickHouse): K folds from a stable hash of COL (first 28 bits of the MD5 of its text, mod K, + 1), alike on every engine", default: "none" },
  { name: "seed", kind: "integer", value: "S", help: "seed of the random fold assignment (same seed, same folds)", default: "1" },
  { name: "measure", kind: "choice", choices: MEASURES, help: "loss to cross-validate; class and auc for binomial only, C (Harrell's concordance) for cox only", default: "mse for gaussian, deviance otherwise" },
  { name: "fold-lambda", kind: "choice", choices: ["full", "own"], help: "λs of the fold fits: the full data's (cv.glmnet given the fit's λs), or each fold's own, predicted at the full data's by interpolation (cv.glmnet without λs); every family, --sparse too", default: "full" },
  { name: "jobs", kind: "integer", value: "N", help: "folds fitted at once (worker threads)", default: "one per core (one for under 250,000 cells, fewer when free memory is short)", check: (v) => (v >= 1 ? null : "must be at least 1") },
]);

/**
 * Threads worth starting before the data is read: --jobs as given, else one per core for a file of at
 * least 8 bytes a cell for SMALL_CELLS cells (below that, jobs unset is mostly one); one (none started)
 * where the folds run on other workers (--sparse, --penalty mcp|scad) or on this thread (--adaptive).
 */
function threadsAhead(args: ParsedArgs, file: string, jobs: number | undefined): number {
  const penalty = stringOption(args, "penalty");
  if (flag(args, "sparse") || flag(args, "adaptive") || penalty === "mcp" || penalty === "scad") return 1;
  if (jobs !== undefined) return jobs;
  try {
    return statSync(file).size >= 8 * SMALL_CELLS ? availableParallelism() : 1;
  } catch {
    return 1; // not a file (read as the data is, with its own error)
  }
}

/** Progress of the folds on stderr, only when it is a terminal; erased when done. */
function progressReporter(io: CommandIO): { update(done: number, total: number): void; clear(): void } {
  if (!io.stderrIsTTY) return { update() {}, clear() {} };
  return {
    update: (done, total) => io.stderr(`\rshrinkage: cross-validating: ${done}/${total} folds fitted`),
    clear: () => io.stderr("\r\x1b[K"),
  };
}

/** The largest fold id (a loop: spreading a million ids into Math.max overflows the stack). */
function largest(ids: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > k) k = ids[i];
  return k;
}

const MEASURE_NAMES: Record<Measure, string> = {
  mse: "mean squared error",
  mae: "mean absolute error",
  deviance: "deviance",
  class: "misclassification rate",
  auc: "AUC",
  C: "Harrell's C",
};

/** The cv table: every λ with cvm ± cvsd and nonzeros, λ_min and λ_1se marked. */
export function cvTable(cv: Pick<CvResult, "lambda" | "cvm" | "cvsd" | "nzero" | "indexMin" | "index1se">): string {
  const rows = Array.from(cv.lambda, (lambda, l) => [
    String(l + 1),
    signif(lambda),
    signif(cv.cvm[l], 6),
    `± ${signif(cv.cvsd[l])}`,
    String(cv.nzero[l]),
    l === cv.indexMin && l === cv.index1se ? "λ_min λ_1se" : l === cv.indexMin ? "λ_min" : l === cv.index1se ? "λ_1se" : "",
  ]);
  return formatTable(["", "Lambda", "cvm", "cvsd", "Nonzero", ""], rows, ["right", "right", "right", "left", "right", "left"]);
}

function choiceLine(label: string, cv: CvResult, l: number): string {
  return `${label} = ${signif(cv.lambda[l])} (step ${l + 1}): ${cv.measure} ${signif(cv.cvm[l])} ± ${signif(cv.cvsd[l])}, ${cv.nzero[l]} nonzero`;
}

export const command: Command = {
  name: "cv",
  summary: "choose λ by cross-validation (λ_min and λ_1se)",
  usage,
  description:
    "Fits the path on all rows, then refits it K times leaving one fold out, on the same λs (with\n" +
    "--fold-lambda own, on each fold's own λs, as cv.glmnet called without λs), and reports the\n" +
    "cross-validated error per λ as cv.glmnet does: cvm ± cvsd, λ_min (smallest cvm) and λ_1se (largest λ\n" +
    "within one standard error of it), then the coefficients at both. Data and fit options are those of `fit`.",
  options: [...DATA_OPTIONS, ...FIT_OPTIONS, ...MGAUSSIAN_OPTIONS, ...CV_OPTIONS, ...STORAGE_OPTIONS, ...OUTPUT_OPTIONS],
  async run(args, io) {
    const family = stringOption(args, "family");
    refuseStandardizeResponse(args, family ?? "gaussian");
    // A multi-response family's, a source's and a sparse X's code loads only for them (startup; as fit's).
    if (isMultiFamilyName(family)) return (await import("../multi.js")).runMultiCv(args, io, usage, family);
    const folds = numberOption(args, "folds");
    const foldidColumn = stringOption(args, "foldid");
    if (folds !== undefined && foldidColumn !== undefined) throw new OptionError("give either --folds or --foldid, not both (--foldid sets the folds)", "folds");
    const location = sourceOf(fileArgument(args, usage));
    if (location !== null) return (await import("../source.js")).cvSource(args, io, fileArgument(args, usage), location, cvTable, (m) => MEASURE_NAMES[m]);
    if (stringOption(args, "fold-key") !== undefined) throw new OptionError("--fold-key applies to a source (Parquet, DuckDB, PostgreSQL, ClickHouse); for a CSV use --foldid or --folds", "fold-key");
    // Unset: one per core, or this thread alone for data too small to repay starting workers.
    const jobs = numberOption(args, "jobs");
    // The folds' worker threads started, and WebAssembly compiled, while the data is read.
    const early = threadsAhead(args, fileArgument(args, usage), jobs);
    if (early > 1) startFoldWorkers(early);
    const ahead = compileAhead(early > 1 ? "both" : "plain");
    const data = loadStoredData(args, io, usage);
    const options = cvOptionsFrom(args, data, fitOptionsFrom(args, data));
    // The folds' runner, its code loaded before the clock starts (a sparse X's only for it).
    let runCv: (par: ParallelOptions) => Promise<CvResult>;
    if (isSparseData(data)) {
      const { cvSparsePathParallel } = await import("../../cv/sparse-parallel.node.js");
      runCv = (par) => cvSparsePathParallel(data.design.x, data.design.y, options, par);
    } else {
      runCv = (par) => cvPathParallel(data.design.x, data.design.y, options, par);
    }
    await ahead;

    const progress = progressReporter(io);
    progress.update(0, data.design.foldid !== undefined ? largest(data.design.foldid) : (options.nfolds ?? 10));
    const start = performance.now();
    let cv: CvResult;
    try {
      // Folds on worker threads; the numbers equal a sequential cvPath's (the runner's contract).
      cv = await runCv({ jobs, onProgress: progress.update });
    } catch (e) {
      // A fold emptied by --na drop: say so, or the fold ids in the file look fine.
      const dropped = data.design.droppedRows;
      if (e instanceof OptionError && e.option === "foldid" && dropped > 0 && /has no rows/.test(e.message)) {
        throw new OptionError(`${e.message} once --na drop removed ${dropped} row${dropped === 1 ? "" : "s"} with missing values`, "foldid");
      }
      throw e;
    } finally {
      progress.clear();
    }
    const fitMs = performance.now() - start;
    for (const warning of [...cv.path.warnings, ...cv.warnings]) io.stderr(`shrinkage: note: ${warning}\n`);

    if (stringOption(args, "format") === "json") {
      const json = {
        ...pathJson(cv.path, fitMs),
        cv: {
          measure: cv.measure,
          cvm: Array.from(cv.cvm),
          cvsd: Array.from(cv.cvsd),
          lambdaMin: cv.lambdaMin,
          lambda1se: cv.lambda1se,
          foldid: Array.from(cv.foldid),
          ...(cv.relaxed ? { relaxed: {
            gamma: cv.relaxed.gamma, cvm: cv.relaxed.cvm.map((a) => Array.from(a)), cvsd: cv.relaxed.cvsd.map((a) => Array.from(a)),
            lambdaMin: cv.relaxed.lambdaMin, gammaMin: cv.relaxed.gammaMin, lambda1se: cv.relaxed.lambda1se, gamma1se: cv.relaxed.gamma1se,
          } } : {}),
        },
      };
      emit(args, io, stringifyJson(json));
      return;
    }
    const nfolds = largest(cv.foldid);
    const text = [
      summaryLine(cv.path, data, fitMs),
      `${nfolds}-fold cross-validation${data.design.foldid ? ` (folds from column ${JSON.stringify(foldidColumn)})` : ` (seed ${options.seed ?? 1})`}; measure: ${MEASURE_NAMES[cv.measure]} (${cv.measure})`,
      "",
      cvTable(cv),
      "",
      choiceLine("λ_min", cv, cv.indexMin),
      choiceLine("λ_1se", cv, cv.index1se),
      ...(cv.relaxed ? [
        `relaxed (blend γ·β + (1 − γ)·β_relaxed, cross-validated over γ = ${cv.relaxed.gamma.join(", ")}): ` +
          `minimum at λ = ${signif(cv.relaxed.lambdaMin)}, γ = ${cv.relaxed.gammaMin}; one standard error: λ = ${signif(cv.relaxed.lambda1se)}, γ = ${cv.relaxed.gamma1se}`,
      ] : []),
      "",
      "Coefficients at λ_min and λ_1se (. = exactly zero):",
      pathCoefficients(cv.path, [cv.indexMin, cv.index1se], ["λ_min", "λ_1se"]),
      `These are the path's solutions, converged to thresh ${signif(cv.path.settings.thresh)}; \`shrinkage explain\` refits λ_1se (or λ_min)`,
      "to full precision (thresh 1e-14) so that pull = price can be read off, so its last digits can differ from these.",
      "",
    ].join("\n");
    emit(args, io, text);
  },
};
