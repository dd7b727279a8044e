import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classShift } from "../../../src/model/penalties/class-shift.js";

const cost = (a: number[], c: number, alpha: number) => a.reduce((s, v) => s + alpha * Math.abs(v - c) + ((1 - alpha) / 2) * (v - c) ** 2, 0);

describe("classShift: the shift minimising a variable's K class penalties", () => {
  const cases: [number[], number][] = [
    [[1, 2, 7], 1], [[1, 2, 7], 0], [[1, 2, 7], 0.5], [[-3, 0.2, 0.2, 5, 9], 0.3], [[4, -1], 0.7], [[0, 0, 1, 10], 0.9], [[2, 2, 2], 0.5],
  ];
  it("is the mean for α = 0 and K = 2, the median for α = 1", () => {
    assert.equal(classShift([1, 2, 7], 0), 10 / 3);
    assert.equal(classShift([4, -1], 0.7), 1.5);
    assert.equal(classShift([1, 2, 7], 1), 2);
    assert.equal(classShift([0, 1, 3, 10], 1), 2);
  });
  it("no shift on a fine grid does better (every case)", () => {
    let checked = 0;
    for (const [a, alpha] of cases) {
      const c = classShift(a, alpha);
      const best = cost(a, c, alpha);
      for (let t = -20; t <= 20; t += 0.001) assert.ok(best <= cost(a, t, alpha) + 1e-12, `${a} α=${alpha}: ${c} vs ${t}`);
      checked++;
    }
    assert.equal(checked, cases.length);
  });
  it("gives the same shift with the solver's room for the sorted values, larger than K or not", () => {
    let checked = 0;
    for (const [a, alpha] of cases) {
      const room = new Float64Array(a.length + 3).fill(NaN);
      const exact = new Float64Array(a.length);
      assert.equal(classShift(a, alpha, room), classShift(a, alpha));
      assert.equal(classShift(a, alpha, exact), classShift(a, alpha));
      // The mean (α = 0, K = 2) needs no sorting; otherwise the room holds a's values in order.
      if (alpha > 0 && a.length > 2) assert.deepEqual([...exact], [...a].sort((x, y) => x - y));
      checked++;
    }
    assert.equal(checked, cases.length);
  });
});
