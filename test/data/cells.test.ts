import { test } from "node:test";
import assert from "node:assert/strict";
import { cellReader, describeProblem, MISSING_TOKENS } from "../../src/data/cells.js";

test("plain numbers in every common notation", () => {
  const r = cellReader();
  const cases: [string, number][] = [
    ["1", 1], ["-2", -2], ["+3", 3], [".5", 0.5], ["-.5", -0.5], ["5.", 5], ["1e-3", 0.001], ["1E+5", 1e5],
    ["  7.25 ", 7.25], ["0", 0], ["-0", -0], ["123456789012", 123456789012], ["4.9e-324", 4.9e-324], ["1.7976931348623157e308", 1.7976931348623157e308],
  ];
  for (const [cell, value] of cases) assert.equal(r.read(cell), value, cell);
});

test("cells that are not numbers read as NaN, with the reason", () => {
  const r = cellReader();
  const cases: [string, string][] = [
    ["", "missing"], ["NA", "missing"], ["n/a", "missing"], ["NaN", "missing"], ["NULL", "missing"], ["#N/A", "missing"], [".", "missing"], ["?", "missing"],
    ["Inf", "infinite"], ["-inf", "infinite"], ["+Infinity", "infinite"],
    ["1e400", "overflow"], ["-1e999", "overflow"],
    ["1,5", "formatted"], ["1,234.5", "formatted"], ["1.234,5", "formatted"], ["1 234", "formatted"], ["1'234", "formatted"],
    ["abc", "text"], ["0x1F", "text"], ["1.2.3", "text"], ["1e", "text"], ["--1", "text"], ["Infinityy", "text"],
  ];
  for (const [cell, problem] of cases) {
    assert.ok(Number.isNaN(r.read(cell)), `${JSON.stringify(cell)} is not a number`);
    assert.equal(r.problem(cell), problem, cell);
  }
  for (const token of MISSING_TOKENS) assert.equal(r.problem(token.toUpperCase()), "missing");
});

test("a decimal comma and thousands separators are read only when the format says so", () => {
  assert.equal(cellReader({ decimal: "," }).read("1,5"), 1.5);
  assert.equal(cellReader({ decimal: "," }).read("-,25"), -0.25);
  assert.ok(Number.isNaN(cellReader({ decimal: "," }).read("1.5")), "a point is not the decimal mark then");
  assert.equal(cellReader({ thousands: "," }).read("1,234,567.5"), 1234567.5);
  assert.equal(cellReader({ thousands: "," }).read("950"), 950);
  assert.ok(Number.isNaN(cellReader({ thousands: "," }).read("12,34")), "groups of three digits only");
  assert.equal(cellReader({ decimal: ",", thousands: "." }).read("1.234,5"), 1234.5);
  assert.equal(cellReader({ thousands: " " }).read("1 234 567"), 1234567);
  assert.equal(cellReader({ thousands: "'" }).read("1'234.5"), 1234.5);
  assert.throws(() => cellReader({ decimal: ",", thousands: "," }), /cannot also be the decimal mark/);
});

test("messages say what is wrong and how to read the number", () => {
  const r = cellReader();
  const say = (cell: string) => describeProblem(cell, r.problem(cell));
  assert.match(say(""), /empty/);
  assert.match(say("NA"), /"NA" is a missing value/);
  assert.match(say("-inf"), /infinite/);
  assert.match(say("1e400"), /too large for a 64-bit number/);
  // "1,5" reads only with a decimal comma ("5" is not a group of three): no --thousands offered.
  assert.match(say("1,5"), /"," as the decimal mark; say how to read it \(--decimal ,\)/);
  assert.match(say("1,500"), /--thousands , reads 1500\) or with "," as the decimal mark \(--decimal , reads 1\.5\)/);
  assert.match(say("1,234.5"), /"," as a thousands separator and "\." as the decimal mark; say how to read it \(--thousands ,\)/);
  assert.match(say("1.234,5"), /--decimal , --thousands \./);
  assert.match(say("1 234"), /a space as a thousands separator/);
  assert.match(say("abc"), /"abc" is not a number/);
  // With the separators already given, the fault is where they are, not which they are.
  const grouped = { thousands: "," as const };
  const g = cellReader(grouped);
  assert.match(describeProblem("1,23", g.problem("1,23"), grouped), /groups are of three digits and come before the decimal mark \(1,234,567\.89\)/);
  const european = { decimal: "," as const, thousands: "." as const };
  const e = cellReader(european);
  assert.match(describeProblem("1.3624", e.problem("1.3624"), european), /"\." grouping thousands and "," as the decimal mark/);
});

test("the hand-written scan of plain numbers accepts exactly what the general pattern accepts", async () => {
  const fc = (await import("fast-check")).default;
  const { isPlainNumber } = await import("../../src/data/cells.js");
  const pattern = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
  const piece = fc.constantFrom("", " ", "+", "-", "1", "23", ".", "e", "E", "5", "x", ",", "\t", "0");
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }).map((a) => a.join("")), (cell) => {
      assert.equal(isPlainNumber(cell), pattern.test(cell), JSON.stringify(cell));
    }),
    { numRuns: 3000 },
  );
});
