/**
 * The lab's state: what a shared link must restore. One object, written to the URL's query string on
 * every change and read back on load. Pure functions (no DOM), so the codec is easy to check.
 */
import { type FamilyName, FAMILIES, isMultiFamilyName, type MultiMeasure } from "../../src/index.js";
import type { DecimalSetting, LabFamily, ThousandsSetting } from "./reading.js";
import { penaltyFromQuery, penaltyToQuery, type PenaltyName } from "./penalty.js";

export const VIEWS = ["paths", "cv", "pull", "drop", "stability", "df", "cost", "standardize", "table", "spectrum", "geometry", "race", "simulate"] as const;
export type ViewId = (typeof VIEWS)[number];

/** The views that show the current data's fit (they share the "Your data" page). */
export const DATA_VIEWS: readonly ViewId[] = ["paths", "cv", "pull", "drop", "stability", "df", "cost", "standardize", "table", "spectrum"];

export type Xvar = "lambda" | "norm" | "dev";
/** The paths' units: the data's own, or per standard deviation of each feature (β_j·sd(x_j)). */
export type PathScale = "original" | "standardized";
export type { LabFamily };

export interface LabState {
  /** A bundled dataset's name (data/NAME.csv), or "upload" for a file the person loaded. */
  readonly dataset: string;
  /** The target column; null: the dataset's default (or the last column). */
  readonly target: string | null;
  /** Cox (the target holds the times): the status column (1 event, 0 censored), and optional start and strata columns. */
  readonly status: string | null;
  readonly start: string | null;
  readonly strata: string | null;
  /** Rows with a missing or unreadable cell in a used column: an error naming the first, or dropped. */
  readonly na: "error" | "drop";
  /** How the file writes numbers: the decimal mark ("auto": "," for a ";"-separated file written so) and thousands separator. */
  readonly decimal: DecimalSetting;
  readonly thousands: ThousandsSetting;
  /** null: chosen from the target (two values: binomial, else gaussian) or the dataset's default. */
  readonly family: LabFamily | null;
  /** Multinomial: one group penalty per variable over its classes (glmnet's type.multinomial = "grouped"). */
  readonly grouped: boolean;
  /** mgaussian: the numeric targets fitted beside the target (with the automatic family, any makes it mgaussian). */
  readonly moreTargets: readonly string[];
  /**
   * Multinomial and mgaussian: the cross-validation's measure (cv --type-measure); null: the family's
   * default. Not in the fit's key: another measure summarizes the same folds again.
   */
  readonly measure: MultiMeasure | null;
  readonly alpha: number;
  readonly standardize: boolean;
  /** The penalty (penalty.ts) and MCP's or SCAD's γ (null: ncvreg's default). */
  readonly penalty: PenaltyName;
  readonly penaltyGamma: number | null;
  /** The current λ; null: λ_1se once the cross-validation is known. */
  readonly lambda: number | null;
  readonly view: ViewId;
  readonly xvar: Xvar;
  readonly scale: PathScale;
  /** glmnet's relax γ for the table's relaxed column: γ·β_lasso + (1−γ)·β_relaxed (0: the unpenalized refit). */
  readonly gamma: number;
  /** Cross-validation: folds and the seed that assigns them (deterministic, so a link reproduces it). */
  readonly nfolds: number;
  readonly seed: number;
  /** Geometry and race: correlation of the two predictors, the unpenalized point, the budget, α there. */
  readonly rho: number;
  readonly betaHat: readonly [number, number];
  readonly budget: number;
  /** Race: λ of the small problem. */
  readonly raceLambda: number;
  /** Simulation: the scenario's name (null: the first). */
  readonly scenario: string | null;
}

export const DEFAULT_STATE: LabState = {
  dataset: "diabetes",
  target: null,
  status: null,
  start: null,
  strata: null,
  na: "error",
  decimal: "auto",
  thousands: "",
  family: null,
  grouped: false,
  moreTargets: [],
  measure: null,
  alpha: 1,
  standardize: true,
  penalty: "lasso",
  penaltyGamma: null,
  lambda: null,
  view: "paths",
  xvar: "lambda",
  scale: "original",
  gamma: 0,
  nfolds: 10,
  seed: 1,
  rho: 0.5,
  betaHat: [2, 0.3],
  budget: 1,
  raceLambda: 0.8,
  scenario: null,
};

/** The relax γs glmnet cross-validates (cv.glmnet's default gamma), offered by the table's control. */
export const RELAX_GAMMAS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** The range of cross-validation folds the lab offers (a link outside it falls back to the default). */
export const MIN_FOLDS = 3;
export const MAX_FOLDS = 50;

/** The measures a link may name (the fit keeps only its family's: multinomial all four, mgaussian mse and mae). */
const MEASURES: readonly MultiMeasure[] = ["deviance", "class", "mse", "mae"];

const DECIMALS: readonly DecimalSetting[] = ["auto", ".", ","];
const THOUSANDS: readonly ThousandsSetting[] = ["", ",", ".", " ", "'"];

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function numberParam(value: string | null, fallback: number, ok: (x: number) => boolean): number {
  if (value === null || value.trim() === "") return fallback;
  const x = Number(value);
  return Number.isFinite(x) && ok(x) ? x : fallback;
}

/** Read the state from a query string; anything missing or invalid falls back to the default. */
export function stateFromQuery(query: string): LabState {
  const q = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const d = DEFAULT_STATE;
  const family = q.get("family");
  const view = q.get("view");
  const xvar = q.get("xvar");
  const bh = (q.get("bhat") ?? "").split(",").map(Number);
  const dataset = q.get("data");
  const lambda = q.get("lambda");
  return {
    dataset: dataset && /^[\w.-]+$/.test(dataset) ? dataset : d.dataset,
    target: q.get("target") || null,
    // The survival columns mean something only for cox: a link naming them for another family drops them.
    status: family === "cox" ? q.get("status") || null : null,
    start: family === "cox" ? q.get("start") || null : null,
    strata: family === "cox" ? q.get("strata") || null : null,
    na: q.get("na") === "drop" ? "drop" : "error",
    decimal: oneOf(q.get("decimal"), DECIMALS, d.decimal),
    thousands: oneOf(q.get("thousands"), THOUSANDS, d.thousands),
    family: FAMILIES.includes(family as FamilyName) || isMultiFamilyName(family ?? "") ? (family as LabFamily) : null,
    grouped: q.get("grouped") === "1",
    moreTargets: q.getAll("more").filter((t) => t !== ""),
    measure: MEASURES.includes(q.get("measure") as MultiMeasure) ? (q.get("measure") as MultiMeasure) : null,
    alpha: numberParam(q.get("alpha"), d.alpha, (x) => x >= 0 && x <= 1),
    standardize: q.has("std") ? q.get("std") !== "0" : d.standardize,
    ...penaltyFromQuery(q),
    lambda: lambda === null ? null : numberParam(lambda, NaN, (x) => x > 0) || null,
    view: (VIEWS as readonly string[]).includes(view ?? "") ? (view as ViewId) : d.view,
    xvar: xvar === "norm" || xvar === "dev" || xvar === "lambda" ? xvar : d.xvar,
    scale: q.get("scale") === "std" ? "standardized" : d.scale,
    gamma: numberParam(q.get("gamma"), d.gamma, (x) => RELAX_GAMMAS.includes(x)),
    nfolds: numberParam(q.get("folds"), d.nfolds, (x) => Number.isInteger(x) && x >= MIN_FOLDS && x <= MAX_FOLDS),
    seed: numberParam(q.get("seed"), d.seed, (x) => Number.isInteger(x)),
    rho: numberParam(q.get("rho"), d.rho, (x) => Math.abs(x) <= 0.99),
    betaHat: bh.length === 2 && bh.every(Number.isFinite) ? [bh[0]!, bh[1]!] : d.betaHat,
    budget: numberParam(q.get("budget"), d.budget, (x) => x > 0),
    raceLambda: numberParam(q.get("rl"), d.raceLambda, (x) => x >= 0),
    scenario: q.get("scenario") || null,
  };
}

/**
 * Write the state as a query string, leaving out what equals the default so links stay short.
 * λ is written with all its digits: a link must restore the exact numbers, not a rounded neighbour.
 */
export function stateToQuery(state: LabState): string {
  const d = DEFAULT_STATE;
  const q = new URLSearchParams();
  q.set("data", state.dataset);
  if (state.target !== null) q.set("target", state.target);
  if (state.na !== d.na) q.set("na", state.na);
  if (state.decimal !== d.decimal) q.set("decimal", state.decimal);
  if (state.thousands !== d.thousands) q.set("thousands", state.thousands);
  if (state.family !== null) q.set("family", state.family);
  if (state.grouped) q.set("grouped", "1");
  for (const t of state.moreTargets) q.append("more", t);
  if (state.measure !== null) q.set("measure", state.measure);
  if (state.family === "cox") {
    if (state.status !== null) q.set("status", state.status);
    if (state.start !== null) q.set("start", state.start);
    if (state.strata !== null) q.set("strata", state.strata);
  }
  if (state.alpha !== d.alpha) q.set("alpha", String(state.alpha));
  if (state.standardize !== d.standardize) q.set("std", state.standardize ? "1" : "0");
  penaltyToQuery(q, state);
  if (state.lambda !== null) q.set("lambda", String(state.lambda));
  q.set("view", state.view);
  if (state.xvar !== d.xvar) q.set("xvar", state.xvar);
  if (state.scale !== d.scale) q.set("scale", "std");
  if (state.gamma !== d.gamma) q.set("gamma", String(state.gamma));
  if (state.nfolds !== d.nfolds) q.set("folds", String(state.nfolds));
  if (state.seed !== d.seed) q.set("seed", String(state.seed));
  if (state.rho !== d.rho) q.set("rho", String(state.rho));
  if (state.betaHat[0] !== d.betaHat[0] || state.betaHat[1] !== d.betaHat[1]) q.set("bhat", state.betaHat.join(","));
  if (state.budget !== d.budget) q.set("budget", String(state.budget));
  if (state.raceLambda !== d.raceLambda) q.set("rl", String(state.raceLambda));
  if (state.scenario !== null) q.set("scenario", state.scenario);
  return `?${q.toString()}`;
}

/** The settings that require a new fit when they change (λ and the view only select). */
export function fitKey(state: LabState): string {
  return JSON.stringify([state.dataset, state.target, state.na, state.decimal, state.thousands, state.family, state.alpha, state.standardize, state.penalty, state.penaltyGamma, state.nfolds, state.seed, ...survivalKey(state), ...multiKey(state)]);
}

/** The survival columns in the fit's key: only cox reads them (so other families keep their old keys). */
function survivalKey(state: LabState): string[] {
  return state.family === "cox" ? [state.status ?? "", state.start ?? "", state.strata ?? ""] : [];
}

/** The multi-response settings in the fit's key: only when set (so other fits keep their old keys). */
function multiKey(state: LabState): string[] {
  return [
    ...(state.grouped ? ["grouped"] : []),
    ...(state.moreTargets.length > 0 ? [`more:${state.moreTargets.join("\u0000")}`] : []),
  ];
}
