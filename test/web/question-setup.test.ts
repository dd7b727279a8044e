// A question's setup is undone when another question opens, unless the person changed that setting since.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_STATE, type LabState } from "../../web/src/state.js";
import { questionSetup, restoreWords } from "../../web/src/question-setup.js";

const apply = (state: LabState, patch: Partial<LabState>): LabState => ({ ...state, ...patch });

test("the ridge question's α = 0 is put back by the next question, with λ_1se of the refit", () => {
  const start = apply(DEFAULT_STATE, { alpha: 0.7, lambda: 3 });
  const ridge = questionSetup(start, null, { alpha: 0 });
  assert.deepEqual(ridge.patch, { alpha: 0, lambda: null });
  assert.deepEqual(ridge.restore, { before: { alpha: 0.7 }, set: { alpha: 0 } });
  const inRidge = apply(start, ridge.patch);
  assert.equal(restoreWords(ridge.restore!, inRidge), "This question set α to 0; opening another question puts it back to 0.7.");
  const next = questionSetup(inRidge, ridge.restore, {});
  assert.deepEqual(next.patch, { alpha: 0.7, lambda: null });
  assert.equal(next.restore, null);
});

test("a setting the person changed after the setup is theirs, and stays", () => {
  const ridge = questionSetup(DEFAULT_STATE, null, { alpha: 0 });
  const moved = apply(apply(DEFAULT_STATE, ridge.patch), { alpha: 0.3 });
  assert.equal(restoreWords(ridge.restore!, moved), "");
  const next = questionSetup(moved, ridge.restore, { scenario: "correlated" });
  assert.deepEqual(next.patch, { scenario: "correlated" });
  assert.deepEqual(next.restore, { before: { scenario: null }, set: { scenario: "correlated" } });
});

test("a setup that changes nothing remembers nothing", () => {
  const same = questionSetup(apply(DEFAULT_STATE, { alpha: 0 }), null, { alpha: 0 });
  assert.deepEqual(same.patch, {});
  assert.equal(same.restore, null);
});
