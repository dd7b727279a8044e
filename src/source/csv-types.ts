/**
 * The column types of a CSV that DuckDB reads, decided as the in-memory reader decides them (src/data/
 * design.ts), not by DuckDB's sniffer, which reads a number column holding "NA" as text (and fails on
 * an "NA" beyond its sample). The file is read as text; one query counts, per column, the cells that
 * are numbers and those that are text, a missing token (empty, NA, NaN, NULL, ?, ., #N/A, Inf …, trimmed,
 * any case) being neither. A column is numeric when its numbers outnumber its text cells; it is then read
 * as a DOUBLE with its missing tokens NULL, which --na treats as for a file; a text cell in it is an
 * error naming its column and line (in memory --na drop would drop that row).
 */
import { MISSING_TOKENS } from "../data/cells.js";
import type { Dialect } from "./dialect.js";

/** Missing and infinite spellings, lower-cased and trimmed: NULL in a number column (cells.ts). */
const NOT_A_VALUE = [...MISSING_TOKENS, "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "#div/0!"];

/** The SQL test that a cell (text) is a missing or infinite token once trimmed, any case. */
function isToken(d: Dialect, cell: string): string {
  return `lower(trim(${cell})) IN (${NOT_A_VALUE.map(d.text).join(", ")})`;
}

/**
 * The SQL of a cell as a number: NULL for NULL or a token. Text fails the CAST when the column is read
 * (a column left out is never cast): the engine names the cell, the CSV engine its column and line.
 */
export function numberOfCell(d: Dialect, cell: string): string {
  return `CASE WHEN ${cell} IS NULL OR ${isToken(d, cell)} THEN NULL ELSE CAST(trim(${cell}) AS DOUBLE) END`;
}

/** The SQL test that a cell is text: present, not a token, not a number. */
function isText(d: Dialect, cell: string): string {
  return `(${cell} IS NOT NULL AND NOT ${isToken(d, cell)} AND TRY_CAST(trim(${cell}) AS DOUBLE) IS NULL)`;
}

/** One query: per column j, its numbers (n{j}) and its text cells (t{j}). */
export function cellKindsQuery(d: Dialect, relation: string, names: readonly string[]): string {
  const counts = names.flatMap((name, j) => {
    const cell = d.id(name);
    return [
      `COUNT(*) FILTER (WHERE ${cell} IS NOT NULL AND NOT ${isToken(d, cell)} AND TRY_CAST(trim(${cell}) AS DOUBLE) IS NOT NULL) AS ${d.id(`n${j}`)}`,
      `COUNT(*) FILTER (WHERE ${isText(d, cell)}) AS ${d.id(`t${j}`)}`,
    ];
  });
  return `SELECT ${counts.join(", ")} FROM ${relation}`;
}

/** The first text cell of a column (its line in the file: the header is line 1) and what it holds. */
export function firstTextQuery(d: Dialect, relation: string, name: string): string {
  const cell = d.id(name);
  return `SELECT line, ${cell} AS cell FROM (SELECT row_number() OVER () + 1 AS line, ${cell} FROM ${relation}) WHERE ${isText(d, cell)} ORDER BY line LIMIT 1`;
}

/** Whether a column is numeric: its numbers outnumber its text cells (as profileColumn decides). */
export function isNumeric(numbers: number, texts: number): boolean {
  return numbers > texts;
}
