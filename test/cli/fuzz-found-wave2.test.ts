// Defects the wave-2 fuzzer found (issue 21), each as a class: a test per class, not per example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, NoSolutionError } from "../../src/errors.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { sparseFromDense } from "../../src/data/sparse.js";
import { fitSparsePath } from "../../src/solve/sparse-fit.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import { kernelChoice, setKernels } from "../../src/linalg/workspace.js";
import { assertOneLineError, run, scratchFile } from "./helpers.js";

// MCP and SCAD fitted a gaussian outcome whose deviance overflows (values near 1e299) and printed
// devRatio and nullDeviance as null with exit 0; the elastic net refuses it. Now both refuse it alike.
test("a gaussian outcome too large to square is refused under every penalty, as the elastic net refuses it", async () => {
  const rows = ["y,x1,x2", "1e299,1,0.5", "-3e298,2,0.1", "2e299,3,0.9", "5e298,4,0.3", "-1e299,5,0.7", "4e298,6,0.2"];
  const file = scratchFile("huge.csv", rows.join("\n") + "\n");
  const penalties = ["lasso", "mcp", "scad"];
  for (const penalty of penalties) {
    assertOneLineError(await run(["fit", file, "--target", "y", "--penalty", penalty, "--format", "json"]), /the outcome is too large to square \(values up to 2e\+299\)/);
  }
  const x = modelMatrix(["x1", "x2"], [[1, 2, 3, 4, 5, 6], [0.5, 0.1, 0.9, 0.3, 0.7, 0.2]]);
  const y = [1e299, -3e298, 2e299, 5e298, -1e299, 4e298];
  for (const penalty of ["mcp", "scad"] as const) assert.throws(() => fitPath(x, y, { penalty }), (e: unknown) => e instanceof DataError && /too large to square/.test(e.message));
  assert.equal(penalties.length, 3);
});

// explain printed "Infinity" in the pull₀/price column at α = 6e-323: the price λ·α·v was a denormal
// number and the ratio overflowed. A ratio to a price too small to compare with is null (shown blank).
test("drop costs' pull-to-price ratio is a finite number or null, never Infinity, when α is tiny", async () => {
  const { dropCosts } = await import("../../src/explain/drop.js");
  const x = modelMatrix(["a", "b", "c"], [[1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7], [1, 0, 1, 0, 1, 1, 0, 0]]);
  const y = [1.2, 1.9, 3.4, 3.8, 5.1, 6.3, 6.8, 8.4];
  const path = fitPath(x, y, { alpha: 6e-323, nlambda: 5 });
  const costs = dropCosts(path, { x, y }, { lambda: path.lambda[2] });
  const ratios = costs.costs.map((d) => d.pullRatio);
  assert.equal(ratios.length, 3);
  assert.ok(ratios.every((r) => r === null || Number.isFinite(r)), String(ratios));
  assert.ok(ratios.some((r) => r === null), "a denormal price gives no ratio");
});

// MCP on features of scale 1e-200 (every sd ≤ 1e-6, which ncvreg leaves out) drew a chart "for λ from 0
// down to NaN" with exit 0. With no usable column there is no path: refused, naming the rule.
test("MCP and SCAD refuse a design whose every feature ncvreg would leave out (sd ≤ 1e-6)", async () => {
  const rows = ["y,a,b", "1,1e-200,3e-201", "0,-2e-200,1e-201", "1,3e-200,-2e-201", "0,1e-201,5e-201", "1,-1e-200,2e-201", "0,2e-200,-1e-201"];
  const file = scratchFile("tiny.csv", rows.join("\n") + "\n");
  const cases = [["plot", "--family", "binomial", "--penalty", "mcp"], ["fit", "--family", "gaussian", "--penalty", "scad"]];
  for (const [command, ...args] of cases) {
    assertOneLineError(await run([command, file, "--target", "y", ...args]), /every feature has a standard deviation ≤ 1e-6, which (mcp|scad) leaves out/);
  }
  assert.equal(cases.length, 2);
});

// A Cox fit with weights from 1e-300 to 1e300 printed -Infinity and NaN coefficients with exit 0 (seeds
// 1381661668, 1381711168): a light row's curvature underflowed to 0, so its coordinate's step divided by
// 0. In WebAssembly the NaN never joined the active set, which was all the divergence check read; in
// TypeScript it stalled the passes until maxit. The check reads every coefficient, before the status.
test("a coordinate whose curvature underflows to 0 stops the path as diverged, naming it, in both kernels", async () => {
  const rows = ["time,d1,e2,event,entry,w", "4.508,1.26e-38,4.4e-323,1,0.005,1e300", "50,3.5e-34,3,0,0,1e-300", "0.02055,2.2e-82,-1,1,0.001,0.5"];
  const file = scratchFile("light.csv", rows.join("\n") + "\n");
  const x = modelMatrix(["d1", "e2"], [[1.26e-38, 3.5e-34, 2.2e-82], [4.4e-323, 3, -1]]);
  const survival = { status: Float64Array.from([1, 0, 1]), start: Float64Array.from([0.005, 0, 0.001]) };
  const before = kernelChoice();
  const kernels = ["wasm", "ts"] as const;
  try {
    for (const k of kernels) {
      setKernels(k);
      const path = fitPath(x, [4.508, 50, 0.02055], { family: "cox", survival, weights: [1e300, 1e-300, 0.5], nlambda: 5 });
      assert.equal(path.lambda.length, 1, k);
      assert.match(path.warnings.join("\n"), /no finite fit exists at the 2nd λ .*: the coefficient of d1 grows past the largest 64-bit number/, k);
      assert.ok(path.beta.every((b) => b.value.every(Number.isFinite)), k);
    }
  } finally {
    setKernels(before);
  }
  const r = await run(["fit", file, "--target", "time", "--family", "cox", "--status", "event", "--start", "entry", "--weights", "w", "--nlambda", "5", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).coefficients, [[0, 0]]);
  assert.match(r.stderr, /no finite fit exists at the 2nd λ .*d1 grows past the largest 64-bit number/);
  assert.equal(kernels.length, 2);
});

// cv --penalty scad on Poisson counts printed "± Infinity" with exit 0 (seed 1381650887): a fold's fit
// extrapolated to a held-out row (η past the mean's cap, loss near 1e307, finite), and cv.ncvreg's sd
// over rows squared the losses. Its summary now shares cv.glmnet's mean and standard error, which
// scale the squares by the largest gap when they would overflow.
test("MCP and SCAD cross-validation's cvsd is finite when held-out losses are huge but finite", async () => {
  const rows = ["y,a,b,fold", "2,0,0,1", "8,0,0,2", "15,3.5e-6,0,3", "23,0,5,1", "15,5,0,2", "15,0,3,3", "24,0,0,1", "3,0,0,2", "20,0,0,3", "6,0,0,1", "10,3,0,2", "19,0,-2e-6,3", "8,0,-3,1"];
  const file = scratchFile("extrapolated.csv", rows.join("\n") + "\n");
  const penalties = ["mcp", "scad"];
  for (const penalty of penalties) {
    const r = await run(["cv", file, "--target", "y", "--family", "poisson", "--foldid", "fold", "--penalty", penalty, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const { cvm, cvsd } = JSON.parse(r.stdout).cv;
    assert.ok(cvm.some((m: number) => m > 1e300), `${penalty}: the folds' losses are huge somewhere`);
    assert.ok(cvsd.every((s: unknown) => typeof s === "number" && Number.isFinite(s)), `${penalty}: ${cvsd}`);
    const table = await run(["cv", file, "--target", "y", "--family", "poisson", "--foldid", "fold", "--penalty", penalty, "--format", "table"]);
    assert.doesNotMatch(table.stdout, /Infinity|NaN/);
  }
  assert.equal(penalties.length, 2);
});

// explain on a Cox file refitted at λ = 1e-300 wrote "hazard ratio Infinity per standard deviation" with
// exit 0 (seed 1381705284): the rows' order is explained perfectly and k's coefficient is 1.7e54, whose
// exp overflows. A ratio past the 64-bit numbers (either way) is written exp(β̃), never Infinity or 0.
test("explain writes a hazard ratio past the 64-bit numbers as exp(β̃), never Infinity", async () => {
  const { expWords } = await import("../../src/explain/words.js");
  const rows = ["time,b,k,event,off", "0.1238,-7.4e-323,4.4e-323,1,-1", "0.01,-7.39e-297,1.84e-53,1,0", "9.698,4,3.28e-250,0,0"];
  const file = scratchFile("perfect.csv", rows.join("\n") + "\n");
  const r = await run(["explain", file, "--target", "time", "--family", "cox", "--status", "event", "--offset", "off", "--no-standardize", "--lambda", "1e-300"]);
  assert.equal(r.code, 0, r.stderr);
  // --no-standardize: β̃ is β, so the ratio is per unit of k.
  assert.match(r.stdout, /k = 1\.71e\+54 \(hazard ratio exp\(1\.71e\+54\) per\s+unit\)/);
  assert.doesNotMatch(r.stdout, /Infinity|NaN/);
  const cases: [number, string][] = [[2, "7.389"], [-800, "exp(-800)"], [710, "exp(710)"], [709, "8.22e+307"]];
  for (const [b, words] of cases) assert.equal(expWords(b), words, String(b));
  assert.equal(cases.length, 4);
});

// explain --lambda 1e300 wrote "(it would need Infinity times the pull it has)" with exit 0 (seeds
// 1382060782, 1382066597, 1382209893): price / pull overflowed for a tiny pull. Past the 64-bit numbers
// the words say "more than 1.8e+308 times".
test("explain's words for a variable at zero never say it needs Infinity times its pull", async () => {
  const rows = ["y,a,b", "1e-20,1,2", "3e-20,2,1", "-2e-20,3,5", "4e-20,4,3", "0,5,4", "2e-20,6,7"];
  const file = scratchFile("tiny-pull.csv", rows.join("\n") + "\n");
  const r = await run(["explain", file, "--target", "y", "--lambda", "1e300"]);
  assert.equal(r.code, 0, r.stderr);
  const needs = r.stdout.replace(/\s+/g, " ").match(/it would need [^)]* times the pull it has/g) ?? [];
  assert.deepEqual(needs, Array(2).fill("it would need more than 1.8e+308 times the pull it has"));
  assert.doesNotMatch(r.stdout, /Infinity|NaN/);
});

// explain --family mgaussian at α = 7e-323 printed "Infinity" in the pull₀/price column and "would be
// Infinity times its price" (seed 1382086374): the multi-response drop costs divided by the denormal
// price, which the single-response ones stopped doing (the test above). They now share ratioOrNull,
// and the words of both say when the price is too small to compare with.
test("multi-response drop costs' pull-to-price ratio is a number or none, never Infinity, when α is tiny", async () => {
  const rows = ["y,y2,a,b", "1.2,0.3,1,2", "1.9,-0.2,2,1", "3.4,0.8,3,4", "3.8,0.1,4,3", "5.1,1.1,5,6", "6.3,0.4,6,5", "6.8,1.4,7,8", "8.4,0.9,8,7"];
  const file = scratchFile("tiny-alpha-multi.csv", rows.join("\n") + "\n");
  const r = await run(["explain", file, "--target", "y,y2", "--family", "mgaussian", "--alpha", "7e-323", "--nlambda", "5", "--folds", "4"]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /Infinity|NaN/);
  assert.equal(r.stdout.match(/its price 1\.48e-323 is too small to compare with/g)?.length, 2);
  const json = JSON.parse((await run(["explain", file, "--target", "y,y2", "--family", "mgaussian", "--alpha", "7e-323", "--nlambda", "5", "--folds", "4", "--format", "json"])).stdout);
  const ratios = JSON.stringify(json).match(/"pullRatio":[^,}]*/g) ?? [];
  assert.deepEqual(ratios, ['"pullRatio":null', '"pullRatio":null']);
});

// fit --penalty mcp --lambda 0.1 on two Poisson rows printed an empty path with exit 0 (seed 1382075148):
// ncvreg's path stops where the model saturates, and it saturated at the first (given) λ. A path that
// fits no λ is refused, saying why, as the elastic net's is.
test("an MCP or SCAD path that saturates at its first λ is refused, never an empty path", async () => {
  const rows = ["y,a,b", "2,6.4e-323,4.7e-57", "4,-1,1"];
  const file = scratchFile("saturated.csv", rows.join("\n") + "\n");
  const x = modelMatrix(["a", "b"], [[6.4e-323, -1], [4.7e-57, 1]]);
  const penalties = ["mcp", "scad"] as const;
  for (const penalty of penalties) {
    assert.throws(() => fitPath(x, [2, 4], { family: "poisson", penalty, lambda: [0.1] }), (e: unknown) => e instanceof NoSolutionError && e.option === "lambda");
    assertOneLineError(await run(["fit", file, "--target", "y", "--family", "poisson", "--penalty", penalty, "--lambda", "0.1", "--format", "json"]), /no λ was fitted: the model saturates already at the 1st λ \(λ = 0\.1\)/);
  }
  assert.equal(penalties.length, 2);
});

// fit --penalty scad on a binomial file whose feature is orthogonal to the outcome printed λs of NaN
// (JSON null) with exit 0 (seed 1382194203): λ_max was 0 and the λs were log-spaced from it. As the
// elastic net's, the path is then the null model alone, at λ = 0, with a note.
test("MCP and SCAD with no pull on the null model fit the null model alone at λ = 0, as the lasso does", async () => {
  const rows = ["y,a", "1,1", "2,1", "1,-1", "2,-1"];
  const file = scratchFile("orthogonal.csv", rows.join("\n") + "\n");
  const cases = [["gaussian", "mcp"], ["binomial", "scad"], ["poisson", "mcp"], ["gaussian", "lasso"]];
  for (const [family, penalty] of cases) {
    const r = await run(["fit", file, "--target", "y", "--family", family, "--penalty", penalty, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual([json.lambda, json.coefficients, json.df], [[0], [[0]], [0]], `${family} ${penalty}`);
    assert.match(r.stderr, /no penalized variable has any pull on the outcome: the path is the null model alone/);
  }
  assert.equal(cases.length, 4);
});

// explain --family mgaussian printed NaN in the KKT gap column with exit 0 (seed 1382636015): a column
// near 1e200 had its sd summed as squares, which overflowed, so its pulls were all 0 and its β̃ NaN.
// The multi-response evidence takes the solver's weightedSd, rescaled when the squares overflow.
test("multi-response explain reads a feature near 1e200 as the solver does: finite pulls and KKT gap", async () => {
  const rows = ["y,y2,a,big", "1.2,0.3,1,3e200", "1.9,-0.2,2,-3e200", "3.4,0.8,3,4e200", "3.8,0.1,4,1", "5.1,1.1,5,-2e200", "6.3,0.4,6,0", "6.8,1.4,7,1e200", "8.4,0.9,8,-4e200"];
  const file = scratchFile("huge-multi.csv", rows.join("\n") + "\n");
  const r = await run(["explain", file, "--target", "y,y2", "--family", "mgaussian", "--folds", "4", "--lambda", "0.1", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const big = JSON.parse(r.stdout).variables.find((v: { feature: string }) => v.feature === "big");
  assert.equal(big.status, "kept");
  assert.ok(Math.abs(big.pullSize - 0.1) < 1e-9, `in the model its pulls' length meets the price 0.1: ${big.pullSize}`);
  assert.ok(Number.isFinite(big.violation) && big.violation < 1e-9, String(big.violation));
  assert.doesNotMatch((await run(["explain", file, "--target", "y,y2", "--family", "mgaussian", "--folds", "4", "--lambda", "0.1"])).stdout, /NaN|Infinity/);
});

// explain --penalty scad printed "|β̃| = NaN" with exit 0 (seed 1382853855): ncvreg's standardization
// summed a column near 1e300 as squares, which overflowed; the infinite sd passed the 1e-6 test and
// scaled the column to zeros (never fitted, β̃ = β·∞ NaN). Its sd is now rescaled when the squares
// overflow: the column is fitted as the same column at scale 1 is, its coefficient scaled by 1e-300.
test("MCP and SCAD fit a column near 1e300 as the same column at scale 1, and explain it without NaN", async () => {
  const a = [1, 3, 2, 5, 4, 6, 8, 7];
  const b = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.4, 0.8];
  const y = [1.1, 3.2, 1.8, 5.3, 3.9, 6.2, 7.7, 7.1];
  const at = (scale: number) => modelMatrix(["a", "b"], [a.map((v) => v * scale), b]);
  const penalties = ["mcp", "scad"] as const;
  for (const penalty of penalties) {
    const big = fitPath(at(1e300), y, { penalty, nlambda: 10 });
    const unit = fitPath(at(1), y, { penalty, nlambda: 10 });
    assert.deepEqual(big.df, unit.df, penalty);
    const k = unit.lambda.length - 1;
    assert.ok(Math.abs(big.beta[k].value[0] * 1e300 - unit.beta[k].value[0]) < 1e-9, `${penalty}: ${big.beta[k].value[0]}`);
  }
  const file = scratchFile("huge-ncv.csv", ["y,a,b", ...y.map((v, i) => `${v},${a[i] * 1e300},${b[i]}`)].join("\n") + "\n");
  const r = await run(["explain", file, "--target", "y", "--penalty", "scad", "--folds", "4"]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /NaN|Infinity/);
  assert.equal(penalties.length, 2);
});

// plot --family binomial --no-intercept failed with "its intercept is NaN" (NaN outside quotes, naming
// nothing a person can fix; seed 1382962459): a feature whose values are all near 1e-323 entered, and
// its coefficient on the data's scale, β̃/sd with sd 4.4e-323, overflowed (0·∞ made the intercept NaN).
// The recorded λ's coefficients are checked first, and the error names the feature and the fix.
test("a coefficient that overflows on the data's scale is refused naming its feature, never as a NaN intercept", async () => {
  const columns = { b0: [-6.4e-323, -3, 4.5e-82], k28le1: [8.4e-323, -3e-323, 3.5e-323] };
  const x = modelMatrix(Object.keys(columns), Object.values(columns));
  const settings = { family: "binomial" as const, offset: [2, -1, 0], intercept: false };
  assert.throws(() => fitPath(x, [1, 0, 1], settings), (e: unknown) => e instanceof DataError && e.column === "k28le1" && /the coefficient of feature "k28le1" at the 2nd λ .* overflows 64-bit arithmetic on the data's scale \(its standard deviation is 4\.4e-323/.test(e.message));
  const file = scratchFile("denormal.csv", ["y,b0,k28le1,off", "1,-6.4e-323,8.4e-323,2", "0,-3,-3e-323,-1", "1,4.5e-82,3.5e-323,0"].join("\n") + "\n");
  for (const command of ["fit", "plot"]) {
    assertOneLineError(await run([command, file, "--target", "y", "--family", "binomial", "--offset", "off", "--no-intercept"]), /feature "k28le1" .*multiply the feature by a power of ten/);
  }
});

// fit --penalty mcp on a gaussian outcome near 1e-228 printed %Dev NaN with exit 0 (seed 1383625326):
// ncvreg's deviance ratio summed squared residuals, which underflowed, so it was 0/0. Summed over the
// largest |y − ȳ|, the ratio is the same as at scale 1, where nothing underflows.
test("MCP and SCAD deviance ratios of a tiny gaussian outcome are those of the outcome at scale 1", () => {
  const x = modelMatrix(["a", "b"], [[1, 3, 2, 5, 4, 6, 8, 7], [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.4, 0.8]]);
  const y = [1.1, 3.2, 1.8, 5.3, 3.9, 6.2, 7.7, 7.1];
  const penalties = ["mcp", "scad"] as const;
  for (const penalty of penalties) {
    const tiny = fitPath(x, y.map((v) => v * 1e-228), { penalty, nlambda: 10 });
    const unit = fitPath(x, y, { penalty, nlambda: 10 });
    // (At 1e-228 ncvreg's passes run out after the 2nd λ: a cut path, said in a warning; compared where both fit.)
    assert.ok(tiny.devRatio.length >= 2, penalty);
    assert.ok(tiny.devRatio[1] > 0.5, `${penalty}: ${tiny.devRatio[1]}`);
    tiny.devRatio.forEach((d, l) => assert.ok(Math.abs(d - unit.devRatio[l]) < 1e-9, `${penalty} at ${l}: ${d} vs ${unit.devRatio[l]}`));
  }
  assert.equal(penalties.length, 2);
});

// fit --family mgaussian with weights near 1e300 printed "nullDeviance": null with exit 0 (seed
// 1383551195): the weights' sum times the responses' residual sum of squares overflowed. As for one
// gaussian outcome, the weights are named (only their ratios matter), or the response too large to square.
test("mgaussian refuses a null deviance that overflows, naming the weights or the response", async () => {
  const heavy = scratchFile("heavy-multi.csv", ["y,y2,a,b,w", "1.2,3e10,1,2,1e300", "1.9,-2e10,2,1,1e300", "3.4,1e10,3,4,1e300", "3.8,0,4,3,1e300", "5.1,5e10,5,6,1e300", "6.3,1,6,5,1"].join("\n") + "\n");
  assertOneLineError(await run(["fit", heavy, "--target", "y,y2", "--family", "mgaussian", "--weights", "w", "--format", "json"]), /the weights \(summing to 5e\+300\) times the responses' residual sum of squares overflow the null deviance: divide the weights by a power of ten/);
  const huge = scratchFile("huge-response.csv", ["y,y2,a,b", "1.2,3e200,1,2", "1.9,-2e200,2,1", "3.4,1e200,3,4", "3.8,0,4,3", "5.1,5e200,5,6", "6.3,1,6,5"].join("\n") + "\n");
  assertOneLineError(await run(["fit", huge, "--target", "y,y2", "--family", "mgaussian", "--format", "json"]), /response "y2" is too large to square \(values up to 5e\+200\)/);
});

// explain with an offset near 1e10 and a column near 3e300 failed with "boundSide: pull must be a finite
// number, got NaN" (a JavaScript-level check, NaN in the message; seed 1383509034): the pull summed
// (x − x̄)·r before dividing by the sd, and those products overflowed. When they do, each term is scaled
// first, as the solver's standardized x̃ has it.
test("explain's pull on a column near 1e300 against large residuals is finite and meets its price", async () => {
  const rows = ["y,a,big,off", "1.2,1,-3e300,2", "1.9,2,4e300,1e10", "3.4,3,-2e300,-1", "3.8,4,1e300,0", "5.1,5,3e300,-1e10", "6.3,6,-1e300,0.1", "6.8,7,2e300,1", "8.4,8,-4e300,0"];
  const file = scratchFile("big-pull.csv", rows.join("\n") + "\n");
  for (const lambda of ["0", "0.1"]) {
    const r = await run(["explain", file, "--target", "y", "--offset", "off", "--lambda", lambda, "--folds", "4", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const big = JSON.parse(r.stdout).coefficients.find((c: { feature: string }) => c.feature === "big");
    assert.equal(big.status, "active", lambda);
    assert.ok(Math.abs(Math.abs(big.pull) - big.price) <= 1e-6, `λ = ${lambda}: pull ${big.pull}, price ${big.price}`);
  }
});

// explain wrote "the feature most correlated with the outcome is x_jj_0 (r = NaN)" with exit 0 (seed
// 1383431542): with weights from 1e-300 to 1e300 and values near 1e-80, the correlation's direct sums
// underflowed to 0/0. When they do, it is summed over deviations scaled by their sds first.
test("explain's correlations are numbers in [−1, 1] or null when their sums under- or overflow", async () => {
  const rows = [
    "y,x_jj_0,h41,w,fold", "3.17389e-254,-1.288650506168129e-33,5,1e-300,1", "-7.99362e-35,-1.038712870795262e-192,-1.0349251949974859e-259,1e-300,2",
    "4.60165e-119,1.2337470843545233e-80,4.733950409376115e-215,0.5,3", "3.89696e-242,-1.1482453951218971e-80,-3.6352375128910895e-202,1e300,1", "-100,-1.729177372535324e-86,-1.5272294896433463e-98,0.5,2",
  ];
  const file = scratchFile("tiny-correlation.csv", rows.join("\n") + "\n");
  const args = ["explain", file, "--target", "y", "--weights", "w", "--foldid", "fold", "--lambda", "0.1"];
  const text = await run(args);
  assert.equal(text.code, 0, text.stderr);
  assert.doesNotMatch(text.stdout, /NaN|Infinity/);
  const json = await run([...args, "--format", "json"]);
  const correlations = [...json.stdout.matchAll(/"correlation":(null|[-0-9.e+]+)/g)].map((m) => (m[1] === "null" ? null : Number(m[1])));
  assert.ok(correlations.length >= 2, json.stdout.slice(0, 200));
  assert.ok(correlations.every((r) => r === null || (r >= -1 && r <= 1)), String(correlations));
});

// explain --family mgaussian --lambda 0 failed with "lambda[1] must be a finite number, got NaN" (seed
// 1384572917): when a drop cost's cold refit failed, the warm retry rescaled the λs above by at/λ, 0/0
// at λ = 0. They are rescaled by the penalty factors' ratio itself. With one usable feature its drop
// refit then stopped explain ("every feature is constant or excluded"): that refit is the null model.
test("multi-response drop costs at λ = 0 rescale the λs above without 0/0", async () => {
  const file = scratchFile("one-feature-multi.csv", ["y,y2,a", "1.2,0.3,1", "1.9,-0.2,2", "3.4,0.8,3", "3.8,0.1,4", "5.1,1.1,5", "6.3,0.4,6"].join("\n") + "\n");
  const r = await run(["explain", file, "--target", "y,y2", "--family", "mgaussian", "--lambda", "0", "--folds", "3"]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr + r.stdout, /NaN|lambda\[/);
  // Without a, the fit is the intercepts alone: the rise is the whole deviance explained (93.9% here).
  assert.match(r.stdout, /a is in for every response.*Without it \(refitted at this λ\) the residual sum of squares would rise by [0-9.]+ \(93\.9% of the null\)/);
});

// The same with a single usable feature under every multi family, at an ordinary λ, through the CLI.
test("explain with one usable feature shows its drop cost for mgaussian and multinomial", async () => {
  const rows = ["y,y2,cls,a,c", "1.2,0.3,p,1,7", "1.9,-0.2,p,2,7", "3.4,0.8,q,3,7", "3.8,0.1,p,4,7", "5.1,1.1,q,5,7", "6.3,0.4,r,6,7", "6.0,0.9,r,7,7", "7.7,0.2,q,8,7", "8.1,1.3,r,9,7"];
  const file = scratchFile("one-usable.csv", rows.join("\n") + "\n");
  const runs = [
    ["--target", "y,y2", "--family", "mgaussian", "--ignore", "cls", "--lambda", "0.1"],
    ["--target", "cls", "--family", "multinomial", "--ignore", "y,y2", "--lambda", "0.05"],
    ["--target", "cls", "--family", "multinomial", "--grouped", "--ignore", "y,y2", "--lambda", "0.05"],
  ];
  for (const args of runs) {
    const r = await run(["explain", file, ...args, "--format", "json"]);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    const e = JSON.parse(r.stdout);
    const a = e.variables.find((v: { feature: string }) => v.feature === "a");
    // Its refit without a is the null model: the rise is all the deviance the fit explains.
    const explained = e.dropCosts.nullDeviance - e.dropCosts.deviance;
    assert.ok(Math.abs(a.dropCost.deviance - explained) <= 1e-9 * e.dropCosts.nullDeviance, `${args.join(" ")}: ${a.dropCost.deviance} vs ${explained}`);
  }
});

// cv --family poisson stopped with "lambda[1] must be a finite number, got NaN" and fit printed "lambda":
// [null] (seed 907133): a feature varying by 2e-323 over the rows with weight held -2 in a row of weight
// 0, whose standardized value overflowed; 0·∞ made its pull NaN, and λ_max with it. A feature whose
// standardized values overflow is refused by name and row, in every family and command.
test("a feature whose standardized value overflows in a row of weight 0 is refused by name and row", async () => {
  const rows = [
    "y,x,d1,c,w", "4,1.6e-303,-8.4e-323,-1.2e-244,1e-300", "2,-4,-1.07e-281,1.6e-9,1e-300", "26,8.2e-209,1.5e-323,-1.07e-162,2",
    "19,-3.3e-120,-2,3.2e-76,0", "10,1.5e-257,-3.5e-323,-9.1e-195,0.5",
  ];
  const file = scratchFile("zero-weight-overflow.csv", rows.join("\n") + "\n");
  const refusal = /feature "d1" cannot be standardized: its standard deviation over the rows with weight is [0-9.e-]+, and row 4 \(weight 0\) holds -2/;
  const runs = [
    ["cv", "--family", "poisson", "--folds", "3", "--nlambda", "1"],
    ["fit", "--family", "poisson", "--format", "json"],
    ["fit", "--format", "json"],
    ["explain", "--lambda", "0.1"],
  ];
  for (const [command, ...args] of runs) assertOneLineError(await run([command, file, "--target", "y", "--weights", "w", ...args]), refusal);
  assertOneLineError(await run(["fit", file, "--target", "y,c", "--family", "mgaussian", "--weights", "w"]), refusal);
  const x = modelMatrix(["x", "d1", "c"], [1, 2, 3].map((j) => rows.slice(1).map((r) => Number(r.split(",")[j]))));
  const y = rows.slice(1).map((r) => Number(r.split(",")[0]));
  const weights = rows.slice(1).map((r) => Number(r.split(",")[4]));
  assert.throws(() => fitPath(x, y, { family: "poisson", weights }), (e: unknown) => e instanceof DataError && e.column === "d1" && e.row === 4);
});

// The same data fitted from a sparse X (--sparse, fitSparsePath) went through: its standard deviation,
// summed directly from the nonzeros, underflowed to 0 and the feature was read as constant. A sparse X
// now takes a dense X's standard deviation and refuses the feature alike, in every command and family.
test("a sparse X refuses a feature whose standardized value overflows in a row of weight 0, as a dense X does", async () => {
  const rows = [
    "y,x,d1,c,w", "4,1.6e-303,-8.4e-323,-1.2e-244,1e-300", "2,-4,-1.07e-281,1.6e-9,1e-300", "26,8.2e-209,1.5e-323,-1.07e-162,2",
    "19,-3.3e-120,-2,3.2e-76,0", "10,1.5e-257,-3.5e-323,-9.1e-195,0.5",
  ];
  const file = scratchFile("zero-weight-overflow-sparse.csv", rows.join("\n") + "\n");
  const refusal = /feature "d1" cannot be standardized: its standard deviation over the rows with weight is 1\.98e-323, and row 4 \(weight 0\) holds -2/;
  const runs = [
    ["cv", "--family", "poisson", "--folds", "3", "--nlambda", "1"],
    ["fit", "--family", "poisson", "--format", "json"],
    ["fit", "--format", "json"],
  ];
  for (const [command, ...args] of runs) assertOneLineError(await run([command, file, "--target", "y", "--weights", "w", "--sparse", ...args]), refusal);
  assertOneLineError(await run(["fit", file, "--target", "y,c", "--family", "mgaussian", "--weights", "w", "--sparse"]), refusal);
  const x = sparseFromDense(modelMatrix(["x", "d1", "c"], [1, 2, 3].map((j) => rows.slice(1).map((r) => Number(r.split(",")[j])))));
  const y = rows.slice(1).map((r) => Number(r.split(",")[0]));
  const weights = rows.slice(1).map((r) => Number(r.split(",")[4]));
  for (const family of ["poisson", "gaussian"] as const) {
    assert.throws(() => fitSparsePath(x, y, { family, weights }), (e: unknown) => e instanceof DataError && e.column === "d1" && e.row === 4);
  }
});

// A fold can refuse where the full data do not: without row 1, f varies by 1e-310 over the rows with
// weight and row 5 (weight 0) holds 5. A sparse fold names that row as the data give it (row 4 of the
// fold's own rows), and every fold's family refuses it. A dense X's standard deviation of these rows was
// NaN (0·∞ in its rescaled sum), and the feature read as constant: now it is refused as well.
test("a sparse fold names the row of weight 0 as the data give it; a dense X refuses the fold's rows too", async () => {
  const rows = ["y,z,f,w,k", "3,1,1,1,1", "1,2,0,1,2", "2,0,1e-310,1,2", "5,1,0,1,3", "4,3,5,0,3", "2,2,0,1,3"];
  const file = scratchFile("zero-weight-fold.csv", rows.join("\n") + "\n");
  const refusal = /feature "f" cannot be standardized: its standard deviation over the rows with weight is 4\.33e-311, and row 5 \(weight 0\) holds 5/;
  const r = await run(["cv", file, "--target", "y", "--weights", "w", "--foldid", "k", "--sparse", "--family", "poisson"]);
  assertOneLineError(r, refusal);
  assert.match(r.stderr, /cross-validation fold 1 /);
  const x = sparseFromDense(modelMatrix(["z", "f"], [[1, 2, 0, 1, 3, 2], [1, 0, 1e-310, 0, 5, 0]]));
  const y = [3, 1, 2, 5, 4, 2], weights = [1, 1, 1, 1, 0, 1], foldid = [1, 2, 2, 3, 3, 3];
  assert.throws(() => cvSparsePath(x, y, { weights, foldid }), refusal);
  const named = (e: unknown) => e instanceof DataError && e.column === "f" && e.row === 5 && refusal.test(e.message);
  assert.throws(() => cvSparsePath(x, [y, [1, 2, 2, 1, 3, 1]], { family: "mgaussian", weights, foldid }), named);
  assert.throws(() => cvSparsePath(x, ["a", "b", "a", "b", "a", "b"], { family: "multinomial", weights, foldid }), named);
  // The fold's rows as data of their own, dense: row 4 of them.
  const fold = modelMatrix(["f"], [[0, 1e-310, 0, 5, 0]]);
  assert.throws(() => fitPath(fold, [1, 2, 5, 4, 2], { weights: [1, 1, 1, 0, 1] }), (e: unknown) => e instanceof DataError && e.column === "f" && e.row === 4);
});

// A sparse X keeps x~ = (x - c)/s as the numbers 1/s and c/s: a feature varying by 1e-320 made 1/s
// infinite. It was read as constant (its directly summed variance underflowed); a dense X fits it and
// refuses a coefficient that overflows. A sparse X now refuses the feature by name, never a NaN.
test("a sparse X refuses by name a feature whose standard deviation is too small to invert", () => {
  const narrow = modelMatrix(["a", "b"], [[1e-320, 2e-320, 0, 0, 3e-320], [1, 2, 3, 1, 2]]);
  assert.throws(
    () => fitSparsePath(sparseFromDense(narrow), [1, 2, 3, 4, 5]),
    (e: unknown) => e instanceof DataError && e.column === "a" && /feature "a" cannot be standardized in a sparse X: its standard deviation over the rows with weight is 1\.1[0-9]e-320, near the smallest 64-bit numbers, and 1 over it overflows/.test(e.message),
  );
});
