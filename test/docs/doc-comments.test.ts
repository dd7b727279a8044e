// Every public export (src/index.ts, src/node.ts) has a doc comment: the API reference (npm run docs,
// TypeDoc) is generated from them, and an export without one would be a blank entry there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { ROOT } from "../cli/helpers.js";

const ENTRIES = ["src/index.ts", "src/node.ts"].map((f) => join(ROOT, f));

/** The public exports with no doc comment, as "name (file)". */
function undocumented(): { total: number; missing: string[] } {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(ENTRIES, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  let total = 0;
  for (const entry of ENTRIES) {
    const source = program.getSourceFile(entry);
    assert.ok(source, entry);
    const module = checker.getSymbolAtLocation(source);
    assert.ok(module, `${entry} is a module`);
    for (const exported of checker.getExportsOfModule(module)) {
      total++;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== "") continue;
      const file = symbol.declarations?.[0]?.getSourceFile().fileName.slice(ROOT.length + 1) ?? "?";
      missing.add(`${exported.getName()} (${file})`);
    }
  }
  return { total, missing: [...missing].sort() };
}

test("every public export has a doc comment", () => {
  const { total, missing } = undocumented();
  assert.ok(total > 300, `only ${total} exports found: the entries were not read`);
  assert.deepEqual(missing, [], `exports without a doc comment (write /** … */ above each):\n${missing.join("\n")}`);
});
