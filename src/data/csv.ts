/**
 * CSV text → a table of raw cells, column by column.
 *
 * papaparse does the quoting (commas, quotes and line breaks inside quotes), line ends (LF, CRLF, CR)
 * and delimiter detection; this module adds the checks a fit needs: a header, no duplicate or empty
 * names, and every row as long as the header. Rows are streamed (papaparse's `step`) and their cells
 * moved straight into per-column arrays, so memory holds one string per cell and no row objects.
 */
import Papa from "papaparse";
import { DataError } from "../errors.js";
import { checkArguments, stringValue, optionsRule, type Schema } from "./arguments.js";

/** Text handed to papaparse at a time. */
const CHUNK_BYTES = 1 << 20;

/** The delimiters tried when none is given. */
export const DELIMITERS: readonly string[] = [",", ";", "\t"];

/** Options of parseCsv. */
export interface CsvOptions {
  /** The field delimiter; detected among comma, semicolon and tab when omitted. */
  delimiter?: string;
}

/** A parsed CSV file: header names and raw cell text, stored column by column. */
export interface Table {
  /** Column names from the header row, trimmed. */
  readonly names: readonly string[];
  /** Number of data rows. */
  readonly rows: number;
  /** columns[j][i] is the raw text of data row i in column j. */
  readonly columns: readonly (readonly string[])[];
  /**
   * The row of the file each data row came from, 1-based with the header as row 1 (blank lines are
   * skipped but still counted, so this is the line number unless a quoted field spans lines).
   */
  readonly rowNumbers: Int32Array;
  /** The delimiter used (given or detected). */
  readonly delimiter: string;
  /** Things a person should know (a dropped empty trailing column). */
  readonly warnings: readonly string[];
}

/** How a delimiter is shown in messages. */
export function delimiterName(delimiter: string): string {
  return delimiter === "\t" ? "tab" : JSON.stringify(delimiter);
}

function checkDelimiter(delimiter: string): void {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new DataError(`the delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}`);
  }
}

/** The delimiter that splits the first rows into the most consistent number of fields (papaparse's guess). */
export function detectDelimiter(text: string): string {
  checkArguments("detectDelimiter", { text }, { text: stringValue });
  const preview = Papa.parse<string[]>(text.slice(0, 65536), {
    preview: 10,
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: "greedy",
  });
  const guessed = preview.meta.delimiter;
  return DELIMITERS.includes(guessed) ? guessed : ",";
}

/** A row papaparse gives for a blank line: one field holding only spaces. */
function isBlankRow(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0].trim() === "";
}

/** Growable Int32Array (row numbers), doubling as rows arrive. */
function grow(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Parse CSV text with a header row. Throws DataError naming the row at fault. */
export function parseCsv(text: string, options: CsvOptions = {}): Table {
  checkArguments("parseCsv", { text, options }, { text: stringValue, options: optionsRule(CSV_OPTIONS) });
  // papaparse strips a UTF-8 BOM only in some entry points; strip it here so the first name is clean.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new DataError("the file is empty: it needs a header row and at least one data row");

  // papaparse splits records on one kind of line end; a file mixing CRLF and LF (lines appended by another
  // editor) would glue rows together, so mixed line ends are made uniform first (the only copy made).
  if (text.includes("\r\n") && /(^|[^\r])\n/.test(text)) text = text.replace(/\r\n/g, "\n");
  const delimiter = options.delimiter ?? detectDelimiter(text);
  checkDelimiter(delimiter);

  let names: string[] | null = null;
  let columns: string[][] = [];
  let rowNumbers: Int32Array = new Int32Array(1024);
  let rows = 0;
  let fileRow = 0;
  let failure: DataError | null = null;
  const pendingBlank: number[] = [];

  /** Take one record; returns false to stop at an error (kept in `failure`). */
  function takeRow(fields: string[], quoteError: string | undefined): boolean {
    fileRow++;
    if (quoteError !== undefined) {
      failure = new DataError(
        quoteError === "MissingQuotes"
          ? `row ${fileRow}: a quoted field is never closed (a " is missing)`
          : `row ${fileRow}: a quote inside a quoted field must be doubled ("")`,
        undefined,
        fileRow,
      );
      return false;
    }
    if (names === null) {
      if (isBlankRow(fields)) return true; // leading blank lines before the header
      names = fields.map((f) => f.trim());
      columns = names.map(() => []);
      return true;
    }
    if (isBlankRow(fields)) {
      // Blank lines are skipped. In a one-column file a blank line is an empty cell, unless only blank
      // lines follow (the file's last line end): hold them until a non-blank row shows which.
      if (names.length === 1) pendingBlank.push(fileRow);
      return true;
    }
    for (const blankRow of pendingBlank) {
      columns[0].push("");
      rowNumbers = grow(rowNumbers, rows + 1);
      rowNumbers[rows++] = blankRow;
    }
    pendingBlank.length = 0;
    if (fields.length !== names.length) {
      const detail =
        fields.length > names.length ? `; is there an unquoted ${delimiterName(delimiter)} inside a field? quote it, or check the delimiter` : "";
      failure = new DataError(
        `row ${fileRow} has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${names.length} (delimiter ${delimiterName(delimiter)})${detail}`,
        undefined,
        fileRow,
      );
      return false;
    }
    for (let j = 0; j < fields.length; j++) columns[j].push(fields[j]);
    rowNumbers = grow(rowNumbers, rows + 1);
    rowNumbers[rows++] = fileRow;
    return true;
  }

  // Chunks of about a megabyte: few callbacks, and only one chunk's row arrays alive at a time. papaparse
  // runs a string's chunks synchronously, so `failure` is set once parse returns.
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    chunkSize: CHUNK_BYTES,
    complete: () => undefined,
    chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
      let quoteErrors: Map<number, string> | null = null;
      for (const e of results.errors) {
        if ((e.code === "MissingQuotes" || e.code === "InvalidQuotes") && e.row !== undefined) {
          quoteErrors ??= new Map();
          if (!quoteErrors.has(e.row)) quoteErrors.set(e.row, e.code);
        }
      }
      const data = results.data;
      for (let r = 0; r < data.length; r++) {
        if (!takeRow(data[r], quoteErrors?.get(r))) {
          parser.abort();
          return;
        }
      }
    },
  });
  if (failure) throw failure;
  if (names === null) throw new DataError("the file is empty: it needs a header row and at least one data row");
  const header: string[] = names;
  if (rows === 0) throw new DataError("the file has a header row but no data rows", undefined, 2);

  const warnings: string[] = [];
  // A column with no name and no values is what a trailing delimiter on every line leaves behind.
  for (let j = header.length - 1; j >= 0; j--) {
    if (header[j] !== "") continue;
    if (columns[j].every((c) => c.trim() === "")) {
      warnings.push(`column ${j + 1} has no name and no values; it is left out`);
      header.splice(j, 1);
      columns.splice(j, 1);
    } else {
      throw new DataError(`column ${j + 1} has no name in the header (row 1)`, undefined, 1);
    }
  }
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new DataError(`the column name ${JSON.stringify(name)} appears twice in the header (columns ${first + 1} and ${j + 1})`, name, 1);
    }
    seen.set(name, j);
  });

  return { names: header, rows, columns, rowNumbers: rowNumbers.slice(0, rows), delimiter, warnings };
}

/** parseCsv's options (CsvOptions), each with its rule. */
const CSV_OPTIONS: Schema<CsvOptions> = { delimiter: stringValue };
