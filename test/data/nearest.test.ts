import { test } from "node:test";
import assert from "node:assert/strict";
import { editDistance, nearestName, suggestion } from "../../src/data/nearest.js";

test("edit distance", () => {
  assert.equal(editDistance("", ""), 0);
  assert.equal(editDistance("abc", ""), 3);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("progresion", "progression"), 1);
  assert.equal(editDistance("flaw", "lawn"), 2);
});

test("the nearest name is suggested only when it is a plausible typo", () => {
  const names = ["age", "sex", "bmi", "bp", "progression"];
  assert.equal(nearestName("progresion", names), "progression");
  assert.equal(nearestName("Progression", names), "progression");
  assert.equal(nearestName("bmii", names), "bmi");
  assert.equal(nearestName("cholesterol", names), null);
  assert.match(suggestion("cholesterol", names), /the columns are "age", "sex"/);
  assert.equal(suggestion("agee", names), 'did you mean "age"?');
});

test("a swap of two neighbouring letters is one typo", () => {
  assert.equal(editDistance("agnet", "agent"), 1);
  assert.equal(nearestName("agnet", ["age", "agent"]), "agent");
});
