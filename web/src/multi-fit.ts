/**
 * The worker's multinomial and mgaussian fits: the file read by buildMultiDesign (the targets checked
 * cell by cell, an empty one named by its row), the path and its cross-validation by cvMultiPath with
 * the lab's folds, and the K response columns explainMulti reads on the page.
 */
import { OptionError, cvMultiPath, fitMgaussianPath, fitMultinomialPath, type MultiFamilyName, type MultiFitOptions, type MultiOutcome, type MultiPath, type Table } from "../../src/index.js";
import { buildMultiDesign, multiDropCosts, multiDropPhrase, quote, type MultiDesign } from "../../src/lab.js";
import type { FitRequest, MultiDropMessage, MultiDropRequest, MultiFitResponse } from "./protocol.js";
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
  const cvNotes: string[] = [];
  try {
    const result = cvMultiPath(design.x, outcome, { ...options, nfolds: request.nfolds, seed: request.seed, ...(family === "mgaussian" ? { responses: targets } : {}) });
    const { path: fitted, warnings, ...summary } = result;
    path = fitted;
    cv = summary;
    cvNotes.push(...warnings);
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
    fitMs,
    notes: [...notes, ...table.warnings, ...design.warnings, ...path.warnings, ...cvNotes],
  };
}

/** The drop costs at the request's λ of a multi-response fit (refits without each kept variable, no folds). */
export function multiDrop(fit: MultiFitResponse, request: MultiDropRequest): MultiDropMessage {
  const base = { type: "multi-dropped" as const, id: request.id, fitId: request.fitId, lambda: request.lambda };
  try {
    const costs = multiDropCosts(fit.path, { x: fit.x, y: fit.y }, { lambda: request.lambda });
    const rows = costs.costs.map((c) => ({ feature: c.feature, deviance: c.deviance, share: c.devianceShare, pullRatio: c.pullRatio, words: multiDropPhrase(c, costs, fit.path) }));
    return { ...base, rows, error: null };
  } catch (error) {
    return { ...base, rows: [], error: (error as Error).message };
  }
}
