/** Small helpers for the lab's sentences. */

/** "1 row", "3 rows": a count with its noun in the right number. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A note as a sentence of the status line: capital first, full stop last (the library's notes have neither). */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === "") return t;
  return t[0]!.toUpperCase() + t.slice(1) + (/[.!?…]$/.test(t) ? "" : ".");
}
