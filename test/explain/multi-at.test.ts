// The explanation of a multi-response path between its λs, refitted there (glmnet's coef(exact = TRUE)):
// the optimality conditions hold at λ itself, where the interpolated coefficients break them; at the
// path's own λs nothing is refitted; outside the path's range it refuses by name.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseCsv } from "../../src/data/csv.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { explainMulti } from "../../src/explain/multi.js";
import { explainMultiAt, multiPathAt } from "../../src/explain/multi-at.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";
import { ROOT } from "../cli/helpers.js";

const t = parseCsv(readFileSync(join(ROOT, "data", "iris.csv"), "utf8"));
const col = (c: string) => t.columns[t.names.indexOf(c)];
const features = ["Sepal.Length", "Sepal.Width", "Petal.Length"];
const x = modelMatrix(features, features.map((f) => Float64Array.from(col(f), Number)));
const labels = col("Species").map((s) => s.trim());
const classes = ["setosa", "versicolor", "virginica"];
const y = classes.map((c) => Float64Array.from(labels, (l) => (l === c ? 1 : 0)));

/** The largest breach of the conditions: a nonzero coefficient's |pull| off its price, a zero one's |pull| above it (grouped: the length). */
function worstBreach(e: ReturnType<typeof explainMulti>): number {
  let worst = 0;
  for (const v of e.variables) {
    if (e.grouped) worst = Math.max(worst, v.status === "kept" ? Math.abs(v.pullSize - v.price) : Math.max(0, v.pullSize - v.price));
    else v.pulls.forEach((g, k) => (worst = Math.max(worst, v.coefficients[k] !== 0 ? Math.abs(Math.abs(g) - v.price) : Math.max(0, Math.abs(g) - v.price))));
  }
  return worst;
}

describe("explainMultiAt: refitted between the path's λs", () => {
  const cases = [
    // How far interpolation breaks the conditions: a squared loss's path is nearly linear between λs.
    { name: "multinomial", path: fitMultinomialPath(x, labels, { thresh: 1e-12 }), y, interpolatedBreach: 1e-4 },
    { name: "grouped multinomial", path: fitMultinomialPath(x, labels, { thresh: 1e-12, grouped: true }), y, interpolatedBreach: 1e-4 },
    { name: "mgaussian", path: fitMgaussianPath(x, [Float64Array.from(col("Petal.Width"), Number), Float64Array.from(col("Sepal.Width"), (v, i) => Number(v) + Number(col("Petal.Width")[i]))], { thresh: 1e-12 }), y: null, interpolatedBreach: 5e-6 },
  ];
  it("holds the optimality conditions at λ, where interpolation breaks them", () => {
    let checked = 0;
    for (const c of cases) {
      const data = { x, y: c.y ?? [Float64Array.from(col("Petal.Width"), Number), Float64Array.from(col("Sepal.Width"), (v, i) => Number(v) + Number(col("Petal.Width")[i]))] };
      const lambda = Math.sqrt(c.path.lambda[10] * c.path.lambda[11]);
      const exact = explainMultiAt(c.path, data, lambda);
      const interpolated = explainMulti(c.path, data, lambda);
      assert.equal(exact.lambda, lambda);
      assert.ok(worstBreach(exact) <= 1e-6, `${c.name}: refitted, the conditions hold (worst ${worstBreach(exact)})`);
      assert.ok(worstBreach(interpolated) > c.interpolatedBreach, `${c.name}: interpolated, they do not (worst ${worstBreach(interpolated)})`);
      assert.deepEqual(exact.entryOrder.slice(0, 1), interpolated.entryOrder.slice(0, 1), `${c.name}: the first to enter is the path's`);
      checked++;
    }
    assert.equal(checked, cases.length);
  });

  it("at the path's own λs nothing is refitted, and outside its range it refuses by name", () => {
    const { path } = cases[0];
    assert.equal(multiPathAt(path, { x, y }, path.lambda[7]), path);
    const inserted = multiPathAt(path, { x, y }, Math.sqrt(path.lambda[7] * path.lambda[8]));
    assert.equal(inserted.lambda.length, path.lambda.length + 1);
    assert.equal(inserted.lambda[8], Math.sqrt(path.lambda[7] * path.lambda[8]));
    assert.deepEqual(Array.from(inserted.beta[9]), Array.from(path.beta[8]), "the path's own solutions stay as they were");
    assert.throws(() => multiPathAt(path, { x, y }, path.lambda[0] * 2), /outside the path's range/);
    assert.throws(() => multiPathAt(path, { x, y }, path.lambda[path.lambda.length - 1] / 2), /outside the path's range/);
    assert.throws(() => multiPathAt(path, { x, y }, Number.NaN), /lambda must be a finite number/);
  });
});
