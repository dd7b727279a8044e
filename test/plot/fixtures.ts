/**
 * Fixed chart inputs for the snapshot tests and previews: small hand-made literals (every case the charts
 * distinguish) and glmnet's own diabetes lasso path and cross-validation from the reference fixtures
 * (no dependency on the engine).
 */
import { readFileSync } from "node:fs";
import type { PathInput } from "../../src/plot/path.js";
import type { CvCurveInput } from "../../src/plot/cv.js";
import type { PullPriceInput } from "../../src/plot/pull.js";
import type { RidgeSpectrumInput } from "../../src/plot/spectrum.js";

function sparse(indices: number[], values: number[]) {
  return { index: Int32Array.from(indices), value: Float64Array.from(values) };
}

/**
 * Four λs, five features: bmi enters first, s5 second, bp third and changes sign, age enters last,
 * sex never enters (so it must have no curve).
 */
export const smallPath: PathInput = {
  features: ["age", "sex", "bmi", "bp", "s5"],
  lambda: Float64Array.from([2, 1, 0.5, 0.2, 0.05]),
  df: Int32Array.from([0, 1, 2, 3, 4]),
  devRatio: Float64Array.from([0, 0.21, 0.38, 0.47, 0.52]),
  beta: [
    sparse([], []),
    sparse([2], [0.35]),
    sparse([2, 4], [0.62, 0.21]),
    sparse([2, 3, 4], [0.81, -0.12, 0.33]),
    sparse([0, 2, 3, 4], [0.05, 0.9, 0.18, 0.4]),
  ],
};

interface Reference {
  features: string[];
  lambda: number[];
  coefficients: number[][];
  df: number[];
  devRatio: number[];
  cv?: { measure: string; cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number };
}

function readReference(name: string): Reference {
  const url = new URL(`../fixtures/reference/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Reference;
}

/** A reference fit as the parts of a Path the charts read (sparse coefficients per λ). */
export function referencePath(name: string): PathInput {
  const ref = readReference(name);
  return {
    features: ref.features,
    lambda: Float64Array.from(ref.lambda),
    df: Int32Array.from(ref.df),
    devRatio: Float64Array.from(ref.devRatio),
    beta: ref.coefficients.map((row) => {
      const index = row.flatMap((v, j) => (v !== 0 ? [j] : []));
      return sparse(index, index.map((j) => row[j]!));
    }),
  };
}

/** A reference cross-validation (cv.glmnet with fixed folds) as the CV chart's input. */
export function referenceCv(name: string): CvCurveInput {
  const ref = readReference(name);
  if (!ref.cv) throw new Error(`${name} has no cv`);
  return {
    lambda: Float64Array.from(ref.lambda.slice(0, ref.cv.cvm.length)),
    cvm: Float64Array.from(ref.cv.cvm),
    cvsd: Float64Array.from(ref.cv.cvsd),
    nzero: Int32Array.from(ref.df.slice(0, ref.cv.cvm.length)),
    lambdaMin: ref.cv.lambdaMin,
    lambda1se: ref.cv.lambda1se,
    measure: ref.cv.measure,
  };
}

/** Six λs of a made-up CV curve with its minimum at the fourth λ. */
export const smallCv: CvCurveInput = {
  lambda: Float64Array.from([2, 1, 0.5, 0.2, 0.1, 0.05]),
  cvm: Float64Array.from([10, 7.5, 6.2, 5.8, 5.9, 6.1]),
  cvsd: Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.6, 0.65]),
  nzero: Int32Array.from([0, 1, 2, 3, 4, 4]),
  lambdaMin: 0.2,
  lambda1se: 0.5,
  measure: "mse",
};

/** One variable of each status; every paying variable has the same price (one price line). */
export const pullOneLine: PullPriceInput = {
  features: ["bmi", "s5", "bp", "age", "sex", "s1"],
  pull: [0.3, 0.3, 0.3, 0.12, 0.02, 0.41],
  price: [0.3, 0.3, 0.3, 0.3, 0, 0.3],
  status: ["active", "active", "at-bound", "zero", "unpenalized", "excluded"],
  lambda: 0.3,
};

/** Different penalty factors: one price tick per variable. */
export const pullTicks: PullPriceInput = {
  features: ["bmi", "s5", "bp", "age"],
  pull: [0.2, 0.4, 0.1, 0.05],
  price: [0.2, 0.4, 0.3, 0.1],
  status: ["active", "active", "zero", "zero"],
  lambda: 0.2,
};

/** Shrinkage factors d²/(d² + nλ') with nλ' = 40 for six directions given out of order. */
export const smallSpectrum: RidgeSpectrumInput = (() => {
  const d2 = [120, 400, 35, 8, 60, 2];
  const factor = d2.map((d) => d / (d + 40));
  return { d2, factor, df: factor.reduce((a, b) => a + b, 0), lambda: 0.4 };
})();
