/** How the lab reads a person's file (web/src/reading.ts): what it works out itself, and its words. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign, type DesignOptions } from "../../src/data/design.js";
import { cellReader } from "../../src/data/cells.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { plural, sentence } from "../../web/src/words.js";
import { autoFamily, binaryKind, canBeTarget, columnKind, decimalMark, duplicateColumns, labMessage, pickTarget } from "../../web/src/reading.js";

/** A small file of customers: a yes/no outcome first, numbers, and a text column of four regions last. */
function customers(options: { outcome?: (i: number) => string; delimiter?: string } = {}): string {
  const d = options.delimiter ?? ",";
  const regions = ["north", "south", "east", "west"];
  const rows = [["bought", "age", "income", "region"].join(d)];
  for (let i = 0; i < 40; i++) {
    rows.push([options.outcome?.(i) ?? (i % 3 === 0 ? "yes" : "no"), 30 + (i % 17), (40 + ((i * 7) % 23)).toFixed(1), regions[i % 4]].join(d));
  }
  return rows.join("\n");
}

test("files that are not text are told apart from text, UTF-16 included", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  assert.match(binaryKind(png) ?? "", /PNG/);
  assert.match(binaryKind(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0])) ?? "", /xlsx/);
  assert.equal(binaryKind(Uint8Array.from([1, 2, 0, 3])), "binary data");
  assert.equal(binaryKind(new TextEncoder().encode(customers())), null);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(customers(), "utf16le")]);
  assert.equal(binaryKind(new Uint8Array(utf16)), null, "UTF-16 holds NUL bytes but is text");
});

test("the decimal mark is ',' for a ';'-separated file that writes numbers so, and as chosen otherwise", () => {
  const comma = parseCsv("a;b;y\n1,5;2,25;3,0\n2,5;1,75;4,5\n3,5;0,5;6,0\n");
  const point = parseCsv("a;b;y\n1.5;2.25;3.0\n2.5;1.75;4.5\n3.5;0.5;6.0\n");
  assert.equal(decimalMark(comma, "auto", ""), ",");
  assert.equal(decimalMark(point, "auto", ""), ".");
  assert.equal(decimalMark(parseCsv(customers()), "auto", ""), ".");
  assert.equal(decimalMark(comma, "auto", ","), ".", "',' already groups thousands");
  assert.equal(decimalMark(comma, ".", ""), ".");
  assert.equal(decimalMark(point, ",", ""), ",");
  // The mark chosen reads the file: the comma file's numbers as the point file's.
  const read = (table: ReturnType<typeof parseCsv>) => buildDesign(table, { target: "y", decimal: decimalMark(table, "auto", "") });
  assert.deepEqual(Array.from(read(comma).y), Array.from(read(point).y));
});

test("the default target is the last column that can be one for the family", () => {
  const table = parseCsv(customers());
  const reader = cellReader();
  // region (text, four values) can be no target; income, before it, can be a gaussian one.
  assert.deepEqual(pickTarget(table, null, reader), { target: "income", skipped: ["region"] });
  assert.deepEqual(pickTarget(table, "binomial", reader), { target: "bought", skipped: ["age", "income", "region"] });
  assert.equal(pickTarget(table, "poisson", reader).target, "income");
  // A file whose last column is a fine target keeps it.
  const outcomeLast = parseCsv("x,z,y\n1,a,0\n2,b,1\n3,a,1\n");
  assert.deepEqual(pickTarget(outcomeLast, null, reader), { target: "y", skipped: [] });
  // When no column can be one, the last, so that its error says why.
  assert.equal(pickTarget(parseCsv("a,b\nx,p\ny,q\nz,r\n"), null, reader).target, "b");
});

test("an automatic family for a text target of other than two values says so, and spots values differing in capitals", () => {
  const mixed = parseCsv(customers({ outcome: (i) => (i % 3 === 0 ? "yes" : i % 5 === 0 ? "Yes" : "no") }));
  const kind = columnKind(mixed.columns[0]!, cellReader());
  assert.deepEqual(kind, { kind: "text", levels: ["Yes", "no", "yes"] });
  assert.throws(() => autoFamily("bought", kind), (error: Error) => {
    assert.match(error.message, /target "bought" holds text with 3 different values \("Yes", "no", "yes"\)/);
    assert.match(error.message, /"Yes" and "yes" differ only in capitals/);
    assert.doesNotMatch(error.message, /family gaussian/);
    return true;
  });
  assert.equal(autoFamily("bought", columnKind(parseCsv(customers()).columns[0]!, cellReader())), "binomial");
  assert.equal(autoFamily("age", columnKind(parseCsv(customers()).columns[1]!, cellReader())), "gaussian");
});

test("columns equal in every row are found, constant ones left to the design's own warning", () => {
  const a = [0.3, -1.2, 2.5, 0.7, -0.1];
  const b = [1, 2, 3, 4, 6];
  const x = modelMatrix(["a", "b", "const", "a_copy", "const2", "b_copy"], [a, b, [5, 5, 5, 5, 5], [...a], [5, 5, 5, 5, 5], [...b]]);
  assert.deepEqual(duplicateColumns(x), [["a_copy", "a"], ["b_copy", "b"]]);
  assert.deepEqual(duplicateColumns(modelMatrix(["a", "b"], [a, b])), []);
});

/** The library's message for a table and options. */
function libraryError(text: string, options: DesignOptions): string {
  try {
    buildDesign(parseCsv(text), options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the design to fail");
}

test("the library's messages name the lab's controls instead of options or command-line flags", () => {
  const cases: { message: string; control: RegExp }[] = [
    { message: libraryError("a,y\n1,2\nNA,3\n2,4\n", { target: "y" }), control: /tick "drop rows with missing values"/ },
    { message: libraryError("a,y\n1,2\n,3\n2,4\n", { target: "y" }), control: /tick "drop rows with missing values"/ },
    { message: libraryError('a,y\n"1,5",2\n"2,5",3\n"3,5",4\n', { target: "y" }), control: /set Decimal mark "," under Data/ },
    { message: libraryError('a,y\n"1.234,5",2\n"2.345,5",3\n', { target: "y" }), control: /Decimal mark "," and Thousands separator "\."/ },
    { message: libraryError("a,y\n1 000,2\n2 000,3\n", { target: "y" }), control: /Thousands separator space/ },
    { message: libraryError(customers(), { target: "bought", family: "gaussian" }), control: /choose Family: binomial/ },
    { message: libraryError(`w,y\n${Array.from({ length: 12 }, (_, i) => `${i + 2}kg,${i % 5}`).join("\n")}\n`, { target: "y" }), control: /delete it from the file/ },
  ];
  for (const { message, control } of cases) {
    const shown = labMessage(message);
    assert.notEqual(shown, message, `the lab words the library's option or flag its own way: ${message}`);
    assert.doesNotMatch(shown, /--/, shown);
    assert.match(shown, control, shown);
  }
  assert.equal(labMessage("the file has a header row but no data rows"), "the file has a header row but no data rows");
});

test("counts agree with their nouns, and notes read as sentences", () => {
  assert.equal(plural(1, "variable"), "1 variable");
  assert.equal(plural(0, "variable"), "0 variables");
  assert.equal(plural(2, "row"), "2 rows");
  assert.equal(sentence('column "k" is constant'), 'Column "k" is constant.');
  assert.equal(sentence("Already one."), "Already one.");
});

test("a binomial target may be any two numbers, as the design reads it (1/2 models P(y = 2))", () => {
  const file = ["age,income,y", ...Array.from({ length: 30 }, (_, i) => `${30 + (i % 17)},${40 + ((i * 7) % 23)},${i % 3 === 0 ? 2 : 1}`), ""].join("\n");
  const table = parseCsv(file);
  assert.equal(pickTarget(table, "binomial", cellReader({})).target, "y", "1/2 can be a binomial target");
  const design = buildDesign(table, { target: "y", family: "binomial" });
  assert.equal(design.positiveClass, "2");
  const three = parseCsv(file.replace(/,2\n/, ",3\n"));
  assert.equal(canBeTarget(columnKind(three.columns[2], cellReader({})), "binomial"), false, "three values cannot");
});
