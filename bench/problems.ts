import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FamilyName } from "../src/model/family.js";
import { benchRng, foldIds } from "./rng.js";

/** One data set: X column-major (n×p), y, and how it was made. */
export interface BenchData {
  readonly key: string;
  readonly description: string;
  readonly family: FamilyName;
  readonly n: number;
  readonly p: number;
  /** Column-major, column j at [j·n, (j+1)·n). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly names: readonly string[];
}

/** A benchmark problem: a data set and what to fit on it. */
export interface BenchProblem {
  readonly name: string;
  readonly data: string;
  readonly kind: "path" | "cv";
  readonly alpha: number;
  readonly nfolds: number;
  /** Timed repetitions (median reported) and untimed warm-up runs before them. */
  readonly runs: number;
  readonly warmup: number;
}

/** A simulated data set: AR(1) columns and a sparse truth, glmnet's usual test bed. */
export interface SimulationSpec {
  readonly key: string;
  readonly family: FamilyName;
  readonly n: number;
  readonly p: number;
  /** Correlation between neighbouring columns, corr(x_j, x_k) = rho^|j−k|. */
  readonly rho: number;
  readonly nonzeros: number;
  /** Gaussian: signal-to-noise ratio var(xβ)/σ². */
  readonly snr: number;
  readonly seed: number;
}

export const SEED = 20240611;

/** The data sets of the full run (issue 8) and of --quick (the same shapes, smaller). */
export function simulationSpecs(quick: boolean): SimulationSpec[] {
  const s = quick ? { tall: [2000, 200], wide: [200, 4000], logistic: [1000, 50] } : { tall: [10000, 1000], wide: [500, 20000], logistic: [5000, 200] };
  return [
    { key: "tall", family: "gaussian", n: s.tall[0], p: s.tall[1], rho: 0.5, nonzeros: 20, snr: 3, seed: SEED + 1 },
    { key: "wide", family: "gaussian", n: s.wide[0], p: s.wide[1], rho: 0.5, nonzeros: 20, snr: 3, seed: SEED + 2 },
    { key: "logistic", family: "binomial", n: s.logistic[0], p: s.logistic[1], rho: 0.5, nonzeros: 20, snr: 3, seed: SEED + 3 },
  ];
}

export function problems(quick: boolean, runs?: number): BenchProblem[] {
  const r = (full: number, fast: number): number => runs ?? (quick ? fast : full);
  return [
    { name: "tall", data: "tall", kind: "path", alpha: 1, nfolds: 0, runs: r(5, 3), warmup: 1 },
    { name: "wide", data: "wide", kind: "path", alpha: 1, nfolds: 0, runs: r(5, 3), warmup: 1 },
    { name: "logistic", data: "logistic", kind: "path", alpha: 1, nfolds: 0, runs: r(5, 3), warmup: 1 },
    { name: "small", data: "diabetes", kind: "path", alpha: 1, nfolds: 0, runs: runs ?? 50, warmup: 5 },
    { name: "cv-tall", data: "tall", kind: "cv", alpha: 1, nfolds: 10, runs: r(3, 2), warmup: 0 },
    { name: "cv-logistic", data: "logistic", kind: "cv", alpha: 1, nfolds: 10, runs: r(3, 2), warmup: 0 },
  ];
}

/**
 * AR(1) design, generated column by column: x_1 = z_1, x_j = ρ·x_{j−1} + √(1−ρ²)·z_j, so each
 * column is standard normal and corr(x_j, x_k) = ρ^|j−k|, with no p×p matrix anywhere.
 * The true nonzeros are spread evenly over the columns, alternating in sign, magnitudes in
 * [0.5, 1.5]; gaussian y adds noise for the requested SNR, binomial y draws from the logistic.
 */
export function simulate(spec: SimulationSpec): BenchData {
  const { n, p, rho } = spec;
  const rng = benchRng(spec.seed);
  const x = new Float64Array(n * p);
  const innovation = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) x[i] = rng.normal();
  for (let j = 1; j < p; j++) {
    const prev = (j - 1) * n;
    const cur = j * n;
    for (let i = 0; i < n; i++) x[cur + i] = rho * x[prev + i] + innovation * rng.normal();
  }
  const k = Math.min(spec.nonzeros, p);
  const eta = new Float64Array(n);
  for (let t = 0; t < k; t++) {
    const j = Math.floor((t * p) / k);
    const b = (t % 2 === 0 ? 1 : -1) * (0.5 + rng.uniform());
    // Binomial: halve the signal so the classes overlap (no separation on the small problems).
    const scaled = spec.family === "binomial" ? b / 2 : b;
    for (let i = 0; i < n; i++) eta[i] += scaled * x[j * n + i];
  }
  const y = new Float64Array(n);
  if (spec.family === "gaussian") {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += eta[i] / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (eta[i] - mean) ** 2 / n;
    const sigma = Math.sqrt(v / spec.snr);
    for (let i = 0; i < n; i++) y[i] = eta[i] + sigma * rng.normal();
  } else {
    for (let i = 0; i < n; i++) y[i] = rng.uniform() < 1 / (1 + Math.exp(-eta[i])) ? 1 : 0;
  }
  const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const description = `${spec.family} n=${n} p=${p}, AR(1) ρ=${rho}, ${k} nonzeros`;
  return { key: spec.key, description, family: spec.family, n, p, x, y, names };
}

/** The diabetes data (Efron et al. 2004) as bundled in data/: 10 predictors, y = progression. */
export function diabetes(): BenchData {
  const file = fileURLToPath(new URL("../data/diabetes.csv", import.meta.url));
  const lines = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",");
  const yCol = header.indexOf("progression");
  if (yCol < 0) throw new Error(`${file}: no "progression" column`);
  const names = header.filter((_, j) => j !== yCol);
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  const n = rows.length;
  const p = names.length;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  rows.forEach((row, i) => {
    let j = 0;
    row.forEach((v, c) => {
      if (Number.isNaN(v)) throw new Error(`${file}: row ${i + 2} column ${c + 1} is not a number`);
      if (c === yCol) y[i] = v;
      else x[j++ * n + i] = v;
    });
  });
  return { key: "diabetes", description: `diabetes (gaussian n=${n} p=${p})`, family: "gaussian", n, p, x, y, names };
}

/** The data set a problem names, made on demand. */
export function loadData(key: string, quick: boolean): BenchData {
  if (key === "diabetes") return diabetes();
  const spec = simulationSpecs(quick).find((s) => s.key === key);
  if (!spec) throw new Error(`bench: unknown data set "${key}"`);
  return simulate(spec);
}

/** The fold ids every system uses for a cross-validated problem (seeded, so all agree). */
export function problemFolds(data: BenchData, nfolds: number): Int32Array {
  return foldIds(benchRng(SEED + 100 + data.n), data.n, nfolds);
}
