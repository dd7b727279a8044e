/**
 * One small data set for every engine: a key, numbers (one with a mean of 10⁶, where raw sums of squares
 * lose every digit), a text column (a level with a quote in it), weights, a fold column and NULLs in a
 * feature, the text column and the target. Written as a CSV (empty cells are missing) and as rows.
 */
import { rng } from "../helpers/random.js";

export type Cell = number | string | null;

export interface SourceData {
  readonly columns: readonly { name: string; type: "int" | "double" | "text" }[];
  readonly rows: readonly Cell[][];
  readonly csv: string;
}

export function sourceData(n = 1200, seed = 19): SourceData {
  const r = rng(seed);
  const levels = ["a", "b", "o'k", "zeta"];
  const columns = [
    { name: "id", type: "int" }, { name: "x1", type: "double" }, { name: "big", type: "double" }, { name: "count", type: "int" },
    { name: "g", type: "text" }, { name: "w", type: "double" }, { name: "fold", type: "int" }, { name: "y", type: "double" },
  ] as const;
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = r.normal();
    const big = 1e6 + r.normal();
    const count = Math.floor(5 * r.uniform());
    const gi = Math.floor(levels.length * r.uniform());
    const y = 1 + 2 * x1 - 0.5 * (big - 1e6) + 0.3 * count + [0, 1, -1, 0.5][gi] + r.normal();
    rows.push([
      1000 + i * 7,
      i % 97 === 5 ? null : x1,
      big,
      count,
      i % 131 === 7 ? null : levels[gi],
      0.5 + 1.5 * r.uniform(),
      (i % 5) + 1,
      i % 211 === 11 ? null : y,
    ]);
  }
  const text = (c: Cell) => (c === null ? "" : typeof c === "string" ? (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c) : String(c));
  const csv = [columns.map((c) => c.name).join(","), ...rows.map((row) => row.map(text).join(","))].join("\n") + "\n";
  return { columns, rows, csv };
}
