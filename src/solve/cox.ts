import { DataError } from "../errors.js";
import { cox } from "../model/families/cox.js";
import { riskSets, scoreAndCurvature, type RiskSets, type Survival } from "../model/partial-likelihood.js";
import { GlmSolver, type WorkingResponse } from "./glm.js";
import type { PointSolver, SolverSettings, SolveStatus } from "./solver.js";
import type { StandardizedDesign } from "./standardize.js";

/**
 * glmnet's coxnet: penalized IRLS on the Cox partial likelihood. Around the current η, −loglik/n is
 * replaced by the quadratic with the diagonal of the information as weights and the score as residual
 * (partial-likelihood.ts); coordinate descent minimises that plus the penalty; repeat. The loop is
 * GlmSolver's (no intercept), fed by the risk sets instead of a family's per-row mean and variance.
 */

/** The Cox datafit as IRLS reads it: score and diagonal information from the risk sets, deviance 2(lsat − loglik). */
export function coxWorkingResponse(rs: RiskSets): WorkingResponse {
  const K = rs.dk.length;
  const scratch = { e: new Float64Array(rs.n), u: new Float64Array(K), b: new Float64Array(K), c: new Float64Array(K) };
  let loglik = 0;
  return {
    update(eta, v, r) {
      const at = scoreAndCurvature(rs, eta, r, v, scratch);
      loglik = at.loglik;
      return at.vsum;
    },
    deviance: () => 2 * (rs.lsat - loglik),
  };
}

/** What a Cox fit reads besides the design: stop times, the survival outcome, weights summing to 1, offset. */
export interface CoxData {
  readonly time: Float64Array;
  readonly survival: Survival;
  readonly w: Float64Array;
  readonly offset: Float64Array | null;
}

/**
 * GlmSolver's loop on the Cox datafit, without its duality gap (which reads a GLM's per-row cumulant):
 * a Cox path reports no gap.
 */
export class CoxSolver implements PointSolver {
  constructor(private readonly irls: GlmSolver) {}
  get beta(): Float64Array { return this.irls.beta; }
  get npasses(): number { return this.irls.npasses; }
  /** The null model's partial-likelihood deviance per unit weight. */
  get nullDev(): number { return this.irls.nullDev; }
  intercept(): number { return 0; }
  solve(lambda: number, strong: Uint8Array): SolveStatus { return this.irls.solve(lambda, strong); }
  gradient(j: number): number { return this.irls.gradient(j); }
  gradients(cols: Int32Array, count: number, out: Float64Array): void { this.irls.gradients(cols, count, out); }
  devRatio(): number { return this.irls.devRatio(); }
  setThreshold(thr: number): void { this.irls.setThreshold(thr); }
}

/** The Cox solver on a (centred) standardized design; its nullDev is the null model's deviance per unit weight. */
export function coxSolver(design: StandardizedDesign, settings: SolverSettings, data: CoxData): CoxSolver {
  const rs = riskSets(data.time, data.survival, data.w);
  const solver = new GlmSolver(design, settings, {
    family: cox, y: data.time, w: data.w, offset: data.offset, intercept: false, working: coxWorkingResponse(rs),
  });
  if (!(solver.nullDev > 0) || !Number.isFinite(solver.nullDev)) {
    const why = Number.isFinite(solver.nullDev)
      ? "every event happens when no other row is at risk, so the order of risks has nothing to explain"
      : "the numbers overflow 64-bit arithmetic: bring the offset to a moderate scale";
    throw new DataError(`the null model's partial-likelihood deviance is ${solver.nullDev}: ${why}`);
  }
  return new CoxSolver(solver);
}
