// A fold's held-out predictions at every λ at once (pathPredictions) are predict's numbers, bit for bit:
// the same sums in the same column order, read from the rows of the full matrix without a copy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pathPredictions } from "../../src/cv/cv.js";
import { selectRows } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { predict } from "../../src/solve/predict.js";
import { randomProblem } from "../helpers/random.js";

const cases = [
  { name: "gaussian lasso", family: "gaussian" as const, alpha: 1, offset: false },
  { name: "binomial elastic net with an offset", family: "binomial" as const, alpha: 0.5, offset: true },
  { name: "poisson ridge", family: "poisson" as const, alpha: 0, offset: false },
];

for (const c of cases) {
  test(`path-wide predictions of held-out rows equal predict at each λ (${c.name})`, () => {
    const { x, y } = randomProblem(5, 120, 30, { rho: 0.4, family: c.family });
    const offset = c.offset ? Array.from(y, (_, i) => 0.2 * Math.cos(i)) : undefined;
    const path = fitPath(x, y, { family: c.family, alpha: c.alpha, nlambda: 30, offset });
    const rows = Int32Array.from([3, 0, 17, 99, 42, 42, 119]);
    const held = offset ? Array.from(rows, (i) => offset[i]) : undefined;
    // Three λs past the path's end: a path cut short repeats its last.
    const count = path.lambda.length + 3;
    const eta = pathPredictions(path, x, rows, count, held);
    assert.equal(eta.length, count);
    const xt = selectRows(x, rows);
    for (let l = 0; l < count; l++) {
      const at = path.lambda[Math.min(l, path.lambda.length - 1)];
      assert.deepEqual(Array.from(eta[l]), Array.from(predict(path, xt, at, { offset: held })), `λ #${l + 1}`);
    }
    assert.ok(eta.some((e) => e.some((v, t) => v !== eta[0][t])), "the predictions move along the path");
  });
}

test("the standard error of fold errors too large to square is still finite (scaled), and unchanged below that", async () => {
  const { weightedMeanAndSe } = await import("../../src/cv/choose.js");
  const w = Float64Array.from([1, 2, 1, 1]);
  const e = Float64Array.from([1, 3, 2, 5]);
  const small = weightedMeanAndSe(e, w);
  const huge = weightedMeanAndSe(e.map((v) => v * 1e300), w);
  assert.ok(Number.isFinite(huge.se));
  assert.ok(Math.abs(huge.se / 1e300 / small.se - 1) < 1e-12);
  assert.ok(Math.abs(huge.mean / 1e300 / small.mean - 1) < 1e-12);
});
