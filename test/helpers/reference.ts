import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";
import type { FamilyName } from "../../src/model/family.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

export interface Reference {
  case: string;
  data: string;
  target: string;
  family: FamilyName;
  options: { alpha: number; standardize: boolean; intercept: boolean; penaltyFactor: Record<string, number>; ignore: string[] | null };
  positiveClass: string | null;
  features: string[];
  lambda: number[];
  intercept: number[];
  coefficients: number[][];
  df: number[];
  devRatio: number[];
  nullDeviance: number;
  cv?: { foldid: number[]; measure: string; cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number };
}

export const REFERENCES = [
  "diabetes_lasso", "diabetes_enet05", "diabetes_ridge", "diabetes_lasso_raw", "quickstart_pf", "quickstart_noint",
  "breast_cancer_lasso", "glmnet_binomial_enet", "glmnet_poisson_lasso",
] as const;

export function loadReference(name: string): Reference {
  return JSON.parse(readFileSync(`${root}test/fixtures/reference/${name}.json`, "utf8")) as Reference;
}

/** A plain numeric CSV (the bundled reference data): header, then numbers. */
export function loadNumericCsv(file: string): { names: string[]; columns: Float64Array[] } {
  const lines = readFileSync(`${root}data/${file}`, "utf8").trim().split(/\r?\n/);
  const names = lines[0].split(",").map((s) => s.replace(/^"|"$/g, ""));
  const columns = names.map(() => new Float64Array(lines.length - 1));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    for (let j = 0; j < names.length; j++) columns[j][i - 1] = Number(cells[j]);
  }
  return { names, columns };
}

/** The reference's data as (x, y), with x's columns in the reference's feature order. */
export function referenceProblem(ref: Reference): { x: ModelMatrix; y: Float64Array } {
  const { names, columns } = loadNumericCsv(ref.data);
  const y = columns[names.indexOf(ref.target)];
  const x = modelMatrix(ref.features, ref.features.map((f) => columns[names.indexOf(f)]));
  return { x, y };
}

/** The reference's glmnet call as fit options (every field set, so it also serves the objective helper). */
export function referenceOptions(ref: Reference): {
  family: FamilyName; alpha: number; standardize: boolean; intercept: boolean; penaltyFactor: number[];
} {
  return {
    family: ref.family, alpha: ref.options.alpha, standardize: ref.options.standardize, intercept: ref.options.intercept,
    penaltyFactor: ref.features.map((f) => ref.options.penaltyFactor[f] ?? 1),
  };
}
