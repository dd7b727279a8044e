// The words say only what the evidence says: every number and name in a sentence is checked against
// the explanation it was generated from.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/data/csv.js";
import { buildDesign } from "../../src/data/design.js";
import { modelMatrix } from "../../src/data/matrix.js";
import { FULL_PRECISION_THRESH, explain, gapShows, type Explanation } from "../../src/explain/explain.js";
import { ridgeSpectrum } from "../../src/explain/spectrum.js";
import { describe, describeCoefficient, describeFit, listing, num } from "../../src/explain/words.js";
import { fitPath } from "../../src/solve/path.js";
import { coefficientsAt } from "../../src/solve/predict.js";
import { randomProblem, rng } from "../helpers/random.js";
import { loadReference, referenceProblem } from "../helpers/reference.js";

const ref = loadReference("diabetes_lasso");
const { x, y } = referenceProblem(ref);
const path = fitPath(x, y, { thresh: 1e-14 });

/** The sentence of the paragraph that starts with `head` (and the `more` sentences after it). */
function sentence(text: string, head: string, more = 0): string | undefined {
  const all = text.split(/(?<=\.) /);
  const k = all.findIndex((s) => s.startsWith(head));
  return k < 0 ? undefined : all.slice(k, k + 1 + more).join(" ");
}

for (const k of [8, 20, 35, 60]) {
  test(`diabetes lasso at step ${k}: each coefficient's line restates its own evidence`, () => {
    const e = explain(path, { x, y }, { lambda: path.lambda[k] });
    for (const c of e.coefficients) {
      const line = describeCoefficient(c, e);
      assert.ok(line.startsWith(c.feature), line);
      if (c.status === "active") {
        assert.match(line, /in the model/);
        assert.ok(line.includes(`${c.feature} = ${num(c.coefficient)} (${num(c.standardized)} per standard deviation)`), line);
        assert.ok(line.includes(`pull ${num(c.absPull)} matches the price ${num(c.price)}`), line);
      } else {
        assert.equal(c.status, "zero");
        assert.ok(line.includes(`pull ${num(c.absPull)} is short of the price ${num(c.price)} by ${num(c.margin!)}`), line);
        assert.ok(line.includes(`${num(c.price / c.absPull)} times`), line);
      }
      const h = c.history;
      // On the path: a grid λ where it is nonzero is at or below its entry; between the last zero and that.
      if (h.firstLambda === null) assert.match(line, /zero all along the path/);
      else if (c.entry.kind === "at") assert.ok(line.includes(`entered at λ = ${num(c.entry.lambda)}, the path's first λ`), line);
      else if (h.firstLambda < e.lambda) assert.ok(line.includes(`enters further down the path, between λ = ${num(h.lastZeroLambda!)} and ${num(h.firstLambda)} (`), line);
      else assert.ok(line.includes(`entered between λ = ${num(h.lastZeroLambda!)} and ${num(h.firstLambda)} (`), line);
      if (c.coefficient !== 0) assert.doesNotMatch(line, /enters further down/);
      for (const ev of h.events.slice(0, 4)) assert.ok(line.includes(`λ = ${num(ev.lambda)}`), `${line} lacks event at ${ev.lambda}`);
    }
  });

  test(`diabetes lasso at step ${k}: the paragraph's counts, names and numbers are the evidence's`, () => {
    const e = explain(path, { x, y }, { lambda: path.lambda[k] });
    const text = describeFit(e);
    assert.ok(text.startsWith(`At λ = ${num(e.lambda)}, ${e.df} of 10 coefficients are nonzero`), text);
    assert.equal(e.df, e.coefficients.filter((c) => c.coefficient !== 0).length);
    assert.ok(text.includes(`costs λ·α = ${num(e.lambda)} per unit of standardized coefficient`));

    // The first to enter: the features with the earliest entry, and the largest pull at the top of the path.
    const earliest = Math.min(...e.coefficients.filter((c) => c.history.firstStep !== null).map((c) => c.history.firstStep!));
    const firsts = e.coefficients.filter((c) => c.history.firstStep === earliest).map((c) => c.feature);
    // Entrants of one grid step that entered at different λs are placed in one sentence, why in the next.
    const entry = sentence(text, firsts.join(" and "), 1)!;
    assert.ok(entry, text);
    const top = e.coefficients.reduce((a, b) => (b.startPull! > a.startPull! ? b : a));
    assert.ok(entry.includes(`pulled hardest on ${top.feature} (pull ${num(top.startPull!)}`), entry);
    const corr = e.coefficients.reduce((a, b) => (Math.abs(b.correlation!) > Math.abs(a.correlation!) ? b : a));
    assert.ok(entry.includes(`${corr.feature} is also the feature most correlated with the outcome (r = ${num(corr.correlation!)})`), entry);

    // The zeros, closest to entering first, each with its margin.
    const zeros = e.coefficients.filter((c) => c.status === "zero").sort((a, b) => a.margin! - b.margin!);
    const held = sentence(text, "Held at zero");
    if (zeros.length === 0) assert.equal(held, undefined);
    else {
      const named = [...held!.matchAll(/(\w+) \(short by ([^)]+)\)/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(named, zeros.slice(0, 5).map((c) => [c.feature, num(c.margin!)]));
    }

    // Competing pairs: really correlated, really one in and one out.
    const compete = sentence(text, "Correlated features compete");
    assert.equal(compete !== undefined, e.competitors.length > 0);
    for (const m of compete?.matchAll(/(\w+) and (\w+) \(r = ([^,]+), so they share/g) ?? []) {
      const [a, b] = [e.coefficients.find((c) => c.feature === m[1])!, e.coefficients.find((c) => c.feature === m[2])!];
      assert.notEqual(a.coefficient, 0);
      assert.equal(b.status, "zero");
      const pair = e.competitors.find((p) => p.a === m[1] && p.b === m[2])!;
      assert.ok(Math.abs(pair.correlation) > 0.7);
      assert.equal(m[3], num(pair.correlation));
    }
    assert.ok(text.includes(`to within ${num(e.kkt.maxViolation)}`), text);
  });
}

test("a feature most correlated with the outcome but measured on a small scale: the words do not claim it entered first", () => {
  const n = 200;
  const { x: base, y } = randomProblem(17, n, 3, { rho: 0 });
  const cols = Array.from({ length: 3 }, (_, j) => Array.from(base.data.subarray(j * n, (j + 1) * n)));
  // y itself plus noise, scaled down by 1000: the strongest correlation, the weakest pull without standardize.
  const tiny = Array.from(y, (v, i) => (v + 0.3 * Math.sin(7 * i)) / 1000);
  const x = modelMatrix([...base.names, "tiny"], [...cols, tiny]);
  const p = fitPath(x, y, { standardize: false });
  const e = explain(p, { x, y }, { lambda: p.lambda[3] });
  const tinyEv = e.coefficients.find((c) => c.feature === "tiny")!;
  assert.ok(Math.abs(tinyEv.correlation!) > 0.9);
  assert.notEqual(tinyEv.history.entryOrder, 1);
  const text = describeFit(e);
  assert.ok(text.includes(`the feature most correlated with the outcome is tiny (r = ${num(tinyEv.correlation!)}), yet the pulls rank them differently`), text);
  assert.ok(!text.includes("tiny is also the feature most correlated"));
  assert.ok(!text.includes("pulled hardest on tiny"));
});

test("special statuses and ridge have their own words; relaxed values give the share taken away", () => {
  const n = 120;
  const { x: x0, y } = randomProblem(11, n, 6, { rho: 0.3 });
  const cols = Array.from({ length: 6 }, (_, j) => x0.data.subarray(j * n, (j + 1) * n));
  const x = modelMatrix([...x0.names, "const"], [...cols, new Float64Array(n).fill(2)]);
  const p = fitPath(x, y, { penaltyFactor: [0, 1, 1, 1, 1, 1, 1], exclude: ["x3"], lowerLimits: [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, 0], thresh: 1e-14 });
  const k = Math.floor(p.lambda.length / 2);
  const beta = coefficientsAt(p, k);
  const relaxed = beta.map((b) => 2 * b);
  const e = explain(p, { x, y }, { lambda: p.lambda[k], relaxed });
  const lines = describe(e).coefficients;
  assert.match(lines[0], /^x1 = .*not penalized \(penalty factor 0\)/);
  assert.match(lines[2], /^x3: excluded from the fit/);
  assert.match(lines[6], /^const: the same value in every row \(zero variance\)/);
  for (const c of e.coefficients) {
    if (c.status !== "active") continue;
    assert.ok(lines[c.index].includes(`would be ${num(2 * c.coefficient)}: the penalty took 50% of it away`), lines[c.index]);
  }
  const text = describeFit(e);
  assert.ok(text.includes("Not penalized (penalty factor 0), fitted freely: x1."));
  assert.ok(text.includes("Excluded from the fit: x3."));
  assert.ok(text.includes("Left out because they do not vary: const."));
  assert.ok(text.includes("the penalty takes 50% (") && text.includes(") to 50% ("), text);

  const ridge = loadReference("diabetes_ridge");
  const rp = referenceProblem(ridge);
  const path0 = fitPath(rp.x, rp.y, { alpha: 0 });
  const er: Explanation = explain(path0, rp, { lambda: path0.lambda[50] });
  const spectrum = ridgeSpectrum(path0, rp, { lambda: er.lambda });
  const rt = describeFit(er, spectrum);
  assert.ok(rt.includes("With α = 0 (ridge) there is no price to enter"));
  assert.ok(rt.includes(`effective degrees of freedom ${num(spectrum.df)} of 10`), rt);
  assert.ok(rt.includes(`keeps ${Math.round(100 * spectrum.factor[0])}% of the fit along the largest-variance direction`), rt);
  const worst = spectrum.mostShrunk[0];
  assert.ok(rt.includes(`The most shrunk direction (variance ${num(worst.d2)}`), rt);
  for (const t of worst.top) assert.ok(rt.includes(`${t.feature} (${num(t.loading)})`));
  for (const c of er.coefficients) assert.match(describeCoefficient(c, er), /balanced by the ridge part/);
});

test("the words for a design wider than a call can spread (130,000 features) come without a stack overflow", () => {
  const n = 30, p = 130_000;
  const data = new Float64Array(n * p);
  for (let i = 0; i < data.length; i++) data[i] = (Math.sin(i * 12.9898) * 43758.5453) % 1;
  const y = Float64Array.from({ length: n }, (_, i) => 3 * data[i] + data[5 * n + i] + 0.1 * Math.cos(i));
  const x = { n, p, data, names: Array.from({ length: p }, (_, j) => `x${j + 1}`) };
  const path = fitPath(x, y, { nlambda: 5 });
  const words = describe(explain(path, { x, y }, { lambda: path.lambda[3] }));
  assert.match(words.fit, /of 130000 coefficients are nonzero/);
  assert.match(words.fit, /pulled hardest on x1 /);
});

test("the price is λ·α·v_j with glmnet's rescaled factors, and the words show v_j and why it is not the factor given", () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/explain");
  const read = (name: string, options: { target: string; family?: "poisson"; weights?: string }) =>
    buildDesign(parseCsv(readFileSync(join(dir, `${name}.csv`), "utf8")), options);
  const cat = read("cat", { target: "y" });
  const pois = read("pois", { target: "count", family: "poisson", weights: "wt" });
  for (const [d, family, free, lambda] of [[cat, "gaussian", "grp=", 0.1], [pois, "poisson", "logexpo", 0.02]] as const) {
    const penaltyFactor = d.x.names.map((f) => (f.startsWith(free) ? 0 : 1));
    const path = fitPath(d.x, d.y, { family, weights: d.weights, penaltyFactor });
    const e = explain(path, { x: d.x, y: d.y, weights: d.weights }, { lambda });
    const paying = e.coefficients.find((c) => c.status !== "unpenalized")!;
    const v = paying.penaltyFactor;
    assert.equal(paying.givenPenaltyFactor, 1);
    assert.ok(Math.abs(v - 1) > 0.1, `v_j = ${v}: the rescaling changed it`);
    assert.ok(Math.abs(paying.price - lambda * v) <= 1e-12 * paying.price);
    const text = describeFit(e);
    assert.ok(text.includes(`costs λ·α·v_j = ${num(lambda)} × ${num(v)} = ${num(paying.price)} per unit`), text);
    assert.ok(text.includes(`rescales the penalty factors to sum to the number of features (${d.x.p}), so a factor 1 becomes v_j = ${num(v)}`), text);
    assert.ok(!text.includes(`λ·α = ${num(paying.price)}`), text);
  }
});

/** The feature a paragraph calls the most correlated with the outcome, and whether it says "penalized". */
function claimedMostCorrelated(text: string): { feature: string; penalizedOnly: boolean } | null {
  const m = /(\w+) is also the (penalized )?feature most correlated with the outcome|the (penalized )?feature most correlated with the outcome is (\w+)/.exec(text);
  if (!m) return null;
  return { feature: m[1] ?? m[4], penalizedOnly: (m[2] ?? m[3]) !== undefined };
}

test("'most correlated with the outcome' is true of plain |r|, whatever the penalty factors, and names an unpenalized feature more correlated still", () => {
  const n = 200;
  const r = rng(5);
  const y = Float64Array.from({ length: n }, () => r.normal());
  const noisy = (s: number) => Float64Array.from(y, (v) => v + s * r.normal());
  // free: the most correlated, unpenalized; strong: the most correlated of the penalized, but with factor 3
  // it ranks below weak on |r|/v_j; weak, noise: factor 1.
  const x = modelMatrix(["free", "strong", "weak", "noise"], [noisy(0.5), noisy(1), noisy(2), noisy(20)]);
  const p = fitPath(x, y, { penaltyFactor: { free: 0, strong: 3 } });
  const e = explain(p, { x, y }, { lambda: p.lambda[Math.floor(p.lambda.length / 2)] });
  const abs = (f: string) => Math.abs(e.coefficients.find((c) => c.feature === f)!.correlation!);
  const penalized = e.coefficients.filter((c) => c.status !== "unpenalized");
  // The trap the words fell into: ranked by |r|/v_j, weak beats strong.
  const byFactor = penalized.reduce((a, b) => (Math.abs(b.correlation!) / b.penaltyFactor > Math.abs(a.correlation!) / a.penaltyFactor ? b : a));
  assert.notEqual(byFactor.feature, "strong");
  assert.ok(abs("free") > abs("strong") && abs("strong") > abs("weak"));

  const text = describeFit(e);
  const claim = claimedMostCorrelated(text);
  assert.ok(claim, text);
  const ranked = claim.penalizedOnly ? penalized : e.coefficients;
  for (const c of ranked) assert.ok(abs(claim.feature) >= Math.abs(c.correlation!), `${text}\n${c.feature} is more correlated than ${claim.feature}`);
  // The unpenalized feature more correlated than any penalized one is named with its r.
  assert.ok(claim.penalizedOnly, text);
  assert.ok(text.includes(`the unpenalized free has r = ${num(e.coefficients[0].correlation!)}`), text);
});

test("the first entrants are placed by their own Entry, as each one's line places it: one at λ_max, the rest in the bracket below", () => {
  // A coarse grid: several features are first nonzero at the second λ, one of them entering right at the first.
  const { x, y } = randomProblem(1, 100, 8, { rho: 0.5 });
  const p = fitPath(x, y, { nlambda: 4 });
  const e = explain(p, { x, y }, { lambda: p.lambda[2] });
  const first = e.coefficients.filter((c) => c.history.entryOrder === 1);
  const kinds = new Set(first.map((c) => c.entry.kind));
  assert.ok(kinds.has("at") && kinds.has("between"), JSON.stringify(first.map((c) => c.entry)));
  const text = describeFit(e);
  const entered = sentence(text, first.map((c) => c.feature).join(", ").replace(/, ([^,]*)$/, " and $1"))!;
  assert.ok(entered, text);
  assert.doesNotMatch(entered, /together/);
  for (const c of first) {
    const line = describeCoefficient(c, e);
    // The same λs in the paragraph as in the coefficient's own line.
    const en = c.entry;
    assert.ok(en.kind === "at" || en.kind === "between");
    const where = en.kind === "at" ? `at λ = ${num(en.lambda)}, the path's first λ` : `between λ = ${num(en.upper!)} and ${num(en.lower)}`;
    assert.ok(line.includes(`entered ${where}`), line);
    assert.ok(new RegExp(`\\b${c.feature}\\b[^:]*? ${where.replace(/[.()]/g, "\\$&")}`).test(entered.split(": ")[1] ?? ""), `${entered}\n${c.feature}: ${where}`);
  }
  const atFirst = first.filter((c) => c.entry.kind === "at").map((c) => c.feature);
  assert.ok(entered.includes(`${atFirst.join(" and ")} at λ = `), entered);
});

/** Plain Pearson correlation of two columns of x (the tests' own, not the library's). */
function pearson(x: { n: number; data: Float64Array; names: readonly string[] }, a: string, b: string): number {
  const col = (f: string) => x.data.subarray(x.names.indexOf(f) * x.n, (x.names.indexOf(f) + 1) * x.n);
  const [u, v] = [col(a), col(b)];
  const mean = (t: Float64Array) => t.reduce((s, q) => s + q, 0) / t.length;
  const [mu, mv] = [mean(u), mean(v)];
  let suv = 0, suu = 0, svv = 0;
  for (let i = 0; i < u.length; i++) [suv, suu, svv] = [suv + (u[i] - mu) * (v[i] - mv), suu + (u[i] - mu) ** 2, svv + (v[i] - mv) ** 2];
  return suv / Math.sqrt(suu * svv);
}

// Strongly correlated features at a tiny λ: coordinate descent stops at thresh 1e-14 with a KKT gap the
// table shows (glmnet stops in the same place), and the words must say so rather than "matches".
for (const lambda of [1e-7, 0]) {
  test(`at λ = ${lambda} with strongly correlated features, a pull visibly apart from its price is not said to match it, and the check says why`, () => {
    const { x, y } = randomProblem(1, 200, 6, { rho: 0.99, family: "poisson" });
    const p = fitPath(x, y, { family: "poisson" });
    const e = explain(p, { x, y }, { lambda });
    assert.equal(e.thresh, FULL_PRECISION_THRESH);
    const apart = e.coefficients.filter((c) => gapShows(c.violation, e.kkt.scale));
    assert.ok(apart.length > 0, `no visible gap: ${e.kkt.relative}`);
    for (const c of e.coefficients) {
      const line = describeCoefficient(c, e);
      assert.equal(c.status, "active");
      if (gapShows(c.violation, e.kkt.scale)) {
        assert.doesNotMatch(line, /matches the price/, line);
        assert.ok(line.includes(`its pull ${num(c.absPull)} against the price ${num(c.price)}: apart by ${num(c.violation)}, the solver's remaining gap`), line);
      } else {
        assert.ok(line.includes(`its pull ${num(c.absPull)} matches the price ${num(c.price)}`), line);
        // Printed digits that differ are owned up to.
        if (num(c.absPull) !== num(c.price)) assert.ok(line.includes(`within the table's precision (4 digits of the pulls' scale ${num(e.kkt.scale)})`), line);
      }
    }
    const text = describeFit(e);
    assert.doesNotMatch(text, /a smaller thresh gives more digits/, text);
    assert.ok(text.includes(`the fit already used thresh ${num(FULL_PRECISION_THRESH)}, and coordinate descent converges slowly here`), text);
    // The reason names the worst coefficient and its correlated partner, with their plain correlation.
    const partner = e.kkt.correlated!;
    assert.ok(Math.abs(partner.correlation - pearson(x, e.kkt.feature!, partner.feature)) <= 1e-12);
    assert.ok(text.includes(`${e.kkt.feature} and ${partner.feature} are strongly correlated (r = ${num(partner.correlation)})`), text);
    assert.ok(text.includes(`(those of ${listing(apart.map((c) => c.feature))})`), text);
    assert.ok(text.includes(lambda === 0 ? "λ is 0" : `λ is tiny (${num(lambda / e.pathRange.first)} of the path's first λ)`), text);
    assert.doesNotMatch(text, /refitted exactly/);
    assert.doesNotMatch(e.notes.join(" "), /full precision/);
  });
}

test("a visible KKT gap at a thresh looser than the refit's still gets the advice to lower thresh, and no claim of slow convergence", () => {
  const { x, y } = randomProblem(1, 200, 6, { rho: 0.99, family: "poisson" });
  // λ on the path, fitted to 1e-12: tight enough that explain does not refine it, loose enough for a gap.
  const p = fitPath(x, y, { family: "poisson", lambda: [0.5, 0.1, 1e-7], thresh: 1e-12 });
  const e = explain(p, { x, y }, { lambda: 1e-7 });
  assert.equal(e.source, "path");
  assert.equal(e.thresh, 1e-12);
  assert.ok(gapShows(e.kkt.maxViolation, e.kkt.scale), `${e.kkt.relative}`);
  const text = describeFit(e);
  assert.ok(text.includes(`the precision thresh ${num(1e-12)} gives, which the table's last digits show); a smaller thresh gives more digits.`), text);
  assert.doesNotMatch(text, /converges slowly/);
});
