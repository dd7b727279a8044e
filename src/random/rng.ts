// The seeded random-number generator, below every other folder: cross-validation draws its
// random folds from it and the simulations draw their designs and data from it.
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { OptionError } from "../errors.js";
import { checkArguments, numbersRule, countRule, fieldsRule, functionRule, type Rule, shown } from "../data/arguments.js";

/**
 * A seeded source of random numbers that gives the same sequence in Node and in every browser.
 *
 * The bits come from xoroshiro128+ (pure-rand, 32-bit integer arithmetic only). Uniforms are
 * multiples of 2⁻⁵³ built from two outputs. Normals use Marsaglia's polar method, which needs
 * only +, ×, ÷, √ (all correctly rounded by IEEE 754) and a logarithm; Math.log is not required
 * by the ECMAScript spec to be correctly rounded and engines differ in the last bit, so the
 * logarithm is our own port of fdlibm's (the algorithm V8 uses), built from exact operations.
 */
export interface Rng {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A standard normal number. */
  normal(): number;
  /** A uniform integer in 0 .. m−1. */
  integer(m: number): number;
  /** The generator state (four 32-bit integers), enough to continue the sequence elsewhere. */
  state(): number[];
}

/** Check that a seed is an integer that the generator can use without losing bits. */
export function checkSeed(seed: number, option = "seed"): number {
  if (!Number.isInteger(seed) || Math.abs(seed) > 0xffffffff) {
    throw new OptionError(`${option} must be an integer between -4294967295 and 4294967295, got ${shown(seed)}`, option);
  }
  return seed | 0;
}

/** A generator started from a seed. */
export function createRng(seed: number): Rng {
  return wrap(xoroshiro128plus(checkSeed(seed)));
}

/** A generator continuing from a state returned by `state()` or `streamStates`. */
export function rngFromState(state: readonly number[]): Rng {
  checkArguments("rngFromState", { state }, { state: STATE });
  return wrap(xoroshiro128plusFromState(state));
}

/**
 * States of `count` independent streams derived from one seed: stream r starts 2⁶⁴·(r+1) draws
 * into the seed's sequence (xoroshiro128+'s jump), so streams never overlap in any feasible run.
 * Repetition r of an experiment uses stream r wherever it runs, which is why parallel and
 * sequential runs agree to the bit.
 */
export function streamStates(seed: number, count: number): number[][] {
  checkArguments("streamStates", { seed, count }, { seed: SEED, count: countRule });
  const g = xoroshiro128plus(checkSeed(seed));
  const states: number[][] = [];
  for (let r = 0; r < count; r++) {
    g.jump();
    states.push([...g.getState()]);
  }
  return states;
}

function wrap(g: ReturnType<typeof xoroshiro128plus>): Rng {
  let spare = NaN;
  let hasSpare = false;
  const uniform = () => uniformFloat64(g);
  return {
    uniform,
    normal() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // Marsaglia's polar method: two normals per accepted point of the unit disc.
      for (;;) {
        const v1 = 2 * uniform() - 1;
        const v2 = 2 * uniform() - 1;
        const s = v1 * v1 + v2 * v2;
        if (s >= 1 || s === 0) continue;
        const m = Math.sqrt((-2 * log(s)) / s);
        spare = v2 * m;
        hasSpare = true;
        return v1 * m;
      }
    },
    integer(m: number) {
      return Math.floor(uniform() * m);
    },
    state() {
      // A pending spare normal is not part of the state: streams are always started fresh.
      return [...g.getState()];
    },
  };
}

/** A random permutation of 0 .. n−1 (Fisher–Yates). */
export function permutation(rng: Rng, n: number): Int32Array {
  checkArguments("permutation", { rng, n }, { rng: RNG, n: countRule });
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** Fold ids 1..nfolds, as balanced as possible and randomly assigned (cv.glmnet's scheme). */
export function randomFolds(rng: Rng, n: number, nfolds: number): Int32Array {
  checkArguments("randomFolds", { rng, n, nfolds }, { rng: RNG, n: countRule, nfolds: countRule });
  const order = permutation(rng, n);
  const foldid = new Int32Array(n);
  for (let i = 0; i < n; i++) foldid[order[i]] = (i % nfolds) + 1;
  return foldid;
}

// fdlibm's __ieee754_log (Sun Microsystems, 1993), the algorithm V8 ships as Math.log.
const ln2Hi = 6.93147180369123816490e-1;
const ln2Lo = 1.90821492927058770002e-10;
const two54 = 1.8014398509481984e16;
const Lg1 = 6.666666666666735130e-1;
const Lg2 = 3.999999999940941908e-1;
const Lg3 = 2.857142874366239149e-1;
const Lg4 = 2.222219843214978396e-1;
const Lg5 = 1.818357216161805012e-1;
const Lg6 = 1.531383769920937332e-1;
const Lg7 = 1.479819860511658591e-1;
const view = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(0);
}

function lowWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(4);
}

function withHighWord(x: number, hi: number): number {
  view.setFloat64(0, x);
  view.setInt32(0, hi);
  return view.getFloat64(0);
}

/** The natural logarithm, bit-identical on every JavaScript engine (fdlibm's algorithm). */
export function log(x: number): number {
  if (typeof x !== "number") throw new OptionError(`log: x must be a number, got ${shown(x)}`, "x");
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= two54; // subnormal: scale up
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i0 ^ 0x3ff00000)); // normalize x or x/2
  k += i0 >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * ln2Hi + k * ln2Lo;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return k * ln2Hi - (R - k * ln2Lo - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2Hi - (hfsq - (s * (hfsq + R) + dk * ln2Lo) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * ln2Hi - (s * (f - R) - dk * ln2Lo - f);
}

/** A generator's state: four 32-bit integers, from state() or streamStates. */
const STATE: Rule = numbersRule({ integer: true });

/** A seed, as checkSeed checks it. */
const SEED: Rule = (v) => void checkSeed(v as number);

/** A seeded generator (Rng), from createRng(seed). */
const RNG: Rule = fieldsRule("a random number generator, from createRng(seed)", { uniform: functionRule, integer: functionRule });
