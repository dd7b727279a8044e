/**
 * Snapshot tests in Observable Plot's style: each chart rendered from fixed inputs must equal the SVG kept in
 * test/plot/snapshots/. Run locally, a missing snapshot is written (with a note) and the test passes, and
 * UPDATE_SNAPSHOTS=1 rewrites all. In CI (`CI` set) nothing is written: a missing snapshot fails, as in
 * Observable Plot's harness, so a chart whose snapshot was never committed cannot pass there by accident.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inCi } from "../helpers/ci.js";
import { snapshotCases } from "./cases.js";

const dir = new URL("./snapshots/", import.meta.url);
const update = process.env.UPDATE_SNAPSHOTS === "1" && !inCi;

/** Where two texts first differ, with some context, so a failing snapshot says what changed. */
function firstDifference(actual: string, expected: string): string {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  const from = Math.max(0, i - 80);
  return `first difference at character ${i}:\n  expected …${expected.slice(from, i + 80)}…\n  actual   …${actual.slice(from, i + 80)}…`;
}

for (const c of snapshotCases) {
  test(`snapshot ${c.name}`, (t) => {
    const actual = c.render();
    const file = new URL(`${c.name}.svg`, dir);
    const path = fileURLToPath(file);
    if (!existsSync(file)) {
      if (inCi) {
        assert.fail(`snapshot ${path} is missing; run the tests locally without CI set to create it, look at it, and commit it`);
      }
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
      t.diagnostic(`wrote the missing snapshot ${path}; look at it and commit it`);
      return;
    }
    if (update) {
      writeFileSync(file, actual);
      return;
    }
    const expected = readFileSync(file, "utf8");
    if (actual !== expected) {
      assert.fail(`${c.name}.svg differs from the snapshot (UPDATE_SNAPSHOTS=1 to accept); ${firstDifference(actual, expected)}`);
    }
  });
}

test("snapshot names are distinct and every kept snapshot belongs to a case", () => {
  const names = snapshotCases.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, "two cases share a name, so one would overwrite the other's snapshot");
  const kept = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".svg")) : [];
  const orphans = kept.filter((f) => !names.includes(f.slice(0, -".svg".length)));
  assert.deepEqual(orphans, [], "snapshots with no case in test/plot/cases.ts (delete them or restore their case)");
});

test("rendering the same chart twice gives the same bytes (no process-wide ids leak into the output)", () => {
  for (const c of snapshotCases) assert.equal(c.render(), c.render(), c.name);
});
