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
 * The stale pulls left in place are within the same interval, where the duality gap's terms do not depend
 * on the value (the conjugate is 0 and finite there), so the reported gap is unchanged too. Not used where
 * a coordinate is never screened (a zero penalty factor: the gap's projection then reads every pull).
 */
export class PullBounds {
  /** Σ of the residual's moves so far, and its value when each pull was last computed. */
  private drift = 0;
  private readonly at: Float64Array;
  private readonly norm: Float64Array;

  private constructor(private readonly solver: Bounded, p: number) {
    this.at = new Float64Array(p);
    this.norm = new Float64Array(p);
    for (let j = 0; j < p; j++) this.norm[j] = solver.columnNorm(j);
  }

  /** Bounds for a solver that reports its residual's moves, unless they are switched off or a coordinate is never screened. */
  static of(solver: PointSolver, penalty: Penalty, usable: Uint8Array): PullBounds | null {
    if (!pullBoundsOn || !solver.residualMoved || !solver.columnNorm || solver.rows === undefined) return null;
    for (let j = 0; j < usable.length; j++) if (usable[j] && !(penalty.strongThreshold(j, 1, 1) > 0)) return null;
    return new PullBounds(solver as Bounded, usable.length);
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
  }

  /**
   * The largest change of g_j since it was computed, with room for rounding: the dot products carry
   * relative errors near n·ε, the drift its own; 1e-10 of the column's norm covers both (‖r‖ ≤ ‖ỹ‖ = 1).
   */
  radius(j: number): number {
    const moved = this.drift - this.at[j];
    return moved === 0 ? 0 : this.norm[j] * (moved * (1 + 1e-9) + 1e-10);
  }

  /** Pulls of cols[0..count) have just been computed at the current residual. */
  computed(cols: Int32Array, count: number): void {
    for (let k = 0; k < count; k++) this.at[cols[k]] = this.drift;
  }
}

type Bounded = PointSolver & Required<Pick<PointSolver, "residualMoved" | "columnNorm" | "rows">>;

/** Columns of at least this many bytes are read after a gap at nearly the streaming speed. */
const LONG_COLUMN_BYTES = 32 * 1024;

let pullBoundsOn = true;

/** Pulls left uncomputed so far (tests check that the bounds were used). */
export const pullsSkipped = { count: 0 };

/** Whether the bounds are on (solve/multi/size-bounds.ts reads it too). */
export function pullBoundsEnabled(): boolean {
  return pullBoundsOn;
}

/** Switch the bounds off (every pull computed, as glmnet does) or on; returns the previous setting. Tests run both. */
export function setPullBounds(on: boolean): boolean {
  const previous = pullBoundsOn;
  pullBoundsOn = on;
  return previous;
}
