/**
 * The optimizer race (TEACHING.md §8): three tiny solvers for the same penalized least-squares
 * problem, step by step, to show why lasso solvers use soft-thresholding.
 *
 *     cost(β) = ½βᵀAβ − bᵀβ + λ(1−α)/2‖β‖² + λα‖β‖₁
 *
 * - plain subgradient descent, β ← β − γ(∇f + λα·sign(β)), the update people are often taught: near
 *   zero it jumps across by up to γλα every step, so it chatters and lands on 0 only by accident;
 * - proximal gradient, β ← S(β − γ∇f, γλα): exactly zero whenever |β − γ∇f| ≤ γλα;
 * - coordinate descent, the same soft-threshold one coordinate at a time with the exact step.
 *
 * Pure functions over small dense arrays; the lab draws the traces.
 */
import { softThreshold, type TwoPredictorProblem } from "./geometry.js";
import { checkArguments, nonNegativeNumber, unitInterval, optionsRule, numberRule, numbersRule, type Schema } from "../data/arguments.js";
import { quadraticRule, traceRule, problemRule } from "./arguments.js";

/** A smooth quadratic ½βᵀAβ − bᵀβ (A symmetric positive definite, rows as arrays). */
export interface Quadratic {
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
}

/** The solvers a race compares: subgradient descent, proximal gradient, coordinate descent. */
export type RaceSolver = "subgradient" | "proximal" | "coordinate";

/** One step of a race: its number, the iterate β after it and the penalized cost there. */
export interface RaceStep {
  readonly step: number;
  readonly beta: readonly number[];
  /** The full penalized cost at this β (constant of the squared error left out). */
  readonly cost: number;
}

/** A solver's iterates on the one-coefficient lasso, step by step. */
export interface RaceTrace {
  readonly solver: RaceSolver;
  /** γ, the step size (for coordinate descent the exact step 1/A_jj is used instead). */
  readonly stepSize: number;
  /** The start (step 0) and every step after it. */
  readonly steps: readonly RaceStep[];
}

/** Options of a race: the number of steps, the step size γ and the starting point. */
export interface RaceOptions {
  /** Number of steps (for coordinate descent one step updates one coordinate). Default 60. */
  readonly steps?: number;
  /** γ; default 1/L with L an upper bound of the largest eigenvalue of A + λ(1−α)I. */
  readonly stepSize?: number;
  /** Starting point; default b (not 0: a race started at zero would start on the answer it is about). */
  readonly start?: readonly number[];
}

/** The quadratic of the two-predictor picture: f(β) = ½(β − β̂)ᵀC(β − β̂) up to a constant. */
export function quadraticOfTwoPredictors(problem: TwoPredictorProblem): Quadratic {
  checkArguments("quadraticOfTwoPredictors", { problem }, { problem: problemRule });
  const { rho, betaHat } = problem;
  return {
    a: [
      [1, rho],
      [rho, 1],
    ],
    b: [betaHat[0] + rho * betaHat[1], rho * betaHat[0] + betaHat[1]],
  };
}

function p(q: Quadratic): number {
  return q.b.length;
}

/** ∇ of the smooth part, Aβ − b + λ(1−α)β. */
function smoothGradient(q: Quadratic, beta: readonly number[], ridge: number): number[] {
  const g: number[] = [];
  for (let i = 0; i < p(q); i++) {
    let s = -q.b[i] + ridge * beta[i];
    for (let j = 0; j < p(q); j++) s += q.a[i][j] * beta[j];
    g.push(s);
  }
  return g;
}

/** The penalized cost ½βᵀAβ − bᵀβ + λ(1−α)/2‖β‖² + λα‖β‖₁. */
export function raceCost(q: Quadratic, beta: readonly number[], lambda: number, alpha: number): number {
  checkArguments("raceCost", { q, beta, lambda, alpha }, { q: quadraticRule, beta: numbersRule(), lambda: nonNegativeNumber, alpha: unitInterval });
  let quad = 0;
  let lin = 0;
  let l1 = 0;
  let l2 = 0;
  for (let i = 0; i < p(q); i++) {
    for (let j = 0; j < p(q); j++) quad += beta[i] * q.a[i][j] * beta[j];
    lin += q.b[i] * beta[i];
    l1 += Math.abs(beta[i]);
    l2 += beta[i] * beta[i];
  }
  return 0.5 * quad - lin + (lambda * (1 - alpha) * l2) / 2 + lambda * alpha * l1;
}

/**
 * An upper bound of the largest eigenvalue of A + ridge·I (Gershgorin: the largest absolute row sum),
 * so that γ = 1/L is a safe step; exact for the two-predictor matrix [[1, ρ], [ρ, 1]].
 */
export function lipschitzBound(q: Quadratic, ridge = 0): number {
  checkArguments("lipschitzBound", { q, ridge }, { q: quadraticRule, ridge: nonNegativeNumber });
  let best = 0;
  for (let i = 0; i < p(q); i++) {
    let s = ridge;
    for (let j = 0; j < p(q); j++) s += Math.abs(q.a[i][j]);
    best = Math.max(best, s);
  }
  return best;
}

function resolve(q: Quadratic, lambda: number, alpha: number, options: RaceOptions) {
  if (!(lambda >= 0)) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  const ridge = lambda * (1 - alpha);
  const steps = options.steps ?? 60;
  const stepSize = options.stepSize ?? 1 / lipschitzBound(q, ridge);
  if (!(stepSize > 0)) throw new RangeError(`stepSize must be > 0, got ${stepSize}`);
  const start = options.start ? [...options.start] : [...q.b];
  if (start.length !== p(q)) throw new RangeError(`start has ${start.length} values, expected ${p(q)}`);
  return { ridge, price: lambda * alpha, steps, stepSize, start };
}

/** Plain subgradient descent with a fixed step, sign(0) taken as 0 (the usual textbook choice). */
export function subgradientDescent(q: Quadratic, lambda: number, alpha: number, options: RaceOptions = {}): RaceTrace {
  checkArguments("subgradientDescent", { q, lambda, alpha, options }, { q: quadraticRule, lambda: nonNegativeNumber, alpha: unitInterval, options: optionsRule(RACE_OPTIONS) });
  const { ridge, price, steps, stepSize, start } = resolve(q, lambda, alpha, options);
  let beta = start;
  const trace: RaceStep[] = [{ step: 0, beta, cost: raceCost(q, beta, lambda, alpha) }];
  for (let s = 1; s <= steps; s++) {
    const g = smoothGradient(q, beta, ridge);
    beta = beta.map((bj, j) => bj - stepSize * (g[j] + price * Math.sign(bj)));
    trace.push({ step: s, beta, cost: raceCost(q, beta, lambda, alpha) });
  }
  return { solver: "subgradient", stepSize, steps: trace };
}

/** Proximal gradient (ISTA): a gradient step on the smooth part, then soft-thresholding by γλα. */
export function proximalGradient(q: Quadratic, lambda: number, alpha: number, options: RaceOptions = {}): RaceTrace {
  checkArguments("proximalGradient", { q, lambda, alpha, options }, { q: quadraticRule, lambda: nonNegativeNumber, alpha: unitInterval, options: optionsRule(RACE_OPTIONS) });
  const { ridge, price, steps, stepSize, start } = resolve(q, lambda, alpha, options);
  let beta = start;
  const trace: RaceStep[] = [{ step: 0, beta, cost: raceCost(q, beta, lambda, alpha) }];
  for (let s = 1; s <= steps; s++) {
    const g = smoothGradient(q, beta, ridge);
    beta = beta.map((bj, j) => softThreshold(bj - stepSize * g[j], stepSize * price));
    trace.push({ step: s, beta, cost: raceCost(q, beta, lambda, alpha) });
  }
  return { solver: "proximal", stepSize, steps: trace };
}

/**
 * Cyclic coordinate descent: each step minimizes the cost exactly in one coordinate,
 * β_j ← S(b_j − Σ_{k≠j} A_jk β_k, λα) / (A_jj + λ(1−α)) (ESL eq. 3.84).
 */
export function coordinateDescent(q: Quadratic, lambda: number, alpha: number, options: RaceOptions = {}): RaceTrace {
  checkArguments("coordinateDescent", { q, lambda, alpha, options }, { q: quadraticRule, lambda: nonNegativeNumber, alpha: unitInterval, options: optionsRule(RACE_OPTIONS) });
  const { ridge, price, steps, stepSize, start } = resolve(q, lambda, alpha, options);
  let beta = start;
  const trace: RaceStep[] = [{ step: 0, beta, cost: raceCost(q, beta, lambda, alpha) }];
  for (let s = 1; s <= steps; s++) {
    const j = (s - 1) % p(q);
    let partial = q.b[j];
    for (let k = 0; k < p(q); k++) if (k !== j) partial -= q.a[j][k] * beta[k];
    const next = [...beta];
    next[j] = softThreshold(partial, price) / (q.a[j][j] + ridge);
    beta = next;
    trace.push({ step: s, beta, cost: raceCost(q, beta, lambda, alpha) });
  }
  return { solver: "coordinate", stepSize, steps: trace };
}

/** All three solvers from the same start with the same step size. */
export function race(q: Quadratic, lambda: number, alpha = 1, options: RaceOptions = {}): RaceTrace[] {
  checkArguments("race", { q, lambda, alpha, options }, { q: quadraticRule, lambda: nonNegativeNumber, alpha: unitInterval, options: optionsRule(RACE_OPTIONS) });
  return [
    subgradientDescent(q, lambda, alpha, options),
    proximalGradient(q, lambda, alpha, options),
    coordinateDescent(q, lambda, alpha, options),
  ];
}

/** How a trace ended, per coordinate: what the race view reports under each runner. */
export interface Landing {
  readonly solver: RaceSolver;
  readonly final: readonly number[];
  /** For each coordinate, the first step from which it stayed exactly 0 to the end (null: never). */
  readonly zeroFromStep: readonly (number | null)[];
  /** For each coordinate, the number of sign changes over the second half of the trace: chatter. */
  readonly signChanges: readonly number[];
  /** For each coordinate, the largest |β_j| over the second half of the trace. */
  readonly lateAmplitude: readonly number[];
}

/** How a race's trace ended, per coordinate: its final value, the step from which it stayed exactly 0, and its sign changes late in the trace (chatter). */
export function landing(trace: RaceTrace): Landing {
  checkArguments("landing", { trace }, { trace: traceRule });
  const steps = trace.steps;
  const last = steps[steps.length - 1];
  const d = last.beta.length;
  const half = Math.floor(steps.length / 2);
  const zeroFromStep: (number | null)[] = [];
  const signChanges: number[] = [];
  const lateAmplitude: number[] = [];
  for (let j = 0; j < d; j++) {
    let from: number | null = null;
    for (let s = steps.length - 1; s >= 0 && steps[s].beta[j] === 0; s--) from = steps[s].step;
    zeroFromStep.push(from);
    let changes = 0;
    let amplitude = 0;
    for (let s = half; s < steps.length; s++) {
      amplitude = Math.max(amplitude, Math.abs(steps[s].beta[j]));
      if (s > half && Math.sign(steps[s].beta[j]) * Math.sign(steps[s - 1].beta[j]) < 0) changes++;
    }
    signChanges.push(changes);
    lateAmplitude.push(amplitude);
  }
  return { solver: trace.solver, final: last.beta, zeroFromStep, signChanges, lateAmplitude };
}

/** The options every racer takes, each with its rule (RaceOptions). */
const RACE_OPTIONS: Schema<RaceOptions> = {
  steps: numberRule({ integer: true, min: 1 }),
  stepSize: numberRule({ above: 0 }),
  start: numbersRule(),
};
