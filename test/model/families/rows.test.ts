import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../../src/errors.js";
import { checkOutcomeRows, constantOutcome, weightedShare, xlogy } from "../../../src/model/families/rows.js";

test("checkOutcomeRows names the first non-finite row, 1-based, then the family's own problem", () => {
  assert.doesNotThrow(() => checkOutcomeRows([0, -1.5, 1e300]));
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => checkOutcomeRows([1, bad, NaN]), (e) => e instanceof DataError && e.row === 2 && e.column === undefined && /row 2/.test(e.message));
  }
  const seen: [number, number][] = [];
  const problem = (v: number, row: number) => {
    seen.push([v, row]);
    return v > 5 ? `too big in row ${row}` : null;
  };
  assert.throws(() => checkOutcomeRows([1, 2, 9, 10], problem), (e) => e instanceof DataError && e.row === 3 && e.message === "too big in row 3");
  assert.deepEqual(seen, [[1, 1], [2, 2], [9, 3]]);
  // The finiteness check comes first, row by row.
  assert.throws(() => checkOutcomeRows([1, NaN, 9], problem), (e) => e instanceof DataError && e.row === 2);
});

test("constantOutcome: the value every weighted row has, compared exactly, else null", () => {
  assert.equal(constantOutcome([2, 2, 2], [1, 1, 1]), 2);
  assert.equal(constantOutcome([2, 2, 2 + 4e-16], [1, 1, 1]), null);
  assert.equal(constantOutcome([2, 7, 2], [1, 0, 3]), 2);
  assert.equal(constantOutcome([7, 2, 2], [0, 1, 1]), 2);
  assert.equal(constantOutcome([1, 2], [1, 1]), null);
  assert.equal(constantOutcome([0, -0], [1, 1]), 0);
});

test("weightedShare is Σ w·y / Σ w", () => {
  assert.equal(weightedShare([1, 0, 1, 1], [1, 1, 1, 1]), 0.75);
  assert.equal(weightedShare([1, 0, 1], [2, 6, 0]), 0.25);
  assert.equal(weightedShare([3, 5], [0.5, 0.5]), 4);
});

test("xlogy is x·log y, and 0 when x = 0 whatever y", () => {
  assert.equal(xlogy(2, Math.E), 2);
  assert.equal(xlogy(3, 1), 0);
  assert.equal(xlogy(0, 0), 0);
  assert.equal(xlogy(0, Infinity), 0);
  assert.equal(xlogy(0, NaN), 0);
  assert.equal(xlogy(1, 0), -Infinity);
});
