/**
 * A chart asked to be shorter than it can be read is drawn taller: every chart keeps a plot area of at least
 * MIN_PLOT_HEIGHT, the pull chart a row of ROW_HEIGHT per variable, and the spec says when the height asked
 * for was raised (the tester's --height 150 drew six names over each other and a path 15 px tall).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderSpec } from "../../src/plot/render.node.js";
import { coefficientPathSpec } from "../../src/plot/path.js";
import { cvCurveSpec } from "../../src/plot/cv.js";
import { pullPriceSpec, type PullPriceInput } from "../../src/plot/pull.js";
import { ridgeSpectrumSpec } from "../../src/plot/spectrum.js";
import { recoverySpec, type RecoveryInput } from "../../src/plot/recovery.js";
import { MIN_PLOT_HEIGHT, ROW_HEIGHT, type ChartOptions, type ChartSpec } from "../../src/plot/common.js";
import { assertRowsApart, parseSvg, viewBoxHeight } from "./geometry.js";
import { pullOneLine, referenceCv, referencePath, smallSpectrum } from "./fixtures.js";

const diabetes = referencePath("diabetes_lasso");

const fractions = Array.from({ length: 20 }, (_, k) => Math.pow(10, -k / 5));
const recovery: RecoveryInput = {
  fractions,
  methods: ["lasso", "ridge"].map((method) => ({
    method,
    alongLambda: { pExact: fractions.map((_, k) => Math.max(0, 1 - Math.abs(k - 8) / 6)) },
    lambdaMin: { meanFraction: 1e-3 },
    lambda1se: { meanFraction: 0.05 },
  })),
  settings: { reps: 100 },
};

/** Every chart kind, as a spec at the given options. */
const specs: Array<[string, (options: ChartOptions) => ChartSpec]> = [
  ["path", (o) => coefficientPathSpec(diabetes, { ...o, lambda: 1 })],
  ["cv", (o) => cvCurveSpec(referenceCv("diabetes_lasso"), { ...o, lambda: 1e-9 })],
  ["pull", (o) => pullPriceSpec(pullOneLine, o)],
  ["spectrum", (o) => ridgeSpectrumSpec(smallSpectrum, o)],
  ["recovery", (o) => recoverySpec(recovery, o)],
];

/** The height between the plot's top and bottom margins. */
function plotAreaHeight(spec: ChartSpec): number {
  return Number(spec.plot.height) - Number(spec.plot.marginTop) - Number(spec.plot.marginBottom);
}

/** 40 variables, as the tester's wide.csv. */
const forty: PullPriceInput = (() => {
  const features = Array.from({ length: 40 }, (_, j) => `z${j}`);
  const pull = features.map((_, j) => ((j * 7) % 40) / 100);
  return { features, pull, price: features.map(() => 0.39), status: pull.map((p) => (p >= 0.39 ? "active" : "zero")), lambda: 0.39 };
})();

test("every chart asked for a height too short to read keeps a plot area of MIN_PLOT_HEIGHT, and says it was drawn taller", () => {
  for (const [kind, spec] of specs) {
    for (const width of [640, 200]) {
      const what = `${kind}, width ${width}`;
      const s = spec({ height: 150, width });
      // the least height that keeps the plot area, not more
      assert.equal(plotAreaHeight(s), MIN_PLOT_HEIGHT, what);
      assert.deepEqual(s.heightRaised && { requested: s.heightRaised.requested, height: s.heightRaised.height }, { requested: 150, height: s.plot.height }, what);
      assert.match(s.heightRaised!.reason, new RegExp(`${MIN_PLOT_HEIGHT} px`), what);
      assert.equal(viewBoxHeight(parseSvg(renderSpec(s))), s.plot.height, `${what}: the SVG is as tall as the spec`);
    }
  }
});

test("a height with room is kept as asked, and the default height needs no raising", () => {
  for (const [kind, spec] of specs) {
    const asked = spec({ height: 700 });
    assert.equal(asked.plot.height, 700, kind);
    assert.equal(asked.heightRaised, undefined, kind);
    const byDefault = spec({});
    assert.equal(byDefault.heightRaised, undefined, kind);
    assert.ok(plotAreaHeight(byDefault) >= MIN_PLOT_HEIGHT, `${kind}: default plot area ${plotAreaHeight(byDefault)}`);
  }
});

test("pull chart with 40 variables: the names are a row apart at any height asked, the SVG as tall as they need", () => {
  for (const height of [150, 300, 1000]) {
    const spec = pullPriceSpec(forty, { height });
    const svg = parseSvg(renderSpec(spec));
    assertRowsApart(svg, 'g[aria-label="y-axis tick label"] text', ROW_HEIGHT, `height ${height}`, forty.features.length);
    assert.ok(viewBoxHeight(svg) >= height, `height ${height}: drawn ${viewBoxHeight(svg)}`);
    if (spec.heightRaised) assert.match(spec.heightRaised.reason, /40 variables/);
  }
  assert.ok(pullPriceSpec(forty, { height: 300 }).heightRaised, "300 px is too short for 40 rows");
});

test("path chart at the least height: as many curve labels as fit a row apart, none over another", () => {
  const svg = parseSvg(renderSpec(coefficientPathSpec(diabetes, { height: 150 })));
  const expected = Math.min(diabetes.features.length, Math.floor(MIN_PLOT_HEIGHT / ROW_HEIGHT));
  assertRowsApart(svg, "g.curve-label > text", ROW_HEIGHT, "path at height 150", expected);
});
