import { NoSolutionError } from "../errors.js";
import type { Family } from "../model/family.js";
import { checkRecorded, fmt, ordinal } from "./checks.js";
import { ColumnScan, KKT, STRONG } from "./column-scan.js";
import { GapMeter } from "./gap.js";
import { Nonzeros } from "./nonzeros.js";
import { keepUntilNextPath } from "./keep-warm.js";
import { PullBounds } from "./pull-bounds.js";
import type { ResolvedOptions } from "./options.js";
import type { Problem } from "./problem.js";
import type { SolveStatus } from "./solver.js";
import type { Path, SparseCoefficients } from "./types.js";
import { WorkingSetPath } from "./working-set.js";

/** glmnet's stand-in for an infinite λ: the first step of a default path fits the null model. */
const BIG = 9.9e35;
/** Default-path early stop: relative change in devRatio below this, or devRatio above DEV_MAX. */
const SML = 1e-5;
const DEV_MAX = 0.999;
/** The early stop is not considered before this many λs. */
const MIN_LAMBDAS = 5;

/** What a caller may ask of a path beyond its options: to hear its λ sequence once known, to stop early. */
export interface PathProgress {
  /**
   * Called once the whole λ sequence is known (a default path knows it after λ_max, long before its
   * end), with the values the path reports; the path may stop early, so it reports a prefix of them.
   */
  readonly onLambdas?: (lambda: Float64Array) => void;
  /** Stop before the λ of this index (asked at every λ): for a fold, the full-data path's length once known. */
  readonly lambdaLimit?: () => number;
  /**
   * The path is read for its coefficients and warnings alone (a cross-validation fold's): each λ's duality
   * gap is left uncomputed, NaN, unless a gapTol needs it, and on λs given (no early stop reads them) so
   * is each deviance ratio. The iterates are the same.
   */
  readonly forPredictions?: boolean;
}

/** The path's record so far, on the data's scale. */
interface Recorded {
  lambda: number[];
  a0: number[];
  beta: SparseCoefficients[];
  df: number[];
  dev: number[];
  gap: number[];
}

/** What the path says of a problem beyond its numbers: its features and how it was asked for. */
export interface PathLabels {
  readonly names: readonly string[];
  readonly positiveClass: string | null;
  /** Things to say before any λ (the family's warnings about the data, the options' notes). */
  readonly warnings: readonly string[];
}

/**
 * The elastic-net path as glmnet fits it: minimise datafit + λ·penalty for a decreasing sequence of λ,
 * by coordinate descent with warm starts, the sequential strong rule and a KKT check over every
 * screened-out variable (so each solution is exact, not screened); a default sequence starts with the
 * null model and stops early when the fit stops improving.
 */
export function runPath(problem: Problem, opt: ResolvedOptions, labels: PathLabels, progress: PathProgress = {}): Path {
  const { solver, penalty, p, usable, lambdaScale } = problem;
  const warnings = [...labels.warnings];
  const user = opt.userLambda;
  const nlam = user ? user.length : opt.nlambda;
  const alf = user || nlam < 2 ? 1 : Math.pow(opt.lambdaMinRatio, stepExponent(opt, nlam));
  // glmnet turns the change-based stop off (fdev = 0) when any coefficient limit is exactly 0.
  const fdev = opt.lowerLimits.includes(0) || opt.upperLimits.includes(0) ? 0 : SML;
  // The strong set in the workspace, where the scans in WebAssembly read it (column-scan.ts).
  const strong = problem.workspace.u8(p);
  const kkt = new KktCheck(problem, strong);
  // glmnet's GLM solvers (lognet, fishnet) take λ_max from the pulls as last computed: at the null model,
  // or in the KKT check after the first (λ = ∞) fit, which recomputes only the variables outside the
  // strong set. With α = 0 every variable is in it from the start, so λ_max is read at the null model,
  // before the unpenalized variables are fitted; elnet (gaussian) always reads the current pulls.
  const current = new Float64Array(p);
  const lambdaMaxStd = () => {
    if (opt.family.solver !== "least-squares") return penalty.lambdaMax(kkt.grad, usable);
    for (let j = 0; j < p; j++) current[j] = usable[j] ? solver.gradient(j) : 0;
    return penalty.lambdaMax(current, usable);
  };
  const out: Recorded = { lambda: [], a0: [], beta: [], df: [], dev: [], gap: [] };
  // solver "ws": each λ by working sets to its duality gap, in place of the strong rule and KKT check.
  const certify = opt.solver === "ws" ? new WorkingSetPath(problem, opt) : new Certify(problem, kkt, opt);
  // Their hidden classes, and the JIT's code for them, then survive a full collection before the next fit.
  // The record's list of nonzero coefficients (nonzeros.ts), kept with them for the same reason (apart from
  // them too where it holds nothing of the workspace's memory: a large workspace's paths of under 2048 variables).
  const nonzeros = new Nonzeros(problem.workspace, p);
  keepUntilNextPath({ problem, kkt, certify, nonzeros }, problem.workspace, nonzeros.apart ? { penalty, nonzeros } : { penalty });
  // The λ before a user's first: λ_max for elnet; 0 for glmnet's GLM solvers (their strong rule at the
  // first user λ screens at 2αλ₁), so that the iterates, and not only the solutions, are glmnet's.
  let prevLambda = user ? (opt.family.solver !== "least-squares" ? 0 : Math.max(lambdaMaxStd(), user[0] / lambdaScale)) : BIG;
  let lambdaMax = 0;
  let lam = BIG;
  let stopped: Stopped | null = null;
  if (user) progress.onLambdas?.(Float64Array.from(user));
  // On given λs with no usable feature every λ's fit is the intercept alone: said, as a multi-response path
  // says it (not by a cross-validation fold, read for its predictions: the full-data path says it once).
  if (user && !usable.includes(1) && progress.forPredictions !== true) warnings.push("no usable feature (every one constant or excluded): the fit is the intercept alone at every λ");
  const gapUnread = progress.forPredictions === true && opt.gapTol === null;
  // The deviance (a row loop with a log per row for binomial) feeds the early stop, which λs given skip.
  const devRead = !(progress.forPredictions === true && user);

  for (let m = 0; m < nlam; m++) {
    if (progress.lambdaLimit && m >= progress.lambdaLimit()) break;
    if (user) lam = user[m] / lambdaScale;
    else if (m === 0) lam = BIG;
    else if (m === 1) {
      if (!(lambdaMax > 0)) {
        warnings.push(usable.includes(1)
          ? "no penalized variable has any pull on the outcome: the path is the null model alone"
          : "no usable feature (none given, or every one constant or excluded): the fit is the intercept alone");
        break;
      }
      lam = alf * lambdaMax;
      // The strong rule at the first real λ screens against λ_max (glmnet's alm0), not the null fit's BIG.
      prevLambda = lambdaMax;
      progress.onLambdas?.(defaultSequence(lambdaMax, alf, nlam, lambdaScale));
    } else lam *= alf;
    const status = certify.solve(lam, m === 0 && !user ? lam : prevLambda, strong);
    // λ_max is read at the null model (as glmnet reads it, before the next λ): the null fit's gap is at it.
    if (m === 0 && !user) {
      kkt.outsidePulls();
      lambdaMax = lambdaMaxStd();
    }
    const lambdaReported = user ? user[m] : m === 0 ? NaN : lam * lambdaScale;
    // Words only for a λ that stops the path (made at every λ they cost more than a small λ's passes).
    const where = status === "converged" ? "" : `the ${ordinal(m + 1)} λ (${fmt(lambdaReported)})`;
    const diverged = status === "diverged" ? divergedReason(problem, labels, where) : "";
    const stop = status === "converged" ? null : stopWarning(status, where, opt, diverged);
    if (stop !== null && status !== "saturated") {
      warnings.push(stop);
      stopped = { status, at: where, diverged };
      break;
    }
    record(out, problem, lambdaReported, devRead, nonzeros);
    const at = out.gap.push(NaN) - 1;
    if (!gapUnread) certify.gap(m === 0 && !user && lambdaMax > 0 ? lambdaMax : lam, strong, (gap) => { out.gap[at] = gap; });
    checkRecorded(out, m, lambdaReported, opt, { names: labels.names, scale: problem.scale }, devRead);
    if (stop !== null) {
      warnings.push(stop);
      break;
    }
    prevLambda = lam;
    if (user || m + 1 < MIN_LAMBDAS) continue;
    if (out.df[out.df.length - 1] > opt.dfmax) break;
    if (earlyStop(opt.family, out.dev, fdev)) break;
  }
  certify.settle();
  if (out.lambda.length === 0 && stopped !== null) throw noSolution(stopped, opt);
  if (certify.unmet > 0) warnings.push(`${certify.target} was not reached at ${certify.unmet} λ${certify.unmet > 1 ? "s" : ""} (largest gap ${certify.worst.toPrecision(3)}) ${certify.lastResort}: rounding limits the certificate there`);
  warnings.push(...opt.family.pathWarnings(out.dev));
  // A default path reports λ_max as its first λ (the null model's), as glmnet's fix.lam does.
  if (!user && out.lambda.length > 0) out.lambda[0] = (lambdaMax > 0 ? lambdaMax : lambdaMaxStd()) * lambdaScale;
  return pathOf(out, problem, opt, labels, warnings);
}

/**
 * One λ: the variables the strong rule keeps, solved, then the KKT check over every other (a variable
 * whose pull is not within its subdifferential joins, and λ is solved again), until none is left.
 */
class KktCheck {
  /** Pulls, and the list of columns whose pulls a check needs, where the kernels can reach them. */
  readonly grad: Float64Array;
  private readonly cols: Int32Array;
  /** Which pulls can be left uncomputed because no value within their bound changes a decision (pull-bounds.ts). */
  private readonly bounds: PullBounds | null;
  /**
   * The scans over the variables outside the strong set (`strong`, the path's), in WebAssembly where they can
   * be; made when first needed: a solver that runs whole λs (solveLambda) never needs them, and a process's
   * first fit then compiles no scan module.
   */
  private scanMade: ColumnScan | null = null;
  private readonly flags: Uint8Array;

  constructor(private readonly problem: Problem, private readonly strong: Uint8Array) {
    const { p, usable, workspace, solver, penalty } = problem;
    this.grad = workspace.f64(p);
    this.cols = workspace.i32(p);
    let count = 0;
    for (let j = 0; j < p; j++) if (usable[j]) this.cols[count++] = j;
    this.bounds = PullBounds.of(solver, penalty, usable, workspace);
    this.flags = workspace.u8(p);
    this.flags.set(usable);
    this.bounds?.advance();
    solver.gradients(this.cols, count, this.grad);
    // Without bounds there is nothing to note of the pulls computed (ColumnScan.computed).
    if (this.bounds !== null) this.scan.computed(count);
  }

  private get scan(): ColumnScan {
    const { penalty, workspace } = this.problem;
    this.scanMade ??= new ColumnScan({ grad: this.grad, cols: this.cols, strong: this.strong, usable: this.flags }, this.bounds, penalty, workspace);
    return this.scanMade;
  }

  /** Solve at λ, the strong set screened from λ_prev (`strong`, the path's, as the constructor was given it). */
  solve(lam: number, lambdaPrev: number): SolveStatus {
    const { solver } = this.problem;
    // The whole λ in one call where the solver has it (covariance passes in WebAssembly): the same iterates.
    const whole = this.bounds === null ? solver.solveLambda?.(lam, lambdaPrev, this.strong, this.grad) : null;
    if (whole != null) return whole;
    this.screen(lam, lambdaPrev);
    let status = solver.solve(lam, this.strong, true);
    while (status === "converged") {
      if (!this.check(lam)) break;
      status = solver.solve(lam, this.strong);
    }
    return status;
  }

  /** Sequential strong rule (Tibshirani et al. 2012): keep j when |g_j| exceeds the threshold. */
  private screen(lam: number, lambdaPrev: number): void {
    const { bounds, scan } = this;
    const scale = this.problem.penalty.strongScale(lam, lambdaPrev);
    if (bounds) {
      // Pulls whose bound straddles the threshold are computed first (the residual has not moved since the last check).
      bounds.advance();
      let count = scan.pick(STRONG, scale);
      if (!bounds.worthSkipping(count, scan.outside)) count = scan.all();
      this.compute(count);
    }
    scan.mark(scale);
  }

  /** The KKT check over every variable outside the strong set: those that violate it join; true when any did. */
  private check(lam: number): boolean {
    const { bounds, scan } = this;
    const scale = this.problem.penalty.kktScale(lam);
    let count: number;
    if (bounds) {
      bounds.advance();
      count = scan.pick(KKT, scale);
      // Reading every column in order streams X at full speed; reading some of short columns is slower a column.
      if (!bounds.worthSkipping(count, scan.outside)) count = scan.all();
    } else count = scan.all();
    this.compute(count);
    return scan.violations(count, scale);
  }

  /**
   * The pulls of every usable variable outside the strong set at the current solution, as a check without
   * bounds leaves them (its bounds may have skipped some): where glmnet's GLM solvers read λ_max.
   */
  outsidePulls(): void {
    if (!this.bounds) return;
    this.bounds.advance();
    this.compute(this.scan.all());
  }

  /** The pulls of cols[0..count), at the current solution. */
  private compute(count: number): void {
    if (count === 0) return;
    this.problem.solver.gradients(this.cols, count, this.grad);
    this.scan.computed(count);
  }
}

/**
 * The exponent of the ratio between λs, 1/(nlam − 1). coxnet (glmnet's Fortran Cox: right-censored
 * rows in one stratum) computes it from a single-precision literal, so its λs fall by (λ_min ratio)^
 * float32(1/(nlam − 1)); glmnet's cox.path (start times, strata) and the other families in double.
 */
function stepExponent(opt: ResolvedOptions, nlam: number): number {
  const s = opt.survival;
  const coxnet = s !== null && s.start === undefined && (s.strata === undefined || new Set(Array.from(s.strata)).size === 1);
  return coxnet ? Math.fround(1 / (nlam - 1)) : 1 / (nlam - 1);
}

/**
 * A λ's first solve for a gapTol is at this multiple of the thresh the previous λ needed: each tenfold
 * tightening costs a KKT check and a gap more, so starting near the needed thresh saves rounds (logistic
 * benchmark, gapTol 1e-4: 2.2× → 1.6–1.8× the default path's CPU time; 1 instead of 10 was no better
 * beyond the noise of the shared machine, and could only tighten along the path, never loosen).
 */
const WARM_LOOSEN = 10;

/** Below this, lowering thresh further for a gapTol is taken to be rounding's business. */
const THRESH_FLOOR = 1e-30;

/**
 * One λ solved to thresh (glmnet's stop), or, with a gapTol, to its relative duality gap: thresh starts
 * at gapTol and is lowered tenfold, the solve resumed from where it stopped, until the gap is below gapTol.
 */
class Certify {
  private readonly meter: GapMeter;
  private last: { lambda: number; gap: number } | null = null;
  /** λs whose gap stayed above gapTol with thresh at its floor, and the largest such gap. */
  unmet = 0;
  worst = 0;
  /** The thresh at which the previous λ's gap came below gapTol. */
  private reached = Infinity;
  /** What an unmet λ's warning says was asked, and what was tried before giving up. */
  readonly target: string;
  readonly lastResort = `with thresh lowered to ${THRESH_FLOOR}`;

  constructor(private readonly problem: Problem, private readonly kkt: KktCheck, private readonly opt: ResolvedOptions) {
    this.meter = new GapMeter(problem);
    this.target = `gapTol ${opt.gapTol}`;
  }

  solve(lam: number, lambdaPrev: number, strong: Uint8Array): SolveStatus {
    this.last = null;
    const { gapTol } = this.opt;
    const solver = this.problem.solver;
    if (gapTol === null || !solver.setThreshold) {
      const status = this.kkt.solve(lam, lambdaPrev);
      // The previous λ's gap, its pulls read by this λ's passes.
      this.meter.settle();
      return status;
    }
    // Start from the thresh that reached gapTol at the previous λ, loosened once (the path's λs are close).
    let thr = Math.min(gapTol, this.reached * WARM_LOOSEN);
    solver.setThreshold(thr);
    let status = this.kkt.solve(lam, lambdaPrev);
    for (;;) {
      if (status !== "converged") break;
      const gap = this.meter.measure(lam, strong, this.kkt.grad);
      this.last = { lambda: lam, gap };
      if (!(gap > gapTol)) {
        this.reached = thr;
        break;
      }
      if (thr < THRESH_FLOOR) {
        this.unmet++;
        this.worst = Math.max(this.worst, gap);
        break;
      }
      thr /= 10;
      solver.setThreshold(thr);
      status = this.kkt.solve(lam, lambdaPrev);
    }
    return status;
  }

  /**
   * The relative gap of the current solution at λ, to `done`: from the solve's last measure when at the
   * same λ; else, where the solver can, once the next λ's passes have read its pulls (`settle`).
   */
  gap(lambda: number, strong: Uint8Array, done: (gap: number) => void): void {
    if (this.last !== null && this.last.lambda === lambda) return done(this.last.gap);
    this.meter.measureThen(lambda, strong, this.kkt.grad, done);
  }

  /** Finish a gap still waiting for its pulls (at the path's end). */
  settle(): void {
    this.meter.settle();
  }
}

/** Why the path stops at the m-th λ, in words, or null when it goes on. */
function stopWarning(status: SolveStatus, at: string, opt: ResolvedOptions, diverged: string): string | null {
  if (status === "diverged") return `${diverged}; the path is returned up to the λ before it`;
  if (status === "maxit") return `maxit (${opt.maxit} passes) reached at ${at}: the path is returned up to the λ before it`;
  if (status === "pmax") return `more than pmax = ${opt.pmax} variables became nonzero at ${at}: the path is returned up to the λ before it`;
  if (status === "saturated") return `the fitted probabilities are all 0 or 1 at ${at}: the classes are separated, so the path stops here, as glmnet's does`;
  return null;
}

/** Why a solver stopped "diverged" at `at`, naming what overflowed: the first coefficient that is not finite, or the intercept. */
function divergedReason(problem: Problem, labels: PathLabels, at: string): string {
  const beta = problem.solver.beta;
  let what = "the intercept";
  for (let j = 0; j < problem.p; j++) {
    if (!Number.isFinite(beta[j])) {
      what = `the coefficient of ${labels.names[j] ?? `feature ${j + 1}`}`;
      break;
    }
  }
  return `no finite fit exists at ${at}: ${what} grows past the largest 64-bit number, as the rows where it is nonzero are fitted ever closer (classes separated, counts all 0, or weights so small that its curvature underflows to 0) and its penalty does not hold it back`;
}

/** Where and why a path stopped early; `diverged` is divergedReason's, or "". */
interface Stopped {
  readonly status: SolveStatus;
  readonly at: string;
  readonly diverged: string;
}

/** The error for a path stopped at its first λ: nothing was fitted, and an empty path is never a result. */
function noSolution(stopped: Stopped, opt: ResolvedOptions): NoSolutionError {
  if (stopped.status === "diverged") return new NoSolutionError(`no λ was fitted: ${stopped.diverged}; penalize that variable, or leave it out`, "penaltyFactor");
  if (stopped.status === "pmax") {
    return new NoSolutionError(`no λ was fitted: more than pmax = ${opt.pmax} variables are nonzero already at ${stopped.at}; raise pmax`, "pmax");
  }
  return new NoSolutionError(
    `no λ was fitted: coordinate descent did not converge within maxit = ${opt.maxit} passes at ${stopped.at}; raise maxit or thresh (${opt.thresh}), or bring the features to a moderate scale`,
    "maxit",
  );
}

/** The λs a default path reports (λ_max, then λ_max·alf^m), computed as its loop computes them. */
function defaultSequence(lambdaMax: number, alf: number, nlam: number, lambdaScale: number): Float64Array {
  const out = new Float64Array(nlam);
  out[0] = lambdaMax * lambdaScale;
  let lam = lambdaMax;
  for (let m = 1; m < nlam; m++) {
    lam = m === 1 ? alf * lambdaMax : lam * alf;
    out[m] = lam * lambdaScale;
  }
  return out;
}

/**
 * Store the current solution on the data's scale: β_j = β̃_j·s_y/s_j, β0 = ȳ + β̃0 − Σ β_j·x̄_j; its
 * deviance ratio, or NaN where no one reads it (`devRead` false).
 */
function record(out: Recorded, problem: Problem, lambda: number, devRead: boolean, nonzeros: Nonzeros): void {
  const { solver } = problem;
  const beta = solver.beta;
  // The nonzero coefficients' indices in order (in WebAssembly for a wide path: nonzeros.ts), then only they.
  const index = nonzeros.of(beta).slice();
  const nz = index.length;
  const value = new Float64Array(nz);
  let a0 = problem.yMean + solver.intercept();
  for (let c = 0; c < nz; c++) {
    const j = index[c];
    const bj = (beta[j] * problem.lambdaScale) / problem.scale[j];
    value[c] = bj;
    a0 -= bj * problem.mean[j];
  }
  out.lambda.push(lambda);
  out.a0.push(problem.noIntercept ? 0 : a0);
  out.beta.push({ index, value });
  out.df.push(nz);
  out.dev.push(devRead ? solver.devRatio() : NaN);
}

/** glmnet's early stop of a default path: the fit explains nearly everything, or the family's rule. */
function earlyStop(family: Family, dev: readonly number[], fdev = SML): boolean {
  return dev[dev.length - 1] > DEV_MAX || family.earlyStop(dev, fdev);
}

function pathOf(out: Recorded, problem: Problem, opt: ResolvedOptions, labels: PathLabels, warnings: string[]): Path {
  return {
    family: opt.family.name,
    alpha: opt.alpha,
    features: [...labels.names],
    positiveClass: labels.positiveClass,
    lambda: Float64Array.from(out.lambda),
    intercept: Float64Array.from(out.a0),
    beta: out.beta,
    df: Int32Array.from(out.df),
    devRatio: Float64Array.from(out.dev),
    // A solver without a dual point (Cox) has no gap to report.
    ...(problem.solver.dual ? { gap: Float64Array.from(out.gap) } : {}),
    nullDeviance: problem.nullDeviance,
    npasses: problem.solver.npasses,
    hasOffset: opt.offset !== null,
    warnings,
    settings: {
      family: opt.family.name,
      alpha: opt.alpha,
      standardize: opt.standardize,
      intercept: opt.intercept,
      penaltyFactor: Float64Array.from(opt.penaltyFactor, (v, j) => (opt.excluded[j] ? Infinity : v)),
      lowerLimits: opt.lowerLimits,
      upperLimits: opt.upperLimits,
      thresh: opt.thresh,
      maxit: opt.maxit,
      userLambda: opt.userLambda !== null,
      gapTol: opt.gapTol,
    },
  };
}
