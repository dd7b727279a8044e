// --offset COL end to end: every command that fits gives the library the column as glmnet's offset (added
// to the linear predictor), the column is not a feature, and it is checked as --weights is.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cvPath } from "../../src/cv/cv.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { explain } from "../../src/explain/explain.js";
import { ridgeSpectrum } from "../../src/explain/spectrum.js";
import { pullPriceChart, ridgeSpectrumChart } from "../../src/plot/index.js";
import { renderSvg } from "../../src/plot/render.node.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { Path } from "../../src/solve/types.js";
import { assertOneLineError, run, scratchFile } from "./helpers.js";

// Claims counted over policies held for different lengths of time: the rate per year depends on x1 and
// x2, the count grows with the exposure (years held). A fixed recipe, so the file is the same every run.
const n = 120;
const x1 = Array.from({ length: n }, (_, i) => Math.sin(i * 0.7));
const x2 = Array.from({ length: n }, (_, i) => Math.cos(i * 1.3) + (i % 3) / 3);
const x3 = Array.from({ length: n }, (_, i) => ((i * 17) % 11) / 11 - 0.5);
const exposure = Array.from({ length: n }, (_, i) => 0.5 + ((i * 37) % 50) / 10);
const count = Array.from({ length: n }, (_, i) => Math.round(exposure[i] * Math.exp(0.4 * x1[i] - 0.3 * x2[i])) + (i % 4 === 0 ? 1 : 0));
// The user gives the column already logged.
const logExposure = exposure.map(Math.log);
const header = "x1,x2,logexp,x3,count";
const csvRows = Array.from({ length: n }, (_, i) => `${x1[i]},${x2[i]},${logExposure[i]},${x3[i]},${count[i]}`);
const FILE = scratchFile("claims.csv", [header, ...csvRows].join("\n"));

const x = modelMatrix(["x1", "x2", "x3"], [x1, x2, x3]);
const y = Float64Array.from(count);
const offset = Float64Array.from(logExposure);
const poisson = ["--target", "count", "--family", "poisson", "--offset", "logexp"];

function coefficients(path: Path): number[][] {
  return Array.from(path.lambda, (_, k) => Array.from(coefficientsAt(path, k)));
}

test("fit --offset: the coefficients are fitPath's with offset = the column, which is not a feature", async () => {
  const r = await run(["fit", FILE, ...poisson, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.features, ["x1", "x2", "x3"]);
  const path = fitPath(x, y, { family: "poisson", offset });
  assert.deepEqual(json.lambda, Array.from(path.lambda));
  assert.deepEqual(json.intercept, Array.from(path.intercept));
  assert.deepEqual(json.coefficients, coefficients(path));
  assert.deepEqual(json.devRatio, Array.from(path.devRatio));
  // Without the offset the exposure is missing from the model: another fit.
  const without = fitPath(x, y, { family: "poisson" });
  assert.notDeepEqual(json.intercept, Array.from(without.intercept));

  // glmnet allows an offset for gaussian too: the outcome less the offset is what is fitted.
  const g = await run(["fit", FILE, "--target", "count", "--offset", "logexp", "--format", "json", "--nlambda", "20"]);
  assert.equal(g.code, 0, g.stderr);
  assert.deepEqual(JSON.parse(g.stdout).coefficients, coefficients(fitPath(x, y, { offset, nlambda: 20 })));
});

test("cv --offset: the folds are fitted and predicted with their rows' offsets, as cvPath", async () => {
  const r = await run(["cv", FILE, ...poisson, "--folds", "5", "--seed", "2", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const cv = cvPath(x, y, { family: "poisson", offset, nfolds: 5, seed: 2 });
  assert.deepEqual(json.cv.cvm, Array.from(cv.cvm));
  assert.deepEqual(json.cv.cvsd, Array.from(cv.cvsd));
  assert.equal(json.cv.lambda1se, cv.lambda1se);
});

test("explain and plot --offset: pulls, prices and the spectrum are computed with the offset", async () => {
  const path = fitPath(x, y, { family: "poisson", alpha: 0.5, offset });
  const lambda = path.lambda[12];
  const args = [FILE, ...poisson, "--alpha", "0.5", "--lambda", String(lambda)];
  const r = await run(["explain", ...args, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const e = explain(path, { x, y, offset }, { lambda });
  assert.deepEqual(json.coefficients.map((c: { pull: number }) => c.pull), e.coefficients.map((c) => c.pull));
  assert.deepEqual(json.kkt, e.kkt);
  assert.ok(e.kkt.maxViolation < 1e-6, "the pulls of the fitted model: KKT holds");
  // A GLM's spectrum is taken at the explained solution (its working weights).
  const solution = { intercept: e.intercept, beta: e.coefficients.map((c) => c.coefficient) };
  const spectrum = ridgeSpectrum(path, { x, y, offset }, { lambda, solution });
  assert.deepEqual(json.spectrum.factor, Array.from(spectrum.factor));

  const pull = await run(["plot", ...args, "--kind", "pull"]);
  assert.equal(pull.code, 0, pull.stderr);
  assert.equal(pull.stdout, renderSvg(pullPriceChart, {
    features: e.features, pull: e.coefficients.map((c) => c.absPull), price: e.coefficients.map((c) => c.price), status: e.coefficients.map((c) => c.status), lambda,
    ridge: e.coefficients.map((c) => c.ridge),
  }));
  const sp = await run(["plot", ...args, "--kind", "spectrum"]);
  assert.equal(sp.code, 0, sp.stderr);
  assert.equal(sp.stdout, renderSvg(ridgeSpectrumChart, { d2: spectrum.d2, factor: spectrum.factor, df: spectrum.df, lambda }));
});

test("the offset column is checked as the weights column: names, roles, cells by row, --na drop", async () => {
  const fit = (file: string, ...flags: string[]) => run(["fit", file, "--target", "count", "--family", "poisson", ...flags]);
  assertOneLineError(await fit(FILE, "--offset", "logexpo"), 'offset column "logexpo" does not exist; did you mean "logexp"?');
  assertOneLineError(await fit(FILE, "--offset", "logexp", "--ignore", "logexp"), 'column "logexp" cannot be both --offset and --ignore');
  assertOneLineError(await fit(FILE, "--offset", "count"), 'column "count" cannot be both --offset and --target');
  assertOneLineError(await fit(FILE, "--offset", "x3", "--weights", "x3"), 'column "x3" cannot be both --offset and --weights');
  assertOneLineError(await run(["cv", FILE, ...poisson, "--foldid", "logexp"]), 'column "logexp" cannot be both --foldid and --offset');
  const withCell = (row: number, cell: string) => {
    const rows = [...csvRows];
    rows[row - 2] = rows[row - 2].replace(/^([^,]*,[^,]*,)[^,]*/, `$1${cell}`);
    return scratchFile("claims-bad.csv", [header, ...rows].join("\n"));
  };
  assertOneLineError(await fit(withCell(7, "NA"), "--offset", "logexp"), 'column "logexp", row 7: "NA" is a missing value; fix the cell, or drop rows with missing values (--na drop)');
  assertOneLineError(await fit(withCell(9, "Inf"), "--offset", "logexp"), 'column "logexp", row 9: "Inf" is infinite');
  assertOneLineError(await fit(withCell(4, "1e999"), "--offset", "logexp"), 'column "logexp", row 4: "1e999" is too large');
  const text = scratchFile("claims-text.csv", [header, ...csvRows.map((r, i) => r.replace(/^([^,]*,[^,]*,)[^,]*/, `$1${i % 2 ? "long" : "short"}`))].join("\n"));
  assertOneLineError(await fit(text, "--offset", "logexp"), 'column "logexp", row 2: "short" is not a number; an offset must be numbers');
  // Negative and zero offsets are fine (log exposure below one year).
  assert.ok(logExposure.some((v) => v < 0));

  // --na drop drops the row from the offset too, as from every used column.
  const dropped = await fit(withCell(7, "NA"), "--offset", "logexp", "--na", "drop", "--format", "json");
  assert.equal(dropped.code, 0, dropped.stderr);
  const keep = (v: ArrayLike<number>) => Float64Array.from(Array.from(v).filter((_, i) => i !== 5));
  const kept = modelMatrix(["x1", "x2", "x3"], [keep(x1), keep(x2), keep(x3)]);
  assert.deepEqual(JSON.parse(dropped.stdout).coefficients, coefficients(fitPath(kept, keep(y), { family: "poisson", offset: keep(offset) })));
});

test("--help of every command that fits lists --offset", async () => {
  for (const command of ["fit", "cv", "explain", "plot"]) {
    const help = (await run([command, "--help"])).stdout;
    assert.match(help, /^  --offset COL +a column added to the linear predictor, e\.g\. log\(exposure\) for poisson/m, command);
  }
});

test("a Poisson offset whose exp overflows is one error naming the column and the file's row, for every command", async () => {
  // Data row 5 is the file's row 6 (the header is row 1).
  const overflow = scratchFile("overflow.csv", [header, ...csvRows.map((row, i) => (i === 4 ? row.replace(`,${logExposure[4]},`, ",800,") : row))].join("\n"));
  for (const command of ["fit", "cv", "explain"]) {
    const r = await run([command, overflow, ...poisson, "--format", "json"]);
    assertOneLineError(r, /offset column "logexp", row 6: exp\(800\) overflows .*log\(exposure\)/);
    assert.equal(r.code, 1, `${command}: a data error`);
  }
  // An offset so small that a row counting events is expected to count 0: named the same way.
  const counting = count.findIndex((c) => c > 0);
  const underflow = scratchFile("underflow.csv", [header, ...csvRows.map((row, i) => (i === counting ? row.replace(`,${logExposure[i]},`, ",-800,") : row))].join("\n"));
  const r = await run(["fit", underflow, ...poisson]);
  assertOneLineError(r, new RegExp(`offset column "logexp", row ${counting + 2}: .*yet it counts ${count[counting]}`));
});
