import type { Kernels } from "../linalg/kernels.js";
import type { Workspace } from "../linalg/workspace.js";
import type { Penalty } from "../model/penalty.js";
import type { PointSolver } from "./solver.js";

/**
 * Bounds on the pulls of the variables outside the strong set, so that the KKT check and the strong rule
 * compute only the pulls whose value could change their decision. A pull is g_j = x̃_jᵀr for the solver's
 * residual r, so by Cauchy–Schwarz
 *   |g_j(r) − g_j(r₀)| ≤ ‖x̃_j‖·‖r − r₀‖ ≤ ‖x̃_j‖·Σ_t ‖r_{t+1} − r_t‖,
 * the sum over the residual's moves between the checks since g_j was last computed at r₀. When every value
 * in g_j(r₀) ± that radius makes the same decision (no KKT violation: the subdifferential at 0 is an
 * interval; below the strong rule's threshold), the pull is not computed: the decision, and so the path,
 * is exactly glmnet's, iterate for iterate. Each λ's pass over all of X (the KKT check) then reads only
 * the columns near their threshold.
 *
 * Along a path the residual moves nearly on a line from one λ to the next, so where the solver shows its
 * residual (`residual`), the last residuals at which pulls were computed are kept (`Snapshots`), and a
 * pull computed at two of them, r₀ (the later) and r₁, is bounded by the line through them:
 *   |g_j(r) − (g_j(r₀) + a·(g_j(r₁) − g_j(r₀)))| ≤ ‖x̃_j‖·‖r − r₀ − a·(r₁ − r₀)‖  for any a,
 * a the least-squares one. On the wide benchmark (500 × 20,000) the pulls computed fall from 1.0 M to
 * 0.34 M and the reads of every column from 39 to 1 (bench/README.md). Each interval holds the pull's
 * value now; their intersection is used, widened to hold the stale value too.
 *
 * The stale pulls left in place are within the same interval, where the duality gap's terms do not depend
 * on the value (the conjugate is 0 and finite there), so the reported gap is unchanged too. Not used where
 * a coordinate is never screened (a zero penalty factor: the gap's projection then reads every pull).
 */
export class PullBounds {
  /** Σ of the residual's moves so far, and its value when each pull was last computed. */
  private drift = 0;
  private readonly at: Float64Array;
  private readonly norm: Float64Array;
  /** The residuals of the last computations, and each pull's last two (null: the solver keeps none). */
  private readonly lines: Snapshots | null;
  /** The interval `range` found: it holds the pull's value now and the stale one. */
  lo = 0;
  hi = 0;

  /** Its arrays in `ws` (where the scans in WebAssembly read them: column-scan.ts) while it has room. */
  private constructor(private readonly solver: Bounded, p: number, ws: Workspace) {
    this.at = ws.f64(p);
    this.norm = ws.f64(p);
    for (let j = 0; j < p; j++) this.norm[j] = solver.columnNorm(j);
    const ring = snapshotCount(p, solver.rows);
    this.lines = pullLinesOn && solver.residual && ring > 1 ? new Snapshots(p, solver.rows, ring, ws) : null;
  }

  /** Bounds for a solver that reports its residual's moves, unless they are switched off or a coordinate is never screened. */
  static of(solver: PointSolver, penalty: Penalty, usable: Uint8Array, ws: Workspace): PullBounds | null {
    if (!pullBoundsOn || !solver.residualMoved || !solver.columnNorm || solver.rows === undefined) return null;
    for (let j = 0; j < usable.length; j++) if (usable[j] && !(penalty.strongThreshold(j, 1, 1) > 0)) return null;
    return new PullBounds(solver as Bounded, usable.length, ws);
  }

  /** Σ of the residual's moves so far. */
  get moved(): number {
    return this.drift;
  }

  /**
   * The bounds' entries of a scan's layout (wasm/scan.wat: n, ring, at, norm and the lines' arrays): false
   * when one of their arrays is not in the memory `k` addresses.
   */
  layout(head: Int32Array, k: Kernels): boolean {
    head[1] = this.solver.rows;
    head[7] = k.address(this.at);
    head[8] = k.address(this.norm);
    if (head[7] < 0 || head[8] < 0) return false;
    return this.lines === null || this.lines.layout(head, k);
  }

  /**
   * The counters into a scan's layout before it runs in WebAssembly (scan.wat), with the residual of the
   * last `advance` (for `pick`), or, `computed`, the residual now: false when it is not in the memory.
   */
  toLayout(head: Int32Array, k: Kernels, computed: boolean): boolean {
    return this.lines === null || this.lines.toLayout(head, k, computed ? this.solver.residual!() : null);
  }

  /** The counters back from a scan's layout after it ran. */
  fromLayout(head: Int32Array): void {
    this.lines?.fromLayout(head);
  }

  /**
   * Whether computing `count` of the `outside` pulls beats computing them all, in order. Columns read in
   * order stream from memory; skipping some breaks the stream at every short column (4 KB, n = 500: a
   * column read after a gap cost 3.4 times one read in order, bench/_dc.ts), less so at long ones.
   */
  worthSkipping(count: number, outside: number): boolean {
    if (count === outside) return false;
    const gapCost = this.solver.rows * 8 >= LONG_COLUMN_BYTES ? 1.2 : 3.4;
    const worth = count * gapCost < outside;
    if (worth) pullsSkipped.count += outside - count;
    return worth;
  }

  /** Take the residual's move since the last call into the drift (call before reading the bounds). */
  advance(): void {
    this.drift += this.solver.residualMoved();
    this.lines?.advance(this.solver.residual!());
  }

  /**
   * The largest change of g_j since it was computed, with room for rounding: the dot products carry
   * relative errors near n·ε, the drift its own; 1e-10 of the column's norm covers both (‖r‖ ≤ ‖ỹ‖ = 1).
   */
  radius(j: number): number {
    const moved = this.drift - this.at[j];
    return moved === 0 ? 0 : this.norm[j] * (moved * (1 + 1e-9) + 1e-10);
  }

  /** [lo, hi]: g ± radius(j), cut by the line through j's last two computations; g, the stale pull, within. */
  range(j: number, g: number): void {
    const b = this.radius(j);
    this.lo = g - b;
    this.hi = g + b;
    if (b === 0 || this.lines === null || !this.lines.predict(j)) return;
    // Rounding: each of the three pulls (two computed, one as it would be) within 1e-10·‖x̃_j‖, weighted 1, |1 − a|, |a|.
    const { centre, distance, a } = this.lines;
    const R = this.norm[j] * (distance * (1 + 1e-9) + 1e-10 * (2 + 2 * Math.abs(a)));
    if (centre - R > this.lo) this.lo = Math.min(centre - R, g);
    if (centre + R < this.hi) this.hi = Math.max(centre + R, g);
  }

  /** Pulls of cols[0..count) have just been computed at the current residual, into pulls[j]. */
  computed(cols: Int32Array, count: number, pulls: Float64Array): void {
    for (let k = 0; k < count; k++) this.at[cols[k]] = this.drift;
    if (count > 0) this.lines?.computed(this.solver.residual!(), cols, count, pulls);
  }
}

/**
 * The residuals at the last `ring` computations of pulls, and each pull's last two values with the
 * computations they came from; `predict` fits the current residual on the line through two of them.
 */
class Snapshots {
  private readonly kept: Float64Array[] = [];
  /** Computations so far; snapshot s is kept[s mod ring] while s > seq − ring (ring a power of 2). */
  private seq = 0;
  private readonly seq0: Int32Array;
  private readonly seq1: Int32Array;
  private readonly val0: Float64Array;
  private readonly val1: Float64Array;
  /** Fits at the current residual, by pair of slots (s₀·ring + s₁; one slot alone at ring² + s₀), valid while stamped. */
  private readonly fitStamp: Int32Array;
  private readonly fitA: Float64Array;
  private readonly fitE: Float64Array;
  private stamp = 1;
  private r: Float64Array | null = null;
  /** Fits left at this residual: each reads 2n numbers in JavaScript, so at most p/64 of them. */
  private fitsLeft = 0;
  private readonly fitBudget: number;
  /** What predict found: the pull on the line, the residual's distance from it, the line's coefficient. */
  centre = 0;
  distance = 0;
  a = 0;

  /** The kept residuals, slot s at [s·n, (s + 1)·n) of one array (its views in `kept`). */
  private readonly keptAll: Float64Array;

  constructor(p: number, private readonly n: number, private readonly ring: number, ws: Workspace) {
    this.seq0 = ws.i32(p);
    this.seq1 = ws.i32(p);
    this.val0 = ws.f64(p);
    this.val1 = ws.f64(p);
    const fits = ring * ring + ring;
    this.fitStamp = ws.i32(fits);
    this.fitA = ws.f64(fits);
    this.fitE = ws.f64(fits);
    this.fitBudget = Math.ceil(p / 64);
    this.keptAll = ws.f64(ring * n);
    for (let s = 0; s < ring; s++) this.kept.push(this.keptAll.subarray(s * n, (s + 1) * n));
  }

  /** The lines' entries of a scan's layout (see PullBounds.layout). */
  layout(head: Int32Array, k: Kernels): boolean {
    const arrays = [this.seq0, this.seq1, this.val0, this.val1, this.fitStamp, this.fitA, this.fitE, this.keptAll];
    const at = arrays.map((a) => k.address(a));
    head[2] = this.ring;
    head.set(at, 9);
    return at.every((a) => a >= 0);
  }

  /** The residual's address, the last one looked up. */
  private rSeen: Float64Array | null = null;
  private rAt = 0;

  /** The counters into the layout, with `now` or else the residual of the last advance (false: not in the memory). */
  toLayout(head: Int32Array, k: Kernels, now: Float64Array | null): boolean {
    const r = now ?? this.r;
    if (r !== null && r !== this.rSeen) {
      this.rSeen = r;
      this.rAt = k.address(r);
    }
    head[17] = r === null ? 0 : this.rAt;
    head[24] = r === null ? 0 : 1;
    head[18] = this.seq;
    head[19] = this.stamp;
    head[20] = this.fitsLeft;
    return r === null || this.rAt >= 0;
  }

  fromLayout(head: Int32Array): void {
    this.seq = head[18];
    this.stamp = head[19];
    this.fitsLeft = head[20];
  }

  /** The residual is r now (its earlier fits are stale). */
  advance(r: Float64Array): void {
    this.r = r;
    this.stamp++;
    this.fitsLeft = this.fitBudget;
  }

  /** Pulls of cols[0..count) computed at r: keep r, and each pull's value beside its previous one. */
  computed(r: Float64Array, cols: Int32Array, count: number, pulls: Float64Array): void {
    const s = ++this.seq;
    this.kept[s & (this.ring - 1)].set(r);
    this.stamp++;
    const { seq0, seq1, val0, val1 } = this;
    for (let k = 0; k < count; k++) {
      const j = cols[k];
      seq1[j] = seq0[j];
      val1[j] = val0[j];
      seq0[j] = s;
      val0[j] = pulls[j];
    }
  }

  /** Fit the current residual on j's line (or its one kept snapshot): false when none is kept. */
  predict(j: number): boolean {
    const s0 = this.seq0[j], s1 = this.seq1[j], ring = this.ring, mask = ring - 1;
    if (this.r === null || s0 === 0 || this.seq - s0 >= ring) return false;
    const two = s1 !== 0 && this.seq - s1 < ring;
    const key = two ? (s0 & mask) * ring + (s1 & mask) : ring * ring + (s0 & mask);
    if (this.fitStamp[key] !== this.stamp) {
      if (this.fitsLeft === 0) return false;
      this.fitsLeft--;
      const fit = lineFit(this.r, this.kept[s0 & mask], two ? this.kept[s1 & mask] : null);
      this.fitA[key] = fit.a;
      this.fitE[key] = fit.e;
      this.fitStamp[key] = this.stamp;
    }
    this.a = this.fitA[key];
    this.distance = this.fitE[key];
    this.centre = two ? this.val0[j] + this.a * (this.val1[j] - this.val0[j]) : this.val0[j];
    return true;
  }
}

/**
 * a = vᵀu/‖u‖² and at least e = ‖v − a·u‖ = √(‖v‖² − a·vᵀu), v = r − r₀, u = r₁ − r₀ (a = 0 without r₁),
 * in one pass: each sum within n·ε of its terms' absolute sum (Higham, ch. 3), and a·vᵀu ≤ ‖v‖², so
 * 8n·ε·‖v‖² covers the rounding of e².
 */
export function lineFit(r: Float64Array, r0: Float64Array, r1: Float64Array | null): { a: number; e: number } {
  const n = r.length;
  let uu = 0;
  let uv = 0;
  let vv = 0;
  for (let i = 0; i < n; i++) {
    const v = r[i] - r0[i];
    const u = r1 === null ? 0 : r1[i] - r0[i];
    uu += u * u;
    uv += u * v;
    vv += v * v;
  }
  const a = uu > 0 && Number.isFinite(uv / uu) ? uv / uu : 0;
  return { a, e: Math.sqrt(Math.max(0, vv - a * uv) + 8 * n * Number.EPSILON * vv) };
}

/**
 * Residual snapshots kept: a power of 2 up to 32 (the wide benchmark's pulls: 0.46 M at 16), within 16 MB; none where
 * the rows outnumber the columns: a fit reads 2n numbers in JavaScript, a pull n in WebAssembly, and the
 * tall (10,000 × 1,000) and logistic (5,000 × 200) paths were no faster, or 9% slower, with the lines.
 */
function snapshotCount(p: number, rows: number): number {
  const fit = Math.min(32, Math.floor(SNAPSHOT_BYTES / (8 * rows)));
  return p > rows && fit >= 2 ? 2 ** Math.floor(Math.log2(fit)) : 0;
}

const SNAPSHOT_BYTES = 16 * 1024 * 1024;

/** f64s of a workspace the bounds take for p variables and n rows: their p-vectors, the lines' fits and snapshots, aligned. */
export function pullBoundsRoom(n: number, p: number): number {
  const ring = snapshotCount(p, n);
  const fits = ring * ring + ring;
  const lines = ring > 1 ? 2 * p + 2 * Math.ceil(p / 2) + Math.ceil(fits / 2) + 2 * fits + ring * n + 8 : 0;
  return 2 * p + 2 + lines;
}

type Bounded = PointSolver & Required<Pick<PointSolver, "residualMoved" | "columnNorm" | "rows">>;

/** Columns of at least this many bytes are read after a gap at nearly the streaming speed. */
const LONG_COLUMN_BYTES = 32 * 1024;

let pullBoundsOn = true;
let pullLinesOn = true;

/** Pulls left uncomputed so far (tests check that the bounds were used). */
export const pullsSkipped = { count: 0 };

/** Whether the bounds are on (solve/multi/size-bounds.ts reads it too). */
export function pullBoundsEnabled(): boolean {
  return pullBoundsOn;
}

/** Switch the lines through the kept residuals off (the drift alone bounds the pulls) or on; returns the previous setting (tests). */
export function setPullLines(on: boolean): boolean {
  const previous = pullLinesOn;
  pullLinesOn = on;
  return previous;
}

/** Switch the bounds off (every pull computed, as glmnet does) or on; returns the previous setting. Tests run both. */
export function setPullBounds(on: boolean): boolean {
  const previous = pullBoundsOn;
  pullBoundsOn = on;
  return previous;
}
