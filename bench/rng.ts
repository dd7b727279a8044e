/**
 * A small seeded generator for the benchmark's problems (xoshiro128**), so every run and
 * every machine fits the same data. The benchmark keeps its own rather than the simulate
 * module's, whose designs build a p×p covariance (3.2 GB at p = 20,000); AR(1) columns can
 * be generated one from the previous instead.
 */
export interface BenchRng {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal (Box–Muller, second value cached). */
  normal(): number;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export function benchRng(seed: number): BenchRng {
  // splitmix32 spreads the seed over the four words of state (never all zero).
  let z = seed >>> 0;
  const next32 = (): number => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
    return (t ^ (t >>> 16)) >>> 0;
  };
  const s = [next32(), next32(), next32(), next32() | 1];
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const uniform = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  let spare = NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  return { uniform, normal };
}

/** Fold ids 1..nfolds, as balanced as possible, in a seeded random order (cv.glmnet's scheme). */
export function foldIds(rng: BenchRng, n: number, nfolds: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = (i % nfolds) + 1;
  for (let i = n - 1; i > 0; i--) {
    const k = Math.floor(rng.uniform() * (i + 1));
    const t = ids[i];
    ids[i] = ids[k];
    ids[k] = t;
  }
  return ids;
}
