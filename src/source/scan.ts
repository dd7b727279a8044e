/**
 * Scanning a source for the sufficient statistics of a gaussian path: the schema, the levels of each
 * text column, a first pass (rows, weights, means, ranges, NULLs) and a second of shifted sums, grouped
 * by fold for cross-validation. The engine scans; only p×p numbers per fold come back.
 */
import { DataError, OptionError } from "../errors.js";
import { quote } from "../data/nearest.js";
import type { Dialect } from "./dialect.js";
import { featureColumnsOf, sourceDesign, type SourceColumn, type SourceDesign, type SourceRoles } from "./design.js";
import { ALIAS, aggregateQueries, column, firstPassAggregates, levelsQuery, projected, shiftedAggregates, shiftedColumns, type Scan } from "./sql.js";
import { isMissingText, presentSql } from "./missing.js";
import { typeTextColumns } from "./column-types.js";
import type { ShiftedSums } from "./sums.js";
import { checkArguments, optionsRule, fieldsRule, stringValue, objectRule, functionRule, countRule, type Schema } from "../data/arguments.js";
import { engineRule } from "./arguments.js";
import { withHeartbeat } from "./heartbeat.js";

/** A connection to rows somewhere: an engine and the relation it reads. */
export interface Engine {
  readonly dialect: Dialect;
  /** The relation in SQL: a table, or a subquery in parentheses with an alias. */
  readonly from: string;
  /** The source as a person names it, for messages ("table t of data.duckdb"). */
  readonly where: string;
  /** Whether the relation's rows are a file's lines, in order (a CSV: the header is line 1), for messages. */
  readonly lines?: boolean;
  /** The relation's columns, in order. */
  columns(): Promise<SourceColumn[]>;
  /** Run a query; each row as an object of its result columns. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** How the statistics are grouped into folds: none, a column of fold ids 1..K, or K folds from a key's hash. */
export type FoldSpec = { readonly kind: "none" } | { readonly kind: "column"; readonly column: string } | { readonly kind: "key"; readonly column: string; readonly folds: number };

export interface ScanOptions {
  readonly folds?: FoldSpec;
  /** Called before each query with what it does (progress for long scans). */
  readonly onProgress?: (message: string) => void;
  /** Largest number of features whose statistics may be gathered (maxFeatures by default). */
  readonly maxFeatures?: number;
}

/** What a scan brings back: the design, the shift of each column, the sums per fold and in all. */
export interface SourceStats {
  readonly engine: string;
  readonly where: string;
  readonly design: SourceDesign;
  readonly names: readonly string[];
  readonly shift: Float64Array;
  readonly total: ShiftedSums;
  /** Sums per fold id (1..K), when grouped. */
  readonly folds: ReadonlyMap<number, ShiftedSums> | null;
  /** Rows kept, and those --na drop left out. */
  readonly rows: number;
  readonly droppedRows: number;
  readonly scanMs: number;
  /** What the queries read (the relation and the rows kept), for further passes (IRLS). */
  readonly scan: Scan;
  /** The fold of a row in SQL (the fold column, or the key's hash), null without folds. */
  readonly group: string | null;
  /** The smallest and largest value of the target. */
  readonly targetRange: readonly [number, number];
}

/**
 * The largest p whose statistics may be gathered: (p+1)² doubles per fold and in all, with K folds
 * within `bytes` (1 GiB by default): p ≤ √(bytes / (8·(K+1))) − 1.
 */
export function maxFeatures(folds: number, bytes = 2 ** 30): number {
  return Math.floor(Math.sqrt(bytes / (8 * (folds + 1)))) - 1;
}

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));

/** Run aggregate queries (split under the engine's limit) and join their rows by group key. */
export async function aggregate(engine: Engine, scan: Scan, list: ReturnType<typeof firstPassAggregates>, group: string | null, say: (m: string) => void, what: string): Promise<Map<string, Record<string, unknown>>> {
  const queries = aggregateQueries(engine.dialect, scan, list, group);
  const joined = new Map<string, Record<string, unknown>>();
  for (const [i, sql] of queries.entries()) {
    const doing = `${what}${queries.length > 1 ? ` (query ${i + 1} of ${queries.length})` : ""}`;
    say(doing);
    for (const row of await withHeartbeat(engine.rows(sql), () => say(doing))) {
      const values = Object.fromEntries(Object.entries(row).map(([name, v]) => [name.slice(ALIAS.length), v]));
      const key = group === null ? "all" : String(values.fold);
      joined.set(key, { ...joined.get(key), ...values });
    }
  }
  return joined;
}

/** A number type whose text differs between engines (DuckDB writes a DOUBLE 1000 as "1000.0", a DECIMAL as "1000.00"). */
const FRACTIONAL_TYPE = /float|double|real|decimal|numeric/i;

/**
 * The text a key is hashed as: its own, but a whole number in a fractional type as the integer's text,
 * as every engine and foldOfKey(1000) write it (a fractional key's text may differ between engines).
 */
export function keyText(d: Dialect, key: SourceColumn): string {
  const id = d.id(key.name);
  if (key.kind !== "number" || !FRACTIONAL_TYPE.test(key.type)) return id;
  const whole = `${d.toDouble(id)} = floor(${d.toDouble(id)}) AND abs(${d.toDouble(id)}) < ${d.number(2 ** 53)}`;
  return `CASE WHEN ${whole} THEN ${d.wholeText(id)} ELSE ${d.toText(id)} END`;
}

/** The group expression of the fold spec. */
function groupOf(d: Dialect, folds: FoldSpec, columns: readonly SourceColumn[]): string | null {
  if (folds.kind === "none") return null;
  if (folds.kind === "column") return d.id(folds.column);
  return d.foldOfKey(keyText(d, columns.find((c) => c.name === folds.column)!), folds.folds);
}

/** Scan the engine's relation for the statistics of a gaussian path (and of each fold). */
export async function scanSource(engine: Engine, roles: SourceRoles, options: ScanOptions = {}): Promise<SourceStats> {
  checkArguments("scanSource", { engine, roles, options }, { engine: engineRule, roles: fieldsRule("the columns' roles { target, ignore?, weights?, … }", { target: stringValue }), options: optionsRule(SCAN_OPTIONS) });
  const d = engine.dialect;
  const start = performance.now();
  const say = (m: string) => options.onProgress?.(`${d.engine}: ${m} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
  const folds = options.folds ?? { kind: "none" };
  const na = roles.na ?? "error";
  say("reading the columns");
  const withFolds: SourceRoles = { ...roles, foldid: folds.kind === "column" ? folds.column : undefined, foldKey: folds.kind === "key" ? folds.column : undefined };
  const usedOf = (columns: readonly SourceColumn[]) => [roles.target, roles.weights, withFolds.foldid, withFolds.foldKey, ...featureColumnsOf(columns, withFolds, engine.where).map((c) => c.name)].filter((c): c is string => c !== undefined);
  // Text columns that hold numbers are numbers, as in memory (a fold key is hashed as its text).
  say("typing the text columns");
  const schema = await engine.columns();
  const { columns, from } = await typeTextColumns(engine, schema, usedOf(schema), { na, keep: withFolds.foldKey === undefined ? [] : [withFolds.foldKey] });
  const featureCols = featureColumnsOf(columns, withFolds, engine.where);
  const used = usedOf(columns);
  const textFeatures = featureCols.filter((c: SourceColumn) => c.kind === "text");
  const distinct = async (c: SourceColumn, scan: Scan) => {
    say(`reading the levels of ${quote(c.name)}`);
    return (await engine.rows(levelsQuery(d, scan, c.name))).map((r) => {
      const level = r[`${ALIAS}level`];
      return level === null ? null : String(level);
    });
  };
  // A text feature's missing spellings (empty, NA, … once trimmed) are known from its values in all rows.
  const levels: Record<string, (string | null)[]> = {};
  for (const c of textFeatures) levels[c.name] = await distinct(c, { from, where: null });
  const missingText = (name: string) => (levels[name] ?? []).filter((v): v is string => v !== null && isMissingText(v));
  const checked = used.map((name) => {
    const c = columns.find((c) => c.name === name)!;
    return { column: c, id: d.id(name), present: presentSql(d, c, missingText(name)) };
  });
  const scan: Scan = { from, where: na === "drop" ? checked.map((c) => c.present).join(" AND ") : null };
  // Under --na drop the levels are those of the rows kept.
  if (na === "drop") for (const c of textFeatures) levels[c.name] = await distinct(c, scan);
  const design = sourceDesign(d, columns, withFolds, levels, engine.where);
  const p = design.features.length;
  const nfolds = folds.kind === "key" ? folds.folds : folds.kind === "column" ? 20 : 0;
  const limit = options.maxFeatures ?? maxFeatures(nfolds);
  if (p > limit) {
    throw new DataError(`${engine.where} gives ${p} features (text columns as indicators), more than the ${limit} whose ${p}×${p} statistics${nfolds > 0 ? " per fold" : ""} fit in memory; ignore some columns (ignore)`);
  }

  // First pass: rows, weights, means and ranges, NULLs.
  const values = [...design.features.map((f) => f.sql), design.target];
  const first = (await aggregate(engine, scan, firstPassAggregates(design.weight, values, na === "error" ? checked : []), null, say, "first pass: means")).get("all") ?? {};
  if (na === "error") checked.forEach((c, j) => absentValues(c.column, num(first[`null${j}`]), num(first[`absent${j}`]), engine.where));
  const rows = num(first.n);
  let droppedRows = 0;
  if (na === "drop") {
    const all = (await engine.rows(`SELECT COUNT(*) AS ${d.id(`${ALIAS}n`)} FROM ${from}`))[0];
    droppedRows = num(all[`${ALIAS}n`]) - rows;
  }
  if (!(rows > 0)) throw new DataError(`${engine.where} has no rows${droppedRows > 0 ? ` once na drop removed the ${droppedRows} with a missing or non-numeric value in a used column` : ""}; there is nothing to fit`);
  const weightSum = num(first.w);
  if (roles.weights !== undefined && num(first.wmin) < 0) throw new DataError(`weights column ${quote(roles.weights)} of ${engine.where} holds a negative weight (${num(first.wmin)}); weights must be ≥ 0`, roles.weights);
  if (!(weightSum > 0)) throw new DataError(`weights column ${quote(roles.weights ?? "")} of ${engine.where} is zero in every row; at least one weight must be positive`, roles.weights);
  const shift = Float64Array.from(values, (_, j) => {
    const lo = num(first[`lo${j}`]);
    return lo === num(first[`hi${j}`]) ? lo : num(first[`m${j}`]) / weightSum;
  });
  if (shift.some((v) => !Number.isFinite(v))) throw new DataError(`${engine.where}: a used column holds a value that is not a finite number (NaN or infinite)`);

  // Second pass: shifted sums, per fold.
  const q = values.length;
  const group = groupOf(d, folds, columns);
  const rowsOf = projected(d, scan, shiftedColumns(d, design.weight, values, shift), group);
  const grouped = await aggregate(engine, rowsOf, shiftedAggregates(d, q), group === null ? null : column(d, "key"), say, "second pass: cross-products");
  const sumsOf = (r: Record<string, unknown>): ShiftedSums => {
    const products = new Float64Array(q * q);
    for (let j = 0; j < q; j++) for (let k = j; k < q; k++) products[j * q + k] = products[k * q + j] = num(r[`s${j}_${k}`]);
    return { n: num(r.n), weightSum: num(r.w), linear: Float64Array.from({ length: q }, (_, j) => num(r[`a${j}`])), products };
  };
  const sums = new Map<string, ShiftedSums>([...grouped].map(([key, r]) => [key, sumsOf(r)]));
  const total = [...sums.values()].reduce((a, b) => ({
    n: a.n + b.n, weightSum: a.weightSum + b.weightSum,
    linear: a.linear.map((v, j) => v + b.linear[j]), products: a.products.map((v, j) => v + b.products[j]),
  }));
  say("done");
  return {
    engine: d.engine, where: engine.where, design, names: design.features.map((f) => f.name), shift, total,
    folds: folds.kind === "none" ? null : foldSums(sums, folds, engine.where),
    rows, droppedRows, scanMs: performance.now() - start,
    scan, group, targetRange: [num(first[`lo${q - 1}`]), num(first[`hi${q - 1}`])],
  };
}

/** The sums keyed by fold number, the keys checked: whole numbers 1..K, each present (messages name the column). */
function foldSums(sums: Map<string, ShiftedSums>, folds: Exclude<FoldSpec, { kind: "none" }>, where: string): Map<number, ShiftedSums> {
  const out = new Map<number, ShiftedSums>();
  const column = quote(folds.column);
  for (const [key, s] of sums) {
    const k = Number(key);
    if (!Number.isInteger(k) || k < 1) {
      throw new DataError(`fold-id column ${column} of ${where} holds ${quote(key)}, not a fold number; fold ids are whole numbers 1..K`, folds.column);
    }
    out.set(k, s);
  }
  if (folds.kind === "key") {
    if (!(folds.folds >= 3)) throw new OptionError(`cross-validation needs at least 3 folds, not ${folds.folds}`, "folds");
    for (let k = 1; k <= folds.folds; k++) {
      if (!out.has(k)) throw new DataError(`no row's key in fold-key column ${column} of ${where} hashes to fold ${k} of ${folds.folds}; ask for fewer folds (folds)`, folds.column);
    }
    return out;
  }
  const K = Math.max(...out.keys());
  if (K < 3) throw new OptionError(`cross-validation needs at least 3 folds; fold-id column ${column} of ${where} gives ${K}`, "foldid");
  for (let k = 1; k <= K; k++) if (!out.has(k)) throw new OptionError(`fold ${k} of 1..${K} has no rows in fold-id column ${column} of ${where}`, "foldid");
  return out;
}

/** A used column's rows without a value under --na error: a DataError naming it, what it holds and how often. */
function absentValues(c: SourceColumn, nulls: number, absent: number, where: string): void {
  const rows = (k: number) => `${k} row${k === 1 ? "" : "s"}`;
  const hint = "; fix them, or drop rows with missing values (na drop)";
  if (nulls > 0) throw new DataError(`column ${quote(c.name)} of ${where} is NULL in ${rows(nulls)}${hint}`, c.name);
  if (!(absent > 0)) return; // NaN: no rows at all (a SUM of none is NULL)
  const what = c.kind === "number" ? "NaN or an infinite value" : "a missing value (empty, NA, NaN, NULL, ? or . once trimmed, as in a file)";
  throw new DataError(`column ${quote(c.name)} of ${where} holds ${what} in ${rows(absent)}${hint}`, c.name);
}

/** scanSource's options (ScanOptions), each with its rule. */
const SCAN_OPTIONS: Schema<ScanOptions> = { folds: objectRule("a fold spec { kind: \"none\" | \"column\" | \"key\", … }"), onProgress: functionRule, maxFeatures: countRule };
