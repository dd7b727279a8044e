import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../../src/errors.js";
import { checkSurvival, cox } from "../../../src/model/families/cox.js";
import { coxDeviance, logPartialLikelihood, riskSets, scoreAndCurvature, type Survival } from "../../../src/model/partial-likelihood.js";
import { assertClose, derivative } from "../helpers.js";

/** A small survival data set with tied times, two strata, (start, stop] rows, uneven weights and a censored row before any event. */
const time = Float64Array.from([2, 3, 3, 5, 1, 4, 4, 6, 2, 3, 7, 0.5]);
const surv: Survival = {
  status: Float64Array.from([1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0]),
  start: Float64Array.from([0, 1, 0, 2, 0, 0, 3, 2, 0, 0, 3, 0]),
  strata: Float64Array.from([1, 1, 1, 1, 2, 2, 2, 2, 1, 2, 1, 1]),
};
const w = Float64Array.from([1, 0.5, 2, 1, 1, 1.5, 1, 0.7, 1.2, 1, 0.3, 1]);
const eta = Float64Array.from([0.3, -0.2, 0.5, 0.1, -1, 0.7, 0.2, -0.4, 0.9, 0, -0.6, 0.4]);

/** Breslow's log partial likelihood by its definition: per stratum and event time, events against the risk set. */
function definition(e: ArrayLike<number>, s: Survival = surv): number {
  let ll = 0;
  const seen = new Set<string>();
  for (let i = 0; i < time.length; i++) {
    if (s.status[i] !== 1) continue;
    const key = `${s.strata?.[i]}:${time[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let dk = 0, risk = 0;
    for (let j = 0; j < time.length; j++) {
      if (s.strata && s.strata[j] !== s.strata[i]) continue;
      if (s.status[j] === 1 && time[j] === time[i]) {
        dk += w[j];
        ll += w[j] * e[j];
      }
      if (time[j] >= time[i] && (!s.start || s.start[j] < time[i])) risk += w[j] * Math.exp(e[j]);
    }
    ll -= dk * Math.log(risk);
  }
  return ll;
}

const variants: [string, Survival][] = [
  ["right-censored", { status: surv.status }],
  ["strata", { status: surv.status, strata: surv.strata }],
  ["(start, stop]", { status: surv.status, start: surv.start }],
  ["(start, stop] and strata", surv],
];

test("partial likelihood: Breslow's, by its definition, with ties, strata and (start, stop] rows", () => {
  assert.equal(variants.length, 4);
  for (const [name, s] of variants) {
    const rs = riskSets(time, s, w);
    assertClose(logPartialLikelihood(rs, eta), definition(eta, s), 1e-13, 1, name);
    // Invariant to a shift of η (no intercept), and the deviance is 2(lsat − loglik).
    assertClose(logPartialLikelihood(rs, eta.map((v) => v + 40)), definition(eta, s), 1e-12, 1, `${name}, shifted`);
    assertClose(coxDeviance(rs, eta), 2 * (rs.lsat - definition(eta, s)), 1e-13, 1, `${name}, deviance`);
  }
});

test("partial likelihood: the score is its slope in η_i, the curvature minus the slope of the score", () => {
  for (const [name, s] of variants) {
    const rs = riskSets(time, s, w);
    const n = time.length;
    const scratch = { e: new Float64Array(n), u: new Float64Array(n), b: new Float64Array(n), c: new Float64Array(n) };
    const r = new Float64Array(n), v = new Float64Array(n);
    const at = (i: number, t: number) => Float64Array.from(eta, (e, j) => (j === i ? t : e));
    scoreAndCurvature(rs, eta, r, v, scratch);
    for (let i = 0; i < n; i++) {
      assertClose(r[i], derivative((t) => definition(at(i, t), s), eta[i]), 1e-8, 1e-3, `${name}: score of row ${i + 1}`);
      const score = (t: number) => {
        const ri = new Float64Array(n), vi = new Float64Array(n);
        scoreAndCurvature(rs, at(i, t), ri, vi, scratch);
        return ri[i];
      };
      assertClose(v[i], -derivative(score, eta[i]), 1e-8, 1e-3, `${name}: curvature of row ${i + 1}`);
    }
  }
});

test("partial likelihood: a row censored before its stratum's first event is in no risk set", () => {
  const rs = riskSets(time, { status: surv.status, strata: surv.strata }, w);
  // Row 12 (time 0.5, stratum 1) leaves before stratum 1's first event (time 2).
  assert.equal(rs.last[11], -1);
  const n = time.length;
  const r = new Float64Array(n), v = new Float64Array(n);
  scoreAndCurvature(rs, eta, r, v, { e: new Float64Array(n), u: new Float64Array(n), b: new Float64Array(n), c: new Float64Array(n) });
  assert.equal(r[11], 0);
  assert.equal(v[11], 0);
});

test("cox: no intercept, the relative risk as response, coxnet's early stop", () => {
  assert.equal(cox.solver, "partial-likelihood");
  assert.equal(cox.nullIntercept(time, w, null), 0);
  assertClose(cox.response(0.7), Math.exp(0.7), 1e-15);
  // coxnet: the gain over the last four λs below 100·fdev of the last, or devRatio past 0.99.
  assert.equal(cox.earlyStop([0.1, 0.2, 0.3, 0.4, 0.5], 1e-5), false);
  assert.equal(cox.earlyStop([0.5, 0.5, 0.5, 0.5, 0.5004], 1e-5), true);
  assert.equal(cox.earlyStop([0.9, 0.95, 0.97, 0.98, 0.991], 1e-5), true);
  assert.deepEqual([...cox.measures], ["deviance", "C"]);
  assert.throws(() => cox.unitDeviance(1, 1), /not a sum over rows/);
});

test("cox: bad times, status and intervals are named by their row", () => {
  const bad = (f: () => unknown, pattern: RegExp, row?: number) =>
    assert.throws(f, (e) => e instanceof DataError && pattern.test(e.message) && (row === undefined || e.row === row));
  bad(() => cox.checkResponse([3, 0, 2], [1, 1, 1], false), /must be > 0.*row 2 has 0/, 2);
  bad(() => cox.checkResponse([3, -1, 2], [1, 1, 1], false), /row 2 has -1/, 2);
  bad(() => cox.checkResponse([3, 2, NaN], [1, 1, 1], false), /not a finite number in row 3/, 3);
  const t = [1, 2, 3];
  const ones = [1, 1, 1];
  bad(() => checkSurvival(t, { status: [1, 2, 0] }, ones), /1 \(event\) or 0 \(censored\); row 2 has 2/, 2);
  bad(() => checkSurvival(t, { status: [0, 0, 0] }, ones), /no row has an event/);
  bad(() => checkSurvival(t, { status: [1, 0, 0] }, [0, 1, 1]), /no row has an event/);
  bad(() => checkSurvival(t, { status: [1, 1, 0], start: [0, 2, 1] }, ones), /row 2 has start 2 ≥ stop 2/, 2);
  bad(() => checkSurvival(t, { status: [1, 1] }, ones), /status has 2 values but there are 3 rows/);
});

test("cox: a stratum without events and rows censored before the first event are told, not fatal", () => {
  const warn = checkSurvival([1, 2, 3, 4, 0.5], { status: [1, 0, 1, 0, 0], strata: [1, 1, 1, 2, 1] }, [1, 1, 1, 1, 1]);
  assert.equal(warn.length, 2);
  assert.match(warn[0], /stratum 2 \(first in row 4\) has no event/);
  assert.match(warn[1], /1 row is censored before the first event of its stratum \(the first is row 5\)/);
  assert.deepEqual(checkSurvival([1, 2, 3], { status: [1, 0, 1] }, [1, 1, 1]), []);
});
