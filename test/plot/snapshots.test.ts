/**
 * Snapshot tests in Observable Plot's style: each chart rendered from fixed inputs must equal the SVG kept in
 * test/plot/snapshots/. A missing snapshot is written (and the test passes); UPDATE_SNAPSHOTS=1 rewrites all.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { snapshotCases } from "./cases.js";

const dir = new URL("./snapshots/", import.meta.url);
const update = process.env.UPDATE_SNAPSHOTS === "1";

/** Where two texts first differ, with some context, so a failing snapshot says what changed. */
function firstDifference(actual: string, expected: string): string {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  const from = Math.max(0, i - 80);
  return `first difference at character ${i}:\n  expected …${expected.slice(from, i + 80)}…\n  actual   …${actual.slice(from, i + 80)}…`;
}

for (const c of snapshotCases) {
  test(`snapshot ${c.name}`, () => {
    const actual = c.render();
    const file = new URL(`${c.name}.svg`, dir);
    if (update || !existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    const expected = readFileSync(file, "utf8");
    if (actual !== expected) {
      assert.fail(`${c.name}.svg differs from the snapshot (UPDATE_SNAPSHOTS=1 to accept); ${firstDifference(actual, expected)}`);
    }
  });
}

test("rendering the same chart twice gives the same bytes (no process-wide ids leak into the output)", () => {
  for (const c of snapshotCases) assert.equal(c.render(), c.render(), c.name);
});
