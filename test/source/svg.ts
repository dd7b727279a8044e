/**
 * Two SVG charts agree: the same markup and text once numbers are set aside, and every number (a
 * coordinate, a λ in a label) within `tol` relative to the larger of 1 and its size.
 */
import assert from "node:assert/strict";

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;

export function assertSameSvg(got: string, want: string, tol: number): void {
  assert.ok(want.startsWith("<svg"), "an SVG to compare with");
  assert.equal(got.replace(NUMBER, "#"), want.replace(NUMBER, "#"), "the same markup and text");
  const a = got.match(NUMBER) ?? [];
  const b = want.match(NUMBER) ?? [];
  assert.equal(a.length, b.length);
  assert.ok(b.length > 50, "numbers to compare");
  a.forEach((v, i) => {
    const [x, y] = [Number(v), Number(b[i])];
    assert.ok(Math.abs(x - y) <= tol * Math.max(1, Math.abs(y)), `number ${i}: ${v} vs ${b[i]}`);
  });
}
