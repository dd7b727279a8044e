// The one Cholesky factorisation (src/linalg/spd.ts) and its solves, against hand-made matrices.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cholesky, choleskyFactor, choleskySolve, solveSpd, solveSpdDropping, submatrix } from "../../src/linalg/spd.js";

/** A·x for a row-major m×m A. */
function times(a: ArrayLike<number>, m: number, x: ArrayLike<number>): number[] {
  return Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => a[i * m + j] * x[j]).reduce((s, v) => s + v, 0));
}

// A = BᵀB + I for a fixed B: positive definite, 4×4.
const B = [1, 2, 0, -1, 0.5, -1, 3, 2, 2, 0, 1, 1, -1, 1, 0.5, 3];
const A = new Float64Array(16);
for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
  let s = i === j ? 1 : 0;
  for (let k = 0; k < 4; k++) s += B[k * 4 + i] * B[k * 4 + j];
  A[i * 4 + j] = s;
}

test("choleskyFactor: L·Lᵀ = A, L lower triangular, every column kept for a positive definite A", () => {
  const f = choleskyFactor(A, 4, 1e-12);
  assert.equal(f.rank, 4);
  assert.deepEqual(Array.from(f.kept), [1, 1, 1, 1]);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    if (j > i) assert.equal(f.l[i * 4 + j], 0);
    let s = 0;
    for (let k = 0; k < 4; k++) s += f.l[i * 4 + k] * f.l[j * 4 + k];
    assert.ok(Math.abs(s - A[i * 4 + j]) <= 1e-12 * Math.abs(A[i * 4 + i]), `(L·Lᵀ)[${i}][${j}]`);
  }
  assert.deepEqual(cholesky(A, 4), f.l);
});

test("solveSpd and choleskySolve: A·x = b", () => {
  const b = [1, -2, 3, 0.5];
  const x = solveSpd(A, b)!;
  times(A, 4, x).forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-12 * 10, `row ${i}: ${v} vs ${b[i]}`));
  assert.deepEqual(choleskySolve(cholesky(A, 4)!, 4, b), x);
});

test("a column that repeats another: cholesky and solveSpd say singular; the dropping solve gives it 0 and still projects", () => {
  // Columns 0 and 2 of G are equal (G = XᵀX with x2 = x0).
  const X = [1, 2, 1, 0, 1, 0, 3, 1, 3, -1, 2, -1];
  const G = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let r = 0; r < 4; r++) G[i * 3 + j] += X[r * 3 + i] * X[r * 3 + j];
  assert.equal(cholesky(G, 3), null);
  assert.equal(solveSpd(G, [1, 2, 3]), null);
  const f = choleskyFactor(G, 3, 1e-10);
  assert.deepEqual(Array.from(f.kept), [1, 1, 0]);
  assert.equal(f.rank, 2);
  const b = [4, 1, 4]; // in G's column space (b_0 = b_2), so G·c = b is solvable
  const c = solveSpdDropping(G, b);
  assert.equal(c[2], 0);
  times(G, 3, c).forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-10, `row ${i}: ${v} vs ${b[i]}`));
});

test("submatrix picks rows and columns", () => {
  assert.deepEqual(Array.from(submatrix(A, 4, [3, 1], [0, 2])), [A[12], A[14], A[4], A[6]]);
});
