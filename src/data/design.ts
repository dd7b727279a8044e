/**
 * A parsed table → the model matrix, the response and the side columns (weights, fold ids).
 *
 * Numeric columns become features as they are; a text column becomes one 0/1 indicator per level
 * except the first in sorted order, named `column=level` (R's treatment contrasts). Every cell of a
 * column that is used is checked: a missing or non-numeric cell is an error naming the column and the
 * row, unless `na: "drop"` drops such rows (and says how many). Values are written straight into
 * Float64Arrays: no object per cell.
 */
import { DataError, OptionError } from "../errors.js";
import type { FamilyName } from "../model/family.js";
import { FAMILIES, eitherOf, familiesWhere, familyOf, isFamilyName } from "../model/families/index.js";
import { cellReader, describeProblem, type CellProblem, type CellReader, type NumberFormat } from "./cells.js";
import type { Table } from "./csv.js";
import { matrixStorage, type ModelMatrix } from "./matrix.js";
import { quote, suggestion } from "./nearest.js";
import { columnIndex, firstRepeated } from "./table-index.js";
import { readSurvival } from "./survival.js";
import type { Survival } from "../model/partial-likelihood.js";
import { checkArguments, checkedWhereUsed, optionsRule, fieldsRule, stringValue, stringsRule, countRule, choiceRule, numberRule, arrayOfRule, type Schema } from "./arguments.js";

/** Options of buildDesign: which columns play which part, and how cells are read. */
export interface DesignOptions extends NumberFormat {
  /** The column to predict. */
  target: string;
  /** "gaussian" (default), "binomial" or "poisson": decides what the target may hold. */
  family?: FamilyName;
  /** Columns not used at all. */
  ignore?: readonly string[];
  /** What to do with a row holding a missing or non-numeric cell in a used column: "error" (default) or "drop". */
  na?: "error" | "drop";
  /** A column of observation weights (not a feature). */
  weights?: string;
  /** A column added to the linear predictor, glmnet's offset (not a feature), e.g. log(exposure) for poisson. */
  offset?: string;
  /** A column of fold numbers 1..K for cross-validation (not a feature). */
  foldid?: string;
  /** Binomial: the class to model as 1 (text, or a number as written); the second of the two, sorted, by default. */
  positiveClass?: string;
  /** Cox: the status column (1 event, 0 censored, or two values: the second sorted is the event). */
  status?: string;
  /** Cox: the start times of (start, stop] rows (the target holds the stop times). */
  start?: string;
  /** Cox: a column of strata (any values). */
  strata?: string;
  /** Warn when a text column has at least this many levels (100, or half the rows when that is fewer, but at least 10). */
  manyLevels?: number;
}

/** A table read for a fit: the model matrix, the outcome and the side columns, with what was dropped and why. */
export interface Design {
  /** The model matrix: numeric columns and text indicators, in file order. */
  readonly x: ModelMatrix;
  /** The response: numbers (gaussian, poisson) or 0/1 (binomial). */
  readonly y: Float64Array;
  /**
   * Binomial: the class modelled as 1 (the second of the two, sorted, unless chosen); null when the
   * target is numeric 0/1 and modelled as it is, and for the other families.
   */
  readonly positiveClass: string | null;
  readonly weights?: Float64Array;
  readonly offset?: Float64Array;
  readonly foldid?: Int32Array;
  /** Cox: the status, start times and strata of the kept rows. */
  readonly survival?: Survival;
  /** Rows dropped under na: "drop" (0 otherwise). */
  readonly droppedRows: number;
  /** The file row (1-based, header = 1) of each kept row, to point back at the data. */
  readonly rowNumbers: Int32Array;
  /** The data column each feature comes from (a text column gives several features). */
  readonly featureColumns: readonly string[];
  /** Every level of each text feature column, sorted; the first is the baseline (no indicator). */
  readonly levels: Readonly<Record<string, readonly string[]>>;
  /** Things a person should know: many levels, constant columns, a small class. */
  readonly warnings: string[];
}

/** Default threshold of the "many levels" warning. */
export const MANY_LEVELS = 100;

/** How a column reads: numbers (with the first bad cell), or text levels. */
export type Profile =
  | { kind: "numeric"; values: Float64Array; bad: Uint8Array | null; firstBad: number; firstProblem: CellProblem | null; firstFormatted: number }
  | { kind: "text"; bad: Uint8Array | null; firstBad: number; firstProblem: CellProblem | null };

export const MISSING_LIKE: ReadonlySet<CellProblem> = new Set(["missing", "infinite", "overflow"]);

/**
 * Read a column: parse every cell once. A column is numeric when its numbers (plain or with separators)
 * outnumber its text cells; a stray word in a column of numbers is then a bad cell, not a new level.
 */
export function profileColumn(cells: readonly string[], reader: CellReader): Profile {
  const n = cells.length;
  const values = new Float64Array(n);
  let numbers = 0;
  let texts = 0;
  let formatted = 0;
  let bad: Uint8Array | null = null;
  let firstBad = -1;
  let firstProblem: CellProblem | null = null;
  let firstFormatted = -1;
  let firstMissing = -1;
  let firstMissingProblem: CellProblem | null = null;
  let missingMask: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = reader.read(cells[i]);
    values[i] = v;
    if (v === v) {
      numbers++;
      continue;
    }
    const problem = reader.problem(cells[i]);
    bad ??= new Uint8Array(n);
    bad[i] = 1;
    if (firstBad < 0) {
      firstBad = i;
      firstProblem = problem;
    }
    if (problem === "text") texts++;
    else if (problem === "formatted") {
      formatted++;
      if (firstFormatted < 0) firstFormatted = i;
    } else {
      missingMask ??= new Uint8Array(n);
      missingMask[i] = 1;
      if (firstMissing < 0) {
        firstMissing = i;
        firstMissingProblem = problem;
      }
    }
  }
  if (numbers + formatted >= texts) return { kind: "numeric", values, bad, firstBad, firstProblem, firstFormatted };
  // A text column: numbers and odd numbers are levels like any word; only missing cells are bad.
  return { kind: "text", bad: missingMask, firstBad: firstMissing, firstProblem: firstMissingProblem };
}

/** The error for a column's first bad cell. */
function cellError(table: Table, name: string, row: number, problem: CellProblem, format: NumberFormat, hint: string): DataError {
  const raw = table.columns[columnIndex(table, name)][row];
  const fileRow = table.rowNumbers[row];
  return new DataError(`column ${quote(name)}, row ${fileRow}: ${describeProblem(raw, problem, format)}${hint}`, name, fileRow);
}

const DROP_HINT = "; fix the cell, or drop rows with missing values (na drop)";

const ROLE_LABEL: Record<string, string> = { target: "target column", ignore: "column to ignore", weights: "weights column", offset: "offset column", foldid: "fold-id column" };

function resolveName(table: Table, name: string, option: string): number {
  const j = columnIndex(table, name);
  if (j < 0) throw new OptionError(`${ROLE_LABEL[option] ?? option} ${quote(name)} does not exist; ${suggestion(name, table.names)}`, option);
  return j;
}

/** A text column with a level for nearly every row (an identifier, or numbers that did not read). */
function nearlyUnique(levels: number, rows: number): boolean {
  return levels >= 10 && levels >= 0.5 * rows;
}

/**
 * The first kept row of a column whose cells are mostly numbers with a unit or other text after them
 * ("0.20kg", "12%", "3 mm"); −1 when fewer than 90% of the kept cells look so.
 */
function firstNumberWithUnit(cells: readonly string[], keep: Uint8Array | null, kept: number): number {
  let count = 0, first = -1;
  for (let i = 0; i < cells.length; i++) {
    if (keep !== null && !keep[i]) continue;
    if (!NUMBER_WITH_UNIT.test(cells[i].trim())) continue;
    count++;
    if (first < 0) first = i;
  }
  return count >= 0.9 * kept ? first : -1;
}

const NUMBER_WITH_UNIT = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*[^\d\s.,+-].*$/;

/** Sorted distinct values (plain code-unit order, as R's sort in the C locale: the same on every machine). */
export function sortedLevels(cells: readonly string[], keep: Uint8Array | null): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < cells.length; i++) if (keep === null || keep[i]) seen.add(cells[i].trim());
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Keep the flagged entries of a Float64Array. */
function compact(values: Float64Array, keep: Uint8Array | null, kept: number): Float64Array {
  if (keep === null) return values;
  const out = new Float64Array(kept);
  for (let i = 0, k = 0; i < values.length; i++) if (keep[i]) out[k++] = values[i];
  return out;
}

function formatValue(v: number): string {
  return String(v);
}

/** A binomial target read as glmnet reads it: 0/1 for each kept row, and the class modelled as 1. */
interface BinaryTarget {
  readonly y: Float64Array;
  readonly positiveClass: string | null;
}

/** A class as a message shows it: text quoted, a number as it is. */
function showClass(c: string | number): string {
  return typeof c === "string" ? quote(c) : formatValue(c);
}

/**
 * A binomial target, as R's glmnet reads any y with two distinct values: a factor whose levels are
 * sorted (numbers by value, text in code-unit order), the second modelled as 1, or the class `chosen`
 * names. A numeric 0/1 target modelling 1 is used as it is (positiveClass null, as always). A third
 * distinct value is an error naming the row where it first appears.
 */
function binaryTarget(
  table: Table, name: string, profile: Profile, keep: Uint8Array | null, kept: number, reader: CellReader, chosen?: string,
): BinaryTarget {
  const cells = table.columns[columnIndex(table, name)];
  const classOf = (i: number): string | number => (profile.kind === "text" ? cells[i].trim() : profile.values[i]);
  const classes: (string | number)[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (keep !== null && !keep[i]) continue;
    const c = classOf(i);
    if (classes.includes(c)) continue;
    if (classes.length === 2) {
      const all = distinctClasses(classOf, cells.length, keep);
      const shown = all.slice(0, 5).map(showClass).join(", ") + (all.length > 5 ? ", …" : "");
      throw new DataError(
        `binomial target ${quote(name)} has ${all.length} classes (${shown}); it needs exactly two (row ${table.rowNumbers[i]} holds the third, ${showClass(c)}): for ${all.length} classes use family multinomial`,
        name, table.rowNumbers[i],
      );
    }
    classes.push(c);
  }
  if (classes.length < 2) {
    const only = profile.kind === "text" ? `(${quote(String(classes[0]))})` : `(every row is ${formatValue(classes[0] as number)})`;
    throw new DataError(`binomial target ${quote(name)} has one class only ${only}; it needs two`, name);
  }
  const [first, second] = sortClasses(classes);
  const positive = chosen === undefined ? second : chosenClass(chosen, [first, second], name, reader);
  const y = new Float64Array(kept);
  for (let i = 0, k = 0; i < cells.length; i++) if (keep === null || keep[i]) y[k++] = classOf(i) === positive ? 1 : 0;
  const asGiven = first === 0 && second === 1 && positive === 1;
  return { y, positiveClass: asGiven ? null : String(positive) };
}

/** Every distinct class of the kept rows, sorted (for the message about too many). */
function distinctClasses(classOf: (i: number) => string | number, n: number, keep: Uint8Array | null): (string | number)[] {
  const seen = new Set<string | number>();
  for (let i = 0; i < n; i++) if (keep === null || keep[i]) seen.add(classOf(i));
  return sortClasses([...seen]);
}

/** Classes in R's factor order: numbers by value, text in code-unit order (as sortedLevels). */
function sortClasses<T extends string | number>(classes: readonly T[]): T[] {
  return [...classes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The class positiveClass names: a text level as written, or a number read as the file's numbers are. */
function chosenClass(chosen: string, classes: readonly (string | number)[], name: string, reader: CellReader): string | number {
  const label = chosen.trim();
  const found = classes.find((c) => (typeof c === "string" ? c === label : c === reader.read(label)));
  if (found !== undefined) return found;
  throw new OptionError(
    `positiveClass: ${quote(chosen)} is not a class of the target ${quote(name)}; its classes are ${classes.map(showClass).join(" and ")}`,
    "positiveClass",
  );
}

/** Build the model matrix and response from a table. Throws DataError / OptionError naming what is at fault. */
export function buildDesign(table: Table, options: DesignOptions): Design {
  checkDesignArguments("buildDesign", table, options);
  const { design, features } = readDesign(table, options);
  return { ...design, ...denseFeatures(features) };
}

/** The table and the design options checked, naming `what` (buildDesign, buildMultiDesign). */
export function checkDesignArguments(what: string, table: Table, options: DesignOptions): void {
  checkArguments(what, { table, options }, { table: TABLE, options: optionsRule(DESIGN_OPTIONS, true) });
}

/** A design without its feature columns: what buildDesign and buildSparseDesign (sparse-design.ts) share. */
export type DesignBase = Omit<Design, "x" | "featureColumns">;

/** The feature columns as read, before they are written out (densely, or by compressed columns). */
export interface FeatureParts {
  readonly parts: readonly FeaturePart[];
  /** The table's rows, the rows kept (keep: which; null when all) and the number of features. */
  readonly n: number;
  readonly kept: number;
  readonly keep: Uint8Array | null;
  readonly p: number;
}

/** A numeric feature column (its kept rows), or a text column with its sorted levels and its cells. */
export type FeaturePart = { readonly name: string; readonly numeric: Float64Array } | { readonly name: string; readonly levels: readonly string[]; readonly cells: readonly string[] };

/** The table read and checked for a fit, with its feature columns not yet written out. */
export function readDesign(table: Table, options: DesignOptions): { design: DesignBase; features: FeatureParts } {
  const family: FamilyName = options.family ?? "gaussian";
  const na = options.na ?? "error";
  if (na !== "error" && na !== "drop") throw new OptionError(`na must be "error" or "drop", not ${quote(String(na))}`, "na");
  if (!isFamilyName(family)) {
    throw new OptionError(`family must be ${eitherOf(FAMILIES)}, not ${quote(String(family))}`, "family");
  }
  // What y is decides how the target column is read.
  const outcome = familyOf(family).outcome;
  if (options.positiveClass !== undefined && outcome !== "binary") {
    const binary = eitherOf(familiesWhere((f) => f.outcome === "binary"));
    throw new OptionError(`positiveClass applies to family ${binary} only, not ${family}`, "positiveClass");
  }
  const format: NumberFormat = { decimal: options.decimal, thousands: options.thousands };
  const reader = cellReader(format);
  const isText = (cell: string): boolean => Number.isNaN(reader.read(cell)) && reader.problem(cell) === "text";
  const warnings: string[] = [];
  const n = table.rows;

  // Which columns play which part.
  if (typeof options.target !== "string" || options.target === "") throw new OptionError("a target column is required (target)", "target");
  resolveName(table, options.target, "target");
  const ignored = new Set<string>();
  for (const name of options.ignore ?? []) {
    resolveName(table, name, "ignore");
    ignored.add(name);
  }
  const roles: [string, string | undefined][] = [["target", options.target], ["weights", options.weights], ["offset", options.offset], ["foldid", options.foldid], ["status", options.status], ["start", options.start], ["strata", options.strata]];
  if (outcome === "survival" && options.status === undefined) throw new OptionError(`family ${family} needs a status column: status must name the column saying which rows had the event (1) and which were censored (0)`, "status");
  for (const role of ["status", "start", "strata"] as const) {
    if (options[role] !== undefined && outcome !== "survival") throw new OptionError(`${role} applies to family ${eitherOf(familiesWhere((f) => f.outcome === "survival"))} only, not ${family}`, role);
  }
  for (const [role, name] of roles) {
    if (name === undefined) continue;
    resolveName(table, name, role);
    if (ignored.has(name)) throw new OptionError(`column ${quote(name)} cannot be both ${role} and ignore`, role);
    for (const [other, otherName] of roles) {
      if (other !== role && otherName === name && role < other) throw new OptionError(`column ${quote(name)} cannot be both ${role} and ${other}`, other);
    }
  }
  const special = new Set([options.target, options.weights, options.offset, options.foldid, options.status, options.start, options.strata].filter((s): s is string => s !== undefined));
  const featureNames = table.names.filter((name) => !special.has(name) && !ignored.has(name));
  if (featureNames.length === 0) {
    const why = ignored.size > 0 ? ` after ignoring ${[...ignored].map(quote).join(", ")}` : "";
    throw new DataError(`no feature column is left${why}: the file must hold at least one column besides the target${options.weights ? ", weights" : ""}${options.offset ? ", offset" : ""}${options.foldid ? ", fold ids" : ""}`);
  }

  // Read every used column once; gather the rows to drop.
  const profiles = new Map<string, Profile>();
  const used = [...special, ...featureNames];
  let drop: Uint8Array | null = null;
  const dropCause = new Map<string, number>();
  for (const name of used) {
    const profile = profileColumn(table.columns[columnIndex(table, name)], reader);
    profiles.set(name, profile);
    if (profile.kind === "numeric" && profile.firstFormatted >= 0) {
      // Never drop these: a misread convention would lose rows silently and keep the wrong column.
      throw cellError(table, name, profile.firstFormatted, "formatted", format, "");
    }
    if (profile.bad === null || na === "error") continue;
    drop ??= new Uint8Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (profile.bad[i]) {
        drop[i] = 1;
        count++;
      }
    }
    dropCause.set(name, count);
  }
  if (na === "error") {
    // The earliest bad row of the file, whichever used column it is in (file order breaks ties).
    let worst: { name: string; row: number } | null = null;
    for (const name of table.names) {
      const profile = profiles.get(name);
      if (profile === undefined || profile.bad === null) continue;
      if (worst === null || profile.firstBad < worst.row) worst = { name, row: profile.firstBad };
    }
    if (worst !== null) {
      const profile = profiles.get(worst.name) as Profile;
      const problem = profile.firstProblem as CellProblem;
      const hint = MISSING_LIKE.has(problem) || (profile.kind === "numeric" && problem === "text") ? DROP_HINT : "";
      throw cellError(table, worst.name, worst.row, problem, format, hint);
    }
  }
  let keep: Uint8Array | null = null;
  let kept = n;
  if (drop !== null) {
    keep = new Uint8Array(n);
    kept = 0;
    for (let i = 0; i < n; i++) if (!drop[i]) {
      keep[i] = 1;
      kept++;
    }
  }
  const droppedRows = n - kept;
  if (kept === 0) {
    const worst = [...dropCause.entries()].sort((a, b) => b[1] - a[1])[0];
    throw new DataError(`every row has a missing or non-numeric value in a used column (${quote(worst[0])} alone has ${worst[1]}); no row is left to fit`, worst[0]);
  }
  const rowNumbers = keep === null ? table.rowNumbers.slice() : table.rowNumbers.filter((_, i) => keep![i] === 1);
  const firstKeptRow = (predicate: (i: number) => boolean): number => {
    for (let i = 0; i < n; i++) if ((keep === null || keep[i]) && predicate(i)) return i;
    return -1;
  };

  // The target.
  const targetProfile = profiles.get(options.target) as Profile;
  const targetCells = table.columns[columnIndex(table, options.target)];
  let y: Float64Array;
  let positiveClass: string | null = null;
  const target = quote(options.target);
  if (outcome === "binary") {
    ({ y, positiveClass } = binaryTarget(table, options.target, targetProfile, keep, kept, reader, options.positiveClass));
  } else {
    if (targetProfile.kind === "text") {
      const levels = sortedLevels(targetCells, keep);
      const two = levels.length === 2 ? `; it has two classes (${levels.map(quote).join(", ")}): use family binomial`
        : levels.length <= 50 ? `; it has ${levels.length} classes: use family multinomial` : "";
      const row = firstKeptRow((i) => isText(targetCells[i]));
      throw new DataError(
        `target ${target} holds text (row ${table.rowNumbers[row]}: ${quote(targetCells[row])}); family ${family} needs numbers${two}`,
        options.target,
        table.rowNumbers[row],
      );
    }
    const values = targetProfile.values;
    if (outcome === "count") {
      const negative = firstKeptRow((i) => values[i] < 0);
      if (negative >= 0) {
        throw new DataError(
          `${family} target ${target}, row ${table.rowNumbers[negative]}: ${formatValue(values[negative])} is negative; a ${family} target counts, so it must be ≥ 0`,
          options.target,
          table.rowNumbers[negative],
        );
      }
    }
    if (outcome === "survival") {
      const bad = firstKeptRow((i) => !(values[i] > 0));
      if (bad >= 0) {
        throw new DataError(`${family} target ${target}, row ${table.rowNumbers[bad]}: ${formatValue(values[bad])} is not a time > 0; survival times must be positive, as glmnet requires`, options.target, table.rowNumbers[bad]);
      }
    }
    y = compact(values, keep, kept);
  }
  const surv = options.status === undefined ? null : readSurvival(table, { status: options.status, start: options.start, strata: options.strata }, keep, reader, y);
  if (surv) warnings.push(...surv.warnings);

  // Weights, offset and fold ids: numbers with rules of their own, never features.
  /** A side column's numbers (every row's, dropped ones too); a text column is an error with `hint`. */
  const numbersOf = (name: string, hint: string): Float64Array => {
    const profile = profiles.get(name) as Profile;
    if (profile.kind === "numeric") return profile.values;
    const cells = table.columns[columnIndex(table, name)];
    const row = firstKeptRow((i) => isText(cells[i]));
    throw cellError(table, name, row, "text", format, hint);
  };
  let weights: Float64Array | undefined;
  if (options.weights !== undefined) {
    const name = options.weights;
    const values = numbersOf(name, "; weights must be numbers ≥ 0");
    const negative = firstKeptRow((i) => values[i] < 0);
    if (negative >= 0) {
      throw new DataError(`weights column ${quote(name)}, row ${table.rowNumbers[negative]}: ${formatValue(values[negative])} is negative; weights must be ≥ 0`, name, table.rowNumbers[negative]);
    }
    weights = compact(values, keep, kept);
    if (weights.every((w) => w === 0)) throw new DataError(`weights column ${quote(name)} is zero in every row; at least one weight must be positive`, name);
  }
  // Any finite number: missing and infinite cells are bad cells like any used column's (an error, or --na drop).
  const offset = options.offset === undefined ? undefined : compact(numbersOf(options.offset, "; an offset must be numbers"), keep, kept);
  if (offset !== undefined) {
    // Checked here, where the file's row and the column's name are known (the fit checks it too, by index);
    // only a family whose null model an offset can break (Poisson's log link) finds a fault.
    const fault = familyOf(family).offsetProblem(y, weights, offset, true);
    if (fault !== null) {
      const name = options.offset as string;
      const fileRow = rowNumbers[fault.row];
      throw new DataError(`offset column ${quote(name)}, row ${fileRow}: ${fault.problem}`, name, fileRow);
    }
  }
  let foldid: Int32Array | undefined;
  if (options.foldid !== undefined) {
    const name = options.foldid;
    const profile = profiles.get(name) as Profile;
    const cells = table.columns[columnIndex(table, name)];
    if (profile.kind === "text") {
      const row = firstKeptRow((i) => isText(cells[i]));
      throw cellError(table, name, row, "text", format, "; fold ids are whole numbers 1..K");
    }
    const values = profile.values;
    const wrong = firstKeptRow((i) => !Number.isInteger(values[i]) || values[i] < 1);
    if (wrong >= 0) {
      throw new DataError(`fold-id column ${quote(name)}, row ${table.rowNumbers[wrong]}: ${quote(cells[wrong].trim())} is not a fold number; fold ids are whole numbers 1..K`, name, table.rowNumbers[wrong]);
    }
    foldid = Int32Array.from(compact(values, keep, kept));
  }

  // Features: numeric columns as they are, text columns as indicators.
  const parts: FeaturePart[] = [];
  const levelsByColumn: Record<string, string[]> = {};
  let p = 0;
  for (const name of featureNames) {
    const profile = profiles.get(name) as Profile;
    if (profile.kind === "numeric") {
      const values = compact(profile.values, keep, kept);
      if (values.every((v) => v === values[0])) {
        warnings.push(`column ${quote(name)} is constant (every row is ${formatValue(values[0])}): its coefficient is 0 at every λ`);
      }
      parts.push({ name, numeric: values });
      p += 1;
    } else {
      const cells = table.columns[columnIndex(table, name)];
      const levels = sortedLevels(cells, keep);
      levelsByColumn[name] = levels;
      const unit = nearlyUnique(levels.length, kept) ? firstNumberWithUnit(cells, keep, kept) : -1;
      if (unit >= 0) {
        throw new DataError(
          `column ${quote(name)}, row ${table.rowNumbers[unit]}: ${quote(cells[unit].trim())} is a number with something after it, as are most of the column's cells, so the column would be ${levels.length} text levels, nearly one per row; remove the units to use it as numbers, or ignore it (ignore)`,
          name, table.rowNumbers[unit],
        );
      }
      // By default a small file warns sooner: a level for half its rows already fits nearly anything.
      const many = options.manyLevels !== undefined ? levels.length >= options.manyLevels : levels.length >= MANY_LEVELS || nearlyUnique(levels.length, kept);
      if (many) {
        warnings.push(`text column ${quote(name)} has ${levels.length} distinct values in ${kept} rows: it becomes ${levels.length - 1} indicator columns, which can fit any outcome (ignore it if it is an identifier)`);
      }
      if (levels.length === 1) warnings.push(`text column ${quote(name)} has one value only (${quote(levels[0])}): it adds no feature`);
      parts.push({ name, levels, cells });
      p += levels.length - 1;
    }
  }

  return {
    design: { y, positiveClass, weights, offset, foldid, survival: surv?.survival, droppedRows, rowNumbers, levels: levelsByColumn, warnings },
    features: { parts, n, kept, keep, p },
  };
}

/** The features' names (a text column's indicators `column=level`) and the column each comes from, checked unique. */
export function featureNames(features: FeatureParts): { names: string[]; featureColumns: string[] } {
  const names: string[] = [];
  const featureColumns: string[] = [];
  for (const part of features.parts) {
    const own = "numeric" in part ? [part.name] : part.levels.slice(1).map((level) => `${part.name}=${level}`);
    names.push(...own);
    for (let k = 0; k < own.length; k++) featureColumns.push(part.name);
  }
  const clash = firstRepeated(names);
  if (clash !== undefined) throw new DataError(`the feature name ${quote(clash)} arises twice (a column already has the name an indicator of a text column gets); rename one`, clash);
  return { names, featureColumns };
}

/** The feature columns written out densely: numeric columns as they are, a text column's indicators 0/1. */
export function denseFeatures(features: FeatureParts): Pick<Design, "x" | "featureColumns"> {
  const { parts, n, kept, keep, p } = features;
  const { names, featureColumns } = featureNames(features);
  const data = matrixStorage(kept * p);
  let offset = 0;
  for (const part of parts) {
    if ("numeric" in part) {
      data.set(part.numeric, offset * kept);
      offset += 1;
      continue;
    }
    // Each kept row gets a 1 in the column of its level (none for the baseline level).
    const index = new Map(part.levels.map((level, l) => [level, l - 1]));
    for (let i = 0, k = 0; i < n; i++) {
      if (keep !== null && !keep[i]) continue;
      const l = index.get(part.cells[i].trim()) as number;
      if (l >= 0) data[(offset + l) * kept + k] = 1;
      k++;
    }
    offset += part.levels.length - 1;
  }
  return { x: { n: kept, p, data, names }, featureColumns };
}

/** A table, from parseCsv. */
const TABLE = fieldsRule("a table { names, rows, columns }, from parseCsv(text)", { names: stringsRule, rows: countRule, columns: arrayOfRule(stringsRule, "the columns (arrays of cells)") });

/** buildDesign's options (DesignOptions), each with its rule. */
const DESIGN_OPTIONS: Schema<DesignOptions> = {
  target: stringValue, family: checkedWhereUsed, ignore: stringsRule, na: choiceRule(() => ["error", "drop"]), weights: stringValue,
  offset: stringValue, foldid: stringValue, positiveClass: stringValue, status: stringValue, start: stringValue, strata: stringValue,
  manyLevels: numberRule({ integer: true, min: 2 }), decimal: choiceRule(() => [".", ","]), thousands: choiceRule(() => ["", ",", ".", " ", "'"]),
};
