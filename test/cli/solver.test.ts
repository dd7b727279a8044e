// --solver ws on the command line: the working-set solver's fit reports gaps below --gap-tol, and a
// family it does not fit is refused by name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DIABETES, run } from "./helpers.js";

test("--solver ws fits to --gap-tol, and its devRatio agrees with glmnet's steps", async () => {
  const r = await run(["fit", DIABETES, "--target", "progression", "--solver", "ws", "--gap-tol", "1e-10", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const ws = JSON.parse(r.stdout);
  assert.equal(ws.gap.length, ws.lambda.length);
  assert.ok(ws.lambda.length > 5);
  assert.ok(ws.gap.slice(1).every((g: number) => g >= 0 && g <= 1e-10), JSON.stringify(ws.gap));
  const glm = JSON.parse((await run(["fit", DIABETES, "--target", "progression", "--gap-tol", "1e-10", "--format", "json"])).stdout);
  assert.ok(Math.abs(glm.lambda.length - ws.lambda.length) <= 2, `${glm.lambda.length} vs ${ws.lambda.length} λs`);
  for (let k = 1; k < Math.min(glm.devRatio.length, ws.devRatio.length); k++) {
    assert.ok(Math.abs(glm.devRatio[k] - ws.devRatio[k]) < 1e-5, `λ[${k}]: devRatio ${ws.devRatio[k]} vs ${glm.devRatio[k]}`);
  }
});

test("--solver ws refuses a family it does not fit, and an unknown solver", async () => {
  const bad = await run(["fit", DIABETES, "--target", "progression", "--solver", "ws", "--family", "poisson"]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /solver|gaussian/);
  const unknown = await run(["fit", DIABETES, "--target", "progression", "--solver", "fast"]);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /solver/);
});
