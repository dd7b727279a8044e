// A library message on the command line names the CLI's flags (--maxit, --standardize-response), not the
// library's options (maxit, standardizeResponse), in errors and in the notes a fit leaves; the library's
// own messages keep the API names. The flags' library names come from the option lists (args.ts `api`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { settingLibraryOptions } from "../../src/cli/args.js";
import { inCliTerms, messageInCliTerms } from "../../src/cli/library-errors.js";
import { DATA_OPTIONS, FIT_OPTIONS } from "../../src/cli/common.js";
import { CV_OPTIONS } from "../../src/cli/commands/cv.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { NoSolutionError, OptionError } from "../../src/errors.js";
import { fitPath } from "../../src/solve/path.js";
import { DIABETES, assertOneLineError, run, scratchFile } from "./helpers.js";

test("a library error that says raise maxit says raise --maxit on the command line; the library keeps maxit", async () => {
  const r = await run(["fit", DIABETES, "--target", "progression", "--lambda", "1", "--maxit", "1", "--thresh", "1e-14"]);
  assertOneLineError(r, /raise --maxit or --thresh \(1e-14\)/);
  assert.doesNotMatch(r.stderr, /(?<!-)\b(maxit|thresh)\b/);
  const x = modelMatrix(["a", "b"], [[1, 2, 3, 4, 5], [2, 1, 4, 3, 6]]);
  assert.throws(() => fitPath(x, [1, 3, 2, 5, 4], { lambda: [0.01], maxit: 1, thresh: 1e-14 }), (e: unknown) => e instanceof NoSolutionError && /raise maxit or thresh/.test(e.message));
});

test("a fit's notes name the flags: mgaussian and MCP running out of passes", async () => {
  const rows = ["y1,y2,a,b", "1.2,0.3,1,0.5", "1.9,-0.2,2,0.1", "3.4,0.8,3,0.9", "3.8,0.1,4,0.3", "5.1,1.1,5,0.7", "6.3,0.4,6,0.2", "6.1,0.9,7,0.8"];
  const file = scratchFile("two.csv", rows.join("\n") + "\n");
  const mg = await run(["fit", file, "--target", "y1,y2", "--family", "mgaussian", "--maxit", "1"]);
  assert.equal(mg.code, 0, mg.stderr);
  assert.match(mg.stderr, /did not converge within --maxit = 1 passes/);
  const mcp = await run(["fit", DIABETES, "--target", "progression", "--penalty", "mcp", "--maxit", "3"]);
  assert.equal(mcp.code, 0, mcp.stderr);
  assert.match(mcp.stderr, /raise --maxit/);
  for (const r of [mg, mcp]) assert.doesNotMatch(r.stderr, /(?<!-)\bmaxit\b/);
});

test("every flag's library name becomes the flag; prose nouns, quoted names and --flags stay", () => {
  const flags = [...FIT_OPTIONS, ...CV_OPTIONS];
  const said = (m: string) => messageInCliTerms(m, flags);
  assert.equal(said("loosen lowerLimits/upperLimits or thresh"), "loosen --lower-limits/--upper-limits or --thresh");
  assert.equal(said("every penaltyFactor is 0; lambdaMinRatio must be in (0, 1); gapTol must be positive"), "every --penalty-factor is 0; --lambda-min-ratio must be in (0, 1); --gap-tol must be positive");
  assert.equal(said("nfolds must be an integer; penaltyGamma must exceed 1"), "--folds must be an integer; --gamma must exceed 1");
  assert.equal(said("penalty mcp is not supported; the penalty takes 3%; its measure; raise --maxit"), "--penalty mcp is not supported; the penalty takes 3%; its measure; raise --maxit");
  assert.equal(said('lambda must be a finite number ≥ 0, "lambdaMin" or "lambda1se"; adaptive.first must be ridge'), '--lambda must be a finite number ≥ 0, "lambdaMin" or "lambda1se"; adaptive.first must be ridge');
  // An element of an option's value is the API's (lambda[1]): it stays, as the fuzzer's NaN λ showed.
  assert.equal(said("lambda[1] must be a finite number; nlambda must be at least 2"), "lambda[1] must be a finite number; --nlambda must be at least 2");
  // A list of specs marks its flags by camelCase of the name, unless the flag names its own.
  const marked = settingLibraryOptions([{ name: "fold-lambda", kind: "string", help: "" }, { name: "folds", api: "nfolds", kind: "integer", help: "" }]);
  assert.deepEqual(marked.map((o) => o.api), ["foldLambda", "nfolds"]);
  // The error keeps its class; its option field becomes the flag's name.
  const e = inCliTerms(new OptionError("every penaltyFactor is 0", "penaltyFactor"), flags);
  assert.ok(e instanceof OptionError && e.option === "penalty-factor" && e.message === "every --penalty-factor is 0");
  const n = inCliTerms(new NoSolutionError("no λ was fitted; raise pmax", "pmax"), flags);
  assert.ok(n instanceof NoSolutionError && n.option === "pmax" && n.message === "no λ was fitted; raise --pmax");
});

// A data column's role was named by the library's option in the command line's messages: "cannot be both
// --foldid and offset", "weights column "bmi" is also in ignore", "weights are too large to add up". The
// roles are flags there too, while the same words as prose stay words.
test("data columns' roles are named by their flags: both A and B, and a message's or fold's subject", async () => {
  const rows = ["y,x1,x2,w,k", ...Array.from({ length: 9 }, (_, i) => `${i % 4},${i},${(i * 7) % 5},${i < 3 ? 1 : 0},${1 + Math.floor(i / 3)}`)];
  const file = scratchFile("roles.csv", rows.join("\n") + "\n");
  const cases: [string[], string][] = [
    [["cv", "--foldid", "k", "--offset", "k"], 'column "k" cannot be both --foldid and --offset'],
    [["fit", "--weights", "x2", "--offset", "x2"], 'column "x2" cannot be both --offset and --weights'],
    [["fit", "--weights", "y"], 'column "y" cannot be both --target and --weights'],
    [["fit", "--weights", "x2", "--ignore", "x2"], 'column "x2" cannot be both --weights and --ignore'],
    [["fit", "--family", "cox", "--status", "k", "--start", "k"], 'column "k" cannot be both --start and --status'],
    // Fold 1's training rows (folds 2 and 3) weigh nothing.
    [["cv", "--weights", "w", "--foldid", "k"], "cross-validation fold 1 (fitted without its 3 rows): --weights are all zero"],
  ];
  for (const [[command, ...flags], message] of cases) {
    const r = await run([command, file, "--target", "y", ...flags]);
    assertOneLineError(r, message);
    assert.doesNotMatch(r.stderr, /(?<!-)\b(foldid|offset|weights|target|ignore|status|start)\b/, r.stderr);
  }
  const huge = scratchFile("huge-weights.csv", ["y,x,w", "1,1,1e308", "2,3,1e308", "4,2,1", "3,5,1"].join("\n") + "\n");
  assertOneLineError(await run(["fit", huge, "--target", "y", "--weights", "w"]), /^shrinkage: --weights are too large to add up/);
  // The library keeps its option names.
  const x = modelMatrix(["a"], [[1, 3, 2, 5]]);
  assert.throws(() => fitPath(x, [1, 2, 4, 3], { weights: [1e308, 1e308, 1, 1] }), (e: unknown) => e instanceof OptionError && /^weights are too large to add up/.test(e.message));
});

test("the same words as prose stay words: a Poisson offset, working weights, a row must start, weights column", () => {
  const said = (m: string) => messageInCliTerms(m, [...DATA_OPTIONS, ...FIT_OPTIONS, ...CV_OPTIONS]);
  const prose = [
    "exp(800) overflows; a Poisson offset is log(exposure), so give the log of the exposure",
    "the spectrum of a GLM needs the solution at λ (its working weights)",
    "a (start, stop] row must start before it stops; row 2 has start 3 ≥ stop 2",
    "x gives 900 features, more than fit in memory; ignore some columns (--ignore)",
    'weights column "w", row 3: -1 is negative; weights must be ≥ 0',
    'target "y" has one class only ("a"): a multinomial fit needs at least two',
    "the outcome is the same count, 3, in every row: without an offset a Poisson model has nothing to fit",
    "no row has an event (status 1): a Cox model has nothing to fit",
  ];
  for (const m of prose) assert.equal(said(m), m);
  assert.equal(said("offset has 3 values but there are 4 rows"), "--offset has 3 values but there are 4 rows");
  assert.equal(said('column "k" cannot be both foldid and strata'), 'column "k" cannot be both --foldid and --strata');
});

// buildDesign, the source scan and the source CV named the CLI's flags ("--family cox needs --status COL",
// "(--ignore)", "(--na drop)", "(--foldid or --fold-key)") to a library caller; they name the library's
// options, which the command line shows as its flags.
test("data and source messages name the library's options; the command line shows the flags", async () => {
  const table = parseCsv("t,s,x\n1,1,2\n2,0,3\n3,1,1\n");
  assert.throws(() => buildDesign(table, { target: "t", family: "cox" }), (e: unknown) => e instanceof OptionError &&
    e.message === "family cox needs a status column: status must name the column saying which rows had the event (1) and which were censored (0)");
  assert.throws(() => buildDesign(table, { target: "t", strata: "s" }), /Error: strata applies to family cox only, not gaussian$/);
  assert.throws(() => buildDesign(parseCsv("y,x\n1,2\n2,\n3,4\n"), { target: "y" }), /fix the cell, or drop rows with missing values \(na drop\)$/);
  const cli = (m: string) => messageInCliTerms(m, [...DATA_OPTIONS, ...FIT_OPTIONS, ...CV_OPTIONS]);
  assert.equal(cli("cross-validation needs the statistics grouped by fold (foldid or foldKey)"), "cross-validation needs the statistics grouped by fold (--foldid or --fold-key)");
  assert.equal(cli("fix them, drop their rows (na drop), or leave the column out (ignore)"), "fix them, drop their rows (--na drop), or leave the column out (--ignore)");
  assert.equal(cli("strata applies to family cox only, not gaussian"), "--strata applies to --family cox only, not gaussian");
  const file = scratchFile("cox-no-status.csv", "t,s,x\n1,1,2\n2,0,3\n3,1,1\n");
  assertOneLineError(await run(["fit", file, "--target", "t", "--family", "cox"]), /^shrinkage: --family cox needs a status column: --status must name the column/);
  assertOneLineError(await run(["fit", scratchFile("na.csv", "y,x\n1,2\n2,\n3,4\n"), "--target", "y"]), /drop rows with missing values \(--na drop\)$/m);
});

// buildDesign, the source CVs and the source scan still named flags to a library caller: "--positive-class",
// "(--target COL)", "--measure auc", "(--folds)". They name positiveClass, target, measure and scanSource's
// folds.folds (cvPath's nfolds: --folds); the command line shows the flags.
test("positiveClass, target, measure and folds are library names; the command line shows their flags", () => {
  const table = parseCsv("y,x\n1,1\n2,2\n3,3\n");
  assert.throws(() => buildDesign(table, { target: "y", positiveClass: "2" }), (e: unknown) => e instanceof OptionError &&
    e.option === "positiveClass" && e.message === "positiveClass applies to family binomial only, not gaussian");
  assert.throws(() => buildDesign(table, { target: "" }), (e: unknown) => e instanceof OptionError && e.message === "a target column is required (target)");
  const cli = (m: string) => messageInCliTerms(m, [...DATA_OPTIONS, ...FIT_OPTIONS, ...CV_OPTIONS]);
  assert.equal(cli("positiveClass applies to family binomial only, not gaussian"), "--positive-class applies to --family binomial only, not gaussian");
  assert.equal(cli('positiveClass: "B" is not a class of the target "y"'), '--positive-class: "B" is not a class of the target "y"');
  assert.equal(cli("a target column is required (target)"), "a target column is required (--target)");
  assert.equal(cli("measure auc ranks each held-out row's prediction; from a source's statistics deviance"), "--measure auc ranks each held-out row's prediction; from a source's statistics deviance");
  assert.equal(cli("measure mae needs each row's prediction"), "--measure mae needs each row's prediction");
  assert.equal(cli("hashes to fold 20 of 20; ask for fewer folds (folds)"), "hashes to fold 20 of 20; ask for fewer folds (--folds)");
  const fault = inCliTerms(new OptionError("positiveClass applies to family binomial only, not gaussian", "positiveClass"), [...DATA_OPTIONS, ...FIT_OPTIONS]);
  assert.ok(fault instanceof OptionError && fault.option === "positive-class");
});
