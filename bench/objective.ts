import type { FamilyName } from "../src/model/family.js";
import { relativeDualityGap } from "./gap.js";
import type { BenchData } from "./problems.js";

/** A fitted path as every system hands it back: dense coefficients on the original scale. */
export interface PathCoefficients {
  readonly lambda: Float64Array;
  readonly a0: Float64Array;
  /** L×p, the coefficients at λ_k at [k·p, (k+1)·p). */
  readonly beta: Float64Array;
}

/** 1/n standard deviation (glmnet's standardize). */
function sdN(v: ArrayLike<number>, from: number, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m += v[from + i];
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[from + i] - m) ** 2;
  return Math.sqrt(s / n);
}

/** The per-column and response scales the objective needs, computed once per data set. */
export interface ObjectiveScales {
  readonly xsd: Float64Array;
  readonly xmean: Float64Array;
  readonly ysd: number;
}

export function objectiveScales(data: BenchData): ObjectiveScales {
  const xsd = new Float64Array(data.p);
  const xmean = new Float64Array(data.p);
  for (let j = 0; j < data.p; j++) {
    xsd[j] = sdN(data.x, j * data.n, data.n);
    for (let i = 0; i < data.n; i++) xmean[j] += data.x[j * data.n + i];
    xmean[j] /= data.n;
  }
  return { xsd, xmean, ysd: sdN(data.y, 0, data.n) };
}

/** log(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/**
 * glmnet's penalized objective (unit weights, standardize = TRUE, intercept, no penalty factors):
 *   gaussian: (1/2n)Σ(y − β0 − xβ)² + λ Σ [α|β̃_j| + (1−α)/(2·sd_y)·β̃_j²]
 *   binomial: −(1/n)Σ[y·η − log(1 + e^η)] + λ Σ [α|β̃_j| + (1−α)/2·β̃_j²]
 * with β̃_j = β_j·sd(x_j) (1/n sds): the penalty glmnet minimizes, on the standardized scale.
 * The sd_y in the gaussian ridge term is glmnet's internal scaling of y to unit variance.
 */
export function penalizedObjective(
  data: BenchData, scales: ObjectiveScales, family: FamilyName, alpha: number,
  lambda: number, a0: number, beta: Float64Array, betaOffset: number,
): number {
  const { n, p, x, y } = data;
  const eta = new Float64Array(n).fill(a0);
  let l1 = 0;
  let l2 = 0;
  for (let j = 0; j < p; j++) {
    const b = beta[betaOffset + j];
    if (b === 0) continue;
    const col = j * n;
    for (let i = 0; i < n; i++) eta[i] += b * x[col + i];
    const bs = b * scales.xsd[j];
    l1 += Math.abs(bs);
    l2 += bs * bs;
  }
  let loss = 0;
  if (family === "gaussian") {
    for (let i = 0; i < n; i++) loss += (y[i] - eta[i]) ** 2;
    loss /= 2 * n;
    return loss + lambda * (alpha * l1 + ((1 - alpha) / (2 * scales.ysd)) * l2);
  }
  if (family === "binomial") {
    for (let i = 0; i < n; i++) loss -= y[i] * eta[i] - softplus(eta[i]);
    loss /= n;
    return loss + lambda * (alpha * l1 + ((1 - alpha) / 2) * l2);
  }
  throw new Error(`bench: objective for family ${family} not implemented`);
}

/** Position of λ in a path (relative tolerance 1e-8), or −1. */
export function lambdaIndex(path: PathCoefficients, lambda: number): number {
  for (let k = 0; k < path.lambda.length; k++) {
    if (Math.abs(path.lambda[k] - lambda) <= 1e-8 * lambda) return k;
  }
  return -1;
}

export interface AccuracyReport {
  /** The λs compared: those fitted by every system that produced a path. */
  readonly lambda: number[];
  /** Per system: the largest relative gap of its objective to the best at each compared λ. */
  readonly maxGap: Record<string, number>;
  /** Per system: its objective at each compared λ. */
  readonly objective: Record<string, number[]>;
  /** Per system: how many of its λs were compared. */
  readonly compared: Record<string, string>;
  /** Per system: the largest relative duality gap over its own λs (bench/gap.ts), the same formula for all. */
  readonly dualGap: Record<string, number>;
}

/**
 * At every λ fitted by all systems, each system's objective against the best of them:
 * gap = (f_s − f_best)/|f_best|. Reporting the largest gap over λ means nobody wins by
 * stopping early at a few easy λs.
 */
export function compareAccuracy(
  data: BenchData, family: FamilyName, alpha: number, paths: Record<string, PathCoefficients>,
): AccuracyReport {
  const systems = Object.keys(paths);
  const empty: AccuracyReport = { lambda: [], maxGap: {}, objective: {}, compared: {}, dualGap: {} };
  if (systems.length === 0) return empty;
  const scales = objectiveScales(data);
  // The reference λs: glmnet's (the others are asked for its sequence), else the shortest path's.
  // Only λs every comparable system fitted are compared, so stopping a path early shows as fewer λs.
  const reference = paths.glmnet ?? systems.map((s) => paths[s]).reduce((a, b) => (b.lambda.length < a.lambda.length ? b : a));
  // A system whose λs match none of the reference's (a different sequence) cannot be compared
  // pointwise; it is reported as such instead of emptying the comparison for everyone.
  const comparable = systems.filter((s) => reference.lambda.some((lam) => lambdaIndex(paths[s], lam) >= 0));
  const lambda: number[] = [];
  const objective: Record<string, number[]> = Object.fromEntries(systems.map((s) => [s, []]));
  for (const lam of reference.lambda) {
    const idx = comparable.map((s) => lambdaIndex(paths[s], lam));
    if (idx.some((k) => k < 0)) continue;
    lambda.push(lam);
    comparable.forEach((s, t) => {
      const path = paths[s];
      const k = idx[t];
      objective[s].push(penalizedObjective(data, scales, family, alpha, lam, path.a0[k], path.beta, k * data.p));
    });
  }
  const maxGap: Record<string, number> = Object.fromEntries(systems.map((s) => [s, comparable.includes(s) ? 0 : NaN]));
  for (let k = 0; k < lambda.length; k++) {
    const best = Math.min(...comparable.map((s) => objective[s][k]));
    for (const s of comparable) {
      const gap = (objective[s][k] - best) / Math.abs(best);
      if (gap > maxGap[s]) maxGap[s] = gap;
    }
  }
  const compared = Object.fromEntries(
    systems.map((s) => [s, comparable.includes(s) ? `${lambda.length}/${paths[s].lambda.length}` : `λ differ (0/${paths[s].lambda.length})`]),
  );
  if (lambda.length === 0) for (const s of systems) maxGap[s] = NaN;
  const dualGap = Object.fromEntries(systems.map((s) => [s, largestDualityGap(data, scales, family, alpha, paths[s])]));
  return { lambda, maxGap, objective, compared, dualGap };
}

/** The largest relative duality gap along one system's path (NaN for an empty path). */
export function largestDualityGap(data: BenchData, scales: ObjectiveScales, family: FamilyName, alpha: number, path: PathCoefficients): number {
  let worst = path.lambda.length ? 0 : NaN;
  for (let k = 0; k < path.lambda.length; k++) {
    const g = relativeDualityGap(data, scales, family, alpha, path.lambda[k], path.a0[k], path.beta, k * data.p);
    if (!(g <= worst)) worst = g;
  }
  return worst;
}
