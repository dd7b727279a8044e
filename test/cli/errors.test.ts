// Failures of the command line: exit code non-zero, one line `shrinkage: …` on stderr, nothing on stdout.
import { test } from "node:test";
import { FAMILIES } from "../../src/model/families/index.js";
import { MULTI_FAMILIES } from "../../src/model/families/multi.js";
import assert from "node:assert/strict";
import { DIABETES, assertOneLineError, run, scratchFile, spawn } from "./helpers.js";

const fit = (...args: string[]) => run(["fit", ...args]);

test("a missing file", async () => {
  assertOneLineError(await fit("no/such/file.csv", "--target", "y"), "shrinkage: cannot read no/such/file.csv: no such file");
  assertOneLineError(await fit("data", "--target", "y"), "it is a directory");
});

test("an unknown target column, with the nearest name suggested", async () => {
  const r = await fit(DIABETES, "--target", "progresion");
  assertOneLineError(r, 'target column "progresion" does not exist; did you mean "progression"?');
  assert.equal(r.code, 2, "a usage mistake");
  assertOneLineError(await fit(DIABETES, "--target", "cholesterol"), 'the columns are "age", "sex", "bmi"');
});

test("a cell that is not a number names the column and the row", async () => {
  const file = scratchFile("bad.csv", "y,a,b\n1,2,3\n2,3,4\n3,4,x5\n4,5,6\n5,1,2\n");
  const r = await fit(file, "--target", "y");
  assertOneLineError(r, 'column "b", row 4: "x5" is not a number');
  assert.equal(r.code, 1, "a data problem");
});

test("unknown options and commands get the nearest as a suggestion", async () => {
  const r = await fit(DIABETES, "--target", "progression", "--alpah", "0.5");
  assertOneLineError(r, "unknown option --alpah; did you mean --alpha?");
  assert.equal(r.code, 2);
  assertOneLineError(await fit(DIABETES, "--target", "progression", "--lamda=1"), "did you mean --lambda?");
  assertOneLineError(await run(["fitt", DIABETES]), 'unknown command "fitt"; did you mean fit?');
});

test("bad option values name the option", async () => {
  const cases: [string[], string][] = [
    [["--alpha", "2"], "--alpha: 2 must be between 0 and 1"],
    [["--alpha", "half"], '--alpha: "half" is not a number'],
    [["--alpha"], "--alpha needs a value"],
    [["--lambda", "1,x"], '--lambda: "x" is not a number'],
    [["--lambda", "1,-1"], "--lambda: -1 must be ≥ 0"],
    [["--nlambda", "2.5"], "--nlambda: 2.5 is not a whole number"],
    [["--thresh", "0"], "--thresh: 0 must be positive"],
    [["--maxit", "-1"], "--maxit: -1 must be at least 1"],
    [["--lambda-min-ratio", "1"], "--lambda-min-ratio: 1 must be between 0 and 1"],
    [["--family", "gausian"], `--family: "gausian" is not one of ${[...FAMILIES, ...MULTI_FAMILIES].join(", ")}; did you mean gaussian?`],
    [["--format", "xml"], '--format: "xml" is not one of table, json'],
    [["--no-intercept=1"], "--no-intercept takes no value"],
    [["--penalty-factor", "bmi"], '--penalty-factor: "bmi" should be name=value'],
    [["--penalty-factor", "bmii=0"], '--penalty-factor: there is no feature named "bmii"; did you mean "bmi"?'],
    [["--penalty-factor", "bmi=-1"], "--penalty-factor: bmi=-1 must be ≥ 0"],
    [["--lower-limits", "bmi=1"], "--lower-limits: bmi=1 must be ≤ 0"],
    [["--upper-limits", "bmi=-1"], "--upper-limits: bmi=-1 must be ≥ 0"],
    [["--exclude", "age,sexx"], '--exclude: there is no feature named "sexx"; did you mean "sex"?'],
    [["--exclude", "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6"], "--exclude: every feature is excluded"],
    [["--ignore", "agee"], 'column to ignore "agee" does not exist; did you mean "age"?'],
    [["--weights", "bmi", "--ignore", "bmi"], 'column "bmi" cannot be both --weights and --ignore'],
    [["--delimiter", "ab"], '--delimiter: "ab" is not one character'],
    [["--thousands", ".", "--decimal", "."], "--thousands . is also the decimal mark"],
    [["extra.csv"], 'unexpected argument "extra.csv"'],
    [["--lambda", "1,,0.5"], '--lambda: "1,,0.5" has an empty item between commas'],
    [["--exclude", "age,"], '--exclude: "age," has an empty item between commas'],
    [["--lambda", "1", "--lambda", "0.5"], "--lambda is given twice; give it once"],
    [["--target", "bmi"], "--target is given twice; give it once"],
    [["--penalty-factor", "bmi=0,bmi=2"], '--penalty-factor: "bmi" is given twice'],
    [["--penalty-factor", "bmi=0", "--penalty-factor", "bmi=2"], '--penalty-factor: "bmi" is given twice'],
    [["--exclude", "age,bmi,age"], '--exclude: "age" is given twice'],
    [["--exclude", "age", "--exclude", "age"], '--exclude: "age" is given twice'],
    [["--ignore", "s1,s1"], '--ignore: "s1" is given twice'],
    [["--ignore", "s1", "--ignore", "s2,s1"], '--ignore: "s1" is given twice'],
  ];
  for (const [flags, message] of cases) {
    const r = await fit(DIABETES, "--target", "progression", ...flags);
    assertOneLineError(r, message);
    assert.equal(r.code, 2, flags.join(" "));
  }
  assertOneLineError(await fit(DIABETES), "--target is required");
  assertOneLineError(await run(["fit", "--target", "y"]), "missing the data file");
});

test("option numbers are plain decimals: hex, binary, digit separators and blanks are not numbers", async () => {
  for (const text of ["0x10", "0b1", "0o7", "1_000", "1e", "Infinity", "NaN", " "]) {
    const shown = JSON.stringify(text);
    assertOneLineError(await fit(DIABETES, "--target", "progression", "--alpha", text), `--alpha: ${shown} is not a number`);
    // explain's --lambda (a λ, min or 1se) reads numbers the same way.
    assertOneLineError(await run(["explain", DIABETES, "--target", "progression", "--lambda", text]), `--lambda: ${shown} is not a number ≥ 0, min or 1se`);
  }
  // In lists and maps (where Inf is a bound) the items are trimmed, a blank one being an empty item.
  for (const text of ["0x10", "0b1", "1_000", "NaN"]) {
    assertOneLineError(await fit(DIABETES, "--target", "progression", "--lambda", `1,${text}`), `--lambda: ${JSON.stringify(text)} is not a number`);
    assertOneLineError(await fit(DIABETES, "--target", "progression", "--upper-limits", `bmi=${text}`), `--upper-limits: ${JSON.stringify(text)} is not a number`);
  }
  // A number past ±1.8e308 is too large, as a data cell's is said to be, in a single value, a list or a map.
  const tooLarge = (option: string, text: string) => `--${option}: ${JSON.stringify(text)} is too large for a 64-bit number (beyond ±1.8e308)`;
  assertOneLineError(await fit(DIABETES, "--target", "progression", "--alpha", "1e400"), tooLarge("alpha", "1e400"));
  assertOneLineError(await fit(DIABETES, "--target", "progression", "--lambda", "1,1e400"), tooLarge("lambda", "1e400"));
  assertOneLineError(await fit(DIABETES, "--target", "progression", "--lower-limits", "bmi=-1e400"), tooLarge("lower-limits", "-1e400"));
  for (const text of ["16", "1.6e1", " 16 ", "+16", "16."]) {
    const r = await run(["explain", DIABETES, "--target", "progression", "--lambda", text, "--format", "json"]);
    assert.equal(r.code, 0, `${text}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).lambda, 16, text);
  }
});

test("warnings raised before a failure are not printed: the failure is the one line", async () => {
  const file = scratchFile("one-row.csv", "y,x\n1,2\n");
  const r = await fit(file, "--target", "y");
  assertOneLineError(r, /^shrinkage: (?!warning)/);
  const ok = await fit(scratchFile("constant.csv", "y,x,k\n1,2,7\n2,3,7\n3,5,7\n4,4,7\n"), "--target", "y");
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /^shrinkage: warning: column "k" is constant/);
});

test("as a real process: exit code, one line on stderr, no stack trace, empty stdout", () => {
  const missing = spawn(["fit", "no/such/file.csv", "--target", "y"]);
  assertOneLineError(missing, "cannot read no/such/file.csv: no such file");
  assert.equal(missing.code, 1);
  const unknown = spawn(["fit", DIABETES, "--target", "progression", "--alpah", "1"]);
  assertOneLineError(unknown, "did you mean --alpha?");
  assert.equal(unknown.code, 2);
});
