// simulate --from FILE --penalties: the lasso, MCP, SCAD and the adaptive lasso on a truth planted on the
// user's design, each at its cross-validated λ_min on the same folds (src/simulate/planted-penalties.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { OptionError } from "../../src/errors.js";
import { comparePenaltiesOnData } from "../../src/simulate/planted-penalties.js";
import { plantTruth } from "../../src/simulate/planted.js";
import { DIABETES, assertOneLineError, run } from "../cli/helpers.js";

const { x, y } = buildDesign(parseCsv(readFileSync(DIABETES, "utf8")), { target: "progression" });
const STRONG = { bmi: 10, s5: 60 };

test("on a strong planted truth the lasso's survivors are shrunk and MCP's and SCAD's much less", () => {
  const res = comparePenaltiesOnData(x, y, { truth: STRONG, reps: 6, nfolds: 5, seed: 2 });
  assert.deepEqual(res.penalties.map((r) => r.method), ["lasso", "mcp", "scad", "adaptive"]);
  assert.deepEqual(Array.from(res.truth.support, (j) => res.features[j]), ["bmi", "s5"]);
  const row = (m: string) => res.penalties.find((r) => r.method === m)!;
  // Precondition: every method kept both planted variables in every repetition (so the biases compare like with like).
  for (const r of res.penalties) assert.equal(r.trueSelections, 2, `${r.method} kept ${r.trueSelections}`);
  assert.ok(row("lasso").survivorBias < 0, `lasso bias ${row("lasso").survivorBias}`);
  for (const m of ["mcp", "scad"]) {
    assert.ok(Math.abs(row(m).survivorBias) < 0.5 * Math.abs(row("lasso").survivorBias), `${m} bias ${row(m).survivorBias} vs lasso ${row("lasso").survivorBias}`);
  }
  for (const r of res.penalties) {
    assert.ok(r.exact >= 0 && r.exact <= 1 && r.falseSelections >= 0);
    if (r.exact === 1) assert.equal(r.falseSelections, 0);
  }
});

test("each method's row is the same whichever other methods run beside it (same outcomes, same folds)", () => {
  const opts = { truth: STRONG, reps: 3, nfolds: 5, seed: 7 };
  const all = comparePenaltiesOnData(x, y, opts);
  const mcp = comparePenaltiesOnData(x, y, { ...opts, methods: ["mcp"] });
  assert.deepEqual(mcp.penalties, [all.penalties[1]]);
  assert.deepEqual(Array.from(mcp.truth.beta), Array.from(plantTruth(x, y, { ...opts }).beta));
});

test("bad methods and reps are errors naming the option", () => {
  assert.throws(() => comparePenaltiesOnData(x, y, { methods: ["ridge" as "mcp"], reps: 1 }), (e: unknown) => e instanceof OptionError && e.option === "methods");
  assert.throws(() => comparePenaltiesOnData(x, y, { reps: 0 }), (e: unknown) => e instanceof OptionError && e.option === "reps");
});

test("simulate --from FILE --penalties prints the four methods (JSON and text); --methods picks; a bad method is refused", async () => {
  const args = ["simulate", "--from", DIABETES, "--target", "progression", "--penalties", "--reps", "2", "--folds", "5", "--truth", "bmi=10,s5=60"];
  const r = await run([...args, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.reps, 2);
  assert.deepEqual(json.truth.support, ["bmi", "s5"]);
  assert.deepEqual(json.penalties.map((p: { method: string }) => p.method), ["lasso", "mcp", "scad", "adaptive"]);
  for (const p of json.penalties) for (const k of ["exact", "falseSelections", "trueSelections", "survivorBias"]) assert.equal(typeof p[k], "number", `${p.method}.${k}`);
  const text = await run([...args, "--methods", "lasso,scad"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /exact recovery/);
  assert.match(text.stdout, /^scad /m);
  assert.doesNotMatch(text.stdout, /^mcp /m);
  assertOneLineError(await run([...args, "--methods", "lasso,ridge"]), /--methods: unknown method "ridge"/);
});
