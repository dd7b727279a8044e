/** DuckDB embedded (@duckdb/node-api): a Parquet or CSV file, or a table or query of a .duckdb file. */
import { DataError } from "../../errors.js";
import { DIALECTS } from "../dialect.js";
import type { SourceColumn } from "../design.js";
import { describeLocation, type Location } from "../location.js";
import type { Engine } from "../scan.js";

const NUMBER_TYPE = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|U?HUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)$/i;

/** The relation a DuckDB location reads, in SQL (a CSV as text: column-types.ts decides its types as in memory). */
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
  const run = async (sql: string) => {
    try {
      return (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
    } catch (e) {
      throw new DataError(`${where}: DuckDB says: ${(e as Error).message.split("\n")[0]}`);
    }
  };
  const from = relationOf(l);
  return {
    dialect: DIALECTS.duckdb,
    from,
    where,
    lines: l.reader === "csv",
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

