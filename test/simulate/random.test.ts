import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng, rngFromState, streamStates, log, permutation, randomFolds, checkSeed } from "../../src/random/rng.js";

const MASK64 = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK64;

/** xoroshiro128+ (Blackman and Vigna, parameters 24, 16, 37) written independently with 64-bit BigInts. */
function referenceXoroshiro(s0: bigint, s1: bigint) {
  return () => {
    const out = (s0 + s1) & MASK64;
    s1 ^= s0;
    s0 = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & MASK64);
    s1 = rotl(s1, 37n);
    return out;
  };
}

test("uniforms are the xoroshiro128+ sequence, 53 bits from two outputs", () => {
  const seed = 12345;
  // pure-rand seeds the state as s0 = 0xffffffff·2³² + ~seed, s1 = seed·2³² (32-bit words).
  const s0 = (0xffffffffn << 32n) | BigInt(~seed >>> 0);
  const s1 = BigInt(seed >>> 0) << 32n;
  const next = referenceXoroshiro(s0, s1);
  const rng = createRng(seed);
  for (let i = 0; i < 1000; i++) {
    const a = Number(next() & 0x3ffffffn); // low 32 bits of each output, masked to 26 and 27 bits
    const b = Number(next() & 0x7ffffffn);
    assert.equal(rng.uniform(), (a * 2 ** 27 + b) / 2 ** 53);
  }
});

test("the same seed gives the same numbers; another seed gives others", () => {
  const draw = (seed: number) => {
    const r = createRng(seed);
    return Array.from({ length: 50 }, (_, i) => (i % 2 ? r.normal() : r.uniform()));
  };
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
});

test("a generator continued from its state continues the sequence", () => {
  const a = createRng(99);
  a.uniform();
  const b = rngFromState(a.state());
  for (let i = 0; i < 20; i++) assert.equal(b.uniform(), a.uniform());
});

test("streams: stream r is the same however many streams are asked for, and streams differ", () => {
  const few = streamStates(3, 2);
  const many = streamStates(3, 10);
  assert.deepEqual(few, many.slice(0, 2));
  const firsts = many.map((s) => rngFromState(s).uniform());
  assert.equal(new Set(firsts).size, firsts.length);
  // Uncorrelated: the sample correlation of two streams' uniforms is near 0.
  const a = rngFromState(many[0]);
  const b = rngFromState(many[1]);
  let sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const u = a.uniform(), v = b.uniform();
    sa += u; sb += v; sab += u * v; saa += u * u; sbb += v * v;
  }
  const cov = sab / n - (sa / n) * (sb / n);
  const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
  assert.ok(Math.abs(r) < 4 / Math.sqrt(n), `correlation ${r}`);
});

test("log is fdlibm's: bit-identical to V8's Math.log, across the whole range", () => {
  const rng = createRng(1);
  for (let t = 0; t < 20000; t++) {
    const u = rng.uniform();
    for (const x of [u, 1 / u, u * 1e-300, u * 1e300, 1 + u * 1e-7, 1 - u * 1e-7, u * 2 ** -1070]) {
      assert.equal(log(x), Math.log(x), `log(${x})`);
    }
  }
  assert.equal(log(0), -Infinity);
  assert.ok(Number.isNaN(log(-1)));
  assert.equal(log(Infinity), Infinity);
  assert.equal(log(1), 0);
});

test("normals have mean 0, variance 1, no skew and normal tails", () => {
  const rng = createRng(2024);
  const n = 200000;
  let m1 = 0, m2 = 0, m3 = 0, m4 = 0, beyond2 = 0;
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    m1 += z; m2 += z * z; m3 += z ** 3; m4 += z ** 4;
    if (Math.abs(z) > 1.959964) beyond2++;
  }
  m1 /= n; m2 /= n; m3 /= n; m4 /= n;
  assert.ok(Math.abs(m1) < 4 / Math.sqrt(n), `mean ${m1}`);
  assert.ok(Math.abs(m2 - 1) < 4 * Math.sqrt(2 / n), `variance ${m2}`);
  assert.ok(Math.abs(m3) < 4 * Math.sqrt(15 / n), `third moment ${m3}`);
  assert.ok(Math.abs(m4 - 3) < 4 * Math.sqrt(96 / n), `fourth moment ${m4}`);
  const tail = beyond2 / n;
  assert.ok(Math.abs(tail - 0.05) < 4 * Math.sqrt(0.05 * 0.95 / n), `P(|z| > 1.96) = ${tail}`);
});

test("permutations hold every index once; folds are balanced", () => {
  const rng = createRng(5);
  const perm = permutation(rng, 37);
  assert.deepEqual([...perm].sort((a, b) => a - b), Array.from({ length: 37 }, (_, i) => i));
  const folds = randomFolds(rng, 103, 10);
  const counts = new Array(11).fill(0);
  for (const f of folds) counts[f]++;
  assert.equal(counts[0], 0);
  for (let k = 1; k <= 10; k++) assert.ok(counts[k] === 10 || counts[k] === 11);
});

test("seeds must be integers", () => {
  assert.throws(() => checkSeed(1.5), /seed/);
  assert.throws(() => createRng(Number.NaN), /seed/);
  assert.equal(checkSeed(-3), -3);
});
