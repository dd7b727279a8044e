// The bad-file corpus through the command line: each error case fails with one line naming the problem;
// each readable file fits and prints JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CASES, caseName, casePath, cliFlags } from "../fixtures/bad/corpus.js";
import { assertOneLineError, run } from "./helpers.js";

for (const c of CASES) {
  test(`shrinkage ${c.options.foldid !== undefined ? "cv" : "fit"} ${caseName(c)}`, async () => {
    // A fold-id column is a cv option; everything else goes through fit.
    const command = c.options.foldid !== undefined ? "cv" : "fit";
    const r = await run([command, casePath(c), ...cliFlags(c.options), "--format", "json"]);
    if (c.error !== undefined) {
      assertOneLineError(r, c.error);
      return;
    }
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    if (c.result?.features) assert.deepEqual(json.features, c.result.features);
    if (c.result?.positiveClass !== undefined) assert.equal(json.positiveClass, c.result.positiveClass);
    // JSON writes NaN and Infinity as null: every number of the result must be a finite number.
    const finite = (v: unknown): boolean => (Array.isArray(v) ? v.every(finite) : typeof v === "number" && Number.isFinite(v));
    for (const key of ["lambda", "intercept", "coefficients", "df", "devRatio", "nullDeviance"]) assert.ok(finite(json[key]), `${key} is finite`);
    if (c.result?.droppedRows) assert.match(r.stderr, new RegExp(`dropped ${c.result.droppedRows} row`));
    if (c.result?.warning) assert.ok(r.stderr.includes(c.result.warning), `stderr ${JSON.stringify(r.stderr)} warns ${c.result.warning}`);
  });
}
