// Fold workers kept between cross-validations (Node only). A crew (crew.node.ts) takes its worker threads
// here and gives them back once they have run out of folds, so that the next cross-validation of the
// process starts none: no new thread, no modules loaded again, and the folds' code already compiled and
// warm in the thread that runs them. An idle worker is unref'd: it never keeps the process alive.
import type { Worker, WorkerOptions } from "node:worker_threads";
import { startWorker } from "../threads.node.js";

/**
 * Bytes of shared memory (X's copy, X) a cross-validation's workers may see and still be kept: an idle
 * thread collects no garbage, so its heap holds its last CV's shared memory alive until it works again
 * (measured: a pooled worker after the tall 10,000 × 1,000 CV kept 80 MB more at the next one's peak).
 * A larger CV's workers end instead; starting them again is small beside such a CV. The thread pools' limit.
 */
export const KEEP_IDLE_BYTES = 32 * 2 ** 20;

/** Idle workers by module (its URL). */
const idle = new Map<string, Worker[]>();
/** Each worker's module, to give it back to the right list. */
const moduleOf = new WeakMap<Worker, string>();
let started = 0;

/**
 * A worker of the module `name` beside `base` (an import.meta.url, as startWorker takes them): an idle one
 * when the pool has one, else a new one, started with `options` (a module's workers are always asked for
 * with the same). It keeps the process alive until it is given back.
 */
export function takeWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  const key = new URL(name, base).href;
  const kept = idle.get(key)?.pop();
  if (kept) {
    kept.ref();
    return kept;
  }
  return startPooled(base, name, key, options);
}

/**
 * Start workers of the module ahead, idle in the pool, until it has `count` of them: they load their
 * modules meanwhile (the command line, while it reads the data), and the cross-validation that follows
 * takes them ready. `options` as the crews that take them ask (takeWorker).
 */
export function startIdle(base: string, name: string, count: number, options: WorkerOptions = {}): void {
  const key = new URL(name, base).href;
  const have = idle.get(key)?.length ?? 0;
  for (let t = have; t < count; t++) giveBack(startPooled(base, name, key, options));
}

function startPooled(base: string, name: string, key: string, options: WorkerOptions): Worker {
  const worker = startWorker(base, name, options);
  started++;
  moduleOf.set(worker, key);
  // A worker that fails or ends leaves the pool; the listener also keeps an idle worker's error from
  // being thrown in this thread (the crew that holds a worker listens for its errors itself).
  const leave = () => forget(worker);
  worker.on("error", leave);
  worker.on("exit", leave);
  return worker;
}

/**
 * Give back a worker from takeWorker that has finished its work and waits for the next message: kept,
 * unref'd. (The pool then holds as many as the largest crews the process has run at once: jobs − 1.)
 */
export function giveBack(worker: Worker): void {
  const key = moduleOf.get(worker);
  const list = key === undefined ? undefined : (idle.get(key) ?? []);
  if (key === undefined || list === undefined) {
    void worker.terminate();
    return;
  }
  worker.unref();
  list.push(worker);
  idle.set(key, list);
}

/** End every idle worker (the next cross-validation starts new ones); resolves once they have exited. */
export async function closeIdleWorkers(): Promise<void> {
  const all = [...idle.values()].flat();
  idle.clear();
  await Promise.all(all.map((w) => w.terminate()));
}

/** How many workers this process has started, and how many wait idle now (tests, benchmarks). */
export function workerCounts(): { started: number; idle: number } {
  let waiting = 0;
  for (const list of idle.values()) waiting += list.length;
  return { started, idle: waiting };
}

function forget(worker: Worker): void {
  const key = moduleOf.get(worker);
  const list = key === undefined ? undefined : idle.get(key);
  const at = list ? list.indexOf(worker) : -1;
  if (list && at >= 0) list.splice(at, 1);
}
