/**
 * A question's setup, undone when another question opens: the ridge question sets α = 0, and the lab must
 * not stay in ridge afterwards. Pure functions on the state (no DOM), so they are easy to check.
 */
import type { LabState } from "./state.js";
import { formatValue } from "./panel.js";

/** What a question's setup changed: the person's values before it, and the values it set. */
export interface Restore {
  readonly before: Partial<LabState>;
  readonly set: Partial<LabState>;
}

type Key = keyof LabState;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The keys a restore would put back now: those the person has not changed since the setup set them. */
function stillSet(restore: Restore, state: LabState): Key[] {
  return (Object.keys(restore.set) as Key[]).filter((k) => same(state[k], restore.set[k]));
}

/** The person's own state: the last setup's changes undone where they still stand. */
export function questionBase(state: LabState, restore: Restore | null): LabState {
  if (!restore) return state;
  const undo: Partial<Record<Key, unknown>> = {};
  for (const k of stillSet(restore, state)) undo[k] = restore.before[k];
  return { ...state, ...(undo as Partial<LabState>) };
}

/**
 * The patch that opens a question: undo the previous question's setup (where it still stands), then apply
 * this one's, remembering what it changes. A change of α also asks for λ_1se of the new fit.
 */
export function questionSetup(state: LabState, restore: Restore | null, setup: Partial<LabState>): { patch: Partial<LabState>; restore: Restore | null } {
  const base = questionBase(state, restore);
  const undo: Partial<Record<Key, unknown>> = {};
  if (restore) for (const k of stillSet(restore, state)) undo[k] = restore.before[k];
  const before: Partial<Record<Key, unknown>> = {};
  const set: Partial<Record<Key, unknown>> = {};
  for (const k of Object.keys(setup) as Key[]) {
    if (same(base[k], setup[k])) continue;
    before[k] = base[k];
    set[k] = setup[k];
  }
  const refit = "alpha" in undo || "alpha" in set ? { lambda: null } : {};
  const patch = { ...(undo as Partial<LabState>), ...(set as Partial<LabState>), ...refit };
  return { patch, restore: Object.keys(set).length ? { before: before as Partial<LabState>, set: set as Partial<LabState> } : null };
}

/** What the open question changed of the fit's settings, in words ("" when nothing the person set). */
export function restoreWords(restore: Restore, state: LabState): string {
  if (!stillSet(restore, state).includes("alpha") || restore.before.alpha === undefined) return "";
  return `This question set α to ${formatValue(restore.set.alpha ?? NaN, 2)}; opening another question puts it back to ${formatValue(restore.before.alpha, 2)}.`;
}
