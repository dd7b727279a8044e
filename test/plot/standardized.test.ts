// Paths on the standardized scale (plot --scale standardized): each coefficient times its feature's sd,
// and on a 30-variable design (breast cancer) every curve's label on a row of its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { columnScaling, normalizedWeights } from "../../src/explain/kkt.js";
import { everNonzero } from "../../src/plot/path.js";
import { featureScales, standardizedPath } from "../../src/plot/standardized.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { ROOT, assertOneLineError, run } from "../cli/helpers.js";

const BREAST = join(ROOT, "data/breast_cancer.csv");

test("standardizedPath multiplies every coefficient by its feature's sd, glmnet's (1/n) as the fit's scaling has it", () => {
  const { x, y } = buildDesign(parseCsv(readFileSync(join(ROOT, "data/diabetes.csv"), "utf8")), { target: "progression" });
  const path = fitPath(x, y);
  const sd = columnScaling(x, normalizedWeights(x.n), { standardize: true, intercept: true }).sd;
  const scales = featureScales(x);
  for (let j = 0; j < x.p; j++) assert.ok(Math.abs(scales[j] - sd[j]) < 1e-12 * sd[j]);
  const scaled = standardizedPath(path, scales);
  for (const k of [5, 20, path.lambda.length - 1]) {
    const a = coefficientsAt(path, k), b = coefficientsAt(scaled, k);
    for (let j = 0; j < x.p; j++) assert.equal(b[j], a[j] * scales[j]);
  }
});

test("plot --scale standardized on breast cancer names every curve, each label on its own row", async () => {
  const r = await run(["plot", BREAST, "--target", "malignant", "--family", "binomial", "--scale", "standardized"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Coefficient × sd of its feature/);
  const { x, y } = buildDesign(parseCsv(readFileSync(BREAST, "utf8")), { target: "malignant", family: "binomial" });
  const entered = everNonzero(fitPath(x, y, { family: "binomial" }));
  assert.ok(entered.length >= 25, `${entered.length} curves`);
  const group = /class="curve-label"[^>]*>(.*?)<\/g>/s.exec(r.stdout);
  assert.ok(group, "the labels' group");
  const ys = [...group[1].matchAll(/translate\([^,]+,([^)]+)\)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  assert.equal(ys.length, entered.length, "every curve labelled");
  for (let k = 1; k < ys.length; k++) assert.ok(ys[k] - ys[k - 1] >= 11.99, `labels ${k - 1} and ${k} are ${ys[k] - ys[k - 1]} px apart`);
  assertOneLineError(await run(["plot", BREAST, "--target", "malignant", "--family", "binomial", "--kind", "pull", "--scale", "standardized"]), /--scale applies to --kind path only/);
});
