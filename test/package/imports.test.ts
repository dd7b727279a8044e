// The import-graph checker that `npm test` runs first (scripts/check-imports.mjs) on made-up graphs, so
// that it cannot pass by seeing nothing: cycles, upward and sideways imports and the lab's deep imports
// are reported, and the imports the layers allow are not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkImports, importsOf } from "../../scripts/import-graph.mjs";

test("a cycle of files is reported with the whole loop", () => {
  const problems = checkImports({
    "src/solve/a.ts": 'import { b } from "./b.js";\nexport const a = 1;',
    "src/solve/b.ts": 'import type { C } from "./c.js";\nexport const b = 2;',
    "src/solve/c.ts": 'export { a } from "./a.js";\nexport type C = number;',
  });
  assert.deepEqual(problems, ["cycle: src/solve/a.ts -> src/solve/b.ts -> src/solve/c.ts -> src/solve/a.ts"]);
});

test("a file importing itself is a cycle", () => {
  assert.deepEqual(checkImports({ "src/cv/x.ts": 'export * from "./x.js";' }), ["cycle: src/cv/x.ts -> src/cv/x.ts"]);
});

test("imports down the layers, within a folder and from the entry points are fine", () => {
  const problems = checkImports({
    "src/errors.ts": "export class OptionError extends Error {}",
    "src/random/rng.ts": 'import { OptionError } from "../errors.js";',
    "src/cv/folds.ts": 'import { createRng } from "../random/rng.js";\nimport { x } from "./copy.js";',
    "src/cv/copy.ts": 'import type { M } from "../data/matrix.js";',
    "src/data/matrix.ts": "export type M = number;",
    "src/simulate/experiment.ts": 'import { cvPath } from "../cv/folds.js";',
    "src/cli/main.ts": 'const fit = () => import("../simulate/experiment.js");',
    "src/index.ts": 'export * from "./cli/main.js";\nexport * from "./random/rng.js";',
    "src/lab.ts": 'export { a } from "./cv/copy.js";',
    "web/src/main.ts": 'import "./style.css";\nimport { fitPath } from "../../src/index.js";\nimport { a } from "../../src/lab.js";\nimport { s } from "./state.js";',
    "web/src/state.ts": 'import type { Family } from "../../src/index.js";',
  });
  assert.deepEqual(problems, []);
});

test("an import of a layer above is reported, naming both files", () => {
  const problems = checkImports({
    "src/cv/folds.ts": 'import {\n  createRng,\n  randomFolds,\n} from "../simulate/random.js";',
    "src/simulate/random.ts": "export const createRng = 1;",
  });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^upward: src\/cv\/folds\.ts \(layer cv\) imports src\/simulate\/random\.ts/);
});

test("peers of the explain, simulate and plot layer must not import each other", () => {
  const problems = checkImports({
    "src/plot/path.ts": 'import { explain } from "../explain/explain.js";',
    "src/explain/explain.ts": "export const explain = 1;",
  });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^sideways: src\/plot\/path\.ts imports src\/explain\/explain\.ts/);
});

test("the lab importing library internals, or the library importing the lab, is reported", () => {
  const problems = checkImports({
    "web/src/views/data.ts": 'import { pathChart } from "../../../src/plot/path.js";',
    "src/plot/path.ts": 'import { state } from "../../web/src/state.js";',
    "web/src/state.ts": "export const state = 1;",
  });
  assert.deepEqual(problems, [
    "web: web/src/views/data.ts imports src/plot/path.ts; web/src may import the library only through src/index.ts or src/lab.ts",
    "web: src/plot/path.ts imports web/src/state.ts; the library must not import the lab",
  ]);
});

test("files in no layer and imports of missing files are reported", () => {
  const problems = checkImports({ "src/stray.ts": 'import { a } from "./gone.js";' });
  assert.deepEqual(problems.sort(), [
    "unlayered: src/stray.ts is in no layer of LAYERS in scripts/import-graph.mjs",
    'unresolved: src/stray.ts imports "./gone.js", which is no file in the graph',
  ]);
});

test("imports in comments and packages are not edges; strings are not comments", () => {
  const source = [
    '// import { a } from "./commented.js";',
    '/* export * from "./block.js"; */',
    'import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";',
    'import { readFileSync } from "node:fs";',
    'const url = "https://example.org/x"; import { b } from "./b.js";',
    "export type { T } from './t.js';",
  ].join("\n");
  assert.deepEqual(importsOf(source).sort(), ["./b.js", "./t.js"]);
});
