// Comparing relaxed fits and their cross-validation with glmnet's (relax = TRUE) fixtures.
import assert from "node:assert/strict";

/** The largest relative gap between a and b (an exact zero in b compared absolutely). */
export function relativeGap(a: ArrayLike<number>, b: readonly number[]): number {
  return Math.max(...b.map((v, l) => (v === 0 ? Math.abs(a[l]) : Math.abs(a[l] / v - 1))));
}

/** What a relaxed CV reports, of any family. */
interface RelaxedCv {
  readonly lambda: ArrayLike<number>;
  readonly relaxed?: {
    readonly gamma: readonly number[];
    readonly cvm: readonly ArrayLike<number>[];
    readonly cvsd: readonly ArrayLike<number>[];
    readonly lambdaMin: number;
    readonly gammaMin: number;
    readonly lambda1se: number;
    readonly gamma1se: number;
  };
}

/** What cv.glmnet(relax = TRUE) gave, as the fixtures keep it. */
interface GlmnetRelaxedCv {
  readonly lambda: readonly number[];
  readonly gamma: readonly number[];
  readonly cvm: readonly (readonly number[])[];
  readonly cvsd: readonly (readonly number[])[];
  readonly lambdaMin: number;
  readonly gammaMin: number;
  readonly lambda1se: number;
  readonly gamma1se: number;
}

/** λs, each γ's cvm (1e-8) and cvsd (1e-7), and the (λ, γ) choices as cv.glmnet's. */
export function assertRelaxedCvMatches(res: RelaxedCv, c: GlmnetRelaxedCv): void {
  assert.equal(res.lambda.length, c.lambda.length, "number of λs");
  assert.ok(relativeGap(res.lambda, c.lambda) < 1e-10, "λ");
  const r = res.relaxed!;
  assert.deepEqual(r.gamma, c.gamma);
  c.gamma.forEach((g, i) => {
    const cvm = relativeGap(r.cvm[i], c.cvm[i]), cvsd = relativeGap(r.cvsd[i], c.cvsd[i]);
    assert.ok(cvm < 1e-8, `cvm at γ = ${g}: largest relative gap ${cvm}`);
    assert.ok(cvsd < 1e-7, `cvsd at γ = ${g}: largest relative gap ${cvsd}`);
  });
  assert.deepEqual([r.lambdaMin, r.gammaMin, r.lambda1se, r.gamma1se].map((v) => +v.toPrecision(12)),
    [c.lambdaMin, c.gammaMin, c.lambda1se, c.gamma1se].map((v) => +v.toPrecision(12)), "(λ_min, γ_min, λ_1se, γ_1se)");
}
