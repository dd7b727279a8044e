// η after an IRLS step from the residual (src/solve/eta-step.ts): η₀ + (r₀ − s)/v is η₀ + X̃Δβ + Δβ0
// when s = r₀ − v∘(X̃Δβ + Δβ0); a row with v = 0 leaves η alone and asks for the columns.
import { test } from "node:test";
import assert from "node:assert/strict";
import { advanceEta } from "../../src/solve/eta-step.js";
import { fitPath } from "../../src/solve/path.js";
import { rng, randomProblem } from "../helpers/random.js";

test("advanceEta recovers the step's move of η from the residual, to rounding", () => {
  const g = rng(5);
  const n = 200;
  const eta0 = Float64Array.from({ length: n }, () => g.normal());
  const move = Float64Array.from({ length: n }, () => g.normal());
  // Weights down to 1e-9 of the largest: the division magnifies s's rounding there, not η's move itself.
  const v = Float64Array.from({ length: n }, (_, i) => 10 ** (-9 * (i / n)) * 0.25);
  const r0 = Float64Array.from({ length: n }, () => g.normal() * 0.5);
  const s = Float64Array.from(r0, (r, i) => r - v[i] * move[i]);
  const eta = eta0.slice();
  assert.equal(advanceEta(eta, r0, s, v), true);
  for (let i = 0; i < n; i++) {
    const err = Math.abs(eta[i] - (eta0[i] + move[i]));
    // μ moves by v·Δη: that error, on μ's scale, is at rounding.
    assert.ok(err * v[i] <= 1e-15, `row ${i}: η off by ${err} at v = ${v[i]}`);
  }
});

test("advanceEta leaves η alone when a row has no weight (v = 0)", () => {
  const eta = Float64Array.of(1, 2, 3);
  const r0 = Float64Array.of(0.1, 0.2, 0.3);
  const s = Float64Array.of(0, 0.1, 0.3);
  assert.equal(advanceEta(eta, r0, s, Float64Array.of(0.2, 0, 0.1)), false);
  assert.deepEqual(eta, Float64Array.of(1, 2, 3));
});

test("zero weights on some rows (η rebuilt from the columns): the path of the other rows alone, to rounding", () => {
  const { x, y } = randomProblem(31, 120, 30, { family: "binomial" });
  const keep = Array.from({ length: 120 }, (_, i) => i % 7 !== 0);
  const weights = keep.map((k) => (k ? 1 : 0));
  const rows = keep.flatMap((k, i) => (k ? [i] : []));
  const sub = new Float64Array(rows.length * x.p);
  for (let j = 0; j < x.p; j++) rows.forEach((i, r) => (sub[j * rows.length + r] = x.data[j * x.n + i]));
  const zero = fitPath(x, y, { family: "binomial", weights });
  const alone = fitPath({ ...x, n: rows.length, data: sub }, Float64Array.from(rows, (i) => y[i]), { family: "binomial" });
  assert.equal(zero.lambda.length, alone.lambda.length);
  assert.ok(zero.lambda.length > 10);
  for (let m = 0; m < zero.lambda.length; m++) {
    assert.ok(Math.abs(zero.intercept[m] - alone.intercept[m]) <= 1e-9, `intercept at λ ${m}`);
    assert.deepEqual(zero.beta[m].index, alone.beta[m].index);
    zero.beta[m].value.forEach((v, k) => assert.ok(Math.abs(v - alone.beta[m].value[k]) <= 1e-9, `β at λ ${m}`));
  }
});
