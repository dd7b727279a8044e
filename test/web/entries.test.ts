// The lab's entry column and its quick lines (web/src/views/data.ts) state entry as the explanation
// layer does: a bracket between two fitted λs, and no entry at all for ridge or an unpenalized variable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { fitPath } from "../../src/solve/path.js";
import type { FitOptions } from "../../src/solve/types.js";
import type { FitResponse } from "../../web/src/protocol.js";
import { atLambda, entries, entryWords } from "../../web/src/views/data.js";
import { ROOT } from "../cli/helpers.js";

function diabetesFit(options: FitOptions): FitResponse {
  const design = buildDesign(parseCsv(readFileSync(join(ROOT, "data/diabetes.csv"), "utf8")), { target: "progression" });
  const path = fitPath(design.x, design.y, options);
  return { path } as unknown as FitResponse;
}

test("lasso: each variable enters between the last λ where it is zero and the first where it is not", () => {
  const fit = diabetesFit({});
  const { path } = fit;
  const e = entries(fit);
  for (const [j, entry] of e.entries()) {
    assert.equal(entry.free, null);
    if (entry.step === null) continue;
    assert.ok(entry.step >= 1, "nothing is nonzero at λ_max");
    assert.equal(entry.upper, path.lambda[entry.step - 1]);
    assert.equal(entry.lambda, path.lambda[entry.step]);
    assert.match(entryWords(entry), /^λ \S+–\S+$/, path.features[j]);
  }
  assert.ok(e.some((x) => x.order === 1), "ranks start at 1");
  // Between the two λs that bracket the first entry, the quick line never says it enters later.
  const first = e.findIndex((x) => x.order === 1);
  const lambda = Math.sqrt(e[first].upper! * e[first].lambda!);
  const line = atLambda(fit, lambda, e, null).lines[first];
  assert.match(line, /between λ = /);
});

test("ridge and unpenalized variables have no entry and no rank", () => {
  const ridge = diabetesFit({ alpha: 0 });
  for (const entry of entries(ridge)) {
    assert.equal(entry.free, "ridge");
    assert.equal(entry.order, null);
    assert.equal(entryWords(entry), "every λ (ridge)");
  }
  assert.match(atLambda(ridge, ridge.path.lambda[10], entries(ridge), null).lines[0], /at every λ \(ridge keeps every coefficient\)/);
  const factors = [1, 1, 0, 1, 1, 1, 1, 1, 1, 1]; // bmi unpenalized
  const lasso = diabetesFit({ penaltyFactor: factors });
  const e = entries(lasso);
  assert.equal(e[2].free, "unpenalized");
  assert.equal(e[2].order, null);
  assert.ok(e.filter((x, j) => j !== 2 && x.order !== null).some((x) => x.order === 1), "ranks start at 1 among the others");
});
