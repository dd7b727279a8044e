/**
 * Reading one CSV cell as a number, and saying why when it is not one.
 * Pure string work: no allocation per cell on the common path (a plain number).
 */
import { checkArguments, optionsRule, choiceRule, type Schema } from "./arguments.js";

/** How numbers are written in the file. */
export interface NumberFormat {
  /** The decimal mark: "." (default) or ",". */
  readonly decimal?: "." | ",";
  /** A thousands separator to strip between digit groups ("" = none, the default). */
  readonly thousands?: "" | "," | "." | " " | "'";
}

/** What a cell holds, when it is not a plain finite number. */
export type CellProblem = "missing" | "infinite" | "overflow" | "formatted" | "text";

/**
 * Cells that mean "no value" in the exports people meet: R (NA), pandas (NaN, empty), SQL (NULL),
 * Excel (#N/A), SAS (.) and the UCI archive (?). Compared case-insensitively after trimming.
 */
export const MISSING_TOKENS: readonly string[] = ["", "na", "n/a", "nan", "null", "#n/a", ".", "?"];
const MISSING = new Set(MISSING_TOKENS);
const INFINITE = new Set(["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "#div/0!"]);

/** A cell that is made only of digits, signs and separators: a number written in some other convention. */
const SEPARATED_NUMBER = /^\s*[+-]?[\d.,' \u00a0\u202f]*\d[\d.,' \u00a0\u202f]*\s*$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The syntax of a plain number under a format, anchored, surrounding spaces allowed. */
function numberPattern(decimal: string, thousands: string): RegExp {
  const d = escapeRegExp(decimal);
  // A space groups thousands as a no-break or narrow no-break space does (what spreadsheets write).
  const group = thousands === " " ? "[ \\u00a0\\u202f]" : escapeRegExp(thousands);
  const integer = thousands === "" ? "\\d+" : `(?:\\d{1,3}(?:${group}\\d{3})+|\\d+)`;
  return new RegExp(`^\\s*[+-]?(?:${integer}(?:${d}\\d*)?|${d}\\d+)(?:[eE][+-]?\\d+)?\\s*$`);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Whether a cell is a plain number: [spaces][+-](digits[.digits] | .digits)[(e|E)[+-]digits][spaces].
 * The same language as numberPattern(".", ""), scanned by hand because it runs once per cell.
 */
export function isPlainNumber(cell: string): boolean {
  const n = cell.length;
  let i = 0;
  while (i < n && isSpace(cell.charCodeAt(i))) i++;
  if (i < n && (cell.charCodeAt(i) === 43 || cell.charCodeAt(i) === 45)) i++;
  let digits = 0;
  while (i < n && isDigit(cell.charCodeAt(i))) i++, digits++;
  if (i < n && cell.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(cell.charCodeAt(i))) i++, digits++;
  }
  if (digits === 0) return false;
  if (i < n && (cell.charCodeAt(i) === 101 || cell.charCodeAt(i) === 69)) {
    i++;
    if (i < n && (cell.charCodeAt(i) === 43 || cell.charCodeAt(i) === 45)) i++;
    let exponent = 0;
    while (i < n && isDigit(cell.charCodeAt(i))) i++, exponent++;
    if (exponent === 0) return false;
  }
  while (i < n && isSpace(cell.charCodeAt(i))) i++;
  return i === n;
}

/** A reader of cells under one number format. */
export interface CellReader {
  /** The cell as a finite number, or NaN when it is not one (ask `problem` why). */
  read(cell: string): number;
  /** Why `read` gave NaN. */
  problem(cell: string): CellProblem;
}

/** A reader of cells under one number format: each cell to a finite number, or NaN and the reason. */
export function cellReader(format: NumberFormat = {}): CellReader {
  checkArguments("cellReader", { format }, { format: optionsRule(NUMBER_FORMAT) });
  const decimal = format.decimal ?? ".";
  const thousands = format.thousands ?? "";
  if (decimal !== "." && decimal !== ",") throw new RangeError(`decimal must be "." or ",", not ${JSON.stringify(decimal)}`);
  if (thousands === decimal) throw new RangeError(`the thousands separator cannot also be the decimal mark (${JSON.stringify(decimal)})`);
  const pattern = numberPattern(decimal, thousands);
  const plain = decimal === "." && thousands === "";

  function normalise(cell: string): string {
    let s = cell;
    if (thousands === " ") s = s.replace(/[ \u00a0\u202f]/g, "");
    else if (thousands !== "") s = s.split(thousands).join("");
    if (decimal === ",") s = s.replace(",", ".");
    return s;
  }

  function read(cell: string): number {
    // The syntax check (not Number alone) decides: Number accepts "", "0x1F", "Infinity" and " ", which are not data.
    if (plain ? !isPlainNumber(cell) : !pattern.test(cell)) return NaN;
    const value = Number(plain ? cell : normalise(cell));
    return Number.isFinite(value) ? value : NaN;
  }

  function problem(cell: string): CellProblem {
    const token = cell.trim().toLowerCase();
    if (MISSING.has(token)) return "missing";
    if (INFINITE.has(token)) return "infinite";
    if (pattern.test(cell)) return "overflow";
    if (SEPARATED_NUMBER.test(cell) && separatorsIn(cell).some((s) => s !== decimal) && readableSomehow(cell)) return "formatted";
    return "text";
  }

  return { read, problem };
}

/** Whether some format (decimal mark, thousands separator) reads the cell: "- 3" or "1,,2" are text in any. */
function readableSomehow(cell: string): boolean {
  return formatReaders().some((reader) => Number.isFinite(reader.read(cell)));
}

let readers: CellReader[] | null = null;
/** One reader per format of FORMATS, made once. */
function formatReaders(): CellReader[] {
  return (readers ??= FORMATS.map((format) => cellReader(format)));
}

/** The separator characters used inside a number cell, for messages. */
export function separatorsIn(cell: string): string[] {
  const found = new Set<string>();
  for (const ch of cell.trim()) if (/[.,' \u00a0\u202f]/.test(ch)) found.add(ch === "\u00a0" || ch === "\u202f" ? " " : ch);
  return [...found];
}

/** The formats a cell may be written in: each decimal mark with each thousands separator (or none). */
const FORMATS: readonly Required<NumberFormat>[] = (["."  , ","] as const).flatMap((decimal) =>
  (["", ",", ".", " ", "'"] as const).filter((t) => t !== decimal).map((thousands) => ({ decimal, thousands })),
);

/**
 * The formats other than `current` that read the cell as a finite number, fewest changed flags first,
 * each with the command-line flags that choose it and the value it reads.
 */
export function formatsReading(cell: string, current: Required<NumberFormat>): { format: Required<NumberFormat>; flags: string; value: number }[] {
  const out: { format: Required<NumberFormat>; flags: string; value: number; changes: number }[] = [];
  FORMATS.forEach((format, k) => {
    if (format.decimal === current.decimal && format.thousands === current.thousands) return;
    const value = formatReaders()[k].read(cell);
    if (!Number.isFinite(value)) return;
    const flags: string[] = [];
    if (format.decimal !== current.decimal) flags.push(`--decimal ${format.decimal}`);
    if (format.thousands !== current.thousands) {
      flags.push(format.thousands === "" ? "without --thousands" : `--thousands ${format.thousands === " " ? "' '" : format.thousands === "'" ? `"'"` : format.thousands}`);
    }
    out.push({ format, flags: flags.join(" "), value, changes: flags.length });
  });
  // One offer per value read, with the fewest flags: "1,5" is 1.5 under --decimal , with or without --thousands .
  const seen = new Set<number>();
  return out.sort((a, b) => a.changes - b.changes).filter((r) => !seen.has(r.value) && seen.add(r.value) !== undefined)
    .map(({ format, flags, value }) => ({ format, flags, value }));
}

/** Why a cell is not usable as a number, in words a person can act on. */
export function describeProblem(cell: string, problem: CellProblem, format: NumberFormat = {}): string {
  const shown = JSON.stringify(cell);
  switch (problem) {
    case "missing":
      return cell.trim() === "" ? "the cell is empty (a missing value)" : `${shown} is a missing value`;
    case "infinite":
      return `${shown} is infinite, not a number`;
    case "overflow":
      return `${shown} is too large for a 64-bit number (beyond ±1.8e308)`;
    case "formatted": {
      const decimal = format.decimal ?? ".";
      const marks = separatorsIn(cell);
      const shownMark = (m: string) => (m === " " ? "a space" : JSON.stringify(m));
      // Every mark is one the reader was told of: they are in the wrong places, not of the wrong kind.
      const thousandsMark = format.thousands ?? "";
      if (thousandsMark !== "" && marks.every((m) => m === decimal || m === thousandsMark)) {
        const example = `1${thousandsMark}234${thousandsMark}567${decimal}89`;
        return `${shown} does not read as a number with ${shownMark(thousandsMark)} grouping thousands and ${JSON.stringify(decimal)} as the decimal mark: groups are of three digits and come before the decimal mark (${example})`;
      }
      // Only readings that work are offered: following the hint reads the cell.
      const readings = formatsReading(cell, { decimal, thousands: thousandsMark });
      if (readings.length === 0) return `${shown} is not a number`;
      const [first, second] = readings;
      const marksOf = (f: Required<NumberFormat>) => [
        ...(f.thousands !== "" && marks.includes(f.thousands) ? [`${shownMark(f.thousands)} as a thousands separator`] : []),
        ...(cell.includes(f.decimal) ? [`${JSON.stringify(f.decimal)} as the decimal mark`] : []),
      ].join(" and ");
      if (second === undefined) return `${shown} is a number written with ${marksOf(first.format)}; say how to read it (${first.flags})`;
      return `${shown} is a number written with ${marksOf(first.format)} (${first.flags} reads ${first.value}) or with ${marksOf(second.format)} (${second.flags} reads ${second.value}); say how to read it`;
    }
    case "text":
      return `${shown} is not a number`;
  }
}

/** A number format's options (NumberFormat), each with its rule. */
const NUMBER_FORMAT: Schema<NumberFormat> = {
  decimal: choiceRule(() => [".", ","]),
  thousands: choiceRule(() => ["", ",", ".", " ", "'"]),
};
