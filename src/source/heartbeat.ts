/**
 * A long query says nothing until it returns; a progress line that repeats its message (with the time
 * so far) while the query runs shows that the scan is alive (a 20M-row second pass runs for minutes).
 */

/** How often a query's progress line is said again while it runs. */
export const HEARTBEAT_MS = 1000;

/** `work`'s value, `beat()` called every `everyMs` until it settles (and never after). */
export async function withHeartbeat<T>(work: Promise<T>, beat: () => void, everyMs = HEARTBEAT_MS): Promise<T> {
  const timer = setInterval(beat, everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
