import { DataError, NoSolutionError, OptionError, ShrinkageError } from "../errors.js";
import { createRng, randomFolds } from "../random/rng.js";

/**
 * Fold ids 1..K for cross-validation: the user's, checked, or a balanced random assignment from
 * the seed (cv.glmnet's sample(rep(1:K, length = n)), with our own reproducible generator).
 */
export function resolveFolds(n: number, opts: { nfolds?: number; foldid?: ArrayLike<number>; seed?: number }): { foldid: Int32Array; nfolds: number } {
  if (opts.foldid) {
    const f = opts.foldid;
    if (f.length !== n) throw new OptionError(`foldid has ${f.length} values but there are ${n} rows`, "foldid");
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = f[i];
      if (!Number.isInteger(v) || v < 1) throw new OptionError(`fold ids must be integers 1..K; row ${i + 1} has ${v}`, "foldid");
      k = Math.max(k, v);
    }
    const counts = foldSizes(f, k);
    for (let j = 1; j <= k; j++) {
      if (counts[j] === 0) throw new OptionError(`fold ids must use every number 1..${k}, but fold ${j} has no rows`, "foldid");
    }
    checkFoldCount(k, n);
    return { foldid: Int32Array.from(f), nfolds: k };
  }
  const nfolds = opts.nfolds ?? 10;
  if (!Number.isInteger(nfolds)) throw new OptionError(`nfolds must be an integer, got ${nfolds}`, "nfolds");
  checkFoldCount(nfolds, n);
  return { foldid: randomFolds(createRng(opts.seed ?? 1), n, nfolds), nfolds };
}

/** The rows of fold k (test) and the others (train), each in order. */
export function splitFold(foldid: ArrayLike<number>, k: number): { train: Int32Array; test: Int32Array } {
  let held = 0;
  for (let i = 0; i < foldid.length; i++) if (foldid[i] === k) held++;
  const train = new Int32Array(foldid.length - held);
  const test = new Int32Array(held);
  for (let i = 0, a = 0, b = 0; i < foldid.length; i++) {
    if (foldid[i] === k) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Rows in each fold: sizes[k] for fold k = 1..nfolds (sizes[0] unused). */
export function foldSizes(foldid: ArrayLike<number>, nfolds: number): Int32Array {
  const sizes = new Int32Array(nfolds + 1);
  for (let i = 0; i < foldid.length; i++) sizes[foldid[i]]++;
  return sizes;
}

function checkFoldCount(k: number, n: number): void {
  if (k < 3) throw new OptionError(`cross-validation needs at least 3 folds, got ${k} (10 is usual)`, "nfolds");
  if (k > n) throw new OptionError(`there are more folds (${k}) than rows (${n}): use at most ${n} folds`, "nfolds");
}

/**
 * Whether each fold fits its own default λ sequence ("own", cv.glmnet called without λs) rather than
 * the full data's ("full"), checked: λs the user gives are every fold's (cv.glmnet given λs), so "own"
 * with them is refused rather than ignored; a relaxed fit's folds always take their own (cv.glmnet
 * with relax), so "full" with relax is refused likewise.
 */
export function ownFoldLambda(options: { foldLambda?: unknown; lambda?: unknown; relax?: unknown }): boolean {
  // Its value ("full" or "own") is checked with the other options, by the CV schemas' choiceRule.
  const { foldLambda } = options;
  if (foldLambda === "own" && options.lambda !== undefined) {
    throw new OptionError('foldLambda "own" fits each fold on its own default λ sequence, but lambda is given: given λs are every fold\'s, as in cv.glmnet; drop one of them', "foldLambda");
  }
  if (foldLambda === "full" && options.relax) {
    throw new OptionError('foldLambda "full" is not offered with relax: a relaxed cross-validation fits each fold on its own λ sequence, as cv.glmnet with relax does; drop foldLambda', "foldLambda");
  }
  return foldLambda === "own";
}

/**
 * fit() of fold k (fitted without its `held` rows), an error it throws naming the fold: a DataError keeps
 * its column and row, a NoSolutionError its option; any other becomes an OptionError of foldid.
 */
export function inFold<T>(k: number, held: number, fit: () => T): T {
  try {
    return fit();
  } catch (e) {
    const message = `cross-validation fold ${k} (fitted without its ${held} rows): ${(e as Error).message}`;
    if (e instanceof DataError) throw new DataError(message, e.column, e.row);
    if (e instanceof NoSolutionError) throw new NoSolutionError(message, e.option);
    throw new OptionError(message, "foldid");
  }
}

/** The error that stopped a fold, as a worker sends it: its kind and message, and the column, row or option it names. */
export interface FoldErrorMessage {
  readonly message: string;
  readonly name: string;
  readonly column?: string;
  readonly row?: number;
  readonly option?: string;
}

/** e as a worker sends it (raisedAgain raises it again on the thread holding X). */
export function foldErrorMessage(e: unknown): FoldErrorMessage {
  const { message, name } = e as Error;
  const { column, row, option } = e as { column?: string; row?: number; option?: string };
  return { message, name, column, row, option };
}

/** A worker's error as this thread would have raised it: its kind, and what it names. */
export function raisedAgain(msg: FoldErrorMessage): Error {
  if (msg.name === "DataError") return new DataError(msg.message, msg.column, msg.row);
  if (msg.name === "OptionError") return new OptionError(msg.message, msg.option);
  if (msg.name === "NoSolutionError") return new NoSolutionError(msg.message, msg.option);
  return msg.name === "ShrinkageError" ? new ShrinkageError(msg.message) : new Error(msg.message);
}
