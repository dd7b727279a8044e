import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign, type DesignOptions } from "../../src/data/design.js";
import { column, modelMatrix, modelMatrixFromRows } from "../../src/data/matrix.js";
import { DataError, OptionError } from "../../src/errors.js";

const design = (text: string, options: DesignOptions) => buildDesign(parseCsv(text), options);

test("numeric columns become features in file order; the target, weights and fold ids do not", () => {
  const d = design("a,y,w,b,f\n1,10,1,4,1\n2,20,2,5,2\n3,30,0.5,7,1\n", { target: "y", weights: "w", foldid: "f" });
  assert.deepEqual(d.x.names, ["a", "b"]);
  assert.deepEqual(Array.from(column(d.x, 0)), [1, 2, 3]);
  assert.deepEqual(Array.from(column(d.x, 1)), [4, 5, 7]);
  assert.deepEqual(Array.from(d.y), [10, 20, 30]);
  assert.deepEqual(Array.from(d.weights ?? []), [1, 2, 0.5]);
  assert.deepEqual(Array.from(d.foldid ?? []), [1, 2, 1]);
  assert.ok(d.foldid instanceof Int32Array);
  assert.equal(d.droppedRows, 0);
  assert.equal(d.positiveClass, null);
  // In shared memory, so that parallel cross-validation's workers read X without a copy of their own.
  assert.ok(d.x.data.buffer instanceof SharedArrayBuffer);
});

test("an offset column is any finite numbers, kept out of the features and dropped with its row", () => {
  const d = design("a,y,o\n1,10,-0.5\n2,20,0\n3,30,1.5\n", { target: "y", offset: "o" });
  assert.deepEqual(d.x.names, ["a"]);
  assert.deepEqual(Array.from(d.offset ?? []), [-0.5, 0, 1.5]);
  assert.equal(design("a,y\n1,10\n2,20\n", { target: "y" }).offset, undefined);
  const dropped = design("a,y,o\n1,10,-0.5\n2,20,NA\n3,30,1.5\n", { target: "y", offset: "o", na: "drop" });
  assert.deepEqual([Array.from(dropped.offset ?? []), Array.from(dropped.y)], [[-0.5, 1.5], [10, 30]]);
  assert.throws(() => design("a,y,o\n1,10,x\n2,20,y\n3,30,z\n", { target: "y", offset: "o" }), (e: DataError) => e.column === "o" && e.row === 2 && /an offset must be numbers/.test(e.message));
  assert.throws(() => design("a,y,o\n1,10,1\n2,20,-Inf\n", { target: "y", offset: "o" }), (e: DataError) => e.column === "o" && e.row === 3 && /infinite/.test(e.message));
  assert.throws(() => design("a,y\n1,10\n", { target: "y", offset: "a" }), /no feature column is left: the file must hold at least one column besides the target, offset/);
});

test("a text column becomes one indicator per level but the first (sorted), named column=level", () => {
  const d = design("y,color,x\n1,red,1\n2,blue,2\n3,green,3\n4,red,5\n", { target: "y" });
  assert.deepEqual(d.x.names, ["color=green", "color=red", "x"]);
  assert.deepEqual(Array.from(column(d.x, 0)), [0, 0, 1, 0]);
  assert.deepEqual(Array.from(column(d.x, 1)), [1, 0, 0, 1]);
  assert.deepEqual(d.levels, { color: ["blue", "green", "red"] });
  assert.deepEqual(d.featureColumns, ["color", "color", "x"]);
});

test("a column of numbers with a stray word is numeric with a bad cell, not a text column", () => {
  const text = "y,x\n1,1\n2,2\n3,oops\n4,4\n";
  assert.throws(() => design(text, { target: "y" }), (e: DataError) => e.column === "x" && e.row === 4 && /"oops" is not a number/.test(e.message));
  const d = design(text, { target: "y", na: "drop" });
  assert.deepEqual(Array.from(column(d.x, 0)), [1, 2, 4]);
  assert.equal(d.droppedRows, 1);
});

test("a column mostly of words is text, and numbers in it are levels like any other", () => {
  const d = design("y,size\n1,small\n2,large\n3,10\n4,small\n", { target: "y" });
  assert.deepEqual(d.x.names, ["size=large", "size=small"]);
});

test("ignore drops columns; a name that does not exist is an OptionError with a suggestion", () => {
  const text = "y,age,agent\n1,2,3\n2,3,5\n3,5,4\n";
  assert.deepEqual(design(text, { target: "y", ignore: ["agent"] }).x.names, ["age"]);
  assert.throws(() => design(text, { target: "y", ignore: ["agnet"] }), (e: OptionError) => e instanceof OptionError && e.option === "ignore" && /did you mean "agent"\?/.test(e.message));
  assert.throws(() => design(text, { target: "Y" }), /did you mean "y"\?/);
  assert.throws(() => design(text, { target: "y", ignore: ["y"] }), /column "y" cannot be both target and ignore/);
  assert.throws(() => design(text, { target: "y", weights: "y" }), /both target and weights/);
  assert.throws(() => design(text, { target: "y", ignore: ["age", "agent"] }), /no feature column is left after ignoring "age", "agent"/);
});

test("na: drop drops every row with a bad cell in a used column, and only those", () => {
  const text = "y,a,b,unused\n1,1,NA,x\n2,,5,\n3,3,6,NA\n4,4,7,1\nNaN,5,8,2\n";
  const d = design(text, { target: "y", ignore: ["unused"], na: "drop" });
  assert.equal(d.droppedRows, 3);
  assert.deepEqual(Array.from(d.rowNumbers), [4, 5]);
  assert.deepEqual(Array.from(d.y), [3, 4]);
  assert.deepEqual(Array.from(column(d.x, 1)), [6, 7]);
  assert.throws(() => design(text, { target: "y", ignore: ["unused"] }), (e: DataError) => e.column === "b" && e.row === 2);
});

test("levels are those of the kept rows (a level only in dropped rows adds no all-zero column)", () => {
  const d = design("y,g\n1,a\nNA,z\n3,b\n4,a\n", { target: "y", na: "drop" });
  assert.deepEqual(d.x.names, ["g=b"]);
});

test("a separator convention is never silently dropped, even under na: drop", () => {
  assert.throws(() => design('y,x\n1,"1,5"\n2,"2,5"\n3,NA\n', { target: "y", na: "drop" }), /say how to read it \(--decimal ,\)/);
});

test("binomial targets: 0/1 as is, two text classes with the second sorted modelled as 1", () => {
  const numeric = design("y,x\n0,1\n1,2\n1,3\n0,4\n", { target: "y", family: "binomial" });
  assert.deepEqual(Array.from(numeric.y), [0, 1, 1, 0]);
  assert.equal(numeric.positiveClass, null);
  const text = design("y,x\nM,1\nB,2\nM,3\nB,4\n", { target: "y", family: "binomial" });
  assert.deepEqual(Array.from(text.y), [1, 0, 1, 0]);
  assert.equal(text.positiveClass, "M");
  // glmnet's small-class warning is the fit's (once, naming the class), not the data's too.
  assert.ok(!text.warnings.some((w) => /fewer than 8/.test(w)));
  assert.throws(() => design("y,x\nM,1\nM,2\n", { target: "y", family: "binomial" }), /one class only/);
  assert.throws(() => design("y,x\n1,1\n1,2\n", { target: "y", family: "binomial" }), /one class only/);
  assert.throws(() => design("y,x\na,1\nb,2\nc,3\n", { target: "y", family: "binomial" }), /3 classes/);
});

test("binomial: any two numbers are two classes, as R's factor(y): the larger is modelled as 1 and named", () => {
  const cases: [string, number[], string][] = [
    ["1,2,2,1", [0, 1, 1, 0], "2"],
    ["-1,1,1,-1", [0, 1, 1, 0], "1"],
    ["0.5,0,0,0.5", [1, 0, 0, 1], "0.5"],
    ["10,9,10,9", [1, 0, 1, 0], "10"], // by value, not as text ("10" < "9")
  ];
  for (const [values, y, positive] of cases) {
    const text = ["y,x", ...values.split(",").map((v, i) => `${v},${i}`)].join("\n");
    const d = design(text, { target: "y", family: "binomial" });
    assert.deepEqual(Array.from(d.y), y, values);
    assert.equal(d.positiveClass, positive, values);
  }
  // 0/1 written as 0.0/1.0 is still 0/1, modelled as it is.
  assert.equal(design("y,x\n0.0,1\n1.0,2\n", { target: "y", family: "binomial" }).positiveClass, null);
  // A third value: the column, the row where it first appears, and every class.
  assert.throws(
    () => design("y,x\n1,1\n2,2\n1,3\n3,4\n2,5\n", { target: "y", family: "binomial" }),
    (e: DataError) => e.column === "y" && e.row === 5 && e.message === 'binomial target "y" has 3 classes (1, 2, 3); it needs exactly two (row 5 holds the third, 3): for 3 classes use family multinomial',
  );
  assert.throws(() => design("y,x\nb,1\na,2\nc,3\n", { target: "y", family: "binomial" }), /\("a", "b", "c"\); it needs exactly two \(row 4 holds the third, "c"\)/);
  // Rows dropped under --na drop do not count.
  const dropped = design("y,x\n1,1\n2,2\n3,NA\n1,4\n", { target: "y", family: "binomial", na: "drop" });
  assert.deepEqual([Array.from(dropped.y), dropped.positiveClass], [[0, 1, 0], "2"]);
});

test("binomial: positiveClass chooses the class modelled as 1; a number is read as the file's numbers are", () => {
  const pick = (text: string, positiveClass: string, more: Partial<DesignOptions> = {}) => {
    const d = design(text, { target: "y", family: "binomial", positiveClass, ...more });
    return [Array.from(d.y), d.positiveClass];
  };
  assert.deepEqual(pick("y,x\n1,1\n2,2\n2,3\n", "1"), [[1, 0, 0], "1"]);
  assert.deepEqual(pick("y,x\n0,1\n1,2\n1,3\n", "0"), [[1, 0, 0], "0"]);
  assert.deepEqual(pick("y,x\n0,1\n1,2\n1,3\n", "1"), [[0, 1, 1], null], "0/1 modelled as it is");
  assert.deepEqual(pick("y;x\n0,5;1\n1,5;2\n", "1,5", { decimal: "," }), [[0, 1], "1.5"]);
  assert.deepEqual(pick("y,x\nM,1\nB,2\n", "B"), [[0, 1], "B"]);
  assert.throws(() => pick("y,x\nM,1\nB,2\n", "m"), (e: OptionError) => e.option === "positiveClass" && /^positiveClass: "m" is not a class of the target "y"; its classes are "B" and "M"/.test(e.message));
  assert.throws(() => design("y,x\n1,1\n2,2\n", { target: "y", positiveClass: "2" }), (e: OptionError) => e.option === "positiveClass" && /^positiveClass applies to family binomial only, not gaussian$/.test(e.message));
});

test("gaussian and poisson targets are numbers; poisson ones are not negative", () => {
  assert.throws(() => design("y,x\na,1\nb,2\n", { target: "y" }), /: use family binomial$/);
  assert.throws(() => design("y,x\n1,1\n-2,2\n", { target: "y", family: "poisson" }), (e: DataError) => e.row === 3 && /negative/.test(e.message));
  assert.deepEqual(Array.from(design("y,x\n0,1\n7,2\n", { target: "y", family: "poisson" }).y), [0, 7]);
});

test("weights and fold ids are checked", () => {
  assert.throws(() => design("y,x,w\n1,1,1\n2,2,-1\n", { target: "y", weights: "w" }), /row 3: -1 is negative/);
  assert.throws(() => design("y,x,w\n1,1,0\n2,2,0\n", { target: "y", weights: "w" }), /zero in every row/);
  assert.throws(() => design("y,x,f\n1,1,1\n2,2,2.5\n", { target: "y", foldid: "f" }), /"2.5" is not a fold number/);
  assert.throws(() => design("y,x,f\n1,1,1\n2,2,-1\n", { target: "y", foldid: "f" }), /"-1" is not a fold number/);
});

test("constant columns, many levels and name clashes", () => {
  assert.ok(design("y,k,x\n1,3,1\n2,3,2\n", { target: "y" }).warnings.some((w) => /"k" is constant \(every row is 3\)/.test(w)));
  const ids = ["y,id,x", ...Array.from({ length: 120 }, (_, i) => `${i},id${i},${i % 3}`)].join("\n");
  const d = design(ids, { target: "y" });
  assert.equal(d.x.p, 120);
  assert.ok(d.warnings.some((w) => /"id" has 120 distinct values in 120 rows: it becomes 119 indicator columns/.test(w)));
  assert.equal(design(ids, { target: "y", manyLevels: 1000 }).warnings.length, 0);
  assert.throws(() => design("y,g,g=b\n1,a,1\n2,b,2\n", { target: "y" }), /the feature name "g=b" arises twice/);
});

test("the diabetes data: 442 rows, 10 features, the target as in the file", () => {
  const d = buildDesign(parseCsv(readFileSync(new URL("../../data/diabetes.csv", import.meta.url), "utf8")), { target: "progression" });
  assert.equal(d.x.n, 442);
  assert.deepEqual(d.x.names, ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]);
  assert.deepEqual(Array.from(d.y.slice(0, 3)), [151, 75, 141]);
  assert.equal(column(d.x, 2)[0], 32.1);
});

test("any numeric table reads back exactly, whatever the delimiter, quoting and notation", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }).chain((p) => fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), { minLength: p + 1, maxLength: p + 1 }), { minLength: 1, maxLength: 15 })),
      fc.constantFrom(",", ";", "\t"),
      fc.constantFrom("plain", "quoted", "exponent"),
      (rows, delimiter, style) => {
        const p = rows[0].length - 1;
        const write = (v: number) => (style === "exponent" ? v.toExponential() : style === "quoted" ? `"${v}"` : String(v));
        const header = ["y", ...Array.from({ length: p }, (_, j) => `x${j}`)].join(delimiter);
        const text = [header, ...rows.map((r) => r.map(write).join(delimiter))].join("\r\n");
        const d = buildDesign(parseCsv(text, { delimiter }), { target: "y" });
        assert.deepEqual(Array.from(d.y), rows.map((r) => r[0] + 0));
        for (let j = 0; j < p; j++) assert.deepEqual(Array.from(column(d.x, j)), rows.map((r) => r[j + 1] + 0));
      },
    ),
    { numRuns: 200 },
  );
});

test("the model matrices the library builds live in shared memory, which parallel cross-validation reads without a copy", () => {
  const byColumns = modelMatrix(["a", "b"], [[1, 2, 3], [4, 5, 6]]);
  const byRows = modelMatrixFromRows([[1, 4], [2, 5], [3, 6]], ["a", "b"]);
  for (const x of [byColumns, byRows]) {
    assert.ok(x.data.buffer instanceof SharedArrayBuffer);
    assert.deepEqual(Array.from(x.data), [1, 2, 3, 4, 5, 6]);
  }
});

test("numbers with units are an error naming the column and row; an identifier in a small file is a warning", () => {
  const rows = (f: (i: number) => string) => Array.from({ length: 30 }, (_, i) => `${(i * 0.37) % 5},${f(i)}`).join("\n");
  assert.throws(
    () => design(`y,weight\n${rows((i) => `${(60 + i * 1.3).toFixed(1)}kg`)}\n`, { target: "y" }),
    (e: unknown) => e instanceof DataError && /column "weight", row 2: "60.0kg" is a number with something after it/.test(e.message),
  );
  const id = design(`y,id\n${rows((i) => `patient-${i}`)}\n`, { target: "y" });
  assert.ok(id.warnings.some((w) => /text column "id" has 30 distinct values in 30 rows/.test(w)), id.warnings.join("; "));
  // A few levels that happen to start with a number are a category like any other.
  const drive = design(`y,drive\n${rows((i) => (i % 2 ? "4WD" : "2WD"))}\n`, { target: "y" });
  assert.deepEqual(drive.x.names, ["drive=4WD"]);
  assert.deepEqual(drive.warnings, []);
});
