/**
 * The shift c that minimises the elastic net of one variable's K class coefficients,
 *   Σ_k [α|a_k − c| + (1−α)/2·(a_k − c)²],
 * over c (Friedman, Hastie & Tibshirani 2010, §4: the symmetric multinomial is not identified, since adding c
 * to every class's coefficient leaves the probabilities unchanged; the penalty picks one c). α = 0 gives the
 * mean, α = 1 the median (the middle of the middle two for even K); in between the minimum lies where
 * (1−α)K(c − mean) = α(#{a_k > c} − #{a_k < c}), or at a kink a_k. `sorted`: room for K numbers (the
 * solver's, so that the centring step of every pass allocates nothing).
 */
export function classShift(a: ArrayLike<number>, alpha: number, sorted: Float64Array = new Float64Array(a.length)): number {
  const K = a.length;
  let mean = 0;
  for (let k = 0; k < K; k++) mean += a[k];
  mean /= K;
  if (alpha === 0 || K === 2) return mean;
  const s = sortInto(a, sorted);
  if (s[0] === s[K - 1]) return s[0];
  const median = K % 2 === 1 ? s[(K - 1) / 2] : 0.5 * (s[K / 2 - 1] + s[K / 2]);
  if (alpha === 1) return median;
  return betweenMeanAndMedian(a, alpha, s, mean, median);
}

/**
 * classShift for 0 < α < 1: the best of the stretches' stationary points and the kinks. Apart from
 * classShift, whose every call (once per active variable and pass) would otherwise allocate the
 * closures' context.
 */
function betweenMeanAndMedian(a: ArrayLike<number>, alpha: number, s: Float64Array, mean: number, median: number): number {
  const K = a.length;
  const cost = (c: number): number => {
    let v = 0;
    for (let k = 0; k < K; k++) v += alpha * Math.abs(a[k] - c) + ((1 - alpha) / 2) * (a[k] - c) ** 2;
    return v;
  };
  // The minimum lies between the mean and the median: try each open stretch between sorted values
  // (m below, K − m above), and each value itself.
  const r = alpha / ((1 - alpha) * K);
  let best = median, bestCost = cost(median);
  const consider = (c: number) => {
    const v = cost(c);
    if (v < bestCost) {
      best = c;
      bestCost = v;
    }
  };
  for (let m = 0; m <= K; m++) {
    const c = mean + r * (K - 2 * m);
    const lo = m === 0 ? -Infinity : s[m - 1], hi = m === K ? Infinity : s[m];
    if (c > lo && c < hi) consider(c);
  }
  for (const c of s) consider(c);
  return best;
}

/** a's K values in increasing order into out (insertion sort, stable: K is small), as a view of length K. */
function sortInto(a: ArrayLike<number>, out: Float64Array): Float64Array {
  const K = a.length;
  for (let k = 0; k < K; k++) {
    const v = a[k];
    let m = k;
    while (m > 0 && out[m - 1] > v) {
      out[m] = out[m - 1];
      m--;
    }
    out[m] = v;
  }
  return out.length === K ? out : out.subarray(0, K);
}

/**
 * The class shift s kept so that every coefficient a_k − s stays within its limits [lower, upper] (read
 * from offset o): s within [max_k(a_k − upper_k), min_k(a_k − lower_k)], as glmnet's elc keeps it.
 */
export function shiftWithinLimits(s: number, a: ArrayLike<number>, lower: Float64Array, upper: Float64Array, o: number): number {
  let least = -Infinity, most = Infinity;
  for (let k = 0; k < a.length; k++) {
    least = Math.max(least, a[k] - upper[o + k]);
    most = Math.min(most, a[k] - lower[o + k]);
  }
  return Math.max(least, Math.min(most, s));
}
