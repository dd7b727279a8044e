/** DuckDB embedded (@duckdb/node-api): a Parquet or CSV file, or a table or query of a .duckdb file. */
import { DataError } from "../../errors.js";
import { DIALECTS } from "../dialect.js";
import type { SourceColumn } from "../design.js";
import { describeLocation, type Location } from "../location.js";
import type { Engine } from "../scan.js";
import { quote } from "../../data/nearest.js";
import { cellKindsQuery, firstTextQuery, isNumeric, numberOfCell } from "../csv-types.js";

const NUMBER_TYPE = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|U?HUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)$/i;

/** The relation a DuckDB location reads, in SQL (a CSV as text: typedCsv decides its types). */
function relationOf(l: Extract<Location, { engine: "duckdb" }>): string {
  const d = DIALECTS.duckdb;
  if (l.reader === "parquet") return `read_parquet(${d.text(l.file!)})`;
  if (l.reader === "csv") return `read_csv(${d.text(l.file!)}, header = true, all_varchar = true)`;
  if (l.query !== null) return `(${l.query}) AS "source"`;
  return l.table!.split(".").map(d.id).join(".");
}

export async function openDuckDb(l: Extract<Location, { engine: "duckdb" }>): Promise<Engine> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const where = describeLocation(l);
  const path = l.reader === null && l.file !== null ? l.file : ":memory:";
  let instance;
  try {
    instance = await DuckDBInstance.create(path, path === ":memory:" ? {} : { access_mode: "READ_ONLY" });
  } catch (e) {
    throw new DataError(`cannot open ${path} with DuckDB: ${(e as Error).message}`);
  }
  const connection = await instance.connect();
  // A CSV's text cells in its number columns: an engine error that names one is said as the file's cell.
  let stray: { column: string; line: number; cell: string }[] = [];
  const run = async (sql: string) => {
    try {
      return (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
    } catch (e) {
      const message = (e as Error).message;
      const cell = /Could not convert string '(.*?)' to DOUBLE/.exec(message)?.[1];
      const at = stray.find((s) => s.cell.trim() === cell);
      if (at !== undefined) {
        throw new DataError(`column ${quote(at.column)} of ${where} holds numbers, but line ${at.line} has ${quote(at.cell)}, which is not a number; fix that cell, or leave the column out (--ignore)`, at.column);
      }
      throw new DataError(`${where}: DuckDB says: ${message.split("\n")[0]}`);
    }
  };
  let from = relationOf(l);
  if (l.reader === "csv") ({ from, stray } = await typedCsv(from, run));
  return {
    dialect: DIALECTS.duckdb,
    from,
    where,
    async columns(): Promise<SourceColumn[]> {
      const rows = await run(`DESCRIBE SELECT * FROM ${from}`);
      return rows.map((r) => {
        const type = String(r.column_type);
        return { name: String(r.column_name), type, kind: NUMBER_TYPE.test(type) ? "number" : "text" };
      });
    },
    rows: run,
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * A CSV read as text, its number columns cast as the in-memory reader decides them (csv-types.ts): the
 * relation, and the first text cell of each number column that has one.
 */
async function typedCsv(raw: string, run: (sql: string) => Promise<Record<string, unknown>[]>): Promise<{ from: string; stray: { column: string; line: number; cell: string }[] }> {
  const d = DIALECTS.duckdb;
  const names = (await run(`DESCRIBE SELECT * FROM ${raw}`)).map((r) => String(r.column_name));
  const counts = (await run(cellKindsQuery(d, raw, names)))[0];
  const numeric = names.map((_, j) => isNumeric(Number(counts[`n${j}`]), Number(counts[`t${j}`])));
  const stray: { column: string; line: number; cell: string }[] = [];
  for (const [j, name] of names.entries()) {
    if (!numeric[j] || Number(counts[`t${j}`]) === 0) continue;
    const first = (await run(firstTextQuery(d, raw, name)))[0];
    stray.push({ column: name, line: Number(first.line), cell: String(first.cell) });
  }
  const list = names.map((name, j) => (numeric[j] ? `${numberOfCell(d, d.id(name))} AS ${d.id(name)}` : d.id(name)));
  return { from: `(SELECT ${list.join(", ")} FROM ${raw}) AS "source"`, stray };
}
