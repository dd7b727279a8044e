// What parallel cross-validation relies on: a design standardized from rows of the full matrix instead
// of a copy (fitRows), the λ sequence announced early, and a path cut at a length known only later.
import { test } from "node:test";
import assert from "node:assert/strict";
import { selectRows } from "../../src/data/matrix.js";
import { fitPath, fitPathWith } from "../../src/solve/path.js";
import { WorkspacePool } from "../../src/linalg/workspace.js";
import { fitRows } from "../../src/solve/fit.js";
import type { Path } from "../../src/solve/types.js";
import { randomProblem, rng } from "../helpers/random.js";

function assertSamePath(a: Path, b: Path, what: string): void {
  assert.deepEqual(Array.from(a.lambda), Array.from(b.lambda), `${what}: λ`);
  assert.deepEqual(Array.from(a.intercept), Array.from(b.intercept), `${what}: intercept`);
  assert.deepEqual(a.beta.map((s) => [Array.from(s.index), Array.from(s.value)]), b.beta.map((s) => [Array.from(s.index), Array.from(s.value)]), `${what}: β`);
  assert.deepEqual(Array.from(a.devRatio), Array.from(b.devRatio), `${what}: devRatio`);
}

const cases = [
  { name: "gaussian, naive", family: "gaussian" as const, n: 120, p: 600, opts: {} },
  { name: "gaussian, covariance, weights", family: "gaussian" as const, n: 200, p: 30, opts: { weightsSeed: 3 } },
  { name: "binomial", family: "binomial" as const, n: 300, p: 40, opts: {} },
  { name: "poisson", family: "poisson" as const, n: 300, p: 20, opts: {} },
];

for (const c of cases) {
  test(`a fit on rows of the full matrix equals the fit on their copy, bit for bit (${c.name})`, () => {
    const { x, y } = randomProblem(17, c.n, c.p, { rho: 0.4, family: c.family });
    const r = rng(5);
    const rows = Int32Array.from(Array.from({ length: c.n }, (_, i) => i).filter(() => r.uniform() < 0.8));
    const weights = c.opts.weightsSeed ? Array.from(rows, () => 0.5 + r.uniform()) : undefined;
    const yRows = Array.from(rows, (i) => y[i]);
    const copy = fitPath(selectRows(x, rows), yRows, { family: c.family, weights });
    const onRows = fitRows(x, rows, yRows, { family: c.family, weights });
    assertSamePath(onRows, copy, c.name);
  });

  test(`a path fitted on the announced sequence and cut at the full path's length equals the fold fitted on the full path's λs (${c.name})`, () => {
    const { x, y } = randomProblem(23, c.n, c.p, { rho: 0.4, family: c.family });
    let announced: Float64Array | null = null;
    const full = fitPathWith(x, y, { family: c.family }, { onLambdas: (l) => (announced = l) });
    assert.ok(announced, "a default path announces its sequence");
    const seq = announced as Float64Array;
    assert.equal(seq.length, 100);
    if (c.name !== "gaussian, naive") assert.ok(full.lambda.length < 100, "the full path stops early, so the cut matters");
    assert.deepEqual(Array.from(seq.subarray(0, full.lambda.length)), Array.from(full.lambda), "the path reports a prefix of what it announced");
    const rows = Int32Array.from(Array.from({ length: c.n }, (_, i) => i).filter((i) => i % 5 !== 0));
    const yRows = Array.from(rows, (i) => y[i]);
    const onFull = fitPath(selectRows(x, rows), yRows, { family: c.family, lambda: full.lambda });
    // The limit is learnt part-way through, as a worker learns it when the full path ends.
    let asked = 0;
    const cut = fitRows(x, rows, yRows, { family: c.family, lambda: seq }, { lambdaLimit: () => (++asked > 3 ? full.lambda.length : 2 ** 31 - 1) });
    assertSamePath(cut, onFull, c.name);
  });
}

test("a user λ sequence is announced before the first fit", () => {
  const { x, y } = randomProblem(2, 50, 5);
  const seen: number[][] = [];
  const path = fitPathWith(x, y, { lambda: [0.3, 0.1, 0.2] }, { onLambdas: (l) => seen.push(Array.from(l)) });
  assert.deepEqual(seen, [[0.3, 0.2, 0.1]], "sorted decreasing, as the path fits them");
  assert.deepEqual(Array.from(path.lambda), [0.3, 0.2, 0.1]);
});

test("a fit on memory reused from an earlier fit equals a fit on fresh memory, skipped columns included", () => {
  const pool = new WorkspacePool();
  const earlier = randomProblem(41, 400, 60, { rho: 0.3 });
  pool.release(pool.take(1)); // nothing yet: plain arrays
  const first = fitPathWith(earlier.x, earlier.y, {}, { workspaces: pool });
  assert.ok(first.lambda.length > 1);
  // The next problem leaves a constant column and an excluded one unwritten in its copy of X.
  const { x, y } = randomProblem(42, 380, 60, { rho: 0.5, family: "binomial" });
  x.data.fill(2.5, 3 * x.n, 4 * x.n);
  const opts = { family: "binomial" as const, exclude: [x.names[7]] };
  const reused = fitPathWith(x, y, opts, { workspaces: pool });
  const fresh = fitPathWith(x, y, opts, { workspaces: new WorkspacePool() });
  assertSamePath(reused, fresh, "reused memory");
});
