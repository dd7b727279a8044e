/**
 * `--sparse` and `--dense` for fit and cv: the design stored by compressed columns (glmnet's sparse X),
 * built straight from the file's columns without a dense copy, or densely; unasked, chosen from how much
 * of the design is zeros, with a note saying so.
 */
import { denseFeatures, readDesign, type FeatureParts } from "../data/design.js";
import { featureNonzeros, sparseFeatures, type SparseDesign } from "../data/sparse-design.js";
import { OptionError } from "../errors.js";
import type { FamilyName } from "../model/family.js";
import type { MultiFamilyName } from "../model/multi-family.js";
import { isMultiFamilyName } from "../model/families/multi.js";
import { flag, stringOption, type OptionSpec, type ParsedArgs } from "./args.js";
import type { CommandIO } from "./command.js";
import { readInputs, reportDesign, type LoadedData } from "./common.js";
import { fixed } from "./format.js";

/** Unasked, a design is stored sparse when it has at least this many cells… */
export const AUTO_SPARSE_CELLS = 1_000_000;
/** …of which at most this share is nonzero. */
export const AUTO_SPARSE_DENSITY = 0.1;

/** The families a sparse design fits. */
const SPARSE_FAMILIES: readonly (FamilyName | MultiFamilyName)[] = ["gaussian", "binomial", "poisson", "cox", "multinomial", "mgaussian"];

export const STORAGE_OPTIONS: readonly OptionSpec[] = [
  {
    name: "sparse", kind: "flag",
    help: "store the design by compressed columns (glmnet's sparse X), never densely: for data mostly zeros, such as text columns with many levels or counts (every family, and cv's --fold-lambda own; not with --relax, --adaptive or --penalty mcp|scad)",
    default: `sparse when at most ${100 * AUTO_SPARSE_DENSITY}% of a design of ${AUTO_SPARSE_CELLS.toLocaleString("en-US")}+ cells is nonzero`,
  },
  { name: "dense", kind: "flag", help: "store the design densely, however many of its cells are zeros", default: "chosen (see --sparse)" },
];

export interface LoadedSparseData extends Omit<LoadedData, "design"> {
  readonly design: SparseDesign;
}

export function isSparseData(data: LoadedData | LoadedSparseData): data is LoadedSparseData {
  return "colPtr" in data.design.x;
}

/** What keeps an unasked design dense: a family or an option the sparse fit does not take (null: none). */
function denseOnly(args: ParsedArgs, family: FamilyName | MultiFamilyName): string | null {
  if (!SPARSE_FAMILIES.includes(family)) return `--family ${family}`;
  return sparseRefuses(args);
}

/** The option a sparse X's fit does not take (null: none): --relax, --adaptive, --penalty mcp|scad. */
function sparseRefuses(args: ParsedArgs): string | null {
  for (const name of ["relax", "adaptive"]) if (flag(args, name)) return `--${name}`;
  const penalty = stringOption(args, "penalty");
  if (penalty !== undefined && penalty !== "lasso") return `--penalty ${penalty}`;
  return null;
}

/**
 * Read FILE into a design stored as --sparse or --dense ask, or, unasked, sparse when it is large and
 * mostly zeros (saying so on stderr): its columns are counted before either is written out.
 */
export function loadStoredData(args: ParsedArgs, io: CommandIO, usage: string): LoadedData | LoadedSparseData {
  const { file, target, table, family, options } = readInputs(args, usage);
  const { design: base, features } = readDesign(table, options);
  if (storedSparse(args, io, family, features)) {
    const design: SparseDesign = { ...base, ...sparseFeatures(features) };
    reportDesign(io, table, design);
    return { file, target, table, family, design };
  }
  const design = { ...base, ...denseFeatures(features) };
  reportDesign(io, table, design);
  return { file, target, table, family, design };
}

/**
 * Whether the features are stored by compressed columns: --sparse or --dense as asked, or, unasked,
 * sparse when the design is large and mostly zeros (saying so on stderr).
 */
export function storedSparse(args: ParsedArgs, io: CommandIO, family: FamilyName | MultiFamilyName, features: FeatureParts): boolean {
  const sparse = flag(args, "sparse"), dense = flag(args, "dense");
  if (sparse && dense) throw new OptionError("give either --sparse or --dense, not both", "sparse");
  if (sparse && !SPARSE_FAMILIES.includes(family)) throw new OptionError(`--sparse applies to --family ${SPARSE_FAMILIES.join(", ")}, not ${family}`, "sparse");
  // A multi-response family's fit takes none of them either: its own error says so.
  const refused = sparse && !isMultiFamilyName(family) ? sparseRefuses(args) : null;
  if (refused !== null) throw new OptionError(`--sparse does not take ${refused} (a sparse X fits the plain elastic net): drop one of them, or give --dense`, "sparse");
  if (sparse || dense) return sparse;
  const cells = features.kept * features.p;
  if (cells < AUTO_SPARSE_CELLS || denseOnly(args, family) !== null) return false;
  const nonzeros = featureNonzeros(features);
  if (nonzeros > AUTO_SPARSE_DENSITY * cells) return false;
  io.stderr(
    `shrinkage: note: the design is ${fixed(100 * (1 - nonzeros / cells), 1)}% zeros (${features.kept} rows × ${features.p} features, ${nonzeros} nonzero): ` +
      "stored by compressed columns, as with --sparse (--dense to store it densely)\n",
  );
  return true;
}
