// The last path's objects are kept until the next path (src/solve/keep-warm.ts) when its workspace is
// small, so a full garbage collection between fits does not free the classes the JIT's code was made for.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Workspace } from "../../src/linalg/workspace.js";
import { keepUntilNextPath, keptPath, pathKept } from "../../src/solve/keep-warm.js";
import { fitPath } from "../../src/solve/path.js";
import { randomProblem } from "../helpers/random.js";
import { ElasticNet } from "../../src/model/penalties/elastic-net.js";
import { Workspace as WorkspaceClass } from "../../src/linalg/workspace.js";
import { Nonzeros } from "../../src/solve/nonzeros.js";

const workspaceOf = (capacityDoubles: number) => ({ capacityDoubles }) as unknown as Workspace;

test("a path on a small workspace is kept; one on a workspace past the pool's 32 MB is not", () => {
  keepUntilNextPath({}, workspaceOf(4 * 2 ** 20), {});
  assert.equal(pathKept(), true);
  keepUntilNextPath({}, workspaceOf(4 * 2 ** 20 + 1), {});
  assert.equal(pathKept(), false);
});

test("after a binomial fit of a small problem its path's objects are kept", () => {
  keepUntilNextPath({}, workspaceOf(Infinity), {});
  assert.equal(pathKept(), false);
  const { x, y } = randomProblem(3, 80, 20, { family: "binomial" });
  fitPath(x, y, { family: "binomial" });
  assert.equal(pathKept(), true);
});

/** Everything reachable from `root` through own properties (not through closures). */
function reachable(root: unknown): Set<unknown> {
  const seen = new Set<unknown>();
  const visit = (v: unknown): void => {
    if (v === null || (typeof v !== "object" && typeof v !== "function") || seen.has(v)) return;
    seen.add(v);
    if (typeof v === "object" && !ArrayBuffer.isView(v)) for (const w of Object.values(v)) visit(w);
  };
  visit(root);
  return seen;
}

// Before any large fit: a small fit then reuses the large memory, which the pool holds weakly, and is not kept whole.
test("a gaussian solver's methods are the same functions in every fit, not closures made per fit", () => {
  const ownFunctions = (seed: number) => {
    const { x, y } = randomProblem(seed, 100, 600);
    fitPath(x, y);
    const solver = (keptPath() as { problem: { solver: object } }).problem.solver;
    return Object.entries(solver).filter(([, v]) => typeof v === "function");
  };
  const first = ownFunctions(5);
  const second = new Map(ownFunctions(6));
  assert.ok(first.length > 0, "the naive solver stores its residual's methods");
  for (const [name, f] of first) assert.equal(second.get(name), f, `${name} is made per fit`);
});

test("a path past the pool's 32 MB keeps its penalty, and nothing that holds its WebAssembly memory", () => {
  const { x, y } = randomProblem(4, 200, 21000);
  fitPath(x, y, { nlambda: 3 });
  assert.equal(pathKept(), false);
  const kept = [...reachable(keptPath())];
  assert.ok(kept.some((v) => v instanceof ElasticNet), "the penalty is kept");
  for (const v of kept) {
    assert.ok(!(v instanceof WebAssembly.Memory || v instanceof WebAssembly.Instance || v instanceof WorkspaceClass));
    if (ArrayBuffer.isView(v)) assert.ok(!(v.buffer instanceof SharedArrayBuffer) && v.byteLength < 2 ** 20, "no view of the memory");
  }
});

test("a large workspace's path of under 2048 variables keeps its record's list too, apart from the memory", () => {
  const { x, y } = randomProblem(7, 4500, 1000);
  fitPath(x, y, { nlambda: 3 });
  assert.equal(pathKept(), false);
  const kept = [...reachable(keptPath())];
  assert.ok(kept.some((v) => v instanceof Nonzeros), "the record's list is kept");
  for (const v of kept) {
    assert.ok(!(v instanceof WebAssembly.Memory || v instanceof WebAssembly.Instance || v instanceof WorkspaceClass));
    if (ArrayBuffer.isView(v)) assert.ok(!(v.buffer instanceof SharedArrayBuffer) && v.byteLength < 2 ** 20, "no view of the memory");
  }
});
