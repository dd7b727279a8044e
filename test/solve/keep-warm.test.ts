// The last path's objects are kept until the next path (src/solve/keep-warm.ts) when its workspace is
// small, so a full garbage collection between fits does not free the classes the JIT's code was made for.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Workspace } from "../../src/linalg/workspace.js";
import { keepUntilNextPath, pathKept } from "../../src/solve/keep-warm.js";
import { fitPath } from "../../src/solve/path.js";
import { randomProblem } from "../helpers/random.js";

const workspaceOf = (capacityDoubles: number) => ({ capacityDoubles }) as unknown as Workspace;

test("a path on a small workspace is kept; one on a workspace past the pool's 32 MB is not", () => {
  keepUntilNextPath({}, workspaceOf(4 * 2 ** 20));
  assert.equal(pathKept(), true);
  keepUntilNextPath({}, workspaceOf(4 * 2 ** 20 + 1));
  assert.equal(pathKept(), false);
});

test("after a binomial fit of a small problem its path's objects are kept", () => {
  keepUntilNextPath({}, workspaceOf(Infinity));
  assert.equal(pathKept(), false);
  const { x, y } = randomProblem(3, 80, 20, { family: "binomial" });
  fitPath(x, y, { family: "binomial" });
  assert.equal(pathKept(), true);
});
