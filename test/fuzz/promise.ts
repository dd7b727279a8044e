/** The command line's promise, as the fuzzer checks it: what is wrong with a run, or null. */
import type { FuzzCase } from "./cases.js";

/** What a run of the command line returns (test/cli/helpers.ts). */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Messages of JavaScript's own errors: a failure must be one of the project's, naming what is at fault. */
const INTERNAL = /Cannot read properties|Cannot set properties|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid typed array length|out of memory|unexpected error/;

/** Every number in v (nested arrays) is finite. */
function allFinite(v: unknown): boolean {
  return Array.isArray(v) ? v.every(allFinite) : typeof v === "number" && Number.isFinite(v);
}

/** What is wrong with a run of a case, or null when it keeps the promise. */
export function brokenPromise(c: Pick<FuzzCase, "command" | "args">, r: Run): string | null {
  if (r.code === 1 || r.code === 2) {
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    if (r.stdout !== "") return "a failure printed to stdout";
    if (lines.length !== 1) return `a failure printed ${lines.length} lines on stderr`;
    if (!lines[0].startsWith("shrinkage: ")) return "a failure without the shrinkage: prefix";
    if (INTERNAL.test(lines[0])) return `an internal error: ${lines[0]}`;
    if (/\bNaN\b|undefined/.test(lines[0].replace(/"[^"]*"/g, ""))) return `a message with NaN or undefined outside quotes: ${lines[0]}`;
    return null;
  }
  if (r.code !== 0) return `exit code ${r.code}`;
  if (r.stdout.trim() === "") return "exit 0 with nothing on stdout";
  if (/\bNaN\b|Infinity|undefined/.test(r.stdout)) return "NaN, Infinity or undefined in the output";
  if (c.args.includes("json")) {
    const json = JSON.parse(r.stdout);
    if (!Array.isArray(json.lambda) || json.lambda.length === 0) return "an empty path";
    for (const key of ["lambda", "intercept", "coefficients", "df", "devRatio", "nullDeviance"]) {
      // A Cox fit has no intercept: DESIGN.md's contract writes it null.
      if (key === "intercept" && json.family === "cox" && json.intercept === null) continue;
      if (!allFinite(json[key])) return `${key} is not finite`;
    }
    if (json.cv !== undefined) {
      for (const key of ["cvm", "cvsd", "lambdaMin", "lambda1se"]) if (!allFinite(json.cv[key])) return `cv.${key} is not finite`;
    }
  }
  if (c.command === "plot" && !r.stdout.includes("<svg")) return "plot printed no SVG";
  return null;
}

