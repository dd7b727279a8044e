// Offsets (and weights) at the edges of 64-bit numbers: a right fit or one clear error naming the offset,
// never a path of NaN and ±∞ (nulls in the JSON).
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, OptionError, ShrinkageError } from "../../src/errors.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { modelMatrix } from "../../src/data/matrix.js";
import type { FitOptions, Path } from "../../src/solve/types.js";

const n = 50;
const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
const a = col((i) => Math.sin(i));
const b = col((i) => Math.cos(i * 1.3));
const x = modelMatrix(["a", "b"], [a, b]);
const gaussianY = col((i) => 2 * a[i] + Math.cos(7 * i));
const binaryY = col((i) => (gaussianY[i] + 0.5 * Math.sin(5 * i) > 0 ? 1 : 0));
const counts = col((i) => Math.round(Math.exp(0.8 * a[i] - 0.5 * b[i] + 0.5 * Math.sin(3 * i))));
const mildOffset = col((i) => 0.3 * Math.cos(2 * i));
/** The offset with one row changed. */
const withRow = (row: number, value: number) => col((i) => (i === row ? value : mildOffset[i]));

function assertFinite(path: Path): void {
  assert.ok(path.lambda.length > 0, "at least one λ");
  assert.ok(Number.isFinite(path.nullDeviance), `null deviance ${path.nullDeviance}`);
  for (let k = 0; k < path.lambda.length; k++) {
    assert.ok(Number.isFinite(path.intercept[k]) && Number.isFinite(path.devRatio[k]), `λ[${k}]: intercept ${path.intercept[k]}, devRatio ${path.devRatio[k]}`);
    for (const v of coefficientsAt(path, k)) assert.ok(Number.isFinite(v), `β at λ[${k}]`);
  }
}

test("binomial: an offset of ±800 on every row is taken up by the intercept, as no offset at all", () => {
  const plain = fitPath(x, binaryY, { family: "binomial" });
  for (const shift of [800, -800]) {
    const shifted = fitPath(x, binaryY, { family: "binomial", offset: col(() => shift) });
    assertFinite(shifted);
    assert.equal(shifted.lambda.length, plain.lambda.length, `offset ${shift}`);
    for (let k = 0; k < plain.lambda.length; k++) {
      assert.ok(Math.abs(shifted.intercept[k] + shift - plain.intercept[k]) < 1e-8, `offset ${shift}, λ[${k}] intercept`);
      assert.ok(Math.abs(shifted.devRatio[k] - plain.devRatio[k]) < 1e-8, `offset ${shift}, λ[${k}] devRatio`);
    }
  }
});

test("Poisson: an offset whose exp overflows is a DataError naming the offset and the row, saying it is log(exposure)", () => {
  const offset = withRow(4, 800);
  assert.throws(() => fitPath(x, counts, { family: "poisson", offset }), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.column, "offset");
    assert.equal(e.row, 5);
    assert.match(e.message, /the offset is 800 in row 5: exp\(800\) overflows/);
    assert.match(e.message, /log\(exposure\)/);
    return true;
  });
  // A row without weight plays no part, whatever its offset: the fit is the one with a plain offset there.
  const weights = col((i) => (i === 4 ? 0 : 1));
  const ignored = fitPath(x, counts, { family: "poisson", offset, weights });
  assertFinite(ignored);
  const plain = fitPath(x, counts, { family: "poisson", offset: mildOffset, weights });
  assert.deepEqual(Array.from(ignored.intercept), Array.from(plain.intercept));
  assert.deepEqual(Array.from(ignored.devRatio), Array.from(plain.devRatio));
});

test("Poisson: an offset leaving a counting row an expected count of 0 (exp underflows) is named; a row counting 0 fits", () => {
  const row = counts.findIndex((c) => c > 0);
  assert.throws(() => fitPath(x, counts, { family: "poisson", offset: withRow(row, -800) }), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.column, "offset");
    assert.equal(e.row, row + 1);
    assert.match(e.message, new RegExp(`the offset is -800 in row ${row + 1}: .* yet it counts ${counts[row]}`));
    return true;
  });
  // A count of 0 where the mean is 0 is no contradiction: that row's deviance is 0.
  const zero = counts.findIndex((c) => c === 0);
  assertFinite(fitPath(x, counts, { family: "poisson", offset: withRow(zero, -800) }));
  // Shifting every offset by 700 moves the intercept alone.
  const plain = fitPath(x, counts, { family: "poisson", offset: mildOffset });
  const shifted = fitPath(x, counts, { family: "poisson", offset: mildOffset.map((o) => o - 700) });
  assertFinite(shifted);
  assert.ok(Math.abs(shifted.intercept[3] - 700 - plain.intercept[3]) < 1e-8);
});

test("gaussian: an offset too large for the outcome is named as the fault, not the outcome", () => {
  const named = (pattern: RegExp) => (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.column, "offset");
    assert.match(e.message, pattern);
    return true;
  };
  // y − offset reaches 1e308 in one row: its square, the deviance, overflows.
  assert.throws(() => fitPath(x, gaussianY, { offset: withRow(4, 1e308) }), named(/the outcome minus the offset is too large to square \(values up to 1e\+308\).*a gaussian offset .* on the outcome's scale/));
  // y − offset itself overflows.
  const big = col((i) => (i === 4 ? 1e308 : gaussianY[i]));
  assert.throws(() => fitPath(x, big, { offset: withRow(4, -1e308) }), named(/the outcome minus the offset overflows in row 5/));
  // An offset equal to the outcome leaves nothing to fit.
  assert.throws(() => fitPath(x, gaussianY, { offset: gaussianY }), named(/the outcome minus the offset is 0 in every row/));
  // 1e150 still squares: a fit, the outcome less the offset fitted as it is.
  assertFinite(fitPath(x, gaussianY, { offset: withRow(4, 1e150) }));
});

test("Poisson: offsets of −800 on every row are taken up by the intercept; a mean near 1e-308 has a finite deviance", () => {
  const plain = fitPath(x, counts, { family: "poisson", offset: mildOffset });
  const shifted = fitPath(x, counts, { family: "poisson", offset: mildOffset.map((o) => o - 800) });
  assertFinite(shifted);
  assert.equal(shifted.lambda.length, plain.lambda.length);
  for (let k = 0; k < plain.lambda.length; k++) {
    assert.ok(Math.abs(shifted.intercept[k] - 800 - plain.intercept[k]) < 1e-8, `λ[${k}] intercept`);
    assert.ok(Math.abs(shifted.devRatio[k] - plain.devRatio[k]) < 1e-8, `λ[${k}] devRatio`);
  }
  // An offset of −709 leaves the row an expected count near 1e-308: y/μ overflows, log y − log μ does not.
  const row = counts.findIndex((c) => c > 0);
  const far = fitPath(x, counts, { family: "poisson", offset: withRow(row, -709) });
  assertFinite(far);
  assert.ok(far.nullDeviance > 2 * counts[row] * 700, `that row's deviance dominates: ${far.nullDeviance}`);
});

test("a null deviance that overflows blames the weights when weights summing to n would fit, else the outcome", () => {
  // Binomial, weights of 3e306 a row: the deviance per unit weight is about 1.3, the sum of weights 1.5e308.
  assert.throws(() => fitPath(x, binaryY, { family: "binomial", weights: col(() => 3e306) }), (e: unknown) => {
    assert.ok(e instanceof OptionError, String(e));
    assert.equal(e.option, "weights");
    assert.match(e.message, /the weights \(summing to 1\.5.*e\+308\) times the deviance per unit weight .* overflow the null deviance/);
    return true;
  });
  // Counts up to 2.4e307 with no weights given: the outcome is the fault, not weights nobody gave.
  const huge = counts.map((c) => c * 6e306);
  assert.throws(() => fitPath(x, huge, { family: "poisson" }), (e: unknown) => e instanceof DataError && /the outcome is too large/.test(e.message));
  // Gaussian: an outcome whose variance squares, but not once summed over the rows.
  const wide = gaussianY.map((v) => v * 1.5e153);
  assert.throws(() => fitPath(x, wide), (e: unknown) => e instanceof DataError && /the outcome is too large: the outcome's variance times its 50 rows overflows/.test(e.message));
});

test("Poisson: an offset that fits every count exactly leaves nothing to fit, an error (not an empty path)", () => {
  const exposure = col((i) => Math.log(1 + (i % 4)));
  const exact = exposure.map((o) => 3 * Math.exp(o));
  assert.throws(() => fitPath(x, exact, { family: "poisson", offset: exposure }), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.column, "offset");
    assert.match(e.message, /already fits every row .*the offset alone explains the outcome/);
    return true;
  });
});

test("every family, offsets at the edges of 64-bit numbers: a fit of finite numbers or a ShrinkageError, never NaN", () => {
  const outcomes = { gaussian: gaussianY, binomial: binaryY, poisson: counts } as const;
  const values = [800, -800, 709, -709, 745, -745, 1e15, -1e15, 1e150, 1e200, 1e308, -1e308];
  for (const family of ["gaussian", "binomial", "poisson"] as const) {
    for (const v of values) {
      const cases: [string, FitOptions][] = [
        ["one row", { offset: withRow(7, v) }],
        ["every row", { offset: col((i) => v + mildOffset[i]) }],
        ["one row, weight 0", { offset: withRow(7, v), weights: col((i) => (i === 7 ? 0 : 1)) }],
        ["one row, no intercept", { offset: withRow(7, v), intercept: false }],
      ];
      for (const [label, options] of cases) {
        const what = `${family}, offset ${v} in ${label}`;
        let path: Path;
        try {
          path = fitPath(x, outcomes[family], { family, ...options });
        } catch (e) {
          assert.ok(e instanceof ShrinkageError, `${what}: ${String(e)}`);
          assert.doesNotMatch(e.message, /NaN|classes are separated/, what);
          continue;
        }
        assert.doesNotThrow(() => assertFinite(path), what);
        assert.ok(!path.warnings.some((w) => /maxit .* at the 1st λ/.test(w)), `${what}: ${path.warnings.join("; ")}`);
      }
    }
  }
});

test("Poisson: rare events (mean count under 1e-5) are fitted along the path, not stopped as 'separated classes'", () => {
  // The counts sit in rows of tiny weight, so the weighted mean count is about 2e-7.
  const weights = col((i) => (counts[i] > 0 ? 1e-7 : 1));
  const path = fitPath(x, counts, { family: "poisson", weights });
  assertFinite(path);
  assert.ok(!path.warnings.some((w) => /probabilities|classes/.test(w)), path.warnings.join("; "));
  assert.ok(path.lambda.length > 5, `${path.lambda.length} λs`);
});
