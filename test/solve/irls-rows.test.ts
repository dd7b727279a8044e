// The IRLS families' row loops (src/solve/irls-rows.ts): the fused step (advance) is advanceEta then
// update, bit for bit; the deviance is the family's, summed as deviance() sums it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { familyRows, NO_STEP } from "../../src/solve/irls-rows.js";
import { advanceEta } from "../../src/solve/eta-step.js";
import { familyOf } from "../../src/model/families/index.js";
import { deviance } from "../../src/model/family.js";
import { rng } from "../helpers/random.js";

const families = ["binomial", "poisson", "gaussian"] as const;
assert.equal(families.length, 3);

/** A seeded problem's rows: y of the family, weights (one 0), η, and a step's r₀, s and v. */
function rows(name: (typeof families)[number], n: number) {
  const g = rng(11);
  const y = Float64Array.from({ length: n }, (_, i) => (name === "binomial" ? i % 3 === 0 ? 1 : 0 : name === "poisson" ? i % 5 : g.normal()));
  const w = Float64Array.from({ length: n }, (_, i) => (i === 7 ? 0 : (0.5 + (i % 4)) / n));
  const eta = Float64Array.from({ length: n }, () => g.normal());
  const v = Float64Array.from({ length: n }, () => 0.01 + g.uniform());
  const r0 = Float64Array.from({ length: n }, () => g.normal());
  const s = Float64Array.from({ length: n }, () => g.normal());
  return { y, w, eta, v, r0, s };
}

for (const name of families) {
  test(`advance is advanceEta then update, bit for bit (${name})`, () => {
    const fam = familyOf(name);
    const n = 101;
    const { y, w, eta, v, r0, s } = rows(name, n);
    const muA = new Float64Array(n), muB = new Float64Array(n);
    const a = familyRows(fam, y, w, muA);
    const b = familyRows(fam, y, w, muB);
    const etaA = eta.slice(), vA = v.slice(), rA = s.slice();
    const etaB = eta.slice(), vB = v.slice(), rB = s.slice();
    const sumA = a.advance(etaA, r0, vA, rA);
    assert.equal(advanceEta(etaB, r0, rB, vB), true);
    const sumB = b.update(etaB, vB, rB);
    assert.ok(sumA > 0);
    assert.equal(sumA, sumB);
    assert.deepEqual(etaA, etaB);
    assert.deepEqual(muA, muB);
    assert.deepEqual(vA, vB);
    assert.deepEqual(rA, rB);
    assert.equal(a.deviance(), deviance(fam, y, muA, w), "the deviance is the family's, to the bit");
  });
}

test("advance answers NO_STEP where some working weight is 0", () => {
  const fam = familyOf("binomial");
  const { y, w, eta, v, r0, s } = rows("binomial", 20);
  v[12] = 0;
  const rowsOf = familyRows(fam, y, w, new Float64Array(20));
  assert.equal(rowsOf.advance(eta, r0, v, s), NO_STEP);
});
