/** The lab's pure multi-response parts: the automatic family and target for classes, the state's fields, the targets fitted. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../src/data/csv.js";
import { cellReader } from "../../src/data/cells.js";
import { autoFamily, canBeTarget, codesNote, columnKind, pickTarget, wholeNumberCodes } from "../../web/src/reading.js";
import { DEFAULT_STATE, fitKey, stateFromQuery, stateToQuery } from "../../web/src/state.js";
import { multiTargets } from "../../web/src/multi-fit.js";
import { multiFamilyWords } from "../../web/src/multi.js";
import { ROOT } from "./harness.js";

const reader = cellReader();
const text = (levels: readonly string[]) => ({ kind: "text" as const, levels });

test("the automatic family: 3 to 50 text classes are multinomial; more, or levels differing in capitals, are said", () => {
  assert.equal(autoFamily("species", text(["setosa", "versicolor", "virginica"])), "multinomial");
  assert.equal(autoFamily("k", text(Array.from({ length: 50 }, (_, i) => `c${i}`))), "multinomial");
  assert.throws(() => autoFamily("k", text(Array.from({ length: 51 }, (_, i) => `c${i}`))), /51 different values.*choose Family: multinomial to fit its 51 classes, more than 50/);
  assert.throws(() => autoFamily("bought", text(["Yes", "no", "yes"])), /"Yes" and "yes" differ only in capitals/);
  assert.equal(autoFamily("y", { kind: "numbers", distinct: 3, nonNegative: true }), "gaussian", "numbers stay numbers unless multinomial is chosen");
});

test("a column of classes can be the target of multinomial; mgaussian's targets are numbers", () => {
  assert.equal(canBeTarget(text(["a", "b", "c"]), "multinomial"), true);
  assert.equal(canBeTarget(text(["a", "b"]), "multinomial"), true);
  assert.equal(canBeTarget({ kind: "numbers", distinct: 3, nonNegative: true }, "multinomial"), true);
  assert.equal(canBeTarget(text(["a", "b", "c"]), "mgaussian"), false);
  assert.equal(canBeTarget({ kind: "numbers", distinct: 3, nonNegative: false }, "mgaussian"), true);
});

test("iris: the class column after the measurements is the automatic target; a file with other text keeps its old choice", () => {
  const iris = parseCsv(readFileSync(join(ROOT, "data", "iris.csv"), "utf8"));
  assert.deepEqual(pickTarget(iris, null, reader), { target: "Species", skipped: [] });
  assert.equal(autoFamily("Species", columnKind(iris.columns[4]!, reader)), "multinomial");
  // A text column besides the classes: the last column is not taken for the outcome.
  const customers = parseCsv("bought,age,region\nyes,30,north\nno,31,south\nno,40,east\nyes,22,north\nno,35,south\nyes,50,east\n");
  assert.deepEqual(pickTarget(customers, null, reader), { target: "age", skipped: ["region"] });
});

test("grouped and more targets go in the link and the fit's key only when set", () => {
  const state = { ...DEFAULT_STATE, family: "multinomial" as const, grouped: true, moreTargets: ["y2", "a, b"] };
  const back = stateFromQuery(stateToQuery(state));
  assert.equal(back.family, "multinomial");
  assert.equal(back.grouped, true);
  assert.deepEqual(back.moreTargets, ["y2", "a, b"]);
  assert.notEqual(fitKey(state), fitKey({ ...state, grouped: false }));
  assert.notEqual(fitKey(state), fitKey({ ...state, moreTargets: ["y2"] }));
  assert.equal(fitKey({ ...DEFAULT_STATE }), JSON.stringify(["diabetes", null, "error", "auto", "", null, 1, true, "lasso", null, 10, 1]), "other fits keep their keys");
  assert.equal(stateToQuery(DEFAULT_STATE).includes("grouped"), false);
});

test("the targets fitted and the words for them", () => {
  assert.deepEqual(multiTargets("mgaussian", "y1", ["y2", "y1", "y3", "y2"]), ["y1", "y2", "y3"]);
  assert.deepEqual(multiTargets("multinomial", "species", ["y2"]), ["species"]);
  assert.equal(multiFamilyWords({ family: "multinomial", grouped: false, classes: ["a", "b", "c"] }), "3 classes: multinomial (a, b, c)");
  assert.equal(multiFamilyWords({ family: "multinomial", grouped: true, classes: ["a", "b", "c"] }), "3 classes: multinomial, grouped (a, b, c)");
  assert.equal(multiFamilyWords({ family: "mgaussian", grouped: true, classes: ["y1", "y2"] }), "2 numeric targets: mgaussian (y1, y2)");
});

test("a target of a few whole numbers stays numbers, with a note that they may be classes", () => {
  assert.deepEqual(wholeNumberCodes(["3", "1", "2", "", "2", "1"], reader), [1, 2, 3]);
  assert.equal(wholeNumberCodes(["1", "2", "1"], reader), null, "two values: binomial's");
  assert.equal(wholeNumberCodes(["1", "2", "3.5"], reader), null, "not whole");
  assert.equal(wholeNumberCodes(Array.from({ length: 11 }, (_, i) => String(i)), reader), null, "more than 10: a count");
  assert.equal(wholeNumberCodes(["a", "b", "c"], reader), null);
  assert.equal(codesNote("cultivar", [1, 2, 3]), `"cultivar" holds 3 whole numbers (1, 2, 3), fitted as numbers; if they are classes, choose Family: multinomial.`);
});
