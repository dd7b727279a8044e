import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { detectDelimiter, parseCsv } from "../../src/data/csv.js";
import { DataError } from "../../src/errors.js";

test("header, rows and columns", () => {
  const t = parseCsv(" a , b\n1,2\n3,4\n");
  assert.deepEqual(t.names, ["a", "b"], "names are trimmed");
  assert.equal(t.rows, 2);
  assert.deepEqual(t.columns, [["1", "3"], ["2", "4"]]);
  assert.deepEqual(Array.from(t.rowNumbers), [2, 3]);
  assert.equal(t.delimiter, ",");
});

test("the delimiter is detected among comma, semicolon and tab, or given", () => {
  assert.equal(detectDelimiter("a,b,c\n1,2,3\n"), ",");
  assert.equal(detectDelimiter("a;b;c\n1,5;2;3,25\n"), ";", "decimal commas do not fool it");
  assert.equal(detectDelimiter("a\tb\n1\t2\n"), "\t");
  assert.equal(detectDelimiter("a\n1\n"), ",", "one column: comma");
  const t = parseCsv("a|b\n1|2\n", { delimiter: "|" });
  assert.deepEqual(t.names, ["a", "b"]);
  assert.throws(() => parseCsv("a,b\n1,2\n", { delimiter: '"' }), DataError);
});

test("BOM, CRLF and CR line ends", () => {
  for (const text of ["\ufeffa,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2"]) {
    const t = parseCsv(text);
    assert.deepEqual(t.names, ["a", "b"], JSON.stringify(text));
    assert.deepEqual(t.columns, [["1"], ["2"]]);
  }
});

test("mixed line ends (CRLF and LF in one file) do not glue rows together", () => {
  const t = parseCsv("a,b\r\n1,2\n3,4\r\n5,6\n");
  assert.deepEqual(t.columns, [["1", "3", "5"], ["2", "4", "6"]]);
});

test("quoted fields keep delimiters, doubled quotes and line breaks", () => {
  const t = parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",3\n');
  assert.deepEqual(t.columns, [["x, y", "two\nlines"], ['say "hi"', "3"]]);
  assert.deepEqual(Array.from(t.rowNumbers), [2, 3]);
});

test("blank lines are skipped but counted, so rows match line numbers", () => {
  const t = parseCsv("\na,b\n1,2\n\n3,4\n\n");
  assert.deepEqual(Array.from(t.rowNumbers), [3, 5]);
  assert.throws(() => parseCsv("a,b\n1,2\n\n3\n"), (e: DataError) => e.row === 4 && /row 4 has 1 field but the header has 2/.test(e.message));
  const one = parseCsv("a\n1\n\n3\n\n");
  assert.deepEqual(one.columns, [["1", "", "3"]], "one column: a blank line inside is an empty cell, the last line end is not");
  assert.deepEqual(Array.from(one.rowNumbers), [2, 3, 4]);
});

test("errors name the row", () => {
  assert.throws(() => parseCsv(""), /the file is empty/);
  assert.throws(() => parseCsv("a,b\n"), /header row but no data rows/);
  assert.throws(() => parseCsv("a,b\n1,2\n1,2,3\n"), (e: DataError) => e.row === 3 && /row 3 has 3 fields/.test(e.message));
  assert.throws(() => parseCsv('a,b\n1,"2\n'), /never closed/);
  assert.throws(() => parseCsv("a,a\n1,2\n"), /"a" appears twice/);
  assert.throws(() => parseCsv("a,,b\n1,2,3\n"), /column 2 has no name/);
});

test("an unnamed empty trailing column is dropped with a warning", () => {
  const t = parseCsv("a,b,\n1,2,\n3,4,\n");
  assert.deepEqual(t.names, ["a", "b"]);
  assert.equal(t.columns.length, 2);
  assert.match(t.warnings[0], /column 3 has no name and no values/);
});

test("any table written as CSV (quoted or not, any delimiter and line end) reads back cell for cell", () => {
  const cell = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.string({ maxLength: 8 }).filter((s) => s.trim() !== "" && !s.includes("\r") && s === s.trim()),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }).chain((p) => fc.tuple(fc.constant(p), fc.array(fc.array(cell, { minLength: p, maxLength: p }), { minLength: 1, maxLength: 20 }))),
      fc.constantFrom(",", ";", "\t"),
      fc.constantFrom("\n", "\r\n"),
      fc.boolean(),
      ([p, rows], delimiter, newline, quoteAll) => {
        const names = Array.from({ length: p }, (_, j) => `c${j}`);
        const field = (s: string) => (quoteAll || /[",;\t\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
        const text = [names, ...rows].map((r) => r.map(field).join(delimiter)).join(newline) + newline;
        const t = parseCsv(text, { delimiter });
        assert.equal(t.rows, rows.length);
        for (let j = 0; j < p; j++) assert.deepEqual(t.columns[j], rows.map((r) => r[j]));
      },
    ),
    { numRuns: 200 },
  );
});

test("files of several megabytes: every row read, quoted line breaks across chunk boundaries, the right row in errors", () => {
  const rows = Array.from({ length: 120_000 }, (_, i) => (i % 9973 === 0 ? `${i},"note\nspanning"` : `${i},plain text ${i}`));
  const text = `id,note\n${rows.join("\n")}\n`;
  assert.ok(text.length > 2 * (1 << 20), "more than two chunks");
  const t = parseCsv(text);
  assert.equal(t.rows, 120_000);
  assert.deepEqual(t.columns[0].slice(-2), ["119998", "119999"]);
  assert.equal(t.columns[1][9973], "note\nspanning");
  assert.equal(t.rowNumbers[119_999], 120_001, "a quoted line break does not shift row numbers");
  assert.throws(() => parseCsv(`${text}1,2,3\n`), (e: DataError) => e.row === 120_002);
});
