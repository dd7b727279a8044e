import type { SystemName, SystemRun } from "./systems.js";

/** One problem's outcome, as printed and as written by --json. */
export interface ProblemOutcome {
  readonly problem: string;
  readonly description: string;
  readonly kind: "path" | "cv";
  readonly n: number;
  readonly p: number;
  readonly xMb: number;
  readonly runs: number;
  readonly systems: Record<SystemName, SystemRun>;
  /** Further Shrinkage configurations (CV with one job when the main run is parallel). */
  readonly variants: Record<string, SystemRun>;
  /** Shrinkage's median time over each peer's (lower is better for Shrinkage). */
  readonly ratio: { glmnet: number | null; sklearn: number | null };
  /** The same ratios on process CPU time (robust to a busy machine; parallel CV sums its threads). */
  readonly cpuRatio: { glmnet: number | null; sklearn: number | null };
  /** Shrinkage in Chromium: its median time over each peer's (wall) and on CPU time (its renderer process's). */
  readonly browserRatio: { glmnet: number | null; sklearn: number | null };
  readonly browserCpuRatio: { glmnet: number | null; sklearn: number | null };
  /** The first fit in a fresh process: Shrinkage's over each peer's, on wall and on process CPU time. */
  readonly coldRatio: { glmnet: number | null; sklearn: number | null };
  readonly coldCpuRatio: { glmnet: number | null; sklearn: number | null };
  /**
   * maxGap: the largest relative excess of each system's objective over the best system's; dualGap: each
   * system's largest relative duality gap along its path (bench/gap.ts: a certificate, the same formula for all).
   */
  readonly accuracy: { maxGap: Record<string, number>; compared: Record<string, string>; dualGap: Record<string, number> };
}

function ms(v: number | undefined): string {
  if (v === undefined) return "";
  if (v >= 10000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 1) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

function timeCell(run: SystemRun | undefined): string {
  if (!run) return "not run";
  if (run.status !== "ok") return run.status;
  return ms(run.medianMs);
}

function ratioCell(r: number | null): string {
  return r === null || !Number.isFinite(r) ? "—" : r.toFixed(2);
}

/** The relative objective gap: "0" when this system is the best everywhere, else one significant digit. */
export function gapCell(g: number | undefined): string {
  if (g === undefined || Number.isNaN(g)) return "—";
  if (g === 0) return "0";
  return g.toExponential(0);
}

function memCell(run: SystemRun | undefined): string {
  return run?.status === "ok" && run.peakRssMb !== undefined ? run.peakRssMb.toFixed(0) : "—";
}

/** Memory the fit added (peak RSS minus the RSS before it, which holds X) in multiples of X's size. */
function addedCell(run: SystemRun | undefined, xMb: number): string {
  if (run?.status !== "ok" || run.peakRssMb === undefined || run.baseRssMb === undefined || !(xMb > 0)) return "—";
  return ((run.peakRssMb - run.baseRssMb) / xMb).toFixed(2);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function formatTable(outcomes: readonly ProblemOutcome[]): string {
  const header = [
    "problem", "n×p", "Shrinkage", "Browser", "glmnet", "sklearn", "S/glmnet", "S/sklearn", "B/glmnet", "cpu S/G", "cpu S/K",
    "gap S", "gap B", "gap G", "gap K", "peak MB S/B/G/K", "X MB", "added/X S/G",
  ];
  const rows: string[][] = [];
  for (const o of outcomes) {
    const s = o.systems;
    rows.push([
      o.problem, `${o.n}×${o.p}`, timeCell(s.shrinkage), timeCell(s.browser), timeCell(s.glmnet), timeCell(s.sklearn),
      ratioCell(o.ratio.glmnet), ratioCell(o.ratio.sklearn), ratioCell(o.browserRatio.glmnet), ratioCell(o.cpuRatio.glmnet), ratioCell(o.cpuRatio.sklearn),
      gapCell(o.accuracy.maxGap.shrinkage), gapCell(o.accuracy.maxGap.browser), gapCell(o.accuracy.maxGap.glmnet), gapCell(o.accuracy.maxGap.sklearn),
      `${memCell(s.shrinkage)}/${memCell(s.browser)}/${memCell(s.glmnet)}/${memCell(s.sklearn)}`, o.xMb.toFixed(1),
      `${addedCell(s.shrinkage, o.xMb)}/${addedCell(s.glmnet, o.xMb)}`,
    ]);
    for (const [name, run] of Object.entries(o.variants)) {
      const r = (peer: SystemRun, key: "medianMs" | "cpuMedianMs"): number | null =>
        peer.status === "ok" && run.status === "ok" && peer[key] && run[key] ? run[key]! / peer[key]! : null;
      rows.push([
        `  ${name}`, "", timeCell(run), "", "", "", ratioCell(r(s.glmnet, "medianMs")), ratioCell(r(s.sklearn, "medianMs")), "",
        ratioCell(r(s.glmnet, "cpuMedianMs")), ratioCell(r(s.sklearn, "cpuMedianMs")), "", "", "", "", `${memCell(run)}///`, "",
        addedCell(run, o.xMb),
      ]);
    }
  }
  return table(header, rows);
}

function coldCell(run: SystemRun | undefined, key: "coldMs" | "coldCpuMs"): string {
  if (!run) return "not run";
  if (run.status !== "ok") return run.status;
  return run[key] === undefined ? "—" : ms(run[key]);
}

/** A relative duality gap with two significant digits ("∞" outside the dual's domain). */
export function dualGapCell(g: number | undefined): string {
  if (g === undefined || Number.isNaN(g)) return "—";
  if (g === Infinity) return "∞";
  return g === 0 ? "0" : g.toExponential(1);
}

/**
 * The second table: per problem, the first fit in a fresh process (wall and CPU time) of each system and
 * Shrinkage's ratios to glmnet's, warm CPU time and its ratio, and each system's largest relative duality gap.
 */
export function formatColdTable(outcomes: readonly ProblemOutcome[]): string {
  const header = [
    "problem", "first S", "first G", "first K", "first S/G", "first cpu S", "first cpu G", "first cpu S/G",
    "warm cpu S", "warm cpu G", "warm cpu S/G", "dual gap S", "dual gap B", "dual gap G", "dual gap K",
  ];
  const rows = outcomes.map((o) => {
    const s = o.systems;
    const cpu = (r: SystemRun): string => (r.status === "ok" ? ms(r.cpuMedianMs) : r.status);
    return [
      o.problem, coldCell(s.shrinkage, "coldMs"), coldCell(s.glmnet, "coldMs"), coldCell(s.sklearn, "coldMs"), ratioCell(o.coldRatio.glmnet),
      coldCell(s.shrinkage, "coldCpuMs"), coldCell(s.glmnet, "coldCpuMs"), ratioCell(o.coldCpuRatio.glmnet),
      cpu(s.shrinkage), cpu(s.glmnet), ratioCell(o.cpuRatio.glmnet),
      dualGapCell(o.accuracy.dualGap.shrinkage), dualGapCell(o.accuracy.dualGap.browser), dualGapCell(o.accuracy.dualGap.glmnet), dualGapCell(o.accuracy.dualGap.sklearn),
    ];
  });
  return table(header, rows);
}

/** Lines under the table: what each Shrinkage run was, and why a system has no number. */
export function formatNotes(outcomes: readonly ProblemOutcome[]): string[] {
  const notes: string[] = [];
  for (const o of outcomes) {
    const s = o.systems.shrinkage;
    const b = o.systems.browser;
    const details = [
      s.status === "ok" ? `Shrinkage ${s.variant}, cold first fit ${ms(s.coldMs)}, ${s.nlambda} λ, ${s.npasses} passes` : "",
      b?.status === "ok" ? `Browser ${b.variant}, cold first fit ${ms(b.coldMs)}, ${b.nlambda} λ, ${b.npasses} passes` : "",
      o.systems.glmnet.status === "ok" ? `glmnet ${o.systems.glmnet.nlambda} λ, ${o.systems.glmnet.npasses} passes` : "",
      Object.keys(o.accuracy.compared).length ? `λ compared ${Object.entries(o.accuracy.compared).map(([k, v]) => `${k} ${v}`).join(", ")}` : "",
    ].filter(Boolean);
    notes.push(`${o.problem}: ${o.description}; ${details.join("; ")}`);
    const shown = (Object.entries(o.systems) as [string, SystemRun][]).filter(([, r]) => r.status === "ok");
    if (shown.length) notes.push(`  cpu median: ${shown.map(([k, r]) => `${k} ${r.cpuMedianMs === undefined ? "—" : ms(r.cpuMedianMs)}`).join(", ")}`);
    const memoryNote = b?.status === "ok" ? b.extra?.memoryNote : undefined;
    if (typeof memoryNote === "string") notes.push(`  browser peak memory —: ${memoryNote}`);
    const runs = (Object.entries({ ...o.systems, ...o.variants }) as [string, SystemRun][])
      .filter(([, r]) => r.status === "ok")
      .map(([k, r]) => `${k} ${r.times!.length}`);
    if (runs.length) notes.push(`  timed runs: ${runs.join(", ")}`);
    const cvs = (Object.entries(o.systems) as [string, SystemRun][]).filter(([, r]) => r.lambdaMin !== undefined);
    if (cvs.length) notes.push(`  lambda.min: ${cvs.map(([k, r]) => `${k} ${r.lambdaMin!.toPrecision(6)}`).join(", ")}`);
    for (const [name, run] of [...Object.entries(o.systems), ...Object.entries(o.variants)]) {
      if (run.status !== "ok" && run.status !== "not run") notes.push(`  ${name} ${run.status}: ${run.message ?? ""}`.replace(/\n/g, "\n    "));
    }
  }
  return notes;
}
