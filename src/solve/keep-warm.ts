import type { Workspace } from "../linalg/workspace.js";

/**
 * The last path's solver objects, kept until the next path starts: all of them for fits whose workspace is
 * small enough for the thread's pool to keep too (linalg/workspace.ts: 32 MB), only those that hold no view
 * into the workspace's memory (the penalty) for larger fits.
 *
 * Why: optimized code holds the hidden classes ("maps") of the objects it was specialized on only
 * weakly, and a class instance's map is reachable only through its instances. Once a fit's solver,
 * residual, penalty and KKT check are garbage, a full collection frees their maps and throws away the
 * optimized code of every hot method ("deopt: weak objects"), so the next fit re-warms the JIT: on the
 * logistic benchmark (5,000 × 200) each fit after a forced gc() took 287–341 ms CPU against 169–196
 * without one, and 200–232 with the last path kept (one process, load ~10).
 *
 * A large fit's solver, residual, columns and kernels all hold views into its WebAssembly memory (80 MB
 * on the wide benchmark, 500 × 20,000), which keeping them would keep too; of its objects only the
 * penalty is kept, so the penalty's methods (strongThreshold, subdiffDistance, the gap's scanPulls ...)
 * survive, and the rest re-warm: after gc() the wide fit still takes about 130 ms more (bench/README.md,
 * "A forced gc() between fits"). Likewise the code must embed no object made per fit: a closure stored on
 * a solver and called from a hot method is inlined with its context (gaussian.ts's residualMoved once was
 * `() => res.moved!()`), so that each fit's new closure undid the code and a collection freed it even
 * with the path kept; solvers store shared methods instead.
 */
let kept: object | null = null;
/** Whether `kept` is the whole path. */
let whole = false;

/** Doubles of a workspace whose path is kept (the thread pool's own limit). */
const KEEP_DOUBLES = 4 * 2 ** 20;

/**
 * Keep `state` (the path's objects) alive until the next call when its workspace is small; else keep
 * `apart`, those of them that hold nothing of the workspace's memory.
 */
export function keepUntilNextPath(state: object, workspace: Workspace, apart: object): void {
  whole = workspace.capacityDoubles <= KEEP_DOUBLES;
  kept = whole ? state : apart;
}

/** The objects being kept (tests). */
export function keptPath(): object | null {
  return kept;
}

/** Whether a small path's objects are being kept, all of them (tests). */
export function pathKept(): boolean {
  return whole;
}
