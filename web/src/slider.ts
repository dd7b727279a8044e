/**
 * The λ slider: an <input type=range> over the fitted λs (index 0 = λ_max on the left, so the model
 * grows left to right as in the paths chart), with SUBSTEPS positions between neighbours for fine
 * movement. Between two fitted λs the slider moves evenly in log λ, the scale every chart uses.
 */
export const SUBSTEPS = 8;

/** The slider's largest value for a path of n λs. */
export function sliderMax(n: number): number {
  return Math.max(0, (n - 1) * SUBSTEPS);
}

/** λ at a slider position: log-linear between the fitted λs on either side. */
export function lambdaAtSlider(lambdas: ArrayLike<number>, position: number): number {
  const n = lambdas.length;
  if (n === 0) return NaN;
  const t = Math.min(Math.max(position / SUBSTEPS, 0), n - 1);
  const k = Math.min(Math.floor(t), n - 2);
  if (k < 0) return lambdas[0]!;
  const f = t - k;
  if (f === 0) return lambdas[k]!;
  if (f === 1) return lambdas[k + 1]!;
  return Math.exp((1 - f) * Math.log(lambdas[k]!) + f * Math.log(lambdas[k + 1]!));
}

/** The slider position nearest to λ (the inverse of lambdaAtSlider, rounded to a position). */
export function sliderAtLambda(lambdas: ArrayLike<number>, lambda: number): number {
  const n = lambdas.length;
  if (n <= 1 || lambda >= lambdas[0]!) return 0;
  if (lambda <= lambdas[n - 1]!) return sliderMax(n);
  let k = 0;
  while (k < n - 2 && lambdas[k + 1]! > lambda) k++;
  const f = Math.log(lambdas[k]! / lambda) / Math.log(lambdas[k]! / lambdas[k + 1]!);
  return Math.round((k + f) * SUBSTEPS);
}

/** Every slider position's λ, largest first (the λs a person can reach with the slider alone). */
export function sliderLambdas(lambdas: ArrayLike<number>): Float64Array {
  const out = new Float64Array(lambdas.length === 0 ? 0 : sliderMax(lambdas.length) + 1);
  for (let position = 0; position < out.length; position++) out[position] = lambdaAtSlider(lambdas, position);
  return out;
}

/**
 * Slider positions 0..count−1 in order of distance from `center` (center, center+1, center−1, …): the
 * order the worker explains them in, so the positions next to where the person is come first.
 */
export function positionsOutward(center: number, count: number): number[] {
  const out: number[] = [];
  const c = Math.min(Math.max(Math.round(center), 0), count - 1);
  if (count <= 0) return out;
  out.push(c);
  for (let d = 1; out.length < count; d++) {
    if (c + d < count) out.push(c + d);
    if (c - d >= 0) out.push(c - d);
  }
  return out;
}
