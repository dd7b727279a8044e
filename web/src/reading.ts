/**
 * How the lab reads a person's file. The command line is told what it needs by flags (--target,
 * --family, --na, --decimal, --thousands); the lab works out what it can from the file itself, asks for
 * the rest through its controls, and words the library's messages in terms of those controls.
 * Pure functions (no DOM, no worker), so each is easy to check on its own.
 */
import { DataError, cellReader, type CellReader, type Table, type ModelMatrix, type FamilyName, familyOf, isMultiFamilyName, type MultiFamilyName } from "../../src/index.js";
import { MANY_CLASSES, profileColumn, sortedLevels, quote } from "../../src/lab.js";

/** The decimal mark setting: "auto" reads "," in a ";"-separated file whose numbers are written so. */
export type DecimalSetting = "auto" | "." | ",";
export type ThousandsSetting = "" | "," | "." | " " | "'";

// ---- Not a text file ----------------------------------------------------------------------------

/** File signatures of what people drop by mistake, with how to say what it is. */
const SIGNATURES: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive (an Excel .xlsx or OpenDocument spreadsheet is one)" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an Excel 97–2003 workbook" },
];

/**
 * What a file is when it is not text, or null when it reads as text. Text never holds a NUL byte
 * unless it is UTF-16, which spreadsheets mark with a byte-order mark (decodeText reads it).
 */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const { bytes: signature, what } of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return what;
  }
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return "binary data";
  return null;
}

export function notTextMessage(fileName: string, kind: string): string {
  return `${fileName} is not a text (CSV) file: it looks like ${kind}. The lab reads comma-, semicolon- or tab-separated text with a header row; save the data as CSV first.`;
}

// ---- The decimal mark ---------------------------------------------------------------------------

/** Rows looked at to tell a file's decimal mark. */
const SAMPLE_ROWS = 200;
const COMMA_DECIMAL = /^\s*[+-]?\d*,\d+\s*$/;
const POINT_DECIMAL = /^\s*[+-]?\d*\.\d+\s*$/;

/**
 * The decimal mark to read a file with. Chosen, it is that one; "auto" is "," for a ";"-separated file
 * whose numbers mostly look like "10,5" rather than "10.5" (the European spreadsheet export, which uses
 * ";" because "," is its decimal mark), else "." as the command line's default.
 */
export function decimalMark(table: Table, setting: DecimalSetting, thousands: ThousandsSetting): "." | "," {
  if (setting !== "auto") return setting;
  if (table.delimiter !== ";" || thousands === ",") return ".";
  let comma = 0;
  let point = 0;
  for (const cells of table.columns) {
    for (let i = 0; i < Math.min(cells.length, SAMPLE_ROWS); i++) {
      if (COMMA_DECIMAL.test(cells[i]!)) comma++;
      else if (POINT_DECIMAL.test(cells[i]!)) point++;
    }
  }
  return comma > point ? "," : ".";
}

// ---- The target and its family ------------------------------------------------------------------

/** A family the lab fits: glmnet's single-response families, or multinomial and mgaussian (web/src/multi-fit.ts). */
export type LabFamily = FamilyName | MultiFamilyName;

/** What a family's target holds: its outcome kind (multinomial: classes; mgaussian: numbers). */
function outcomeOf(family: LabFamily): string {
  if (isMultiFamilyName(family)) return family === "multinomial" ? "classes" : "numeric";
  return familyOf(family).outcome;
}

/** Text levels the automatic family fits as classes (multinomial): 3 to MANY_CLASSES (50), as the CLI warns above it. */
export function classCount(kind: ColumnKind): number | null {
  return kind.kind === "text" && kind.levels.length >= 3 && kind.levels.length <= MANY_CLASSES ? kind.levels.length : null;
}

/** What a column could be as a target: numbers (with what the families ask of them) or text levels. */
export type ColumnKind =
  | { readonly kind: "numbers"; readonly distinct: number; readonly nonNegative: boolean }
  | { readonly kind: "text"; readonly levels: readonly string[] };

/**
 * A column's kind, read as the design reads it (profileColumn): numbers when its numbers (plain or in
 * another convention) are at least as many as its words, else text whose levels are every cell but the
 * missing ones.
 */
export function columnKind(cells: readonly string[], reader: CellReader): ColumnKind {
  const profile = profileColumn(cells, reader);
  if (profile.kind === "text") return { kind: "text", levels: sortedLevels(cells, profile.bad && profile.bad.map((b) => 1 - b)) };
  const distinct = new Set<number>();
  let nonNegative = true;
  for (const v of profile.values) {
    if (v !== v) continue;
    if (distinct.size < 3) distinct.add(v); // two values or more is all a target needs to know
    if (v < 0) nonNegative = false;
  }
  return { kind: "numbers", distinct: distinct.size, nonNegative };
}

/** Whether a column can be the target of a family (null: the automatic choice, any family). */
export function canBeTarget(kind: ColumnKind, family: LabFamily | null): boolean {
  const outcome = family === null ? null : outcomeOf(family);
  if (kind.kind === "text") return outcome === "classes" ? kind.levels.length >= 2 : kind.levels.length === 2 && (outcome === null || outcome === "binary");
  if (kind.distinct < 2) return false; // a constant outcome leaves nothing to fit
  // Any two values, as the design reads a binomial target (glmnet's factor(y): 1/2 models P(y = 2)).
  if (outcome === "binary") return kind.distinct === 2;
  if (outcome === "classes") return true;
  if (outcome === "count") return kind.nonNegative;
  return true;
}

/**
 * The target when the person has not chosen one: the last column that can be one for the family,
 * as files usually end with the outcome, skipping what cannot be a target (an ID, a text column of
 * several levels); the last column when none can, so that its error says why. `skipped`: the columns
 * after it, passed over. With the automatic family, a last column of 3 to 50 text classes in a file
 * whose other columns are all numbers is the target (measurements, then the species or the cultivar).
 */
export function pickTarget(table: Table, family: LabFamily | null, reader: CellReader): { target: string; skipped: string[] } {
  const names = table.names;
  if (family === null && classesLast(table, reader)) return { target: names[names.length - 1]!, skipped: [] };
  for (let j = names.length - 1; j >= 0; j--) {
    if (canBeTarget(columnKind(table.columns[j]!, reader), family)) return { target: names[j]!, skipped: names.slice(j + 1) };
  }
  return { target: names[names.length - 1]!, skipped: [] };
}

/** The last column holds 3 to 50 text classes and every other column numbers (iris, wine). */
function classesLast(table: Table, reader: CellReader): boolean {
  const last = table.columns.length - 1;
  if (last < 1 || classCount(columnKind(table.columns[last]!, reader)) === null) return false;
  return table.columns.slice(0, last).every((cells) => columnKind(cells, reader).kind === "numbers");
}

export function pickedTargetNote(picked: { target: string; skipped: readonly string[] }): string {
  if (picked.skipped.length === 0) return "";
  const after = picked.skipped.map(quote).join(", ");
  return `The target is ${quote(picked.target)}, the last column that can be one (${after} after it cannot); choose another in Target.`;
}

/**
 * The family when the person has not chosen one: binomial for a target with two distinct values
 * (0/1 or two text levels, as R treats a two-level factor), multinomial for 3 to 50 text levels
 * (glmnet's family = "multinomial"), gaussian for other numbers. A text target of any other number of
 * values, or whose levels differ only in capitals (a typo more likely than a class), fits no family:
 * that is said here, in the lab's terms, rather than as gaussian's complaint about text the person
 * never chose gaussian for.
 */
export function autoFamily(target: string, kind: ColumnKind): LabFamily {
  if (kind.kind === "numbers") return kind.distinct === 2 ? "binomial" : "gaussian";
  if (kind.levels.length === 2) return "binomial";
  if (classCount(kind) !== null && capitalTwins(kind.levels) === undefined) return "multinomial";
  throw new DataError(textTargetMessage(target, kind.levels), target);
}

/** Whole-number targets of this few values may be classes coded as numbers (a cultivar 1, 2, 3). */
const FEW_CODES = 10;

/**
 * The values of a numeric target of 3 to 10 distinct whole numbers, or null: the automatic family fits
 * them as numbers (a count, a rating), and the lab says they could be classes (multinomial) instead.
 */
export function wholeNumberCodes(cells: readonly string[], reader: CellReader): number[] | null {
  const profile = profileColumn(cells, reader);
  if (profile.kind === "text") return null;
  const seen = new Set<number>();
  for (const v of profile.values) {
    if (v !== v) continue;
    if (!Number.isInteger(v)) return null;
    seen.add(v);
    if (seen.size > FEW_CODES) return null;
  }
  return seen.size >= 3 ? [...seen].sort((a, b) => a - b) : null;
}

export function codesNote(target: string, codes: readonly number[]): string {
  return `${quote(target)} holds ${codes.length} whole numbers (${codes.join(", ")}), fitted as numbers; if they are classes, choose Family: multinomial.`;
}

/** Levels that differ only in capitals ("Yes" and "yes"), if any. */
function capitalTwins(levels: readonly string[]): string[] | undefined {
  const folded = new Map<string, string[]>();
  for (const level of levels) folded.set(level.toLowerCase(), [...(folded.get(level.toLowerCase()) ?? []), level]);
  return [...folded.values()].find((group) => group.length > 1);
}

function textTargetMessage(target: string, levels: readonly string[]): string {
  const shown = levels.slice(0, 5).map(quote).join(", ") + (levels.length > 5 ? ", …" : "");
  const count = levels.length === 1 ? "one value only" : `${levels.length} different values`;
  let hint = "choose another Target";
  const alike = capitalTwins(levels);
  if (alike) hint = `${alike.map(quote).join(" and ")} differ only in capitals: write them alike in the file, or ${hint}`;
  const multi = levels.length >= 3 ? ` (or choose Family: multinomial to fit its ${levels.length} classes${levels.length > MANY_CLASSES ? `, more than ${MANY_CLASSES}, as the command line warns` : ""})` : "";
  return `target ${quote(target)} holds text with ${count} (${shown}): a binomial target needs exactly two, and gaussian and poisson targets need numbers; ${hint}${multi}`;
}

/** What a coefficient is on: for binomial, the log-odds of the level modelled as 1, which it names. */
export function modelledAs(family: FamilyName, target: string, positiveClass: string | null): string {
  return familyOf(family).etaWords(target, positiveClass);
}

// ---- Columns the data cannot tell apart ---------------------------------------------------------

/**
 * Pairs of model-matrix columns equal in every row (a copied column), as [copy, original] by name.
 * Columns are grouped by a hash of their values first, so this is one pass over X, not p² comparisons.
 * Constant columns are left out: the design warns about them already.
 */
export function duplicateColumns(x: ModelMatrix): [string, string][] {
  const { n, p, data } = x;
  const byHash = new Map<number, number[]>();
  const pairs: [string, string][] = [];
  const view = new Int32Array(data.buffer, data.byteOffset, data.length * 2);
  for (let j = 0; j < p; j++) {
    let hash = 0;
    let constant = true;
    for (let i = 0; i < n; i++) {
      const k = 2 * (j * n + i);
      hash = (Math.imul(hash, 31) + view[k]! * 17 + view[k + 1]!) | 0;
      if (data[j * n + i] !== data[j * n]) constant = false;
    }
    if (constant) continue;
    const same = byHash.get(hash) ?? [];
    const original = same.find((o) => equalColumns(data, n, o, j));
    if (original !== undefined) pairs.push([x.names[j]!, x.names[original]!]);
    else byHash.set(hash, [...same, j]);
  }
  return pairs;
}

function equalColumns(data: Float64Array, n: number, a: number, b: number): boolean {
  for (let i = 0; i < n; i++) if (data[a * n + i] !== data[b * n + i]) return false;
  return true;
}

export function duplicateNote([copy, original]: [string, string]): string {
  return `column ${quote(copy)} is identical to ${quote(original)}: the data cannot tell them apart, so the lasso's choice between them is arbitrary (it may keep just one), while ridge and the elastic net share their effect equally`;
}

// ---- Messages in the lab's terms ----------------------------------------------------------------

/** A thousands separator as the command line writes it (--thousands ' ') and as the lab's list shows it. */
function separatorName(flagValue: string): string {
  const mark = flagValue === "' '" ? " " : flagValue === `"'"` ? "'" : flagValue;
  return mark === " " ? "space" : JSON.stringify(mark);
}

/**
 * A library message with the options it names turned into the lab's controls: the library names the
 * option that fixes a problem by its own name (na drop, family binomial, target, ignore), the cells'
 * readers by the command line's flags (--decimal ,, --thousands .); in the lab each is a control of the
 * Data or Model settings. Either spelling of an option is taken. Messages without them pass unchanged.
 */
export function labMessage(message: string): string {
  return message
    .replace(/drop rows with missing values \((?:--)?na drop\)/g, `tick "drop rows with missing values"`)
    .replace(/\((?:--)?na drop\)/g, `(tick "drop rows with missing values")`)
    .replace(/say how to read it \(([^()]*)\)/g, (_, flags: string) => `set ${flags} under Data`)
    .replace(/--decimal ([.,])/g, `Decimal mark "$1"`)
    .replace(/--thousands ('[ ]'|"'"|[.,])/g, (_, mark: string) => `Thousands separator ${separatorName(mark)}`)
    .replace(/(Decimal mark "[.,]"|Thousands separator \S+) (?=Thousands|Decimal)/g, "$1 and ")
    .replace(/use (?:--)?family (\w+)/g, "choose Family: $1")
    .replace(/(?:--|\b)family (\w+)/g, "Family: $1")
    .replace(/\((?:--target [A-Z]+|target)\)/g, "(choose a Target)")
    .replace(/ignore it \((?:--)?ignore\)/g, "delete it from the file")
    .replace(/\(ignore it if it is an identifier\)/g, "(delete it from the file if it is an identifier)");
}
