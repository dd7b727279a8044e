/**
 * A parsed table as SQL for DuckDB (the source fuzzer, test/cli/fuzz-source.test.ts): a column of
 * numbers (missing-value spellings as NULL) is DOUBLE, any other VARCHAR; every cell a literal.
 */
import type { Table } from "../../src/data/csv.js";
import { MISSING_TOKENS } from "../../src/data/cells.js";

const MISSING = new Set(MISSING_TOKENS);
const missing = (t: string) => MISSING.has(t.toLowerCase());
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as a SQL literal of its column's type. */
function literal(cell: string, numeric: boolean): string {
  const t = cell.trim();
  if (missing(t)) return "NULL";
  if (numeric) return Number.isFinite(Number(t)) ? `${Number(t)}` : "NULL";
  return `'${cell.replace(/'/g, "''")}'`;
}

/** CREATE TABLE t and one INSERT of its rows; null when the names clash in DuckDB (which ignores case). */
export function sqlTable(table: Table): string[] | null {
  const lower = table.names.map((n) => n.toLowerCase());
  if (new Set(lower).size !== lower.length || lower.some((n) => n === "")) return null;
  const numeric = table.columns.map((cells) => cells.some((c) => NUMBER.test(c.trim())) && cells.every((c) => NUMBER.test(c.trim()) || missing(c.trim())));
  const columns = table.names.map((n, j) => `"${n.replace(/"/g, '""')}" ${numeric[j] ? "DOUBLE" : "VARCHAR"}`);
  const statements = [`CREATE TABLE t (${columns.join(", ")})`];
  if (table.rows > 0) {
    const rows = Array.from({ length: table.rows }, (_, i) => `(${table.columns.map((cells, j) => literal(cells[i], numeric[j])).join(", ")})`);
    statements.push(`INSERT INTO t VALUES ${rows.join(", ")}`);
  }
  return statements;
}
