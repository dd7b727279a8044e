/**
 * Whether a command's FILE is a source an engine scans (cli/source.ts) or a file read into memory: apart
 * from cli/source.ts, whose engines and explanations a command loads only for a source (startup).
 */
import { statSync } from "node:fs";
import { isSourceLocation, parseLocation, type Location } from "../source/location.js";
import { memoryProblem } from "./io.js";

/** The source FILE names, or null for a CSV file read into memory (a CSV too large for that is a source). */
export function sourceOf(file: string): Location | null {
  if (isSourceLocation(file)) return parseLocation(file);
  if (!/\.(csv|tsv|txt)$/i.test(file)) return null;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  return memoryProblem(size) === null ? null : { engine: "duckdb", file, reader: "csv", table: null, query: null };
}
