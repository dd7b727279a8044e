/** ClickHouse over HTTP (@clickhouse/client): a table (a Distributed table reads every shard) or a query. */
import { DataError } from "../../errors.js";
import { DIALECTS } from "../dialect.js";
import type { SourceColumn } from "../design.js";
import { describeLocation, type Location } from "../location.js";
import type { Engine } from "../scan.js";
import { connectionProblem } from "./connection.js";

const NUMBER_TYPE = /^(Nullable\()?(U?Int(8|16|32|64|128|256)|Float(32|64)|Decimal.*)\)?$/;

export async function openClickHouse(l: Extract<Location, { engine: "clickhouse" }>): Promise<Engine> {
  const { createClient, ClickHouseLogLevel } = await import("@clickhouse/client");
  const where = describeLocation(l);
  const client = createClient({
    url: `http://${l.host.includes(":") ? `[${l.host}]` : l.host}:${l.port}`,
    username: l.user ?? "default",
    password: l.password ?? process.env.CLICKHOUSE_PASSWORD ?? "",
    database: l.database,
    // A long scan: hours at most, the connection kept alive by progress headers every 10 s.
    request_timeout: 3_600_000,
    clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: "10000" },
    // Its own log would print a failed request's stack on stderr beside the error said here.
    log: { level: ClickHouseLogLevel.OFF },
  });
  const d = DIALECTS.clickhouse;
  const from = l.query !== null ? `(${l.query})` : l.table!.split(".").map(d.id).join(".");
  const query = async (sql: string): Promise<{ meta: { name: string; type: string }[]; data: Record<string, unknown>[] }> => {
    try {
      const result = await client.query({ query: sql, format: "JSON" });
      return (await result.json()) as never;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT") throw new DataError(connectionProblem("clickhouse", l.host, l.port, e));
      throw new DataError(`${where}: ClickHouse says: ${(e as Error).message.split("\n")[0]}`);
    }
  };
  return {
    dialect: d,
    from,
    where,
    async columns(): Promise<SourceColumn[]> {
      const { meta } = await query(`SELECT * FROM ${from} LIMIT 0`);
      return meta.map((m) => ({ name: m.name, type: m.type, kind: NUMBER_TYPE.test(m.type) ? "number" : "text" }));
    },
    async rows(sql) {
      return (await query(sql)).data;
    },
    async close() {
      await client.close();
    },
  };
}
