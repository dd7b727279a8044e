// The relaxed Cox fit (glmnet(family = "cox", relax = TRUE)) against glmnet 4.1-6 on test/fixtures/cox/survival.csv
// (ties, weights and offset, strata, (start, stop] rows): penalized and relaxed coefficients at every λ, and
// predictions blending them by γ. Fixture and the R script that made it: test/fixtures/relax_cox/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt, predict } from "../../src/solve/predict.js";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import type { FitOptions, Path } from "../../src/solve/types.js";

interface FitCase {
  case: string; options: { weights?: string; offset?: string; strata?: string; start?: string }; alpha: number;
  lambda: number[]; beta: number[][]; relaxedBeta: number[][]; devRatio: number[]; relaxedDevRatio: number[]; relaxedLambda: number[];
  predictAt: number[]; predictLink: number[][][]; predictResponse: number[][][];
}
interface Separable { names: string[]; x: number[][]; time: number[]; lambda: number[]; beta: number[][]; relaxedBeta: number[][]; relaxedDevRatio: number[] }
const fixture = JSON.parse(readFileSync(new URL("../fixtures/relax_cox/relax_cox.json", import.meta.url), "utf8")) as { gamma: number[]; fits: FitCase[]; separable: Separable };

/** The columns of test/fixtures/cox/survival.csv by name. */
function survivalCsv(): (name: string) => Float64Array {
  const lines = readFileSync(new URL("../fixtures/cox/survival.csv", import.meta.url), "utf8").trim().split(/\r?\n/);
  const names = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
  const cols = names.map((_, j) => Float64Array.from(lines.slice(1), (l) => Number(l.split(",")[j])));
  return (name) => cols[names.indexOf(name)];
}
const sv = survivalCsv();
const NAMES = ["v1", "v2", "v3", "v4", "v5", "v6"];
const x = modelMatrix(NAMES, NAMES.map(sv));
const time = sv("time");

/** fitPath's options for a case: the survival outcome and its weights, offset, strata, start times. */
function optionsOf(c: { options: FitCase["options"]; alpha: number }): FitOptions {
  const o = c.options;
  return {
    family: "cox", alpha: c.alpha, thresh: 1e-14, maxit: 1e7,
    survival: { status: sv("status"), strata: o.strata ? sv(o.strata) : undefined, start: o.start ? sv(o.start) : undefined },
    weights: o.weights ? sv(o.weights) : undefined, offset: o.offset ? sv(o.offset) : undefined,
  };
}

/** The first rows of x, as predict's newX. */
function firstRows(m: ModelMatrix, count: number): ModelMatrix {
  return modelMatrix(m.names, Array.from({ length: m.p }, (_, j) => Array.from(m.data.subarray(j * m.n, j * m.n + count))));
}

/** The largest |a − b| relative to the largest |b| (at least 1). */
function gap(a: ArrayLike<number>, b: readonly number[]): number {
  const scale = Math.max(1, ...b.map(Math.abs));
  return Math.max(...b.map((v, i) => Math.abs(a[i] - v))) / scale;
}

test("the fixture has the cases it was made with, so none can go missing unnoticed", () => {
  assert.deepEqual(fixture.fits.map((c) => c.case), ["ties", "ties_enet_weights_offset", "strata", "start_stop"]);
});

/** glmnet's blend.relaxed floor on γ (its epsilon), applied by its predict and coef of a relaxed fit. */
const GLMNET_GAMMA_FLOOR = 1e-5;

/**
 * How close the relaxed coefficients and predictions must be. On (start, stop] rows both glmnet's cox.path
 * and Shrinkage stop ~2e-8 short of the unpenalized optimum (survival::coxph, ties = "breslow", eps 1e-14,
 * reaches a score statistic of 5e-30 there; glmnet's and Shrinkage's refits 1.1e-13 and 1.7e-13), so
 * they agree with each other to ~3e-8 only.
 */
const TOLERANCE: Record<string, number> = { ties: 1e-8, ties_enet_weights_offset: 1e-8, strata: 1e-8, start_stop: 1e-7 };

const fitted = new Map<string, Path>();
const fitOf = (c: FitCase) => fitted.get(c.case) ?? fitted.set(c.case, fitPath(x, time, { ...optionsOf(c), relax: true })).get(c.case)!;

for (const c of fixture.fits) {
  test(`${c.case}: the relaxed coefficients and dev.ratio at every λ are glmnet(relax = TRUE)'s`, () => {
    const path = fitOf(c);
    assert.equal(path.lambda.length, c.lambda.length, "number of λs");
    // Every λ was refitted (glmnet keeps them all: no active set passes maxp here).
    assert.equal(c.relaxedLambda.length, c.lambda.length);
    const r = path.relaxed!;
    assert.ok(r.refitted.every((v) => v === 1), "every λ refitted");
    assert.ok(r.intercept.every((v) => v === 0), "a Cox fit has no intercept");
    for (let k = 0; k < c.lambda.length; k++) {
      assert.ok(Math.abs(path.lambda[k] / c.lambda[k] - 1) < 1e-10, `λ[${k}]`);
      const pen = coefficientsAt(path, k);
      assert.ok(gap(pen, c.beta[k]) < 1e-7, `λ[${k}]: penalized β off by ${gap(pen, c.beta[k])}`);
      const rel = coefficientsAt({ features: path.features, beta: r.beta }, k);
      assert.ok(gap(rel, c.relaxedBeta[k]) < TOLERANCE[c.case], `λ[${k}]: relaxed β off by ${gap(rel, c.relaxedBeta[k])}`);
      // The same active set as the penalized fit: a refit never adds or drops a variable.
      assert.deepEqual(Array.from(r.beta[k].index), Array.from(path.beta[k].index), `λ[${k}]: active set`);
      assert.ok(Math.abs(r.devRatio[k] - c.relaxedDevRatio[k]) < 1e-9, `λ[${k}]: relaxed devRatio ${r.devRatio[k]} vs ${c.relaxedDevRatio[k]}`);
    }
  });

  test(`${c.case}: predictions blending penalized and relaxed by γ are glmnet's (link and relative risk)`, () => {
    const path = fitOf(c);
    const newX = firstRows(x, 5);
    const off = optionsOf(c).offset;
    fixture.gamma.forEach((g, gi) => {
      c.predictAt.forEach((s, si) => {
        for (const [type, ref] of [["link", c.predictLink], ["response", c.predictResponse]] as const) {
          // glmnet's predict.relaxed blends with max(γ, 1e-5): its γ = 0 keeps 1e-5 of the penalized fit, Shrinkage's does not.
          const ours = predict(path, newX, s, { gamma: Math.max(g, GLMNET_GAMMA_FLOOR), type, offset: off && Array.from(off).slice(0, 5) });
          const theirs = ref[gi][si];
          const worst = Math.max(...theirs.map((v, i) => Math.abs(ours[i] - v) / Math.max(1, Math.abs(v))));
          assert.ok(worst < TOLERANCE[c.case], `γ = ${g}, s = ${s}, ${type}: off by ${worst}`);
        }
      });
    });
  });
}

test("a refit without a finite solution is not relaxed, with a warning naming glmnet's empty model there", () => {
  const s = fixture.separable;
  const xs = modelMatrix(s.names, s.x);
  const path = fitPath(xs, s.time, { family: "cox", relax: true, thresh: 1e-14, survival: { status: s.time.map(() => 1) } });
  assert.equal(path.lambda.length, s.lambda.length);
  const r = path.relaxed!;
  // glmnet's relaxed fit is the empty model at every λ with V1 active (coxnet's "Numerical error"): Shrinkage's is not.
  const withV1 = s.beta.map((b, k) => (b[0] !== 0 ? k : -1)).filter((k) => k >= 0);
  assert.ok(withV1.length > 1);
  for (const k of withV1) {
    assert.ok(s.relaxedBeta[k].every((v) => v === 0) && s.relaxedDevRatio[k] === 0, `glmnet's relaxed fit at λ[${k}] is empty`);
    assert.equal(r.refitted[k], 0, `λ[${k}] not refitted`);
    assert.deepEqual(coefficientsAt({ features: path.features, beta: r.beta }, k), coefficientsAt(path, k), `λ[${k}]: the penalized β kept`);
  }
  // The null model at λ_max is refitted (nothing to diverge).
  assert.equal(r.refitted[0], 1);
  const notes = path.warnings.filter((w) => /no finite solution/.test(w));
  assert.equal(notes.length, 1, path.warnings.join("\n"));
  assert.match(notes[0], new RegExp(`^${withV1.length} λs \\(λ = .* to .*\\): the unpenalized Cox fit .* glmnet 4\\.1-6 gives an empty model there`));
});
