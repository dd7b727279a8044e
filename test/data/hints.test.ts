import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cellReader, describeProblem, type NumberFormat } from "../../src/data/cells.js";

/** The format a hint's flags choose, read back from the message, starting from `current`. */
function formatOfHint(message: string, current: Required<NumberFormat>): Required<NumberFormat> {
  const flags = /say how to read it \(([^)]*)\)|\(([^)]*?) reads /.exec(message);
  assert.ok(flags, `no flags in ${JSON.stringify(message)}`);
  const text = flags[1] ?? flags[2];
  const decimal = /--decimal (.)/.exec(text)?.[1] ?? current.decimal;
  const t = /--thousands ('[ ]'|"'"|.)/.exec(text)?.[1];
  const thousands = text.includes("without --thousands") ? "" : t === undefined ? current.thousands : t === "' '" ? " " : t === `"'"` ? "'" : t;
  return { decimal, thousands } as Required<NumberFormat>;
}

const FORMATS: Required<NumberFormat>[] = [
  { decimal: ".", thousands: "" }, { decimal: ".", thousands: "," }, { decimal: ",", thousands: "." }, { decimal: ",", thousands: " " },
];

test("a cell called a number in another convention reads under the flags its message gives", () => {
  const cell = fc.stringMatching(/^[+-]? ?[0-9]{0,4}([.,' \u00a0][0-9]{0,4}){0,3} ?$/);
  let hinted = 0;
  fc.assert(
    fc.property(cell, fc.constantFrom(...FORMATS), (text, current) => {
      const reader = cellReader(current);
      fc.pre(Number.isNaN(reader.read(text)));
      const problem = reader.problem(text);
      fc.pre(problem === "formatted");
      const message = describeProblem(text, problem, current);
      // The "wrong places" message names no flag: the separators given are the right kind.
      fc.pre(!message.includes("groups are of three digits"));
      hinted++;
      const chosen = formatOfHint(message, current);
      assert.ok(Number.isFinite(cellReader(chosen).read(text)), `${JSON.stringify(text)}: following "${message}" does not read it`);
    }),
    { seed: 21, numRuns: 3000 },
  );
  assert.ok(hinted > 100, `only ${hinted} cells were hinted`);
});

test("a sign or separator out of place is not a number, with no hint of a convention (issue 21)", () => {
  const r = cellReader();
  for (const cell of ["- 3", "+ 12", "1,,2", "3 4", "1..2", ",", "1 ,5"]) {
    assert.equal(r.problem(cell), "text", cell);
    assert.equal(describeProblem(cell, r.problem(cell)), `${JSON.stringify(cell)} is not a number`);
  }
});

test("a no-break space groups thousands as a space does", () => {
  assert.equal(cellReader({ thousands: " " }).read("1\u00a0234\u202f567"), 1234567);
});
