/**
 * "Did you mean …?" for names a person typed: columns, features, options.
 */
import { OptionError } from "../errors.js";

/**
 * Edit distance: insertions, deletions, substitutions and transpositions of neighbours each cost 1
 * (Damerau's optimal string alignment), so "agnet" is one typo away from "agent".
 */
export function editDistance(a: string, b: string): number {
  if (typeof a !== "string" || typeof b !== "string") throw new OptionError(`editDistance: ${typeof a !== "string" ? "a" : "b"} must be a string`, typeof a !== "string" ? "a" : "b");
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  const d = new Int32Array((a.length + 1) * width);
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * width] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(d[(i - 1) * width + j - 1] + cost, d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        best = Math.min(best, d[(i - 2) * width + j - 2] + 1);
      }
      d[i * width + j] = best;
    }
  }
  return d[a.length * width + b.length];
}

/**
 * The candidate nearest to `name`, or null when none is close enough to be a plausible typo.
 * Case differences cost nothing extra beyond one edit each, but an exact case-insensitive match wins outright.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | null {
  if (typeof name !== "string") throw new OptionError("nearestName: name must be a string", "name");
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // A typo changes a few characters; beyond a third of the word it is a different name.
  const tolerance = Math.max(2, Math.floor(name.length / 3));
  return best !== null && bestDistance <= tolerance ? best : null;
}

/** Quote a name for a message. */
export function quote(name: string): string {
  return JSON.stringify(name);
}

/** The tail of an "unknown name" message: a suggestion, else the list of what exists (shortened). */
export function suggestion(name: string, candidates: readonly string[], what = "columns"): string {
  const near = nearestName(name, candidates);
  if (near !== null) return `did you mean ${quote(near)}?`;
  if (candidates.length === 0) return `there are no ${what}`;
  const shown = candidates.slice(0, 12).map(quote).join(", ");
  return `the ${what} are ${shown}${candidates.length > 12 ? `, … (${candidates.length} in all)` : ""}`;
}
