// The library as strict as the command line (issue 21): every public entry checks its arguments and
// throws the project's errors naming the argument and what it should be.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, OptionError } from "../../src/errors.js";
import { modelMatrix, modelMatrixFromRows, type ModelMatrix } from "../../src/data/matrix.js";
import { fitPath } from "../../src/solve/path.js";
import { relaxPath } from "../../src/solve/relax.js";
import { coef, coefficientsAt, predict } from "../../src/solve/predict.js";
import { fitPathFromMoments, momentsOf } from "../../src/solve/moments.js";
import { cvPath } from "../../src/cv/cv.js";
import { FIT_OPTIONS_SCHEMA } from "../../src/solve/arguments.js";
import type { FitOptions, Path } from "../../src/solve/types.js";

const x = modelMatrix(["a", "b", "c"], [[1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7], [1, 0, 1, 0, 1, 1, 0, 0]]);
const y = [1.2, 1.9, 3.4, 3.8, 5.1, 6.3, 6.8, 8.4];
const path = fitPath(x, y);

/** Throws an OptionError (or DataError) whose message matches and whose option (or column) is `name`. */
function throwsNaming(f: () => unknown, message: RegExp, name?: string, kind: typeof OptionError | typeof DataError = OptionError): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof kind, `${String(e)} is not a ${kind.name}`);
    assert.match((e as Error).message, message);
    if (name !== undefined) assert.equal(e instanceof OptionError ? e.option : (e as DataError).column, name);
    return true;
  });
}

test("an unknown option names the nearest known one, in every entry that takes options", () => {
  throwsNaming(() => fitPath(x, y, { alpah: 0.5 } as never), /fitPath: unknown option "alpah"; did you mean "alpha"\?/, "alpah");
  throwsNaming(() => cvPath(x, y, { nfold: 3 } as never), /cvPath: unknown option "nfold"; did you mean "nfolds"\?/, "nfold");
  throwsNaming(() => relaxPath(x, y, path, { lamda: [1] } as never), /relaxPath: unknown option "lamda"; did you mean "lambda"\?/);
  throwsNaming(() => predict(path, x, 0.1, { typ: "link" } as never), /predict: unknown option "typ"; did you mean "type"\?/);
  throwsNaming(() => coef(path, 0.1, { gama: 0 } as never), /coef: unknown option "gama"; did you mean "gamma"\?/);
  throwsNaming(() => fitPathFromMoments(momentsOf(x, y), { nlamda: 5 } as never), /fitPathFromMoments: unknown option "nlamda"; did you mean "nlambda"\?/);
  throwsNaming(() => fitPath(x, y, { zzzzzz: 1 } as never), /unknown option "zzzzzz" \(the options are family, alpha, /);
});

test("null and wrong-typed values are named with what they should be, never defaulted", () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ alpha: null }, /alpha must be a number between 0 and 1, got null/],
    [{ alpha: "0.5" }, /alpha must be a number between 0 and 1, got "0\.5"/],
    [{ alpha: 2 }, /alpha must be a number between 0 and 1, got 2/],
    [{ lambda: 0.1 }, /lambda must be an array of numbers \(write \[0\.1\] for one value\), got 0\.1/],
    [{ lambda: [] }, /lambda must be an array of at least one number/],
    [{ lambda: [0.1, Number.NaN] }, /lambda\[1\] must be a number ≥ 0, got NaN/],
    [{ nlambda: 2.5 }, /nlambda must be an integer ≥ 1, got 2\.5/],
    [{ standardize: "no" }, /standardize must be true or false, got "no"/],
    [{ family: "gausian" }, /family must be one of .*\(did you mean "gaussian"\?\)/],
    [{ penaltyFactor: { a: -1 } }, /penaltyFactor for "a" must be ≥ 0, got -1/],
    [{ penaltyFactor: { a: "1" } }, /penaltyFactor\.a must be a number, got "1"/],
    [{ weights: 3 }, /weights must be an array of numbers, one per row \(not a single number\)/],
    [{ exclude: [null] }, /exclude\[0\] must be a feature name or a position/],
    [{ updates: "fast" }, /updates must be one of "covariance", "naive"/],
  ];
  assert.equal(cases.length, 14);
  for (const [options, message] of cases) throwsNaming(() => fitPath(x, y, options as never), message, Object.keys(options)[0]);
  throwsNaming(() => fitPath(x, y, null as never), /fitPath: the options must be an object/);
});

test("a valid value of every fit option passes its rule (Schema<FitOptions> makes every option have one)", () => {
  const every: Required<FitOptions> = {
    family: "gaussian", alpha: 0.5, lambda: [0.5, 0.1], nlambda: 10, lambdaMinRatio: 0.01, standardize: true, intercept: true,
    penaltyFactor: [1, 1, Infinity], exclude: ["c"], lowerLimits: -Infinity, upperLimits: { a: 10 }, weights: new Float64Array(8).fill(1),
    offset: new Float64Array(8), thresh: 1e-7, maxit: 1e5, dfmax: 3, pmax: 3, positiveClass: null, relax: false, updates: "naive",
    gapTol: 1e-4, penalty: "lasso", penaltyGamma: 3, adaptive: false, survival: undefined as never, threads: 1, solver: "glmnet",
  };
  assert.deepEqual(Object.keys(every).sort(), Object.keys(FIT_OPTIONS_SCHEMA).sort());
  assert.equal(fitPath(x, y, every).lambda.length, 2);
  // An option left undefined takes its default.
  assert.deepEqual(Array.from(fitPath(x, y, { alpha: undefined }).lambda), Array.from(path.lambda));
});

test("x and y are checked before any fit: not a matrix, a wrong length, non-numbers", () => {
  throwsNaming(() => fitPath(null as never, y), /fitPath: x must be a model matrix, got null; build one with modelMatrix/, "x");
  throwsNaming(() => fitPath({ n: 2, p: 1, data: [1, 2], names: ["a"] } as never, [1, 2]), /x\.data must be a Float64Array of n·p = 2 numbers/, "x");
  throwsNaming(() => fitPath(x, null as never), /fitPath: y must be an array of numbers, one per row, got null/, "y");
  throwsNaming(() => fitPath(x, [1, 2, 3]), /fitPath: y has 3 values but X has 8 rows/, "y");
  throwsNaming(() => fitPath(x, y.map(String) as never), /fitPath: y\[0\] must be a number, got "1\.2"/, "y");
  throwsNaming(() => cvPath(undefined as never, y), /cvPath: x must be a model matrix, got undefined/);
});

test("modelMatrix and modelMatrixFromRows name mismatches with the project's errors", () => {
  throwsNaming(() => modelMatrix(["a", "b"], [[1, 2]]), /modelMatrix: 2 names for 1 columns; give one name per column/, "names");
  throwsNaming(() => modelMatrix(["a", "a"], [[1], [2]]), /the name "a" is given twice/, "names");
  throwsNaming(() => modelMatrix(["a", "b"], [[1, 2], [3]]), /column "b" has 1 rows, but column "a" has 2/, "columns");
  throwsNaming(() => modelMatrix(["a"], [[1, "2"]] as never), /column "a", row 2 must be a number, got "2"/, "columns");
  throwsNaming(() => modelMatrixFromRows([[1, 2], [3]]), /row 2 has 1 values, but row 1 has 2/, "rows");
  throwsNaming(() => modelMatrixFromRows([[1, 2]], ["a"]), /1 names for 2 columns/, "names");
});

test("predict: NaN in new X is named by feature and row; an unknown type is refused", () => {
  const bad = modelMatrix(["a", "b", "c"], [[1, 2], [2, Number.NaN], [0, 1]]);
  throwsNaming(() => predict(path, bad, 0.1), /predict: newX's feature "b" is not a finite number in row 2 \(NaN\)/, "b", DataError);
  throwsNaming(() => predict(path, x, 0.1, { type: "bogus" } as never), /type must be one of "link", "response", "class", got "bogus"/, "type");
  throwsNaming(() => predict(path, x, Number.NaN), /predict: lambda must be a finite number ≥ 0, got NaN/, "lambda");
  throwsNaming(() => predict(path, x, [0.1] as never), /lambda must be a finite number ≥ 0 \(one λ per call\)/, "lambda");
  throwsNaming(() => predict(path, modelMatrix(["a"], [[1]]), 0.1), /newX has 1 columns but the model has 3 features/, "newX");
  assert.equal(predict(path, x, 0.1).length, 8);
});

test("relaxPath, coef and coefficientsAt refuse an empty or foreign path", () => {
  const empty = { ...path, lambda: new Float64Array(0), beta: [], intercept: new Float64Array(0) } as Path;
  throwsNaming(() => relaxPath(x, y, empty), /relaxPath: path has no fitted λ; fit one with fitPath/, "path");
  throwsNaming(() => relaxPath(x, y, null as never), /relaxPath: path must be a fitted path, got null/, "path");
  throwsNaming(() => coef(empty, 0.1), /coef: path has no fitted λ/, "path");
  throwsNaming(() => coefficientsAt(path, path.lambda.length), /k must be the index of a fitted λ/, "k");
  const other: ModelMatrix = modelMatrix(["a"], [x.data.subarray(0, 8)]);
  throwsNaming(() => relaxPath(other, y, path), /the path has 3 features but x has 1 columns/, "x");
});

test("cvPath's own options: folds, measure, blends", () => {
  throwsNaming(() => cvPath(x, y, { nfolds: 2 }), /nfolds must be an integer ≥ 3, got 2/, "nfolds");
  throwsNaming(() => cvPath(x, y, { measure: "rmse" } as never), /measure must be one of "mse", "mae", "deviance", "class", "auc"/, "measure");
  throwsNaming(() => cvPath(x, y, { gamma: [2] }), /gamma\[0\] must be a number between 0 and 1, got 2/, "gamma");
  throwsNaming(() => cvPath(x, y, { foldLambda: "mine" } as never), /foldLambda must be one of "full", "own"/, "foldLambda");
});
