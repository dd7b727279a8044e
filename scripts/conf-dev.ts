import { fitPath } from "../src/solve/path.js";
import { coefficientsAt } from "../src/solve/predict.js";
import { REFERENCES, loadReference, referenceProblem } from "../test/helpers/reference.js";
import { objective } from "../test/helpers/objective.js";
for (const name of REFERENCES) {
  const ref = loadReference(name);
  const { x, y } = referenceProblem(ref);
  const pf = ref.features.map((f) => ref.options.penaltyFactor[f] ?? 1);
  const base = { family: ref.family, alpha: ref.options.alpha, standardize: ref.options.standardize, intercept: ref.options.intercept, penaltyFactor: pf };
  const t0 = performance.now();
  const path = fitPath(x, y, { ...base, thresh: Number(process.env.TH ?? 1e-14) });
  const t1 = performance.now();
  let maxLam = 0;
  for (let k = 0; k < Math.min(path.lambda.length, ref.lambda.length); k++) maxLam = Math.max(maxLam, Math.abs(path.lambda[k] / ref.lambda[k] - 1));
  let maxDev = 0, maxDf = 0;
  for (let k = 0; k < Math.min(path.lambda.length, ref.lambda.length); k++) { maxDev = Math.max(maxDev, Math.abs(path.devRatio[k] - ref.devRatio[k])); maxDf = Math.max(maxDf, Math.abs(path.df[k] - ref.df[k])); }
  const tight = fitPath(x, y, { ...base, lambda: ref.lambda, thresh: 1e-13 });
  let worst = -Infinity, tdev = 0, tdf = 0;
  for (let k = 0; k < ref.lambda.length; k++) {
    const o = { ...base, lambda: ref.lambda[k] };
    const ours = objective(x, y, ref.family, o, tight.intercept[k], coefficientsAt(tight, k));
    const theirs = objective(x, y, ref.family, o, ref.intercept[k], ref.coefficients[k]);
    worst = Math.max(worst, (ours - theirs) / Math.abs(theirs));
    tdev = Math.max(tdev, Math.abs(tight.devRatio[k] - ref.devRatio[k])); if (k>0 || ref.options.alpha>0) tdf = Math.max(tdf, Math.abs(tight.df[k] - ref.df[k]));
  }
  console.log(name.padEnd(22), `len ${path.lambda.length}/${ref.lambda.length}`, `lam ${maxLam.toExponential(1)}`, `dev ${maxDev.toExponential(1)}`, `df ${maxDf}`, `obj ${worst.toExponential(2)}`, `tdev ${tdev.toExponential(1)} tdf ${tdf}`, `nulldev ${(path.nullDeviance/ref.nullDeviance-1).toExponential(1)}`, `${(t1-t0).toFixed(1)}ms`, path.warnings.join(";"));
}
