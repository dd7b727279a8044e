import { test } from "node:test";
import assert from "node:assert/strict";
import { OptionError } from "../../src/errors.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { loadNcvReference, ncvProblem } from "../helpers/ncvreg.js";

const { x, y } = ncvProblem(loadNcvReference("prostate_mcp"));

test("γ at or below 1 (MCP) or 2 (SCAD) is an error naming penaltyGamma", () => {
  for (const [penalty, gamma] of [["mcp", 1], ["scad", 2], ["scad", 1.5]] as const) {
    assert.throws(() => fitPath(x, y, { penalty, penaltyGamma: gamma }), (e: unknown) => e instanceof OptionError && e.option === "penaltyGamma");
  }
});

test("what ncvreg has no equivalent of is refused by name, not ignored", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ weights: new Float64Array(x.n).fill(1) }, "weights"],
    [{ offset: new Float64Array(x.n) }, "offset"],
    [{ lowerLimits: 0 }, "lowerLimits"],
    [{ standardize: false }, "standardize"],
    [{ intercept: false }, "intercept"],
    [{ relax: true }, "relax"],
    [{ gapTol: 1e-6 }, "gapTol"],
    [{ alpha: 0 }, "alpha"],
    [{ penaltyFactor: 0 }, "penaltyFactor"],
  ];
  assert.equal(cases.length, 9);
  for (const [extra, option] of cases) {
    assert.throws(() => fitPath(x, y, { penalty: "mcp", ...extra }), (e: unknown) => e instanceof OptionError && e.option === option, option);
  }
  assert.throws(() => fitPath(x, y, { penalty: "bridge" as "mcp" }), (e: unknown) => e instanceof OptionError && e.option === "penalty");
});

test("defaults are ncvreg's: 100 λs down to 0.001·λ_max when n > p, γ 3 and 3.7", () => {
  const mcp = fitPath(x, y, { penalty: "mcp" });
  assert.equal(mcp.lambda.length, 100);
  assert.ok(Math.abs(mcp.lambda[99] / mcp.lambda[0] - 0.001) < 1e-12);
  assert.equal(mcp.gamma, 3);
  assert.equal(fitPath(x, y, { penalty: "scad" }).gamma, 3.7);
  // n ≤ p: 0.05. Six rows, ten varying features.
  const wide = modelMatrix(Array.from({ length: 10 }, (_, j) => `x${j}`), Array.from({ length: 10 }, (_, j) => Float64Array.from({ length: 6 }, (_, i) => Math.sin(1 + i * 7 + j * 3))));
  const small = fitPath(wide, Float64Array.of(1, 3, 2, 5, 4, 6), { penalty: "mcp" });
  assert.ok(Math.abs(small.lambda[small.lambda.length - 1] / small.lambda[0] - 0.05) < 1e-12, `ratio ${small.lambda[small.lambda.length - 1] / small.lambda[0]}`);
});

test("a penalty factor of 0 keeps the feature in, unshrunk, from the first λ (ncvreg's penalty.factor)", () => {
  const path = fitPath(x, y, { penalty: "mcp", penaltyFactor: { lcavol: 0 } });
  const j = x.names.indexOf("lcavol");
  assert.ok(j >= 0);
  for (let l = 0; l < path.lambda.length; l++) assert.ok(Array.from(path.beta[l].index).includes(j), `lcavol missing at λ[${l}]`);
  assert.equal(path.settings.penaltyFactor[j], 0);
});

test("collinear unpenalized features: one is left out of the null model, as R's glm does (ncvreg's λs)", () => {
  // ncvreg 3.16: i <- 0:49; a <- sin(i*1.3); b <- 2*a+1; c <- cos(i*0.7); y <- a + c + 0.1*sin(i*5)
  //   f <- ncvreg(cbind(a,b,c), y, penalty.factor=c(0,0,1)); f$lambda[1:3]; f$beta[, 2]
  const i = Array.from({ length: 50 }, (_, k) => k);
  const a = Float64Array.from(i, (k) => Math.sin(k * 1.3)), b = a.map((v) => 2 * v + 1), c = Float64Array.from(i, (k) => Math.cos(k * 0.7));
  const yy = Float64Array.from(i, (k) => a[k] + c[k] + 0.1 * Math.sin(k * 5));
  const path = fitPath(modelMatrix(["a", "b", "c"], [a, b, c]), yy, { penalty: "mcp", penaltyFactor: { a: 0, b: 0 } });
  const ncvregLambda = [0.707524349390328, 0.659838916403876, 0.615367981842052];
  ncvregLambda.forEach((l, k) => assert.ok(Math.abs(path.lambda[k] / l - 1) < 1e-12, `λ[${k}] ${path.lambda[k]} vs ${l}`));
  const beta = Array.from({ length: 3 }, (_, j) => path.beta[1].value[Array.from(path.beta[1].index).indexOf(j)] ?? 0);
  assert.ok(Math.abs(beta[0] - 0.9509776) < 1e-6 && Math.abs(beta[1]) < 1e-12 && Math.abs(beta[2] - 0.1007950) < 1e-6, `β at λ[1]: ${beta.join(", ")}`);
});
