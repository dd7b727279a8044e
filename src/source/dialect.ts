/**
 * What differs between the SQL engines a source reads: quoting, casts, number literals, the stable fold
 * hash, and how many aggregates one query may hold. Everything else of the SQL is shared (sql.ts).
 */

export type EngineName = "duckdb" | "postgres" | "clickhouse";

export interface Dialect {
  readonly engine: EngineName;
  /** An identifier quoted: "x" (a quote inside doubled). */
  id(name: string): string;
  /** A text literal: 'x' (a quote inside doubled). */
  text(value: string): string;
  /** A double-precision number, exactly as the JavaScript number (parsed from its shortest text). */
  number(value: number): string;
  /** An expression as a double-precision number. */
  toDouble(expr: string): string;
  /** An expression as text (a key, or a level of a text column). */
  toText(expr: string): string;
  /** The SQL test that a number is finite (not NaN, not ±Infinity). */
  isFinite(expr: string): string;
  /** The SQL test that text matches a regular expression (RE2 and PostgreSQL's alike: no backslashes). */
  matches(expr: string, pattern: string): string;
  /** Text with every match of a regular expression removed. */
  replaceAll(expr: string, pattern: string): string;
  /** Text that spells a plain number (checked before) as a double; NULL, not an error, where it does not. */
  textToDouble(expr: string): string;
  /** Natural logarithm and exponential of a double. */
  ln(expr: string): string;
  exp(expr: string): string;
  /** The fold 1..K of a key column's text: the first 28 bits of its MD5, modulo K, plus 1 (foldOfKey). */
  foldOfKey(expr: string, folds: number): string;
  /** A whole number held as a double or decimal, as integer text ("1000", where DuckDB writes "1000.0"). */
  wholeText(expr: string): string;
  /**
   * Result columns one query may hold: DuckDB fails (SIGFPE) on a GROUP BY with 16,383 or more SUM
   * aggregates, PostgreSQL returns at most 1,664 columns; ClickHouse has no such limit, but a query
   * of that size already takes seconds to plan.
   */
  readonly maxColumns: number;
  /**
   * Written after a projection's subquery so the planner keeps it a step of its own: PostgreSQL pulls
   * a plain subquery up into the query around it, writing each of its expressions out again wherever
   * a column of it is read (" OFFSET 0" stops that); the others compute a subquery's columns once.
   */
  readonly fence: string;
  /**
   * Whether projections are named expressions (WITH expr AS name) on the relation itself rather than
   * a subquery: ClickHouse computes each named expression once per row, and only then does a query on
   * a Distributed table aggregate on each shard (two-stage: shards send partial sums, the server asked
   * merges them); over a subquery the shards would send their rows.
   */
  readonly namedExpressions: boolean;
}

const doubled = (s: string, q: string) => s.split(q).join(q + q);
/** A text literal in standard SQL: 'x', a quote inside doubled; in ClickHouse's, backslash-escaped. */
const sqlText = (value: string) => `'${doubled(value, "'")}'`;
const clickHouseText = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function standard(
  engine: "duckdb" | "postgres", doubleType: string, textType: string, maxColumns: number, hexToInt: (hex: string) => string,
  isFinite: (double: string) => string, fence = "",
): Dialect {
  return {
    engine,
    id: (name) => `"${doubled(name, '"')}"`,
    text: sqlText,
    number: (value) => `CAST('${String(value)}' AS ${doubleType})`,
    toDouble: (expr) => `CAST(${expr} AS ${doubleType})`,
    toText: (expr) => `CAST(${expr} AS ${textType})`,
    isFinite: (expr) => isFinite(`CAST(${expr} AS ${doubleType})`),
    matches: (expr, pattern) => (engine === "duckdb" ? `regexp_matches(${expr}, ${sqlText(pattern)})` : `(${expr} ~ ${sqlText(pattern)})`),
    replaceAll: (expr, pattern) => `regexp_replace(${expr}, ${sqlText(pattern)}, '', 'g')`,
    // PostgreSQL has no TRY_CAST; its CASE evaluates the cast only where the number was checked.
    textToDouble: (expr) => (engine === "duckdb" ? `TRY_CAST(${expr} AS DOUBLE)` : `CAST(${expr} AS ${doubleType})`),
    ln: (expr) => `ln(${expr})`,
    exp: (expr) => `exp(${expr})`,
    foldOfKey: (expr, folds) => `(${hexToInt(`substr(md5(CAST(${expr} AS ${textType})), 1, 7)`)} % ${folds} + 1)`,
    wholeText: (expr) => `CAST(CAST(${expr} AS BIGINT) AS ${textType})`,
    maxColumns,
    fence,
    namedExpressions: false,
  };
}

export const DIALECTS: Readonly<Record<EngineName, Dialect>> = {
  duckdb: standard("duckdb", "DOUBLE", "VARCHAR", 8000, (hex) => `CAST('0x' || ${hex} AS BIGINT)`, (x) => `isfinite(${x})`),
  // PostgreSQL has no isfinite for doubles; its NaN equals NaN, so NOT IN tells the three apart.
  postgres: standard("postgres", "DOUBLE PRECISION", "TEXT", 1600, (hex) => `CAST(CAST('x' || ${hex} AS BIT(28)) AS INTEGER)`,
    (x) => `${x} NOT IN (CAST('NaN' AS DOUBLE PRECISION), CAST('Infinity' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION))`, " OFFSET 0"),
  clickhouse: {
    engine: "clickhouse",
    id: (name) => `"${doubled(name, '"')}"`.replace(/\\/g, "\\\\"),
    text: clickHouseText,
    number: (value) => `toFloat64('${String(value)}')`,
    toDouble: (expr) => `toFloat64(${expr})`,
    toText: (expr) => `toString(${expr})`,
    isFinite: (expr) => `isFinite(toFloat64(${expr}))`,
    matches: (expr, pattern) => `match(${expr}, ${clickHouseText(pattern)})`,
    replaceAll: (expr, pattern) => `replaceRegexpAll(${expr}, ${clickHouseText(pattern)}, '')`,
    // ClickHouse evaluates every branch of a CASE: the cast must not throw.
    textToDouble: (expr) => `toFloat64OrNull(${expr})`,
    ln: (expr) => `log(${expr})`,
    exp: (expr) => `exp(${expr})`,
    // MD5 is 16 bytes: the first four read big-endian are the first 8 hex digits; /16 keeps 7.
    foldOfKey: (expr, folds) => `(modulo(intDiv(reinterpretAsUInt32(reverse(substring(MD5(toString(${expr})), 1, 4))), 16), ${folds}) + 1)`,
    wholeText: (expr) => `toString(toInt64(${expr}))`,
    maxColumns: 8000,
    fence: "",
    namedExpressions: true,
  },
};
