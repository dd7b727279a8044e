/** The penalty picker's pure parts (web/src/penalty.ts): the URL fields, the picker's choices, the fit options. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { choicePatch, penaltyFromQuery, penaltyOptions, pickerChoice } from "../../web/src/penalty.js";
import { stateFromQuery, stateToQuery, DEFAULT_STATE } from "../../web/src/state.js";

test("the elastic net is the lasso with α below 1; choosing a penalty resets γ to ncvreg's default", () => {
  assert.equal(pickerChoice({ penalty: "lasso", alpha: 1 }), "lasso");
  assert.equal(pickerChoice({ penalty: "lasso", alpha: 0.3 }), "enet");
  assert.equal(pickerChoice({ penalty: "mcp", alpha: 0.3 }), "mcp");
  assert.deepEqual(choicePatch("enet", 1), { penalty: "lasso", alpha: 0.5, penaltyGamma: null });
  assert.deepEqual(choicePatch("enet", 0.2), { penalty: "lasso", alpha: 0.2, penaltyGamma: null });
  assert.deepEqual(choicePatch("lasso", 0.2), { penalty: "lasso", alpha: 1, penaltyGamma: null });
  assert.deepEqual(choicePatch("scad", 0.7), { penalty: "scad", alpha: 0.7, penaltyGamma: null });
});

test("fit options: MCP 3 and SCAD 3.7 by default, a set γ passed as typed, adaptive as the library's flag", () => {
  assert.deepEqual(penaltyOptions({ penalty: "mcp", penaltyGamma: null }), { penalty: "mcp", penaltyGamma: 3 });
  assert.deepEqual(penaltyOptions({ penalty: "scad", penaltyGamma: null }), { penalty: "scad", penaltyGamma: 3.7 });
  assert.deepEqual(penaltyOptions({ penalty: "mcp", penaltyGamma: 0.5 }), { penalty: "mcp", penaltyGamma: 0.5 });
  assert.deepEqual(penaltyOptions({ penalty: "adaptive", penaltyGamma: null }), { adaptive: true });
  assert.deepEqual(penaltyOptions({ penalty: "lasso", penaltyGamma: null }), {});
});

test("the URL: pen and pgamma round-trip; γ without MCP or SCAD, or an unknown penalty, is dropped", () => {
  const state = { ...DEFAULT_STATE, penalty: "scad" as const, penaltyGamma: 1.5 };
  const query = stateToQuery(state);
  assert.match(query, /pen=scad/);
  assert.match(query, /pgamma=1.5/);
  assert.deepEqual(stateFromQuery(query), state);
  assert.deepEqual(penaltyFromQuery(new URLSearchParams("pen=lasso&pgamma=4")), { penalty: "lasso", penaltyGamma: null });
  assert.deepEqual(penaltyFromQuery(new URLSearchParams("pen=bridge")), { penalty: "lasso", penaltyGamma: null });
  assert.equal(stateToQuery(DEFAULT_STATE).includes("pen="), false);
});
