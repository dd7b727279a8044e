// What dropping a kept variable would cost and forcing a zero one in would gain (dropCosts): checked
// against independent refits with fitPath's own `exclude` and against the KKT conditions of the refits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cvPath } from "../../src/cv/cv.js";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { dropCosts, withFactor } from "../../src/explain/drop.js";
import { explain } from "../../src/explain/explain.js";
import { penaltyWeights, pulls } from "../../src/explain/kkt.js";
import { describe } from "../../src/explain/words.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { DIABETES } from "../cli/helpers.js";

const { x, y } = buildDesign(parseCsv(readFileSync(DIABETES, "utf8")), { target: "progression" });
const TIGHT = 1e-12;

/** Deviance of a tight fit at λ with these options. */
function devianceAt(lambda: number, extra: Parameters<typeof fitPath>[2] = {}): number {
  const p = fitPath(x, y, { lambda: [lambda], thresh: TIGHT, ...extra });
  return p.nullDeviance * (1 - p.devRatio[0]);
}

test("the cost of dropping each kept variable is the refit with fitPath's exclude, and its pull at zero exceeds its price", () => {
  const path = fitPath(x, y);
  const lambda = path.lambda[20];
  const d = dropCosts(path, { x, y }, { lambda });
  const kept = d.costs.filter((c) => c.kind === "drop");
  const zero = d.costs.filter((c) => c.kind === "force");
  assert.equal(kept.length + zero.length, x.p);
  assert.ok(kept.length >= 3 && zero.length >= 2, `want both kinds, got ${kept.length} kept and ${zero.length} zero`);
  const now = devianceAt(lambda);
  assert.ok(Math.abs(d.deviance - now) <= 1e-8 * now);
  for (const c of kept) {
    // Excluded variables count as factor 1 in glmnet's rescaling, so λ is the same λ: an independent refit.
    const without = devianceAt(lambda, { exclude: [c.feature] });
    assert.ok(Math.abs(c.deviance - (without - now)) <= 1e-6 * now, `${c.feature}: ${c.deviance} vs ${without - now}`);
    assert.ok(c.deviance > 0, `${c.feature}: dropping a lasso survivor raises the deviance`);
    assert.ok(c.pullRatio! > 1, `${c.feature}: pull at zero ${c.pullRatio} × price`);
    assert.equal(c.price, lambda);
  }
  for (const c of zero) assert.ok(c.pullRatio! < 1, `${c.feature}: a zero's pull is below its price`);
});

test("forcing a zero variable in leaves it unpenalized: its pull is 0 at the refit, every other price unchanged", () => {
  const path = fitPath(x, y);
  const lambda = path.lambda[15];
  const d = dropCosts(path, { x, y }, { lambda });
  const forced = d.costs.filter((c) => c.kind === "force");
  assert.ok(forced.length > 0);
  for (const c of forced) {
    const o = withFactor({ penaltyFactor: new Float64Array(x.p).fill(1) }, x.p, c.index, 0, lambda);
    const before = penaltyWeights(new Float64Array(x.p).fill(1));
    const after = penaltyWeights(o.penaltyFactor as Float64Array);
    const scale = o.lambda![0] / lambda;
    for (let k = 0; k < x.p; k++) if (k !== c.index) assert.ok(Math.abs(after[k] * scale - before[k]) < 1e-12);
    const fit = fitPath(x, y, { ...o, thresh: TIGHT });
    const beta = coefficientsAt(fit, 0);
    assert.equal(beta[c.index], c.refitCoefficient);
    const g = pulls(x, y, { family: "gaussian", standardize: true, intercept: true }, fit.intercept[0], beta);
    assert.ok(Math.abs(g[c.index]) < 1e-6 * lambda, `${c.feature}: pull ${g[c.index]} at the forced refit`);
  }
});

test("with penalty factors, a drop keeps the others' prices (λ scaled) and matches a refit with the same rescaled factors", () => {
  const pf = Array.from({ length: x.p }, (_, j) => 0.5 + (j % 3));
  const path = fitPath(x, y, { penaltyFactor: pf });
  const lambda = path.lambda[25];
  const d = dropCosts(path, { x, y }, { lambda });
  const c = d.costs.find((k) => k.kind === "drop" && k.index !== 0)!;
  assert.ok(c);
  const o = withFactor({ penaltyFactor: pf }, x.p, c.index, Infinity, lambda);
  const v = penaltyWeights(pf), w = penaltyWeights(o.penaltyFactor as Float64Array);
  const scale = o.lambda![0] / lambda;
  assert.notEqual(scale, 1);
  for (let k = 0; k < x.p; k++) if (k !== c.index) assert.ok(Math.abs(w[k] * scale - v[k]) < 1e-12);
  const now = devianceAt(lambda, { penaltyFactor: pf });
  assert.ok(Math.abs(c.deviance - (devianceAt(o.lambda![0], { penaltyFactor: o.penaltyFactor }) - now)) <= 1e-6 * now);
});

test("on folds, each drop's CV change is the refit cross-validated on the same folds against the fit's", () => {
  const cv = cvPath(x, y, { nfolds: 5, seed: 3 });
  const lambda = cv.lambda1se;
  const d = dropCosts(cv.path, { x, y }, { lambda, cv: { foldid: cv.foldid } });
  assert.equal(d.measure, "mse");
  const base = cvPath(x, y, { lambda: [lambda], foldid: cv.foldid, thresh: TIGHT }).cvm[0];
  assert.ok(Math.abs(d.cvError! - base) <= 1e-8 * base);
  const c = d.costs.find((k) => k.kind === "drop")!;
  const without = cvPath(x, y, { lambda: [lambda], foldid: cv.foldid, exclude: [c.feature], thresh: TIGHT }).cvm[0];
  assert.ok(Math.abs(c.cv! - (without - base)) <= 1e-6 * base);
});

test("the words of a kept coefficient say what dropping it costs instead of repeating that its pull matches the price", () => {
  const path = fitPath(x, y);
  const lambda = path.lambda[20];
  const e = explain(path, { x, y }, { lambda });
  const costs = dropCosts(path, { x, y }, { lambda });
  const lines = describe(e, undefined, costs).coefficients;
  const active = e.coefficients.filter((c) => c.status === "active");
  assert.ok(active.length > 0);
  for (const c of active) {
    const line = lines[c.index];
    assert.doesNotMatch(line, /matches the price/);
    assert.match(line, /without it \(refitted at this λ\) the training deviance would rise by/);
    assert.match(line, /times its price, so zero is not a solution/);
  }
  for (const c of e.coefficients.filter((k) => k.status === "zero")) assert.match(lines[c.index], /Forced in without penalty it would be/);
  // Without costs, the words are as before.
  for (const c of active) assert.match(describe(e).coefficients[c.index], /matches the price/);
});

test("explain's evidence carries the whole price: the lasso part plus the ridge part, which an active pull equals", () => {
  const path = fitPath(x, y, { alpha: 0.3 });
  const e = explain(path, { x, y }, { lambda: path.lambda[30] });
  const active = e.coefficients.filter((c) => c.status === "active");
  assert.ok(active.length > 0);
  for (const c of active) {
    assert.ok(Math.abs(c.ridge) > 0);
    assert.equal(c.totalPrice, c.price + Math.abs(c.ridge));
    assert.ok(Math.abs(c.absPull - c.totalPrice) <= 1e-6 * c.totalPrice, `${c.feature}: |pull| ${c.absPull} vs total price ${c.totalPrice}`);
  }
  for (const c of e.coefficients.filter((k) => k.status === "zero")) assert.equal(c.totalPrice, c.price);
});

test("dropCosts names a bad λ or feature index", () => {
  const path = fitPath(x, y);
  assert.throws(() => dropCosts(path, { x, y }, { lambda: -1 }), /lambda must be a finite number ≥ 0/);
  assert.throws(() => dropCosts(path, { x, y }, { lambda: path.lambda[5], features: [x.p] }), /features: index 10 is out of range/);
});

test("with a ridge part, a kept coefficient's words name both parts of its price before what dropping it costs", () => {
  for (const alpha of [0.5, 0]) {
    const path = fitPath(x, y, { alpha });
    const lambda = path.lambda[30];
    const e = explain(path, { x, y }, { lambda });
    const costs = dropCosts(path, { x, y }, { lambda });
    const lines = describe(e, undefined, costs).coefficients;
    const active = e.coefficients.filter((c) => c.status === "active");
    assert.ok(active.length > 0);
    for (const c of active) {
      const line = lines[c.index];
      assert.match(line, alpha === 0 ? /is balanced by the ridge part [\d.e-]+ alone; without it/ : /= the price [\d.e-]+ \+ the ridge part [\d.e-]+; without it/, line);
      assert.match(line, alpha === 0 ? /with α = 0 the price at zero is 0, so any pull moves it off zero/ : /times its price/, line);
    }
  }
});
