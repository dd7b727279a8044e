// A cross-validation fold refuses the data its own fit refuses, naming the fold and the row as the data give it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../src/errors.js";
import { createRng } from "../../src/random/rng.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { cvPath } from "../../src/cv/cv.js";
import { cvPathParallel } from "../../src/cv/parallel.node.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import { cvSparsePathParallel } from "../../src/cv/sparse-parallel.node.js";
import { sparseFromDense } from "../../src/data/sparse.js";
import { openSource } from "../../src/source/open.node.js";
import { scanSource } from "../../src/source/scan.js";
import { parseLocation } from "../../src/source/location.js";
import { cvGlmFromSource } from "../../src/source/glm-cv.js";
import { assertOneLineError, run, scratchFile } from "../cli/helpers.js";

// Without row 1 (fold 1), f varies by 1e-310 over the rows with weight and row 5 (weight 0) holds 5: the
// fold's own fit cannot standardize f. Its view of the full data's copy fitted it anyway (gaussian and
// poisson quietly, with errors of 1e30; mgaussian stopped with "no λ was fitted … raise maxit").
const x = modelMatrix(["z", "f"], [[1, 2, 0, 1, 3, 2], [1, 0, 1e-310, 0, 5, 0]]);
const y = [3, 1, 2, 5, 4, 2], weights = [1, 1, 1, 1, 0, 1], foldid = [1, 2, 2, 3, 3, 3];
const refusal = /^cross-validation fold 1 \(fitted without its 1 rows\): feature "f" cannot be standardized: its standard deviation over the rows with weight is 4\.33e-311, and row 5 \(weight 0\) holds 5/;
const named = (e: unknown) => e instanceof Error && refusal.test(e.message) && (!(e instanceof DataError) || (e.column === "f" && e.row === 5));

test("a dense fold viewing the full data's copy refuses what its own fit refuses, by fold and row", async () => {
  for (const family of ["gaussian", "poisson"] as const) {
    assert.throws(() => cvPath(x, y, { family, weights, foldid }), named, family);
    await assert.rejects(cvPathParallel(x, y, { family, weights, foldid }, { jobs: 2 }), named, `${family}, 2 jobs`);
  }
  const y2 = [1, 2, 2, 1, 3, 1];
  assert.throws(() => cvPath(x, [y, y2], { family: "mgaussian", weights, foldid }), named);
  await assert.rejects(cvPathParallel(x, [y, y2], { family: "mgaussian", weights, foldid }, { jobs: 2 }), named);
  const rows = ["y,y2,z,f,w,k", ...y.map((v, i) => [v, y2[i], x.data[i], x.data[6 + i], weights[i], foldid[i]].join(","))];
  const file = scratchFile("fold-refusal.csv", rows.join("\n") + "\n");
  const cli = /cross-validation fold 1 \(fitted without its 1 rows\): feature "f" cannot be standardized: .* row 5 \(weight 0\) holds 5/;
  assertOneLineError(await run(["cv", file, "--target", "y", "--weights", "w", "--foldid", "k", "--ignore", "y2"]), cli);
  assertOneLineError(await run(["cv", file, "--target", "y,y2", "--family", "mgaussian", "--weights", "w", "--foldid", "k"]), cli);
});

// A fold fitted on a copy of its rows (relaxed, single and multi response; multinomial leaving a class out)
// named the row by its place among the fold's rows (row 4 where the data's row is 5).
test("a fold fitted on a copy of its rows names the row as the data give it", () => {
  const y2 = [1, 2, 2, 1, 3, 1];
  assert.throws(() => cvPath(x, y, { weights, foldid, relax: true }), named);
  assert.throws(() => cvPath(x, y, { family: "poisson", weights, foldid, relax: true }), named);
  assert.throws(() => cvPath(x, [y, y2], { family: "mgaussian", weights, foldid, relax: true }), named);
  // Class "a" has one training row with weight in fold 1: that fold's fit leaves it out, on a copy of its rows.
  assert.throws(() => cvPath(x, ["a", "b", "a", "b", "a", "b"], { family: "multinomial", weights, foldid }), named);
});

// A single-response fold's DataError became an OptionError of foldid, losing its column and row (and
// the CLI's hint at the data); multi-response folds kept them.
test("a single-response fold's data error keeps its column and row, named by fold", async () => {
  const isData = (e: unknown) => e instanceof DataError && e.column === "f" && e.row === 5 && refusal.test(e.message);
  const sparse = sparseFromDense(x);
  for (const family of ["gaussian", "poisson"] as const) {
    assert.throws(() => cvPath(x, y, { family, weights, foldid }), isData, family);
    assert.throws(() => cvPath(x, y, { family, weights, foldid, relax: true }), isData, `${family}, relaxed`);
    await assert.rejects(cvPathParallel(x, y, { family, weights, foldid }, { jobs: 2 }), isData, `${family}, 2 jobs`);
    assert.throws(() => cvSparsePath(sparse, y, { family, weights, foldid }), (e) => e instanceof DataError && /^cross-validation fold 1 /.test(e.message), `${family}, sparse`);
    await assert.rejects(cvSparsePathParallel(sparse, y, { family, weights, foldid }, { jobs: 2 }), (e) => e instanceof DataError && /^cross-validation fold 1 /.test(e.message), `${family}, sparse, 2 jobs`);
  }
});

// A multi-response fold failing on a worker thread came back as a ShrinkageError "cross-validation fold 1:
// cross-validation fold 1 (…)": the fold named twice, the column and row lost. The data are big enough
// that the full path takes longer than a warm worker (taken from the pool, warmed by a good run) needs to
// claim fold 1, so the worker fits it; whichever thread does, the caller gets the same DataError.
test("a multi-response fold's data error from a worker thread keeps its column and row, named once by fold", async () => {
  const n = 2000, p = 40, rng = createRng(7);
  const z = Array.from({ length: p }, () => Array.from({ length: n }, () => rng.normal()));
  // Without row 1 (fold 1), f varies by 1e-310 over the rows with weight while row 5 (weight 0) holds 5.
  const f = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === 2 ? 1e-310 : i === 4 ? 5 : 0));
  const big = modelMatrix([...z.map((_, j) => `z${j + 1}`), "f"], [...z, f]);
  const ys = [0, 1].map((j) => Array.from({ length: n }, (_, i) => z[j][i] + rng.normal()));
  const w = Array.from({ length: n }, (_, i) => (i === 4 ? 0 : 1)), folds = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 2 + (i % 2)));
  const isData = (e: unknown) => e instanceof DataError && e.column === "f" && e.row === 5 && /^cross-validation fold 1 \(fitted without its 1 rows\): feature "f" cannot be standardized/.test(e.message);
  for (let round = 0; round < 3; round++) {
    await cvPathParallel(big, ys, { family: "mgaussian", foldid: folds }, { jobs: 2 });
    await assert.rejects(cvPathParallel(big, ys, { family: "mgaussian", weights: w, foldid: folds }, { jobs: 2 }), isData, `round ${round + 1}`);
  }
});

// A source's fold whose training rows hold one class of the binomial target: a data error, named by fold.
test("a source's cross-validation fold refusing its data says so as a data error", async () => {
  const rows = ["y,a,k", "1,0.5,1", "1,1.5,1", "0,2,2", "0,1,2", "0,3,3", "0,2.5,3"];
  const csv = scratchFile("fold-one-class.csv", rows.join("\n") + "\n");
  const engine = await openSource(parseLocation(`duckdb:?query=${encodeURIComponent(`SELECT * FROM read_csv('${csv}', header = true)`)}`));
  try {
    const stats = await scanSource(engine, { target: "y" }, { folds: { kind: "column", column: "k" } });
    await assert.rejects(cvGlmFromSource(engine, stats, { family: "binomial" }),
      (e) => e instanceof DataError && /^cross-validation fold 1 \(fitted without its 2 rows\): .*one class/.test((e as Error).message));
  } finally {
    await engine.close();
  }
});
