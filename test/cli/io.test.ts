// Reading data files: sizes Node cannot hold are refused with a message, not an out-of-memory crash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { statSync, writeFileSync } from "node:fs";
import { constants } from "node:buffer";
import { BYTES_PER_FILE_BYTE, memoryProblem, readTextFile } from "../../src/cli/io.js";
import { dirname, join } from "node:path";
import { DataError } from "../../src/errors.js";
import { DIABETES, assertOneLineError, run, scratchFile, spawn } from "./helpers.js";

test("a file needing more memory than the heap allows is refused, saying how to allow more", () => {
  const limit = 4e9;
  assert.equal(memoryProblem(1e6, limit), null);
  assert.equal(memoryProblem(Math.floor(limit / BYTES_PER_FILE_BYTE) - 1, limit), null);
  const message = memoryProblem(Math.ceil(limit / BYTES_PER_FILE_BYTE) + 1, limit) ?? "";
  assert.match(message, /reading it needs about .* of memory, but Node may use 4\.0 GB; give Node more \(NODE_OPTIONS=--max-old-space-size=\d+\)/);
  assert.match(memoryProblem(constants.MAX_STRING_LENGTH + 1, 1e15) ?? "", /more than the .* Node can hold as one text/);
});

test("readTextFile decodes UTF-8 (BOM dropped) and UTF-16 with a BOM", () => {
  const utf8 = scratchFile("bom.csv", "\ufeffa,b\n1,2\n");
  assert.equal(readTextFile(utf8), "a,b\n1,2\n");
  const utf16 = scratchFile("u16.csv", "");
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\tb\r\n1\t2\r\n", "utf16le")]));
  assert.equal(readTextFile(utf16), "a\tb\r\n1\t2\r\n");
  assert.throws(() => readTextFile("/no/such.csv"), (e: DataError) => e instanceof DataError && /no such file/.test(e.message));
});

test("a CSV too big for the heap is scanned by DuckDB (sufficient statistics), not refused or crashed", () => {
  // About 20 MB of numbers would need about 160 MB to read; Node with a 64 MB old space may use about 117 MB.
  const rows: string[] = [];
  for (let i = 0; rows.length * 40 < 20e6; i++) {
    const a = (i * 7919) % 10007, b = (i * 104729) % 1009, c = (i * 31) % 97;
    rows.push(`${(2 * a - b + 0.5 * c + (i % 13)).toFixed(3)},${a}.125,${b}.25,${c}.5`);
  }
  const file = scratchFile("big.csv", `y,a,b,c\n${rows.join("\n")}\n`);
  assert.notEqual(memoryProblem(statSync(file).size, 120e6), null, "precondition: the file is too big for a 64 MB old space");
  const r = spawnWithHeap(["fit", file, "--target", "y", "--format", "json"], 64);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.source.engine, "duckdb");
  assert.equal(json.source.rows, rows.length);
  assert.ok(json.lambda.length > 1);
});

/** spawn() with a tiny old-space limit (MB). */
function spawnWithHeap(argv: string[], mb: number) {
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ""} --max-old-space-size=${mb}`.trim();
  try {
    return spawn(argv, "source");
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
  }
}

test("--out into a directory that does not exist says so, not 'no such file' (the file is the one to be made)", async () => {
  const missing = join(dirname(scratchFile("here.txt", "")), "no-such-dir", "x.json");
  const r = await run(["fit", DIABETES, "--target", "progression", "--format", "json", "--out", missing]);
  assertOneLineError(r, `cannot write ${missing}: the directory ${dirname(missing)} does not exist`);
  assert.equal(r.code, 1);
  // A file where a directory should be.
  const file = scratchFile("plain.txt", "");
  assertOneLineError(await run(["fit", DIABETES, "--target", "progression", "--out", join(file, "x.json")]), `cannot write ${join(file, "x.json")}: a part of ${file} is a file, not a directory`);
});
