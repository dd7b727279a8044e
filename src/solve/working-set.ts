import { relativeGap } from "./gap.js";
import { PullBounds } from "./pull-bounds.js";
import type { ResolvedOptions } from "./options.js";
import type { Problem } from "./problem.js";
import type { SolveStatus } from "./solver.js";
import { andersonPoint, WorkingSetSolver } from "./working-set-solver.js";

/** The smallest working set (skglm's p0). */
const WS_MIN = 10;
/** Anderson extrapolation from this many passes' differences (K, as skglm and celer). */
const ANDERSON_K = 5;
/** The inner solve stops at this share of the path's tolerance on the working set's own gap (celer: 0.3). */
const INNER_SHARE = 0.3;
/** Working sets per λ before the λ is given up as unmet (the set doubles each time, so p is reached well before). */
const MAX_OUTER = 60;

/**
 * One λ of the gaussian elastic net solved to a relative duality gap by working sets (Massias, Gramfort &
 * Salmon 2018, celer; Bertrand et al. 2022, skglm): the variables that violate their KKT condition most
 * (or nearly do), with every nonzero and unpenalized one, make a working set at least twice the support
 * and doubling while the gap stays above tolerance; coordinate descent with Anderson extrapolation solves
 * the problem on it to a fraction of the tolerance (its own gap), then the pulls of every variable give
 * the whole problem's gap and the next working set. Same surface as run-path's Certify: solve, gap.
 * Tolerance: gapTol, else thresh (the gap is in units of glmnet's thresh).
 */
export class WorkingSetPath {
  private readonly solver: WorkingSetSolver;
  private readonly tol: number;
  /** Pulls x̃_jᵀr̃ of every usable variable, current while `fresh` (the residual has not moved since). */
  private readonly z: Float64Array;
  private fresh = false;
  private readonly cols: Int32Array;
  private readonly ncols: number;
  /** The pulls a gap computes (the others' bounds keep them inside their price), and their bounds. */
  private readonly some: Int32Array;
  private readonly bounds: PullBounds | null;
  private last: { lambda: number; gap: number } | null = null;
  /** The working set as flags (its own gap's `usable`), and the last K + 1 iterates on it: reused, not reallocated. */
  private readonly mask: Uint8Array;
  private readonly iterates: Float64Array[];
  /** λs whose gap stayed above the tolerance, and the largest such gap. */
  unmet = 0;
  worst = 0;
  /** What an unmet λ's warning says was asked (gapTol, else thresh as a gap), and what was tried before giving up. */
  readonly target: string;
  readonly lastResort = "with every usable variable in the working set";

  constructor(private readonly problem: Problem, opt: ResolvedOptions) {
    if (!(problem.solver instanceof WorkingSetSolver)) throw new Error("WorkingSetPath needs the WorkingSetSolver");
    this.solver = problem.solver;
    this.tol = opt.gapTol ?? opt.thresh;
    this.target = opt.gapTol !== null ? `gapTol ${opt.gapTol}` : `a relative duality gap of thresh (${opt.thresh})`;
    const { p, usable, workspace } = problem;
    this.z = workspace.f64(p);
    this.cols = workspace.i32(p);
    let count = 0;
    for (let j = 0; j < p; j++) if (usable[j]) this.cols[count++] = j;
    this.ncols = count;
    this.some = workspace.i32(p);
    this.bounds = PullBounds.of(this.solver, problem.penalty, usable, workspace);
    // Every pull at the start, where the bounds begin.
    this.bounds?.advance();
    this.solver.gradients(this.cols, count, this.z);
    this.bounds?.computed(this.cols, count, this.z);
    this.fresh = true;
    this.mask = new Uint8Array(p);
    this.iterates = Array.from({ length: ANDERSON_K + 1 }, () => new Float64Array(count));
  }

  /** Solve at λ to the tolerance; `strong` is left flagging the last working set (lambdaPrev is not needed). */
  solve(lam: number, _lambdaPrev: number, strong: Uint8Array): SolveStatus {
    const { solver, tol } = this;
    this.last = null;
    let size = 0;
    let gap = this.fullGap(lam);
    // Each λ takes at least one working set (and so one pass) even when its starting gap is below tol: a
    // loose tol would otherwise leave the previous λ's solution, and the path's early stop would end it.
    const inner = INNER_SHARE * tol;
    for (let outer = 0; outer === 0 || gap > tol; outer++) {
      if (outer === MAX_OUTER) {
        this.unmet++;
        this.worst = Math.max(this.worst, gap);
        break;
      }
      size = this.chooseWorkingSet(lam, 2 * size, strong);
      const status = this.inner(lam, inner);
      if (status !== "converged") return status;
      const before = gap;
      gap = this.fullGap(lam);
      // Rounding: the whole set solved and the gap no longer falls.
      if (size >= this.ncols && !(gap < before)) {
        if (gap > tol) {
          this.unmet++;
          this.worst = Math.max(this.worst, gap);
        }
        break;
      }
    }
    this.last = { lambda: lam, gap };
    return "converged";
  }

  /** The relative gap at λ (the solve's own when at the same λ), to `done`. */
  gap(lambda: number, _strong: Uint8Array, done: (gap: number) => void): void {
    done(this.last !== null && this.last.lambda === lambda ? this.last.gap : this.fullGap(lambda));
  }

  /** Nothing waits: every gap is measured when asked. */
  settle(): void {}

  /**
   * The whole problem's relative gap at λ, from every usable variable's pull (computed once per residual).
   * Outside the working set (β_j = 0) a pull whose bound keeps it within its price adds nothing to the gap
   * and does not move the dual point's scale, so it is left as it was (pull-bounds.ts).
   */
  private fullGap(lam: number): number {
    if (!this.fresh) {
      this.computePulls(lam);
      this.fresh = true;
    }
    return relativeGap(this.solver, this.problem.penalty, lam, this.z, this.problem.usable);
  }

  private computePulls(lam: number): void {
    const { bounds, solver, cols, ncols, some, z } = this;
    if (bounds === null) {
      solver.gradients(cols, ncols, z);
      return;
    }
    const { penalty } = this.problem;
    bounds.advance();
    let count = 0;
    for (let a = 0; a < ncols; a++) {
      const j = cols[a];
      if (solver.inWorkingSet(j) || Math.abs(z[j]) + bounds.radius(j) >= penalty.price(j, lam, 0)) some[count++] = j;
    }
    if (bounds.worthSkipping(count, ncols)) {
      solver.gradients(some, count, z);
      bounds.computed(some, count, z);
    } else {
      solver.gradients(cols, ncols, z);
      bounds.computed(cols, ncols, z);
    }
  }

  /**
   * The working set: every nonzero or unpenalized variable, then the others by how far their pull exceeds
   * its price, |z_j| − λαv_j (celer's and skglm's score; the nearest to violating first when none does),
   * up to max(WS_MIN, twice the forced ones, `atLeast`) in all; flagged in `strong`. Returns its size.
   */
  private chooseWorkingSet(lam: number, atLeast: number, strong: Uint8Array): number {
    const { p, usable, penalty } = this.problem;
    const { beta } = this.solver;
    const forced: number[] = [];
    const rest: number[] = [];
    for (let j = 0; j < p; j++) {
      if (!usable[j]) continue;
      if (beta[j] !== 0 || penalty.price(j, lam, 0) === 0) forced.push(j);
      else rest.push(j);
    }
    const size = Math.max(WS_MIN, 2 * forced.length, atLeast);
    const take = Math.max(0, Math.min(rest.length, size - forced.length));
    const score = (j: number) => Math.abs(this.z[j]) - penalty.price(j, lam, 0);
    const chosen = take === rest.length ? rest : topBy(rest, score, take);
    strong.fill(0);
    for (const j of forced) strong[j] = 1;
    for (const j of chosen) strong[j] = 1;
    const ws: number[] = [];
    for (let j = 0; j < p; j++) if (strong[j]) ws.push(j);
    this.solver.setWorkingSet(ws);
    return ws.length;
  }

  /**
   * Coordinate descent on the working set with Anderson extrapolation every K passes (kept only when it
   * lowers the objective), until the working set's own relative gap is below `tol`, measured at each
   * extrapolation (a pass's worth of pulls).
   */
  private inner(lam: number, tol: number): SolveStatus {
    const { solver } = this;
    const { penalty } = this.problem;
    this.fresh = false;
    const ws = solver.workingSet;
    const m = solver.workingSetSize;
    if (m === 0) return "converged";
    const { mask } = this;
    mask.fill(0);
    for (let a = 0; a < m; a++) mask[ws[a]] = 1;
    const zw = this.z;
    let stored = 0;
    // Once a pass barely moves (dlx ≤ tol), the gap is measured once before the next extrapolation.
    let measured = false;
    for (;;) {
      const dlx = solver.pass(lam);
      if (dlx < 0) return "pmax";
      if (solver.pastMaxit) return "maxit";
      solver.readWorkingSet(this.iterates[stored++]);
      const extrapolated = stored > ANDERSON_K;
      if (extrapolated) {
        this.extrapolate(lam, m);
        stored = 0;
      } else if (dlx > 0 && (dlx > tol || measured)) continue;
      measured = !extrapolated;
      // The working set's own gap: its pulls (z is the whole problem's again only after fullGap).
      solver.gradients(ws, m, zw);
      if (dlx === 0 || relativeGap(solver, penalty, lam, zw, mask) <= tol) return "converged";
    }
  }

  /** β_W moved to the Anderson point of the last K + 1 iterates when that lowers the objective. */
  private extrapolate(lam: number, m: number): void {
    const { solver, iterates } = this;
    const point = andersonPoint(iterates, m);
    if (point === null) return;
    const ws = solver.workingSet;
    for (let a = 0; a < m; a++) point[a] = solver.clamp(ws[a], point[a]);
    const current = iterates[iterates.length - 1];
    const before = solver.objective(lam);
    solver.moveTo(point);
    if (!(solver.objective(lam) < before)) solver.moveTo(current);
  }
}

/** `take` elements of `items` (0 < take < items.length) with the largest scores, ties at the cut in index order. */
function topBy(items: number[], score: (j: number) => number, take: number): number[] {
  if (take <= 0) return [];
  const scores = Float64Array.from(items, score);
  const cut = kthLargest(scores.slice(), take);
  const out: number[] = [];
  for (let a = 0; a < items.length && out.length < take; a++) if (scores[a] > cut) out.push(items[a]);
  for (let a = 0; a < items.length && out.length < take; a++) if (scores[a] === cut) out.push(items[a]);
  return out;
}

/** The k-th largest of v (1 ≤ k ≤ v.length), by quickselect (Hoare), reordering v. */
export function kthLargest(v: Float64Array, k: number): number {
  let lo = 0;
  let hi = v.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = v[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i] > pivot) i++;
      while (v[j] < pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i] = v[j];
        v[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return v[target];
  }
  return v[target];
}
