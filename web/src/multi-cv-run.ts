/**
 * The page's fold workers for a multi-response fit's cross-validation (fold-worker.ts): the folds dealt
 * out among a few workers, one per core (at most 4), the fit worker's standardized copy sent to each; the
 * page stays free, and the paths go back to the fit worker, which summarizes them (multi-fit.ts, multiCv).
 */
import type { MultiPath } from "../../src/index.js";
import type { MultiFoldsWork } from "./multi-folds.js";
import type { MultiFoldMessage, MultiFoldsRequest } from "./protocol.js";

export interface FoldPaths {
  /** A fold's path ended: `done` of `total`. */
  progress(fitId: number, done: number, total: number): void;
  finished(fitId: number, folds: { fold: number; path: MultiPath }[]): void;
  failed(fitId: number, message: string): void;
}

/** Folds 1..nfolds dealt to `parts` workers: worker t fits k with (k − 1) mod parts = t. */
export function dealFolds(nfolds: number, parts: number): number[][] {
  return Array.from({ length: parts }, (_, t) => Array.from({ length: nfolds }, (_, i) => i + 1).filter((k) => (k - 1) % parts === t));
}

export class MultiFoldRunner {
  private workers: Worker[] = [];
  private serial = 0;

  constructor(private readonly host: FoldPaths) {}

  /** Fit the folds of fit `fitId` (stopping any still running for an older fit). */
  start(fitId: number, work: MultiFoldsWork): void {
    this.stop();
    const id = this.serial;
    const parts = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2, work.nfolds));
    const paths: { fold: number; path: MultiPath }[] = [];
    const fail = (message: string) => {
      this.stop();
      this.host.failed(fitId, message);
    };
    this.workers = dealFolds(work.nfolds, parts).map((folds) => {
      const worker = new Worker(new URL("./fold-worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = (event: MessageEvent<MultiFoldMessage>) => {
        const m = event.data;
        if (m.id !== id || this.serial !== id) return;
        if (!m.path) return fail(`fold ${m.fold}: ${m.error}`);
        paths.push({ fold: m.fold, path: m.path });
        this.host.progress(fitId, paths.length, work.nfolds);
        if (paths.length === work.nfolds) {
          this.stop();
          this.host.finished(fitId, paths);
        }
      };
      worker.onerror = (event) => {
        if (this.serial === id) fail(`a fold worker failed: ${event.message || "it could not start"}`);
      };
      worker.postMessage({ type: "multi-folds", id, work, folds } satisfies MultiFoldsRequest);
      return worker;
    });
  }

  /** Stop the workers (a new fit, or every fold in). */
  stop(): void {
    this.serial++;
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}
