// A library message on the command line names the CLI's flags (--maxit, --standardize-response), not the
// library's options (maxit, standardizeResponse), in errors and in the notes a fit leaves; the library's
// own messages keep the API names. The flags' library names come from the option lists (args.ts `api`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { settingLibraryOptions } from "../../src/cli/args.js";
import { inCliTerms, messageInCliTerms } from "../../src/cli/library-errors.js";
import { FIT_OPTIONS } from "../../src/cli/common.js";
import { CV_OPTIONS } from "../../src/cli/commands/cv.js";
import { modelMatrix } from "../../src/data/matrix.js";
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
