// `--sparse` and `--dense` for fit and cv: the design stored by compressed columns straight from the
// file (the same fit as the library's fitSparsePath on buildSparseDesign, and the dense fit's to
// rounding), for every family, the automatic choice for a large design mostly zeros, said in a note, and
// cv's folds on --jobs threads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { buildSparseDesign } from "../../src/data/sparse-design.js";
import { fitSparsePath } from "../../src/solve/sparse-fit.js";
import { cvSparsePath } from "../../src/cv/sparse-cv.js";
import { fitSparseMgaussianPath, fitSparseMultinomialPath } from "../../src/solve/sparse-multi.js";
import { AUTO_SPARSE_CELLS } from "../../src/cli/sparse.js";
import { DIABETES, assertOneLineError, run, scratchFile } from "./helpers.js";
import { rng } from "../helpers/random.js";

/**
 * n rows: a text column `word` of `levels` levels (one-hot: levels − 1 indicators), a count column mostly
 * 0, a dense numeric column, y (numbers), a 0/1 outcome, times and a status.
 */
function wordsFile(n: number, levels: number): string {
  const r = rng(20);
  const lines = ["y,click,time,status,word,count,score"];
  for (let i = 0; i < n; i++) {
    const word = `w${Math.floor(r.uniform() * levels)}`;
    const count = r.uniform() < 0.05 ? 1 + Math.floor(3 * r.uniform()) : 0;
    const score = r.normal();
    const eta = (word === "w1" ? 1 : word === "w2" ? -1 : 0) + 0.5 * count + 0.3 * score;
    const y = eta + r.normal();
    const click = r.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    const time = -Math.log(r.uniform()) / Math.exp(0.5 * eta);
    const status = r.uniform() < 0.7 ? 1 : 0;
    lines.push(`${y},${click},${time},${status},${word},${count},${score}`);
  }
  return lines.join("\n") + "\n";
}

// 2,500 rows and 500 levels (about 498 drawn): 2,500 × ~497 features, over AUTO_SPARSE_CELLS, about 0.3% nonzero.
const BIG = scratchFile("words.csv", wordsFile(2500, 500));
const SMALL = scratchFile("few-words.csv", wordsFile(300, 40));
const ignoreOthers = (target: string) => ["--ignore", ["y", "click", "time", "status"].filter((c) => c !== target && !(target === "time" && c === "status")).join(",")];

test("the big file's design is over the automatic threshold and mostly zeros", () => {
  const d = buildSparseDesign(parseCsv(readFileSync(BIG, "utf8")), { target: "y", ignore: ["click", "time", "status"] });
  assert.ok(d.x.n * d.x.p >= AUTO_SPARSE_CELLS);
  assert.ok(d.x.values.length < 0.01 * d.x.n * d.x.p);
});

test("fit --sparse is fitSparsePath on the design built by compressed columns, and the dense fit's path to rounding", async () => {
  const r = await run(["fit", SMALL, "--target", "y", ...ignoreOthers("y"), "--sparse", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /note/);
  const json = JSON.parse(r.stdout);
  const d = buildSparseDesign(parseCsv(readFileSync(SMALL, "utf8")), { target: "y", ignore: ["click", "time", "status"] });
  const path = fitSparsePath(d.x, d.y);
  assert.deepEqual(json.features, d.x.names);
  assert.deepEqual(json.lambda, Array.from(path.lambda));
  assert.deepEqual(json.intercept, Array.from(path.intercept));
  const dense = JSON.parse((await run(["fit", SMALL, "--target", "y", ...ignoreOthers("y"), "--dense", "--format", "json"])).stdout);
  assert.equal(dense.lambda.length, json.lambda.length);
  json.coefficients.forEach((row: number[], k: number) => row.forEach((b, j) => assert.ok(Math.abs(b - dense.coefficients[k][j]) <= 1e-9 * (1 + Math.abs(b)), `λ ${k}, ${json.features[j]}`)));
});

test("fit stores a large design mostly zeros by compressed columns unasked, and says so", async () => {
  const auto = await run(["fit", BIG, "--target", "y", ...ignoreOthers("y"), "--format", "json"]);
  assert.equal(auto.code, 0, auto.stderr);
  assert.match(auto.stderr, /shrinkage: note: the design is 99\.\d% zeros \(2500 rows × \d+ features, \d+ nonzero\): stored by compressed columns, as with --sparse \(--dense to store it densely\)/);
  const asked = await run(["fit", BIG, "--target", "y", ...ignoreOthers("y"), "--sparse", "--format", "json"]);
  assert.doesNotMatch(asked.stderr, /note/);
  const a = JSON.parse(auto.stdout), b = JSON.parse(asked.stdout);
  delete a.fitMs;
  delete b.fitMs;
  assert.deepEqual(a, b);
});

test("unasked, a small design, --dense, or an option the sparse fit does not take keeps the design dense", async () => {
  const small = await run(["fit", DIABETES, "--target", "progression"]);
  assert.equal(small.code, 0);
  assert.equal(small.stderr, "");
  for (const extra of [["--dense"], ["--relax"], ["--penalty", "mcp"]]) {
    const r = await run(["fit", BIG, "--target", "y", ...ignoreOthers("y"), ...extra, "--nlambda", "5"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /compressed columns/, extra.join(" "));
  }
});

test("--sparse names what it cannot do in one line, naming both options", async () => {
  assertOneLineError(await run(["fit", SMALL, "--target", "y", "--sparse", "--dense"]), "give either --sparse or --dense, not both");
  const refused = [["--relax"], ["--adaptive"], ["--penalty", "mcp"], ["--relax", "--fold-lambda", "own"]];
  assert.equal(refused.length, 4);
  for (const extra of refused) {
    for (const command of extra.includes("--fold-lambda") ? ["cv"] : ["fit", "cv"]) {
      const what = extra.slice(0, extra[0] === "--penalty" ? 2 : 1).join(" ");
      assertOneLineError(await run([command, SMALL, "--target", "y", ...ignoreOthers("y"), "--sparse", ...extra]), `--sparse does not take ${what} (a sparse X fits the plain elastic net): drop one of them, or give --dense`);
    }
  }
  assertOneLineError(await run(["cv", SMALL, "--target", "y", ...ignoreOthers("y"), "--sparse", "--fold-lambda", "mine"]), "--fold-lambda: \"mine\" is not one of full, own");
});

test("cv --sparse --fold-lambda own is cvSparsePath with foldLambda \"own\" for every family the sparse CV takes", async () => {
  const table = parseCsv(readFileSync(SMALL, "utf8"));
  const column = (name: string) => table.columns[table.names.indexOf(name)].map(Number);
  const cases = [
    { family: "gaussian", target: "y", ignore: ["click", "time", "status"] },
    { family: "binomial", target: "click", ignore: ["y", "time", "status"] },
    { family: "poisson", target: "count", ignore: ["y", "click", "time", "status"] },
    { family: "cox", target: "time", ignore: ["y", "click"] },
    { family: "multinomial", target: "click", ignore: ["y", "time", "status"] },
    { family: "mgaussian", target: "y,time", ignore: ["click", "status"] },
  ] as const;
  assert.deepEqual(cases.map((c) => c.family), ["gaussian", "binomial", "poisson", "cox", "multinomial", "mgaussian"]);
  for (const c of cases) {
    const status = c.family === "cox" ? ["--status", "status"] : [];
    const common = ["cv", SMALL, "--target", c.target, "--family", c.family, ...status, "--ignore", c.ignore.join(","), "--sparse", "--folds", "4", "--seed", "3", "--nlambda", "30", "--format", "json"];
    const r = await run([...common, "--fold-lambda", "own", "--jobs", "1"]);
    assert.equal(r.code, 0, `${c.family}: ${r.stderr}`);
    const json = JSON.parse(r.stdout);
    const options = { foldid: json.cv.foldid, nlambda: 30, foldLambda: "own" as const };
    let cv: { cvm: Float64Array; lambdaMin: number; lambda1se: number };
    if (c.family === "multinomial") {
      // The features as a single-response design reads them, with the class column as its target.
      const d = buildSparseDesign(table, { target: "click", ignore: [...c.ignore] });
      cv = cvSparsePath(d.x, column("click"), { ...options, family: "multinomial" });
    } else if (c.family === "mgaussian") {
      const d = buildSparseDesign(table, { target: "y", ignore: [...c.ignore, "time"] });
      cv = cvSparsePath(d.x, [column("y"), column("time")], { ...options, family: "mgaussian", responses: ["y", "time"] });
    } else {
      const d = buildSparseDesign(table, { target: c.target, family: c.family, status: c.family === "cox" ? "status" : undefined, ignore: [...c.ignore] });
      cv = cvSparsePath(d.x, d.y, { ...options, family: c.family, survival: d.survival });
    }
    assert.deepEqual(json.cv.cvm, Array.from(cv.cvm), c.family);
    assert.equal(json.cv.lambdaMin, cv.lambdaMin, c.family);
    assert.equal(json.cv.lambda1se, cv.lambda1se, c.family);
    // The folds on their own λs, not the full data's; the same numbers on 2 threads.
    const full = JSON.parse((await run([...common, "--jobs", "1"])).stdout);
    assert.notDeepEqual(full.cv.cvm, json.cv.cvm, `${c.family}: own and full give the same cvm`);
    const two = await run([...common, "--fold-lambda", "own", "--jobs", "2"]);
    assert.equal(two.code, 0, two.stderr);
    assert.deepEqual(JSON.parse(two.stdout).cv.cvm, json.cv.cvm, `${c.family}, 2 jobs`);
  }
});

test("cv --fold-lambda own no longer keeps a large design mostly zeros dense", async () => {
  const r = await run(["cv", BIG, "--target", "y", ...ignoreOthers("y"), "--fold-lambda", "own", "--folds", "3", "--nlambda", "8", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /stored by compressed columns/);
  const json = JSON.parse(r.stdout);
  assert.equal(json.cv.cvm.length, json.lambda.length);
  assert.ok(json.cv.cvm.every(Number.isFinite));
});

test("cv --sparse is cvSparsePath on the same folds, and the dense cv's cvm to rounding", async () => {
  const r = await run(["cv", SMALL, "--target", "click", "--family", "binomial", ...ignoreOthers("click"), "--sparse", "--folds", "5", "--seed", "3", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const d = buildSparseDesign(parseCsv(readFileSync(SMALL, "utf8")), { target: "click", family: "binomial", ignore: ["y", "time", "status"] });
  const cv = cvSparsePath(d.x, d.y, { family: "binomial", foldid: json.cv.foldid });
  assert.deepEqual(json.cv.cvm, Array.from(cv.cvm));
  assert.equal(json.cv.lambdaMin, cv.lambdaMin);
  const dense = JSON.parse((await run(["cv", SMALL, "--target", "click", "--family", "binomial", ...ignoreOthers("click"), "--dense", "--folds", "5", "--seed", "3", "--format", "json"])).stdout);
  assert.deepEqual(dense.cv.foldid, json.cv.foldid);
  json.cv.cvm.forEach((m: number, l: number) => assert.ok(Math.abs(m - dense.cv.cvm[l]) <= 1e-8 * (1 + m), `cvm ${l}`));
});

test("cv picks compressed columns unasked for the big file too (Cox, with its status column)", async () => {
  const r = await run(["cv", BIG, "--target", "time", "--family", "cox", "--status", "status", ...ignoreOthers("time"), "--folds", "3", "--nlambda", "8"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /stored by compressed columns/);
  assert.match(r.stdout, /3-fold cross-validation/);
  assert.match(r.stdout, /λ_min = /);
});

test("a design with dense columns beside its sparse ones is the same design either way", () => {
  const table = parseCsv(readFileSync(SMALL, "utf8"));
  const o = { target: "y", ignore: ["click", "time", "status"] };
  const dense = buildDesign(table, o), sparse = buildSparseDesign(table, o);
  assert.deepEqual(sparse.x.names, dense.x.names);
  assert.deepEqual(sparse.featureColumns, dense.featureColumns);
  const back = new Float64Array(dense.x.n * dense.x.p);
  for (let j = 0; j < sparse.x.p; j++) for (let t = sparse.x.colPtr[j]; t < sparse.x.colPtr[j + 1]; t++) back[j * sparse.x.n + sparse.x.rowIndex[t]] = sparse.x.values[t];
  assert.deepEqual(back, dense.x.data instanceof Float64Array ? dense.x.data : Float64Array.from(dense.x.data));
  assert.deepEqual(sparse.y, dense.y);
});

test("fit --sparse --family multinomial and mgaussian are the sparse library fits, and the dense fits to rounding", async () => {
  const table = parseCsv(readFileSync(SMALL, "utf8"));
  // The features as a single-response design reads them with one of the targets as its target.
  const cases = [
    { args: ["--family", "multinomial", "--target", "click", "--ignore", "y,time,status"], target: "click", ignore: ["y", "time", "status"] },
    { args: ["--family", "mgaussian", "--target", "y,time", "--ignore", "click,status"], target: "y", ignore: ["click", "status", "time"] },
  ];
  assert.equal(cases.length, 2);
  for (const c of cases) {
    const r = await run(["fit", SMALL, ...c.args, "--sparse", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const d = buildSparseDesign(table, { target: c.target, ignore: c.ignore });
    assert.deepEqual(json.features, d.x.names);
    const path = c.args[1] === "multinomial"
      ? fitSparseMultinomialPath(d.x, table.columns[table.names.indexOf("click")].map(Number))
      : fitSparseMgaussianPath(d.x, ["y", "time"].map((t) => table.columns[table.names.indexOf(t)].map(Number)), { responses: ["y", "time"] });
    assert.deepEqual(json.lambda, Array.from(path.lambda));
    assert.deepEqual(json.intercept, path.intercept.map((a) => Array.from(a)));
    const dense = JSON.parse((await run(["fit", SMALL, ...c.args, "--dense", "--format", "json"])).stdout);
    assert.equal(dense.lambda.length, json.lambda.length);
    json.coefficients.forEach((byClass: number[][], l: number) => byClass.forEach((row, k) => row.forEach((b, j) => assert.ok(Math.abs(b - dense.coefficients[l][k][j]) <= 1e-9 * (1 + Math.abs(b)), `λ ${l}, class ${k}, ${json.features[j]}`))));
  }
});

test("cv --sparse --jobs: the same numbers for 1 and 2 jobs (binomial, mgaussian)", async () => {
  const runs = [
    ["cv", SMALL, "--target", "click", "--family", "binomial", ...ignoreOthers("click"), "--sparse", "--folds", "4", "--nlambda", "20", "--format", "json"],
    ["cv", SMALL, "--family", "mgaussian", "--target", "y,time", "--ignore", "click,status", "--sparse", "--folds", "4", "--nlambda", "20", "--format", "json"],
  ];
  assert.equal(runs.length, 2);
  for (const args of runs) {
    const one = await run([...args, "--jobs", "1"]), two = await run([...args, "--jobs", "2"]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    const a = JSON.parse(one.stdout), b = JSON.parse(two.stdout);
    delete a.fitMs;
    delete b.fitMs;
    assert.deepEqual(b, a);
  }
});
