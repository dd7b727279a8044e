import assert from "node:assert/strict";
import type { Family } from "../../src/model/family.js";

/** |actual − expected| ≤ rel·max(|expected|, floor) (floor keeps a comparison with 0 meaningful). */
export function assertClose(actual: number, expected: number, rel: number, floor = 0, what = ""): void {
  const tol = rel * Math.max(Math.abs(expected), floor);
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} vs ${expected} (tolerance ${tol})`);
}

/** f'(x) by Richardson-extrapolated central differences (error O(h⁴)). */
export function derivative(f: (x: number) => number, x: number, h = 1e-3 * Math.max(1, Math.abs(x))): number {
  const d = (s: number) => (f(x + s) - f(x - s)) / (2 * s);
  return (4 * d(h / 2) - d(h)) / 3;
}

/** The minimiser of a unimodal f on [a, b] by golden-section search, to the last few bits. */
export function goldenMin(f: (x: number) => number, a: number, b: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a), d = a + r * (b - a);
  let fc = f(c), fd = f(d);
  for (let it = 0; it < 200 && b - a > 1e-15 * (1 + Math.abs(a) + Math.abs(b)); it++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  return fc <= fd ? c : d;
}

/**
 * The working residual: d/dη_i of Σ w·d(y, μ(η))/2 is −w_i(y_i − μ_i) for a canonical link, by finite
 * differences of the deviance (relative 1e-6), at rows where y − μ is not tiny.
 */
export function assertWorkingResidual(family: Family, y: number[], eta: number[], w: number[]): void {
  const mu = (e: number[]) => e.map((v) => family.mean(v));
  const half = (e: number[]) => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (w[i] * family.unitDeviance(y[i], mu(e)[i])) / 2;
    return s;
  };
  for (let i = 0; i < y.length; i++) {
    const at = (v: number) => half(eta.map((e, k) => (k === i ? v : e)));
    const expected = -w[i] * (y[i] - family.mean(eta[i]));
    assertClose(derivative(at, eta[i]), expected, 1e-6, 0, `${family.name} row ${i}:`);
  }
}

/** variance(μ(η)) = dμ/dη (relative 1e-6): the IRLS weight of a canonical link. */
export function assertVarianceIsSlope(family: Family, etas: number[]): void {
  for (const eta of etas) {
    assertClose(family.variance(family.mean(eta)), derivative((e) => family.mean(e), eta), 1e-6, 0, `${family.name} η = ${eta}:`);
  }
}

/** The smallest double above x (x finite and positive). */
export function nextUp(x: number): number {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  b.setBigUint64(0, b.getBigUint64(0) + 1n);
  return b.getFloat64(0);
}
