import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { OptionError } from "../../../src/errors.js";
import { penaltyOf, Mcp, Scad, mcpValue, scadValue, mcpDerivative, scadDerivative } from "../../../src/model/penalties/index.js";
import type { Penalty } from "../../../src/model/penalty.js";
import { derivative, goldenMin } from "../helpers.js";

type Concave = "mcp" | "scad";
const NAMES: readonly Concave[] = ["mcp", "scad"];

function pen(name: Concave, alpha: number, v: number, gamma: number): Mcp | Scad {
  const p = penaltyOf(name, { alpha, vp: Float64Array.of(v), lower: Float64Array.of(-Infinity), upper: Float64Array.of(Infinity), gamma });
  return p as Mcp | Scad;
}

const coordinate = fc.record({
  name: fc.constantFrom<Concave>("mcp", "scad"),
  alpha: fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true })),
  v: fc.oneof(fc.constant(1), fc.double({ min: 0.1, max: 3, noNaN: true })),
  gammaExtra: fc.double({ min: 0.05, max: 10, noNaN: true }),
  u: fc.double({ min: -5, max: 5, noNaN: true }),
  lambda: fc.double({ min: 0.01, max: 2, noNaN: true }),
  xv: fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 3, noNaN: true })),
});

const gammaFor = (name: Concave, extra: number) => (name === "mcp" ? 1 : 2) + extra;

test("the closed forms: MCP and SCAD values and prices at their knots", () => {
  // MCP with λ = 1, γ = 3: price 1 − |b|/3 to 3, value b − b²/6 to 3, then 3/2.
  assert.equal(mcpValue(1.5, 1, 3), 1.5 - 2.25 / 6);
  assert.equal(mcpValue(-7, 1, 3), 1.5);
  assert.equal(mcpDerivative(1.5, 1, 3), 0.5);
  assert.equal(mcpDerivative(4, 1, 3), 0);
  // SCAD with λ = 1, γ = 3.7: price 1 to 1, (3.7 − |b|)/2.7 to 3.7, value (γ+1)/2 beyond.
  assert.equal(scadValue(0.5, 1, 3.7), 0.5);
  assert.equal(scadValue(10, 1, 3.7), 4.7 / 2);
  assert.ok(Math.abs(scadDerivative(2, 1, 3.7) - 1.7 / 2.7) < 1e-15);
  assert.equal(scadDerivative(5, 1, 3.7), 0);
});

test("value is continuous and its derivative is the price (away from 0)", () => {
  fc.assert(
    fc.property(coordinate, fc.double({ min: 0.01, max: 20, noNaN: true }), ({ name, alpha, v, gammaExtra, lambda }, b) => {
      const p = pen(name, alpha, v, gammaFor(name, gammaExtra));
      const l1 = lambda * alpha * v;
      // Keep clear of the knots, where the one-sided derivatives differ only in the second order anyway.
      fc.pre([l1, p.gamma * l1].every((k) => Math.abs(b - k) > 1e-2));
      const d = derivative((t) => p.value([t], lambda), b, 1e-4);
      assert.ok(Math.abs(d - p.price(0, lambda, b)) <= 1e-6 * (1 + Math.abs(d)), `${name}: ${d} vs ${p.price(0, lambda, b)}`);
    }),
    { numRuns: 300 },
  );
});

test("price falls as |β| grows and is the lasso's λαv at 0; only the ridge part is left beyond γλ", () => {
  fc.assert(
    fc.property(coordinate, fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), ({ name, gammaExtra, lambda, v }, a, b) => {
      const p = pen(name, 1, v, gammaFor(name, gammaExtra));
      const [s, t] = a < b ? [a, b] : [b, a];
      assert.ok(p.price(0, lambda, t) <= p.price(0, lambda, s));
      assert.equal(p.price(0, lambda, 0), lambda * v);
      assert.equal(p.price(0, lambda, p.gamma * lambda * v * 1.0001), 0);
    }),
    { numRuns: 200 },
  );
});

test("prox (xv = 1) is the minimiser of ½b² − ub + pen(b), by golden-section search and a grid", () => {
  fc.assert(
    fc.property(coordinate, ({ name, alpha, v, gammaExtra, u, lambda }) => {
      const p = pen(name, alpha, v, gammaFor(name, gammaExtra));
      const f = (t: number) => 0.5 * t * t - u * t + p.value([t], lambda);
      const b = p.prox(0, u, 1, lambda);
      const g = goldenMin(f, -Math.abs(u) - 1, Math.abs(u) + 1);
      assert.ok(f(b) <= f(g) + 1e-12 * (1 + Math.abs(f(g))), `${name} prox ${b} (${f(b)}) vs search ${g} (${f(g)})`);
      for (let k = -200; k <= 200; k++) {
        const t = (k / 200) * (Math.abs(u) + 1);
        assert.ok(f(b) <= f(t) + 1e-12 * (1 + Math.abs(f(t))), `${name}: grid point ${t} beats prox ${b}`);
      }
    }),
    { numRuns: 300 },
  );
});

test("prox at any xv is ncvreg's adaptive rescaling: the xv = 1 prox divided by xv", () => {
  fc.assert(
    fc.property(coordinate, ({ name, alpha, v, gammaExtra, u, lambda, xv }) => {
      const p = pen(name, alpha, v, gammaFor(name, gammaExtra));
      const b = p.prox(0, u, xv, lambda);
      assert.ok(Math.abs(b - p.prox(0, u, 1, lambda) / xv) <= 1e-12 * (1 + Math.abs(b)));
      // …which minimises ½·xv·b² − ub + pen(xv·b)/xv.
      const f = (t: number) => 0.5 * xv * t * t - u * t + p.value([xv * t], lambda) / xv;
      const reach = (Math.abs(u) + 1) / xv;
      const g = goldenMin(f, -reach, reach);
      assert.ok(f(b) <= f(g) + 1e-12 * (1 + Math.abs(f(g))));
    }),
    { numRuns: 300 },
  );
});

test("subdiffDistance is zero at prox's output (xv = 1), and positive off it", () => {
  fc.assert(
    fc.property(coordinate, ({ name, alpha, v, gammaExtra, u, lambda }) => {
      const p = pen(name, alpha, v, gammaFor(name, gammaExtra));
      const b = p.prox(0, u, 1, lambda);
      // At the minimiser the pull is g = u − b.
      assert.ok(p.subdiffDistance(0, u - b, b, lambda) <= 1e-12 * (1 + Math.abs(u)), `${name}: ${p.subdiffDistance(0, u - b, b, lambda)}`);
      fc.pre(b !== 0);
      assert.ok(p.subdiffDistance(0, u - b + 0.1, b, lambda) > 0.05);
    }),
    { numRuns: 300 },
  );
});

test("lambdaMax is where prox leaves zero: 0 just above, nonzero just below", () => {
  fc.assert(
    fc.property(coordinate, ({ name, alpha, v, gammaExtra, u }) => {
      fc.pre(Math.abs(u) > 1e-3);
      const p = pen(name, alpha, v, gammaFor(name, gammaExtra));
      const lmax = p.lambdaMax([u], [1]);
      assert.equal(p.prox(0, u, 1, lmax * (1 + 1e-9)), 0);
      assert.notEqual(p.prox(0, u, 1, lmax * (1 - 1e-9)), 0);
    }),
    { numRuns: 200 },
  );
});

test("strongThreshold is ncvreg's: λ + γ/(γ−1)(λ − λprev) for MCP, γ/(γ−2) for SCAD", () => {
  assert.equal(pen("mcp", 1, 2, 3).strongThreshold(0, 1, 2), 2 * (1 + 1.5 * -1));
  assert.ok(Math.abs(pen("scad", 0.5, 1, 4).strongThreshold(0, 1, 1.5) - 0.5 * (1 + 2 * -0.5)) < 1e-15);
});

test("γ at or below 1 (MCP) or 2 (SCAD) is an error naming gamma", () => {
  for (const [name, bad] of [["mcp", 1], ["mcp", 0.5], ["scad", 2], ["scad", Number.NaN]] as const) {
    assert.throws(() => pen(name, 1, 1, bad), (e: unknown) => e instanceof OptionError && e.option === "gamma" && /gamma must be a number greater than/.test(e.message));
  }
  assert.equal(pen("mcp", 1, 1, undefined as unknown as number).gamma, 3);
  assert.equal(pen("scad", 1, 1, undefined as unknown as number).gamma, 3.7);
  const both: Penalty[] = NAMES.map((n) => pen(n, 1, 1, 5));
  assert.deepEqual(both.map((p) => p.name), ["mcp", "scad"]);
});
