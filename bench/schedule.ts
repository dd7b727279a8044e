/**
 * The timing schedule of the benchmark's Shrinkage workers (Node and browser): a first run in a fresh
 * process, timed apart (JIT cold), which counts as the first warm-up when warm-ups are asked for and
 * as the first timed run otherwise; the other warm-ups; then timed runs until `runs` of them or until
 * they add up to `budgetMs` (at least one). Returns the cold run's wall and CPU time and the last run's result.
 */
export async function timeRuns<T>(
  spec: { readonly warmup: number; readonly runs: number; readonly budgetMs: number },
  run: { timed(): Promise<T>; untimed(): Promise<void> },
  times: number[],
  cpuTimes: number[],
): Promise<{ coldMs: number; coldCpuMs: number | undefined; last: T }> {
  let last = await run.timed();
  const coldMs = times[0];
  const coldCpuMs = cpuTimes[0];
  if (spec.warmup > 0) {
    times.length = 0;
    cpuTimes.length = 0;
    for (let r = 1; r < spec.warmup; r++) await run.untimed();
  }
  const spent = (): number => times.reduce((a, b) => a + b, 0);
  while (times.length < spec.runs && (times.length === 0 || spent() < spec.budgetMs)) last = await run.timed();
  return { coldMs, coldCpuMs, last };
}
