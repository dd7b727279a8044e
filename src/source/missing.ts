/**
 * Missing values in a source, read as a file's are (src/data/design.ts): a NULL; in a number column NaN
 * and ±Infinity (a file's "NaN" and "Inf" cells are missing); in a text column a value that is empty or a
 * missing token once trimmed ("", NA, NaN, NULL, ?, ., #N/A, Inf …). Text levels are trimmed as the
 * file's reader trims them (JavaScript's trim), so " a" and "a" are one level, as in memory. The
 * engines' own trims differ (spaces only, or bytes not characters), so the trimming is done here on the
 * distinct values the engine returns: a level's indicator is the test that the value is one of the raw
 * spellings that trim to it.
 */
import { cellReader } from "../data/cells.js";
import { MISSING_LIKE } from "../data/design.js";
import type { Dialect } from "./dialect.js";

const reader = cellReader();

/** Whether a text cell is missing as in a file: not a number, and empty, a missing token, infinite or overflowing. */
export function isMissingText(cell: string): boolean {
  return Number.isNaN(reader.read(cell)) && MISSING_LIKE.has(reader.problem(cell));
}

/** A text column's levels: each trimmed level (sorted as in memory) and the raw spellings that trim to it. */
export function trimmedLevels(raw: readonly (string | null)[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const value of raw) {
    if (value === null || isMissingText(value)) continue;
    const level = value.trim();
    out.set(level, [...(out.get(level) ?? []), value]);
  }
  return out;
}

/** The SQL test that an expression's text is one of `values`. */
export function textIn(d: Dialect, expr: string, values: readonly string[]): string {
  return values.length === 1 ? `${d.toText(expr)} = ${d.text(values[0])}` : `${d.toText(expr)} IN (${values.map(d.text).join(", ")})`;
}

/**
 * The SQL test that a column has a value in a row: not NULL; a number column also finite; a text column
 * also none of `missingText` (its raw spellings of a missing value).
 */
export function presentSql(d: Dialect, c: { readonly name: string; readonly kind: "number" | "text" }, missingText: readonly string[] = []): string {
  const id = d.id(c.name);
  if (c.kind === "number") return `(${id} IS NOT NULL AND ${d.isFinite(id)})`;
  return missingText.length === 0 ? `${id} IS NOT NULL` : `(${id} IS NOT NULL AND NOT (${textIn(d, id, missingText)}))`;
}
