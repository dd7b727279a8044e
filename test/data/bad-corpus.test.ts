// The bad-file corpus through the library: decodeText → parseCsv → buildDesign.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign, type Design } from "../../src/data/design.js";
import { decodeText } from "../../src/data/text.js";
import { DataError, OptionError, ShrinkageError } from "../../src/errors.js";
import { CASES, caseName, casePath, type CorpusCase } from "../fixtures/bad/corpus.js";

function load(c: CorpusCase): { design: Design; delimiter: string } {
  const text = decodeText(readFileSync(casePath(c)));
  const { delimiter, ...options } = c.options;
  const table = parseCsv(text, { delimiter });
  const design = buildDesign(table, options);
  return { design: { ...design, warnings: [...table.warnings, ...design.warnings] }, delimiter: table.delimiter };
}

function rowsOf(design: Design): number[][] {
  const { n, p, data } = design.x;
  return Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => data[j * n + i]));
}

test("the corpus has cases that fail and cases that read", () => {
  assert.ok(CASES.filter((c) => c.error !== undefined).length >= 30);
  assert.ok(CASES.filter((c) => c.result !== undefined).length >= 15);
});

for (const c of CASES) {
  test(caseName(c), () => {
    if (c.error !== undefined) {
      assert.throws(
        () => load(c),
        (error: unknown) => {
          assert.ok(error instanceof ShrinkageError, `a ShrinkageError, not ${String(error)}`);
          assert.ok(error instanceof DataError || error instanceof OptionError);
          assert.ok(error.message.includes(c.error as string), `message ${JSON.stringify(error.message)} should include ${JSON.stringify(c.error)}`);
          assert.ok(!error.message.includes("\n"), "one line");
          if (c.row !== undefined) assert.equal((error as DataError).row, c.row, "row");
          if (c.column !== undefined) assert.equal((error as DataError).column, c.column, "column");
          return true;
        },
      );
      return;
    }
    const { design, delimiter } = load(c);
    const r = c.result ?? {};
    const allFinite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);
    assert.ok(allFinite(design.x.data) && allFinite(design.y), "no NaN or Infinity in the design");
    if (r.n !== undefined) assert.equal(design.x.n, r.n, "n");
    assert.equal(design.y.length, design.x.n);
    if (r.p !== undefined) assert.equal(design.x.p, r.p, "p");
    if (r.features !== undefined) assert.deepEqual(design.x.names, r.features);
    if (r.y !== undefined) assert.deepEqual(Array.from(design.y), r.y);
    if (r.x !== undefined) assert.deepEqual(rowsOf(design), r.x);
    if (r.droppedRows !== undefined) assert.equal(design.droppedRows, r.droppedRows);
    if (r.positiveClass !== undefined) assert.equal(design.positiveClass, r.positiveClass);
    if (r.delimiter !== undefined) assert.equal(delimiter, r.delimiter);
    if (r.rowNumbers !== undefined) assert.deepEqual(Array.from(design.rowNumbers), r.rowNumbers);
    if (r.warning !== undefined) {
      assert.ok(design.warnings.some((w) => w.includes(r.warning as string)), `warnings ${JSON.stringify(design.warnings)} should include ${JSON.stringify(r.warning)}`);
    }
  });
}
