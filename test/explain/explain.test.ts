// The evidence of explain() on glmnet's reference fits: statuses, pull = price for the active ones,
// pull < price for the zeros, entry order as glmnet's path, and the special statuses on small problems.
import { test } from "node:test";
import { NoSolutionError } from "../../src/errors.js";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { cvPath } from "../../src/cv/cv.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { FULL_PRECISION_THRESH, TABLE_PRECISION, entryOf, explain, gapShows, lambdaText, pathCoefficientsAt, type Explanation } from "../../src/explain/explain.js";
import { entryHistories } from "../../src/explain/history.js";
import { columnScaling, normalizedWeights, pulls } from "../../src/explain/kkt.js";
import { describe, describeCoefficient, describeFit, num } from "../../src/explain/words.js";
import { fitPath } from "../../src/solve/path.js";
import { coef, coefficientsAt } from "../../src/solve/predict.js";
import type { FitOptions } from "../../src/solve/types.js";
import { kktViolation } from "../helpers/kkt.js";
import { randomProblem } from "../helpers/random.js";
import { REFERENCES, loadReference, referenceOptions, referenceProblem, type Reference } from "../helpers/reference.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/explain");

/** Several λs spread over the reference path (not the first: glmnet's null-model step for ridge). */
function someSteps(L: number): number[] {
  return [...new Set([1, Math.floor(L / 8), Math.floor(L / 4), Math.floor(L / 2), Math.floor((3 * L) / 4), L - 1])];
}

/** Competition ranks (1, 2, 2, 4, …) of first steps; null for never. */
function ranks(first: readonly (number | null)[]): (number | null)[] {
  const entered = first.filter((k): k is number => k !== null).sort((a, b) => a - b);
  return first.map((k) => (k === null ? null : 1 + entered.indexOf(k)));
}

/** The first step at which each of the reference's coefficients is nonzero, among its first `L` λs. */
function referenceFirstSteps(ref: Reference, L: number): (number | null)[] {
  return ref.features.map((_, j) => {
    const k = ref.coefficients.slice(0, L).findIndex((b) => b[j] !== 0);
    return k < 0 ? null : k;
  });
}

for (const name of REFERENCES) {
  const ref = loadReference(name);
  const { x, y } = referenceProblem(ref);
  const options = referenceOptions(ref);
  // thresh 1e-15: the pulls balance the prices to about √thresh of their scale (1e-13 leaves the unstandardized
  // diabetes fit at 1.4e-6 of λ_max).
  const path = fitPath(x, y, { ...options, lambda: ref.lambda, thresh: 1e-15, maxit: 1e7 });
  assert.equal(path.lambda.length, ref.lambda.length, path.warnings.join("; "));
  // The pulls' own scale: the largest pull on the model at the top of the path (λ_max·α for a plain lasso).
  const first = explain(path, { x, y }, { lambda: ref.lambda[0] });
  const pullScale = Math.max(...first.coefficients.map((c) => (c.startPull ?? 0) * c.penaltyFactor));

  test(`${name}: active exactly where glmnet's coefficient is nonzero; pull = price + ridge there, pull ≤ price at zero`, () => {
    assert.ok(pullScale > 0);
    for (const k of someSteps(ref.lambda.length)) {
      const e = explain(path, { x, y }, { lambda: ref.lambda[k] });
      assert.equal(e.source, "path");
      assert.equal(e.step, k);
      for (const c of e.coefficients) {
        const theirs = ref.coefficients[k][c.index];
        const where = `λ[${k}] = ${ref.lambda[k]}, ${c.feature}`;
        if (c.penaltyFactor === 0) {
          assert.equal(c.status, "unpenalized", where);
          assert.ok(Math.abs(c.pull) <= 1e-6 * pullScale, `${where}: unpenalized pull ${c.pull}`);
          continue;
        }
        assert.equal(c.status === "active", theirs !== 0, `${where}: status ${c.status}, glmnet β = ${theirs}`);
        if (c.status === "active") {
          const balance = c.pull - (c.price * Math.sign(c.coefficient) + c.ridge);
          assert.ok(Math.abs(balance) <= 1e-6 * pullScale, `${where}: pull ${c.pull} vs price ${c.price} + ridge ${c.ridge}`);
          assert.equal(Math.sign(c.pull), Math.sign(c.coefficient), `${where}: the pull points the way the coefficient went`);
          assert.equal(c.margin, null);
        } else {
          assert.equal(c.status, "zero", where);
          assert.ok(c.absPull < c.price + 1e-6 * pullScale, `${where}: zero but pull ${c.absPull} > price ${c.price}`);
          assert.ok(Math.abs(c.margin! - (c.price - c.absPull)) <= 1e-12 * c.price, where);
        }
      }
      assert.ok(e.kkt.maxViolation <= 1e-6 * pullScale, `λ[${k}]: KKT violation ${e.kkt.maxViolation}`);
    }
  });

  test(`${name}: the order of entry is the order in which glmnet's coefficients become nonzero`, () => {
    // The default path, as a person would explain it: its λs are glmnet's (to 1e-8) and its first step is the
    // null model by construction. (Refitted at glmnet's λ_max as a user λ, the first variable takes a
    // coefficient of 1e-15 there: the knot itself, within rounding.)
    const own = fitPath(x, y, { ...options, thresh: 1e-13 });
    const L = Math.min(own.lambda.length, ref.lambda.length);
    const e = explain(own, { x, y }, { lambda: own.lambda[L - 1] });
    // Unpenalized variables, and every variable under ridge, are nonzero at every λ: they have no entry
    // and take no part in the order.
    const enters = e.coefficients.map((c) => e.alpha > 0 && c.penaltyFactor > 0);
    const only = (steps: (number | null)[]) => steps.map((k, j) => (enters[j] ? k : null));
    const ours = e.coefficients.map((c) => (c.history.firstStep !== null && c.history.firstStep < L ? c.history.firstStep : null));
    assert.deepEqual(ranks(only(ours)), ranks(only(referenceFirstSteps(ref, L))));
    if (own.lambda.length <= ref.lambda.length) assert.deepEqual(e.coefficients.map((c) => c.history.entryOrder), ranks(only(referenceFirstSteps(ref, L))));
    for (const c of e.coefficients) {
      if (!enters[c.index]) {
        if (c.history.firstStep !== null) assert.equal(c.entry.kind, "free", c.feature);
        assert.equal(c.history.entryOrder, null);
      }
      if (c.history.firstStep === null) continue;
      assert.equal(c.history.firstLambda, own.lambda[c.history.firstStep]);
    }
  });
}

test("diabetes lasso converged hard: pull = price within 1e-6 of the price itself, at every λ", () => {
  const ref = loadReference("diabetes_lasso");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y, { lambda: ref.lambda, thresh: 1e-20, maxit: 1e7 });
  for (let k = 1; k < ref.lambda.length; k += 7) {
    const e = explain(path, { x, y }, { lambda: ref.lambda[k] });
    for (const c of e.coefficients) {
      if (c.status === "active") assert.ok(Math.abs(c.absPull / c.price - 1) < 1e-6, `λ[${k}] ${c.feature}: ${c.absPull} vs ${c.price}`);
      else assert.ok(c.absPull < c.price, `λ[${k}] ${c.feature}`);
    }
  }
});

test("the pulls agree with the KKT helper's independent computation", () => {
  for (const name of ["diabetes_enet05", "quickstart_noint", "glmnet_binomial_enet"]) {
    const ref = loadReference(name);
    const { x, y } = referenceProblem(ref);
    const options = referenceOptions(ref);
    const path = fitPath(x, y, { ...options, lambda: ref.lambda, thresh: 1e-13 });
    const k = Math.floor(ref.lambda.length / 2);
    const e = explain(path, { x, y }, { lambda: ref.lambda[k] });
    // Finite stand-ins for "no bound": the helper's on-bound test treats ±Infinity as a bound every coefficient sits on.
    const far = ref.features.map(() => 1e300);
    const helper = kktViolation(x, y, ref.family, {
      alpha: ref.options.alpha, lambda: ref.lambda[k], standardize: ref.options.standardize, intercept: ref.options.intercept,
      lower: far.map((v) => -v), upper: far,
    }, e.intercept, coefficientsAt(path, k));
    assert.ok(Math.abs(e.kkt.maxViolation / e.outcomeScale - helper) <= 1e-12 + 1e-6 * helper, `${name}: ${e.kkt.maxViolation / e.outcomeScale} vs helper ${helper}`);
  }
});

test("a λ between fitted λs is refitted exactly: pull = price holds where interpolation would break it", () => {
  // Elastic net: its path is curved in λ (the lasso's is piecewise linear, so interpolation there is exact between knots).
  const ref = loadReference("diabetes_enet05");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y, { alpha: 0.5, thresh: 1e-13 });
  const lambda = Math.sqrt(path.lambda[9] * path.lambda[10]);
  const e = explain(path, { x, y }, { lambda });
  assert.equal(e.source, "refit");
  assert.equal(e.step, null);
  assert.match(e.notes.join(" "), /refitted exactly/);
  const scale = path.lambda[0];
  assert.ok(e.kkt.maxViolation < 1e-5 * scale, `refit violation ${e.kkt.maxViolation}`);
  // The interpolated coefficients are not a solution at λ: their KKT violation is far larger.
  const interp = coef(path, lambda);
  const ip = pulls(x, y, { family: "gaussian", standardize: true, intercept: true }, interp.intercept, interp.beta);
  const scaling = columnScaling(x, normalizedWeights(x.n), { standardize: true, intercept: true });
  const sy = e.outcomeScale;
  const worst = Math.max(...Array.from(ip, (g, j) => {
    const bt = interp.beta[j] * scaling.scale[j];
    return bt !== 0 ? Math.abs(g - 0.5 * lambda * Math.sign(bt) - (0.5 * lambda * bt) / sy) : Math.max(0, Math.abs(g) - 0.5 * lambda);
  }));
  assert.ok(scaling.constant.every((c) => c === 0));
  assert.ok(worst > 100 * e.kkt.maxViolation, `interpolated violation ${worst} vs refit ${e.kkt.maxViolation}`);
});

test("lambdaMin and lambda1se come from the cross-validation; without it they are an error", () => {
  const ref = loadReference("diabetes_lasso");
  const { x, y } = referenceProblem(ref);
  const cv = cvPath(x, y, { nfolds: 5, seed: 3 });
  const a = explain(cv.path, { x, y }, { lambda: "lambdaMin", cv });
  const b = explain(cv.path, { x, y }, { lambda: "lambda1se", cv });
  assert.equal(a.lambda, cv.lambdaMin);
  assert.equal(a.lambdaLabel, "lambdaMin");
  assert.equal(a.step, cv.indexMin);
  assert.equal(b.lambda, cv.lambda1se);
  assert.equal(b.step, cv.index1se);
  assert.equal(a.df, cv.nzero[cv.indexMin]);
  assert.throws(() => explain(cv.path, { x, y }, { lambda: "lambdaMin" }), /needs a cross-validation result/);
  assert.throws(() => explain(cv.path, { x, y }, { lambda: -1 }), /lambda must be/);
});

test("statuses: unpenalized, excluded, constant, at-bound, zero and active on one problem", () => {
  const { x: x0, y } = randomProblem(11, 120, 8, { rho: 0.3 });
  const cols = Array.from({ length: 8 }, (_, j) => x0.data.subarray(j * 120, (j + 1) * 120));
  const constant = new Float64Array(120).fill(3.5);
  const x = modelMatrix([...x0.names, "const"], [...cols, constant]);
  const options: FitOptions = {
    penaltyFactor: [0, 1, 1, 1, 1, 1, 1, 1, 1],
    exclude: ["x4"],
    upperLimits: [Infinity, Infinity, Infinity, Infinity, Infinity, 0, Infinity, Infinity, Infinity],
    lowerLimits: [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -0.01, -Infinity, -Infinity],
    thresh: 1e-14,
  };
  const path = fitPath(x, y, options);
  const k = Math.floor(path.lambda.length / 2);
  const e = explain(path, { x, y }, { lambda: path.lambda[k] });
  const by = (f: string) => e.coefficients.find((c) => c.feature === f)!;
  assert.equal(by("x1").status, "unpenalized");
  assert.notEqual(by("x1").coefficient, 0);
  assert.equal(by("x4").status, "excluded");
  assert.equal(by("x4").coefficient, 0);
  assert.equal(by("x4").price, Infinity);
  assert.equal(by("const").status, "constant");
  assert.equal(by("const").pull, 0);
  // The penalty factors are rescaled over all 9 (the excluded one counted as 1), as glmnet does.
  assert.ok(Math.abs(by("x2").penaltyFactor - 9 / 8) < 1e-15);
  assert.ok(e.kkt.maxViolation < 1e-6 * path.lambda[0], `violation ${e.kkt.maxViolation}`);
  for (const c of e.coefficients) {
    if (c.status === "at-bound") {
      assert.ok(c.bound !== null);
      const value = c.bound.side === "upper" ? options.upperLimits as number[] : options.lowerLimits as number[];
      assert.ok(Math.abs(c.coefficient - value[c.index]) <= 1e-9 * Math.abs(value[c.index]) || (value[c.index] === 0 && c.coefficient === 0));
      // The data push past the bound: more pull than price in its direction.
      assert.ok(c.bound.side === "upper" ? c.pull > c.price * Math.sign(c.coefficient || 1) + c.ridge : c.pull < -c.price + c.ridge);
    }
  }
  // Across the path, the bounds bind somewhere (x6 ≤ 0 and x7 ≥ −0.01 against the data's wish).
  const seen = new Set(Array.from(path.lambda, (lambda) => explain(path, { x, y }, { lambda }).coefficients.map((c) => c.status)).flat());
  for (const s of ["active", "zero", "at-bound", "unpenalized", "excluded", "constant"]) assert.ok(seen.has(s as never), `status ${s} never seen`);
});

test("the entry history records exits, re-entries and sign changes with their λ", () => {
  const path = {
    features: ["a", "b", "c"],
    lambda: Float64Array.from([5, 4, 3, 2, 1]),
    beta: [
      { index: Int32Array.from([]), value: Float64Array.from([]) },
      { index: Int32Array.from([1]), value: Float64Array.from([0.5]) },
      { index: Int32Array.from([0, 1]), value: Float64Array.from([-1, 0.7]) },
      { index: Int32Array.from([0]), value: Float64Array.from([1]) },
      { index: Int32Array.from([0, 1]), value: Float64Array.from([1.2, -0.1]) },
    ],
  };
  const [a, b, c] = entryHistories(path);
  assert.deepEqual([a.firstLambda, a.entryOrder, b.firstLambda, b.entryOrder, c.firstLambda, c.entryOrder], [3, 2, 4, 1, null, null]);
  assert.deepEqual(a.events.map((ev) => [ev.kind, ev.lambda]), [["sign-change", 2]]);
  assert.deepEqual(b.events.map((ev) => [ev.kind, ev.lambda, ev.sign]), [["exit", 2, 0], ["enter", 1, -1]]);
  assert.equal(c.inAtEnd, false);
  assert.equal(b.inAtEnd, true);
});

test("competing correlated features: one kept and one dropped is reported with their correlation", () => {
  // Two near copies of one signal: the lasso keeps one of them.
  const n = 200;
  const { x: base, y } = randomProblem(5, n, 4, { rho: 0 });
  const z = base.data.subarray(0, n);
  const twin = Float64Array.from(z, (v, i) => v + 0.05 * Math.sin(i * 1.7));
  const x = modelMatrix([...base.names, "twin"], [...Array.from({ length: 4 }, (_, j) => base.data.subarray(j * n, (j + 1) * n)), twin]);
  const path = fitPath(x, y, { thresh: 1e-13 });
  let found: Explanation | null = null;
  for (let k = 1; k < path.lambda.length && !found; k++) {
    const e = explain(path, { x, y }, { lambda: path.lambda[k] });
    if (e.competitors.some((p) => p.kind === "one-kept")) found = e;
  }
  assert.ok(found, "some λ keeps one twin and drops the other");
  const pair = found.competitors.find((p) => p.kind === "one-kept")!;
  assert.deepEqual(new Set([pair.a, pair.b]), new Set(["x1", "twin"]));
  const kept = found.coefficients.find((c) => c.feature === pair.a)!;
  const dropped = found.coefficients.find((c) => c.feature === pair.b)!;
  assert.notEqual(kept.coefficient, 0);
  assert.equal(dropped.status, "zero");
  assert.ok(pair.correlation > 0.99);
});

test("with weights and an offset (gaussian and Poisson), pull = price holds from the data alone", () => {
  for (const family of ["gaussian", "poisson"] as const) {
    const n = 160;
    const { x, y } = randomProblem(31, n, 10, { rho: 0.5, family });
    const weights = Array.from({ length: n }, (_, i) => 0.5 + (i % 4));
    const offset = Array.from({ length: n }, (_, i) => 0.2 * Math.cos(i));
    const path = fitPath(x, y, { family, weights, offset, alpha: 0.7, thresh: 1e-15, maxit: 1e7 });
    const scale = path.lambda[0] * 0.7;
    for (const k of [5, 20, path.lambda.length - 1]) {
      const e = explain(path, { x, y, weights, offset }, { lambda: path.lambda[k] });
      assert.ok(e.kkt.maxViolation < 1e-6 * scale, `${family} λ[${k}]: violation ${e.kkt.maxViolation} vs scale ${scale}`);
      assert.ok(e.coefficients.some((c) => c.status === "active"));
    }
    // Forgetting the weights is not silently explained: the same solution then violates its conditions.
    const k = 20;
    const wrong = explain(path, { x, y, offset }, { lambda: path.lambda[k] });
    assert.ok(wrong.kkt.maxViolation > 1e-3 * scale, `${family}: unweighted violation ${wrong.kkt.maxViolation}`);
    assert.throws(() => explain(path, { x, y, weights }, { lambda: path.lambda[k] }), /fitted with an offset/);
  }
});

test("a path fitted with relax: each survivor's relaxed value and the share the penalty took away", () => {
  const ref = loadReference("diabetes_lasso");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y, { relax: true });
  const k = 15;
  const e = explain(path, { x, y }, { lambda: path.lambda[k] });
  assert.equal(e.relaxedAvailable, true);
  const relaxed = coef(path, path.lambda[k], { gamma: 0 }).beta;
  for (const c of e.coefficients) {
    assert.equal(c.relaxed, relaxed[c.index]);
    if (c.status === "active") assert.ok(Math.abs(c.shrunkFraction! - (1 - c.coefficient / relaxed[c.index])) < 1e-15);
    else assert.equal(c.shrunkFraction, null);
  }
  // Off the path the refit is relaxed too.
  const off = explain(path, { x, y }, { lambda: Math.sqrt(path.lambda[k] * path.lambda[k + 1]) });
  assert.equal(off.source, "refit");
  assert.equal(off.relaxedAvailable, true);
  const survivors = off.coefficients.filter((c) => c.status === "active");
  assert.ok(survivors.length > 0 && survivors.every((c) => c.relaxed !== null && c.relaxed !== 0));
  // Without relax there is nothing to compare with.
  assert.equal(explain(fitPath(x, y), { x, y }, { lambda: path.lambda[k] }).relaxedAvailable, false);
});

/** A CSV of test/fixtures/explain (inputs found by exploratory testing) as a design. */
function fixture(name: string, target = "y") {
  return buildDesign(parseCsv(readFileSync(join(FIXTURES, `${name}.csv`), "utf8")), { target });
}

test("at λ = 0 rounding noise is measured against a floor of the null model's pulls, not the vanishing pulls at the solution", () => {
  for (const name of ["single", "collin"]) {
    const { x, y } = fixture(name);
    const path = fitPath(x, y);
    const e = explain(path, { x, y }, { lambda: 0 });
    // A default lasso path starts at λ_max = max |pull on the null model| / (α·v_j); here every v_j is 1,
    // and the pulls at λ = 0 are ~0, so the scale is its floor, a thousandth of λ_max.
    assert.ok(Math.abs(e.kkt.scale / (1e-3 * path.lambda[0]) - 1) < 1e-9, `${name}: scale ${e.kkt.scale} vs λ_max ${path.lambda[0]}`);
    assert.ok(e.kkt.relative < 1e-9, `${name}: relative violation ${e.kkt.relative}`);
    assert.doesNotMatch(describeFit(e), /Caution|not converged/);
  }
});

test("a λ off the path is refitted to full precision, not to the path's thresh", () => {
  const ref = loadReference("diabetes_lasso");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y);
  const lambda = Math.sqrt(path.lambda[20] * path.lambda[21]);
  const e = explain(path, { x, y }, { lambda });
  assert.equal(e.source, "refit");
  const precise = fitPath(x, y, { lambda: [lambda], thresh: 1e-14, maxit: 1e7 });
  assert.deepEqual(e.coefficients.map((c) => c.coefficient), Array.from(coefficientsAt(precise, 0)));
  assert.match(e.notes.join(" "), /full precision \(thresh 1e-14\)/);
});

test("the evidence carries the thresh its solution reached, and the feature most correlated with the worst KKT gap; a refit whose gap shows does not claim full precision", () => {
  const ref = loadReference("diabetes_lasso");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y);
  const onPath = explain(path, { x, y }, { lambda: path.lambda[20] });
  assert.equal(onPath.thresh, onPath.refined ? FULL_PRECISION_THRESH : path.settings.thresh);
  // λ = 0: s1 and s2 (r ≈ 0.9) leave coordinate descent a gap at thresh 1e-14 that a 4-digit table shows.
  const e = explain(path, { x, y }, { lambda: 0 });
  assert.equal(e.source, "refit");
  assert.equal(e.thresh, FULL_PRECISION_THRESH);
  assert.ok(gapShows(e.kkt.maxViolation, e.kkt.scale), `${e.kkt.relative}`);
  assert.equal(gapShows(e.kkt.maxViolation, e.kkt.scale), e.kkt.relative > TABLE_PRECISION);
  assert.match(e.notes.join(" "), /to thresh 1e-14, which still leaves a KKT gap the table shows/);
  assert.match(e.notes[0], /^λ = 0 is not a fitted λ of the path/);
  assert.doesNotMatch(e.notes.join(" "), /full precision/);
  // The partner: the other feature in the model with the largest |r| with the worst one, by plain Pearson r.
  const col = (j: number) => Array.from(x.data.subarray(j * x.n, (j + 1) * x.n));
  const r = (a: number[], b: number[]) => {
    const ma = a.reduce((s, v) => s + v, 0) / a.length, mb = b.reduce((s, v) => s + v, 0) / b.length;
    let sab = 0, saa = 0, sbb = 0;
    for (let i = 0; i < a.length; i++) [sab, saa, sbb] = [sab + (a[i] - ma) * (b[i] - mb), saa + (a[i] - ma) ** 2, sbb + (b[i] - mb) ** 2];
    return sab / Math.sqrt(saa * sbb);
  };
  const worst = x.names.indexOf(e.kkt.feature!);
  const others = e.coefficients.filter((c) => c.index !== worst && c.coefficient !== 0).map((c) => ({ feature: c.feature, correlation: r(col(worst), col(c.index)) }));
  const expected = others.reduce((a, b) => (Math.abs(b.correlation) > Math.abs(a.correlation) ? b : a));
  assert.equal(e.kkt.correlated!.feature, expected.feature);
  assert.ok(Math.abs(e.kkt.correlated!.correlation - expected.correlation) <= 1e-12);
});

test("λ in a note has its significant digits and no padding", () => {
  for (const [v, text] of [[0, "0"], [1e-7, "1e-7"], [0.1398441234, "0.139844"], [123456789, "123457000"]] as const) assert.equal(lambdaText(v), text);
});

test("an active coefficient is never said to enter later: entry lies between the last zero and the first nonzero λ", () => {
  // One variable: it defines λ_max, so it enters exactly at the path's first λ; between the first two fitted
  // λs it is already in.
  const single = fixture("single");
  const sp = fitPath(single.x, single.y);
  const between = Math.sqrt(sp.lambda[0] * sp.lambda[1]);
  const s = explain(sp, single, { lambda: between }).coefficients[0];
  assert.notEqual(s.coefficient, 0);
  assert.deepEqual(s.entry, { kind: "at", lambda: sp.lambda[0] });
  assert.equal(s.history.firstLambda, sp.lambda[1]);

  // On diabetes, a λ between a variable's last zero and first nonzero fitted λ narrows the bracket from the side it falls on.
  const ref = loadReference("diabetes_lasso");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y);
  const later = explain(path, { x, y }, { lambda: path.lambda[path.lambda.length - 1] }).coefficients.filter((c) => (c.history.firstStep ?? 0) >= 2);
  assert.ok(later.length > 0);
  for (const h of later.map((c) => c.history)) {
    const lambda = Math.sqrt(h.lastZeroLambda! * h.firstLambda!);
    const e = explain(path, { x, y }, { lambda });
    for (const c of e.coefficients) {
      if (c.history.firstStep !== h.firstStep) continue;
      const line = describeCoefficient(c, e);
      if (c.coefficient !== 0) {
        assert.deepEqual(c.entry, { kind: "between", upper: h.lastZeroLambda, lower: lambda }, c.feature);
        assert.doesNotMatch(line, /enters further down/);
        assert.ok(line.includes(`entered between λ = ${num(h.lastZeroLambda!)} and ${num(lambda)} (this λ)`), line);
      } else {
        assert.deepEqual(c.entry, { kind: "between", upper: lambda, lower: h.firstLambda }, c.feature);
        assert.ok(line.includes(`enters further down the path, between λ = ${num(lambda)} (this λ) and ${num(h.firstLambda!)}`), line);
      }
    }
  }
});

test("unpenalized variables are in at every λ and take no part in the order of entry; the first to enter is first", () => {
  const { x, y } = fixture("cat");
  const penaltyFactor = x.names.map((f) => (f.startsWith("grp=") ? 0 : 1));
  const path = fitPath(x, y, { penaltyFactor });
  for (const lambda of [0.1, path.lambda[path.lambda.length - 1]]) {
    const e = explain(path, { x, y }, { lambda });
    for (const c of e.coefficients) {
      const line = describeCoefficient(c, e);
      if (c.status === "unpenalized") {
        assert.deepEqual(c.entry, { kind: "free", reason: "unpenalized" });
        assert.equal(c.history.entryOrder, null);
        assert.match(line, /in the model at every λ/);
        assert.doesNotMatch(line, /enter(s|ed) /);
      }
    }
    const penalized = e.coefficients.filter((c) => c.status !== "unpenalized" && c.history.firstStep !== null);
    const earliest = penalized.reduce((m, c) => Math.min(m, c.history.firstStep!), Infinity);
    const firsts = penalized.filter((c) => c.history.firstStep === earliest);
    for (const c of firsts) {
      assert.equal(c.history.entryOrder, 1, c.feature);
      assert.match(describeCoefficient(c, e), /\(1st to enter\)/);
    }
    assert.match(describeFit(e), new RegExp(`${firsts.map((c) => c.feature).join(" and ")} entered (first|together)`));
  }
});

test("ridge has no entry: every coefficient is nonzero at every λ, and the words say so", () => {
  const ref = loadReference("diabetes_ridge");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y, { alpha: 0 });
  for (const lambda of [1e7, path.lambda[0], path.lambda[40]]) {
    const e = explain(path, { x, y }, { lambda });
    for (const c of e.coefficients) {
      assert.notEqual(c.coefficient, 0);
      assert.deepEqual(c.entry, { kind: "free", reason: "ridge" });
      assert.equal(c.history.entryOrder, null);
      const line = describeCoefficient(c, e);
      assert.match(line, /With α = 0 it has no entry/);
      assert.doesNotMatch(line, /enter(s|ed) (at|between|further)/);
    }
    const text = describeFit(e);
    assert.doesNotMatch(text, /entered (first|together)|worth its price/);
    assert.match(text, /Nor is there an order of entry/);
  }
});

test("p > n at the last λ: the history is the path's, and where the refined solution disagrees with it the words say so", () => {
  const { x, y } = fixture("pgtn");
  const path = fitPath(x, y);
  const last = path.lambda.length - 1;
  const e = explain(path, { x, y }, { lambda: path.lambda[last] });
  assert.equal(e.refined, true, "the path's last solution is not converged enough to be read off as it is");
  assert.equal(e.pathDf, path.df[last]);
  assert.equal(e.pathThresh, path.settings.thresh);
  const onPath = coefficientsAt(path, last);
  const differ = e.coefficients.filter((c) => (onPath[c.index] === 0) !== (c.coefficient === 0));
  assert.ok(differ.length > 0, "this design's path lets a variable in that the refined solution drops");
  for (const c of e.coefficients) {
    const line = describeCoefficient(c, e);
    if (!differ.includes(c)) {
      assert.equal(c.pathDiffers, null, c.feature);
      assert.doesNotMatch(line, /On the path as fitted/);
      continue;
    }
    assert.deepEqual(c.pathDiffers, { pathCoefficient: onPath[c.index], thresh: path.settings.thresh });
    assert.ok(line.includes(`On the path as fitted (to thresh ${num(path.settings.thresh)})`), line);
    assert.match(line, c.coefficient === 0 ? /it is zero: the path's tolerance let it in/ : /it is nonzero: the path's tolerance kept it out/);
    // The path's own story (in at its end, or "came back") comes only with that note.
    if (c.coefficient === 0) assert.equal(c.history.inAtEnd, true);
  }
  const text = describeFit(e);
  assert.ok(text.includes(`The path as fitted (to thresh ${num(path.settings.thresh)}) has ${path.df[last]} nonzero at this λ`), text);
  for (const c of differ) assert.ok(text.includes(c.feature), c.feature);
});

test("a relaxed fit on collinear active columns is not unique: no shrinkage percentages are read from it", () => {
  const { x, y } = fixture("collin");
  for (const alpha of [1, 0]) {
    const path = fitPath(x, y, { alpha, relax: true });
    const e = explain(path, { x, y }, { lambda: 0.1 });
    assert.equal(e.relaxedAvailable, true);
    const active = e.coefficients.filter((c) => c.coefficient !== 0);
    assert.equal(active.length, 3, `α = ${alpha}: a, a2 and b are all nonzero (a2 perhaps at rounding level)`);
    assert.deepEqual(e.relaxedNotUnique, { rank: 2, active: 3, collinear: ["a", "a2"] });
    for (const c of e.coefficients) assert.equal(c.shrunkFraction, null, c.feature);
    const words = describe(e);
    assert.match(words.fit, /The relaxed fit \(the same variables refitted without penalty\) is not unique here: the 3 active columns have rank 2: a and a2 are collinear/);
    assert.doesNotMatch(words.fit, /the penalty takes/);
    for (const line of words.coefficients) assert.doesNotMatch(line, /the penalty took|further from zero than the relaxed/);
  }
  // Full-rank active columns: the relaxed fit is unique and read as before.
  const ref = loadReference("diabetes_lasso");
  const d = referenceProblem(ref);
  const path = fitPath(d.x, d.y, { relax: true });
  const e = explain(path, d, { lambda: path.lambda[15] });
  assert.equal(e.relaxedNotUnique, null);
  assert.ok(e.coefficients.some((c) => c.shrunkFraction !== null));
});

test("entryOf: the grid's bracket, narrowed by an off-path λ from the side it falls on; exact at the top; none when free", () => {
  const h = (firstStep: number | null, lambdas: number[]) => ({
    firstStep, firstLambda: firstStep === null ? null : lambdas[firstStep], lastZeroLambda: firstStep ? lambdas[firstStep - 1] : null,
    entryOrder: firstStep === null ? null : 1, events: [], inAtEnd: firstStep !== null,
  });
  const grid = [8, 4, 2, 1];
  const at = { lambda: 3, nonzero: true, onPath: false, lastLambda: 1, meetsPriceAt: null, free: null } as const;
  assert.deepEqual(entryOf(h(2, grid), at), { kind: "between", upper: 4, lower: 3 });
  assert.deepEqual(entryOf(h(2, grid), { ...at, nonzero: false }), { kind: "between", upper: 3, lower: 2 });
  assert.deepEqual(entryOf(h(2, grid), { ...at, lambda: 4, onPath: true, nonzero: false }), { kind: "between", upper: 4, lower: 2 });
  assert.deepEqual(entryOf(h(1, grid), { ...at, meetsPriceAt: 8 }), { kind: "at", lambda: 8 });
  assert.deepEqual(entryOf(h(0, grid), { ...at, lambda: 9 }), { kind: "between", upper: null, lower: 9 });
  assert.deepEqual(entryOf(h(null, grid), { ...at, lambda: 0.5 }), { kind: "between", upper: 1, lower: 0.5 });
  assert.deepEqual(entryOf(h(null, grid), { ...at, lambda: 0.5, nonzero: false }), { kind: "never" });
  assert.deepEqual(entryOf(h(0, grid), { ...at, free: "unpenalized" }), { kind: "free", reason: "unpenalized" });
});

test("pathCoefficientsAt: the step's values on the path; between fitted λs only where both agree on zero", () => {
  const ref = loadReference("diabetes_lasso");
  const { x, y } = referenceProblem(ref);
  const path = fitPath(x, y);
  const k = 12;
  assert.deepEqual(pathCoefficientsAt(path, path.lambda[k], k), Array.from(coefficientsAt(path, k)));
  const a = coefficientsAt(path, k - 1), b = coefficientsAt(path, k);
  const lambda = Math.sqrt(path.lambda[k - 1] * path.lambda[k]);
  const between = pathCoefficientsAt(path, lambda, -1);
  const interpolated = coef(path, lambda).beta;
  for (let j = 0; j < x.p; j++) assert.equal(between[j], (a[j] === 0) === (b[j] === 0) ? interpolated[j] : null, x.names[j]);
  assert.ok(between.some((v) => v === null) || a.every((v, j) => (v === 0) === (b[j] === 0)));
  assert.ok(pathCoefficientsAt(path, 2 * path.lambda[0], -1).every((v) => v === null));
  assert.ok(pathCoefficientsAt(path, path.lambda[path.lambda.length - 1] / 2, -1).every((v) => v === null));
});

test("a nearly separated binomial fit at a small λ is explained, not a failed refit: warm starts down the path, else the path's thresh", () => {
  // Cold-started at one small λ, IRLS runs out of passes (the coefficients are large); the path reached
  // the same λ from its warm starts.
  const { x, y } = randomProblem(14, 60, 30, { rho: 0.8, family: "binomial" });
  const path = fitPath(x, y, { family: "binomial" });
  assert.throws(() => fitPath(x, y, { family: "binomial", lambda: [path.lambda[64]] }), NoSolutionError, "the cold start fails: the case still tests something");
  for (const lambda of [path.lambda[64], Math.sqrt(path.lambda[66] * path.lambda[67])]) {
    const e = explain(path, { x, y }, { lambda });
    assert.equal(e.lambda, lambda);
    assert.ok(e.coefficients.some((c) => c.coefficient !== 0));
    assert.ok(Number.isFinite(e.kkt.maxViolation));
    assert.ok(!gapShows(e.kkt.maxViolation, e.kkt.scale) || e.thresh >= path.settings.thresh, `a gap ${e.kkt.relative} shows only where the path's thresh was kept`);
  }
});
