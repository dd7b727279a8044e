/**
 * New Gram columns in batches (covariance updates). A variable entering the active set needs its Gram
 * column x̃ᵀx̃_k, one read of all of X̃; with X̃ past the cache that read, not the arithmetic, is the cost.
 * So when k enters, the columns of the strongest candidates not yet active (the strong set's variables
 * with the largest pulls, which enter next as a rule) are computed in the same read (dotcols4,
 * dotcols2) and kept until they enter. Each entry is the same number as cross(j, k): the iterates do
 * not change, only how often X̃ is read.
 */

/** Columns computed per read of X̃: the entering variable's and up to GRAM_BATCH − 1 candidates'. */
export const GRAM_BATCH = 4;
/** Candidates' columns kept at most (p f64s each); past it no more are computed ahead. */
export const GRAM_AHEAD_MAX = 32;

let batch = GRAM_BATCH;

/** Columns per read from now on (1: no candidates computed ahead; tests compare); returns the previous. */
export function setGramBatch(b: number): number {
  const previous = batch;
  batch = b;
  return previous;
}

export function gramBatch(): number {
  return batch;
}

/**
 * The candidates to compute with k's column: up to `room` usable variables of the strong set, not active
 * (slot < 0), not k and not computed already, with the largest |g_j|, strongest first.
 */
export function strongestCandidates(
  k: number, room: number, s: { strong: Uint8Array; usable: Uint8Array; slot: Int32Array; g: Float64Array; ahead: ReadonlyMap<number, unknown> },
): number[] {
  const picked: number[] = [];
  if (room <= 0 || s.ahead.size >= GRAM_AHEAD_MAX) return picked;
  const { strong, usable, slot, g, ahead } = s;
  for (let j = 0; j < strong.length; j++) {
    if (!strong[j] || !usable[j] || slot[j] >= 0 || j === k || ahead.has(j)) continue;
    // Insert j among the picked, kept sorted by |g| descending, at most `room` long.
    let at = picked.length;
    while (at > 0 && Math.abs(g[picked[at - 1]]) < Math.abs(g[j])) at--;
    if (at < room) {
      picked.splice(at, 0, j);
      if (picked.length > room) picked.pop();
    }
  }
  return picked;
}
