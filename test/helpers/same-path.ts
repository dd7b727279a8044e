// One assertion for "the same path, bit for bit", for tests that fit one problem two ways (bounds on and
// off, pulls deferred or not) and expect every number, pass count and warning to agree.
import assert from "node:assert/strict";
import type { Path } from "../../src/solve/types.js";

/** a and b have the same passes, λs, coefficients, deviance ratios, gaps and warnings, exactly. */
export function assertSamePath(a: Path, b: Path): void {
  assert.equal(a.npasses, b.npasses, "passes");
  assert.deepEqual(a.lambda, b.lambda);
  assert.deepEqual(a.intercept, b.intercept);
  assert.deepEqual(a.beta, b.beta);
  assert.deepEqual(a.devRatio, b.devRatio);
  assert.deepEqual(a.gap, b.gap);
  assert.deepEqual(a.warnings, b.warnings);
}
