// The multi-response explanation of fits with coefficient limits (lowerLimits/upperLimits), on
// test/fixtures/multi/limits.R's data: a coefficient held at a limit is "at-bound" with its side and value,
// its condition one-sided (the pull may pass the price in the direction the limit blocks), so the largest
// KKT violation stays at the solver's precision; grouped fits check the free coefficients' own condition
// (the block's length taking in the held ones); the words name the limit; refits inside explain (exact λ,
// drop costs) keep the limits.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { modelMatrix } from "../../src/data/matrix.js";
import { explainMulti, type MultiExplanation, type MultiVariableEvidence } from "../../src/explain/multi.js";
import { explainMultiAt } from "../../src/explain/multi-at.js";
import { multiDropCosts } from "../../src/explain/multi-drop.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import type { MultiPath } from "../../src/solve/multi/types.js";
import { ROOT } from "../cli/helpers.js";

const ref = JSON.parse(readFileSync(join(ROOT, "test/fixtures/multi/limits.json"), "utf8")) as { x: number[][]; classes: string[]; y: number[][] };
const x = modelMatrix(ref.x.map((_, j) => `x${j + 1}`), ref.x.map((c) => Float64Array.from(c)));
const oneHot = ["a", "b", "c"].map((c) => Float64Array.from(ref.classes, (l) => (l === c ? 1 : 0)));
const ys = ref.y.map((c) => Float64Array.from(c));
// x1 ≥ 0, x2 ≤ 0.3, x3 ≥ 0, x4 ≥ −0.2, x5 ≤ 0, x6 ≤ 0.4 (limits.R's lo and up).
const limits = { lowerLimits: [0, -Infinity, 0, -0.2, -Infinity, -Infinity], upperLimits: [Infinity, 0.3, Infinity, Infinity, 0, 0.4] };

const byName = (e: MultiExplanation, f: string): MultiVariableEvidence => e.variables.find((v) => v.feature === f)!;
const sides = (v: MultiVariableEvidence) => v.bounds.map((b) => (b === null ? null : `${b.side} ${b.value}`));

/** Every held coefficient sits at its limit; a free variable's conditions hold two-sided as before. */
function assertHeldAtLimits(path: MultiPath, e: MultiExplanation): void {
  e.variables.forEach((v, j) => v.bounds.forEach((b, k) => {
    if (b !== null) assert.equal(v.coefficients[k], b.value, `${v.feature}/${e.classes[k]}`);
    if (b !== null) assert.equal(b.value, b.side === "lower" ? path.settings.lowerLimits[j] : path.settings.upperLimits[j]);
  }));
}

describe("explainMulti with limits: ungrouped multinomial", () => {
  const path = fitMultinomialPath(x, ref.classes, { ...limits, thresh: 1e-14, lambda: [0.3, 0.1, 0.05, 0.02, 0.01] });
  const e = explainMulti(path, { x, y: oneHot }, 0.01);

  it("each (variable, class) at its limit is at-bound with its side and value; the others are not", () => {
    assert.deepEqual(sides(byName(e, "x1")), [null, "lower 0", null]);
    assert.deepEqual(sides(byName(e, "x2")), [null, null, "upper 0.3"]);
    assert.deepEqual(sides(byName(e, "x3")), [null, null, "lower 0"]);
    for (const f of ["x1", "x2", "x3"]) assert.equal(byName(e, f).status, "at-bound");
    for (const f of ["x4", "x5", "x6"]) assert.deepEqual([byName(e, f).status, sides(byName(e, f))], ["kept", [null, null, null]]);
    assertHeldAtLimits(path, e);
  });

  it("a held coefficient's pull passes the price in the blocked direction, and the KKT check does not count it", () => {
    for (const [f, k, sign] of [["x1", 1, -1], ["x2", 2, 1], ["x3", 2, -1]] as const) {
      const v = byName(e, f);
      // Far past the price: as a free coefficient this would be a gap of 1e-3 and more.
      assert.ok(sign * v.pulls[k] - v.price > 1e-3, `${f}: pull ${v.pulls[k]} vs price ${v.price}`);
    }
    assert.ok(e.kkt.violation < 3e-8, `largest violation ${e.kkt.violation} (${e.kkt.feature})`);
    for (const v of e.variables) assert.ok(v.violation <= e.kkt.violation);
  });

  it("the words say which class is held at which limit", () => {
    assert.match(byName(e, "x2").words, /x2's coefficient for c at its upper limit 0\.3 \(pull [0-9.]+\) is held: the data pull it further than the price/);
    assert.match(byName(e, "x1").words, /For a and c its pull meets the price/);
    assert.ok(e.words.some((w) => /Held by a limit rather than by the price: x1 \(b at its lower limit 0\); x2 \(c at its upper limit 0\.3\)/.test(w)), e.words.join("\n"));
    assert.ok(e.words.some((w) => /optimality conditions hold to/.test(w)));
  });
});

describe("explainMulti with limits: grouped multinomial and mgaussian", () => {
  it("grouped multinomial: held classes at their limits, the free ones meet the block's condition", () => {
    // Tight: the grouped multinomial's majorized steps converge slowly (at thresh 1e-14 the gap is 6e-8).
    const path = fitMultinomialPath(x, ref.classes, { ...limits, grouped: true, thresh: 1e-16, maxit: 1e8, lambda: [0.3, 0.1, 0.05, 0.02, 0.01] });
    const e = explainMulti(path, { x, y: oneHot }, 0.01);
    assert.deepEqual(e.variables.map(sides), [
      [null, "lower 0", null], [null, null, "upper 0.3"], [null, null, "lower 0"], [null, null, "lower -0.2"], ["upper 0", null, "upper 0"], ["upper 0.4", null, null],
    ]);
    assert.ok(e.variables.every((v) => v.status === "at-bound"));
    assertHeldAtLimits(path, e);
    assert.ok(e.kkt.violation < 1e-8, `largest violation ${e.kkt.violation} (${e.kkt.feature})`);
    // The length of the pulls is not the price when a coefficient is held: the two-sided block check would fail.
    assert.ok(e.variables.every((v) => v.pullSize - v.price > 1e-4), e.variables.map((v) => `${v.pullSize} vs ${v.price}`).join(", "));
    assert.match(byName(e, "x6").words, /x6 is in, with a at its upper limit 0\.4 \(pull [0-9.]+\): the data pull it past the limit.*Its free coefficients \(b and c\) meet their own condition: each free pull equals \(λ·α·v\/‖β̃‖\)·β̃/);
  });

  const path = fitMgaussianPath(x, ys, { ...limits, alpha: 0.5, thresh: 1e-14, lambda: [1, 0.3, 0.1, 0.05] });
  it("mgaussian (α 0.5): the held responses, the ridge part in the free condition, KKT to 1e-9", () => {
    const e = explainMulti(path, { x, y: ys }, 0.05);
    assert.deepEqual(e.variables.map((v) => v.status), ["kept", "kept", "at-bound", "kept", "at-bound", "kept"]);
    assert.deepEqual(sides(byName(e, "x3")), [null, "lower 0", null]);
    assert.deepEqual(sides(byName(e, "x5")), ["upper 0", null, "upper 0"]);
    assert.ok(byName(e, "x5").coefficients[1] < 0, "x5 is in for y2 alone");
    assert.ok(e.kkt.violation < 1e-9, `largest violation ${e.kkt.violation} (${e.kkt.feature})`);
    assert.match(byName(e, "x3").words, /y2 at its lower limit 0 .*each free pull equals \(λ·α·v\/‖β̃‖ \+ λ·\(1−α\)·v\)·β̃/);
    assert.ok(e.words.some((w) => /Held by a limit rather than by the price: x3 \(y2 at its lower limit 0\); x5 \(y1 at its upper limit 0, y3 at its upper limit 0\)/.test(w)));
  });

  it("mgaussian: a variable out only because its pulls push into limits at 0 is held there, not zero", () => {
    const e = explainMulti(path, { x, y: ys }, 0.3);
    const x5 = byName(e, "x5");
    assert.deepEqual([x5.status, x5.classes, sides(x5)], ["at-bound", [], ["upper 0", null, "upper 0"]]);
    assert.ok(x5.pullSize > 2 * x5.price, "its pulls' length is well past the price");
    assert.ok(Math.abs(x5.pulls[1]) < x5.price, "the free response's pull is within it");
    assert.equal(x5.violation, 0);
    assert.match(x5.words, /x5 is out for every response: .* passes the price [0-9.]+ only by pushing y1 at its upper limit 0 .* and y3 at its upper limit 0 .* into a limit at 0/);
  });
});

describe("refits inside explain keep the limits", () => {
  const path = fitMultinomialPath(x, ref.classes, { ...limits, thresh: 1e-14 });
  it("explainMultiAt between the path's λs: the held coefficients at their limits, KKT at the solver's precision", () => {
    const lambda = Math.sqrt(path.lambda[30] * path.lambda[31]);
    const e = explainMultiAt(path, { x, y: oneHot }, lambda);
    assert.deepEqual(sides(byName(e, "x2")), [null, null, "upper 0.3"]);
    assertHeldAtLimits(path, e);
    assert.ok(e.kkt.violation < 1e-7, `largest violation ${e.kkt.violation}`);
  });

  it("drop costs: the baseline refit is the limited fit, held variables are costed, a pull into a limit at 0 does not count at zero", () => {
    const mg = fitMgaussianPath(x, ys, { ...limits, alpha: 0.5, thresh: 1e-14, lambda: [1, 0.3, 0.1, 0.05] });
    const costs = multiDropCosts(mg, { x, y: ys }, { lambda: 0.05 });
    const rss = mg.nullDeviance * (1 - mg.devRatio[3]);
    assert.ok(Math.abs(costs.deviance - rss) <= 1e-9 * rss, `${costs.deviance} vs ${rss}`);
    assert.deepEqual(costs.costs.map((c) => c.feature), ["x1", "x2", "x3", "x4", "x5", "x6"]);
    // x3 ≥ 0: refitted without it, its pull for y2 pushes into the limit and cannot move it off zero.
    const x3 = costs.costs[2];
    assert.ok(x3.pullsAtZero[1] < -1e-3, `y2's pull ${x3.pullsAtZero[1]}`);
    assert.ok(Math.abs(x3.pullAtZero - Math.hypot(x3.pullsAtZero[0], x3.pullsAtZero[2])) <= 1e-15 * x3.pullAtZero);
  });
});
