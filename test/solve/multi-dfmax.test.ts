// Where dfmax stops a multi-response path, against glmnet 4.1-6 (test/fixtures/multi/dfmax.R made
// dfmax.json): mgaussian counts the variables nonzero for the first response, the multinomial those
// nonzero for some class. With lower limits 0 an mgaussian variable can be nonzero for response 2 alone:
// glmnet then runs past dfmax, and so does Shrinkage (it stopped at the first λ with df > dfmax).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { modelMatrix } from "../../src/data/matrix.js";
import { fitMgaussianPath, fitMultinomialPath } from "../../src/solve/multi/fit.js";

interface Case {
  family: "mgaussian" | "multinomial";
  grouped?: number;
  dfmax: number;
  lower: string;
  lambda: number[];
  df: number[];
  dfFirst: number[];
}
const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/multi/dfmax.json", import.meta.url)), "utf8")) as { x: number[][]; y: number[][]; classes: string[]; cases: Case[] };
const x = modelMatrix(ref.x.map((_, j) => `x${j + 1}`), ref.x.map((c) => Float64Array.from(c)));

describe("dfmax stops a multi-response path where glmnet 4.1-6 stops", () => {
  for (const c of ref.cases) {
    const name = `${c.family}${c.grouped ? " grouped" : ""}, dfmax ${c.dfmax}, lower limits ${c.lower}`;
    it(`${name}: ${c.lambda.length} λs`, () => {
      const path = c.family === "mgaussian"
        ? fitMgaussianPath(x, ref.y.map((r) => Float64Array.from(r)), { dfmax: c.dfmax, lowerLimits: new Array(x.p).fill(Number(c.lower)), thresh: 1e-14 })
        : fitMultinomialPath(x, ref.classes, { dfmax: c.dfmax, grouped: c.grouped === 1, thresh: 1e-12 });
      assert.equal(path.lambda.length, c.lambda.length, `${name}: glmnet stops after ${c.lambda.length} λs (df ${c.df.at(-1)}, first response ${c.dfFirst.at(-1)})`);
      c.lambda.forEach((l, m) => assert.ok(Math.abs(path.lambda[m] - l) <= 1e-12 * l, `λ ${m + 1}: ${path.lambda[m]} vs ${l}`));
      // df is still counted over every response, as glmnet's.
      assert.deepEqual(Array.from(path.df), c.df);
    });
  }
  it("the fixture holds mgaussian paths that run past dfmax on every response's count", () => {
    assert.ok(ref.cases.some((c) => c.family === "mgaussian" && c.df.at(-1)! > c.dfmax && c.dfFirst.every((d) => d <= c.dfmax)));
  });
});
