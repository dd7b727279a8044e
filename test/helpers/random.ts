import { modelMatrix, type ModelMatrix } from "../../src/data/matrix.js";

/** A small seeded generator for test problems (mulberry32 + Box–Muller); tests only. */
export function rng(seed: number): { uniform(): number; normal(): number } {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** n × p design with AR(1) correlation ρ between neighbouring columns, random scales and means. */
export function randomProblem(seed: number, n: number, p: number, opts: { rho?: number; s?: number; family?: "gaussian" | "binomial" | "poisson" } = {}): { x: ModelMatrix; y: Float64Array; beta: Float64Array } {
  const r = rng(seed);
  const rho = opts.rho ?? 0;
  const cols: Float64Array[] = [];
  let prev = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = j === 0 ? r.normal() : rho * prev[i] + Math.sqrt(1 - rho * rho) * r.normal();
    prev = c;
    cols.push(c);
  }
  const s = Math.min(opts.s ?? 5, p);
  const beta = new Float64Array(p);
  for (let j = 0; j < s; j++) beta[Math.floor((j * p) / s)] = (r.uniform() < 0.5 ? -1 : 1) * (0.5 + r.uniform());
  const eta = new Float64Array(n);
  for (let j = 0; j < p; j++) if (beta[j]) for (let i = 0; i < n; i++) eta[i] += beta[j] * cols[j][i];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (opts.family === "binomial") y[i] = r.uniform() < 1 / (1 + Math.exp(-eta[i])) ? 1 : 0;
    else if (opts.family === "poisson") {
      const mu = Math.exp(0.3 * eta[i]);
      let k = 0, t = Math.exp(-mu), acc = t;
      const u = r.uniform();
      while (u > acc && k < 1000) { k++; t *= mu / k; acc += t; }
      y[i] = k;
    } else y[i] = eta[i] + r.normal();
  }
  // Rescale and shift columns so that standardization matters.
  const scaled = cols.map((c, j) => c.map((v) => v * (1 + j % 7) * 3 + j));
  for (let j = 0; j < p; j++) beta[j] /= (1 + j % 7) * 3;
  return { x: modelMatrix(scaled.map((_, j) => `x${j + 1}`), scaled), y, beta };
}
