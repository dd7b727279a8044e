/**
 * `shrinkage plot` end to end, for what the tester found cut at the edges: the pull chart's price label,
 * a --lambda beyond the path (path and cv charts), and 30-character feature names.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DIABETES, run, scratchFile } from "../cli/helpers.js";
import { assertRowsApart, assertTextsInside, parseSvg, textExtent, viewBoxHeight } from "./geometry.js";
import { ROW_HEIGHT } from "../../src/plot/common.js";

const UNROTATED = "text:not([transform*=rotate])";

/** The x of every vertex of every coefficient curve. */
function curveXs(svg: Element): number[] {
  return [...svg.querySelectorAll("g.coefficient-path > path")].flatMap((c) =>
    (c.getAttribute("d") ?? "").slice(1).split("L").map((pt) => Number(pt.split(",")[0])),
  );
}

async function plot(args: readonly string[], file = DIABETES): Promise<Element> {
  const r = await run(["plot", file, "--target", "progression", ...args]);
  assert.equal(r.code, 0, r.stderr);
  return parseSvg(r.stdout);
}

test("plot --kind pull --lambda 5: the price label is inside the plot", async () => {
  const svg = await plot(["--kind", "pull", "--lambda", "5"]);
  assert.match(svg.querySelector("g.price-label text")?.textContent ?? "", /= \d/);
  assertTextsInside(svg, UNROTATED, "pull at λ = 5");
  const line = Number(svg.querySelector("g.price-line line")!.getAttribute("x1"));
  const [, right] = textExtent(svg.querySelector("g.price-label text")!);
  assert.ok(right <= line, "left of its line, which is at the axis end");
});

test("plot --lambda 1e-6 and 1e4: the path keeps its own x range, the λ is noted inside the edge it lies past", async () => {
  for (const [lambda, beyond] of [["1e-6", "below"], ["1e4", "above"]] as const) {
    for (const kind of ["path", "cv"]) {
      const svg = await plot(["--kind", kind, "--lambda", lambda, "--folds", "3"]);
      assertTextsInside(svg, UNROTATED, `${kind} at λ = ${lambda}`);
      assert.match(svg.querySelector("g.lambda-marker-outside text")?.textContent ?? "", new RegExp(`${beyond} the path`));
      assert.equal(svg.querySelectorAll("g.lambda-marker").length, 0);
      if (kind === "path") {
        const xs = curveXs(svg);
        const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
        const df = [...svg.querySelectorAll('g[aria-label="x-axis tick label"]')][1]!;
        for (const t of df.querySelectorAll("text")) {
          const x = Number(/translate\(([^,]+)/.exec(t.getAttribute("transform") ?? "")![1]);
          assert.ok(x >= lo - 1e-6 && x <= hi + 1e-6, `a df tick at ${x}, the path spans ${lo}..${hi}`);
        }
      }
    }
  }
});

test("plot with 30-character feature names: every kind keeps its text inside the SVG", async () => {
  const [header, ...rows] = readFileSync(DIABETES, "utf8").trim().split(/\r?\n/);
  const names = header!.split(",").map((c) => (c === "progression" ? c : `${c}_measurement_of_the_patient_xx`.slice(0, 30)));
  const file = scratchFile("long-names.csv", [names.join(","), ...rows].join("\n") + "\n");
  for (const kind of ["path", "pull", "spectrum"]) {
    for (const width of ["640", "320"]) {
      const svg = await plot(["--kind", kind, "--lambda", "1", "--width", width], file);
      assertTextsInside(svg, UNROTATED, `${kind}, width ${width}`);
    }
  }
});

test("plot --height 150, the least accepted: every kind is drawn as tall as it needs, and a note on stderr says so", async () => {
  for (const kind of ["path", "cv", "pull", "spectrum"]) {
    const r = await run(["plot", DIABETES, "--target", "progression", "--kind", kind, "--height", "150", "--folds", "3"]);
    assert.equal(r.code, 0, r.stderr);
    const svg = parseSvg(r.stdout);
    const note = /note: --height 150 is too short for this chart, which needs (.+): it is drawn (\d+) px tall/.exec(r.stderr);
    assert.ok(note, `${kind}: ${r.stderr}`);
    assert.equal(viewBoxHeight(svg), Number(note[2]), `${kind}: the note gives the height drawn`);
    assertTextsInside(svg, UNROTATED, `${kind} at --height 150`);
    // the pull chart's ten names, one row each
    if (kind === "pull") assertRowsApart(svg, 'g[aria-label="y-axis tick label"] text', ROW_HEIGHT, "pull", 10);
  }
  const roomy = await run(["plot", DIABETES, "--target", "progression", "--kind", "pull", "--height", "500"]);
  assert.doesNotMatch(roomy.stderr, /--height/);
  assert.equal(viewBoxHeight(parseSvg(roomy.stdout)), 500);
});

test("plot of a binomial model: every kind names the class modelled as 1, as fit does, in its header and text alternative", async () => {
  // diabetes with its outcome as two text classes
  const [header, ...rows] = readFileSync(DIABETES, "utf8").trim().split(/\r?\n/);
  const target = header!.split(",").indexOf("progression");
  const values = rows.map((r) => Number(r.split(",")[target]));
  const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const file = scratchFile("binomial.csv", [header, ...rows.map((r, i) => r.split(",").map((c, j) => (j === target ? (values[i]! > median ? "high" : "low") : c)).join(","))].join("\n") + "\n");
  const base = ["--target", "progression", "--family", "binomial", "--folds", "3"];
  for (const chosen of [[], ["--positive-class", "high"]]) {
    const fit = await run(["fit", file, ...base.slice(0, 4), ...chosen, "--format", "json"]);
    assert.equal(fit.code, 0, fit.stderr);
    const positive = (JSON.parse(fit.stdout) as { positiveClass: string }).positiveClass;
    for (const kind of ["path", "cv", "pull", "spectrum"]) {
      const r = await run(["plot", file, ...base, ...chosen, "--kind", kind]);
      assert.equal(r.code, 0, r.stderr);
      const svg = parseSvg(r.stdout);
      const modelled = `P(progression = ${positive})`;
      const headings = [...svg.querySelectorAll('g[aria-label="header"] text')].map((t) => t.textContent ?? "");
      assert.ok(headings.some((t) => t.includes(modelled)), `${kind} ${chosen.join(" ")}: ${headings.join(" | ")}`);
      assert.ok((svg.getAttribute("aria-description") ?? "").includes(modelled), `${kind}: aria-description`);
    }
  }
});
