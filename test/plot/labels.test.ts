/**
 * Labels stay inside the chart: whatever a label's length and wherever its line falls, its text (width
 * estimated as the charts estimate it) lies within the SVG's viewBox, and within the plot area where the
 * chart promises it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderSvg } from "../../src/plot/render.node.js";
import { pullPriceChart, type PullPriceInput } from "../../src/plot/pull.js";
import { coefficientPathChart, type PathInput, type PathXvar } from "../../src/plot/path.js";
import { cvCurveChart, type CvCurveInput } from "../../src/plot/cv.js";
import { ridgeSpectrumChart } from "../../src/plot/spectrum.js";
import { recoveryChart, type RecoveryInput } from "../../src/plot/recovery.js";
import { besidePlacement, fitText, textWidth } from "../../src/plot/common.js";
import { assertTextsInside, parseSvg, textExtent, textLines, viewBoxWidth } from "./geometry.js";
import { pullOneLine, pullTicks, referenceCv, referencePath, smallCv, smallPath, smallSpectrum } from "./fixtures.js";

test("besidePlacement: the preferred side when the label fits, the other side when not, else as near as the area allows", () => {
  assert.deepEqual(besidePlacement(100, 50, 0, 300), { anchor: "start", offset: 4 });
  assert.deepEqual(besidePlacement(280, 50, 0, 300), { anchor: "end", offset: -4 });
  assert.deepEqual(besidePlacement(100, 50, 0, 300, "left"), { anchor: "end", offset: -4 });
  assert.deepEqual(besidePlacement(20, 50, 0, 300, "left"), { anchor: "start", offset: 4 });
  // 200 px wide in a 0..300 area, the line at 150: neither side has room; the label ends at the right edge.
  assert.deepEqual(besidePlacement(150, 200, 0, 300), { anchor: "start", offset: -50 });
  // wider than the area: it starts at the left edge
  assert.deepEqual(besidePlacement(150, 400, 0, 300), { anchor: "start", offset: -150 });
});

/** One price for every paying variable, at the given value. */
function pullAt(price: number, pulls: readonly number[]): PullPriceInput {
  const features = pulls.map((_, j) => `v${j + 1}`);
  return { features, pull: pulls, price: pulls.map(() => price), status: pulls.map((p) => (p >= price ? "active" : "zero")), lambda: price };
}

test("pull chart: the price label lies inside the plot area wherever the price line is and however long its number", () => {
  const cases: Array<[string, PullPriceInput, { width?: number; xMax?: number }]> = [
    // the price at the right end of the axis (the defect: the label started at the line and ran off the chart)
    ["price at the axis end", pullAt(5, [0.6, 5, 5, 2.7, 4.7]), {}],
    ["price at the axis end, narrow", pullAt(4.84, [0.6, 4.84, 4.84, 2.7]), { width: 320 }],
    ["a long number at the end", pullAt(1.23456e-7, [1.23456e-7, 1e-8]), {}],
    ["a long number at the end, narrow", pullAt(123456789, [123456789, 1e7]), { width: 240 }],
    ["price clamped at a fixed axis end", pullAt(5, [0.6, 5, 2.7]), { xMax: 3 }],
    ["price near zero", pullAt(0.01, [0.01, 0.01, 9]), {}],
    ["price in the middle", pullOneLine, {}],
  ];
  for (const [what, input, options] of cases) {
    const svg = parseSvg(renderSvg(pullPriceChart, input, options));
    const width = viewBoxWidth(svg);
    const zero = Number(svg.querySelector('g[aria-label="rule"] line')?.getAttribute("x1"));
    assert.ok(zero > 0, `${what}: the zero rule`);
    // the plot area: from the zero rule to the right margin (24 px)
    assertTextsInside(svg, "g.price-label text", what, zero, width - 24);
    // and beside its line, not across it
    const line = Number(svg.querySelector("g.price-line line")!.getAttribute("x1"));
    const [left, right] = textExtent(svg.querySelector("g.price-label text")!);
    assert.ok(right <= line || left >= line, `${what}: ${left}..${right} crosses the line at ${line}`);
  }
});

/** The x of every vertex of every coefficient curve: the path's extent on screen. */
function curveXs(svg: Element): number[] {
  return [...svg.querySelectorAll("g.coefficient-path > path")].flatMap((c) =>
    (c.getAttribute("d") ?? "").slice(1).split("L").map((pt) => Number(pt.split(",")[0])),
  );
}

/** The x of each tick of the top (df) axis. */
function topTickXs(svg: Element): number[] {
  const top = [...svg.querySelectorAll('g[aria-label="x-axis tick label"]')][1];
  assert.ok(top, "the df axis");
  return [...top.querySelectorAll("text")].map((t) => Number(/translate\(([^,]+)/.exec(t.getAttribute("transform") ?? "")![1]));
}

const diabetes = referencePath("diabetes_lasso");

test("path chart: a λ beyond the path keeps the x axis on the path, with a note inside the edge it lies past", () => {
  const smallest = Math.min(...diabetes.lambda);
  const largest = Math.max(...diabetes.lambda);
  for (const xvar of ["lambda", "norm", "dev"] as PathXvar[]) {
    for (const reverse of xvar === "lambda" ? [true, false] : [true]) {
      for (const [lambda, beyond] of [[1e-6, "below"], [1e4, "above"], [0, "below"]] as const) {
        const what = `${xvar}${reverse ? "" : " glmnet orientation"}, λ = ${lambda}`;
        const svg = parseSvg(renderSvg(coefficientPathChart, diabetes, { xvar, reverse, lambda }));
        const xs = curveXs(svg);
        const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
        // the curves span the plot (the domain is the path's, not stretched towards the λ) ...
        assert.ok(hi - lo > 0.6 * viewBoxWidth(svg), `${what}: the curves span ${lo}..${hi}`);
        // ... the df axis has ticks only over the path ...
        for (const x of topTickXs(svg)) assert.ok(x >= lo - 1e-6 && x <= hi + 1e-6, `${what}: a df tick at ${x} outside ${lo}..${hi}`);
        // ... no rule or dots at a λ the chart does not show, and a note inside the plot area, at the edge
        // where the smallest (below) or largest (above) λ of the path is drawn
        assert.equal(svg.querySelectorAll("g.lambda-marker").length, 0, what);
        assert.equal(svg.querySelectorAll("g.lambda-marker-coefficients").length, 0, what);
        assertTextsInside(svg, "g.lambda-marker-outside text", what, lo, hi);
        const note = svg.querySelector("g.lambda-marker-outside text")!;
        assert.match(note.textContent ?? "", new RegExp(`${beyond} the path \\(${beyond === "below" ? "smallest" : "largest"} λ`), what);
        const bmi = [...svg.querySelectorAll("g.coefficient-path > path")].find((c) => c.querySelector("title")?.textContent === "bmi")!;
        const bmiXs = (bmi.getAttribute("d") ?? "").slice(1).split("L").map((pt) => Number(pt.split(",")[0]));
        const edgeX = beyond === "below" ? bmiXs[bmiXs.length - 1]! : bmiXs[0]!; // the path runs from the largest λ
        const [left, right] = textExtent(note);
        assert.ok(Math.abs(edgeX - lo) < 1 ? left - lo < 10 : hi - right < 10, `${what}: the note ${left}..${right} is at the edge ${edgeX}`);
        assert.match(svg.getAttribute("aria-description") ?? "", new RegExp(`is ${beyond} the path's ${beyond === "below" ? "smallest" : "largest"} λ`), what);
      }
    }
  }
  assert.ok(smallest > 1e-6 && largest < 1e4);
});

test("path chart: a marker label at either end of the path stays inside the plot, on the side with room", () => {
  const smallest = Math.min(...diabetes.lambda);
  const largest = Math.max(...diabetes.lambda);
  for (const xvar of ["lambda", "norm", "dev"] as PathXvar[]) {
    for (const reverse of xvar === "lambda" ? [true, false] : [true]) {
      for (const lambda of [smallest, largest, smallest * 1.0001, largest * 0.9999]) {
        for (const width of [640, 320]) {
          const what = `${xvar}${reverse ? "" : " glmnet orientation"}, λ = ${lambda}, width ${width}`;
          const svg = parseSvg(renderSvg(coefficientPathChart, diabetes, { xvar, reverse, lambda, width }));
          const xs = curveXs(svg);
          assert.equal(svg.querySelectorAll("g.lambda-marker line").length, 1, what);
          assertTextsInside(svg, "g.lambda-marker-label text", what, Math.min(...xs), Math.max(...xs));
        }
      }
    }
  }
});

test("path chart: the df axis of a one-λ path has a tick only at that λ, not over the widened domain", () => {
  const one: PathInput = { ...smallPath, lambda: smallPath.lambda.slice(3, 4), df: smallPath.df.slice(3, 4), devRatio: smallPath.devRatio.slice(3, 4), beta: smallPath.beta.slice(3, 4) };
  const svg = parseSvg(renderSvg(coefficientPathChart, one, {}));
  const xs = curveXs(svg);
  assert.ok(Math.max(...xs) - Math.min(...xs) < 1e-9, "one vertex per curve");
  const ticks = topTickXs(svg);
  assert.equal(ticks.length, 1, `${ticks.length} df ticks`);
  assert.ok(Math.abs(ticks[0]! - xs[0]!) < 1e-6, `the df tick at ${ticks[0]}, the path at ${xs[0]}`);
});

/** The x of every cross-validated mean: the curve's extent on screen. */
function cvDotXs(svg: Element): number[] {
  return [...svg.querySelectorAll("g.cv-mean circle")].map((c) => Number(c.getAttribute("cx")));
}

test("cv chart: λ_min and λ_1se labels stay inside the plot, at either end of the curve", () => {
  const ends: Array<[string, CvCurveInput]> = [
    ["λ_min at the smallest λ", { ...smallCv, lambdaMin: 0.05, lambda1se: 0.1 }],
    ["both at the largest λ", { ...smallCv, lambdaMin: 2, lambda1se: 2 }],
  ];
  for (const [what, cv] of ends) {
    for (const reverse of [true, false]) {
      for (const width of [640, 300]) {
        const svg = parseSvg(renderSvg(cvCurveChart, cv, { reverse, width }));
        const xs = cvDotXs(svg);
        // the x scale has a 6 px inset: the plot area reaches 6 px past the outermost dots
        const [lo, hi] = [Math.min(...xs) - 6, Math.max(...xs) + 6];
        assertTextsInside(svg, "g.lambda-min-label text", `${what}, reverse ${reverse}, width ${width}`, lo, hi);
        assertTextsInside(svg, "g.lambda-1se-label text", `${what}, reverse ${reverse}, width ${width}`, lo, hi);
      }
    }
  }
});

test("cv chart: a selected λ beyond the curve keeps the x axis on the curve, with a note inside the edge it lies past", () => {
  for (const reverse of [true, false]) {
    for (const [lambda, beyond] of [[1e-6, "below"], [1e4, "above"]] as const) {
      const what = `λ = ${lambda}, reverse ${reverse}`;
      const svg = parseSvg(renderSvg(cvCurveChart, smallCv, { reverse, lambda }));
      const xs = cvDotXs(svg);
      const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
      assert.ok(hi - lo > 0.7 * viewBoxWidth(svg), `${what}: the curve spans ${lo}..${hi}`);
      assert.equal(svg.querySelectorAll("g.lambda-marker").length, 0, what);
      assertTextsInside(svg, "g.lambda-marker-outside text", what, lo - 6, hi + 6);
      const note = svg.querySelector("g.lambda-marker-outside text")!;
      assert.match(note.textContent ?? "", new RegExp(`${beyond} the path`), what);
      // at the end of the curve where its smallest (below) or largest (above) λ is
      const smallRight = reverse;
      const atRight = beyond === "below" ? smallRight : !smallRight;
      const [left, right] = textExtent(note);
      assert.ok(atRight ? hi + 6 - right < 10 : left - (lo - 6) < 10, `${what}: the note ${left}..${right} in ${lo}..${hi}`);
      // the nonzero counts on top stay over the curve
      for (const x of topTickXs(svg)) assert.ok(x >= lo - 1e-6 && x <= hi + 1e-6, `${what}: a count at ${x}`);
    }
  }
  // a selected λ on the curve is still a rule
  const on = parseSvg(renderSvg(cvCurveChart, smallCv, { lambda: 0.3 }));
  assert.equal(on.querySelectorAll("g.lambda-marker line").length, 1);
  assert.equal(on.querySelectorAll("g.lambda-marker-outside").length, 0);
});

test("cv chart: the y tick labels of a large error fit left of the axis", () => {
  const scale = (a: ArrayLike<number>, f: number) => Float64Array.from(a, (v) => v * f);
  for (const f of [1, 1e6, 1e9]) {
    const cv = { ...smallCv, cvm: scale(smallCv.cvm, f), cvsd: scale(smallCv.cvsd, f) };
    for (const width of [640, 320]) {
      const svg = parseSvg(renderSvg(cvCurveChart, cv, { width }));
      assertTextsInside(svg, 'g[aria-label="y-axis tick label"] text', `error × ${f}, width ${width}`);
      // millions and more are written 1e+10, not 10,000,000,000, and leave the curve most of the width
      const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent ?? "");
      if (f >= 1e6) assert.ok(ticks.every((t) => /^\d(\.\d+)?e\+\d+$/.test(t)), ticks.join(" "));
      const xs = cvDotXs(svg);
      assert.ok(Math.max(...xs) - Math.min(...xs) >= 0.6 * width, `error × ${f}, width ${width}: the curve spans ${Math.min(...xs)}..${Math.max(...xs)}`);
    }
  }
});

/** Every label of a chart: all texts but the rotated axis labels (whose extent is vertical). */
const UNROTATED = "text:not([transform*=rotate])";

/** The diabetes lasso with 30-character feature names. */
const longNames: PathInput = { ...diabetes, features: diabetes.features.map((f) => `${f}_measurement_of_the_patient_xx`.slice(0, 30)) };

test("fitText shortens in the middle to the width, keeping both ends; a name that fits is kept", () => {
  assert.equal(fitText("bmi", 100), "bmi");
  const name = "s4_measurement_of_the_patient_";
  const short = fitText(name, 90);
  assert.ok(textWidth(short) <= 90, short);
  assert.ok(short.startsWith("s4_") && short.endsWith("_") && short.includes("…"), short);
});

test("path chart with 30-character names: every text inside the chart, the labels shortened at narrow widths", () => {
  assert.ok(longNames.features.every((f) => f.length === 30));
  for (const width of [640, 320, 200]) {
    for (const [reverse, lambda] of [[true, 1], [false, 1], [true, 1e-6], [false, 1e4]] as const) {
      const what = `width ${width}, reverse ${reverse}, λ = ${lambda}`;
      const svg = parseSvg(renderSvg(coefficientPathChart, longNames, { width, reverse, lambda }));
      assertTextsInside(svg, UNROTATED, what);
      const xs = curveXs(svg);
      // the plot keeps most of the width for the curves
      assert.ok(Math.max(...xs) - Math.min(...xs) >= 0.3 * width, `${what}: the curves span ${Math.min(...xs)}..${Math.max(...xs)}`);
      // and the λ's label or note inside the plot area, where it has 100 px or more (at 200 px wide it has 72:
      // the note then reaches over the y axis, still inside the chart)
      const selector = lambda !== 1 ? "g.lambda-marker-outside text" : "g.lambda-marker-label text";
      if (width >= 320) assertTextsInside(svg, selector, what, Math.min(...xs), Math.max(...xs));
      // a shortened label carries its full name
      for (const label of svg.querySelectorAll("g.curve-label text")) {
        const shown = textLines(label)[0]!;
        if (shown.includes("…")) assert.ok(longNames.features.includes(label.querySelector("title")?.textContent ?? ""), shown);
        else assert.ok(longNames.features.includes(shown), shown);
      }
    }
  }
  // at the default width 30-character names are shown whole
  const full = parseSvg(renderSvg(coefficientPathChart, longNames, {}));
  assert.ok([...full.querySelectorAll("g.curve-label text")].every((t) => !(t.textContent ?? "").includes("…")));
});

test("pull chart with 30-character names: names, axis label and price label inside the chart at any width", () => {
  const input: PullPriceInput = { ...pullAt(5, [0.6, 5, 5, 2.7, 4.7, 1]), features: longNames.features.slice(0, 6) };
  for (const width of [640, 320, 200]) {
    const svg = parseSvg(renderSvg(pullPriceChart, input, { width }));
    assertTextsInside(svg, UNROTATED, `width ${width}`);
    const zero = Number(svg.querySelector('g[aria-label="rule"] line')?.getAttribute("x1"));
    // the names take at most about a third of the width
    assert.ok(width - 24 - zero >= 0.45 * width, `width ${width}: the bars start at ${zero}`);
  }
});

/** A path with every coefficient multiplied by f. */
function scaled(path: PathInput, f: number): PathInput {
  return { ...path, beta: path.beta.map((b) => ({ index: b.index, value: b.value.map((v) => v * f) })) };
}

test("every chart kind, at 640, 320 and 200 px wide, with long names and extreme λs: no text leaves the SVG", () => {
  const fractions = Array.from({ length: 20 }, (_, k) => Math.pow(10, -k / 5));
  const method = (name: string) => ({
    method: name,
    alongLambda: { pExact: fractions.map((_, k) => Math.max(0, 1 - Math.abs(k - 8) / 6)) },
    lambdaMin: { meanFraction: 1e-3 },
    lambda1se: { meanFraction: 0.05 },
  });
  const recovery: RecoveryInput = { fractions, methods: ["lasso", "enet", "ridge", "relaxed"].map(method), settings: { reps: 100 } };
  const long = longNames.features.slice(0, 4);
  const charts: Array<[string, (width: number) => string]> = [
    ["path, λ below", (width) => renderSvg(coefficientPathChart, longNames, { width, lambda: 1e-9 })],
    ["path, λ above, norm", (width) => renderSvg(coefficientPathChart, longNames, { width, lambda: 1e9, xvar: "norm" })],
    ["path, tiny coefficients", (width) => renderSvg(coefficientPathChart, scaled(diabetes, 1e-9), { width, lambda: 1 })],
    ["path, huge coefficients, glmnet orientation", (width) => renderSvg(coefficientPathChart, scaled(diabetes, 1e9), { width, lambda: 1, reverse: false })],
    ["cv, λ below", (width) => renderSvg(cvCurveChart, referenceCv("diabetes_lasso"), { width, lambda: 1e-9 })],
    ["cv, λ above", (width) => renderSvg(cvCurveChart, referenceCv("diabetes_lasso"), { width, lambda: 1e9 })],
    ["pull, one price", (width) => renderSvg(pullPriceChart, { ...pullAt(1e-9, [1e-9, 1e-10, 1e-9, 0]), features: long }, { width })],
    ["pull, huge", (width) => renderSvg(pullPriceChart, { ...pullAt(3e9, [3e9, 1e9, 3e9, 0]), features: long }, { width })],
    ["pull, ticks", (width) => renderSvg(pullPriceChart, { ...pullTicks, features: long }, { width, sort: "pull" })],
    ["spectrum", (width) => renderSvg(ridgeSpectrumChart, { ...smallSpectrum, lambda: 1e-9 }, { width })],
    ["recovery", (width) => renderSvg(recoveryChart, recovery, { width })],
  ];
  for (const [what, render] of charts) {
    for (const width of [640, 320, 200]) assertTextsInside(parseSvg(render(width)), UNROTATED, `${what}, width ${width}`);
  }
  // the legend is shortened only where it must be
  const wide = parseSvg(renderSvg(ridgeSpectrumChart, smallSpectrum, { width: 640 }));
  assert.ok(![...wide.querySelectorAll('g[aria-label="header"] text')].some((t) => (t.textContent ?? "").includes("…")));
});
