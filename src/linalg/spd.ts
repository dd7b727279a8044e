/** The solution of G·c = b for a small symmetric positive definite G (k×k, row-major; Cholesky), or null when singular. */
export function solveSpd(G: Float64Array, b: ArrayLike<number>): Float64Array | null {
  const k = b.length;
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = G[i * k + j];
      for (let l = 0; l < j; l++) sum -= L[i * k + l] * L[j * k + l];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i * k + i] = Math.sqrt(sum);
      } else L[i * k + j] = sum / L[j * k + j];
    }
  }
  const c = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    for (let l = 0; l < i; l++) c[i] -= L[i * k + l] * c[l];
    c[i] /= L[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    for (let l = i + 1; l < k; l++) c[i] -= L[l * k + i] * c[l];
    c[i] /= L[i * k + i];
  }
  return c;
}

/**
 * A solution of G·c = b for a small symmetric positive semidefinite G (k×k, row-major) by Cholesky that
 * drops each variable whose pivot falls below tol × its diagonal (collinear with those before it, as R's
 * lm drops aliased columns): its c is 0, and G·c is still the projection the others give.
 */
export function solveSpdDropping(G: Float64Array, b: ArrayLike<number>, tol = 1e-10): Float64Array {
  const k = b.length;
  const L = new Float64Array(k * k);
  const kept = new Uint8Array(k);
  for (let i = 0; i < k; i++) {
    let d = G[i * k + i];
    for (let l = 0; l < i; l++) d -= L[i * k + l] * L[i * k + l];
    if (!(d > tol * G[i * k + i])) continue;
    kept[i] = 1;
    L[i * k + i] = Math.sqrt(d);
    for (let r = i + 1; r < k; r++) {
      let s = G[r * k + i];
      for (let l = 0; l < i; l++) s -= L[r * k + l] * L[i * k + l];
      L[r * k + i] = s / L[i * k + i];
    }
  }
  const c = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    if (!kept[i]) continue;
    let s = b[i];
    for (let l = 0; l < i; l++) s -= L[i * k + l] * c[l];
    c[i] = s / L[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    if (!kept[i]) continue;
    let s = c[i];
    for (let l = i + 1; l < k; l++) s -= L[l * k + i] * c[l];
    c[i] = s / L[i * k + i];
  }
  return c;
}
