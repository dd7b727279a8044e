// The build's worker threads: each worker entry of dist/ is one module (scripts/bundle-workers.mjs, run
// by `npm run build`), and the built multi-response CV on worker threads gives one thread's numbers.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { cvMultiPath as CvMultiPath } from "../../src/cv/multi-cv.js";
import type { cvMultiPathParallel as CvMultiPathParallel } from "../../src/cv/multi-parallel.node.js";
import { inCi } from "../helpers/ci.js";
import { randomProblem } from "../helpers/random.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");

/** The files under `dir` (relative, with "/") whose names end in `suffix`. */
function filesEnding(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true }).map((f) => String(f).split("\\").join("/")).filter((f) => f.endsWith(suffix)).sort();
}

/** False, with a diagnostic, when dist/ is not built (npm test builds it: in CI a missing build fails). */
function built(t: TestContext): boolean {
  if (existsSync(join(DIST, "cv/multi-parallel.node.js"))) return true;
  assert.ok(!inCi, "dist/ is missing: npm test builds it before the tests");
  t.diagnostic("dist/ not built (npm run build): the build's workers were not checked");
  return false;
}

test("each worker entry of the build is one module: it imports none of the project's other modules", (t) => {
  if (!built(t)) return;
  const sources = filesEnding(join(ROOT, "src"), "worker.node.ts").map((f) => f.replace(/\.ts$/, ".js"));
  assert.ok(sources.length >= 6, `worker entries in src: ${sources.join(", ")}`);
  assert.deepEqual(filesEnding(DIST, "worker.node.js"), sources);
  for (const file of sources) {
    const code = readFileSync(join(DIST, file), "utf8");
    const specifiers = [...code.matchAll(/^\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)]
      .map((m) => m[1] ?? m[2] ?? m[3]);
    assert.ok(specifiers.length > 0, `${file} imports node:worker_threads at least`);
    // Node's modules and the package's dependencies stay imports; no path to another of the build's files.
    assert.deepEqual(specifiers.filter((s) => s.startsWith(".") || s.startsWith("/") || s.startsWith("file:")), [], `${file} imports no file of the build`);
  }
});

test("the build's multinomial CV on 2 threads (a bundled worker) gives one thread's numbers, bit for bit", async (t) => {
  if (!built(t)) return;
  const at = (path: string) => pathToFileURL(join(DIST, path)).href;
  const { cvMultiPath } = (await import(at("cv/multi-cv.js"))) as { cvMultiPath: typeof CvMultiPath };
  const { cvMultiPathParallel } = (await import(at("cv/multi-parallel.node.js"))) as { cvMultiPathParallel: typeof CvMultiPathParallel };
  const { x } = randomProblem(17, 200, 10, { rho: 0.3 });
  const labels = Array.from({ length: x.n }, (_, i) => ["a", "b", "c"][(x.data[i] > 0 ? 1 : 0) + (x.data[x.n + i] > 0.5 ? 1 : 0)]);
  for (const grouped of [false, true]) {
    const options = { grouped, nfolds: 5, seed: 4 };
    const seq = cvMultiPath(x, { family: "multinomial", labels }, options);
    const par = await cvMultiPathParallel(x, { family: "multinomial", labels }, options, { jobs: 2 });
    assert.ok(seq.lambda.length > 5, `${seq.lambda.length} λs`);
    assert.deepEqual(Array.from(par.lambda), Array.from(seq.lambda));
    assert.deepEqual(Array.from(par.cvm), Array.from(seq.cvm));
    assert.deepEqual(Array.from(par.cvsd), Array.from(seq.cvsd));
    assert.equal(par.lambdaMin, seq.lambdaMin);
    assert.deepEqual(par.path.beta.map((b) => Array.from(b)), seq.path.beta.map((b) => Array.from(b)));
  }
});
