// The worker threads of one parallel cross-validation (Node only): the lifecycle every fold crew shares.
import type { ResourceLimits, Worker } from "node:worker_threads";
import { NEXT_FOLD } from "./fold-protocol.js";
import { giveBack, KEEP_IDLE_BYTES, takeWorker } from "./worker-pool.node.js";

/** What a crew's workers see and how they run. */
export interface CrewSettings {
  /** Bytes of shared data (X, its copy) the workers see: above KEEP_IDLE_BYTES they end rather than wait in the pool. */
  readonly sharedBytes: number;
  /** V8's limits for each new worker's heap (Node's resourceLimits), where a crew has measured its own. */
  readonly resourceLimits?: ResourceLimits;
}

/**
 * Workers of one module beside this file, each sent its first message, that claim folds from a shared
 * counter (control[NEXT_FOLD]) until none is left and then say `{ kind: "idle" }`. The crew settles once
 * every worker is idle or one has failed; after the first failure no fold is claimed. A subclass says
 * what its workers' other messages mean (take). The workers come from the process's pool
 * (worker-pool.node.ts) and go back to it once all are idle; a crew stopped before that, or failed,
 * terminates them (a failed worker's state is not trusted again).
 */
export abstract class FoldWorkers<FromWorker extends { kind: string }> {
  private readonly workers: Worker[] = [];
  private readonly listeners: { readonly error: (e: unknown) => void; readonly message: (msg: FromWorker) => void } = {
    error: (e) => this.fail(e instanceof Error ? e : new Error(String(e))),
    message: (msg) => this.receive(msg),
  };
  private idle = 0;
  private returned = false;
  /** Give the workers back to the pool once idle (else end them): an idle thread's heap would keep the CV's shared data alive. */
  private readonly keepWorkers: boolean;
  private firstError: Error | null = null;
  private settle: (() => void) | null = null;

  protected constructor(
    module: string, firstMessages: readonly unknown[],
    protected readonly nfolds: number, private readonly control: Int32Array,
    { sharedBytes, resourceLimits }: CrewSettings,
  ) {
    this.keepWorkers = sharedBytes <= KEEP_IDLE_BYTES;
    for (const first of firstMessages) {
      const w = takeWorker(import.meta.url, module, resourceLimits ? { resourceLimits } : {});
      this.workers.push(w);
      w.on("error", this.listeners.error);
      w.on("message", this.listeners.message);
      w.postMessage(first);
    }
  }

  /** The first error a worker sent or raised, if any. */
  get error(): Error | null {
    return this.firstError;
  }

  get failed(): boolean {
    return this.firstError !== null;
  }

  /** No fold is claimed after this; the threads end (unless they have gone back to the pool, all idle). */
  stop(): void {
    Atomics.store(this.control, NEXT_FOLD, this.nfolds);
    if (this.returned) return;
    this.returned = true;
    for (const w of this.workers) void w.terminate();
  }

  /** What a message other than "idle" means. */
  protected abstract take(msg: Exclude<FromWorker, { kind: "idle" }>): void;

  /** Send every worker the same message. */
  protected tell(msg: unknown): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  /** `result()` once every worker is idle (and back in the pool); rejects with the first error (its workers terminated). */
  protected whenIdle<T>(result: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.settle = () => {
        if (this.firstError || !this.keepWorkers) this.stop();
        else this.giveBack();
        if (this.firstError) reject(this.firstError);
        else resolve(result());
      };
      this.check();
    });
  }

  protected fail(e: Error): void {
    this.firstError ??= e;
    Atomics.store(this.control, NEXT_FOLD, this.nfolds);
    this.check();
  }

  /** Every worker idle: back to the pool, without this crew's listeners. */
  private giveBack(): void {
    if (this.returned) return;
    this.returned = true;
    for (const w of this.workers) {
      w.off("error", this.listeners.error);
      w.off("message", this.listeners.message);
      giveBack(w);
    }
  }

  private receive(msg: FromWorker): void {
    if (msg.kind === "idle") this.idle++;
    else this.take(msg as Exclude<FromWorker, { kind: "idle" }>);
    this.check();
  }

  private check(): void {
    if (this.settle && (this.firstError !== null || this.idle === this.workers.length)) {
      const settle = this.settle;
      this.settle = null;
      settle();
    }
  }
}
