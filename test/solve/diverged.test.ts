// A coefficient that no penalty holds can grow past the 64-bit numbers: the path stops before that λ and
// says which variable, never a NaN intercept (found by the fuzzer: explain's force-in refit, seed 1380239329).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fitPath } from "../../src/solve/path.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { NoSolutionError } from "../../src/errors.js";
import { dropCosts } from "../../src/explain/drop.js";
import { run, scratchFile } from "../cli/helpers.js";

// The fuzzer's rows with a value missing dropped: weights from 1e-300 to 1e300, features near the smallest numbers.
const y = [1, 1, 1, 1, 2, 1, 1, 2, 2, 1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 2, 2];
const columns: Record<string, number[]> = {
  avref0: [-1.8391209301780327e-186, -1.5329662625101353e-189, -2.0612943139814885e-197, -1.390568257185042e-157, 7.4e-323, -1.5248892683030956e-140, -1.1474899714534674e-111, -1.3530043745514707e-167, -5.175217764809115e-128, -1.9499909921334624e-35, 6.318379693008136e-250, -3.043617147001772e-53, 4.934517861839928e-301, -8.4e-323, 2, -3.5e-323, -3.106006291343814e-144, -7.669868416170911e-80, 2, 5.832202349165406e-43, -5, -5, 5.3488518726005216e-15, 6.049438503691381e-223, -7e-323],
  j_6_1: [-4.4e-323, 1.5007189782609306e-242, -5.701589204709793e-43, 2.9999999999999942, 0, -1.790889772768014e-140, 1.4170516528814578e-140, 4.010935245503907e-85, 1.896386989960164e-184, 5.382327846776341e-114, -4, -4.8451275232428135e-101, 7.622809557350325e-281, -2e-323, -1e-323, 1.729518278117637e-262, -2.9999999999999982, 0, 1.176727778540437e-63, -1.2794014298604729e-278, -5.294754146031423e-226, 2.4260495032998946e-175, 0, -2, -1.2832917848742747e-165],
  d_a2: [-1.1079363915110635e-78, 3, -2.9999999999999973, 1.3959443808141005e-39, 7.376506715739113e-35, 0.00020995509683541098, 0, 2.999999999999995, -1.4905676467797775e-173, -1.0884053196248982e-212, 1.909361679124791e-222, 3.402459529404253e-184, -1.3224212534837167e-136, 5e-324, 0, 3.5755590520983803e-9, -3, 2.0935414818948367e-265, -2.9999999999999982, 8.678891700288051e-163, 1, -7.920526112404488e-195, 1, 9.241598335874573e-278, -2.205205766693228e-60],
  xq53_3: [-1.196105777451793e-288, -5e-323, -1.2722291884013568e-250, 2.999999999999992, -1.8117418296256555e-50, 3.5e-323, -1.2549690699106619e-259, 1.3574762555631306e-229, 1.93109096275241e-50, -2.5352526926718657e-73, -7.952658041213902e-238, -4, -1, 2.083447404216808e-59, 4e-323, -5e-323, -1.7917135560426385e-176, -2.273926730105116e-275, 0, 6.101780909102463e-266, -4, -1.7826549991978632e-256, 2.999999999999998, -1.7928614868913567e-200, -2.697397544026335e-180],
  e_4: [0, -3e-200, -2e-200, -2.556518708225369e-231, 0, 4.906325167245094e-216, -1e-200, 0, 0, 0, -4e-200, 0, 1.3461949025894421e-255, 5.829869002457668e-206, 0, -5.2953124756603426e-260, -5.446088506625186e-279, 3.3042127e-317, 0, 9.986821995394482e-270, 0, 0, 0, 0, 4e-200],
};
const w = [1e-300, 0.5, 2, 0, 1, 1, 1e300, 1e300, 1e300, 1e-300, 1, 0.5, 0, 2, 1e-300, 1e-300, 1e300, 2, 1, 2, 1, 1, 0.5, 2, 2];
const names = Object.keys(columns);
const x = modelMatrix(names, names.map((k) => Float64Array.from(columns[k])));
const y01 = Float64Array.from(y, (v) => v - 1);
const settings = { family: "binomial" as const, intercept: false, weights: w };
// The thresh of explain's refits (drop.ts): the default one stops the IRLS before the coefficient overflows.
const tight = { ...settings, thresh: 1e-12 };

test("an unpenalized coefficient that overflows stops the fit naming it, with no NaN", () => {
  const factors = [1, 1, 1, 1, 0];
  assert.throws(() => fitPath(x, y01, { ...tight, penaltyFactor: factors, lambda: [0.194953] }), (e: unknown) => {
    assert.ok(e instanceof NoSolutionError, String(e));
    assert.match(e.message, /no finite fit exists at the 1st λ \(λ = 0\.194953\): the coefficient of e_4 grows past the largest 64-bit number/);
    assert.doesNotMatch(e.message, /NaN|Infinity/);
    return true;
  });
  // Unpenalized, it has no finite value at any λ: the first one given is named.
  assert.throws(() => fitPath(x, y01, { ...tight, penaltyFactor: factors, lambda: [0.5, 0.194953] }), /no finite fit exists at the 1st λ \(λ = 0\.500000\): the coefficient of e_4/);
});

test("explain's drop costs leave out a refit with no finite fit, and say so; the others stand", () => {
  const path = fitPath(x, y01, settings);
  const lambda = path.lambda[4];
  const costs = dropCosts(path, { x, y: y01, weights: Float64Array.from(w) }, { lambda });
  assert.deepEqual(costs.unfitted.map((u) => [u.feature, u.kind]), [["e_4", "force"]]);
  assert.match(costs.unfitted[0].reason, /e_4 grows past the largest 64-bit number/);
  assert.deepEqual(costs.costs.map((c) => c.feature), ["avref0", "j_6_1", "d_a2", "xq53_3"]);
  for (const c of costs.costs) assert.ok(Number.isFinite(c.deviance), c.feature);
});

test("shrinkage explain on the fuzzer's file exits 0, notes the missing cost and writes it in JSON", async () => {
  const header = ["y", ...names, "w"];
  const rows = y.map((v, i) => [v, ...names.map((k) => columns[k][i]), w[i]].join(","));
  const file = scratchFile("diverged.csv", [header.join(","), ...rows].join("\n") + "\n");
  const r = await run(["explain", file, "--target", "y", "--family", "binomial", "--weights", "w", "--no-intercept", "--lambda", String(fitPath(x, y01, settings).lambda[4]), "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /shrinkage: note: no force-in cost for e_4: .*grows past the largest 64-bit number/);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.dropCosts.unfitted.map((u: { feature: string }) => u.feature), ["e_4"]);
  assert.equal(json.coefficients.find((c: { feature: string }) => c.feature === "e_4").dropCost, null);
  assert.doesNotMatch(r.stdout, /NaN|Infinity/);
});

test("a multinomial fit out of passes at λ = ∞ names its unpenalized variables, which may have no finite coefficients", async () => {
  const { fitMultinomialPath } = await import("../../src/solve/multi/fit.js");
  const n = 30;
  // sep is nonzero exactly on class a's rows: unpenalized, its coefficients grow without end (at a tight thresh;
  // at the default one the growing steps fall below it and the fit stops at large finite values, as glmnet's).
  const sep = Float64Array.from({ length: n }, (_, i) => (i < 10 ? 1 + i * 0.1 : 0));
  const noise = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
  const labels = Array.from({ length: n }, (_, i) => (i < 10 ? "a" : i % 2 ? "b" : "c"));
  const xm = modelMatrix(["sep", "noise"], [sep, noise]);
  for (const grouped of [false, true]) {
    assert.throws(() => fitMultinomialPath(xm, labels, { penaltyFactor: [0, 1], grouped, maxit: 2000, thresh: 1e-12 }), (e: unknown) => {
      assert.ok(e instanceof NoSolutionError, String(e));
      assert.match(e.message, /at the 1st λ \(λ = ∞, where only the unpenalized variables move\).*unpenalized, sep may have no finite coefficients/);
      return true;
    });
  }
  // Penalized, the same data fit a path.
  assert.ok(fitMultinomialPath(xm, labels, { maxit: 2000 }).lambda.length > 1);
});
