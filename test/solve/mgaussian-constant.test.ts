// mgaussian with every response constant is refused, as gaussian refuses a constant outcome.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../src/errors.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitMgaussianPath } from "../../src/solve/multi/fit.js";
import { assertOneLineError, run, scratchFile } from "../cli/helpers.js";

// It fitted a path of rounding noise (λ ≈ 1e-32, as glmnet's), or stopped with "no λ was fitted … raise maxit".
test("mgaussian refuses responses that are all constant, naming them; one constant response is fitted", async () => {
  const x = modelMatrix(["a", "b"], [[1, 2, 3, 4, 5], [2, 1, 5, 4, 3]]);
  const refused = (e: unknown) => e instanceof DataError && e.column === "y1" &&
    e.message === 'every response has zero variance: every row has "y1" = 3.1 and "y2" = 5, so there is nothing to fit';
  assert.throws(() => fitMgaussianPath(x, [[3.1, 3.1, 3.1, 3.1, 3.1], [5, 5, 5, 5, 5]]), refused);
  // Constant over the rows with weight (row 5 has none).
  assert.throws(() => fitMgaussianPath(x, [[3.1, 3.1, 3.1, 3.1, 9], [5, 5, 5, 5, 1]], { weights: [1, 1, 2, 1, 0] }), refused);
  const path = fitMgaussianPath(x, [[3.1, 3.1, 3.1, 3.1, 3.1], [1, 4, 2, 5, 3]]);
  assert.ok(path.lambda.length > 1 && path.lambda[0] > 0.1);
  const file = scratchFile("constant-responses.csv", "y1,y2,a,b\n3,5,1,2\n3,5,2,1\n3,5,3,5\n3,5,4,4\n");
  for (const extra of [[], ["--sparse"]]) {
    assertOneLineError(await run(["fit", file, "--target", "y1,y2", "--family", "mgaussian", ...extra]), 'every response has zero variance: every row has "y1" = 3 and "y2" = 5');
  }
});
