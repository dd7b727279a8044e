import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { fitPath } from "../../src/solve/path.js";
import { nearestLambdaIndex, priceCurve, priceReading, priceWords } from "../../src/explain/price.js";
import { priceCurveSpec } from "../../src/plot/price.js";
import { loadNcvReference, ncvOptions, ncvProblem } from "../helpers/ncvreg.js";
import { ROOT, run, scratchFile } from "../cli/helpers.js";

const CASES = ["prostate_mcp", "prostate_scad", "heart_mcp"] as const;

for (const name of CASES) {
  test(`${name}: each nonzero coefficient's pull equals its own price; each zero one's pull is below λα`, () => {
    const ref = loadNcvReference(name);
    const { x, y } = ncvProblem(ref);
    const path = fitPath(x, y, { ...ncvOptions(ref), thresh: 1e-12 });
    const indices = [10, 40, 70, 99];
    let nonzero = 0, beyond = 0;
    for (const l of indices) {
      const r = priceReading(path, x, y, l);
      assert.equal(r.points.length, x.p);
      for (const q of r.points) {
        if (q.standardized === 0) {
          assert.ok(Math.abs(q.pull) <= r.lambda * r.alpha + 1e-12, `${q.feature} at λ[${l}]`);
          assert.equal(q.price, r.lambda * r.alpha);
          continue;
        }
        nonzero++;
        assert.ok(Math.abs(Math.abs(q.pull) - q.price) < 1e-9, `${q.feature} at λ[${l}]: pull ${q.pull} vs price ${q.price}`);
        if (q.price > 0) assert.equal(Math.sign(q.pull), Math.sign(q.standardized));
        if (q.beyond) {
          beyond++;
          assert.equal(q.price, 0);
        } else assert.ok(q.price > 0);
      }
      // binomial curvatures are at most 1/4 < 1/γ: ncvreg's fit is a stationary point there.
      assert.equal(r.stationary, ref.family === "binomial");
    }
    assert.ok(nonzero > 5 && beyond > 0, `${nonzero} nonzero, ${beyond} beyond γλ`);
  });
}

test("the price curve falls from λα to 0 at γλα and stays there", () => {
  for (const name of ["mcp", "scad"] as const) {
    const c = priceCurve(name, { alpha: 1, gamma: 3.7, lambda: 0.2 });
    assert.equal(c.price[0], 0.2);
    for (let k = 1; k < c.size.length; k++) assert.ok(c.price[k] <= c.price[k - 1]);
    assert.equal(c.price[c.size.length - 1], 0);
    assert.ok(c.size[c.size.length - 1] > 3.7 * 0.2);
  }
});

test("words name who is beyond γλ and say when the fit is a stationary point; the chart marks every coefficient", () => {
  const ref = loadNcvReference("heart_mcp");
  const { x, y } = ncvProblem(ref);
  const path = fitPath(x, y, { ...ncvOptions(ref), thresh: 1e-12 });
  const r = priceReading(path, x, y, nearestLambdaIndex(path, 0.03));
  const words = priceWords(r).join("\n");
  const beyond = r.points.filter((q) => q.beyond).map((q) => q.feature);
  assert.ok(beyond.length > 0);
  assert.match(words, new RegExp(`Beyond γλ, not shrunk: ${beyond.join(", ")}\\.`));
  assert.match(words, /stationary point/);
  const spec = priceCurveSpec(r);
  assert.match(spec.description, /Beyond it, not shrunk/);
  assert.equal(spec.plot.marks?.length, 6);
});

test("explain and plot --kind price read an MCP fit; the elastic net's charts refuse it", async () => {
  const prostate = join(ROOT, "data/prostate.csv");
  const e = await run(["explain", prostate, "--target", "lpsa", "--penalty", "mcp", "--lambda", "0.05"]);
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stdout, /beyond γλ: unshrunk/);
  const out = scratchFile("price.svg", "");
  const p = await run(["plot", prostate, "--target", "lpsa", "--penalty", "scad", "--kind", "price", "--lambda", "0.05", "--out", out]);
  assert.equal(p.code, 0, p.stderr);
  assert.match(readFileSync(out, "utf8"), /price-curve/);
  const pull = await run(["plot", prostate, "--target", "lpsa", "--penalty", "mcp", "--kind", "pull", "--lambda", "0.05"]);
  assert.notEqual(pull.code, 0);
  assert.match(pull.stderr, /--kind pull/);
});
