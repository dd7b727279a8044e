/**
 * Where rows are, as FILE names them (DESIGN.md, "Wave 2 contracts"): a Parquet file (read through
 * DuckDB), `duckdb:PATH.duckdb?table=T` (or `?query=SELECT …`), `clickhouse://HOST:PORT/DB/TABLE`,
 * `postgres://USER@HOST:PORT/DB/TABLE` or `postgres://USER@HOST:PORT/DB?query=SELECT …`. A CSV file
 * too large for memory is read through DuckDB too (the command line decides when; `duckdb:PATH.csv` asks).
 */
import { OptionError } from "../errors.js";
import { checkArguments, stringValue } from "../data/arguments.js";

/** Where a source's rows are: a DuckDB file, table or query (Parquet, CSV), a PostgreSQL or a ClickHouse table or query. */
export type Location =
  | { readonly engine: "duckdb"; readonly file: string | null; readonly reader: "parquet" | "csv" | null; readonly table: string | null; readonly query: string | null }
  | { readonly engine: "postgres"; readonly user: string; readonly password: string | null; readonly host: string; readonly port: number; readonly database: string; readonly table: string | null; readonly query: string | null }
  | { readonly engine: "clickhouse"; readonly user: string | null; readonly password: string | null; readonly host: string; readonly port: number; readonly database: string; readonly table: string | null; readonly query: string | null };

/** Whether FILE names a source an engine reads (not a CSV read into memory). */
export function isSourceLocation(file: string): boolean {
  return /^(duckdb:|postgres(ql)?:\/\/|clickhouse:\/\/)/i.test(file) || /\.parquet$/i.test(file);
}

const usage = "duckdb:PATH.duckdb?table=T, clickhouse://HOST:PORT/DB/TABLE, postgres://USER@HOST:PORT/DB/TABLE or postgres://USER@HOST:PORT/DB?query=SELECT …";

/** The table or query of a location's path and search parts (exactly one of them). */
function tableOrQuery(file: string, table: string | null, params: URLSearchParams): { table: string | null; query: string | null } {
  const query = params.get("query");
  const named = params.get("table") ?? table;
  if ((named === null || named === "") === (query === null)) throw new OptionError(`${file}: name a table or give ?query=SELECT … (one of the two); sources look like ${usage}`);
  return { table: query === null ? named : null, query };
}

/** Parse FILE into a location, or an OptionError saying what a location looks like. */
export function parseLocation(file: string): Location {
  checkArguments("parseLocation", { file }, { file: stringValue });
  if (/\.parquet$/i.test(file) && !/^duckdb:/i.test(file)) return { engine: "duckdb", file, reader: "parquet", table: null, query: null };
  if (/^duckdb:/i.test(file)) {
    const rest = file.slice("duckdb:".length);
    const at = rest.indexOf("?");
    const path = at < 0 ? rest : rest.slice(0, at);
    const params = new URLSearchParams(at < 0 ? "" : rest.slice(at + 1));
    const reader = /\.parquet$/i.test(path) ? "parquet" : /\.csv$/i.test(path) ? "csv" : null;
    if (reader !== null && at < 0) return { engine: "duckdb", file: path, reader, table: null, query: null };
    return { engine: "duckdb", file: path === "" ? null : path, reader: null, ...tableOrQuery(file, null, params) };
  }
  let url: URL;
  try {
    url = new URL(file);
  } catch {
    throw new OptionError(`${file} is not a source location; sources look like ${usage}`);
  }
  const parts = url.pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
  const scheme = url.protocol.replace(/:$/, "").toLowerCase();
  const engine = scheme === "clickhouse" ? "clickhouse" : "postgres";
  const defaultPort = engine === "clickhouse" ? 8123 : 5432;
  if (parts.length < 1 || parts.length > 2) throw new OptionError(`${file}: give the database and the table (${engine}://HOST:PORT/DB/TABLE) or a query (?query=SELECT …)`);
  const { table, query } = tableOrQuery(file, parts[1] ?? null, url.searchParams);
  const common = {
    host: url.hostname.replace(/^\[|\]$/g, "") || "localhost",
    port: url.port === "" ? defaultPort : Number(url.port),
    database: parts[0],
    password: url.password === "" ? null : decodeURIComponent(url.password),
    table,
    query,
  };
  if (engine === "clickhouse") return { engine, user: url.username === "" ? null : decodeURIComponent(url.username), ...common };
  if (url.username === "") throw new OptionError(`${file}: name the user (postgres://USER@HOST:PORT/DB/TABLE)`);
  return { engine, user: decodeURIComponent(url.username), ...common };
}

/** A location as messages name it (without a password). */
export function describeLocation(l: Location): string {
  const what = l.table !== null ? `table ${JSON.stringify(l.table)}` : `the query ${JSON.stringify(l.query)}`;
  if (l.engine === "duckdb") return l.reader !== null ? `${l.file}` : `${what} of ${l.file ?? "an in-memory DuckDB"}`;
  return `${what} of ${l.engine} database ${JSON.stringify(l.database)} at ${l.host}:${l.port}`;
}
