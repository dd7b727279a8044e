// The multi-response charts (src/plot/multi.ts) and `shrinkage plot` for --family multinomial [--grouped]
// and mgaussian: a panel per class, a bar per variable (per class when ungrouped), the price drawn.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { multiPathPoints, multiPathSpec, pathLabels, multiPullRows, multiPullSpec, MULTI_PULL_COLORS, type MultiPathInput, type MultiPullInput } from "../../src/plot/multi.js";
import { renderSpec } from "../../src/plot/render.node.js";
import { ROOT, assertOneLineError, run } from "../cli/helpers.js";
import { parseSvg } from "./geometry.js";

/** Three classes, two variables: a enters class x only, b classes y and z, at the second λ. */
const PATH: MultiPathInput = {
  family: "multinomial",
  features: ["a", "b", "never"],
  classes: ["x", "y", "z"],
  lambda: [1, 0.5, 0.25],
  beta: [
    [0, 0, 0, 0, 0, 0, 0, 0, 0],
    [0.3, 0, 0, 0, -0.2, 0, 0, 0.2, 0],
    [0.6, 0, 0, 0, -0.5, 0, 0, 0.4, 0],
  ],
};

const PULLS: MultiPullInput = {
  family: "multinomial",
  grouped: false,
  classes: ["x", "y", "z"],
  lambda: 0.5,
  variables: [
    { feature: "a", pulls: [0.5, -0.1, 0.2], coefficients: [0.3, 0, 0], price: 0.5 },
    { feature: "b", pulls: [0.05, -0.5, 0.5], coefficients: [0, -0.2, 0.2], price: 0.5 },
    { feature: "gone", pulls: [0, 0, 0], coefficients: [0, 0, 0], price: Infinity },
  ],
};

describe("multiPathSpec: one panel per class", () => {
  it("draws the curves of the variables ever nonzero in each class, a named panel per class", () => {
    const points = multiPathPoints(PATH);
    assert.deepEqual([...new Set(points.map((p) => `${p.cls}:${p.feature}`))], ["x:a", "y:b", "z:b"]);
    assert.equal(points.length, 3 * 3);
    const svg = parseSvg(renderSpec(multiPathSpec(PATH, { lambda: 0.5 })));
    const panels = [...svg.querySelectorAll("g.panel-label text")].map((t) => t.textContent);
    assert.deepEqual(panels, ["class x", "class y", "class z"]);
    assert.equal(svg.querySelectorAll("g.coefficient-path path").length, 3, "one curve in each panel");
    assert.deepEqual([...svg.querySelectorAll("g.coefficient-label text")].map((t) => t.textContent), ["a", "b", "b"]);
    assert.equal(svg.querySelectorAll("g.lambda-marker line").length, 3, "the λ marked in every panel");
  });

  it("names curves that end apart, farthest from zero first, within each panel", () => {
    const end = (cls: string, feature: string, beta: number) => ({ cls, feature, x: 0, lambda: 1, beta });
    const points = [end("x", "a", 1), end("x", "b", 0.95), end("x", "c", -0.5), end("x", "d", 0.02), end("x", "e", 0), end("y", "b", 0.95)];
    const kept = pathLabels(points, 0.1);
    assert.deepEqual(kept.map((k) => `${k.cls}:${k.feature}`), ["x:a", "y:b", "x:c", "x:d"]);
  });

  it("names mgaussian's panels as responses", () => {
    const svg = parseSvg(renderSpec(multiPathSpec({ ...PATH, family: "mgaussian" })));
    assert.deepEqual([...svg.querySelectorAll("g.panel-label text")].map((t) => t.textContent), ["response x", "response y", "response z"]);
    assert.equal(svg.querySelectorAll("g.lambda-marker").length, 0);
  });
});

describe("multiPullSpec: pull versus price", () => {
  it("ungrouped: a bar per variable and class, coloured by its coefficient, a price tick on each", () => {
    const rows = multiPullRows(PULLS);
    assert.equal(rows.length, 2 * 3, "the excluded variable (price ∞) has no bars");
    assert.deepEqual(rows.map((r) => r.nonzero), [true, false, false, false, true, true]);
    assert.deepEqual(rows.map((r) => r.pull), [0.5, 0.1, 0.2, 0.05, 0.5, 0.5]);
    const svg = parseSvg(renderSpec(multiPullSpec(PULLS)));
    const bars = [...svg.querySelectorAll("g.pull-bar rect")];
    assert.equal(bars.length, 6);
    // Drawn panel by panel: class x's bars (a, b), then y's, then z's.
    const byPanel = PULLS.classes.flatMap((c) => rows.filter((r) => r.cls === c));
    assert.deepEqual(bars.map((b) => b.getAttribute("fill")), byPanel.map((r) => (r.nonzero ? MULTI_PULL_COLORS.nonzero : MULTI_PULL_COLORS.zero)));
    assert.equal(svg.querySelectorAll("g.price-tick line").length, 6);
    assert.equal(svg.querySelectorAll("g.pull-bar").length, 3, "one panel per class");
  });

  it("grouped: one bar per variable, the length of its K pulls, against the price", () => {
    const rows = multiPullRows({ ...PULLS, grouped: true });
    assert.deepEqual(rows.map((r) => r.feature), ["a", "b"]);
    assert.ok(Math.abs(rows[0]!.pull - Math.sqrt(0.25 + 0.01 + 0.04)) < 1e-15);
    assert.ok(Math.abs(rows[1]!.pull - Math.sqrt(0.0025 + 0.25 + 0.25)) < 1e-15);
    const svg = parseSvg(renderSpec(multiPullSpec({ ...PULLS, grouped: true })));
    assert.equal(svg.querySelectorAll("g.pull-bar rect").length, 2);
    assert.equal(svg.querySelectorAll("g.price-tick line").length, 2);
    assert.equal(svg.querySelectorAll("g.pull-bar").length, 1, "a single panel");
  });
});

describe("multiPullSpec: coefficients held at a limit", () => {
  const held: MultiPullInput = {
    ...PULLS,
    variables: [{ ...PULLS.variables[0]!, pulls: [0.9, -0.1, 0.2], bounds: [{ side: "upper", value: 0.3 }, null, null] }, ...PULLS.variables.slice(1)],
  };
  it("a held coefficient's bar (its pull past the price) has its own colour and legend entry", () => {
    const rows = multiPullRows(held);
    assert.deepEqual(rows.map((r) => r.held), [true, false, false, false, false, false]);
    const svg = parseSvg(renderSpec(multiPullSpec(held)));
    const fills = [...svg.querySelectorAll("g.pull-bar rect")].map((b) => b.getAttribute("fill"));
    assert.equal(fills.filter((f) => f === MULTI_PULL_COLORS.held).length, 1);
    assert.match(svg.textContent ?? "", /held at a limit \(pull may pass the price\)/);
    assert.doesNotMatch(parseSvg(renderSpec(multiPullSpec(PULLS))).textContent ?? "", /held at a limit/, "no legend entry without one");
  });
  it("grouped: the variable's bar is held when any of its coefficients is", () => {
    assert.deepEqual(multiPullRows({ ...held, grouped: true }).map((r) => r.held), [true, false]);
  });
});

const IRIS = join(ROOT, "data/iris.csv");
const MGAUSS = join(ROOT, "data/glmnet_mgaussian.csv");
const FAMILIES = [
  { name: "multinomial", args: [IRIS, "--target", "Species", "--family", "multinomial"], panels: 3 },
  { name: "grouped multinomial", args: [IRIS, "--target", "Species", "--family", "multinomial", "--grouped"], panels: 3 },
  { name: "mgaussian", args: [MGAUSS, "--target", "y1,y2,y3,y4", "--family", "mgaussian"], panels: 4 },
] as const;
const KINDS = ["path", "cv", "pull"] as const;

describe("shrinkage plot for the multi-response families", () => {
  it("covers three families and three kinds", () => assert.equal(FAMILIES.length * KINDS.length, 9));
  for (const family of FAMILIES) {
    for (const kind of KINDS) {
      it(`--kind ${kind}, ${family.name}: exit 0 with an SVG`, async () => {
        const r = await run(["plot", ...family.args, "--kind", kind, "--folds", "3", "--seed", "1"]);
        assert.equal(r.code, 0, r.stderr);
        const svg = parseSvg(r.stdout);
        assert.equal(svg.tagName.toLowerCase(), "svg");
        if (kind === "path") assert.equal(svg.querySelectorAll("g.panel-label text").length, family.panels);
        if (kind === "cv") assert.match(svg.querySelector("title")?.textContent ?? "", /Cross-validation/);
        if (kind === "pull") {
          const grouped = family.name !== "multinomial";
          assert.equal(svg.querySelectorAll("g.pull-bar").length, grouped ? 1 : family.panels);
          assert.ok(svg.querySelectorAll("g.price-tick line").length > 0);
        }
      });
    }
  }

  it("refuses a kind it does not draw for these families, naming it", async () => {
    assertOneLineError(await run(["plot", IRIS, "--target", "Species", "--family", "multinomial", "--kind", "spectrum"]), /--kind spectrum is not drawn for --family multinomial/);
  });
});
