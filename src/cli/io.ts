/**
 * Files in and out for the command line (Node only). Reading refuses, with a message, a file too big for
 * the memory Node has, instead of letting V8 die with an out-of-memory crash.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { constants as bufferConstants } from "node:buffer";
import { dirname } from "node:path";
import { getHeapStatistics } from "node:v8";
import { decodeText } from "../data/text.js";
import { DataError, ShrinkageError } from "../errors.js";

/**
 * Heap bytes a CSV file costs while it is parsed, per byte of file: the text itself plus one string per
 * cell (measured on numeric CSVs at about 4 to 6; a margin on top).
 */
export const BYTES_PER_FILE_BYTE = 8;

/** Bytes in words: 1.5 GB, 12.0 MB, 4 kB. */
export function describeSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

function systemMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (error as Error).message;
}

/** Whether a file of this many bytes fits in the memory Node may use; the reason when it does not. */
export function memoryProblem(bytes: number, heapLimit = getHeapStatistics().heap_size_limit): string | null {
  if (bytes > bufferConstants.MAX_STRING_LENGTH) {
    return `it is ${describeSize(bytes)}, more than the ${describeSize(bufferConstants.MAX_STRING_LENGTH)} Node can hold as one text; fit on a sample of its rows`;
  }
  const needed = bytes * BYTES_PER_FILE_BYTE;
  if (needed > heapLimit) {
    const mb = Math.ceil((needed * 1.25) / 2 ** 20);
    return `it is ${describeSize(bytes)} and reading it needs about ${describeSize(needed)} of memory, but Node may use ${describeSize(heapLimit)}; give Node more (NODE_OPTIONS=--max-old-space-size=${mb}) or fit on a sample of its rows`;
  }
  return null;
}

/** Read a data file as text, or throw a DataError saying why not. */
export function readTextFile(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
    size = stat.size;
  } catch (error) {
    throw new DataError(`cannot read ${path}: ${systemMessage(error)}`);
  }
  const problem = memoryProblem(size);
  if (problem !== null) throw new DataError(`cannot read ${path}: ${problem}`);
  try {
    return decodeText(readFileSync(path));
  } catch (error) {
    throw new DataError(`cannot read ${path}: ${systemMessage(error)}`);
  }
}

/** Write a result file, or throw saying why not. */
export function writeTextFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new ShrinkageError(`cannot write ${path}: ${writeProblem(error, path)}`);
  }
}

/** Why a file could not be written: a file being written is created, so a missing one means its directory is. */
function writeProblem(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `the directory ${dirname(path)} does not exist`;
  if (code === "ENOTDIR") return `a part of ${dirname(path)} is a file, not a directory`;
  return systemMessage(error);
}
