// The command line for the multi-response families: --family multinomial [--grouped] and --family
// mgaussian --target y1,y2,…, their JSON (DESIGN.md's Wave 2 contract), the per-class table, cv, and bad input.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, assertOneLineError, run, scratchFile } from "./helpers.js";

const IRIS = join(ROOT, "data/iris.csv");
const MGAUSS = join(ROOT, "data/glmnet_mgaussian.csv");
const reference = (name: string) => JSON.parse(readFileSync(join(ROOT, `test/fixtures/reference/wave2/${name}.json`), "utf8"));

/** A small three-class problem: class a, b or c from x1 and x2, with a noise column. */
function threeClassCsv(rows = 60): string {
  const lines = ["x1,x2,noise,cls"];
  for (let i = 0; i < rows; i++) {
    const c = ["a", "b", "c"][i % 3];
    const x1 = (c === "a" ? 1 : c === "b" ? -1 : 0) + Math.sin(i * 1.7);
    const x2 = (c === "c" ? 1.5 : 0) + Math.cos(i * 2.3);
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${Math.sin(i * 7.1).toFixed(4)},${c}`);
  }
  return lines.join("\n") + "\n";
}

describe("shrinkage fit --family multinomial", () => {
  it("--grouped on iris stops where glmnet 4.1-6 stops: 61 λs, maxit reached at the 62nd (its jerr −62)", async () => {
    // R: glmnet(x, factor(Species), family = "multinomial", type.multinomial = "grouped") warns
    // "Convergence for 62th lambda value not reached after maxit=100000 iterations" and returns 61 λs.
    const r = await run(["fit", IRIS, "--target", "Species", "--family", "multinomial", "--grouped", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).lambda.length, 61);
    assert.match(r.stderr, /did not converge within --maxit = 100000 passes at the 62nd λ/);
  });

  it("prints the Wave 2 JSON: classes, intercept [λ][k], coefficients [λ][k][j], glmnet's λs", async () => {
    const r = await run(["fit", IRIS, "--target", "Species", "--family", "multinomial", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const ref = reference("iris_multinomial");
    assert.equal(json.family, "multinomial");
    assert.equal(json.grouped, false);
    assert.deepEqual(json.classes, ["setosa", "versicolor", "virginica"]);
    assert.deepEqual(json.features, ref.features);
    assert.equal(json.lambda.length, ref.lambda.length);
    json.lambda.forEach((l: number, i: number) => assert.ok(Math.abs(l - ref.lambda[i]) <= 1e-8 * ref.lambda[i]));
    assert.equal(json.intercept.length, json.lambda.length);
    assert.equal(json.intercept[5].length, 3);
    assert.equal(json.coefficients[5].length, 3);
    assert.equal(json.coefficients[5][2].length, 4);
    assert.deepEqual(json.df, ref.df);
    assert.ok(Math.abs(json.nullDeviance - ref.nullDeviance) < 1e-9 * ref.nullDeviance);
  });

  it("the table prints one coefficient block per class", async () => {
    const r = await run(["fit", scratchFile("three.csv", threeClassCsv()), "--target", "cls", "--family", "multinomial"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /classes: "a", "b", "c"/);
    for (const c of ["a", "b", "c"]) assert.match(r.stdout, new RegExp(`Class "${c}":\\n\\s+λ=`));
  });

  it("--grouped fits glmnet's grouped multinomial: a variable is in or out for every class", async () => {
    const r = await run(["fit", scratchFile("three.csv", threeClassCsv()), "--target", "cls", "--family", "multinomial", "--grouped", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.grouped, true);
    let checked = 0;
    for (const b of json.coefficients) {
      for (let j = 0; j < json.features.length; j++) {
        const zeros = b.filter((row: number[]) => row[j] === 0).length;
        assert.ok(zeros === 0 || zeros === 3, `variable ${j}: ${zeros} classes zero`);
        checked++;
      }
    }
    assert.equal(checked, json.lambda.length * json.features.length);
  });
});

describe("shrinkage fit --lower-limits/--upper-limits for the multi-response families", () => {
  // test/fixtures/multi/limits.R's data and glmnet 4.1-6's paths with these limits (multi-limits.test.ts).
  const limits = JSON.parse(readFileSync(join(ROOT, "test/fixtures/multi/limits.json"), "utf8"));
  const rows = limits.classes.map((c: string, i: number) => [...limits.x.map((col: number[]) => String(col[i])), c, ...limits.y.map((col: number[]) => String(col[i]))].join(","));
  const csv = () => scratchFile("limits.csv", ["x1,x2,x3,x4,x5,x6,cls,y1,y2,y3", ...rows].join("\n") + "\n");
  const bounds = ["--lower-limits", "x1=0,x3=0,x4=-0.2", "--upper-limits", "x2=0.3,x5=0,x6=0.4", "--format", "json"];

  /** The CLI's JSON path against glmnet's case: λs, df, and every coefficient and intercept to tol. */
  function assertGlmnetPath(json: { lambda: number[]; df: number[]; intercept: number[][]; coefficients: number[][][] }, fit: { lambda: number[]; df: number[]; intercept: number[][]; coefficients: number[][][] }, tol: number): void {
    assert.equal(json.lambda.length, fit.lambda.length);
    assert.deepEqual(json.df, fit.df);
    json.lambda.forEach((l, i) => assert.ok(Math.abs(l - fit.lambda[i]) <= 1e-12 * l, `λ[${i}]`));
    json.coefficients.forEach((b, l) => b.forEach((row, k) => row.forEach((v, j) => assert.ok(Math.abs(v - fit.coefficients[l][k][j]) <= tol, `λ[${l}] β[${k}][${j}] ${v} vs ${fit.coefficients[l][k][j]}`))));
    json.intercept.forEach((a, l) => a.forEach((v, k) => assert.ok(Math.abs(v - fit.intercept[l][k]) <= tol, `λ[${l}] intercept ${k}`)));
  }

  it("multinomial: glmnet's path with per-feature limits on every class's coefficient", async () => {
    const r = await run(["fit", csv(), "--target", "cls", "--ignore", "y1,y2,y3", "--family", "multinomial", ...bounds, "--thresh", "1e-14"]);
    assert.equal(r.code, 0, r.stderr);
    assertGlmnetPath(JSON.parse(r.stdout), limits.cases.ungrouped_a1, 1e-12);
  });

  it("--grouped and mgaussian: glmnet's paths with the limits", async () => {
    const grouped = await run(["fit", csv(), "--target", "cls", "--ignore", "y1,y2,y3", "--family", "multinomial", "--grouped", ...bounds, "--thresh", "1e-8"]);
    assert.equal(grouped.code, 0, grouped.stderr);
    assertGlmnetPath(JSON.parse(grouped.stdout), limits.cases.grouped_a1, 1e-12);
    const mg = await run(["fit", csv(), "--target", "y1,y2,y3", "--ignore", "cls", "--family", "mgaussian", ...bounds, "--thresh", "1e-14"]);
    assert.equal(mg.code, 0, mg.stderr);
    assertGlmnetPath(JSON.parse(mg.stdout), limits.cases.mgaussian_a1, 1e-8);
  });

  it("explain: a coefficient held at its limit is at-bound in the JSON, and the KKT check does not count it", async () => {
    const r = await run(["explain", csv(), "--target", "cls", "--ignore", "y1,y2,y3", "--family", "multinomial", ...bounds, "--thresh", "1e-14", "--lambda", "0.01"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const at = (f: string) => json.variables.find((v: { feature: string }) => v.feature === f);
    assert.deepEqual(json.variables.map((v: { status: string }) => v.status), ["at-bound", "at-bound", "at-bound", "kept", "kept", "kept"]);
    assert.deepEqual(at("x2").bounds, [null, null, { side: "upper", value: 0.3 }]);
    assert.deepEqual(at("x1").bounds, [null, { side: "lower", value: 0 }, null]);
    assert.equal(at("x2").coefficients[2], 0.3);
    assert.ok(at("x2").pulls[2] - at("x2").price > 1e-3, "the data pull x2 for c past its price");
    assert.ok(json.kkt.violation < 3e-8, `largest KKT violation ${json.kkt.violation} (${json.kkt.feature})`);
    assert.ok(at("x2").dropCost !== null, "a held variable's drop cost is computed");
    assert.match(at("x2").words, /held: the data pull it further than the price/);
  });

  it("explain's table shows which classes are at which limit, and the KKT gap", async () => {
    const r = await run(["explain", csv(), "--target", "y1,y2,y3", "--ignore", "cls", "--family", "mgaussian", ...bounds.slice(0, 4), "--thresh", "1e-14", "--lambda", "0.05"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /at limit +KKT gap/);
    assert.match(r.stdout, /^x5 +at-bound .*y1 at upper 0, y3 at upper 0/m);
    assert.match(r.stdout, /Held by a limit rather than by the price: x3 \(y2 at its lower limit 0\); x5/);
  });

  it("a limit of the wrong sign is the single-response error", async () => {
    assertOneLineError(await run(["fit", csv(), "--target", "cls", "--ignore", "y1,y2,y3", "--family", "multinomial", "--lower-limits", "x1=1"]), "--lower-limits: x1=1 must be ≤ 0");
  });
});

describe("shrinkage fit/cv --family mgaussian", () => {
  it("takes several targets and prints them as classes", async () => {
    const r = await run(["fit", MGAUSS, "--target", "y1,y2,y3,y4", "--family", "mgaussian", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const ref = reference("mgaussian_lasso");
    assert.deepEqual(json.classes, ["y1", "y2", "y3", "y4"]);
    assert.equal(json.features.length, 20);
    assert.equal(json.lambda.length, ref.lambda.length);
    assert.equal(json.intercept[0].length, 4);
    assert.equal(json.coefficients[0][3].length, 20);
  });

  it("cv prints the cv member with glmnet's λ_min and λ_1se for the reference's folds", async () => {
    const ref = reference("mgaussian_lasso");
    const csv = readFileSync(MGAUSS, "utf8").trim().split("\n");
    const withFolds = [`${csv[0]},fold`, ...csv.slice(1).map((l, i) => `${l},${ref.cv.foldid[i]}`)].join("\n") + "\n";
    const r = await run(["cv", scratchFile("mg.csv", withFolds), "--target", "y1,y2,y3,y4", "--family", "mgaussian", "--foldid", "fold", "--thresh", "1e-10", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.cv.measure, "mse");
    assert.ok(Math.abs(json.cv.lambdaMin - ref.cv.lambdaMin) <= 1e-8 * ref.cv.lambdaMin);
    assert.ok(Math.abs(json.cv.lambda1se - ref.cv.lambda1se) <= 1e-8 * ref.cv.lambda1se);
    assert.equal(json.cv.cvm.length, json.lambda.length);
  });
});

describe("shrinkage cv --fold-lambda own for multinomial and mgaussian: cv.glmnet called without λs", () => {
  // The data of test/fixtures/multi/own-lambda.R and glmnet 4.1-6's numbers (each fold on its own λs).
  const own = JSON.parse(readFileSync(join(ROOT, "test/fixtures/multi/own-lambda.json"), "utf8"));
  const n = own.weights.length;
  const rows = Array.from({ length: n }, (_, i) => [...own.x.map((c: number[]) => c[i]), own.classes[i], ...own.y.map((c: number[]) => c[i]), own.weights[i], own.foldid[i]].map(String).join(","));
  const file = scratchFile("own-lambda.csv", ["x1,x2,x3,x4,x5,cls,y1,y2,y3,w,fold", ...rows].join("\n") + "\n");
  const caseOf = (name: string) => own.cases.find((c: { case: string }) => c.case === name);
  const args = {
    multinomial_deviance: ["--target", "cls", "--family", "multinomial", "--ignore", "y1,y2,y3"],
    mgaussian_mse: ["--target", "y1,y2,y3", "--family", "mgaussian", "--ignore", "cls", "--alpha", "0.5"],
  };
  for (const [name, targetArgs] of Object.entries(args)) {
    it(`${name}: glmnet's cvm, λ_min and λ_1se; the same on 1 and 2 threads; not the folds on the full λs`, async () => {
      const ref = caseOf(name);
      const common = ["cv", file, ...targetArgs, "--weights", "w", "--foldid", "fold", "--thresh", "1e-14", "--format", "json"];
      const r = await run([...common, "--fold-lambda", "own", "--jobs", "1"]);
      assert.equal(r.code, 0, r.stderr);
      const cv = JSON.parse(r.stdout).cv;
      assert.equal(cv.cvm.length, ref.cvm.length);
      cv.cvm.forEach((v: number, l: number) => assert.ok(Math.abs(v / ref.cvm[l] - 1) < 1e-8, `cvm[${l}] ${v} vs ${ref.cvm[l]}`));
      assert.ok(Math.abs(cv.lambdaMin / ref.lambdaMin - 1) < 1e-10);
      assert.ok(Math.abs(cv.lambda1se / ref.lambda1se - 1) < 1e-10);
      const two = await run([...common, "--fold-lambda", "own", "--jobs", "2"]);
      assert.equal(two.code, 0, two.stderr);
      assert.deepEqual(JSON.parse(two.stdout).cv.cvm, cv.cvm);
      const full = await run([...common, "--jobs", "1"]);
      assert.equal(full.code, 0, full.stderr);
      assert.notDeepEqual(JSON.parse(full.stdout).cv.cvm, cv.cvm);
    });
  }
  it("--fold-lambda is checked", async () => {
    assertOneLineError(await run(["cv", file, "--target", "cls", "--family", "multinomial", "--ignore", "y1,y2,y3", "--fold-lambda", "mine"]), /--fold-lambda/);
  });
});

describe("shrinkage fit/cv --family mgaussian --standardize-response", () => {
  // The data of test/fixtures/multi/stdresp.R (three targets on scales 1e-3, 1 and 1e4) and glmnet 4.1-6's numbers.
  const std = JSON.parse(readFileSync(join(ROOT, "test/fixtures/multi/stdresp.json"), "utf8"));
  const n = std.weights.length;
  const rows = Array.from({ length: n }, (_, i) => [...std.x.map((c: number[]) => c[i]), ...std.y.map((c: number[]) => c[i]), std.weights[i], std.cases.cv.foldid[i]].map(String).join(","));
  const file = scratchFile("stdresp.csv", ["x1,x2,x3,x4,x5,y1,y2,y3,w,fold", ...rows].join("\n") + "\n");
  const options = [file, "--target", "y1,y2,y3", "--family", "mgaussian", "--weights", "w", "--penalty-factor", "x2=0.5,x4=2", "--alpha", "0.7", "--thresh", "1e-14"];
  const common = [...options, "--ignore", "fold"];

  it("fit: glmnet's λs, df and devRatio, in the JSON of the default fit", async () => {
    const r = await run(["fit", ...common, "--standardize-response", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const ref = std.cases.weighted;
    assert.equal(json.lambda.length, ref.lambda.length);
    json.lambda.forEach((l: number, i: number) => assert.ok(Math.abs(l - ref.lambda[i]) <= 1e-8 * ref.lambda[i], `λ[${i}]`));
    assert.deepEqual(json.df, ref.df);
    json.devRatio.forEach((d: number, i: number) => assert.ok(Math.abs(d - ref.devRatio[i]) <= 1e-8, `devRatio[${i}]`));
    const plain = JSON.parse((await run(["fit", ...common, "--format", "json"])).stdout);
    assert.deepEqual(Object.keys(json), Object.keys(plain));
    assert.notDeepEqual(json.lambda, plain.lambda);
  });

  it("cv: glmnet's cvm, λ_min and λ_1se for fixed folds and λs", async () => {
    const cv = std.cases.cv;
    const r = await run(["cv", ...options, "--foldid", "fold", "--lambda", cv.lambda.map(String).join(","), "--standardize-response", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.cv.cvm.length, cv.cvm.length);
    json.cv.cvm.forEach((m: number, l: number) => assert.ok(Math.abs(m - cv.cvm[l]) <= 1e-7 * cv.cvm[l], `cvm[${l}]`));
    assert.equal(json.cv.lambdaMin, cv.lambdaMin);
    assert.equal(json.cv.lambda1se, cv.lambda1se);
  });

  it("the table says the targets were standardized", async () => {
    const r = await run(["fit", ...common, "--standardize-response"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /mgaussian \(targets standardized\)/);
  });

  it("is an option error for any other family, and a constant target is named", async () => {
    assertOneLineError(await run(["fit", MGAUSS, "--target", "y1", "--standardize-response"]), "--standardize-response applies to --family mgaussian only, not gaussian");
    assertOneLineError(await run(["cv", MGAUSS, "--target", "y1", "--family", "poisson", "--standardize-response"]), "--standardize-response applies to --family mgaussian only, not poisson");
    assertOneLineError(await run(["fit", IRIS, "--target", "Species", "--family", "multinomial", "--standardize-response"]), "--standardize-response applies to --family mgaussian only, not multinomial");
    const flat = scratchFile("flat.csv", "x,y1,y2\n1,2,5\n2,3,5\n3,1,5\n4,5,5\n5,4,5\n");
    assertOneLineError(await run(["fit", flat, "--target", "y1,y2", "--family", "mgaussian", "--standardize-response"]), /response "y2" is constant/);
  });

  it("a constant target's error names the CLI option --standardize-response, not the library's standardizeResponse", async () => {
    const flat = scratchFile("flat-y1.csv", "x,y1,y2\n1,5,2\n2,5,3\n3,5,1\n4,5,5\n5,5,4\n6,5,6\n");
    for (const cmd of ["fit", "cv"]) {
      const r = await run([cmd, flat, "--target", "y1,y2", "--family", "mgaussian", "--standardize-response", ...(cmd === "cv" ? ["--folds", "3"] : [])]);
      assertOneLineError(r, 'response "y1" is constant over the rows with weight: --standardize-response cannot scale it (its standard deviation is 0); drop it or fit without --standardize-response');
      assert.doesNotMatch(r.stderr, /standardizeResponse/);
      assert.equal(r.code, 1, "a data error, as before");
    }
  });
});

describe("multi-response bad input: one clear line naming what is at fault", () => {
  it("an empty target cell names its row", async () => {
    const text = threeClassCsv(12).replace(/,b\n/, ",\n");
    assertOneLineError(await run(["fit", scratchFile("e.csv", text), "--target", "cls", "--family", "multinomial"]), /target "cls" is empty in row 3/);
  });
  it("a non-numeric cell in one of several targets names the column and the row", async () => {
    const text = "x,y1,y2\n1,2,3\n2,3,oops\n3,1,2\n4,5,1\n";
    assertOneLineError(await run(["fit", scratchFile("m.csv", text), "--target", "y1,y2", "--family", "mgaussian"]), /target "y2", row 3: "oops" is not a number/);
  });
  it("a class with one row is refused as glmnet refuses it", async () => {
    const text = threeClassCsv(12) + "0.1,0.2,0.3,d\n";
    assertOneLineError(await run(["fit", scratchFile("d.csv", text), "--target", "cls", "--family", "multinomial"]), /class "d" has 1 row/);
  });
  it("plot says which kinds it does not draw for these families yet", async () => {
    assertOneLineError(await run(["plot", IRIS, "--target", "Species", "--family", "multinomial", "--kind", "drop", "--out", scratchFile("p.svg", "")]), /--kind drop is not drawn for --family multinomial yet/);
  });
  it("--grouped with mgaussian is an option error", async () => {
    assertOneLineError(await run(["fit", MGAUSS, "--target", "y1,y2", "--family", "mgaussian", "--grouped"]), /--grouped applies to --family multinomial/);
  });
  it("a 3-class text target under the default family suggests --family multinomial", async () => {
    assertOneLineError(await run(["fit", IRIS, "--target", "Species"]), /it has 3 classes: use --family multinomial/);
  });
  it("more than 50 classes warns and goes on", async () => {
    const lines = ["x,cls"];
    for (let i = 0; i < 208; i++) lines.push(`${Math.sin(i)},k${i % 52}`);
    const r = await run(["fit", scratchFile("many.csv", lines.join("\n") + "\n"), "--target", "cls", "--family", "multinomial", "--nlambda", "3"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /has 52 classes: more than 50/);
  });
  it("a class absent from a fold's training rows is named with the fold, and cv goes on", async () => {
    const lines = ["x1,x2,cls,fold"];
    for (let i = 0; i < 30; i++) lines.push(`${Math.sin(i)},${Math.cos(i * 3)},${i % 2 ? "a" : "b"},${(i % 3) + 1}`);
    lines.push("0.3,0.2,c,1", "0.1,-0.4,c,1");
    const r = await run(["cv", scratchFile("f.csv", lines.join("\n") + "\n"), "--target", "cls", "--family", "multinomial", "--foldid", "fold", "--nlambda", "5"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /fold 1: class "c" has 0 training rows/);
  });
});

describe("multi-response with no usable feature, as a single response", () => {
  it("fit and cv give the intercepts alone at λ 0 with a note, where they refused", async () => {
    const lines = ["y,y2,cls,a,b"];
    for (let i = 0; i < 12; i++) lines.push(`${Math.sin(i).toFixed(3)},${Math.cos(i).toFixed(3)},${"pqr"[i % 3]},1,7`);
    const file = scratchFile("constant.csv", lines.join("\n") + "\n");
    const families = [["--target", "y,y2", "--family", "mgaussian", "--ignore", "cls"], ["--target", "cls", "--family", "multinomial", "--ignore", "y,y2"]];
    for (const args of [["--target", "y", "--ignore", "y2,cls"], ...families]) {
      const fit = await run(["fit", file, ...args, "--format", "json"]);
      assert.equal(fit.code, 0, `${args.join(" ")}: ${fit.stderr}`);
      assert.deepEqual(JSON.parse(fit.stdout).lambda, [0]);
      assert.match(fit.stderr, /note: no usable feature \(none given, or every one constant or excluded\): the fit is the intercepts? alone\n/);
      const cv = await run(["cv", file, ...args, "--folds", "3"]);
      assert.equal(cv.code, 0, `${args.join(" ")}: ${cv.stderr}`);
      assert.match(cv.stdout, /λ_min = 0 \(step 1\)/);
    }
  });
});

describe("an intercept-only multinomial fit's %Dev", () => {
  // Its devRatio is −2e-16 (glmnet's null model gives ±2e-16 too): the table showed %Dev -0.00, where R's print shows 0.00.
  it("shows 0.00, never -0.00", async () => {
    const labels = ["a", "b", "c", "a", "b", "c", "a", "b", "a"], w = [2.75, 1.25, 2.75, 1.25, 2.5, 2.5, 2.5, 2, 1];
    const file = scratchFile("null-model.csv", ["cls,k,w", ...labels.map((c, i) => `${c},1,${w[i]}`)].join("\n") + "\n");
    const args = ["fit", file, "--target", "cls", "--family", "multinomial", "--weights", "w", "--lambda", "0.1"];
    const json = await run([...args, "--format", "json"]);
    assert.ok(JSON.parse(json.stdout).devRatio[0] < 0, "the data no longer give a negative devRatio");
    const r = await run(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n1 +0 +0\.00 +0\.1\n/);
    assert.doesNotMatch(r.stdout, /-0\.00/);
  });
});

describe("the multi-response header", () => {
  it("counts one λ as 1 λ, not 1 λs", async () => {
    const base = ["fit", MGAUSS, "--target", "y1,y2", "--family", "mgaussian"];
    const one = await run([...base, "--lambda", "0.1"]);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout.split("\n")[0], / · 1 λ · fitted in /);
    const two = await run([...base, "--lambda", "0.2,0.1"]);
    assert.match(two.stdout.split("\n")[0], / · 2 λs · fitted in /);
  });
});

describe("a path on given λs with no usable feature", () => {
  // A multi-response fit said "the fit is the intercepts alone at every λ"; a single-response fit said nothing.
  it("says the fit is the intercept(s) alone, single and multi response alike", async () => {
    const lines = ["y,y2,a"];
    for (let i = 0; i < 12; i++) lines.push(`${Math.sin(i).toFixed(3)},${Math.cos(i).toFixed(3)},7`);
    const file = scratchFile("given-lambdas.csv", lines.join("\n") + "\n");
    for (const args of [["--target", "y", "--ignore", "y2"], ["--target", "y,y2", "--family", "mgaussian"]]) {
      const fit = await run(["fit", file, ...args, "--lambda", "0.1,0.05", "--format", "json"]);
      assert.equal(fit.code, 0, fit.stderr);
      assert.match(fit.stderr, /note: no usable feature \(every one constant or excluded\): the fit is the intercepts? alone at every λ\n/, args.join(" "));
    }
  });
});
