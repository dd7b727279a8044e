// What dropping a kept variable of a multinomial or mgaussian fit would cost (multiDropCosts): each
// refit equals a fit on X without that column at the rescaled λ, a kept variable's pull at zero exceeds
// its price (else zero would be a solution), and the CLI's explain shows the costs in its table, words
// and JSON.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cvMultiPath } from "../../src/cv/multi-cv.js";
import { parseCsv } from "../../src/data/csv.js";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import { OptionError } from "../../src/errors.js";
import { multiDropCosts } from "../../src/explain/multi-drop.js";
import { explainMulti } from "../../src/explain/multi.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import type { MultiPath } from "../../src/solve/multi/types.js";
import { ROOT, run } from "../cli/helpers.js";

function load(file: string) {
  const t = parseCsv(readFileSync(join(ROOT, "data", file), "utf8"));
  return (c: string) => t.columns[t.names.indexOf(c)];
}

/** x without column j. */
function without(x: ModelMatrix, j: number): ModelMatrix {
  const keep = x.names.map((_, k) => k).filter((k) => k !== j);
  return modelMatrix(keep.map((k) => x.names[k]), keep.map((k) => x.data.subarray(k * x.n, (k + 1) * x.n)));
}

const last = (a: Float64Array) => a[a.length - 1];

describe("multiDropCosts", () => {
  const iris = load("iris.csv");
  const features = ["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width"];
  const x = modelMatrix(features, features.map((f) => Float64Array.from(iris(f), Number)));
  const labels = iris("Species").map((s) => s.trim());
  const classes = ["setosa", "versicolor", "virginica"];
  const y = classes.map((c) => Float64Array.from(labels, (l) => (l === c ? 1 : 0)));

  for (const grouped of [false, true]) {
    it(`multinomial${grouped ? " grouped" : ""}: each kept variable's refit is the fit without its column; pull at zero above price`, () => {
      const path = fitMultinomialPath(x, labels, { grouped, thresh: 1e-12 });
      const lambda = path.lambda[Math.floor(path.lambda.length / 2)];
      const costs = multiDropCosts(path, { x, y }, { lambda });
      assert.ok(costs.costs.length >= 2, `${costs.costs.length} kept variables`);
      for (const c of costs.costs) {
        // Every factor is 1, and an excluded variable counts as 1 (as glmnet counts it): the same λ, the same prices.
        const direct: MultiPath = fitMultinomialPath(without(x, c.index), labels, { grouped, thresh: 1e-12, lambda: [lambda] });
        const deviance = direct.nullDeviance * (1 - last(direct.devRatio));
        assert.ok(Math.abs(costs.deviance + c.deviance - deviance) <= 1e-6 * direct.nullDeviance, `${c.feature}: ${costs.deviance + c.deviance} vs ${deviance}`);
        assert.ok(c.deviance > 0, `${c.feature} buys deviance: ${c.deviance}`);
        assert.ok(c.pullRatio !== null && c.pullRatio > 1, `${c.feature}: pull at zero ${c.pullAtZero} vs price ${c.price}`);
        assert.equal(c.pullsAtZero.length, 3);
        assert.equal(c.cv, null);
      }
    });
  }

  it("with folds: the CV error's change is the refit's cross-validated error minus the fit's", () => {
    const path = fitMultinomialPath(x, labels, { thresh: 1e-12 });
    const foldid = Array.from({ length: 150 }, (_, i) => (i % 5) + 1);
    const lambda = path.lambda[20];
    const costs = multiDropCosts(path, { x, y }, { lambda, cv: { foldid, measure: "deviance" } });
    const base = cvMultiPath(x, { family: "multinomial", labels }, { foldid, lambda: [lambda], thresh: 1e-12 });
    assert.equal(costs.measure, "deviance");
    assert.ok(Math.abs((costs.cvError as number) - base.cvm[0]) <= 1e-9, `${costs.cvError} vs ${base.cvm[0]}`);
    assert.ok(costs.costs.length > 0);
    for (const c of costs.costs) assert.ok(typeof c.cv === "number" && Number.isFinite(c.cv), `${c.feature}: ${c.cv}`);
  });

  it("mgaussian: the rise in the residual sum of squares equals the fit without the column's", () => {
    const mg = load("glmnet_mgaussian.csv");
    const names = Array.from({ length: 20 }, (_, j) => `x${j + 1}`);
    const xm = modelMatrix(names, names.map((f) => Float64Array.from(mg(f), Number)));
    const ys = ["y1", "y2", "y3", "y4"].map((t) => Float64Array.from(mg(t), Number));
    const path = fitMgaussianPath(xm, ys, { thresh: 1e-12 });
    const lambda = path.lambda[10];
    const costs = multiDropCosts(path, { x: xm, y: ys }, { lambda });
    assert.ok(costs.costs.length >= 3, `${costs.costs.length} kept`);
    for (const c of costs.costs) {
      const direct = fitMgaussianPath(without(xm, c.index), ys, { thresh: 1e-12, lambda: [lambda] });
      const rss = direct.nullDeviance * (1 - last(direct.devRatio));
      assert.ok(Math.abs(costs.deviance + c.deviance - rss) <= 1e-6 * direct.nullDeviance, `${c.feature}`);
      assert.ok(c.pullRatio !== null && c.pullRatio > 1, `${c.feature}: ${c.pullRatio}`);
      assert.equal(c.pullAtZero, Math.hypot(...c.pullsAtZero));
    }
  });

  // With one usable feature (the other constant), its drop refit has nothing to fit: it is the null model
  // (intercepts alone), its deviance the null deviance and its pulls those of the path's first λ (all zero
  // there). It stopped explain with "every feature is constant or excluded", swallowed as "did not converge".
  it("a drop refit with no usable feature left is the null model, for every multi family", () => {
    const n = 40;
    const t = Array.from({ length: n }, (_, i) => Math.sin(1.7 * i) + 0.3 * Math.cos(5.1 * i));
    const x1 = modelMatrix(["t", "c"], [Float64Array.from(t), new Float64Array(n).fill(2)]);
    const labels = t.map((v, i) => (v + 0.6 * Math.sin(3.3 * i) < -0.4 ? "a" : v + 0.6 * Math.sin(3.3 * i) < 0.4 ? "b" : "c"));
    const oneHot = ["a", "b", "c"].map((c) => Float64Array.from(labels, (l) => (l === c ? 1 : 0)));
    const ys = [Float64Array.from(t, (v, i) => 2 * v + Math.sin(7 * i)), Float64Array.from(t, (v, i) => Math.cos(2 * i) - v)];
    const fits = [
      { what: "mgaussian", y: ys, path: fitMgaussianPath(x1, ys, { thresh: 1e-12 }) },
      { what: "multinomial", y: oneHot, path: fitMultinomialPath(x1, labels, { thresh: 1e-12 }) },
      { what: "grouped multinomial", y: oneHot, path: fitMultinomialPath(x1, labels, { grouped: true, thresh: 1e-12 }) },
    ];
    for (const { what, y, path } of fits) {
      const data = { x: x1, y };
      const lambda = path.lambda[Math.floor(path.lambda.length / 2)];
      const costs = multiDropCosts(path, data, { lambda });
      assert.deepEqual(costs.costs.map((c) => c.feature), ["t"], what);
      const [c] = costs.costs;
      const refit = costs.deviance + c.deviance;
      assert.ok(Math.abs(refit - costs.nullDeviance) <= 1e-9 * costs.nullDeviance, `${what}: ${refit} vs ${costs.nullDeviance}`);
      const atNull = explainMulti(path, data, path.lambda[0]).variables[0].pulls;
      const size = Math.max(...atNull.map(Math.abs));
      c.pullsAtZero.forEach((g, k) => assert.ok(Math.abs(g - atNull[k]) <= 1e-6 * size, `${what}, pull ${k}: ${g} vs ${atNull[k]}`));
    }
  });

  // Only running out of passes is "did not converge": any other error of a refit is its own (a bad weight here).
  it("a refit's error other than running out of passes reaches the caller as it is", () => {
    const path = fitMultinomialPath(x, labels, { thresh: 1e-12 });
    const weights = Array.from({ length: 150 }, (_, i) => (i === 7 ? -1 : 1));
    assert.throws(() => multiDropCosts(path, { x, y, weights }, { lambda: path.lambda[0] }), (e: unknown) => e instanceof OptionError && e.option === "weights" && !/did not converge/.test(e.message));
  });

  it("the CLI's explain shows the costs: table columns, words, JSON", async () => {
    const file = join(ROOT, "data/iris.csv");
    const text = await run(["explain", file, "--target", "Species", "--family", "multinomial", "--lambda", "0.01"]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Δdev %.*pull₀\/price/);
    assert.match(text.stdout, /Without it \(refitted at this λ\) the training deviance would rise by/);
    const json = await run(["explain", file, "--target", "Species", "--family", "multinomial", "--lambda", "0.01", "--format", "json"]);
    assert.equal(json.code, 0, json.stderr);
    const e = JSON.parse(json.stdout);
    const kept = e.variables.filter((v: { status: string }) => v.status === "kept");
    assert.ok(kept.length > 0);
    for (const v of kept) assert.ok(v.dropCost.deviance > 0 && v.dropCost.pullRatio > 1, JSON.stringify(v.dropCost));
    assert.equal(e.dropCosts.cvError, null);
  });
});
