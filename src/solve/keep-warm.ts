import type { Workspace } from "../linalg/workspace.js";

/**
 * The last path's solver objects, kept until the next path starts, for fits whose workspace is small
 * enough for the thread's pool to keep too (linalg/workspace.ts: 32 MB).
 *
 * Why: optimized code holds the hidden classes ("maps") of the objects it was specialized on only
 * weakly, and a class instance's map is reachable only through its instances. Once a fit's solver,
 * residual, penalty and KKT check are garbage, a full collection frees their maps and throws away the
 * optimized code of every hot method ("deopt: weak objects"), so the next fit re-warms the JIT: on the
 * logistic benchmark (5,000 × 200) each fit after a forced gc() took 287–341 ms CPU against 169–196
 * without one, and 200–232 with the last path kept (one process, load ~10). Large fits, whose memory
 * the pool keeps only weakly, are not kept: their re-warming is small beside the fit.
 */
let kept: unknown = null;

/** Doubles of a workspace whose path is kept (the thread pool's own limit). */
const KEEP_DOUBLES = 4 * 2 ** 20;

/** Keep `state` (the path's objects) alive until the next call; only when its workspace is small. */
export function keepUntilNextPath(state: object, workspace: Workspace): void {
  kept = workspace.capacityDoubles <= KEEP_DOUBLES ? state : null;
}

/** Whether a path's objects are being kept (tests). */
export function pathKept(): boolean {
  return kept !== null;
}
