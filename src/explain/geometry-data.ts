/**
 * The two-coefficient geometry (geometry.ts) started from two of the user's own variables: their
 * correlation ρ and the least-squares estimate β̂ of the outcome on the two, both standardized (1/n sd) and
 * the outcome divided by its sd as glmnet's gaussian fit does, so that β̂ = C⁻¹·r with r the two
 * correlations with the outcome. On this scale the picture's λ is glmnet's λ divided by sd(y).
 */
import type { ModelMatrix } from "../data/matrix.js";
import { OptionError } from "../errors.js";
import type { TwoPredictorProblem } from "./geometry.js";
import { checkArguments, numericArrayRule, eitherRule, stringValue, countRule } from "../data/arguments.js";
import { matrixRule } from "../data/matrix-rule.js";

/** Two of the user's variables as the two-predictor picture's problem: names, correlations with the outcome and sd(y). */
export interface TwoVariables extends TwoPredictorProblem {
  readonly names: readonly [string, string];
  /** Each variable's correlation with the outcome. */
  readonly correlations: readonly [number, number];
  /** sd(y) (1/n): the picture's λ times this is glmnet's. */
  readonly outcomeScale: number;
}

function column(x: ModelMatrix, feature: string | number): number {
  const j = typeof feature === "number" ? feature : x.names.indexOf(feature);
  if (!Number.isInteger(j) || j < 0 || j >= x.p) throw new OptionError(`feature ${JSON.stringify(feature)} is not one of the ${x.p} features`, "feature");
  return j;
}

/** Mean and 1/n sd of a vector. */
function moments(v: ArrayLike<number>): { mean: number; sd: number } {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i] / v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2 / v.length;
  return { mean: m, sd: Math.sqrt(s) };
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = moments(a), mb = moments(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] - ma.mean) * (b[i] - mb.mean)) / a.length;
  return s / (ma.sd * mb.sd);
}

/** ρ and β̂ = C⁻¹r of two of the user's variables (see the module comment). */
export function twoVariablesProblem(x: ModelMatrix, y: ArrayLike<number>, a: string | number, b: string | number): TwoVariables {
  checkArguments("twoVariablesProblem", { x, y, a, b }, { x: matrixRule, y: numericArrayRule, a: FEATURE, b: FEATURE });
  const ja = column(x, a), jb = column(x, b);
  if (ja === jb) throw new OptionError("the two variables must differ", "feature");
  const xa = x.data.subarray(ja * x.n, (ja + 1) * x.n), xb = x.data.subarray(jb * x.n, (jb + 1) * x.n);
  for (const [j, v] of [[ja, xa], [jb, xb]] as const) if (!(moments(v).sd > 0)) throw new OptionError(`${x.names[j]} is constant: it has no direction to draw`, "feature");
  const sy = moments(y).sd;
  if (!(sy > 0)) throw new OptionError("the outcome is constant: there is nothing to fit", "y");
  const rho = correlation(xa, xb);
  if (!(Math.abs(rho) < 1 - 1e-12)) throw new OptionError(`${x.names[ja]} and ${x.names[jb]} are perfectly correlated (ρ = ${rho}): least squares has no unique estimate`, "feature");
  const ra = correlation(xa, y), rb = correlation(xb, y);
  const det = 1 - rho * rho;
  return {
    rho, betaHat: [(ra - rho * rb) / det, (rb - rho * ra) / det], names: [x.names[ja], x.names[jb]], correlations: [ra, rb], outcomeScale: sy,
  };
}

/** A feature, by name or position. */
const FEATURE = eitherRule("a feature name or a position (an integer ≥ 0)", stringValue, countRule);
