/** PostgreSQL (pg): a table, or a query, of a database. */
import { DataError } from "../../errors.js";
import { DIALECTS } from "../dialect.js";
import type { SourceColumn } from "../design.js";
import { describeLocation, type Location } from "../location.js";
import type { Engine } from "../scan.js";
import { connectionProblem } from "./connection.js";

/** PostgreSQL's number types by OID: int2, int4, int8, float4, float8, numeric, oid. */
const NUMBER_OIDS = new Map([[21, "smallint"], [23, "integer"], [20, "bigint"], [700, "real"], [701, "double precision"], [1700, "numeric"], [26, "oid"]]);

export async function openPostgres(l: Extract<Location, { engine: "postgres" }>): Promise<Engine> {
  const pg = (await import("pg")).default;
  const where = describeLocation(l);
  const client = new pg.Client({ user: l.user, password: l.password ?? process.env.PGPASSWORD, host: l.host, port: l.port, database: l.database });
  try {
    await client.connect();
  } catch (e) {
    throw new DataError(connectionProblem("postgres", l.host, l.port, e));
  }
  const d = DIALECTS.postgres;
  const from = l.query !== null ? `(${l.query}) AS "source"` : l.table!.split(".").map(d.id).join(".");
  const query = async (sql: string) => {
    try {
      return await client.query({ text: sql });
    } catch (e) {
      throw new DataError(`${where}: PostgreSQL says: ${(e as Error).message}`);
    }
  };
  return {
    dialect: d,
    from,
    where,
    async columns(): Promise<SourceColumn[]> {
      const result = await query(`SELECT * FROM ${from} LIMIT 0`);
      return result.fields.map((f) => {
        const type = NUMBER_OIDS.get(f.dataTypeID);
        // Other types by their name in pg's list of built-in types (text, varchar, date, …), for messages.
        const builtin = Object.entries(pg.types.builtins as Record<string, number>).find(([, oid]) => oid === f.dataTypeID)?.[0].toLowerCase();
        return { name: f.name, type: type ?? builtin ?? `type ${f.dataTypeID}`, kind: type !== undefined ? "number" : "text" };
      });
    },
    async rows(sql) {
      return (await query(sql)).rows;
    },
    async close() {
      await client.end();
    },
  };
}
