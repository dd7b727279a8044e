import { DataError } from "../../errors.js";
import type { Family } from "../family.js";
import type { Survival } from "../partial-likelihood.js";
import { stratumIndex } from "../partial-likelihood.js";
import { checkArguments, numericArrayRule, fieldsRule, optional } from "../../data/arguments.js";

/** fishnet's and coxnet's cap on the linear predictor before exp. */
const ETA_MAX_LOG = Math.log(Number.MAX_VALUE * 0.1);
/** coxnet compares the last λ's deviance ratio with the one four λs back (mnl = 5). */
const LOOKBACK = 5;
/** coxnet's early stop: the relative gain over the last four λs below 100·fdev, or devRatio past 0.99. */
const DEV_MAX_COX = 0.99;

const notRowWise = (what: string) => (): never => {
  throw new Error(`${what}: the Cox partial likelihood is not a sum over rows (see model/partial-likelihood.ts)`);
};

/**
 * Cox proportional hazards: −(1/n)·log partial likelihood (Breslow's ties), no intercept; y holds the
 * times (the stop times of (start, stop] rows) and the status, start times and strata come beside it
 * (FitOptions.survival). glmnet's coxnet; the datafit lives in partial-likelihood.ts and its IRLS in
 * solve/cox.ts. η is the log relative risk, exp(η) the relative risk (predict's "response").
 */
export const cox: Family = {
  name: "cox",
  solver: "partial-likelihood",
  link: "log",
  mean: (eta) => Math.exp(eta > ETA_MAX_LOG ? ETA_MAX_LOG : eta),
  // predict(type = "response") of a coxnet fit: the relative risk exp(η).
  response: (eta) => Math.exp(eta),
  variance: (mu) => mu,
  unitDeviance: notRowWise("unitDeviance"),
  nullIntercept: () => 0,
  checkResponse(y) {
    for (let i = 0; i < y.length; i++) {
      const t = y[i];
      if (!Number.isFinite(t)) throw new DataError(`the survival time is not a finite number in row ${i + 1} (${t})`, undefined, i + 1);
      if (!(t > 0)) throw new DataError(`a survival time must be > 0, as glmnet requires; row ${i + 1} has ${t}`, undefined, i + 1);
    }
  },
  offsetProblem: () => null,
  dataWarnings: () => [],
  pathWarnings: () => [],
  earlyStop(dev, fdev) {
    const k = dev.length - 1;
    return dev[k] > DEV_MAX_COX || (dev[k] - dev[k - LOOKBACK + 1]) / dev[k] < 100 * fdev;
  },
  saturated: () => false,
  measures: ["deviance", "C"],
  defaultMeasure: "deviance",
  pointError: notRowWise("pointError"),
  classify: null,
  devianceName: "partial-likelihood deviance",
  outcome: "survival",
  dispersion: false,
  etaWords: (target) => `the log relative hazard of the event (time: ${target})`,
  simulate: null,
};

/**
 * The survival outcome's checks beside the times (cox.checkResponse checks those), each naming the row:
 * status 0/1, start < stop, some event with weight, every stratum with an event, some row at risk at the
 * first event. `weights` as given (all positive rows count). Returns what a person should know.
 */
export function checkSurvival(time: ArrayLike<number>, surv: Survival, weights: ArrayLike<number>): string[] {
  checkArguments("checkSurvival", { time, surv, weights }, { time: numericArrayRule, surv: SURVIVAL, weights: numericArrayRule });
  const n = time.length;
  const warnings: string[] = [];
  const { status, start, strata } = surv;
  if (status.length !== n) throw new DataError(`the status has ${status.length} values but there are ${n} rows`, "status");
  for (let i = 0; i < n; i++) {
    const d = status[i];
    if (d !== 0 && d !== 1) throw new DataError(`the status must be 1 (event) or 0 (censored); row ${i + 1} has ${d}`, "status", i + 1);
  }
  if (start) {
    if (start.length !== n) throw new DataError(`the start times have ${start.length} values but there are ${n} rows`, "start");
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(start[i])) throw new DataError(`the start time is not a finite number in row ${i + 1} (${start[i]})`, "start", i + 1);
      if (!(start[i] < time[i])) throw new DataError(`a (start, stop] row must start before it stops; row ${i + 1} has start ${start[i]} ≥ stop ${time[i]}`, "start", i + 1);
    }
  }
  if (strata && strata.length !== n) throw new DataError(`the strata have ${strata.length} values but there are ${n} rows`, "strata");
  let events = 0;
  for (let i = 0; i < n; i++) if (status[i] === 1 && weights[i] > 0) events++;
  if (events === 0) throw new DataError("no row has an event (status 1): a Cox model has nothing to fit", "status");
  const { index, count } = stratumIndex(n, strata);
  if (strata) {
    const has = new Uint8Array(count);
    for (let i = 0; i < n; i++) if (status[i] === 1 && weights[i] > 0) has[index[i]] = 1;
    const s = has.indexOf(0);
    if (s >= 0) {
      const row = index.indexOf(s);
      warnings.push(`stratum ${strata[row]} (first in row ${row + 1}) has no event: its rows add nothing to the partial likelihood`);
    }
  }
  // Rows that leave before any event of their stratum are in no risk set (glmnet drops them).
  const first = new Float64Array(count).fill(Infinity);
  for (let i = 0; i < n; i++) if (status[i] === 1 && weights[i] > 0) first[index[i]] = Math.min(first[index[i]], time[i]);
  let early = 0, firstEarly = -1;
  for (let i = 0; i < n; i++) {
    if (weights[i] > 0 && time[i] < first[index[i]] && first[index[i]] < Infinity) {
      early++;
      if (firstEarly < 0) firstEarly = i;
    }
  }
  if (early > 0) {
    warnings.push(`${early} row${early === 1 ? " is" : "s are"} censored before the first event${strata ? " of its stratum" : ""} (the first is row ${firstEarly + 1}): they are in no risk set and add nothing`);
  }
  return warnings;
}

/** Survival columns { status, start?, strata? }. */
const SURVIVAL = fieldsRule("survival columns { status, start?, strata? }", { status: numericArrayRule, start: optional(numericArrayRule), strata: optional(numericArrayRule) });
