/**
 * The geometry of two coefficients (TEACHING.md §2, §9): two standardized predictors with
 * correlation ρ, so that XᵀX/n = C = [[1, ρ], [ρ, 1]], and the unpenalized estimate β̂.
 * The squared-error part of the cost is then, up to a constant,
 *
 *     f(β) = ½ (β − β̂)ᵀ C (β − β̂)
 *
 * whose level sets are ellipses around β̂. The penalty is glmnet's elastic net
 * α‖β‖₁ + (1−α)/2 ‖β‖², whose level sets are the L1 diamond (α = 1), the L2 disk (α = 0)
 * or the rounded diamond in between. Pure functions, no DOM: the lab draws them.
 */

import { softThreshold } from "../model/penalties/elastic-net.js";
import { checkArguments, unitInterval, nonNegativeNumber, finiteNumber, numberRule, countRule } from "../data/arguments.js";
import { problemRule, vec2Rule } from "./arguments.js";

/** A point of the plane: (β1, β2). */
export type Vec2 = readonly [number, number];

/** A two-predictor least-squares problem, described by what the picture needs. */
export interface TwoPredictorProblem {
  /** Correlation of the two standardized predictors, strictly between −1 and 1. */
  readonly rho: number;
  /** The unpenalized (least-squares) estimate. */
  readonly betaHat: Vec2;
}

/** Where the penalized cost is smallest, and why. */
export interface Solution2 {
  readonly beta: Vec2;
  /** The penalty weight λ of the Lagrangian form that gives this solution. */
  readonly lambda: number;
  /** The budget t = α‖β‖₁ + (1−α)/2‖β‖² at the solution: the size of the ball it touches. */
  readonly budget: number;
  /** Indices (0, 1) of the coefficients that are exactly zero. */
  readonly zeros: readonly number[];
  /** True when exactly one coefficient is zero: the ellipse touches the ball at a corner on an axis. */
  readonly onCorner: boolean;
}

function checkRho(rho: number): void {
  if (!(Math.abs(rho) < 1)) throw new RangeError(`rho must be strictly between -1 and 1, got ${rho}`);
}

function checkAlpha(alpha: number): void {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
}

/** The squared-error part of the cost, f(β) = ½ (β − β̂)ᵀ C (β − β̂). */
export function squaredError(problem: TwoPredictorProblem, beta: Vec2): number {
  checkArguments("squaredError", { problem, beta }, { problem: problemRule, beta: vec2Rule });
  const d0 = beta[0] - problem.betaHat[0];
  const d1 = beta[1] - problem.betaHat[1];
  return 0.5 * (d0 * d0 + 2 * problem.rho * d0 * d1 + d1 * d1);
}

/** The gradient of f at β: C (β − β̂). Minus this is the pull of the data. */
export function squaredErrorGradient(problem: TwoPredictorProblem, beta: Vec2): Vec2 {
  checkArguments("squaredErrorGradient", { problem, beta }, { problem: problemRule, beta: vec2Rule });
  const d0 = beta[0] - problem.betaHat[0];
  const d1 = beta[1] - problem.betaHat[1];
  return [d0 + problem.rho * d1, problem.rho * d0 + d1];
}

/** The elastic-net penalty α‖β‖₁ + (1−α)/2 ‖β‖² (without λ). */
export function penaltyValue(beta: Vec2, alpha: number): number {
  checkArguments("penaltyValue", { beta, alpha }, { beta: vec2Rule, alpha: unitInterval });
  const l1 = Math.abs(beta[0]) + Math.abs(beta[1]);
  const l2 = beta[0] * beta[0] + beta[1] * beta[1];
  return alpha * l1 + ((1 - alpha) / 2) * l2;
}

/**
 * Points on the ellipse f(β) = level. C has eigenvectors (1, 1)/√2 and (1, −1)/√2 with
 * eigenvalues 1 + ρ and 1 − ρ, so the semi-axes are √(2·level/(1 ± ρ)).
 */
export function errorContour(problem: TwoPredictorProblem, level: number, points = 128): Vec2[] {
  checkArguments("errorContour", { problem, level, points }, { problem: problemRule, level: nonNegativeNumber, points: numberRule({ integer: true, min: 3 }) });
  checkRho(problem.rho);
  const a = Math.sqrt((2 * Math.max(level, 0)) / (1 + problem.rho));
  const b = Math.sqrt((2 * Math.max(level, 0)) / (1 - problem.rho));
  const s = Math.SQRT1_2;
  const out: Vec2[] = [];
  for (let k = 0; k <= points; k++) {
    const theta = (2 * Math.PI * k) / points;
    const u = a * Math.cos(theta);
    const v = b * Math.sin(theta);
    out.push([problem.betaHat[0] + s * (u + v), problem.betaHat[1] + s * (u - v)]);
  }
  return out;
}

/**
 * The radius, in direction (cos θ, sin θ), of the ball α‖β‖₁ + (1−α)/2‖β‖² = t: the positive root
 * of (1−α)/2 r² + α k r − t = 0 with k = |cos θ| + |sin θ|, written so that it holds at α = 0 and 1.
 */
function ballRadius(alpha: number, t: number, theta: number): number {
  const k = Math.abs(Math.cos(theta)) + Math.abs(Math.sin(theta));
  return (2 * t) / (alpha * k + Math.sqrt(alpha * alpha * k * k + 2 * (1 - alpha) * t));
}

/**
 * The boundary of the penalty ball {β : α‖β‖₁ + (1−α)/2‖β‖² ≤ t}, as a closed polygon. The four
 * axis points (the corners of the diamond) are always included so corners are drawn sharp.
 */
export function penaltyBall(alpha: number, t: number, points = 128): Vec2[] {
  checkArguments("penaltyBall", { alpha, t, points }, { alpha: unitInterval, t: nonNegativeNumber, points: numberRule({ integer: true, min: 3 }) });
  checkAlpha(alpha);
  if (t <= 0) return [[0, 0]];
  const quarter = Math.max(1, Math.ceil(points / 4));
  const out: Vec2[] = [];
  for (let q = 0; q < 4; q++) {
    for (let k = 0; k < quarter; k++) {
      const theta = (Math.PI / 2) * (q + k / quarter);
      const r = ballRadius(alpha, t, theta);
      out.push([r * Math.cos(theta), r * Math.sin(theta)]);
    }
  }
  out.push(out[0]);
  return out;
}

/** Soft-thresholding S(z, c) = sign(z)(|z| − c)₊: the lasso's answer for one variable (the solver's own). */
export { softThreshold };

/** Ridge for one standardized variable (or orthonormal columns): β̂ / (1 + λ), never exactly zero. */
export function ridgeShrink(betaHat: number, lambda: number): number {
  checkArguments("ridgeShrink", { betaHat, lambda }, { betaHat: finiteNumber, lambda: nonNegativeNumber });
  return betaHat / (1 + lambda);
}

/** The elastic net for one standardized variable: S(β̂, λα) / (1 + λ(1−α)). */
export function elasticNetOneVariable(betaHat: number, lambda: number, alpha: number): number {
  checkArguments("elasticNetOneVariable", { betaHat, lambda, alpha }, { betaHat: finiteNumber, lambda: nonNegativeNumber, alpha: unitInterval });
  return softThreshold(betaHat, lambda * alpha) / (1 + lambda * (1 - alpha));
}

const KKT_TOL = 1e-12;

/**
 * The minimizer of f(β) + λ[α‖β‖₁ + (1−α)/2‖β‖²], exactly. The cost is ½βᵀAβ − bᵀβ + λα‖β‖₁ with
 * A = C + λ(1−α)I and b = Cβ̂; with two coefficients there are only nine candidate supports and sign
 * patterns, so each is solved in closed form and the one meeting the KKT conditions (§1: pull equals
 * price where β_j ≠ 0, pull at most the price where β_j = 0) is returned.
 */
export function penalizedSolution(problem: TwoPredictorProblem, lambda: number, alpha: number): Solution2 {
  checkArguments("penalizedSolution", { problem, lambda, alpha }, { problem: problemRule, lambda: nonNegativeNumber, alpha: unitInterval });
  checkRho(problem.rho);
  checkAlpha(alpha);
  if (!(lambda >= 0)) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
  const rho = problem.rho;
  const ridge = lambda * (1 - alpha);
  const price = lambda * alpha;
  const a00 = 1 + ridge;
  const a11 = 1 + ridge;
  const a01 = rho;
  const b0 = problem.betaHat[0] + rho * problem.betaHat[1];
  const b1 = rho * problem.betaHat[0] + problem.betaHat[1];
  const scale = Math.max(1, Math.abs(b0), Math.abs(b1));
  const tol = KKT_TOL * scale;

  let best: Vec2 = [0, 0];
  let found = false;
  // Both zero: |b_j| ≤ price for both.
  if (Math.abs(b0) <= price + tol && Math.abs(b1) <= price + tol) {
    best = [0, 0];
    found = true;
  }
  // One nonzero: β_j = S(b_j, price)/A_jj, and the other's pull |b_k − A_kj β_j| ≤ price.
  if (!found) {
    for (const j of [0, 1] as const) {
      const bj = j === 0 ? b0 : b1;
      const bk = j === 0 ? b1 : b0;
      const ajj = j === 0 ? a00 : a11;
      const value = softThreshold(bj, price) / ajj;
      if (value === 0) continue;
      if (Math.abs(bk - a01 * value) <= price + tol) {
        best = j === 0 ? [value, 0] : [0, value];
        found = true;
        break;
      }
    }
  }
  // Both nonzero with signs (s0, s1): A β = b − price·s, and the signs must agree.
  if (!found) {
    const det = a00 * a11 - a01 * a01;
    let bestCost = Infinity;
    for (const s0 of [-1, 1]) {
      for (const s1 of [-1, 1]) {
        const r0 = b0 - price * s0;
        const r1 = b1 - price * s1;
        const x0 = (a11 * r0 - a01 * r1) / det;
        const x1 = (a00 * r1 - a01 * r0) / det;
        if (Math.sign(x0) !== s0 || Math.sign(x1) !== s1) continue;
        const cost = squaredError(problem, [x0, x1]) + lambda * penaltyValue([x0, x1], alpha);
        if (cost < bestCost) {
          bestCost = cost;
          best = [x0, x1];
          found = true;
        }
      }
    }
  }
  if (!found) best = coordinateDescent2(problem, lambda, alpha);
  return describe(best, lambda, alpha);
}

/** Fallback for the boundary cases the tolerance misses: coordinate descent to machine precision. */
function coordinateDescent2(problem: TwoPredictorProblem, lambda: number, alpha: number): Vec2 {
  const rho = problem.rho;
  const b0 = problem.betaHat[0] + rho * problem.betaHat[1];
  const b1 = rho * problem.betaHat[0] + problem.betaHat[1];
  const denom = 1 + lambda * (1 - alpha);
  let x0 = 0;
  let x1 = 0;
  for (let it = 0; it < 100000; it++) {
    const n0 = softThreshold(b0 - rho * x1, lambda * alpha) / denom;
    const n1 = softThreshold(b1 - rho * n0, lambda * alpha) / denom;
    const change = Math.abs(n0 - x0) + Math.abs(n1 - x1);
    x0 = n0;
    x1 = n1;
    if (change <= 1e-15 * (1 + Math.abs(x0) + Math.abs(x1))) break;
  }
  return [x0, x1];
}

function describe(beta: Vec2, lambda: number, alpha: number): Solution2 {
  const zeros = [0, 1].filter((j) => beta[j] === 0);
  return { beta, lambda, budget: penaltyValue(beta, alpha), zeros, onCorner: zeros.length === 1 };
}

/**
 * The minimizer of f(β) subject to α‖β‖₁ + (1−α)/2‖β‖² ≤ t (the constrained form of §9). By Lagrangian
 * duality it is the penalized solution at the λ whose solution uses exactly the budget t; the budget
 * used falls continuously as λ grows, so λ is found by bisection. When β̂ itself fits in the budget
 * the constraint does not bind and λ = 0.
 */
export function constrainedSolution(problem: TwoPredictorProblem, alpha: number, budget: number): Solution2 {
  checkArguments("constrainedSolution", { problem, alpha, budget }, { problem: problemRule, alpha: unitInterval, budget: nonNegativeNumber });
  checkRho(problem.rho);
  checkAlpha(alpha);
  if (!(budget >= 0)) throw new RangeError(`budget must be ≥ 0, got ${budget}`);
  if (penaltyValue(problem.betaHat, alpha) <= budget) return describe(problem.betaHat, 0, alpha);
  let lo = 0;
  let hi = 1;
  while (penalizedSolution(problem, hi, alpha).budget > budget) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) break;
  }
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (penalizedSolution(problem, mid, alpha).budget > budget) lo = mid;
    else hi = mid;
  }
  // hi uses at most the budget: the feasible side, so the point drawn is never outside the ball.
  return penalizedSolution(problem, hi, alpha);
}

/**
 * The fraction of directions of β̂ (on a circle of the given radius around 0) for which the solution
 * with budget t has an exact zero: how often the ellipse lands on a corner. TEACHING.md §9 quotes
 * 66–72 % for L1 and a few percent for L2 in random 2-D problems; this is the same count for the
 * current picture.
 */
export function cornerFraction(rho: number, alpha: number, budget: number, radius: number, directions = 360): number {
  checkArguments("cornerFraction", { rho, alpha, budget, radius, directions }, { rho: numberRule({ min: -1, max: 1 }), alpha: unitInterval, budget: nonNegativeNumber, radius: nonNegativeNumber, directions: numberRule({ integer: true, min: 1 }) });
  let corners = 0;
  for (let k = 0; k < directions; k++) {
    const theta = (2 * Math.PI * (k + 0.5)) / directions;
    const problem = { rho, betaHat: [radius * Math.cos(theta), radius * Math.sin(theta)] as Vec2 };
    if (constrainedSolution(problem, alpha, budget).zeros.length > 0) corners++;
  }
  return corners / directions;
}
