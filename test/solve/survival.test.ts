// Survival curves from a Cox fit against glmnet 4.1-6's survfit.coxnet (Breslow), and Kaplan–Meier by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fitPath } from "../../src/solve/path.js";
import { predict } from "../../src/solve/predict.js";
import { baselineHazard, survivalCurve } from "../../src/solve/survival.js";
import { kaplanMeier, numberAtRisk } from "../../src/model/kaplan-meier.js";
import { modelMatrix, selectRows } from "../../src/data/matrix.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const json = (file: string) => JSON.parse(readFileSync(`${root}${file}`, "utf8"));
function csv(file: string): (name: string) => Float64Array {
  const lines = readFileSync(`${root}${file}`, "utf8").trim().split(/\r?\n/);
  const names = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
  return (name) => Float64Array.from(lines.slice(1), (l) => Number(l.split(",")[names.indexOf(name)]));
}
const ref = json("test/fixtures/cox/cox_survfit.json");

test("a subject's survival curve is survfit.coxnet's (CoxExample, its 20th λ)", () => {
  const col = csv("data/glmnet_cox.csv");
  const names = Array.from({ length: 30 }, (_, j) => `x${j + 1}`);
  const x = modelMatrix(names, names.map(col));
  const data = { time: col("time"), survival: { status: col("status") } };
  const path = fitPath(x, data.time, { family: "cox", survival: data.survival, thresh: 1e-14 });
  const r = ref.coxExample;
  const base = baselineHazard(path, x, data, r.lambda);
  const eta = predict(path, selectRows(x, Int32Array.from([0, 1])), r.lambda);
  assert.equal(r.surv.length, 2);
  for (let row = 0; row < 2; row++) {
    const curve = survivalCurve(base, eta[row]);
    assert.equal(curve.time.length, r.time.length);
    for (let k = 0; k < r.time.length; k++) {
      assert.equal(curve.time[k], r.time[k]);
      assert.ok(Math.abs(curve.survival[k] - r.surv[row][k]) < 1e-7, `row ${row + 1}, t = ${r.time[k]}: ${curve.survival[k]} vs ${r.surv[row][k]}`);
    }
  }
});

test("stratified fits have a baseline per stratum, as survfit.coxnet's (survival.csv, its 10th λ)", () => {
  const col = csv("test/fixtures/cox/survival.csv");
  const names = ["v1", "v2", "v3", "v4", "v5", "v6"];
  const x = modelMatrix(names, names.map(col));
  const data = { time: col("time"), survival: { status: col("status"), strata: col("stratum") } };
  const path = fitPath(x, data.time, { family: "cox", survival: data.survival, thresh: 1e-14 });
  const r = ref.strata;
  const base = baselineHazard(path, x, data, r.lambda);
  assert.deepEqual([...base.strata].sort(), [1, 2, 3]);
  const eta = predict(path, selectRows(x, Int32Array.from([0, 1])), r.lambda);
  assert.equal(r.curves.length, 2);
  r.curves.forEach((c: { stratum: number; time: number[]; surv: number[] }, row: number) => {
    const curve = survivalCurve(base, eta[row], c.stratum);
    assert.deepEqual(Array.from(curve.time), c.time);
    c.surv.forEach((s, k) => assert.ok(Math.abs(curve.survival[k] - s) < 1e-7, `row ${row + 1}, t = ${c.time[k]}: ${curve.survival[k]} vs ${s}`));
  });
  assert.throws(() => survivalCurve(base, 0, 7), /stratum 7 is not one of the fit's/);
});

test("Kaplan–Meier: the product of (1 − d/n) over event times, censored rows at risk at their time", () => {
  // Times 1, 2, 2+, 3, 3, 4+, 5: at 1 n = 7, d = 1; at 2 n = 6, d = 1 (the censored 2 still at risk); at 3 n = 4, d = 2; at 5 n = 1, d = 1.
  const time = [1, 2, 2, 3, 3, 4, 5];
  const status = [1, 1, 0, 1, 1, 0, 1];
  const km = kaplanMeier(time, status);
  assert.deepEqual(Array.from(km.time), [1, 2, 3, 5]);
  assert.deepEqual(Array.from(km.atRisk), [7, 6, 4, 1]);
  assert.deepEqual(Array.from(km.events), [1, 1, 2, 1]);
  const expected = [6 / 7, (6 / 7) * (5 / 6), (6 / 7) * (5 / 6) * (2 / 4), 0];
  km.survival.forEach((s, k) => assert.ok(Math.abs(s - expected[k]) < 1e-15, `S(${km.time[k]}) = ${s}`));
  assert.equal(numberAtRisk(time, 3), 4);
  // (start, stop]: a row entering at 2 is not at risk at 2 itself.
  const late = kaplanMeier([2, 3, 4], [1, 1, 1], { start: [0, 2, 0] });
  assert.deepEqual(Array.from(late.atRisk), [2, 2, 1]);
});
