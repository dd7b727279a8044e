/** The snapshot cases: each renders one chart from fixed inputs to SVG markup. */
import { renderSvg } from "../../src/plot/render.node.js";
import { coefficientPathChart } from "../../src/plot/path.js";
import { cvCurveChart } from "../../src/plot/cv.js";
import { pullPriceChart } from "../../src/plot/pull.js";
import { ridgeSpectrumChart } from "../../src/plot/spectrum.js";
import { pullOneLine, pullTicks, referenceCv, referencePath, smallCv, smallPath, smallSpectrum } from "./fixtures.js";

export interface SnapshotCase {
  readonly name: string;
  readonly render: () => string;
}

const diabetes = referencePath("diabetes_lasso");
const diabetesCv = referenceCv("diabetes_lasso");

export const snapshotCases: readonly SnapshotCase[] = [
  { name: "path-small-lambda", render: () => renderSvg(coefficientPathChart, smallPath, { lambda: 0.3 }) },
  { name: "path-small-glmnet-orientation", render: () => renderSvg(coefficientPathChart, smallPath, { lambda: 0.3, reverse: false }) },
  { name: "path-small-norm", render: () => renderSvg(coefficientPathChart, smallPath, { xvar: "norm", lambda: 0.3 }) },
  { name: "path-small-dev", render: () => renderSvg(coefficientPathChart, smallPath, { xvar: "dev", lambda: 0.3 }) },
  { name: "path-diabetes-lambda", render: () => renderSvg(coefficientPathChart, diabetes, { lambda: diabetesCv.lambda1se }) },
  { name: "path-diabetes-norm", render: () => renderSvg(coefficientPathChart, diabetes, { xvar: "norm", lambda: 1, title: null, subtitle: null }) },
  { name: "cv-small", render: () => renderSvg(cvCurveChart, smallCv, {}) },
  { name: "cv-diabetes", render: () => renderSvg(cvCurveChart, diabetesCv, { lambda: 2 }) },
  { name: "pull-one-line", render: () => renderSvg(pullPriceChart, pullOneLine, {}) },
  { name: "pull-ticks", render: () => renderSvg(pullPriceChart, pullTicks, { sort: "pull", width: 480 }) },
  // Labels at the edges: a λ beyond the path noted inside the edge, the price label at the axis end left of
  // its line, long names shortened in a narrow chart.
  { name: "path-diabetes-below", render: () => renderSvg(coefficientPathChart, diabetes, { lambda: 1e-6 }) },
  { name: "cv-diabetes-above", render: () => renderSvg(cvCurveChart, diabetesCv, { lambda: 1e4 }) },
  {
    name: "pull-long-names-narrow",
    render: () =>
      renderSvg(pullPriceChart, { ...pullTicks, features: pullTicks.features.map((f) => `${f}_measurement_of_the_patient_xx`.slice(0, 30)), price: [0.4, 0.4, 0.4, 0.4], status: ["zero", "active", "zero", "zero"], lambda: 0.4 }, { width: 320 }),
  },
  { name: "spectrum-small", render: () => renderSvg(ridgeSpectrumChart, smallSpectrum, {}) },
];
