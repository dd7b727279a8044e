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
