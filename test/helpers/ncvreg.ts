import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import type { FamilyName } from "../../src/model/family.js";
import { familyOf } from "../../src/model/families/index.js";
import { penaltyOf } from "../../src/model/penalties/index.js";
import { ncvStandardize } from "../../src/solve/ncv-path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import type { Path } from "../../src/solve/types.js";
import { loadNumericCsv } from "./reference.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** An ncvreg reference fit (test/fixtures/ncvreg/, format in its README). */
export interface NcvReference {
  case: string;
  data: string;
  target: string;
  family: FamilyName;
  penalty: "MCP" | "SCAD";
  options: { alpha: number; gamma: number };
  features: string[];
  /** ncvreg's penalty.factor, when not all 1 (held-back cases with unpenalized features). */
  penaltyFactor?: number[];
  lambda: number[];
  intercept: number[];
  coefficients: number[][];
  cv?: { foldid: number[]; measure: string; cvm: number[]; cvsd: number[]; lambdaMin: number };
}

export function loadNcvReference(name: string): NcvReference {
  return JSON.parse(readFileSync(`${root}test/fixtures/ncvreg/${name}.json`, "utf8")) as NcvReference;
}

export function ncvProblem(ref: NcvReference): { x: ModelMatrix; y: Float64Array } {
  const { names, columns } = loadNumericCsv(ref.data);
  const x = modelMatrix(ref.features, ref.features.map((f) => columns[names.indexOf(f)]));
  return { x, y: columns[names.indexOf(ref.target)] };
}

export function ncvOptions(ref: NcvReference) {
  const penaltyFactor = ref.penaltyFactor ? Float64Array.from(ref.penaltyFactor) : undefined;
  return { family: ref.family, penalty: ref.penalty.toLowerCase() as "mcp" | "scad", penaltyGamma: ref.options.gamma, alpha: ref.options.alpha, penaltyFactor };
}

/** β̃_j = β_j·s_j: coefficients on ncvreg's standardized scale. */
export function standardized(x: ModelMatrix, beta: ArrayLike<number>): Float64Array {
  const { scale } = ncvStandardize(x, new Uint8Array(x.p));
  return Float64Array.from(beta, (b, j) => b * scale[j]);
}

/** The penalized objective ncvreg minimises: ½·deviance/n + Σ pen(β̃_j), at (β0, β) on the data's scale. */
export function ncvObjective(x: ModelMatrix, y: Float64Array, ref: NcvReference, a0: number, beta: ArrayLike<number>, lambda: number): number {
  const fam = familyOf(ref.family);
  let dev = 0;
  for (let i = 0; i < x.n; i++) {
    let eta = a0;
    for (let j = 0; j < x.p; j++) eta += beta[j] * x.data[j * x.n + i];
    dev += fam.unitDeviance(y[i], fam.mean(eta));
  }
  const pen = penaltyOf(ref.penalty.toLowerCase() as "mcp" | "scad", {
    alpha: ref.options.alpha, vp: ref.penaltyFactor ? Float64Array.from(ref.penaltyFactor) : new Float64Array(x.p).fill(1), lower: new Float64Array(x.p), upper: new Float64Array(x.p), gamma: ref.options.gamma,
  });
  return dev / (2 * x.n) + pen.value(standardized(x, beta), lambda);
}

/** The path's coefficients at its λ index l, dense. */
export function denseAt(path: Path, l: number): Float64Array {
  return coefficientsAt(path, l);
}
