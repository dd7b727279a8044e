// Checks the import graph of src/ and web/src/ (the rules are in import-graph.mjs): no file-level
// cycle, no folder importing a layer above it, and the lab importing the library only through
// src/index.ts or src/lab.ts. Prints one line per problem and exits 1 when there is any.
//   node scripts/check-imports.mjs
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { checkImports } from "./import-graph.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = {};
for (const dir of ["src", "web/src"]) {
  for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    files[relative(root, path).split(sep).join("/")] = readFileSync(path, "utf8");
  }
}
const problems = checkImports(files);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`check-imports: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the import graph of src/ and web/src/ (rules in scripts/import-graph.mjs)`);
  process.exit(1);
}
console.log(`check-imports: ${Object.keys(files).length} files, no cycles, every import within its layers`);
