/**
 * Looking up a table's columns by name in constant time: a wide file (hundreds of thousands of columns)
 * is read in time linear in its columns, not quadratic as with names.indexOf per column.
 */
import type { Table } from "./csv.js";

const indexes = new WeakMap<Table, ReadonlyMap<string, number>>();

/** The position of the column `name` in the table (its first, if repeated), or −1; the map is built once per table. */
export function columnIndex(table: Table, name: string): number {
  let index = indexes.get(table);
  if (index === undefined) {
    const map = new Map<string, number>();
    table.names.forEach((n, j) => {
      if (!map.has(n)) map.set(n, j);
    });
    indexes.set(table, map);
    index = map;
  }
  return index.get(name) ?? -1;
}

/** The first name that occurs a second time in `names`, or undefined. */
export function firstRepeated(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
