// Bundles each worker thread's entry module of the build (dist/**/*worker.node.js, what startWorker
// starts: the CV's fold workers, the simulation's) into one ES module in place, after tsc, so that a
// worker loads one module instead of the dozens its imports reach (the multinomial fold worker: 42).
// The code is tsc's output as it is, concatenated by esbuild: no other transform, nothing minified;
// its source map goes back through tsc's maps to src/. Node's own modules stay imports.
//   node scripts/bundle-workers.mjs          (run by `npm run build`)
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/** The build's worker entries: every file whose name ends in worker.node.js (src/**\/*worker.node.ts). */
export function workerEntries(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f).split(sep).join("/"))
    .filter((f) => f.endsWith("worker.node.js"))
    .sort();
}

const entries = workerEntries(dist);
if (entries.length === 0) throw new Error("bundle-workers: no dist/**/*worker.node.js: run tsc first");
for (const entry of entries) {
  const file = join(dist, entry);
  await build({
    entryPoints: [file], outfile: file, allowOverwrite: true,
    bundle: true, format: "esm", platform: "node", target: "es2022",
    // Only the project's own modules: a package the worker imports would stay an import.
    packages: "external",
    sourcemap: true, legalComments: "none", logLevel: "warning",
  });
}
console.log(`bundle-workers: ${entries.map((e) => relative(".", e)).join(", ")}, each one module`);
