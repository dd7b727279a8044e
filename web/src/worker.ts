/// <reference lib="webworker" />
/**
 * The lab's worker: reads the data, fits the path and cross-validates it, runs simulations, so the page
 * never freezes. It uses the same library modules as the command line.
 */
import { fitPath } from "../../src/solve/path.js";
import { ShrinkageError } from "../../src/errors.js";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import type { Family } from "../../src/model/family.js";
import { makeDesign } from "../../src/simulate/design.js";
import { runExperiment } from "../../src/simulate/experiment.js";
import { scenario } from "../../src/simulate/scenarios.js";
import type { CvSummary, ErrorMessage, FitRequest, FitResponse, WorkerMessage, WorkerRequest } from "./protocol.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerMessage): void {
  scope.postMessage(message);
}

function errorMessage(id: number, request: "fit" | "simulate", error: unknown): ErrorMessage {
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
 * The family when the person has not chosen one: binomial for a target with two distinct values
 * (0/1 or two text levels, as R treats a two-level factor), gaussian otherwise.
 */
function guessFamily(cells: readonly string[]): Family {
  const distinct = new Set<string>();
  for (const cell of cells) {
    const c = cell.trim();
    if (c === "") continue;
    distinct.add(Number.isFinite(Number(c)) ? String(Number(c)) : c);
    if (distinct.size > 2) return "gaussian";
  }
  return distinct.size === 2 ? "binomial" : "gaussian";
}

async function fit(request: FitRequest): Promise<FitResponse> {
  const text = await sourceText(request);
  const table = parseCsv(text);
  const target = request.target ?? table.names[table.names.length - 1]!;
  const column = table.names.indexOf(target);
  const family = request.family ?? (column >= 0 ? guessFamily(table.columns[column]!) : "gaussian");
  const design = buildDesign(table, { target, family });
  const t0 = performance.now();
  const path = fitPath(design.x, design.y, {
    family,
    alpha: request.alpha,
    standardize: request.standardize,
    ...(design.positiveClass !== null ? { positiveClass: design.positiveClass } : {}),
  });
  const fitMs = performance.now() - t0;
  const cv: CvSummary | null = null;
  const cvError: string | null = "cross-validation is not available yet";
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
    cvMs: 0,
    notes: [...table.warnings, ...design.warnings, ...path.warnings],
  };
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "fit") {
    try {
      const result = await fit(request);
      scope.postMessage(result, [result.x.data.buffer, result.y.buffer]);
    } catch (error) {
      post(errorMessage(request.id, "fit", error));
    }
  } else if (request.type === "simulate") {
    try {
      const design = makeDesign(scenario(request.scenario).spec);
      const result = runExperiment(design, { reps: request.reps, seed: request.seed }, (done, total) =>
        post({ type: "progress", id: request.id, done, total }),
      );
      post({ type: "simulated", id: request.id, scenario: request.scenario, result });
    } catch (error) {
      post(errorMessage(request.id, "simulate", error));
    }
  }
};
