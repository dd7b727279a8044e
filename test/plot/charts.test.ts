/**
 * Each chart contains what it claims: one curve per ever-nonzero variable, the λ marker, the λ_min/λ_1se
 * rules, one bar per variable, text alternatives; and the helpers compute what glmnet computes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { renderSvg } from "../../src/plot/render.node.js";
import {
  coefficientPathChart,
  coefficientsAtLambda,
  everNonzero,
  lambdaAtPathX,
  pathXAtLambda,
  pathXValues,
} from "../../src/plot/path.js";
import { cvCurveChart, measureName } from "../../src/plot/cv.js";
import { commonPrice, pullPriceChart, STATUS_COLORS } from "../../src/plot/pull.js";
import { ridgeSpectrumChart, spectrumRows } from "../../src/plot/spectrum.js";
import { dodgePositions, modelLine, niceTicks, normalizePlotIds, type ModelDescription } from "../../src/plot/common.js";
import { lambdaInterpolation } from "../../src/solve/lambda-interpolation.js";
import { pullOneLine, pullTicks, referenceCv, referencePath, smallCv, smallPath, smallSpectrum } from "./fixtures.js";

/** Parse SVG markup into a queryable element. */
function parseSvg(markup: string): Element {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`);
  const svg = document.querySelector("svg");
  assert.ok(svg, "no <svg> element");
  return svg as unknown as Element;
}

function all(svg: Element, selector: string): Element[] {
  return [...svg.querySelectorAll(selector)];
}

function texts(svg: Element, selector: string): string[] {
  return all(svg, selector).map((e) => e.textContent ?? "");
}

/** Every chart must carry its text alternatives: aria-label, role, <title> and <desc>. */
function assertTextAlternatives(svg: Element, name: string): void {
  assert.equal(svg.getAttribute("role"), "img", `${name}: role`);
  assert.ok((svg.getAttribute("aria-label") ?? "").length > 0, `${name}: aria-label`);
  assert.ok((svg.getAttribute("aria-description") ?? "").length > 20, `${name}: aria-description`);
  assert.equal(all(svg, ":scope > title").length, 1, `${name}: <title>`);
  assert.equal(all(svg, ":scope > desc").length, 1, `${name}: <desc>`);
  assert.equal(svg.getAttribute("xmlns"), "http://www.w3.org/2000/svg", `${name}: xmlns`);
}

test("path chart: one curve per ever-nonzero variable, titled with its name; none for a variable never nonzero", () => {
  const svg = parseSvg(renderSvg(coefficientPathChart, smallPath, { lambda: 0.3 }));
  assertTextAlternatives(svg, "path");
  const curves = all(svg, "g.coefficient-path > path");
  assert.equal(curves.length, 4);
  const names = curves.map((c) => c.querySelector("title")?.textContent);
  assert.deepEqual([...names].sort(), ["age", "bmi", "bp", "s5"]);
  assert.ok(!names.includes("sex"));
  // each curve has one vertex per λ
  for (const c of curves) assert.equal((c.getAttribute("d") ?? "").split("L").length, smallPath.lambda.length);
  assert.deepEqual(texts(svg, "g.curve-label > text").sort(), ["age", "bmi", "bp", "s5"]);
});

test("path chart: the λ marker, with dots at glmnet's interpolated coefficients", () => {
  const svg = parseSvg(renderSvg(coefficientPathChart, smallPath, { lambda: 0.3 }));
  assert.equal(all(svg, "g.lambda-marker > line").length, 1);
  assert.deepEqual(texts(svg, "g.lambda-marker-label text"), ["λ = 0.3"]);
  // λ = 0.3 lies between 0.5 and 0.2, one third of the way from 0.2: bmi = 0.62/3 + 2·0.81/3.
  const dots = texts(svg, "g.lambda-marker-coefficients circle title");
  assert.equal(dots.length, 4);
  assert.ok(dots.includes("bmi: 0.747"), dots.join(", "));
  assert.ok(dots.includes("age: 0"), dots.join(", "));
  // the marker sits between the vertices of λ = 0.5 and λ = 0.2 (large λ on the left by default)
  const x = Number(all(svg, "g.lambda-marker > line")[0]!.getAttribute("x1"));
  const bmi = all(svg, "g.coefficient-path > path").find((c) => c.querySelector("title")?.textContent === "bmi")!;
  const xs = (bmi.getAttribute("d") ?? "").slice(1).split("L").map((pt) => Number(pt.split(",")[0]));
  assert.ok(xs[2]! < x && x < xs[3]!, `${xs[2]} < ${x} < ${xs[3]}`);
  assert.ok(xs[0]! < xs[4]!, "large λ on the left");
});

test("path chart: no marker without a λ; glmnet's orientation puts large λ on the right", () => {
  const svg = parseSvg(renderSvg(coefficientPathChart, smallPath, { reverse: false }));
  assert.equal(all(svg, "g.lambda-marker").length, 0);
  const first = all(svg, "g.coefficient-path > path")[0]!;
  const xs = (first.getAttribute("d") ?? "").slice(1).split("L").map((pt) => Number(pt.split(",")[0]));
  assert.ok(xs[0]! > xs[4]!);
});

test("path chart: df along the top axis at the tick positions of the bottom axis", () => {
  const svg = parseSvg(renderSvg(coefficientPathChart, smallPath, { lambda: 0.3 }));
  const axes = all(svg, 'g[aria-label="x-axis tick label"]');
  assert.equal(axes.length, 2);
  const [bottom, top] = axes.map((g) => [...g.querySelectorAll("text")].map((t) => t.textContent ?? ""));
  assert.equal(top!.length, bottom!.length);
  for (const label of top!) assert.match(label, /^[0-4]$/);
  assert.ok(texts(svg, "text").includes("Nonzero coefficients (df)"));
});

test("path chart on glmnet's diabetes lasso: ten curves, all three xvars", () => {
  const path = referencePath("diabetes_lasso");
  for (const xvar of ["lambda", "norm", "dev"] as const) {
    const svg = parseSvg(renderSvg(coefficientPathChart, path, { xvar, lambda: 5 }));
    assert.equal(all(svg, "g.coefficient-path > path").length, 10, xvar);
    assert.equal(all(svg, "g.lambda-marker > line").length, 1, xvar);
  }
});

test("path chart with more variables than label room: every curve drawn, the largest ones labelled", () => {
  const p = 60;
  const features = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const ends = features.map((_, j) => (j % 2 ? -1 : 1) * (j + 1) * 0.01);
  const path = {
    features,
    lambda: Float64Array.from([1, 0.5]),
    df: Int32Array.from([0, p]),
    devRatio: Float64Array.from([0, 0.9]),
    beta: [
      { index: new Int32Array(0), value: new Float64Array(0) },
      { index: Int32Array.from(features.map((_, j) => j)), value: Float64Array.from(ends) },
    ],
  };
  const svg = parseSvg(renderSvg(coefficientPathChart, path, { height: 400 }));
  assert.equal(all(svg, "g.coefficient-path > path").length, p);
  const labels = texts(svg, "g.curve-label > text");
  assert.ok(labels.length > 10 && labels.length < p, `${labels.length} labels`);
  assert.ok(labels.includes("x60") && labels.includes("x59"), "the largest coefficients are labelled");
  assert.ok(!labels.includes("x1"), "the smallest is not");
  // labels do not overlap: at least 12 px apart
  const ys = all(svg, "g.curve-label > text")
    .map((t) => Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute("transform") ?? "")![1]))
    .sort((a, b) => a - b);
  for (let i = 1; i < ys.length; i++) assert.ok(ys[i]! - ys[i - 1]! >= 12 - 1e-9);
});

test("path helpers: coefficients interpolate linearly in λ and clamp; x for each xvar; λ back from x", () => {
  assert.deepEqual([...coefficientsAtLambda(smallPath, 5)], [0, 0, 0, 0, 0]);
  assert.deepEqual([...coefficientsAtLambda(smallPath, 0.01)], [0.05, 0, 0.9, 0.18, 0.4]);
  const mid = coefficientsAtLambda(smallPath, 0.75);
  assert.ok(Math.abs(mid[2]! - (0.35 + 0.62) / 2) < 1e-12);
  assert.deepEqual(everNonzero(smallPath), [0, 2, 3, 4]);
  const norm = pathXValues(smallPath, "norm");
  assert.ok(Math.abs(norm[3]! - (0.81 + 0.12 + 0.33)) < 1e-12);
  assert.deepEqual([...pathXValues(smallPath, "dev")], [...smallPath.devRatio]);
  for (const xvar of ["lambda", "norm", "dev"] as const) {
    for (const lambda of [1.5, 0.7, 0.3, 0.1]) {
      const back = lambdaAtPathX(smallPath, xvar, pathXAtLambda(smallPath, xvar, lambda));
      assert.ok(Math.abs(back - lambda) < 1e-9, `${xvar} ${lambda} -> ${back}`);
    }
  }
  assert.deepEqual(lambdaInterpolation([4, 2, 1], 3), { left: 0, right: 1, weight: 0.5 });
});

test("cv chart: one dot and one error bar per λ, λ_min and λ_1se rules at their λs, nzero on top", () => {
  const svg = parseSvg(renderSvg(cvCurveChart, smallCv, {}));
  assertTextAlternatives(svg, "cv");
  assert.equal(all(svg, "g.cv-mean circle").length, 6);
  assert.equal(all(svg, "g.cv-error-bar line").length, 6);
  const min = all(svg, "g.lambda-min line");
  const se = all(svg, "g.lambda-1se line");
  assert.equal(min.length, 1);
  assert.equal(se.length, 1);
  assert.ok(min[0]!.getAttribute("stroke-dasharray") || min[0]!.parentElement?.getAttribute("stroke-dasharray"));
  // λ_min = 0.2 is the 4th λ and λ_1se = 0.5 the 3rd: the rules pass through those dots
  const dotsX = all(svg, "g.cv-mean circle").map((c) => Number(c.getAttribute("cx")));
  assert.equal(Number(min[0]!.getAttribute("x1")), dotsX[3]);
  assert.equal(Number(se[0]!.getAttribute("x1")), dotsX[2]);
  // the error bar spans cvm ± cvsd: at λ_min, 5.8 ± 0.6 on a linear scale centred on the dot
  const bar = all(svg, "g.cv-error-bar line")[3]!;
  const dot = all(svg, "g.cv-mean circle")[3]!;
  const [y1, y2, cy] = [Number(bar.getAttribute("y1")), Number(bar.getAttribute("y2")), Number(dot.getAttribute("cy"))];
  assert.ok(Math.abs((y1 + y2) / 2 - cy) < 1e-6);
  assert.ok(texts(svg, "text").includes("Mean-squared error"));
  const top = all(svg, 'g[aria-label="x-axis tick label"]')[1]!;
  assert.deepEqual([...top.querySelectorAll("text")].map((t) => t.textContent), ["0", "1", "2", "3", "4", "4"]);
  assert.equal(all(svg, "g.lambda-marker").length, 0);
});

test("cv chart on glmnet's diabetes cross-validation: labels thinned, selected λ marked", () => {
  const cv = referenceCv("diabetes_lasso");
  const svg = parseSvg(renderSvg(cvCurveChart, cv, { lambda: 2 }));
  assert.equal(all(svg, "g.cv-mean circle").length, cv.lambda.length);
  assert.equal(all(svg, "g.lambda-marker line").length, 1);
  const top = all(svg, 'g[aria-label="x-axis tick label"]')[1]!;
  const n = top.querySelectorAll("text").length;
  assert.ok(n > 5 && n < cv.lambda.length, `${n} nzero labels`);
  assert.equal(measureName("auc"), "AUC");
  assert.equal(measureName("Binomial deviance"), "Binomial deviance");
  assert.equal(measureName("deviance", "binomial"), "Binomial deviance");
  assert.equal(measureName("deviance", "gaussian"), "Deviance");
});

test("pull chart: one bar per variable coloured by status, one price line when prices are equal", () => {
  const svg = parseSvg(renderSvg(pullPriceChart, pullOneLine, {}));
  assertTextAlternatives(svg, "pull");
  const bars = all(svg, "g.pull-bar rect");
  assert.equal(bars.length, 6);
  const fills = bars.map((b) => b.getAttribute("fill"));
  assert.deepEqual(fills, pullOneLine.status.map((s) => STATUS_COLORS[s as keyof typeof STATUS_COLORS]));
  assert.deepEqual(bars.map((b) => b.getAttribute("aria-label")?.split(":")[0]), pullOneLine.features);
  assert.equal(all(svg, "g.price-line line").length, 1);
  assert.equal(all(svg, "g.price-tick").length, 0);
  assert.equal(commonPrice(pullOneLine), 0.3);
  // an active bar reaches the line exactly
  const line = Number(all(svg, "g.price-line line")[0]!.getAttribute("x1"));
  const bmi = bars[0]!;
  assert.ok(Math.abs(Number(bmi.getAttribute("x")) + Number(bmi.getAttribute("width")) - line) < 1e-6);
  // the legend names only the statuses present, all five here
  assert.equal(all(svg, 'g[aria-label="header"] rect').length, 5);
});

test("pull chart: a price tick per variable when penalty factors differ; sort by pull", () => {
  const svg = parseSvg(renderSvg(pullPriceChart, pullTicks, { sort: "pull" }));
  assert.equal(all(svg, "g.pull-bar rect").length, 4);
  assert.equal(all(svg, "g.price-line").length, 0);
  assert.equal(all(svg, "g.price-tick line").length, 4);
  assert.equal(commonPrice(pullTicks), null);
  const ys = all(svg, "g.pull-bar rect").map((b) => [b.getAttribute("aria-label")!.split(":")[0], Number(b.getAttribute("y"))] as const);
  const order = [...ys].sort((a, b) => a[1] - b[1]).map((e) => e[0]);
  assert.deepEqual(order, ["s5", "bmi", "bp", "age"]);
});

test("pull chart: xMax fixes the axis so bars keep their scale as λ moves", () => {
  const widths = [0.3, 0.1].map((lambda) => {
    const input = { ...pullTicks, price: Array.from(pullTicks.price, () => lambda), status: ["active", "active", "zero", "zero"], lambda };
    const svg = parseSvg(renderSvg(pullPriceChart, input, { xMax: 0.5 }));
    return all(svg, "g.pull-bar rect").map((b) => Number(b.getAttribute("width")));
  });
  assert.deepEqual(widths[0], widths[1]);
  const axis = texts(parseSvg(renderSvg(pullPriceChart, pullTicks, { xMax: 0.5 })), 'g[aria-label="x-axis tick label"] text');
  assert.equal(Number(axis[axis.length - 1]), 0.5);
});

test("spectrum chart: one bar per direction sorted by variance, factors as bar heights, df in the subtitle", () => {
  const svg = parseSvg(renderSvg(ridgeSpectrumChart, smallSpectrum, {}));
  assertTextAlternatives(svg, "spectrum");
  const bars = all(svg, "g.spectrum-bar rect");
  assert.equal(bars.length, 6);
  const heights = bars.map((b) => Number(b.getAttribute("height")));
  for (let i = 1; i < heights.length; i++) assert.ok(heights[i]! < heights[i - 1]!, "shrinkage grows as variance falls");
  const rows = spectrumRows(smallSpectrum);
  assert.deepEqual(rows.map((r) => r.d2), [400, 120, 60, 35, 8, 2]);
  assert.ok(texts(svg, 'g[aria-label="header"] text').some((t) => t.includes("= 2.94 of 6")));
  assert.equal(all(svg, "g.spectrum-variance circle").length, 6);
});

test("headings can be replaced or removed; the accessible name stays", () => {
  const svg = parseSvg(renderSvg(ridgeSpectrumChart, smallSpectrum, { title: null, subtitle: null, showVariance: false }));
  // only the legend is left in the header
  assert.deepEqual(texts(svg, 'g[aria-label="header"] text'), ["shrinkage factor d²/(d² + nλ')"]);
  assert.ok(svg.getAttribute("aria-label")!.startsWith("Ridge shrinkage"));
  const named = parseSvg(renderSvg(cvCurveChart, smallCv, { title: "My CV", width: 500, height: 300 }));
  assert.equal(named.getAttribute("aria-label"), "My CV");
  assert.equal(named.getAttribute("width"), "500");
  assert.equal(named.getAttribute("height"), "300");
});

test("modelLine names the class a binomial model models as 1, quoted when it is not one token; other families need no line", () => {
  const cases: Array<[ModelDescription, string]> = [
    [{ family: "binomial", target: "ytxt", positiveClass: "yes" }, "P(ytxt = yes)"],
    [{ family: "binomial", target: "y12", positiveClass: "2" }, "P(y12 = 2)"],
    // a 0/1 target keeps its coding: no positive class is recorded, 1 is modelled as 1
    [{ family: "binomial", target: "y01", positiveClass: null }, "P(y01 = 1)"],
    [{ family: "binomial", positiveClass: "very good" }, 'P(y = "very good")'],
  ];
  for (const [model, p] of cases) assert.equal(modelLine(model), `binomial, modelling ${p}`);
  assert.equal(modelLine({ family: "gaussian", target: "y" }), null);
  assert.equal(modelLine({ family: "poisson", target: "count" }), null);
  assert.equal(modelLine(undefined), null);
});

test("every chart of a fitted binomial model names the modelled class under its title and in its text alternative", () => {
  const model: ModelDescription = { family: "binomial", target: "outcome", positiveClass: "sick" };
  const charts: Array<[string, (o: { model?: ModelDescription; subtitle?: null }) => string]> = [
    ["path", (o) => renderSvg(coefficientPathChart, smallPath, { ...o, lambda: 0.3 })],
    ["cv", (o) => renderSvg(cvCurveChart, smallCv, o)],
    ["pull", (o) => renderSvg(pullPriceChart, pullOneLine, o)],
    ["spectrum", (o) => renderSvg(ridgeSpectrumChart, smallSpectrum, o)],
  ];
  const line = modelLine(model)!;
  for (const [kind, render] of charts) {
    const svg = parseSvg(render({ model }));
    const header = texts(svg, 'g[aria-label="header"] text');
    assert.equal(header[1], line, `${kind}: the line under the title`);
    assert.match(svg.getAttribute("aria-description") ?? "", /P\(outcome = sick\)/, `${kind}: aria-description`);
    assert.match(texts(svg, ":scope > desc")[0] ?? "", /P\(outcome = sick\)/, `${kind}: <desc>`);
    // the lab draws its charts without subtitles: the text alternative still names the class
    const bare = parseSvg(render({ model, subtitle: null }));
    assert.ok(!texts(bare, 'g[aria-label="header"] text').includes(line), `${kind}: no subtitle, no model line`);
    assert.match(bare.getAttribute("aria-description") ?? "", /P\(outcome = sick\)/, `${kind}: without subtitle`);
    // a gaussian model adds nothing
    const gaussian = parseSvg(render({ model: { family: "gaussian", target: "outcome" } }));
    assert.equal(gaussian.getAttribute("aria-description"), parseSvg(render({})).getAttribute("aria-description"), kind);
    assert.deepEqual(texts(gaussian, 'g[aria-label="header"] text'), texts(parseSvg(render({})), 'g[aria-label="header"] text'), kind);
  }
});

test("at phone width the headings wrap onto lines that fit", () => {
  const svg = parseSvg(renderSvg(ridgeSpectrumChart, smallSpectrum, { width: 320 }));
  const lines = texts(svg, 'g[aria-label="header"] text[font-size="15"]');
  assert.ok(lines.length >= 2, lines.join(" | "));
  assert.equal(lines.join(" "), "Ridge shrinkage by principal direction at λ = 0.4");
  for (const line of lines) assert.ok(line.length * 15 * 0.65 <= 320 - 16, line);
});

test("helpers: nice ticks, label dodging, id normalization", () => {
  assert.deepEqual(niceTicks(-4.1, 3.8, 8), [-4, -3, -2, -1, 0, 1, 2, 3]);
  assert.deepEqual(niceTicks(0, 0.52, 5), [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  const dodged = dodgePositions([10, 11, 12, 100], 10, 0, 200);
  assert.deepEqual(dodged, [1, 11, 21, 100]);
  assert.deepEqual(dodgePositions([0, 0], 10, 0, 200), [0, 10]);
  assert.equal(normalizePlotIds('a plot-clip-17 b plot-clip-17 plot-clip-3 plot-marker-9'), "a plot-clip-1 b plot-clip-1 plot-clip-2 plot-marker-1");
});

test("browser code path: src/plot modules other than *.node.ts import neither linkedom nor node: modules", () => {
  const dir = new URL("../../src/plot/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".node.ts"));
  assert.ok(files.length >= 5);
  for (const f of files) {
    const source = readFileSync(new URL(f, dir), "utf8");
    assert.doesNotMatch(source, /from\s+["'](linkedom|node:[^"']*)["']/, f);
  }
});
