/// <reference lib="webworker" />
/**
 * The lab's worker: reads the data, fits the path and cross-validates it, runs simulations, so the page
 * never freezes. It uses the same library modules as the command line.
 */
import {
  fitPath,
  cvPath,
  fitAdaptive,
  relaxPath,
  type CvOptions,
  DataError,
  ShrinkageError,
  parseCsv,
  buildDesign,
  type Design,
  type DesignOptions,
  cellReader,
  type Table,
  type FamilyName,
  makeDesign,
  repetitionStates,
  resolveExperimentOptions,
  runRepetition,
  type RepetitionResult,
  scenario,
  type Path,
  familyOf,
  isMultiFamilyName,
  stability,
  dfEstimate,
  simulateOnData,
} from "../../src/index.js";
import { fitFold, prepareCv, summarizeCv, type FoldFit } from "../../src/lab.js";
import { EvidenceMaker, MAIN_THREAD_LIMIT, type Evidence } from "./evidence.js";
import type { CvSummary, ErrorMessage, FitRequest, FitResponse, MultiFitResponse, WorkerMessage, WorkerRequest } from "./protocol.js";
import { fitMultiTable, multiCv, multiDrop, multiExplain, multiMeasureCv, type ReadTarget } from "./multi-fit.js";
import { positionsOutward, sliderAtLambda, sliderLambdas } from "./slider.js";
import { autoFamily, codesNote, columnKind, wholeNumberCodes, decimalMark, duplicateColumns, duplicateNote, pickTarget, pickedTargetNote } from "./reading.js";
import { plural } from "./words.js";
import { penaltyOptions } from "./penalty.js";
import { survivalColumns } from "./survival-columns.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The last fit, kept to explain it at any λ the page asks for (large data only; small data is explained on the page). */
let lastFit: { id: number; maker: EvidenceMaker } | null = null;
/** The last multi-response fit, kept for its drop costs at the λs the page asks for. */
let lastMulti: MultiFitResponse | null = null;

function post(message: WorkerMessage): void {
  scope.postMessage(message);
}

function errorMessage(id: number, request: "fit" | "simulate", error: unknown): ErrorMessage {
  if (error instanceof FailedAfterReading) return { ...errorMessage(id, request, error.failure), columns: error.columns, target: error.target };
  if (error instanceof Error) {
    const extra = error as Error & { row?: unknown; column?: unknown };
    return {
      type: "error",
      id,
      request,
      name: error instanceof ShrinkageError ? error.name : error.name || "Error",
      message: error.message,
      ...(typeof extra.row === "number" ? { row: extra.row } : {}),
      ...(typeof extra.column === "string" ? { column: extra.column } : {}),
    };
  }
  return { type: "error", id, request, name: "Error", message: String(error) };
}

async function sourceText(request: FitRequest): Promise<string> {
  if (request.source.kind === "text") return request.source.text;
  const response = await fetch(request.source.url);
  if (!response.ok) throw new Error(`could not load the dataset "${request.source.name}" (${response.status})`);
  return response.text();
}

/**
 * A fit that failed once the file was read: the page still offers the file's columns as targets (so a
 * person can pick the right one), and shows which one was tried.
 */
class FailedAfterReading extends Error {
  constructor(
    readonly failure: unknown,
    readonly columns: readonly string[],
    readonly target: string,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

/**
 * The design as the request asks, with what the lab decided for the person said in `notes`, and the
 * target it tries put in `tried` (for the error, should the fit fail).
 */
function readTarget(request: FitRequest, table: Table, notes: string[], tried: { target: string }): ReadTarget {
  const thousands = request.thousands;
  const decimal = decimalMark(table, request.decimal, thousands);
  if (request.decimal === "auto" && decimal === ",") notes.push(`Numbers are read with "," as the decimal mark, as this ";"-separated file writes them; set Decimal mark if that is wrong.`);
  const reader = cellReader({ decimal, thousands });
  let target = request.target;
  if (target === null) {
    const picked = pickTarget(table, request.family, reader);
    target = picked.target;
    const note = pickedTargetNote(picked);
    if (note) notes.push(note);
  }
  tried.target = target;
  const column = table.names.indexOf(target);
  // More targets chosen with the automatic family: several numeric responses, mgaussian.
  const more = request.family === null && (request.moreTargets ?? []).some((t) => t !== target);
  const family = request.family ?? (more ? "mgaussian" : column >= 0 ? autoFamily(target, columnKind(table.columns[column]!, reader)) : "gaussian");
  const codes = request.family === null && family === "gaussian" && column >= 0 ? wholeNumberCodes(table.columns[column]!, reader) : null;
  if (codes) notes.push(codesNote(target, codes));
  return { target, family, decimal, thousands };
}

/** The design of a single-response fit, read as the request and readTarget say. */
function readDesign(request: FitRequest, table: Table, notes: string[], read: ReadTarget & { family: FamilyName }): { target: string; family: FamilyName; design: Design } {
  const { target, family, decimal, thousands } = read;
  const design = buildWithRowCount(table, { target, family, na: request.na, decimal, thousands, ...survivalColumns(family, request) });
  if (design.droppedRows > 0) notes.push(`${plural(design.droppedRows, "row")} of ${table.rows} with a missing or unreadable cell ${design.droppedRows === 1 ? "was" : "were"} dropped.`);
  for (const pair of duplicateColumns(design.x)) notes.push(duplicateNote(pair));
  return { target, family, design };
}

/**
 * buildDesign; when it fails on a missing or unreadable cell (it names the first), the message also
 * says how many rows have one, which is what dropping them would cost.
 */
function buildWithRowCount(table: Table, options: DesignOptions): Design {
  try {
    return buildDesign(table, options);
  } catch (error) {
    if (!(error instanceof DataError) || options.na !== "error" || !/\((?:--)?na drop\)/.test(error.message)) throw error;
    let dropped: number;
    try {
      dropped = buildDesign(table, { ...options, na: "drop" }).droppedRows;
    } catch {
      throw error;
    }
    throw new DataError(`${error.message} (${plural(dropped, "row")} of ${table.rows} ${dropped === 1 ? "has" : "have"} such a cell)`, error.column, error.row);
  }
}

async function fit(request: FitRequest): Promise<FitResponse | MultiFitResponse> {
  const table = parseCsv(await sourceText(request));
  const tried = { target: request.target ?? table.names[table.names.length - 1]! };
  try {
    return fitTable(request, table, tried);
  } catch (error) {
    throw new FailedAfterReading(error, table.names, tried.target);
  }
}

function fitTable(request: FitRequest, table: Table, tried: { target: string }): FitResponse | MultiFitResponse {
  const notes: string[] = [];
  const read = readTarget(request, table, notes, tried);
  if (isMultiFamilyName(read.family)) return fitMultiTable(request, table, { ...read, family: read.family, notes });
  const { target, family, design } = readDesign(request, table, notes, { ...read, family: read.family });
  const options: CvOptions = {
    family,
    alpha: request.alpha,
    standardize: request.standardize,
    ...(design.positiveClass !== null ? { positiveClass: design.positiveClass } : {}),
    nfolds: request.nfolds,
    seed: request.seed,
    ...(design.survival ? { survival: design.survival } : {}),
  };
  if (request.penalty !== "lasso") return fitOtherPenalty(request, { table, target, family, design, notes }, options);
  // cvPath's own steps, taken one by one so the page can show the folds' progress; the folds come
  // from the seed, so the same settings give the same folds in the lab, the CLI and the tests.
  const t0 = performance.now();
  let path: Path;
  let cv: CvSummary | null = null;
  let cvError: string | null = null;
  let cvMs = 0;
  let prepared: ReturnType<typeof prepareCv> | null = null;
  try {
    prepared = prepareCv(design.x, design.y, options);
    path = prepared.path;
  } catch (error) {
    // Folds impossible (too few rows, say): fit the path alone and say why there is no CV.
    path = fitPath(design.x, design.y, { family, alpha: request.alpha, standardize: request.standardize, ...(design.positiveClass !== null ? { positiveClass: design.positiveClass } : {}), ...(design.survival ? { survival: design.survival } : {}) });
    cvError = `No cross-validation: ${(error as Error).message}`;
  }
  // The relaxed fit (the unpenalized refit on each λ's active set), so the explanation can say how far
  // the penalty pulled each survivor toward zero. Least squares are cheap next to the folds; the GLM
  // refits (IRLS per active set, slow near separation) would hold up the page, so GLMs go without.
  if (familyOf(family).solver === "least-squares") {
    try {
      const { nfolds: _n, seed: _s, ...fitOptions } = options;
      path = { ...path, relaxed: relaxPath(design.x, design.y, path, fitOptions) };
    } catch {
      // the explanation then simply has no relaxed values
    }
  }
  const fitMs = performance.now() - t0;
  if (prepared) {
    const t1 = performance.now();
    try {
      const folds: FoldFit[] = [];
      for (let k = 1; k <= prepared.nfolds; k++) {
        post({ type: "progress", id: request.id, done: k - 1, total: prepared.nfolds });
        folds.push(fitFold({ x: design.x, y: design.y, options: prepared.fitOptions, lambda: path.lambda, foldid: prepared.foldid, fold: k }, { ownLambda: prepared.ownLambda }));
      }
      const result = summarizeCv(path, design.y, options, prepared.foldid, prepared.nfolds, folds);
      const { path: _path, fitPreval: _preval, warnings: _warnings, ...summary } = result;
      cv = summary;
    } catch (error) {
      cvError = `No cross-validation: ${(error as Error).message}`;
    }
    cvMs = performance.now() - t1;
  }
  return {
    type: "fitted",
    id: request.id,
    dataName: request.source.name,
    columns: table.names,
    target,
    family,
    x: design.x,
    y: design.y,
    path,
    cv,
    cvError,
    fitMs,
    cvMs,
    positiveClass: design.positiveClass,
    ...(design.survival ? { survival: design.survival } : {}),
    notes: [...notes, ...table.warnings, ...design.warnings, ...path.warnings],
  };
}

/**
 * MCP, SCAD (ncvreg's path and cv.ncvreg) or the adaptive lasso: cvPath whole (no per-fold progress);
 * the library refuses by name what ncvreg cannot do (weights, standardize off, α = 0, γ too small).
 */
function fitOtherPenalty(
  request: FitRequest,
  read: { table: Table; target: string; family: FamilyName; design: Design; notes: string[] },
  options: CvOptions,
): FitResponse {
  const { table, target, family, design, notes } = read;
  const all: CvOptions = { ...options, ...penaltyOptions(request) };
  const t0 = performance.now();
  let path: Path;
  let cv: CvSummary | null = null;
  let cvError: string | null = null;
  try {
    const result = cvPath(design.x, design.y, all);
    const { path: fitted, fitPreval: _preval, warnings: _warnings, ...summary } = result;
    path = fitted;
    cv = summary;
  } catch (error) {
    // A refused option is the fit's error, not CV's: say it as the library does.
    const { nfolds: _n, seed: _s, ...fitOptions } = all;
    path = request.penalty === "adaptive" ? fitAdaptive(design.x, design.y, all) : fitPath(design.x, design.y, fitOptions);
    cvError = `No cross-validation: ${(error as Error).message}`;
  }
  const ms = performance.now() - t0;
  if (path.adaptive) notes.push(`Adaptive lasso: penalty factors from a first ${path.adaptive.first} fit, ν = ${path.adaptive.nu}.`);
  return {
    type: "fitted", id: request.id, dataName: request.source.name, columns: table.names, target, family,
    x: design.x, y: design.y, path, cv, cvError, fitMs: ms, cvMs: 0, positiveClass: design.positiveClass,
    notes: [...notes, ...table.warnings, ...design.warnings, ...path.warnings],
  };
}

/** Bumped by every fit request: a running explainSlider() of an older fit stops at its next slice. */
let explaining = 0;
/** How long the worker explains before it posts what it has and lets newer requests in. */
const SLICE_MS = 25;

/**
 * The evidence at every slider position of a fit the page explains itself, sent in slices as it is made,
 * nearest the page's λ first: then moving the slider only looks evidence up, however far it jumps. The
 * evidence is the same the page would make (the same explain() on the same path and data).
 */
async function explainSlider(fitId: number, maker: EvidenceMaker, response: FitResponse, start: number | null): Promise<void> {
  const run = explaining;
  const lambdas = response.path.lambda;
  const grid = sliderLambdas(lambdas);
  const from = start ?? response.cv?.lambda1se ?? lambdas[Math.floor(lambdas.length / 2)] ?? NaN;
  const order = positionsOutward(Number.isFinite(from) ? sliderAtLambda(lambdas, from) : 0, grid.length);
  let batch: Evidence[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < order.length; i++) {
    try {
      // A GLM's spectrum (an SVD per λ) stays out, as on the page while the slider moves.
      batch.push(maker.at(grid[order[i]!]!, { spectrum: !maker.spectrumIsSlow }));
    } catch {
      // the page explains this λ itself if it is shown, and says why it cannot
    }
    const last = i === order.length - 1;
    if (last || performance.now() - sliceStart >= SLICE_MS) {
      post({ type: "evidence", id: fitId, evidence: batch, done: last });
      batch = [];
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (run !== explaining) return;
      sliceStart = performance.now();
    }
  }
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "fit") {
    explaining++;
    try {
      const result = await fit(request);
      if (result.type === "multi-fitted") {
        // Multi-response fits are explained on the page (explainMulti, web/src/views/multi.ts); the drop costs here.
        lastFit = null;
        lastMulti = result;
        post(result);
        // The folds' work is the page's to hand out: the worker keeps the copy no longer.
        if (result.folds) lastMulti = { ...result, folds: null };
        return;
      }
      const maker = new EvidenceMaker(result.path, { x: result.x, y: result.y, survival: result.survival });
      lastFit = { id: request.id, maker };
      // Copied, not transferred: the worker keeps the data to explain the fit later.
      post(result);
      if (result.x.n * result.x.p <= MAIN_THREAD_LIMIT && result.path.penalty !== "mcp" && result.path.penalty !== "scad") void explainSlider(request.id, maker, result, request.lambda);
    } catch (error) {
      post(errorMessage(request.id, "fit", error));
    }
  } else if (request.type === "multi-cv" || request.type === "multi-measure") {
    if (!lastMulti || lastMulti.id !== request.fitId) return;
    const { message, fit } = request.type === "multi-cv" ? multiCv(lastMulti, request) : multiMeasureCv(lastMulti, request);
    lastMulti = fit;
    post(message);
  } else if (request.type === "multi-explain") {
    if (lastMulti && lastMulti.id === request.fitId) post(multiExplain(lastMulti, request));
  } else if (request.type === "multi-drop") {
    if (lastMulti && lastMulti.id === request.fitId) post(multiDrop(lastMulti, request));
  } else if (request.type === "explain") {
    if (!lastFit || lastFit.id !== request.fitId) return;
    try {
      post({ type: "explained", id: request.id, fitId: request.fitId, lambda: request.lambda, evidence: lastFit.maker.at(request.lambda), error: null });
    } catch (error) {
      post({ type: "explained", id: request.id, fitId: request.fitId, lambda: request.lambda, evidence: null, error: (error as Error).message });
    }
  } else if (request.type === "df") {
    try {
      const estimate = dfEstimate(request.path, { x: request.x, y: request.y }, { lambda: request.lambda, reps: request.reps });
      post({ type: "df", id: request.id, lambda: request.lambda, estimate, error: null });
    } catch (error) {
      post({ type: "df", id: request.id, lambda: request.lambda, estimate: null, error: (error as Error).message });
    }
  } else if (request.type === "plant") {
    try {
      const summary = simulateOnData(request.x, request.y, request.options, (done, total) => post({ type: "progress", id: request.id, done, total }));
      post({ type: "planted", id: request.id, summary, error: null });
    } catch (error) {
      post({ type: "planted", id: request.id, summary: null, error: (error as Error).message });
    }
  } else if (request.type === "stability") {
    try {
      const result = stability({ x: request.x, y: request.y }, request.options, (done, total) => post({ type: "progress", id: request.id, done, total }));
      post({ type: "stabilized", id: request.id, result, error: null });
    } catch (error) {
      post({ type: "stabilized", id: request.id, result: null, error: (error as Error).message });
    }
  } else if (request.type === "simulate") {
    try {
      const design = makeDesign(scenario(request.scenario).spec);
      const options = resolveExperimentOptions(design, { reps: request.reps, seed: request.seed });
      const states = repetitionStates(options);
      const repetitions: RepetitionResult[] = [];
      for (let r = request.part; r < options.reps; r += request.parts) {
        repetitions.push(runRepetition(design, options, r, states[r]!));
        post({ type: "progress", id: request.id, done: repetitions.length, total: options.reps });
      }
      post({ type: "simulated", id: request.id, part: request.part, repetitions });
    } catch (error) {
      post(errorMessage(request.id, "simulate", error));
    }
  }
};
