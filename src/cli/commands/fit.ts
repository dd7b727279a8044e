/** `shrinkage fit FILE --target COL [options]`: the whole regularization path. */
import { compileAhead } from "../../linalg/wasm.js";
import { fitPath } from "../../solve/path.js";
import { stringOption } from "../args.js";
import { isMultiFamilyName } from "../../model/families/multi.js";
import type { Command } from "../command.js";
import { sourceOf } from "../source-of.js";
import { isSparseData, loadStoredData, STORAGE_OPTIONS, type LoadedSparseData } from "../sparse.js";
import type { FitOptions, Path } from "../../solve/types.js";
import {
  DATA_OPTIONS,
  FIT_OPTIONS,
  MGAUSSIAN_OPTIONS,
  OUTPUT_OPTIONS,
  emit,
  fileArgument,
  fitOptionsFrom,
  pathCoefficients,
  pathJson,
  pathTable,
  refuseStandardizeResponse,
  reportPathWarnings,
  stringifyJson,
  summaryLine,
  type LoadedData,
} from "../common.js";

const usage = "shrinkage fit FILE --target COL [options]";

/** The fit the data and options call for, its code loaded: a sparse X's path, the adaptive lasso or the path. */
async function chooseFit(data: LoadedData | LoadedSparseData, options: FitOptions): Promise<() => Path> {
  if (isSparseData(data)) {
    const { fitSparsePath } = await import("../../solve/sparse-fit.js");
    return () => fitSparsePath(data.design.x, data.design.y, options);
  }
  if (options.adaptive) {
    const { fitAdaptive } = await import("../../cv/cv.js");
    return () => fitAdaptive(data.design.x, data.design.y, options);
  }
  return () => fitPath(data.design.x, data.design.y, options);
}

export const command: Command = {
  name: "fit",
  summary: "fit ridge, lasso or elastic net along the whole path of λ",
  usage,
  description:
    "Reads a CSV file (header row; delimiter detected), uses every column except the target, --ignore'd,\n" +
    "--weights, --offset and fold-id columns as features (a text column becomes one 0/1 column per level\n" +
    "but the first), and fits the elastic-net path as glmnet does. Prints Df, %Dev and λ per step, then the\n" +
    "coefficients at five λs along the path; --format json prints the documented JSON object instead.\n" +
    "FILE may be a source an engine scans for sufficient statistics (gaussian): a Parquet file, a CSV too\n" +
    "large for memory, duckdb:PATH.duckdb?table=T, clickhouse://HOST:PORT/DB/TABLE, postgres://USER@HOST:PORT/DB/TABLE\n" +
    "(or ?query=SELECT …). A design mostly zeros (text columns with many levels) is stored by compressed\n" +
    "columns (--sparse), never densely.",
  options: [...DATA_OPTIONS, ...FIT_OPTIONS, ...MGAUSSIAN_OPTIONS, ...STORAGE_OPTIONS, ...OUTPUT_OPTIONS],
  async run(args, io) {
    refuseStandardizeResponse(args, stringOption(args, "family") ?? "gaussian");
    const location = sourceOf(fileArgument(args, usage));
    // A source's, a multi-response family's, the adaptive lasso's and a sparse X's code loads only for them
    // (every `shrinkage fit` loads what it imports statically: a quarter second of CPU for all of these).
    if (location !== null) return (await import("../source.js")).fitSource(args, io, fileArgument(args, usage), location);
    const family = stringOption(args, "family");
    if (isMultiFamilyName(family)) return (await import("../multi.js")).runMultiFit(args, io, usage, family);
    const ahead = compileAhead(); // WebAssembly compiled while the data is read
    const data = loadStoredData(args, io, usage);
    const options = fitOptionsFrom(args, data);
    const fit = await chooseFit(data, options);
    await ahead;
    const start = performance.now();
    const path = fit();
    const fitMs = performance.now() - start;
    reportPathWarnings(path, io);
    if (stringOption(args, "format") === "json") {
      emit(args, io, stringifyJson(pathJson(path, fitMs)));
      return;
    }
    const text = [
      summaryLine(path, data, fitMs),
      "",
      pathTable(path),
      "",
      "Coefficients at λs along the path (. = exactly zero):",
      pathCoefficients(path),
      "",
      ...(path.relaxed ? ["Relaxed (--relax): refitted without penalty on the same variables at those λs:", pathCoefficients(path, undefined, undefined, 0), ""] : []),
    ].join("\n");
    emit(args, io, text);
  },
};
