/**
 * The columns beside a Cox model's times: the status (1 = event, 0 = censored, as survival::Surv; or
 * two values, the second of them sorted being the event, as Surv reads 1/2 and a factor), the start
 * times of (start, stop] rows, and the strata. Read for the kept rows, errors naming the file's row.
 */
import { DataError } from "../errors.js";
import type { Survival } from "../model/partial-likelihood.js";
import type { CellReader } from "./cells.js";
import type { Table } from "./csv.js";
import { quote } from "./nearest.js";

/** Which columns hold the status, start times and strata. */
export interface SurvivalColumns {
  readonly status: string;
  readonly start?: string;
  readonly strata?: string;
}

/** The survival outcome of the kept rows, and what a person should know about how it was read. */
export interface SurvivalRead {
  readonly survival: Survival;
  /** The status value taken as the event, when it is not 1 (two values other than 0/1). */
  readonly event: string | null;
  readonly warnings: string[];
}

/** The cells of a column at the kept rows, trimmed, with their file rows. */
function keptCells(table: Table, name: string, keep: Uint8Array | null): { cells: string[]; rows: number[] } {
  const column = table.columns[table.names.indexOf(name)];
  const cells: string[] = [];
  const rows: number[] = [];
  for (let i = 0; i < column.length; i++) {
    if (keep !== null && !keep[i]) continue;
    cells.push(column[i].trim());
    rows.push(table.rowNumbers[i]);
  }
  return { cells, rows };
}

/** A cell's number, or its text when it is not one. */
function valueOf(cell: string, reader: CellReader): number | string {
  const v = reader.read(cell);
  return Number.isNaN(v) ? cell : v;
}

/** The status: 0/1 as they are; any other two values sorted (numbers by value), the second the event. */
function readStatus(table: Table, name: string, keep: Uint8Array | null, reader: CellReader): { status: Float64Array; event: string | null } {
  const { cells, rows } = keptCells(table, name, keep);
  const values = cells.map((c) => valueOf(c, reader));
  const distinct: (number | string)[] = [];
  values.forEach((v, k) => {
    if (distinct.includes(v)) return;
    if (distinct.length === 2) {
      throw new DataError(`status column ${quote(name)}, row ${rows[k]}: ${quote(cells[k])} is a third value (after ${distinct.map((d) => quote(String(d))).join(" and ")}); the status is 1 (event) or 0 (censored)`, name, rows[k]);
    }
    distinct.push(v);
  });
  const numeric = distinct.every((d) => typeof d === "number");
  if (numeric && distinct.every((d) => d === 0 || d === 1)) {
    if (!distinct.includes(1)) throw new DataError(`status column ${quote(name)} is 0 in every row: no event, so a Cox model has nothing to fit (1 = event, 0 = censored)`, name);
    return { status: Float64Array.from(values as number[]), event: null };
  }
  if (distinct.length < 2) {
    throw new DataError(`status column ${quote(name)} holds one value only (${quote(String(distinct[0]))}), not 1 = event, 0 = censored: with two values the second of them, sorted, would be the event`, name);
  }
  const sorted = [...distinct].sort((a, b) => (typeof a === typeof b ? (a < b ? -1 : 1) : typeof a === "number" ? -1 : 1));
  const event = sorted[1];
  return { status: Float64Array.from(values, (v) => (v === event ? 1 : 0)), event: String(event) };
}

/** Start times: numbers, each below its row's stop time. */
function readStart(table: Table, name: string, keep: Uint8Array | null, reader: CellReader, time: Float64Array): Float64Array {
  const { cells, rows } = keptCells(table, name, keep);
  return Float64Array.from(cells, (c, k) => {
    const v = reader.read(c);
    if (!Number.isFinite(v)) throw new DataError(`start column ${quote(name)}, row ${rows[k]}: ${quote(c)} is not a number`, name, rows[k]);
    if (!(v < time[k])) throw new DataError(`start column ${quote(name)}, row ${rows[k]}: the interval (${c}, ${time[k]}] is empty; a row's start must be before its stop time`, name, rows[k]);
    return v;
  });
}

/** Strata: any values, numbered in order of first appearance. */
function readStrata(table: Table, name: string, keep: Uint8Array | null): Float64Array {
  const index = new Map<string, number>();
  return Float64Array.from(keptCells(table, name, keep).cells, (c) => {
    let s = index.get(c);
    if (s === undefined) index.set(c, (s = index.size));
    return s;
  });
}

/** The survival outcome of the kept rows beside their times `time`. */
export function readSurvival(table: Table, columns: SurvivalColumns, keep: Uint8Array | null, reader: CellReader, time: Float64Array): SurvivalRead {
  const { status, event } = readStatus(table, columns.status, keep, reader);
  const warnings: string[] = [];
  if (event !== null) warnings.push(`status column ${quote(columns.status)}: ${quote(event)} is taken as the event (the second of its two values, sorted), the other as censored`);
  return {
    survival: {
      status,
      start: columns.start === undefined ? undefined : readStart(table, columns.start, keep, reader, time),
      strata: columns.strata === undefined ? undefined : readStrata(table, columns.strata, keep),
    },
    event,
    warnings,
  };
}
