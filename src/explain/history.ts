/**
 * Each variable's history along the path (TEACHING.md §5): the λ at which it first became nonzero, its
 * order of entry among all variables, and every later exit, re-entry or sign change. Read from the
 * fitted path, largest λ first.
 */
import type { Path } from "../solve/types.js";
import { checkArguments, objectRule, fieldsRule, functionRule, finiteNumbers, arrayOfRule, stringValue } from "../data/arguments.js";

/** What can happen to a variable along the path: it enters, leaves, or changes sign. */
export type PathEventKind = "enter" | "exit" | "sign-change";

/** Something that happened to a coefficient between one fitted λ and the next. */
export interface PathEvent {
  readonly kind: PathEventKind;
  /** The first fitted λ at which the new state is seen. */
  readonly lambda: number;
  /** Its index on the path (0 = largest λ). */
  readonly step: number;
  /** The coefficient's sign from this λ on (0 after an exit). */
  readonly sign: number;
}

/** When a variable entered the path, and what happened to it later (exits, sign changes). */
export interface EntryHistory {
  /** The largest fitted λ at which the coefficient is nonzero; null when it is zero all along the path. */
  readonly firstLambda: number | null;
  readonly firstStep: number | null;
  /**
   * The fitted λ just before firstLambda, where it was still zero: it entered somewhere between the two
   * (the grid does not say where). null when it is nonzero from the path's first λ, or never.
   */
  readonly lastZeroLambda: number | null;
  /**
   * Order of entry among the variables that enter (see entryHistories): 1 for the first to become
   * nonzero; variables entering at the same fitted λ share a rank (1, 2, 2, 4, …); null when it never
   * enters, or has no entry to speak of (unpenalized, or ridge).
   */
  readonly entryOrder: number | null;
  /** Every change after the first entry (exits, re-entries, sign changes), largest λ first. */
  readonly events: readonly PathEvent[];
  /** Whether it is nonzero at the smallest fitted λ. */
  readonly inAtEnd: boolean;
}

/** The sign of each coefficient at fitted λ k (dense, aligned with path.features). */
function signsAt(path: Pick<Path, "beta" | "features">, k: number): Int8Array {
  const s = new Int8Array(path.features.length);
  const { index, value } = path.beta[k];
  for (let t = 0; t < index.length; t++) s[index[t]] = Math.sign(value[t]);
  return s;
}

/**
 * Why a variable has no entry on the path, or null when it has one: unpenalized (penalty factor 0), or
 * α = 0 (ridge keeps every coefficient nonzero at every λ).
 */
export function noEntry(alpha: number, penaltyFactor: number): "unpenalized" | "ridge" | null {
  return penaltyFactor === 0 ? "unpenalized" : alpha === 0 ? "ridge" : null;
}

/**
 * The entry history of every variable on the path, aligned with path.features. `enters(j)` says which
 * variables take part in the order of entry: not an unpenalized one, nor any under ridge (α = 0), which
 * are nonzero at every λ and so never "enter" (all by default).
 */
export function entryHistories(path: Pick<Path, "beta" | "features" | "lambda">, enters: (j: number) => boolean = () => true): EntryHistory[] {
  checkArguments("entryHistories", { path, enters }, { path: PATH_COEFFICIENTS, enters: functionRule });
  const p = path.features.length;
  const L = path.lambda.length;
  const firstStep = new Array<number | null>(p).fill(null);
  const events: PathEvent[][] = Array.from({ length: p }, () => []);
  let prev: Int8Array = new Int8Array(p);
  for (let k = 0; k < L; k++) {
    const cur = signsAt(path, k);
    for (let j = 0; j < p; j++) {
      const a = prev[j], b = cur[j];
      if (a === b) continue;
      const lambda = path.lambda[k];
      if (firstStep[j] === null) {
        firstStep[j] = k;
        continue;
      }
      const kind: PathEventKind = b === 0 ? "exit" : a === 0 ? "enter" : "sign-change";
      events[j].push({ kind, lambda, step: k, sign: b });
    }
    prev = cur;
  }
  const entered = firstStep.filter((s, j): s is number => s !== null && enters(j)).sort((a, b) => a - b);
  // Competition ranking: 1 + the number of variables that entered strictly earlier.
  const rank = (s: number) => 1 + entered.findIndex((t) => t === s);
  return firstStep.map((s, j) => ({
    firstLambda: s === null ? null : path.lambda[s],
    firstStep: s,
    lastZeroLambda: s === null || s === 0 ? null : path.lambda[s - 1],
    entryOrder: s === null || !enters(j) ? null : rank(s),
    events: events[j],
    inAtEnd: L > 0 && prev[j] !== 0,
  }));
}

/** A path's λs, features and coefficients (all entryHistories reads). */
const PATH_COEFFICIENTS = fieldsRule("a path with its λs, features and coefficients, from fitPath", {
  lambda: finiteNumbers,
  features: arrayOfRule(stringValue, "the feature names"),
  beta: arrayOfRule(objectRule("the coefficients at one λ"), "the coefficients at each λ"),
});
