/** Small helpers for the lab's sentences. */

/** "1 row", "3 rows": a count with its noun in the right number. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
