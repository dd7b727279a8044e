// `shrinkage fit` end to end: output formats, options passed through to fitPath, --out, --na drop, --help.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign, type DesignOptions } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions, Path } from "../../src/solve/types.js";
import { command as fitCommand } from "../../src/cli/commands/fit.js";
import { signif } from "../../src/cli/format.js";
import { DIABETES, ROOT, assertOneLineError, run, scratchFile } from "./helpers.js";

function libraryFit(file: string, design: DesignOptions, options: (d: ReturnType<typeof buildDesign>) => FitOptions = () => ({})): Path {
  const d = buildDesign(parseCsv(readFileSync(file, "utf8")), design);
  return fitPath(d.x, d.y, { family: design.family, positiveClass: d.positiveClass, weights: d.weights, ...options(d) });
}

function dense(path: Path, k: number): number[] {
  const beta = new Array<number>(path.features.length).fill(0);
  path.beta[k].index.forEach((j, i) => (beta[j] = path.beta[k].value[i]));
  return beta;
}

const CONTRACT_KEYS = ["family", "alpha", "penalty", "features", "positiveClass", "lambda", "intercept", "coefficients", "df", "devRatio", "nullDeviance", "gap", "fitMs"];

test("--format json prints exactly the DESIGN.md object, equal to fitPath on the same data", async () => {
  const r = await run(["fit", DIABETES, "--target", "progression", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json), CONTRACT_KEYS);
  const path = libraryFit(DIABETES, { target: "progression" });
  assert.equal(json.family, "gaussian");
  assert.equal(json.alpha, 1);
  assert.deepEqual(json.features, ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]);
  assert.equal(json.positiveClass, null);
  assert.deepEqual(json.lambda, Array.from(path.lambda));
  assert.deepEqual(json.intercept, Array.from(path.intercept));
  assert.deepEqual(json.coefficients, path.lambda.length ? Array.from(path.lambda, (_, k) => dense(path, k)) : []);
  assert.deepEqual(json.df, Array.from(path.df));
  assert.deepEqual(json.devRatio, Array.from(path.devRatio));
  assert.equal(json.nullDeviance, path.nullDeviance);
  assert.deepEqual(json.gap, Array.from(path.gap!));
  assert.equal(typeof json.fitMs, "number");
  assert.ok(json.fitMs >= 0);
  assert.ok(json.coefficients.every((c: number[]) => c.length === json.features.length));
});

test("the table: glmnet's Df, %Dev, Lambda per λ, then coefficients at five λs along the path", async () => {
  const r = await run(["fit", DIABETES, "--target", "progression"]);
  assert.equal(r.code, 0, r.stderr);
  const path = libraryFit(DIABETES, { target: "progression" });
  const lines = r.stdout.split("\n");
  assert.match(lines[0], /progression ~ gaussian · alpha 1 · 442 rows · 10 features · \d+ λs/);
  const header = lines.findIndex((l) => /^\s+Df\s+%Dev\s+Lambda$/.test(l));
  assert.ok(header > 0, "a Df %Dev Lambda header");
  const rows = lines.slice(header + 1, header + 1 + path.lambda.length).map((l) => l.trim().split(/\s+/));
  rows.forEach(([step, df, dev, lambda], k) => {
    assert.equal(Number(step), k + 1);
    assert.equal(Number(df), path.df[k]);
    assert.equal(dev, (100 * path.devRatio[k]).toFixed(2));
    assert.equal(lambda, signif(path.lambda[k]));
  });
  assert.equal(lines[header + 1 + path.lambda.length], "", "the path table ends after the last λ");
  const coefHeader = lines.findIndex((l) => l.startsWith("Coefficients at"));
  const labels = lines[coefHeader + 1].trim().split(/\s+/);
  const L = path.lambda.length;
  const picked = [0, Math.round((L - 1) / 4), Math.round((L - 1) / 2), Math.round((3 * (L - 1)) / 4), L - 1];
  assert.deepEqual(labels, picked.map((k) => `λ=${signif(path.lambda[k])}`));
  assert.match(lines[coefHeader + 2], /^\(Intercept\)/);
  const bmi = lines.find((l) => l.startsWith("bmi "))?.trim().split(/\s+/) ?? [];
  assert.equal(bmi[1], ".", "zero at λ_max shows as .");
  assert.equal(bmi[5], signif(dense(path, L - 1)[2]));
});

test("every fit option reaches fitPath with glmnet's meaning", async () => {
  const cases: [string[], (d: ReturnType<typeof buildDesign>) => FitOptions][] = [
    [["--alpha", "0.5"], () => ({ alpha: 0.5 })],
    [["--lambda", "10,1,0.1"], () => ({ lambda: [10, 1, 0.1] })],
    [["--nlambda", "20"], () => ({ nlambda: 20 })],
    [["--lambda-min-ratio", "0.1"], () => ({ lambdaMinRatio: 0.1 })],
    [["--no-standardize"], () => ({ standardize: false })],
    [["--no-intercept"], () => ({ intercept: false })],
    [["--penalty-factor", "sex=0,bmi=2"], () => ({ penaltyFactor: [1, 0, 2, 1, 1, 1, 1, 1, 1, 1] })],
    [["--exclude", "bmi,s5"], () => ({ exclude: [2, 8] })],
    [["--lower-limits", "s3=-0.1"], () => ({ lowerLimits: [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -0.1, -Infinity, -Infinity, -Infinity] })],
    [["--upper-limits", "s5=10,bmi=1"], () => ({ upperLimits: [Infinity, Infinity, 1, Infinity, Infinity, Infinity, Infinity, Infinity, 10, Infinity] })],
    [["--thresh", "1e-10"], () => ({ thresh: 1e-10 })],
    [["--maxit", "50000"], () => ({ maxit: 50000 })],
    [["--dfmax", "3"], () => ({ dfmax: 3 })],
    [["--pmax", "4"], () => ({ pmax: 4 })],
  ];
  for (const [flags, options] of cases) {
    const r = await run(["fit", DIABETES, "--target", "progression", "--format", "json", ...flags]);
    assert.equal(r.code, 0, `${flags.join(" ")}: ${r.stderr}`);
    const json = JSON.parse(r.stdout);
    const path = libraryFit(DIABETES, { target: "progression" }, options);
    assert.deepEqual(json.lambda, Array.from(path.lambda), flags.join(" "));
    assert.deepEqual(json.coefficients, Array.from(path.lambda, (_, k) => dense(path, k)), flags.join(" "));
    assert.deepEqual(json.intercept, Array.from(path.intercept), flags.join(" "));
  }
  // And they change the fit the way their names say.
  const json = async (...flags: string[]) => JSON.parse((await run(["fit", DIABETES, "--target", "progression", "--format", "json", ...flags])).stdout);
  assert.deepEqual((await json("--lambda", "10,1,0.1")).lambda, [10, 1, 0.1]);
  assert.ok((await json("--no-intercept")).intercept.every((b: number) => b === 0));
  assert.ok((await json("--exclude", "bmi")).coefficients.every((c: number[]) => c[2] === 0));
  assert.ok((await json("--upper-limits", "bmi=1")).coefficients.every((c: number[]) => c[2] <= 1));
  assert.ok((await json("--penalty-factor", "sex=0")).coefficients[0][1] !== 0, "an unpenalized feature is in from the start");
});

test("a text column's name in --penalty-factor sets all its indicators", async () => {
  const file = scratchFile("groups.csv", ["y,g,x", ...Array.from({ length: 30 }, (_, i) => `${(i * 7) % 11},${"abc"[i % 3]},${(i * 5) % 13}`)].join("\n"));
  const r = await run(["fit", file, "--target", "y", "--format", "json", "--penalty-factor", "g=0", "--lambda", "100"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.features, ["g=b", "g=c", "x"]);
  const path = libraryFit(file, { target: "y" }, () => ({ lambda: [100], penaltyFactor: [0, 0, 1] }));
  assert.deepEqual(json.coefficients[0], dense(path, 0));
});

test("a feature whose name has a comma is named in a list option by quoting it, as in CSV", async () => {
  const rows = Array.from({ length: 40 }, (_, i) => `${(i * 7) % 11},${(i * 5) % 13},${(i * 3) % 7},${i % 4}`);
  const file = scratchFile("comma.csv", ['y,"income, net",age,"say ""hi"""', ...rows].join("\n"));
  const fitJson = async (...flags: string[]) => {
    const r = await run(["fit", file, "--target", "y", "--format", "json", "--nlambda", "5", ...flags]);
    assert.equal(r.code, 0, `${flags.join(" ")}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const plain = await fitJson();
  assert.deepEqual(plain.features, ["income, net", "age", 'say "hi"']);
  const excluded = await fitJson("--exclude", '"income, net" , age');
  assert.ok(excluded.coefficients.every((c: number[]) => c[0] === 0 && c[1] === 0), "both excluded");
  assert.ok(excluded.coefficients.some((c: number[]) => c[2] !== 0), "the third is not");
  // A quoted name with = after it, or the whole item quoted; a doubled quote is a quote.
  for (const item of ['"income, net"=0', '"income, net=0"']) {
    assert.notEqual((await fitJson("--penalty-factor", item)).coefficients[0][0], 0, `${item}: unpenalized, in from the start`);
  }
  assert.ok((await fitJson("--exclude", '"say ""hi"""')).coefficients.every((c: number[]) => c[2] === 0));
  assertOneLineError(await run(["fit", file, "--target", "y", "--exclude", '"income, net']), '--exclude: "\\"income, net" has no closing quote');
  assertOneLineError(await run(["fit", file, "--target", "y", "--exclude", '"income, net"x']), "has text after its closing quote");
  assertOneLineError(await run(["fit", file, "--target", "y", "--exclude", "income, net"]), '--exclude: there is no feature named "income"');
});

test("binomial: a two-class text target models the second sorted level, reported as positiveClass", async () => {
  const rows = readFileSync(`${ROOT}/data/breast_cancer.csv`, "utf8").trim().split(/\r?\n/);
  const text = [rows[0], ...rows.slice(1).map((r) => r.replace(/,(0|1)$/, (_, v) => (v === "1" ? ",malignant" : ",benign")))].join("\n");
  const file = scratchFile("cancer.csv", text);
  const r = await run(["fit", file, "--target", "malignant", "--family", "binomial", "--format", "json", "--nlambda", "10"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.family, "binomial");
  assert.equal(json.positiveClass, "malignant");
  const numeric = JSON.parse((await run(["fit", `${ROOT}/data/breast_cancer.csv`, "--target", "malignant", "--family", "binomial", "--format", "json", "--nlambda", "10"])).stdout);
  assert.equal(numeric.positiveClass, null);
  assert.deepEqual(json.coefficients, numeric.coefficients, "malignant = 1 either way");
  const table = await run(["fit", file, "--target", "malignant", "--family", "binomial", "--nlambda", "10"]);
  assert.match(table.stdout, /positive class \(modelled as 1\): "malignant"/);
});

test("binomial: a numeric target with two values other than 0/1 models the larger, as glmnet's factor(y), and names it", async () => {
  const rows = readFileSync(`${ROOT}/data/breast_cancer.csv`, "utf8").trim().split(/\r?\n/);
  const recoded = (zero: string, one: string) => scratchFile(`cancer-${zero}-${one}.csv`, [rows[0], ...rows.slice(1).map((r) => r.replace(/,(0|1)$/, (_, v) => `,${v === "1" ? one : zero}`))].join("\n"));
  const fitJson = async (file: string) => {
    const r = await run(["fit", file, "--target", "malignant", "--family", "binomial", "--format", "json", "--nlambda", "10"]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const numeric = await fitJson(`${ROOT}/data/breast_cancer.csv`);
  assert.equal(numeric.positiveClass, null, "0/1 is modelled as it is");
  for (const [zero, one] of [["1", "2"], ["-1", "1"], ["0", "0.5"]]) {
    const json = await fitJson(recoded(zero, one));
    assert.equal(json.positiveClass, one, `${zero}/${one}`);
    assert.deepEqual(json.coefficients, numeric.coefficients, `${zero}/${one}: ${one} = 1, the same model`);
    assert.deepEqual(json.intercept, numeric.intercept, `${zero}/${one}`);
  }
  const table = await run(["fit", recoded("1", "2"), "--target", "malignant", "--family", "binomial", "--nlambda", "10"]);
  assert.match(table.stdout, /\npositive class \(modelled as 1\): "2"\n/);
  const third = scratchFile("three.csv", "y,x\n1,1\n2,2\n1,3\n2,4\n3,5\n");
  assertOneLineError(await run(["fit", third, "--target", "y", "--family", "binomial"]), 'binomial target "y" has 3 classes (1, 2, 3); it needs exactly two (row 6 holds the third, 3): for 3 classes use --family multinomial');
});

test("--positive-class chooses the class modelled as 1, text or numeric; not a class, or not binomial, is an error naming it", async () => {
  const rows = readFileSync(`${ROOT}/data/breast_cancer.csv`, "utf8").trim().split(/\r?\n/);
  const text = scratchFile("cancer-text.csv", [rows[0], ...rows.slice(1).map((r) => r.replace(/,(0|1)$/, (_, v) => (v === "1" ? ",malignant" : ",benign")))].join("\n"));
  const numeric = `${ROOT}/data/breast_cancer.csv`;
  const flags = ["--target", "malignant", "--family", "binomial", "--format", "json", "--nlambda", "10"];
  const fitJson = async (file: string, ...more: string[]) => {
    const r = await run(["fit", file, ...flags, ...more]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const cases: [string, string, string | null][] = [[text, "benign", "benign"], [text, "malignant", "malignant"], [numeric, "0", "0"], [numeric, "1", null], [numeric, "0.0", "0"]];
  for (const [file, label, reported] of cases) {
    const json = await fitJson(file, "--positive-class", label);
    assert.equal(json.positiveClass, reported, label);
    const path = libraryFit(file, { target: "malignant", family: "binomial", positiveClass: label }, () => ({ nlambda: 10 }));
    assert.deepEqual(json.coefficients, Array.from(path.lambda, (_, k) => dense(path, k)), label);
  }
  // Modelling the other class flips the signs: P(benign) falls where P(malignant) rises.
  const benign = await fitJson(text, "--positive-class", "benign");
  const malignant = await fitJson(text);
  const last = malignant.coefficients.length - 1;
  malignant.coefficients[last].forEach((b: number, j: number) => assert.ok(Math.abs(b + benign.coefficients[last][j]) <= 1e-6 * (1 + Math.abs(b)), `feature ${j}`));
  const table = await run(["fit", numeric, ...flags.slice(0, -4), "--nlambda", "10", "--positive-class", "0"]);
  assert.match(table.stdout, /\npositive class \(modelled as 1\): "0"\n/);

  const notAClass = await run(["fit", text, ...flags, "--positive-class", "Benign"]);
  assertOneLineError(notAClass, '--positive-class: "Benign" is not a class of the target "malignant"; its classes are "benign" and "malignant"');
  assert.equal(notAClass.code, 2);
  assertOneLineError(await run(["fit", numeric, ...flags, "--positive-class", "2"]), '--positive-class: "2" is not a class of the target "malignant"; its classes are 0 and 1');
  const gaussian = await run(["fit", DIABETES, "--target", "progression", "--positive-class", "1"]);
  assertOneLineError(gaussian, "--positive-class applies to --family binomial only, not gaussian");
  assert.equal(gaussian.code, 2);
});

test("--out writes the result to a file and nothing to stdout", async () => {
  const out = scratchFile("result.json", "");
  const r = await run(["fit", DIABETES, "--target", "progression", "--format", "json", "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(out, "utf8"))), CONTRACT_KEYS);
});

test("--na drop fits on the complete rows and says on stderr how many were dropped", async () => {
  const lines = readFileSync(DIABETES, "utf8").trim().split(/\r?\n/);
  lines[5] = lines[5].replace(/^[^,]*/, "NA");
  lines[9] = lines[9].replace(/,[^,]*$/, ",");
  const file = scratchFile("holes.csv", lines.join("\n"));
  const failed = await run(["fit", file, "--target", "progression"]);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /column "age", row 6: "NA" is a missing value/);
  const r = await run(["fit", file, "--target", "progression", "--na", "drop", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "shrinkage: dropped 2 rows with a missing or non-numeric value (--na drop); 440 left\n");
  const kept = [lines[0], ...lines.slice(1).filter((_, i) => i !== 4 && i !== 8)].join("\n");
  const path = libraryFit(scratchFile("kept.csv", kept), { target: "progression" });
  assert.deepEqual(JSON.parse(r.stdout).lambda, Array.from(path.lambda));
});

test("--help documents every option and its default", async () => {
  const r = await run(["fit", "--help"]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /^Usage: shrinkage fit FILE --target COL \[options\]/);
  const designOptions = ["family", "alpha", "lambda", "nlambda", "lambda-min-ratio", "no-standardize", "no-intercept", "penalty-factor", "exclude", "lower-limits", "upper-limits", "weights", "thresh", "maxit", "ignore"];
  for (const name of [...designOptions, "dfmax", "pmax", "na", "delimiter", "format", "out", "target"]) assert.match(r.stdout, new RegExp(`^  --${name}\\b`, "m"), name);
  for (const spec of fitCommand.options) {
    const line = r.stdout.split("\n").findIndex((l) => l.startsWith(`  --${spec.name} `) || l === `  --${spec.name}` || l.startsWith(`  --${spec.name}  `));
    assert.ok(line >= 0, spec.name);
    if (spec.default !== undefined) {
      const text = r.stdout.split("\n").slice(line, line + 2).join(" ");
      assert.ok(text.includes(`(default: ${spec.default})`), `${spec.name} shows its default`);
    }
  }
  assert.match((await run(["--help"])).stdout, /Commands:\n\s+fit\s/);
  assert.equal((await run(["help", "fit"])).stdout, r.stdout);
});

test("a text level with a line break in it stays on its row of the coefficient table", async () => {
  const lines = ["y,x,city"];
  for (let i = 0; i < 40; i++) lines.push(`${(i * 0.7) % 3 + (i % 2)},${(i * 1.3) % 5},"${i % 2 ? "New\nYork" : "Boston"}"`);
  const r = await run(["fit", scratchFile("newline-level.csv", lines.join("\n")), "--target", "y"]);
  assert.equal(r.code, 0, r.stderr);
  const row = r.stdout.split("\n").find((l) => l.startsWith("city="));
  assert.ok(row?.startsWith("city=New\\nYork "), r.stdout);
  assert.ok(!r.stdout.split("\n").some((l) => l.startsWith("York")));
});

test("--gap-tol stops each λ at that relative duality gap, which the JSON reports", async () => {
  const r = await run(["fit", DIABETES, "--target", "progression", "--gap-tol", "1e-10", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.gap.length, json.lambda.length);
  assert.ok(json.gap.every((g: number) => g >= 0 && g <= 1e-10), JSON.stringify(json.gap));
  const plain = JSON.parse((await run(["fit", DIABETES, "--target", "progression", "--format", "json"])).stdout);
  assert.ok(Math.max(...plain.gap) > 1e-10, "the default thresh leaves a larger gap somewhere");
  const bad = await run(["fit", DIABETES, "--target", "progression", "--gap-tol", "0"]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /gap-tol/);
});
