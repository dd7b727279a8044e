/**
 * Open the engine a location names (Node only: the database clients are loaded here, on demand, so the
 * browser bundle never imports them).
 */
import { parseLocation, type Location } from "./location.js";
import type { Engine } from "./scan.js";
import { checkArguments, eitherRule, stringValue, fieldsRule } from "../data/arguments.js";

/** An engine reading the location's rows: FILE as the command line takes it, or a parsed location. */
export async function openSource(location: string | Location): Promise<Engine> {
  checkArguments("openSource", { location }, { location: eitherRule("a location (a string such as duckdb:data.duckdb?table=t, or parseLocation's result)", stringValue, fieldsRule("a location", { engine: stringValue })) });
  const l = typeof location === "string" ? parseLocation(location) : location;
  if (l.engine === "duckdb") return (await import("./engines/duckdb.node.js")).openDuckDb(l);
  if (l.engine === "postgres") return (await import("./engines/postgres.node.js")).openPostgres(l);
  return (await import("./engines/clickhouse.node.js")).openClickHouse(l);
}
