import { solveSpd } from "../linalg/spd.js";
import type { Workspace } from "../linalg/workspace.js";
import type { Penalty } from "../model/penalty.js";
import { GapScan } from "./gap-scan.js";
import type { DualPoint, IrlsDual, LeastSquaresDual, PointSolver } from "./solver.js";

/**
 * The relative duality gap of an elastic-net fit at one λ: a certificate, computed from the solution
 * alone, that its objective is within gap × (the null model's objective) of the optimum.
 *
 * The primal is P(β0, β) = F(Xβ + β0) + Σ_j h_j(β_j), F the datafit (w summing to 1), h_j = λ·pen_j
 * within j's bounds; the Fenchel dual is D(θ) = −F*(−θ) − Σ_j h_j*(x_jᵀθ) over θ with Σθ = 0 (the
 * intercept). For any such θ, by Fenchel–Young term by term,
 *   P − D = Σ_i w_i·B(m_i, η_i) + Σ_j [h_j(β_j) + h_j*(z_j) − β_j·z_j],   z_j = x̃_jᵀθ,
 * where m = y − θ/w is the dual point's "mean" and B(m, η) = b(η) + b*(m) − m·η ≥ 0 the Bregman
 * divergence of the family's cumulant b (½·unit deviance d(m, μ) for a canonical link). The dual point
 * is the residual θ = w(y − μ) at the solution, moved so that Σθ = 0 and the pulls on unpenalized,
 * unbounded coordinates are 0 (to rounding), then scaled by s ≤ 1 into the conjugates' domain (the
 * lasso's |z_j| ≤ λαv_j), as in gap-safe screening (Ndiaye et al. 2017) and celer (Massias et al. 2018).
 *
 * Relative: divided by the null objective's datafit part, half the null deviance (per unit weight),
 * so that it is on the scale of glmnet's thresh. NaN where the gap does not apply: a penalty without a
 * conjugate (not convex), or an IRLS fit with an unpenalized, unbounded coordinate.
 */
export function relativeGap(solver: PointSolver, penalty: Penalty, lambda: number, z: Float64Array, usable: Uint8Array): number {
  const dual: DualPoint | undefined = solver.dual?.();
  return dual ? gapAt(dual, solver.beta, penalty, lambda, z, GapScan.of(penalty, usable)) : NaN;
}

/**
 * relativeGap of a solution given by its dual point and coefficients (as they were when the pulls z were),
 * its scans over the variables by `scans` (gap-scan.ts: in WebAssembly where they can be).
 */
function gapAt(dual: DualPoint, beta: Float64Array, penalty: Penalty, lambda: number, z: Float64Array, scans: GapScan): number {
  if (!penalty.fenchelYoung || !penalty.dualScale) return NaN;
  const gap = dual.kind === "least-squares"
    ? leastSquaresGap(dual, beta, scans, lambda, z)
    : irlsGap(dual, beta, scans, lambda, z);
  return (2 * gap) / dual.nullDev;
}

/**
 * ½‖ỹ − X̃β‖² (rows carry √w, the intercept is in the centring): θ = r̃ − X̃_U·c with c solving
 * (X̃_UᵀX̃_U)c = X̃_Uᵀr̃, so that θ's pulls on U vanish; then B summed is ½‖r̃ − sθ‖²
 * = ½[(1−s)²‖r̃‖² + s(2−s)·cᵀX̃_Uᵀr̃].
 */
function leastSquaresGap(dual: LeastSquaresDual, beta: Float64Array, scans: GapScan, lambda: number, z0: Float64Array): number {
  const usable = scans.usable;
  const { pulled: U, scale } = scans.scanPulls(lambda, z0);
  let z = z0;
  let s = scale;
  let cz = 0;
  if (U.length > 0) {
    z = z0.slice();
    const k = U.length;
    const G = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) G[a * k + b] = G[b * k + a] = dual.cross(U[a], U[b]);
    const c = solveSpd(G, U.map((j) => z[j]));
    if (c === null) return NaN;
    for (let a = 0; a < k; a++) cz += c[a] * z[U[a]];
    for (let j = 0; j < z.length; j++) {
      if (!usable[j]) continue;
      let t = 0;
      for (let a = 0; a < k; a++) t += c[a] * dual.cross(j, U[a]);
      z[j] -= t;
    }
    for (const j of U) z[j] = 0;
    // The largest s ≤ 1 with every h_j*(s·z_j) finite, the pulled coordinates zeroed.
    s = scans.scanPulls(lambda, z).scale;
  }
  const data = 0.5 * ((1 - s) * (1 - s) * Math.max(0, dual.rss) + s * (2 - s) * Math.max(0, cz));
  return data + scans.penaltyGap(beta, lambda, z, s);
}

/**
 * The GLM datafit Σ w_i[b(η_i) − y_i·η_i]: θ = w(y − μ), whose pulls z the path has; the intercept's
 * Σθ = 0 by shifting the dual mean m = μ + c (c = Σθ: X̃'s columns are centred with w, so z does not
 * move), or, where that leaves the mean's domain, by m = μ(η + t) with t the exact intercept step
 * (Newton), its pulls computed afresh.
 */
function irlsGap(dual: IrlsDual, beta: Float64Array, scans: GapScan, lambda: number, z0: Float64Array): number {
  const first = scans.scanPulls(lambda, z0);
  if (first.pulled.length > 0) return NaN;
  const { y, w, mu, eta } = dual;
  const n = y.length;
  const z = z0;
  // The dual mean m_i = μ_i + c (shift c), or m from a rescore; the shifted one is not stored.
  let m = mu;
  let c = 0;
  // The largest s ≤ 1 with every h_j*(s·z_j) finite: the first scan's, unless a rescore moves z.
  let s = first.scale;
  if (dual.intercept) {
    for (let i = 0; i < n; i++) c += w[i] * (y[i] - mu[i]);
    if (!dual.shiftInDomain(mu, w, c)) {
      const t = interceptStep(dual);
      m = dual.rescore(t, z); // overwrites z0, the meter's scratch (in the workspace, where the kernels write)
      c = 0;
      s = scans.scanPulls(lambda, z).scale;
    }
  }
  const data = dual.bregmanSum({ y, w, mean: m, c, s, eta, mu });
  return data + scans.penaltyGap(beta, lambda, z, s);
}

/** t with Σ w_i(y_i − μ(η_i + t)) = 0, by Newton's method on the intercept alone. */
function interceptStep(dual: IrlsDual): number {
  const { y, w, eta } = dual;
  let t = 0;
  for (let it = 0; it < 50; it++) {
    let g = 0, h = 0;
    for (let i = 0; i < y.length; i++) {
      if (w[i] === 0) continue;
      const m = dual.mean(eta[i] + t);
      g += w[i] * (y[i] - m);
      h += w[i] * dual.variance(m);
    }
    if (!(h > 0)) break;
    const step = g / h;
    t += step;
    if (Math.abs(step) <= 1e-15 * (1 + Math.abs(t))) break;
  }
  return t;
}

/** What measuring a path's gap reads of its problem. */
export interface GapProblem {
  readonly solver: PointSolver;
  readonly penalty: Penalty;
  readonly p: number;
  readonly usable: Uint8Array;
  /** Where the pulls are kept, so that the kernels reach them (WebAssembly reads only its memory). */
  readonly workspace: Workspace;
}

/**
 * The relative gap of the current solution at λ, from the pulls on every usable variable: those the KKT
 * check has just computed for the variables outside the strong set (`grad`, current after it), and the
 * solver's for the strong set.
 */
export class GapMeter {
  private readonly z: Float64Array;
  private readonly cols: Int32Array;
  /** The scans over every variable, in WebAssembly where they can be (gap-scan.ts); made when first needed. */
  private scansMade: GapScan | null = null;

  constructor(private readonly problem: GapProblem) {
    this.z = problem.workspace.f64(problem.p);
    this.cols = problem.workspace.i32(problem.p);
  }

  private get scans(): GapScan {
    const { penalty, usable, workspace } = this.problem;
    this.scansMade ??= GapScan.of(penalty, usable, workspace);
    return this.scansMade;
  }

  measure(lambda: number, strong: Uint8Array, grad: Float64Array): number {
    const { solver, penalty } = this.problem;
    this.settle();
    if (!solver.dual || !penalty.fenchelYoung) return NaN;
    const whole = solver.relativeGapAt?.(lambda) ?? null;
    if (whole !== null) return whole;
    const count = this.scans.gather(strong, grad, this.z, this.cols);
    solver.gradients(this.cols, count, this.z);
    return gapAt(solver.dual(), solver.beta, penalty, lambda, this.z, this.scans);
  }

  /**
   * The gap of the current solution at λ, to `done`: now, or, where the solver defers the strong set's pulls
   * to its next passes (`deferPulls`: they read the columns anyway), at `settle` after them, the same number
   * without a read of those columns of its own. One at a time: a gap still waiting is settled first.
   */
  measureThen(lambda: number, strong: Uint8Array, grad: Float64Array, done: (gap: number) => void): void {
    const { solver, penalty, p, workspace } = this.problem;
    this.settle();
    if (!solver.dual || !penalty.fenchelYoung) return done(NaN);
    // The same number in one call where the solver has it (covariance passes in WebAssembly: its pulls are z).
    const whole = solver.relativeGapAt?.(lambda) ?? null;
    if (whole !== null) return done(whole);
    const count = this.scans.gather(strong, grad, this.z, this.cols);
    if (!solver.deferPulls?.(this.cols, count)) {
      solver.gradients(this.cols, count, this.z);
      return done(gapAt(solver.dual(), solver.beta, penalty, lambda, this.z, this.scans));
    }
    // In the workspace, where the scans in WebAssembly read it.
    this.beta ??= workspace.f64(p);
    this.beta.set(solver.beta);
    this.pending = { lambda, dual: solver.dual(), beta: this.beta, done };
  }

  /** Finish the gap measureThen deferred, if any (its pulls computed now where no pass has read them). */
  settle(): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    const { solver, penalty } = this.problem;
    solver.deferredPulls!(this.z);
    pending.done(gapAt(pending.dual, pending.beta, penalty, pending.lambda, this.z, this.scans));
  }

  private pending: { lambda: number; dual: DualPoint; beta: Float64Array; done: (gap: number) => void } | null = null;
  /** The coefficients as they were when the gap's pulls were deferred. */
  private beta: Float64Array | null = null;
}
