/**
 * A table → the model matrix and the responses of a multi-response fit: the class of each row
 * (multinomial: a target with K ≥ 2 levels, sorted as R sorts a factor's) or K numeric targets
 * (mgaussian). Features, weights and fold ids are read exactly as buildDesign reads them; the targets
 * are read here, every cell checked, an empty one an error naming its row.
 */
import { DataError, OptionError } from "../errors.js";
import type { MultiFamilyName } from "../model/multi-family.js";
import { cellReader } from "./cells.js";
import type { Table } from "./csv.js";
import { checkDesignArguments, denseFeatures, readDesign, type Design, type DesignOptions, type FeatureParts } from "./design.js";
import { quote } from "./nearest.js";

/** More levels than this in a multinomial target is probably not a class (glmnet fits it anyway). */
export const MANY_CLASSES = 50;

export interface MultiDesignOptions extends Omit<DesignOptions, "target" | "family" | "positiveClass" | "offset"> {
  readonly family: MultiFamilyName;
  /** The target columns: one for multinomial, one or more for mgaussian. */
  readonly targets: readonly string[];
}

export interface MultiDesign extends Omit<Design, "y" | "positiveClass"> {
  /** multinomial: each kept row's class (text, or a number when every cell is one). */
  readonly labels: (string | number)[] | null;
  /** mgaussian: each target's numbers for the kept rows. */
  readonly y: Float64Array[] | null;
  readonly targets: readonly string[];
}

/** A stand-in target column no file has. */
const STAND_IN = "\u0000target";

/** Read the features (and weights, fold ids) and the targets of a multi-response fit. */
export function buildMultiDesign(table: Table, options: MultiDesignOptions): MultiDesign {
  const { design, features } = readMultiDesign(table, options);
  return { ...design, ...denseFeatures(features) };
}

/** buildMultiDesign with the feature columns not yet written out (densely, or by compressed columns). */
export function readMultiDesign(table: Table, options: MultiDesignOptions): { design: Omit<MultiDesign, "x" | "featureColumns">; features: FeatureParts } {
  const { family, targets, ...rest } = options;
  if (targets.length === 0) throw new OptionError("a target column is required (--target COL)", "target");
  if (family === "multinomial" && targets.length > 1) throw new OptionError(`multinomial takes one target column (its classes), got ${targets.length}: ${targets.map(quote).join(", ")}`, "target");
  const index = targets.map((t) => {
    const j = table.names.indexOf(t);
    if (j < 0) throw new OptionError(`--target: there is no column named ${quote(t)}`, "target");
    return j;
  });
  const twice = targets.find((t, k) => targets.indexOf(t) !== k);
  if (twice !== undefined) throw new OptionError(`--target names ${quote(twice)} twice`, "target");
  // The features as any fit reads them: the targets set aside, a numeric stand-in in their place.
  const keep = table.names.map((_, j) => !index.includes(j));
  const reduced: Table = {
    ...table,
    names: [...table.names.filter((_, j) => keep[j]), STAND_IN],
    columns: [...table.columns.filter((_, j) => keep[j]), new Array<string>(table.rows).fill("0")],
  };
  const designOptions: DesignOptions = { ...rest, target: STAND_IN, family: "gaussian" };
  checkDesignArguments("buildMultiDesign", reduced, designOptions);
  const { design, features } = readDesign(reduced, designOptions);
  const rowOf = new Map<number, number>();
  table.rowNumbers.forEach((r, i) => rowOf.set(r, i));
  const rows = Array.from(design.rowNumbers, (r) => rowOf.get(r) as number);
  const { y: _y, positiveClass: _p, ...shared } = design;
  const warnings = [...design.warnings];
  if (family === "multinomial") {
    const labels = classLabels(table, targets[0], rows, options);
    const distinct = new Set(labels).size;
    if (distinct > MANY_CLASSES) warnings.push(`target ${quote(targets[0])} has ${distinct} classes: more than ${MANY_CLASSES} is unusual for a multinomial fit (is it an identifier or a number?)`);
    return { design: { ...shared, labels, y: null, targets, warnings }, features };
  }
  const reader = cellReader({ decimal: options.decimal, thousands: options.thousands });
  const y = targets.map((t) => {
    const cells = table.columns[table.names.indexOf(t)];
    return Float64Array.from(rows, (i) => {
      const cell = cells[i].trim();
      if (cell === "") throw new DataError(`target ${quote(t)} is empty in row ${table.rowNumbers[i]}: every target cell needs a number`, t, table.rowNumbers[i]);
      const v = reader.read(cell);
      if (!Number.isFinite(v)) throw new DataError(`target ${quote(t)}, row ${table.rowNumbers[i]}: ${quote(cell)} is not a number; every mgaussian target must be numeric`, t, table.rowNumbers[i]);
      return v;
    });
  });
  return { design: { ...shared, labels: null, y, targets, warnings }, features };
}

/** The class of each kept row: numbers when every cell reads as one (R sorts them by value), else text. */
function classLabels(table: Table, target: string, rows: readonly number[], format: Pick<MultiDesignOptions, "decimal" | "thousands">): (string | number)[] {
  const cells = table.columns[table.names.indexOf(target)];
  const reader = cellReader({ decimal: format.decimal, thousands: format.thousands });
  const text = rows.map((i) => {
    const cell = cells[i].trim();
    if (cell === "") throw new DataError(`target ${quote(target)} is empty in row ${table.rowNumbers[i]}: every row needs a class`, target, table.rowNumbers[i]);
    return cell;
  });
  const numbers = text.map((c) => reader.read(c));
  const distinct = new Set(text).size;
  if (distinct < 2) throw new DataError(`target ${quote(target)} has one class only (${quote(text[0])}): a multinomial fit needs at least two`, target);
  return numbers.every(Number.isFinite) ? numbers : text;
}
