/**
 * The SQL a source runs, the same for every engine but for its dialect: the levels of a text column,
 * a first pass (rows, weight, means, ranges, NULL counts) and the shifted sums grouped by fold. A list
 * of aggregates longer than the engine allows in one query is split into several queries (each one
 * scan), their results joined by the group key (the fold, as result column ALIAS + "fold").
 */
import type { Dialect } from "./dialect.js";

/**
 * Result columns are named with this prefix: ClickHouse resolves an alias anywhere in its query, so an
 * alias equal to a column's name ("w", "g") would be read in place of the column.
 */
export const ALIAS = "shrinkage__";

/** An aggregate: its SQL and the name of its result column (without ALIAS). */
export interface Aggregate {
  readonly sql: string;
  readonly as: string;
}

/** What a query reads: the relation (a table or a subquery) and the rows kept (a WHERE condition, or null). */
export interface Scan {
  readonly from: string;
  readonly where: string | null;
  /** Named expressions (`expr AS name`) the query defines before its SELECT (ClickHouse's projections). */
  readonly with?: readonly string[];
}

/** The distinct values of a column as text (NULL among them when present). */
export function levelsQuery(d: Dialect, scan: Scan, column: string): string {
  return `SELECT DISTINCT ${d.toText(d.id(column))} AS ${d.id(`${ALIAS}level`)} FROM ${scan.from}${scan.where ? ` WHERE ${scan.where}` : ""}`;
}

/** Queries of at most `room` aggregates each (one more column, the group key, when grouped). */
export function aggregateQueries(d: Dialect, scan: Scan, aggregates: readonly Aggregate[], groupBy: string | null): string[] {
  const room = d.maxColumns - 1;
  const queries: string[] = [];
  for (let start = 0; start < aggregates.length; start += room) {
    let group = groupBy;
    const list = aggregates.slice(start, start + room).map((a) => `${a.sql} AS ${d.id(ALIAS + a.as)}`);
    const where = scan.where ? ` WHERE ${scan.where}` : "";
    const named = scan.with && scan.with.length > 0 ? `WITH ${scan.with.join(", ")} ` : "";
    // ClickHouse 18 groups a Distributed table by a WITH name wrongly: grouped by its expression instead.
    const definition = group === null ? undefined : scan.with?.find((e) => e.endsWith(` AS ${group}`));
    if (definition !== undefined) group = definition.slice(0, definition.length - ` AS ${group}`.length);
    const key = group === null ? "" : `${group} AS ${d.id(`${ALIAS}fold`)}, `;
    queries.push(`${named}SELECT ${key}${list.join(", ")} FROM ${scan.from}${where}${group === null ? "" : ` GROUP BY ${group}`}`);
  }
  return queries;
}

/**
 * The first pass over columns v_j (their SQL): rows, Σw, Σw·v_j/Σw (the weighted mean, the shift of the
 * second pass), min and max (a constant column is shifted by its value, so its sums are exactly 0), and
 * for each column checked its NULLs and the rows where it has no value (NULL, NaN, a missing text: the
 * `present` test fails).
 */
export function firstPassAggregates(weight: string, values: readonly string[], checked: readonly { readonly id: string; readonly present: string }[]): Aggregate[] {
  return [
    { sql: "COUNT(*)", as: "n" },
    { sql: `SUM(${weight})`, as: "w" },
    { sql: `MIN(${weight})`, as: "wmin" },
    ...values.flatMap((v, j) => [
      { sql: `SUM(${weight} * ${v})`, as: `m${j}` },
      { sql: `MIN(${v})`, as: `lo${j}` },
      { sql: `MAX(${v})`, as: `hi${j}` },
    ]),
    ...checked.flatMap((c, j) => [
      { sql: `SUM(CASE WHEN ${c.id} IS NULL THEN 1 ELSE 0 END)`, as: `null${j}` },
      { sql: `SUM(CASE WHEN ${c.present} THEN 0 ELSE 1 END)`, as: `absent${j}` },
    ]),
  ];
}

/**
 * The rows as a subquery of named columns, each expression computed once per row, which the aggregates
 * then read by name (`column(name)`): a query of p² sums over p expressions plans and runs far faster
 * than one repeating each expression in every sum. `key` is the fold (its column ALIAS + "key").
 */
export function projected(d: Dialect, scan: Scan, columns: Readonly<Record<string, string>>, key: string | null = null): Scan {
  const list = Object.entries(columns).map(([name, sql]) => `${sql} AS ${column(d, name)}`);
  if (key !== null) list.push(`${key} AS ${column(d, "key")}`);
  // ClickHouse: the names defined in WITH, read from the table itself, so that a Distributed table's
  // shards sum their own rows (a subquery would send the rows to the server asked).
  if (d.namedExpressions) return { ...scan, with: [...(scan.with ?? []), ...list.filter((e) => !isPassThrough(e))] };
  return { from: `(SELECT ${list.join(", ")} FROM ${scan.from}${scan.where ? ` WHERE ${scan.where}` : ""}${d.fence}) AS ${d.id(`${ALIAS}rows`)}`, where: null };
}

/** `x AS x`: a column passed on unchanged (a WITH must not define a name as itself). */
function isPassThrough(entry: string): boolean {
  const at = entry.lastIndexOf(" AS ");
  return entry.slice(0, at) === entry.slice(at + 4);
}

/** A column of a projected scan, by name (its own prefix: ClickHouse would confuse it with a result's alias). */
export function column(d: Dialect, name: string): string {
  return d.id(`${ALIAS}column_${name}`);
}

/**
 * The second pass over a projection of w (the weight) and d_j = v_j − shift_j: n, Σw, Σw·d_j and
 * Σw·d_j·d_k (j ≤ k).
 */
export function shiftedAggregates(d: Dialect, q: number): Aggregate[] {
  const w = column(d, "w");
  const dev = Array.from({ length: q }, (_, j) => column(d, `d${j}`));
  const out: Aggregate[] = [
    { sql: "COUNT(*)", as: "n" },
    { sql: `SUM(${w})`, as: "w" },
  ];
  dev.forEach((e, j) => out.push({ sql: `SUM(${w} * ${e})`, as: `a${j}` }));
  for (let j = 0; j < dev.length; j++) {
    for (let k = j; k < dev.length; k++) out.push({ sql: `SUM(${w} * ${dev[j]} * ${dev[k]})`, as: `s${j}_${k}` });
  }
  return out;
}

/** The projection of the second pass: the weight and each value less its shift. */
export function shiftedColumns(d: Dialect, weight: string, values: readonly string[], shift: Float64Array): Record<string, string> {
  const columns: Record<string, string> = { w: d.toDouble(weight) };
  values.forEach((v, j) => (columns[`d${j}`] = shift[j] === 0 ? v : `(${v} - ${d.number(shift[j])})`));
  return columns;
}
