/**
 * Which text columns of a source hold numbers, decided as the in-memory reader decides a file's columns
 * (profileColumn, src/data/design.ts), not by the engine's type: a CSV read through DuckDB as text, or a
 * PostgreSQL TEXT or ClickHouse String column. One query sorts each used text column's cells into
 * numbers, missing cells (NULL, or empty, NA, NaN, NULL, ?, ., #N/A, Inf … once trimmed, any case),
 * numbers with separators ("1,000": formatted) and text. A column is numeric when its numbers and
 * formatted cells are at least as many as its text cells (so a column of missing cells only is numeric,
 * as in memory); it is then read as a double, NULL where a cell is missing or text. Under --na drop a
 * text cell's row is dropped, as in memory; under --na error it is an error naming the column and the
 * cell (its line, for a CSV). A formatted cell is an error either way (in memory too: a misread
 * convention must not lose rows silently).
 */
import { DataError } from "../errors.js";
import { MISSING_TOKENS } from "../data/cells.js";
import { quote } from "../data/nearest.js";
import type { Dialect } from "./dialect.js";
import type { SourceColumn } from "./design.js";
import { ALIAS, aggregateQueries } from "./sql.js";

/** The spaces a file's number may be padded with (isPlainNumber's: tab to carriage return, space, no-break space). */
const SPACE = "[\t\n\u000b\f\r \u00a0]";
/** A plain number once stripped: [+-](digits[.digits] | .digits)[(e|E)[+-]digits] (isPlainNumber). */
const PLAIN = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$";
/** Digits, signs and separators only (cells.ts, SEPARATED_NUMBER), */
const SEPARATED = "^[+-]?[0-9.,' \u00a0\u202f]*[0-9][0-9.,' \u00a0\u202f]*$";
/** … with a separator other than the decimal point, … */
const OTHER_SEPARATOR = "[,' \u00a0\u202f]";
/** … that some decimal mark and thousands separator read (cells.ts, readableSomehow: numberPattern of each format). */
const READABLE = `^(${(["."  , ","] as const).flatMap((decimal) => (["", ",", ".", " ", "'"] as const).filter((t) => t !== decimal).map((thousands) => {
  const group = thousands === " " ? "[ \u00a0\u202f]" : `[${thousands}]`;
  const integer = thousands === "" ? "[0-9]+" : `([0-9]{1,3}(${group}[0-9]{3})+|[0-9]+)`;
  return `[+-]?(${integer}([${decimal}][0-9]*)?|[${decimal}][0-9]+)([eE][+-]?[0-9]+)?`;
})).join("|")})$`;

/** Missing and infinite spellings, lower-cased: NULL in a number column (cells.ts). */
const NOT_A_VALUE = [...MISSING_TOKENS, "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "#div/0!"];

/** A cell as text with the spaces around it stripped. */
function stripped(d: Dialect, name: string): string {
  return d.replaceAll(d.toText(d.id(name)), `^${SPACE}+|${SPACE}+$`);
}

/** The SQL of a cell's kind: 'm' missing, 'n' a number, 'f' a number with separators, 't' text. */
export function cellKindSql(d: Dialect, name: string): string {
  const s = stripped(d, name);
  const formatted = `${d.matches(s, SEPARATED)} AND ${d.matches(s, OTHER_SEPARATOR)} AND ${d.matches(s, READABLE)}`;
  return `CASE WHEN ${d.id(name)} IS NULL OR lower(${s}) IN (${NOT_A_VALUE.map(d.text).join(", ")}) THEN 'm' ` +
    `WHEN ${d.matches(s, PLAIN)} THEN 'n' WHEN ${formatted} THEN 'f' ELSE 't' END`;
}

/** The SQL of a text cell as a number: the number it spells, NULL when it is missing or text. */
export function numberOfCell(d: Dialect, name: string): string {
  const s = stripped(d, name);
  return `CASE WHEN ${d.matches(s, PLAIN)} THEN ${d.textToDouble(s)} END`;
}

/** Whether a column is numeric: its numbers (plain or formatted) are at least as many as its text cells (profileColumn). */
export function isNumeric(numbers: number, formatted: number, texts: number): boolean {
  return numbers + formatted >= texts;
}

/** What typing needs of an engine: its dialect, its relation, a way to run a query, and whether rows are a file's lines. */
interface Relation {
  readonly dialect: Dialect;
  readonly from: string;
  readonly where: string;
  readonly lines?: boolean;
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

/** How a text column's cells sort: numbers, formatted numbers, text. */
interface CellCounts {
  readonly numbers: number;
  readonly formatted: number;
  readonly texts: number;
}

/** The counts of each column's kinds of cells, in as few queries as the engine allows (one scan each). */
async function countKinds(r: Relation, names: readonly string[]): Promise<CellCounts[]> {
  const d = r.dialect;
  const count = (j: number, kind: string) => ({ sql: `SUM(CASE WHEN ${cellKindSql(d, names[j])} = '${kind}' THEN 1 ELSE 0 END)`, as: `${kind}${j}` });
  const aggregates = names.flatMap((_, j) => [count(j, "n"), count(j, "f"), count(j, "t")]);
  const out: Record<string, unknown> = {};
  for (const sql of aggregateQueries(d, { from: r.from, where: null }, aggregates, null)) {
    for (const [key, v] of Object.entries((await r.rows(sql))[0] ?? {})) out[key.slice(ALIAS.length)] = v;
  }
  const num = (key: string) => Number(out[key] ?? 0);
  return names.map((_, j) => ({ numbers: num(`n${j}`), formatted: num(`f${j}`), texts: num(`t${j}`) }));
}

/** The first cell of a kind in a column (with its line, when rows are a file's lines: the header is line 1). */
async function firstOfKind(r: Relation, name: string, kind: "f" | "t"): Promise<{ cell: string; line: number | null }> {
  const d = r.dialect;
  const cell = d.id(`${ALIAS}cell`);
  const sql = r.lines
    ? `SELECT ${cell}, ${d.id(`${ALIAS}line`)} FROM (SELECT row_number() OVER () + 1 AS ${d.id(`${ALIAS}line`)}, ${d.id(name)} AS ${cell}, ${cellKindSql(d, name)} AS ${d.id(`${ALIAS}kind`)} FROM ${r.from}) AS ${d.id(`${ALIAS}cells`)} WHERE ${d.id(`${ALIAS}kind`)} = '${kind}' ORDER BY ${d.id(`${ALIAS}line`)} LIMIT 1`
    : `SELECT ${d.toText(d.id(name))} AS ${cell} FROM ${r.from} WHERE ${cellKindSql(d, name)} = '${kind}' LIMIT 1`;
  const row = (await r.rows(sql))[0] ?? {};
  const line = row[`${ALIAS}line`];
  return { cell: String(row[`${ALIAS}cell`]), line: line === undefined ? null : Number(line) };
}

/** Where a bad cell is, for a message: its line, or how many rows hold such cells. */
function placeOf(at: { cell: string; line: number | null }, count: number, what: string): string {
  if (at.line !== null) return `line ${at.line} has ${quote(at.cell)}`;
  return `${count} row${count === 1 ? " holds" : "s hold"} ${what}, such as ${quote(at.cell)}`;
}

/**
 * The used text columns that hold numbers, typed: the columns with their kinds as the in-memory reader
 * gives them, and the relation to read (the engine's, with those columns as doubles). `keep` names
 * columns read as they are (a fold key is hashed as its text). Throws the errors of the module comment.
 */
export async function typeTextColumns(
  r: Relation, columns: readonly SourceColumn[], used: readonly string[], options: { readonly na: "error" | "drop"; readonly keep?: readonly string[] },
): Promise<{ columns: SourceColumn[]; from: string }> {
  const d = r.dialect;
  const candidates = columns.filter((c) => c.kind === "text" && used.includes(c.name) && !(options.keep ?? []).includes(c.name));
  if (candidates.length === 0) return { columns: [...columns], from: r.from };
  const counts = await countKinds(r, candidates.map((c) => c.name));
  const numeric = candidates.filter((_, j) => isNumeric(counts[j].numbers, counts[j].formatted, counts[j].texts));
  if (numeric.length === 0) return { columns: [...columns], from: r.from };
  for (const c of numeric) {
    const n = counts[candidates.indexOf(c)];
    if (n.formatted > 0) {
      const at = await firstOfKind(r, c.name, "f");
      throw new DataError(`column ${quote(c.name)} of ${r.where} holds numbers, but ${placeOf(at, n.formatted, "numbers with separators")}, a number with a separator: a source reads plain numbers (1234.5) only; fix the cells, or leave the column out (ignore)`, c.name);
    }
    if (n.texts > 0 && options.na === "error") {
      const at = await firstOfKind(r, c.name, "t");
      throw new DataError(`column ${quote(c.name)} of ${r.where} holds numbers, but ${placeOf(at, n.texts, "text")}, which is not a number; fix ${at.line !== null ? "that cell" : "them"}, drop ${at.line !== null ? "its row" : "their rows"} (na drop), or leave the column out (ignore)`, c.name);
    }
  }
  const typed = new Set(numeric.map((c) => c.name));
  // The columns renamed first: ClickHouse reads a name in an expression as the alias of that name.
  const raw = (name: string) => `${ALIAS}raw_${name}`;
  const renamed = `(SELECT ${columns.map((c) => `${d.id(c.name)} AS ${d.id(raw(c.name))}`).join(", ")} FROM ${r.from}) AS ${d.id(`${ALIAS}raw`)}`;
  const list = columns.map((c) => `${typed.has(c.name) ? numberOfCell(d, raw(c.name)) : d.id(raw(c.name))} AS ${d.id(c.name)}`);
  return {
    columns: columns.map((c) => (typed.has(c.name) ? { ...c, kind: "number", type: `${c.type} holding numbers` } : c)),
    from: `(SELECT ${list.join(", ")} FROM ${renamed}${d.fence}) AS ${d.id(`${ALIAS}typed`)}`,
  };
}
