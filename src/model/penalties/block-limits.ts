import { NoSolutionError } from "../../errors.js";

/** The free part's length is solved by Newton's method to this accuracy, in at most this many steps (glmnet.control's prec, mxit). */
const NORM_TOL = 1e-10;
const NORM_STEPS = 100;

/**
 * A block step of the grouped elastic net kept within its coefficients' limits, as glmnet's grouped
 * solvers keep it (mgaussian, grouped multinomial): `out` holds the unlimited step for the block's
 * u = g + xv·β_j (nonzero); while some coefficient lies past a limit, the one furthest past is set at
 * that limit and fixed, and the free ones are refitted for the penalty on the whole block,
 *   β_free = u_free / (xv·(1 + l2/xv + (l1/xv)/‖β_j‖)),
 * ‖β_j‖ taking in the fixed ones (their squares sum to `fixedSq`, the free part's length solved for).
 * A coefficient fixed once is not reconsidered. l1 = λαv_j and l2 = λ(1−α)v_j on the step's scale;
 * lower and upper are read from offset o, K = u.length of them; `fixed` is room for K flags.
 */
export function limitBlock(
  u: ArrayLike<number>, xv: number, l1: number, l2: number, lower: Float64Array, upper: Float64Array, o: number, out: Float64Array, fixed: Uint8Array,
): void {
  const K = u.length;
  const ridge = 1 + l2 / xv, lasso = l1 / xv;
  let freeSq = 0, normSq = 0, fixedSq = 0;
  for (let k = 0; k < K; k++) {
    fixed[k] = 0;
    freeSq += u[k] * u[k];
    normSq += out[k] * out[k];
  }
  for (;;) {
    const k = furthestPast(out, lower, upper, o, K);
    if (k < 0 || fixed[k]) return;
    freeSq -= u[k] * u[k];
    const g = Math.sqrt(Math.abs(freeSq)) / xv;
    const bound = out[k] < lower[o + k] ? lower[o + k] : upper[o + k];
    fixedSq += bound * bound;
    const b = fixedSq === 0 ? Math.max(0, (g - lasso) / ridge) : freeLength(Math.sqrt(Math.abs(normSq - out[k] * out[k])), ridge, lasso, g, fixedSq);
    normSq = fixedSq + b * b;
    if (normSq <= 0) {
      out.fill(0, 0, K);
      return;
    }
    out[k] = bound;
    fixed[k] = 1;
    const f = 1 / (xv * (ridge + lasso / Math.sqrt(normSq)));
    for (let l = 0; l < K; l++) if (!fixed[l]) out[l] = f * u[l];
  }
}

/** The coefficient furthest past one of its limits, or −1 when none is past. */
function furthestPast(b: Float64Array, lower: Float64Array, upper: Float64Array, o: number, K: number): number {
  let worst = 0, at = -1;
  for (let k = 0; k < K; k++) {
    const v = Math.max(b[k] - upper[o + k], lower[o + k] - b[k]);
    if (v > worst) {
      worst = v;
      at = k;
    }
  }
  return at;
}

/**
 * The free part's length b ≥ 0 solving b·(ridge + lasso/z) = g with z = √(b² + fixedSq), by Newton's
 * method from b0 (glmnet's bnorm); 0 as soon as a step lands at or below 0, as glmnet's (its caller then
 * sets the free coefficients for ‖β_j‖ = √fixedSq: not the solve's b, but glmnet's iterates).
 */
function freeLength(b0: number, ridge: number, lasso: number, g: number, fixedSq: number): number {
  let b = b0;
  let zsq = b * b + fixedSq;
  if (zsq <= 0) return 0;
  let z = Math.sqrt(zsq);
  let f = b * (ridge + lasso / z) - g;
  for (let step = 0; step < NORM_STEPS; step++) {
    b -= f / (ridge + (lasso * fixedSq) / (z * zsq));
    zsq = b * b + fixedSq;
    if (zsq <= 0) return 0;
    z = Math.sqrt(zsq);
    f = b * (ridge + lasso / z) - g;
    if (Math.abs(f) <= NORM_TOL) return b;
    if (b <= 0) return 0;
  }
  throw new NoSolutionError(`a block step within the coefficient limits did not converge in ${NORM_STEPS} Newton steps (as glmnet's bnorm): loosen lowerLimits/upperLimits or thresh`, "lowerLimits");
}
