// Explaining a Cox fit: the pull is the partial-likelihood score, read from the data (not the solver).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { explain } from "../../src/explain/explain.js";
import { describe } from "../../src/explain/words.js";
import { fitPath } from "../../src/solve/path.js";
import { modelMatrix } from "../../src/data/matrix.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const lines = readFileSync(`${root}test/fixtures/cox/survival.csv`, "utf8").trim().split(/\r?\n/);
const names = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
const col = (name: string) => Float64Array.from(lines.slice(1), (l) => Number(l.split(",")[names.indexOf(name)]));
const features = ["v1", "v2", "v3", "v4", "v5", "v6"];
const x = modelMatrix(features, features.map(col));
const data = { x, y: col("time"), weights: col("w"), survival: { status: col("status"), strata: col("stratum") } };

test("explain a stratified, weighted Cox fit: pull = price at the solution, in the field's words", () => {
  const path = fitPath(x, data.y, { family: "cox", survival: data.survival, weights: data.weights, thresh: 1e-12 });
  const lambda = path.lambda[8];
  const e = explain(path, data, { lambda });
  // The pulls (scores computed from the data) meet their prices: the solver's solution satisfies KKT.
  assert.ok(e.kkt.maxViolation <= 1e-6 * e.kkt.scale, `largest KKT violation ${e.kkt.maxViolation} of ${e.kkt.scale}`);
  const active = e.coefficients.filter((c) => c.status === "active");
  const zero = e.coefficients.filter((c) => c.status === "zero");
  assert.ok(active.length > 0 && zero.length > 0, `${active.length} active, ${zero.length} zero`);
  for (const c of active) assert.ok(Math.abs(c.absPull - c.price) <= 1e-4 * c.price, `${c.feature}: pull ${c.absPull}, price ${c.price}`);
  const words = describe(e);
  assert.match(words.fit, /change the risk ordering too little to pay its price/);
  const first = words.coefficients.find((w) => w.startsWith(`${active[0].feature} =`))!;
  assert.ok(first.includes(`hazard ratio ${Math.exp(active[0].standardized).toPrecision(4)} per standard deviation`), first);
});

test("without standardize a Cox coefficient's hazard ratio is per unit of its feature, as β̃ is β", () => {
  const path = fitPath(x, data.y, { family: "cox", survival: data.survival, weights: data.weights, thresh: 1e-12, standardize: false });
  const e = explain(path, data, { lambda: path.lambda[8] });
  const active = e.coefficients.filter((c) => c.status === "active");
  assert.ok(active.length > 0);
  const words = describe(e);
  for (const c of active) {
    const line = words.coefficients.find((w) => w.startsWith(`${c.feature} =`))!;
    assert.ok(line.includes(`(hazard ratio ${Math.exp(c.coefficient).toPrecision(4)} per unit)`), line);
    assert.doesNotMatch(line, /per standard deviation/);
  }
});
