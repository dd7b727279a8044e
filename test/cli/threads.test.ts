// `--threads`: a fit with a second core (2) and without (1) prints the same path; the option is checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { secondCoreStats, setSecondCoreSplit, setSecondCoreThresholds } from "../../src/linalg/second-core.js";
import { kernelChoice, setKernels } from "../../src/linalg/workspace.js";
import { DIABETES, run } from "./helpers.js";

/** The JSON of a fit without its timing. */
function untimed(stdout: string): unknown {
  const { fitMs: _ms, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return rest;
}

test("--threads 2 (the helper computing every shared column) prints what --threads 1 prints", async () => {
  const args = ["fit", DIABETES, "--target", "progression", "--format", "json"];
  const one = await run([...args, "--threads", "1"]);
  assert.equal(one.code, 0, one.stderr);
  // The diabetes data is small: lower the sizes from which the helper starts, and use WebAssembly whatever the size.
  const choice = kernelChoice();
  const thresholds = setSecondCoreThresholds({ fitCells: 1, callCells: 1 });
  const split = setSecondCoreSplit("helper");
  setKernels("wasm");
  const started = secondCoreStats.started, helped = secondCoreStats.helped;
  try {
    const two = await run([...args, "--threads", "2"]);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(secondCoreStats.started - started, 1, "a helper started");
    assert.ok(secondCoreStats.helped > helped, "the helper computed columns");
    assert.deepEqual(untimed(two.stdout), untimed(one.stdout));
  } finally {
    setKernels(choice);
    setSecondCoreSplit(split);
    setSecondCoreThresholds(thresholds);
  }
  const bad = await run([...args, "--threads", "0"]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /threads/);
});
