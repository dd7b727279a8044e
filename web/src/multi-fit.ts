/**
 * The worker's multinomial and mgaussian fits: the file read by buildMultiDesign (the targets checked
 * cell by cell, an empty one named by its row), the path (its folds then fitted in the page's fold
 * workers, multi-folds.ts) or path and cross-validation by cvMultiPath, with the lab's folds; the CV
 * summarized and measured again; the K response columns explainMulti reads; exact explanations and drop costs.
 */
import { OptionError, cvMultiPath, fitMgaussianPath, fitMultinomialPath, multiFamilyOf, type MultiFamilyName, type MultiMeasure, type MultiCvOptions, type MultiCvResult, type MultiFitOptions, type MultiOutcome, type MultiPath, type Table } from "../../src/index.js";
import { buildMultiDesign, explainMultiAt, multiDropCosts, multiDropPhrase, quote, summarizeMultiCv, type MultiCvPlan, type MultiDesign, type MultiFoldFit } from "../../src/lab.js";
import { pathAndFoldsWork, type MultiFoldsWork } from "./multi-folds.js";
import type { FitRequest, MultiCvMessage, MultiCvRequest, MultiMeasureRequest, MultiDropMessage, MultiDropRequest, MultiExplainRequest, MultiExplainedMessage, MultiFitResponse } from "./protocol.js";
import type { LabFamily } from "./reading.js";

/** What the worker has decided before reading the design: the target, the family and how numbers are written. */
export interface ReadTarget {
  readonly target: string;
  readonly family: LabFamily;
  readonly decimal: "." | ",";
  readonly thousands: FitRequest["thousands"];
}

/** The targets of the fit: the target alone (multinomial), or it and the more targets chosen (mgaussian). */
export function multiTargets(family: MultiFamilyName, target: string, more: readonly string[]): string[] {
  return family === "multinomial" ? [target] : [target, ...more.filter((t, k) => t !== target && more.indexOf(t) === k)];
}

/** The K response columns: row indicators of each class (in the path's order), or the targets' numbers. */
export function responseColumns(design: MultiDesign, classes: readonly string[]): Float64Array[] {
  if (design.y) return design.y;
  const labels = design.labels!;
  return classes.map((c) => Float64Array.from(labels, (l) => (String(l) === c ? 1 : 0)));
}

/**
 * The measure the fit is cross-validated with: the one asked for if it is the family's (cv.glmnet's:
 * multinomial deviance, class, mse, mae; mgaussian mse, mae), else the family's default, said in `notes`.
 */
export function multiMeasure(family: MultiFamilyName, asked: MultiMeasure | null | undefined, notes: string[]): MultiMeasure {
  const { measures, defaultMeasure } = multiFamilyOf(family);
  if (asked === null || asked === undefined) return defaultMeasure;
  if (measures.includes(asked)) return asked;
  notes.push(`${family} is cross-validated with ${measures.join(" or ")}, not ${asked}: the CV shows ${defaultMeasure}.`);
  return defaultMeasure;
}

/**
 * The last fit's cross-validation, kept so another measure re-summarizes it without refitting: its plan
 * and, once the fold workers sent them, the folds' paths (multiCv); or, for a fit whose folds leave a
 * class out (no plan: cvMultiPath runs whole), the outcome and options to run it again.
 */
let kept: { id: number; plan: MultiCvPlan | null; folds: MultiFoldFit[] | null; outcome: MultiOutcome; options: MultiCvOptions } | null = null;

export function fitMultiTable(request: FitRequest, table: Table, read: ReadTarget & { family: MultiFamilyName; notes: string[] }): MultiFitResponse {
  const { family, target, notes } = read;
  if (request.penalty !== "lasso") {
    throw new OptionError(`${family} is fitted with the lasso and elastic net penalties only (glmnet's): choose Penalty lasso or elastic net`, "penalty");
  }
  const targets = multiTargets(family, target, request.moreTargets ?? []);
  const design = buildMultiDesign(table, { family, targets, na: request.na, decimal: read.decimal, thousands: read.thousands });
  if (design.droppedRows > 0) notes.push(`${design.droppedRows} row${design.droppedRows === 1 ? "" : "s"} of ${table.rows} with a missing or unreadable cell ${design.droppedRows === 1 ? "was" : "were"} dropped.`);
  const options: MultiFitOptions = { alpha: request.alpha, standardize: request.standardize, ...(family === "multinomial" && request.grouped ? { grouped: true } : {}) };
  const outcome: MultiOutcome = family === "multinomial" ? { family, labels: design.labels! } : { family, y: design.y! };
  const t0 = performance.now();
  let path: MultiPath;
  let cv: MultiFitResponse["cv"] = null;
  let cvError: string | null = null;
  let folds: MultiFoldsWork | null = null;
  const cvNotes: string[] = [];
  try {
    const measure = multiMeasure(family, request.measure, notes);
    const cvOptions = { ...options, nfolds: request.nfolds, seed: request.seed, measure, ...(family === "mgaussian" ? { responses: targets } : {}) };
    // The path now, its folds in the page's fold workers (multi-folds.ts); a fold that leaves a class out here.
    const split = pathAndFoldsWork(design.x, outcome, cvOptions);
    kept = { id: request.id, plan: split?.plan ?? null, folds: null, outcome, options: cvOptions };
    if (split) {
      path = split.path;
      folds = split.work;
    } else {
      const { path: fitted, warnings, ...summary } = cvMultiPath(design.x, outcome, cvOptions);
      path = fitted;
      cv = summary;
      cvNotes.push(...warnings);
    }
  } catch (error) {
    // The path's own error (a class of one row, say) is the fit's: fitting it alone throws it again.
    path = family === "multinomial" ? fitMultinomialPath(design.x, design.labels!, options) : fitMgaussianPath(design.x, design.y!, { ...options, responses: targets });
    cvError = `No cross-validation: ${(error as Error).message}`;
  }
  const fitMs = performance.now() - t0;
  if (family === "mgaussian" && targets.length === 1) notes.push(`mgaussian with the one target ${quote(target)} is gaussian with a group penalty of one; choose More targets to fit several together.`);
  return {
    type: "multi-fitted",
    id: request.id,
    dataName: request.source.name,
    columns: table.names,
    target,
    targets,
    family,
    x: design.x,
    y: responseColumns(design, path.classes),
    path,
    cv,
    cvError,
    folds,
    fitMs,
    notes: [...notes, ...table.warnings, ...design.warnings, ...path.warnings, ...cvNotes],
  };
}

/**
 * Data above this size (n·p·K·folds) get the drop costs in training deviance only: each kept variable's
 * held-out cost is a cross-validation of its own.
 */
export const DROP_CV_LIMIT = 4_000_000;

/**
 * The drop costs at the request's λ of a multi-response fit: refits without each kept variable, their
 * rise in training deviance and, with the fit's folds and measure, in cross-validated error.
 */
export function multiDrop(fit: MultiFitResponse, request: MultiDropRequest): MultiDropMessage {
  const base = { type: "multi-dropped" as const, id: request.id, fitId: request.fitId, lambda: request.lambda };
  const cv = fit.cv && fit.x.n * fit.x.p * fit.path.classes.length * (Math.max(...fit.cv.foldid) + 1) <= DROP_CV_LIMIT ? { foldid: fit.cv.foldid, measure: fit.cv.measure } : undefined;
  try {
    const costs = multiDropCosts(fit.path, { x: fit.x, y: fit.y }, { lambda: request.lambda, ...(cv ? { cv } : {}) });
    const rows = costs.costs.map((c) => ({ feature: c.feature, deviance: c.deviance, share: c.devianceShare, cv: c.cv, pullRatio: c.pullRatio, words: multiDropPhrase(c, costs, fit.path) }));
    return { ...base, rows, measure: costs.measure, error: null };
  } catch (error) {
    return { ...base, rows: [], measure: null, error: (error as Error).message };
  }
}

/** The explanation at the request's λ with the coefficients refitted there (exact between the path's λs). */
export function multiExplain(fit: MultiFitResponse, request: MultiExplainRequest): MultiExplainedMessage {
  const base = { type: "multi-explained" as const, id: request.id, fitId: request.fitId, lambda: request.lambda };
  try {
    return { ...base, explanation: explainMultiAt(fit.path, { x: fit.x, y: fit.y }, request.lambda), error: null };
  } catch (error) {
    return { ...base, explanation: null, error: (error as Error).message };
  }
}

/** A summary without its path and warnings: what the page keeps of a cross-validation. */
function summary(result: MultiCvResult): { cv: NonNullable<MultiFitResponse["cv"]>; warnings: string[] } {
  const { path: _path, warnings, ...cv } = result;
  return { cv, warnings: [...warnings] };
}

/**
 * The cross-validation of the fit from its folds' paths (fitted in the fold workers): the held-out rows
 * predicted and summarized as cvMultiPath does, with the measure the page shows now; the fit, kept by
 * the worker, then carries it.
 */
export function multiCv(fit: MultiFitResponse, request: MultiCvRequest): { message: MultiCvMessage; fit: MultiFitResponse } {
  const base = { type: "multi-cv" as const, id: request.fitId };
  const plan = kept?.id === fit.id ? kept.plan : null;
  if (!plan) return { message: { ...base, cv: null, warnings: [], error: "the fit's cross-validation plan is gone (a newer fit replaced it)" }, fit };
  try {
    const K = fit.path.classes.length;
    const identity = Int32Array.from({ length: K }, (_, k) => k);
    const folds = [...request.folds].sort((a, b) => a.fold - b.fold).map((f) => ({ fold: f.fold, path: f.path, map: identity }));
    if (folds.length !== plan.nfolds || folds.some((f, i) => f.fold !== i + 1)) throw new Error(`expected the paths of folds 1 to ${plan.nfolds}, got folds ${folds.map((f) => f.fold).join(", ")}`);
    kept!.folds = folds;
    const measure = multiMeasure(fit.family, request.measure, []);
    const { cv, warnings } = summary(summarizeMultiCv(fit.x, { ...plan, measure }, fit.path, folds, [...plan.warnings]));
    return { message: { ...base, cv, warnings, error: null }, fit: { ...fit, cv, folds: null } };
  } catch (error) {
    return { message: { ...base, cv: null, warnings: [], error: (error as Error).message }, fit };
  }
}

/**
 * The fit's cross-validation with another measure: its folds' paths summarized again (the path and the
 * folds are not refitted); a fit whose folds leave a class out runs cvMultiPath again.
 */
export function multiMeasureCv(fit: MultiFitResponse, request: MultiMeasureRequest): { message: MultiCvMessage; fit: MultiFitResponse } {
  const base = { type: "multi-cv" as const, id: request.fitId };
  const cvOf = kept?.id === fit.id ? kept : null;
  try {
    if (!cvOf || !fit.cv) throw new Error("the fit has no cross-validation to measure again");
    const notes: string[] = [];
    const measure = multiMeasure(fit.family, request.measure, notes);
    const result = cvOf.plan && cvOf.folds
      ? summarizeMultiCv(fit.x, { ...cvOf.plan, measure }, fit.path, cvOf.folds, [...cvOf.plan.warnings])
      : cvMultiPath(fit.x, cvOf.outcome, { ...cvOf.options, measure });
    const { cv, warnings } = summary(result);
    return { message: { ...base, cv, warnings: [...notes, ...warnings], error: null }, fit: { ...fit, cv } };
  } catch (error) {
    return { message: { ...base, cv: null, warnings: [], error: (error as Error).message }, fit };
  }
}
