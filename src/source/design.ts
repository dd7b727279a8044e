/**
 * The design of a source, decided from its schema and its text columns' levels, as src/data/design.ts
 * decides it for a file: every column but the target, ignored, weights and fold columns is a feature, in
 * the source's order; a number column as it is, a text column as one 0/1 indicator per level but the
 * first in sorted order, named `column=level`. Each feature is an SQL expression.
 */
import { DataError, OptionError } from "../errors.js";
import { quote, suggestion } from "../data/nearest.js";
import { sortedLevels } from "../data/design.js";
import type { Dialect } from "./dialect.js";
import { textIn, trimmedLevels } from "./missing.js";

/** A column of the source: numbers (integers, decimals, floats) or anything else, read as text. */
export interface SourceColumn {
  readonly name: string;
  readonly kind: "number" | "text";
  /** The engine's type, for messages. */
  readonly type: string;
}

/** Which columns play which part, as for a file (DesignOptions' names). */
export interface SourceRoles {
  readonly target: string;
  readonly ignore?: readonly string[];
  readonly weights?: string;
  readonly foldid?: string;
  /** A key column whose stable hash gives the fold (--fold-key). */
  readonly foldKey?: string;
  readonly na?: "error" | "drop";
}

/** A feature: its name as the in-memory design names it, the column it comes from, and its SQL. */
export interface SourceFeature {
  readonly name: string;
  readonly column: string;
  readonly sql: string;
}

export interface SourceDesign {
  readonly features: readonly SourceFeature[];
  /** The target as a double. */
  readonly target: string;
  /** The weight as a double ("1" without weights). */
  readonly weight: string;
  /** Every used column must be non-NULL in a kept row (under --na drop). */
  readonly used: readonly string[];
  /** Text feature columns and their levels, sorted (the first is the baseline). */
  readonly levels: Readonly<Record<string, readonly string[]>>;
  /** The data column each feature comes from. */
  readonly featureColumns: readonly string[];
  readonly warnings: readonly string[];
}

const ROLE_LABEL: Record<string, string> = { target: "target column", ignore: "column to ignore", weights: "weights column", foldid: "fold-id column", foldKey: "fold-key column" };

/** The column named, or an OptionError naming it and the nearest. */
export function columnNamed(columns: readonly SourceColumn[], name: string, option: string, where: string): SourceColumn {
  const found = columns.find((c) => c.name === name);
  if (found) return found;
  throw new OptionError(`${ROLE_LABEL[option] ?? option} ${quote(name)} does not exist in ${where}; ${suggestion(name, columns.map((c) => c.name))}`, option);
}

/** The feature columns: all but the target, weights, fold and ignored columns, in the source's order. */
export function featureColumnsOf(columns: readonly SourceColumn[], roles: SourceRoles, where: string): SourceColumn[] {
  const special = new Map<string, string>([["target", roles.target]]);
  if (roles.weights !== undefined) special.set("weights", roles.weights);
  if (roles.foldid !== undefined) special.set("foldid", roles.foldid);
  if (roles.foldKey !== undefined) special.set("foldKey", roles.foldKey);
  for (const [option, name] of special) columnNamed(columns, name, option, where);
  for (const name of roles.ignore ?? []) columnNamed(columns, name, "ignore", where);
  for (const [option, name] of special) if (name === roles.target && option !== "target") throw new OptionError(`column ${quote(name)} cannot be both target and ${option}`, option);
  const skip = new Set([...special.values(), ...(roles.ignore ?? [])]);
  const features = columns.filter((c) => !skip.has(c.name));
  if (features.length === 0) throw new DataError(`no feature column is left in ${where}: it must hold at least one column besides the target`);
  return features;
}

/** A number column where numbers are needed (target, weights, fold ids), or a DataError naming it. */
export function numberColumn(columns: readonly SourceColumn[], name: string, option: string, where: string): SourceColumn {
  const column = columnNamed(columns, name, option, where);
  if (column.kind !== "number") {
    throw new DataError(`${ROLE_LABEL[option] ?? option} ${quote(name)} in ${where} holds text (${column.type}); it must hold numbers`, name);
  }
  return column;
}

/** The design from the columns and the distinct values of each text feature column (as the engine returned them, untrimmed). */
export function sourceDesign(
  d: Dialect, columns: readonly SourceColumn[], roles: SourceRoles, levelsOf: Readonly<Record<string, readonly (string | null)[]>>, where: string,
): SourceDesign {
  numberColumn(columns, roles.target, "target", where);
  if (roles.weights !== undefined) numberColumn(columns, roles.weights, "weights", where);
  if (roles.foldid !== undefined) numberColumn(columns, roles.foldid, "foldid", where);
  const featureCols = featureColumnsOf(columns, roles, where);
  const features: SourceFeature[] = [];
  const levels: Record<string, readonly string[]> = {};
  const warnings: string[] = [];
  for (const c of featureCols) {
    if (c.kind === "number") {
      features.push({ name: c.name, column: c.name, sql: d.toDouble(d.id(c.name)) });
      continue;
    }
    const spellings = trimmedLevels(levelsOf[c.name] ?? []);
    const sorted = sortedLevels([...spellings.keys()], null);
    levels[c.name] = sorted;
    if (sorted.length === 1) warnings.push(`text column ${quote(c.name)} has one value only (${quote(sorted[0])}): it adds no feature`);
    for (const level of sorted.slice(1)) {
      features.push({ name: `${c.name}=${level}`, column: c.name, sql: `CASE WHEN ${textIn(d, d.id(c.name), spellings.get(level)!)} THEN 1 ELSE 0 END` });
    }
  }
  const names = features.map((f) => f.name);
  const clash = names.find((name, j) => names.indexOf(name) !== j);
  if (clash !== undefined) throw new DataError(`the feature name ${quote(clash)} arises twice (a column already has the name an indicator of a text column gets); rename one`, clash);
  const used = [roles.target, ...(roles.weights ? [roles.weights] : []), ...(roles.foldid ? [roles.foldid] : []), ...(roles.foldKey ? [roles.foldKey] : []), ...featureCols.map((c) => c.name)];
  return {
    features,
    target: d.toDouble(d.id(roles.target)),
    weight: roles.weights ? d.toDouble(d.id(roles.weights)) : "1",
    used,
    levels,
    featureColumns: features.map((f) => f.column),
    warnings,
  };
}
