// `shrinkage explain` and `shrinkage plot` end to end: the JSON is the library's explanation, the table and
// words show it, λ_min/λ_1se come from the same cross-validation as cvPath's, and each plot kind writes the
// shared chart's SVG for the same inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cvPath } from "../../src/cv/cv.js";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { explain, gapShows } from "../../src/explain/explain.js";
import { ridgeSpectrum } from "../../src/explain/spectrum.js";
import { describe } from "../../src/explain/words.js";
import { dropCosts } from "../../src/explain/drop.js";
import { coefficientPathChart, cvCurveChart, pullPriceChart, ridgeSpectrumChart } from "../../src/plot/index.js";
import { foldNotes } from "../../src/cli/commands/explain.js";
import { LABEL_EVERY } from "../../src/cli/commands/plot.js";
import { renderSvg } from "../../src/plot/render.node.js";
import { fitPath } from "../../src/solve/path.js";
import { DIABETES, ROOT, assertOneLineError, run, scratchFile, spawn } from "../cli/helpers.js";

const design = buildDesign(parseCsv(readFileSync(DIABETES, "utf8")), { target: "progression" });
const { x, y } = design;

test("explain --format json at a fitted λ is the library's explanation, with the words", async () => {
  const path = fitPath(x, y, { alpha: 0.5 });
  const lambda = path.lambda[30];
  const r = await run(["explain", DIABETES, "--target", "progression", "--alpha", "0.5", "--lambda", String(lambda), "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const e = explain(path, { x, y }, { lambda });
  assert.equal(json.source, "path");
  assert.equal(json.step, 30);
  assert.equal(json.lambda, lambda);
  assert.equal(json.df, e.df);
  assert.deepEqual(json.coefficients.map((c: { status: string }) => c.status), e.coefficients.map((c) => c.status));
  assert.deepEqual(json.coefficients.map((c: { pull: number }) => c.pull), e.coefficients.map((c) => c.pull));
  assert.deepEqual(json.coefficients.map((c: { price: number }) => c.price), e.coefficients.map((c) => c.price));
  assert.deepEqual(json.kkt, e.kkt);
  const spectrum = ridgeSpectrum(path, { x, y }, { lambda });
  assert.deepEqual(json.spectrum.factor, Array.from(spectrum.factor));
  const costs = dropCosts(path, { x, y }, { lambda });
  assert.deepEqual(json.words, describe(e, spectrum, costs));
  assert.deepEqual(json.coefficients.map((c: { dropCost: unknown }) => c.dropCost), e.coefficients.map((c) => costs.costs.find((k) => k.index === c.index)));
  assert.deepEqual(json.coefficients.map((c: { totalPrice: number }) => c.totalPrice), e.coefficients.map((c) => c.totalPrice));
  assert.equal(json.cv, null);
});

test("explain defaults to λ_1se of the same cross-validation as cvPath; --lambda min gives λ_min", async () => {
  const cv = cvPath(x, y, { nfolds: 5, seed: 7 });
  const a = JSON.parse((await run(["explain", DIABETES, "--target", "progression", "--folds", "5", "--seed", "7", "--format", "json"])).stdout);
  assert.equal(a.lambda, cv.lambda1se);
  assert.equal(a.lambdaLabel, "lambda1se");
  assert.deepEqual(a.cv.foldid, Array.from(cv.foldid));
  const b = JSON.parse((await run(["explain", DIABETES, "--target", "progression", "--folds", "5", "--seed", "7", "--lambda", "min", "--format", "json"])).stdout);
  assert.equal(b.lambda, cv.lambdaMin);
  assert.equal(b.step, cv.indexMin);
  assert.equal(b.df, cv.nzero[cv.indexMin]);
});

test("the explain table lists every feature's evidence, then the paragraph and one line per coefficient", async () => {
  const path = fitPath(x, y);
  const lambda = path.lambda[20];
  const r = await run(["explain", DIABETES, "--target", "progression", "--lambda", String(lambda)]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.match(lines[1], /^λ = .*, step 21 of the path( \(refined to full precision\))? · \d+ nonzero/);
  const header = lines.findIndex((l) => /coefficient\s+standardized\s+pull\s+price\s+ridge\s+status/.test(l));
  assert.ok(header > 0, r.stdout);
  const e = explain(path, { x, y }, { lambda });
  e.coefficients.forEach((c, j) => {
    const cells = lines[header + 1 + j].trim().split(/\s+/);
    assert.equal(cells[0], c.feature);
    assert.ok(cells.includes(c.status), lines[header + 1 + j]);
  });
  const words = describe(e, undefined, dropCosts(path, { x, y }, { lambda }));
  assert.match(r.stdout, /Δdev %\s+pull₀\/price/);
  // The prose is wrapped for the terminal: compare with whitespace folded.
  const folded = r.stdout.replace(/\s+/g, " ");
  assert.ok(folded.includes(words.fit), "the paragraph");
  for (const line of words.coefficients) assert.ok(folded.includes(`- ${line}`), line);
});

test("explain: a λ off the path is refitted exactly (noted on stderr); bad --lambda is a one-line error", async () => {
  const r = await run(["explain", DIABETES, "--target", "progression", "--lambda", "3.3", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).source, "refit");
  assert.match(r.stderr, /refitted exactly/);
  assertOneLineError(await run(["explain", DIABETES, "--target", "progression", "--lambda", "smallest"]), /--lambda: "smallest" is not a number ≥ 0, min or 1se/);
  assertOneLineError(await run(["explain", DIABETES, "--target", "progression", "--lambda", "1se", "--folds", "5", "--foldid", "sex"]), /either --folds or --foldid/);
  const help = await run(["explain", "--help"]);
  assert.match(help.stdout, /--lambda X\|min\|1se/);
  assert.match(help.stdout, /--folds K/);
  assert.ok(!/--jobs/.test(help.stdout));
});

test("explain: a refit whose KKT gap the table shows names its thresh and does not claim full precision", async () => {
  // At λ = 0 coordinate descent stops at thresh 1e-14 with a visible gap on diabetes (s1 and s2, r = 0.9).
  const json = JSON.parse((await run(["explain", DIABETES, "--target", "progression", "--lambda", "0", "--format", "json"])).stdout);
  assert.equal(json.thresh, 1e-14);
  assert.ok(gapShows(json.kkt.maxViolation, json.kkt.scale), `${json.kkt.relative}`);
  const r = await run(["explain", DIABETES, "--target", "progression", "--lambda", "0"]);
  assert.equal(r.code, 0, r.stderr);
  const header = r.stdout.split("\n")[1];
  assert.match(header, /^λ = 0, not on the path: refitted at it to thresh 1e-14, a KKT gap remaining · /);
  assert.doesNotMatch(r.stdout, /full precision|refitted exactly/);
  assert.doesNotMatch(r.stderr, /full precision/);
  assert.doesNotMatch(r.stdout.replace(/\s+/g, " "), /a smaller thresh gives more digits/);
  // Where no gap shows, the refit is at full precision, and says so with its thresh.
  const q = JSON.parse((await run(["explain", DIABETES, "--target", "progression", "--lambda", "3.3", "--format", "json"])).stdout);
  assert.ok(!gapShows(q.kkt.maxViolation, q.kkt.scale));
  const t = await run(["explain", DIABETES, "--target", "progression", "--lambda", "3.3"]);
  assert.match(t.stdout.split("\n")[1], /^λ = 3\.3, not on the path: refitted at it to full precision \(thresh 1e-14\) · /);
});

test("plot --kind path and cv write the shared charts' SVG for the same fit", async () => {
  const dir = scratchFile("x.txt", "");
  const out = join(dir, "..", "path.svg");
  const r = await run(["plot", DIABETES, "--target", "progression", "--kind", "path", "--xvar", "norm", "--lambda", "2", "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  const path = fitPath(x, y);
  assert.equal(readFileSync(out, "utf8"), renderSvg(coefficientPathChart, path, { xvar: "norm", lambda: 2, labelEvery: LABEL_EVERY }));

  const cvOut = join(dir, "..", "cv.svg");
  const c = await run(["plot", DIABETES, "--target", "progression", "--kind", "cv", "--folds", "5", "--seed", "2", "--width", "500", "--out", cvOut]);
  assert.equal(c.code, 0, c.stderr);
  const cv = cvPath(x, y, { nfolds: 5, seed: 2 });
  assert.equal(readFileSync(cvOut, "utf8"), renderSvg(cvCurveChart, cv, { width: 500, lambda: null }));
});

test("plot --kind pull and spectrum draw the explanation's pulls, prices and ridge factors at λ", async () => {
  const path = fitPath(x, y, { alpha: 0.4 });
  const lambda = path.lambda[25];
  const pull = await run(["plot", DIABETES, "--target", "progression", "--alpha", "0.4", "--kind", "pull", "--lambda", String(lambda)]);
  assert.equal(pull.code, 0, pull.stderr);
  const e = explain(path, { x, y }, { lambda });
  const expected = renderSvg(pullPriceChart, {
    features: e.features, pull: e.coefficients.map((c) => c.absPull), price: e.coefficients.map((c) => c.price), status: e.coefficients.map((c) => c.status), lambda,
    ridge: e.coefficients.map((c) => c.ridge),
  });
  assert.equal(pull.stdout, expected);
  // α < 1: the ridge part is drawn as a second segment after the price, and named in the legend.
  assert.match(pull.stdout, /class="ridge-part"/);
  assert.match(pull.stdout, /active \(pull = price \+ ridge part\)/);
  // One bar per variable, and the common price line.
  assert.match(pull.stdout, />price λ·α·v = /);
  for (const f of e.features) assert.ok(pull.stdout.includes(`${f}: pull `), f);

  const sp = await run(["plot", DIABETES, "--target", "progression", "--alpha", "0.4", "--kind", "spectrum", "--lambda", String(lambda)]);
  assert.equal(sp.code, 0, sp.stderr);
  const s = ridgeSpectrum(path, { x, y }, { lambda });
  assert.equal(sp.stdout, renderSvg(ridgeSpectrumChart, { d2: s.d2, factor: s.factor, df: s.df, lambda }));
  for (let k = 1; k <= 10; k++) assert.ok(sp.stdout.includes(`direction ${k}: factor `), `direction ${k}`);

  // A lasso has no ridge part: the chart shows ridge's (α = 0) factors at the same λ, and says so.
  const lasso = await run(["plot", DIABETES, "--target", "progression", "--kind", "spectrum", "--lambda", "1"]);
  assert.equal(lasso.code, 0, lasso.stderr);
  assert.match(lasso.stderr, /shows ridge's \(α = 0\) shrinkage/);
  const r0 = ridgeSpectrum(fitPath(x, y), { x, y }, { lambda: 1, alpha: 0 });
  assert.ok(r0.factor.some((v) => v < 0.99));
  assert.equal(lasso.stdout, renderSvg(ridgeSpectrumChart, { d2: r0.d2, factor: r0.factor, df: r0.df, lambda: 1 }));

  assertOneLineError(await run(["plot", DIABETES, "--target", "progression", "--kind", "pull", "--xvar", "dev"]), /--xvar applies to --kind path only/);
  assertOneLineError(await run(["plot", DIABETES, "--target", "progression", "--kind", "bars"]), /--kind: "bars" is not one of path, cv, pull, spectrum, drop/);
});

test("explain and plot are registered with the command (a real child process)", () => {
  const r = spawn(["explain", DIABETES, "--target", "progression", "--lambda", "5", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).lambda, 5);
  const general = spawn(["--help"]);
  assert.match(general.stdout, /explain\s+why each coefficient/);
  assert.match(general.stdout, /plot\s+draw the path/);
});

test("explain --lambda min on 150,000 rows names the fold count without spreading every fold id into one call", async () => {
  const lines = ["y,a,b"];
  for (let i = 0; i < 150_000; i++) {
    const a = Math.sin(i * 0.37), b = Math.cos(i * 1.91);
    lines.push(`${(2 * a + Math.sin(i * 7.3)).toFixed(4)},${a.toFixed(4)},${b.toFixed(4)}`);
  }
  const r = await run(["explain", scratchFile("tall-explain.csv", lines.join("\n")), "--target", "y", "--lambda", "min"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /λ_min of 10-fold cross-validation/);
});

const FIXTURES = join(ROOT, "test/fixtures/explain");

test("plot --kind spectrum on a p > n design draws the directions with variance only, and says how many are null", async () => {
  const file = join(FIXTURES, "pgtn.csv");
  const r = await run(["plot", file, "--target", "y", "--kind", "spectrum", "--alpha", "0", "--lambda", "1"]);
  assert.equal(r.code, 0, r.stderr);
  const d = buildDesign(parseCsv(readFileSync(file, "utf8")), { target: "y" });
  const s = ridgeSpectrum(fitPath(d.x, d.y, { alpha: 0 }), d, { lambda: 1 });
  assert.equal(r.stdout.match(/direction \d+: factor /g)?.length, s.rank);
  assert.ok(r.stderr.includes(`rank ${s.rank} of ${d.x.p} penalized columns: the ${d.x.p - s.rank} null directions`), r.stderr);
});

test("explain --no-standardize has no 'standardized' column and says the pulls are on the data's scale", async () => {
  const plain = await run(["explain", DIABETES, "--target", "progression", "--lambda", "0.5", "--no-standardize"]);
  assert.equal(plain.code, 0, plain.stderr);
  const header = plain.stdout.split("\n").find((l) => /coefficient\s+pull\s+price/.test(l));
  assert.ok(header, plain.stdout);
  assert.doesNotMatch(header, /standardized/);
  assert.match(plain.stdout, /x̃ = x centred, not scaled \(--no-standardize\): the data's push on the coefficient itself/);
  assert.doesNotMatch(plain.stdout, /push on the standardized coefficient/);
  const std = await run(["explain", DIABETES, "--target", "progression", "--lambda", "0.5"]);
  assert.match(std.stdout, /coefficient\s+standardized\s+pull/);
  assert.match(std.stdout, /push on the standardized coefficient/);
});

test("explain --format json carries the fit contract's features and positiveClass (binomial signs need it)", async () => {
  const lines = ["x1,x2,outcome"];
  for (let i = 0; i < 80; i++) {
    const a = Math.sin(i * 1.3), b = Math.cos(i * 0.7);
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${a + 0.8 * Math.sin(i * 5.1) > 0 ? "yes" : "no"}`);
  }
  const file = scratchFile("yesno.csv", lines.join("\n"));
  const args = [file, "--target", "outcome", "--family", "binomial", "--format", "json"];
  const fit = JSON.parse((await run(["fit", ...args])).stdout);
  const r = await run(["explain", ...args, "--lambda", "0.01"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(fit.positiveClass, "yes");
  assert.equal(json.positiveClass, fit.positiveClass);
  assert.deepEqual(json.features, fit.features);
  assert.deepEqual(json.coefficients.map((c: { feature: string }) => c.feature), fit.features);
  const gaussian = JSON.parse((await run(["explain", DIABETES, "--target", "progression", "--lambda", "1", "--format", "json"])).stdout);
  assert.equal(gaussian.positiveClass, null);
});

test("explain --relax on p > n: one note for the λs past maxp, and the table says why the relaxed column is absent", async () => {
  const file = join(FIXTURES, "pgtn.csv");
  const d = buildDesign(parseCsv(readFileSync(file, "utf8")), { target: "y" });
  const path = fitPath(d.x, d.y, { relax: true });
  const last = path.lambda[path.lambda.length - 1];
  const r = await run(["explain", file, "--target", "y", "--relax", "--lambda", String(last)]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr.match(/not relaxed/g)?.length, 1, r.stderr);
  const e = explain(path, d, { lambda: last });
  assert.deepEqual(e.relaxedMissing, { active: e.df, maxp: d.x.n - 3 });
  assert.doesNotMatch(r.stdout, /coefficient.*relaxed\s+shrunk/);
  assert.match(r.stdout.replace(/\s+/g, " "), new RegExp(`relaxed: not shown: the ${e.df} active variables exceed maxp = ${d.x.n - 3} \\(n − 3\\)`));
  const json = JSON.parse((await run(["explain", file, "--target", "y", "--relax", "--lambda", String(last), "--format", "json"])).stdout);
  assert.deepEqual(json.relaxedMissing, e.relaxedMissing);
});

test("the folds' relax-maxp warnings are gathered into one note; others pass as they are", () => {
  assert.deepEqual(foldNotes([
    "fold 1: 5 λs (λ = 0.02 to 0.01) have more active variables than maxp = 15 (up to 16); not relaxed",
    "fold 2: something else",
    "fold 3: λ = 0.0200000: 16 active variables exceed maxp = 15; not relaxed",
  ]), [
    "folds 1, 3: some λs have more active variables than maxp (n − 3 of the fold's rows); not relaxed",
    "fold 2: something else",
  ]);
  assert.deepEqual(foldNotes(["fold 2: something else"]), ["fold 2: something else"]);
});

test("explain --format json carries each coefficient's drop cost, CV'd on the same folds; plot --kind drop draws it", async () => {
  const r = await run(["explain", DIABETES, "--target", "progression", "--folds", "5", "--seed", "7", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const cv = cvPath(x, y, { nfolds: 5, seed: 7 });
  const costs = dropCosts(cv.path, { x, y }, { lambda: cv.lambda1se, cv: { foldid: cv.foldid } });
  assert.equal(json.dropCosts.measure, "mse");
  assert.equal(json.dropCosts.cvError, costs.cvError);
  for (const c of json.coefficients) {
    const d = costs.costs.find((k) => k.index === c.index)!;
    assert.deepEqual(c.dropCost, d);
    assert.equal(c.dropCost.kind, c.coefficient !== 0 ? "drop" : "force");
    assert.equal(typeof c.dropCost.cv, "number");
  }
  const plot = await run(["plot", DIABETES, "--target", "progression", "--folds", "5", "--seed", "7", "--kind", "drop"]);
  assert.equal(plot.code, 0, plot.stderr);
  assert.equal((plot.stdout.match(/class="drop-bar"/g) ?? []).length, 1);
  assert.equal((plot.stdout.match(/<rect /g) ?? []).length >= x.p, true);
  for (const f of x.names) assert.match(plot.stdout, new RegExp(`${f}: (dropping it raises|forcing it in lowers) the deviance`));
});

test("cv says why explain's coefficients at λ_1se can differ from its own in the last digits", async () => {
  const cvText = await run(["cv", DIABETES, "--target", "progression", "--folds", "5", "--seed", "7"]);
  assert.equal(cvText.code, 0, cvText.stderr);
  assert.match(cvText.stdout.replace(/\s+/g, " "), /These are the path's solutions, converged to thresh 1e-0?7; `shrinkage explain` refits λ_1se \(or λ_min\) to full precision \(thresh 1e-14\)/);
  const e = await run(["explain", DIABETES, "--target", "progression", "--folds", "5", "--seed", "7"]);
  assert.match(e.stderr, /converged only to its thresh; it was refitted at λ to full precision/);
});

test("explain carries the Monte Carlo df beside the count of nonzeros, in its JSON and its words", async () => {
  const path = fitPath(x, y, { alpha: 0.5 });
  const lambda = path.lambda[30];
  const r = await run(["explain", DIABETES, "--target", "progression", "--alpha", "0.5", "--lambda", String(lambda), "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const { dfEstimate } = await import("../../src/explain/df.js");
  assert.deepEqual(json.dfEstimate, dfEstimate(path, { x, y }, { lambda, reps: 100, seed: 1 }));
  assert.ok(json.dfEstimate.df < json.df);
  const text = await run(["explain", DIABETES, "--target", "progression", "--alpha", "0.5", "--lambda", String(lambda)]);
  assert.match(text.stdout.replace(/\s+/g, " "), /Degrees of freedom at this λ: [\d.]+ ± [\d.]+ by Monte Carlo .* beside \d+ nonzero coefficients .* the df falls below the count of nonzeros/);
});
