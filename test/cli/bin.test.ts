// The built command (package.json "bin" → dist/cli/main.js), as npx runs it. `npm test` builds dist first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DIABETES, ROOT, spawn } from "./helpers.js";

const BIN = join(ROOT, "dist/cli/main.js");

test("package.json's bin points at the built CLI, which starts with a node shebang", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.equal(pkg.bin.shrinkage, "dist/cli/main.js");
  assert.ok(existsSync(BIN), "dist/cli/main.js exists (run `npm run build`)");
  assert.equal(readFileSync(BIN, "utf8").split("\n")[0], "#!/usr/bin/env node");
});

test("the built CLI fits the bundled data and prints the JSON contract", () => {
  const help = spawn(["--help"], "dist");
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /Usage: shrinkage <command>/);
  const r = spawn(["fit", DIABETES, "--target", "progression", "--format", "json"], "dist");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const json = JSON.parse(r.stdout);
  assert.equal(json.features.length, 10);
  assert.equal(json.df[0], 0);
});

test("from source, a fit's table goes to stdout and nothing to stderr", () => {
  const r = spawn(["fit", DIABETES, "--target", "progression"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /Df\s+%Dev\s+Lambda/);
});
