/**
 * The test data (`sourceData`) as a CSV in a scratch folder, and the same rows in DuckDB: a table `t`
 * in data.duckdb and a Parquet file, both written once `ready` resolves.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { scratchFile } from "../cli/helpers.js";
import { sourceData } from "./data.js";

export interface DuckDbCopies {
  readonly csv: string;
  readonly duck: string;
  readonly parquet: string;
  readonly ready: Promise<void>;
}

export function duckdbCopies(rows: number): DuckDbCopies {
  const csv = scratchFile("data.csv", sourceData(rows).csv);
  const duck = csv.replace(/data\.csv$/, "data.duckdb");
  const parquet = csv.replace(/data\.csv$/, "data.parquet");
  const ready = (async () => {
    const instance = await DuckDBInstance.create(duck);
    const c = await instance.connect();
    await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csv}', header = true)`);
    await c.run(`COPY t TO '${parquet}' (FORMAT PARQUET)`);
    c.closeSync();
    instance.closeSync();
  })();
  return { csv, duck, parquet, ready };
}
