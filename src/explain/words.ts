/**
 * The explanation in words: one line per coefficient and a paragraph for the fit, generated only from
 * the evidence of explain() (and, when given, the ridge spectrum). Every sentence restates numbers that
 * are in the evidence; nothing is said that the numbers do not show.
 */
import { COMPETING_CORRELATION, FULL_PRECISION_THRESH, gapShows, type CoefficientEvidence, type Entry, type Explanation } from "./explain.js";
import type { RidgeSpectrum } from "./spectrum.js";
import type { DropCost, DropCosts } from "./drop.js";
import { familyOf } from "../model/families/index.js";
import { checkArguments, optional } from "../data/arguments.js";
import { ordinal } from "../solve/checks.js";
import { explanationRule, spectrumRule, dropCostsRule, evidenceRule, dropCostRule } from "./arguments.js";

/** A number for prose: 4 significant digits, exponent form when tiny or huge. */
export function num(v: number): string {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(4)));
  return v.toExponential(2).replace(/\.?0+e/, "e");
}

/** The sentence with its first letter in capitals. */
function capital(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** A fraction as a percentage for prose. */
export function percent(f: number): string {
  const v = 100 * f;
  return `${Math.abs(v) >= 10 ? Math.round(v) : Number(v.toPrecision(2))}%`;
}

/** 1st, 2nd, 3rd, 4th, … (one definition, in the solver's checks, which word their warnings with it). */
export { ordinal };

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function lam(v: number): string {
  return `λ = ${num(v)}`;
}

/** Whether the model is a survival one (Cox): its words are the field's (score, hazard ratio, risk ordering). */
export function isSurvival(e: Pick<Explanation, "family">): boolean {
  return familyOf(e.family).outcome === "survival";
}

/** exp(b) for prose; written exp(b) when it leaves the 64-bit numbers (|b| > 709: Infinity or 0). */
export function expWords(b: number): string {
  const r = Math.exp(b);
  return r > 0 && r < Infinity ? num(r) : `exp(${num(b)})`;
}

/** How many times its pull a variable at zero would need to pay its price; past the 64-bit numbers, said so. */
function timesNeeded(price: number, pull: number): string {
  const times = price / pull;
  return times < Infinity ? num(times) : `more than ${num(Number.MAX_VALUE)}`;
}

/**
 * The coefficient with its standardized value when they differ; for Cox, with its hazard ratio exp(β̃), per
 * standard deviation of the feature, or per unit where the fit did not standardize (β̃ is then β).
 */
function value(c: CoefficientEvidence, e?: Explanation): string {
  if (c.coefficient === 0) return `${c.feature} = 0`;
  const cox = e !== undefined && isSurvival(e);
  const perSd = e?.standardize !== false;
  const parts: string[] = [];
  if (perSd && (c.standardized !== c.coefficient || cox)) parts.push(`${num(c.standardized)} per standard deviation`);
  if (cox) parts.push(`hazard ratio ${expWords(c.standardized)} per ${perSd ? "standard deviation" : "unit"}`);
  return parts.length > 0 ? `${c.feature} = ${num(c.coefficient)} (${parts.join("; ")})` : `${c.feature} = ${num(c.coefficient)}`;
}

/** An entry that happened somewhere on the path (see Entry). */
type PathEntry = Extract<Entry, { kind: "at" | "between" }>;

/**
 * Where an entry happened, after "entered"/"enters": the one wording of an Entry, shared by a
 * coefficient's line and the paragraph's first entrants so that the two cannot disagree.
 */
function entryWhere(en: PathEntry, e: Explanation, plural = false): string {
  const here = (v: number) => (v === e.lambda ? `${num(v)} (this λ)` : num(v));
  if (en.kind === "at") return `at ${lam(en.lambda)}, the path's first λ, where ${plural ? "their pulls meet their prices" : "its pull meets its price"}`;
  if (en.upper === null) return `from the path's first λ on (${lam(en.lower)})`;
  return `between λ = ${here(en.upper)} and ${here(en.lower)}`;
}

/** Whether entry a came before entry b down the path: a larger top λ, and at the path's first λ before a bracket from it. */
function entryOrderCompare(a: PathEntry, b: PathEntry): number {
  const top = (en: PathEntry) => (en.kind === "at" ? en.lambda : en.upper ?? Infinity);
  return top(b) - top(a) || (a.kind === "at" ? 0 : 1) - (b.kind === "at" ? 0 : 1);
}

/** When it entered, relative to the λ explained (see Entry). */
function entryPhrase(c: CoefficientEvidence, e: Explanation): string {
  const en = c.entry;
  const order = c.history.entryOrder !== null ? ` (${ordinal(c.history.entryOrder)} to enter)` : "";
  switch (en.kind) {
    case "free":
      return en.reason === "unpenalized"
        ? "Unpenalized, it is in the model at every λ: it has no entry."
        : `With α = 0 it has no entry: ridge keeps it nonzero at every λ${c.history.firstStep === 1 ? " (glmnet reports the path's first λ as the null model, a convention, not an entry)" : ""}.`;
    case "never":
      return `It is zero all along the path, down to ${lam(e.pathRange.last)}.`;
    case "at":
      return en.lambda < e.lambda ? `It enters further down the path, ${entryWhere(en, e)}${order}.` : `It entered ${entryWhere(en, e)}${order}.`;
    case "between":
      if (en.upper === null) return `It is in ${entryWhere(en, e)}${order}.`;
      return en.upper <= e.lambda ? `It enters further down the path, ${entryWhere(en, e)}${order}.` : `It entered ${entryWhere(en, e)}${order}.`;
  }
}

/** What happened to the coefficient on the path, relative to the λ explained. */
function historyPhrase(c: CoefficientEvidence, e: Explanation): string {
  const h = c.history;
  const parts = [entryPhrase(c, e)];
  const describe = h.events.map((ev) => {
    const when = lam(ev.lambda);
    const later = ev.lambda < e.lambda ? " (further down the path)" : "";
    if (ev.kind === "exit") return `left at ${when}${later}`;
    if (ev.kind === "enter") return `came back at ${when}${later}`;
    return `changed sign at ${when}${later}`;
  });
  if (describe.length > 0) parts.push(`It ${listing(describe.slice(0, 4))}${describe.length > 4 ? ` and changed ${describe.length - 4} more times` : ""}.`);
  const d = c.pathDiffers;
  if (d === null) return parts.join(" ");
  // The history is the path's, which disagrees with the solution here: say both, and why.
  const story = parts.join(" ");
  const there = e.step !== null ? "at this λ" : "at the fitted λs either side of this λ";
  const onPath = d.pathCoefficient !== 0 ? `nonzero ${there} (β = ${num(d.pathCoefficient)})` : `zero ${there}`;
  const solved = c.coefficient !== 0
    ? "solved at this λ to full precision it is nonzero: the path's tolerance kept it out"
    : "solved at this λ to full precision it is zero: the path's tolerance let it in";
  return `On the path as fitted (to thresh ${num(d.thresh)}): ${story.charAt(0).toLowerCase()}${story.slice(1)} On the path it is ${onPath}; ${solved}.`;
}

/** The coefficient against its relaxed value (the unpenalized refit on the same variables). */
function relaxedPhrase(c: CoefficientEvidence): string {
  const f = c.shrunkFraction!;
  const head = `Refitted without the penalty on the same variables it would be ${num(c.relaxed!)}`;
  if (f > 1) return `${head}, with the opposite sign.`;
  if (f < 0) return `${head}: the penalized value is further from zero than the relaxed one.`;
  return `${head}: the penalty took ${percent(f)} of it away.`;
}

/**
 * Whether this coefficient's KKT gap shows in the table (gapShows, the rule of the fit's check): then its
 * pull and price are visibly apart, and the words must not say they match.
 */
function visibleGap(c: CoefficientEvidence, e: Explanation): boolean {
  return gapShows(c.violation, e.kkt.scale);
}

/** The tail of a line whose pull and price are visibly apart: by how much, and whose the gap is. */
function gapTail(c: CoefficientEvidence): string {
  return `apart by ${num(c.violation)}, the solver's remaining gap (see the fit's check)`;
}

/**
 * For a pull that matches its price (plus ridge part) within the table's precision but not in the digits
 * printed (1.09e-7 against 1e-7 at a tiny λ, on a scale of 0.0025): by how much, or "matches" reads false.
 */
function withinShown(c: CoefficientEvidence, e: Explanation): string {
  return c.violation > 0 && num(c.absPull) !== num(c.price + Math.abs(c.ridge))
    ? ` within the table's precision (4 digits of the pulls' scale ${num(e.kkt.scale)})`
    : "";
}

/**
 * "; the cross-validated mse would worsen by 12": the refit's CV error against the fit's now, worse when
 * `worse` is positive (for AUC, a fall). Empty without folds.
 */
function cvPhrase(worse: number | null, costs: DropCosts): string {
  if (worse === null || costs.measure === null) return "";
  if (worse === 0) return `; the cross-validated ${costs.measure} would not change`;
  return `; the cross-validated ${costs.measure} would ${worse > 0 ? "worsen" : "improve"} by ${num(Math.abs(worse))}`;
}

/** "; s3 would move most, from −0.56 to −1.03" when another coefficient moves in the refit. */
function movesPhrase(d: DropCost): string {
  const m = d.mostChanged;
  return m === null ? "" : `; ${m.feature} would move most, from ${num(m.from)} to ${num(m.to)}`;
}

/** "rise by 12 (0.5% of the null deviance)": a change in training deviance, rise when positive. */
function devianceChange(change: number, share: number): string {
  return `${change >= 0 ? "rise" : "fall"} by ${num(Math.abs(change))} (${percent(Math.abs(share))} of the null deviance)`;
}

/**
 * What dropping an active coefficient would cost (the refit at this λ without it): the rise in deviance and
 * CV error, and its pull at zero against its price, which is why zero is not a solution for it.
 */
export function dropPhrase(d: DropCost, costs: DropCosts, e: Explanation): string {
  checkArguments("dropPhrase", { d, costs, e }, { d: dropCostRule, costs: dropCostsRule, e: explanationRule });
  const zero = d.pullRatio !== null
    ? `refitted without it, the data would pull on it with ${num(d.pullRatio)} times its price, so zero is ${d.pullRatio > 1 ? "not a solution: the penalty cannot set it to zero at this λ" : "within its price: the model without it is as good a solution"}`
    : e.alpha === 0
      ? `refitted without it, the data would pull on it with ${num(d.pullAtZero)}, and with α = 0 the price at zero is 0, so any pull moves it off zero`
      : `refitted without it, the data would pull on it with ${num(d.pullAtZero)}, and ${d.price > 0 ? `its price ${num(d.price)} is too small to compare with` : "unpenalized it pays no price"}`;
  return `without it (refitted at this λ) the training deviance would ${devianceChange(d.deviance, d.devianceShare)}${cvPhrase(d.cv, costs)}; ${zero}${movesPhrase(d)}`;
}

/** What forcing a zero coefficient in (unpenalized) would gain at this λ. */
export function forcePhrase(d: DropCost, costs: DropCosts, e: Explanation): string {
  checkArguments("forcePhrase", { d, costs, e }, { d: dropCostRule, costs: dropCostsRule, e: explanationRule });
  const others = d.deviance < 0 ? ", as the others shrink more than it gains" : "";
  void e;
  return `forced in without penalty it would be ${num(d.refitCoefficient)} and the training deviance would ${devianceChange(-d.deviance, -d.devianceShare)}${others}${cvPhrase(d.cv === null ? null : -d.cv, costs)}${movesPhrase(d)}`;
}

/** One line for one coefficient; with `costs` (dropCosts at this λ), what dropping it or forcing it in would do. */
export function describeCoefficient(c: CoefficientEvidence, e: Explanation, costs?: DropCosts): string {
  checkArguments("describeCoefficient", { c, e, costs }, { c: evidenceRule, e: explanationRule, costs: optional(dropCostsRule) });
  const d = costs?.costs.find((k) => k.index === c.index);
  const ridgeNote = e.alpha < 1 && c.ridge !== 0 ? ` plus the ridge part ${num(Math.abs(c.ridge))}` : "";
  switch (c.status) {
    case "constant":
      return `${c.feature}: the same value in every row (zero variance), so there is nothing to learn from it; it is left out and its coefficient is 0.`;
    case "excluded":
      return `${c.feature}: excluded from the fit, so its coefficient is 0 whatever the data say (the data pull on it with ${num(c.absPull)}).`;
    case "unpenalized":
      return `${value(c, e)}: not penalized (penalty factor 0), so it is fitted freely and pays no price; the remaining pull on it is ${num(c.absPull)}, ${visibleGap(c, e) ? "not zero: the solver's remaining gap (see the fit's check)" : "zero up to rounding"}. ${historyPhrase(c, e)}`;
    case "at-bound": {
      const b = c.bound!;
      return `${value(c, e)}: held at its ${b.side} limit ${num(b.value)}; the data pull it further (pull ${num(c.pull)}, price ${num(c.price)}${ridgeNote}) but the limit stops it. ${historyPhrase(c, e)}`;
    }
    case "active": {
      const gap = visibleGap(c, e);
      const balance = e.alpha === 0
        ? gap
          ? `its pull ${num(c.absPull)} against the ridge part ${num(Math.abs(c.ridge))} alone (α = 0: there is no price to enter), ${gapTail(c)}`
          : `its pull ${num(c.absPull)} is balanced by the ridge part ${num(Math.abs(c.ridge))} alone (α = 0: there is no price to enter, and ridge shrinks without setting to zero)`
        : gap
          ? `its pull ${num(c.absPull)} against the price ${num(c.price)}${ridgeNote}: ${gapTail(c)}`
          : `its pull ${num(c.absPull)} matches the price ${num(c.price)}${ridgeNote}${withinShown(c, e)}`;
      // With a ridge part the price has two parts: name both before what dropping it would cost.
      const parts = e.alpha === 0 ? `its pull ${num(c.absPull)} is balanced by the ridge part ${num(Math.abs(c.ridge))} alone; `
        : e.alpha < 1 ? `its pull ${num(c.absPull)} = the price ${num(c.price)} + the ridge part ${num(Math.abs(c.ridge))}; ` : "";
      const why = d && d.kind === "drop" && !gap ? `${parts}${dropPhrase(d, costs!, e)}` : balance;
      let line = `${value(c, e)}: in the model; ${why}. ${historyPhrase(c, e)}`;
      if (c.relaxed !== null && c.shrunkFraction !== null) line += ` ${relaxedPhrase(c)}`;
      return line;
    }
    case "zero": {
      const ratio = c.absPull > 0 ? ` (it would need ${timesNeeded(c.price, c.absPull)} times the pull it has)` : " (the data do not pull on it at all)";
      const forced = d && d.kind === "force" ? ` ${capital(forcePhrase(d, costs!, e))}.` : "";
      // For Cox the pull is the partial-likelihood score: what moving β̃ would do to the ordering of risks.
      const held = isSurvival(e) ? "held at zero: it would change the risk ordering too little to pay its price; its score" : "held at zero; its pull";
      return `${c.feature} = 0: ${held} ${num(c.absPull)} is short of the price ${num(c.price)} by ${num(c.margin!)}${ratio}.${forced} ${historyPhrase(c, e)}`;
    }
  }
}

/** How λ was chosen, for the first sentence. */
function lambdaPhrase(e: Explanation): string {
  const how = e.lambdaLabel === "lambdaMin" ? " (λ_min: the smallest cross-validated error)"
    : e.lambdaLabel === "lambda1se" ? " (λ_1se: the largest λ within one standard error of the smallest cross-validated error)" : "";
  // "Exactly" would read as "exact": the refit is at this very λ, to the precision its check reports.
  const where = e.source === "refit" ? ", refitted at this very λ (not interpolated)" : "";
  return `${lam(e.lambda)}${how}${where}`;
}

/**
 * Where the first entrants (the path's first step with any entry) entered, each from its own Entry: one
 * bracket when they share it, otherwise each group in its place (an entry at the path's first λ comes
 * before a bracket below it, though the grid puts both in the same step). The features of the earliest
 * group are returned too: only they can be said to be the first worth their price.
 */
function firstEntries(first: readonly CoefficientEvidence[], e: Explanation): { where: string; earliest: string[] } {
  const groups = new Map<string, { entry: PathEntry; names: string[] }>();
  for (const c of first) {
    if (c.entry.kind !== "at" && c.entry.kind !== "between") continue;
    const key = JSON.stringify(c.entry);
    if (!groups.has(key)) groups.set(key, { entry: c.entry, names: [] });
    groups.get(key)!.names.push(c.feature);
  }
  const ordered = [...groups.values()].sort((a, b) => entryOrderCompare(a.entry, b.entry));
  if (ordered.length === 0) return { where: "", earliest: [] };
  if (ordered.length === 1) return { where: `, ${entryWhere(ordered[0].entry, e, first.length > 1)}`, earliest: ordered[0].names };
  const each = ordered.map((g) => `${listing(g.names)} ${entryWhere(g.entry, e, g.names.length > 1)}`);
  return { where: `, in the same step of the path's grid: ${each.join(", then ")}`, earliest: ordered[0].names };
}

/** The evidence with the largest |r| with the outcome (the first of equals), null when none has one. */
function mostCorrelated(cs: readonly CoefficientEvidence[]): CoefficientEvidence | null {
  return cs.reduce<CoefficientEvidence | null>((a, b) => (b.correlation !== null && (a === null || Math.abs(b.correlation) > Math.abs(a.correlation!)) ? b : a), null);
}

/**
 * The correlation with the outcome, stated only as far as it is true of the named features. It ranks
 * plain |r|, as the sentence says, among the penalized features (those with a pull at the top of the
 * path, the ones whose entry the sentence is about); an unpenalized or excluded feature more correlated
 * still is named, or "most correlated" would be false of the data.
 */
function correlationClause(e: Explanation, names: readonly string[]): string {
  const best = mostCorrelated(e.coefficients.filter((c) => c.startPull !== null));
  if (best === null) return "";
  const overall = mostCorrelated(e.coefficients)!;
  const r = `r = ${num(best.correlation!)}`;
  const outside = overall !== best && Math.abs(overall.correlation!) > Math.abs(best.correlation!)
    ? `; the ${overall.status === "excluded" ? "excluded" : "unpenalized"} ${overall.feature} has r = ${num(overall.correlation!)}`
    : "";
  const which = outside ? "penalized feature" : "feature";
  // The pulls that decide entry are relative to the penalty factors: say so when those differ.
  const factors = new Set(e.coefficients.filter((c) => c.startPull !== null).map((c) => c.penaltyFactor));
  const pulls = factors.size > 1 ? "the pulls relative to the penalty factors" : "the pulls";
  return names.includes(best.feature)
    ? `; ${best.feature} is also the ${which} most correlated with the outcome (${r}${outside})`
    : `; the ${which} most correlated with the outcome is ${best.feature} (${r}${outside}), yet ${pulls} rank them differently`;
}

/** The features that entered first, and whether the pulls at the top of the path single them out. */
function firstEntrySentence(e: Explanation): string | null {
  const withPull = e.coefficients.filter((c) => c.startPull !== null);
  if (withPull.length === 0) return null;
  // Reductions, not Math.min(...): a wide design has more features than a call can spread.
  const topPull = withPull.reduce((m, c) => Math.max(m, c.startPull!), -Infinity);
  const strongest = e.coefficients.filter((c) => c.startPull === topPull).map((c) => c.feature);
  const hardest = `the data pull${e.alpha === 0 ? "" : "ed"} hardest on ${listing(strongest)} (pull ${num(topPull)} relative to the penalty factor)`;
  if (e.alpha === 0) {
    // Nothing pays a price to enter: there is no order to tell, only where the data pull hardest.
    return `Nor is there an order of entry; at the top of the path ${hardest}${correlationClause(e, strongest)}.`;
  }
  // The order of entry is among the variables that enter (unpenalized ones are in from the start).
  const first = e.coefficients.filter((c) => c.history.entryOrder === 1);
  if (first.length === 0) return null;
  const names = first.map((c) => c.feature);
  const { where, earliest } = firstEntries(first, e);
  const split = earliest.length < names.length;
  let s = `${listing(names)} ${names.length > 1 && !split ? "entered together" : "entered first"}${where}`;
  if (strongest.every((f) => earliest.includes(f))) {
    // After a list of entries, a colon would read as one more of them: a new sentence.
    const why = `at the top of the path ${hardest}, so ${strongest.length > 1 ? "they were the first to be worth their price" : "it was the first to be worth its price"}`;
    s += split ? `. ${why.charAt(0).toUpperCase()}${why.slice(1)}` : `: ${why}`;
  }
  return `${s}${correlationClause(e, names)}.`;
}

/** Where the path as fitted disagrees with this solution about which coefficients are zero. */
function pathDifferences(e: Explanation): string | null {
  const differ = e.coefficients.filter((c) => c.pathDiffers !== null);
  if (differ.length === 0) return null;
  const letIn = differ.filter((c) => c.coefficient === 0).map((c) => c.feature);
  const keptOut = differ.filter((c) => c.coefficient !== 0).map((c) => c.feature);
  const where = e.step !== null ? `${e.pathDf !== null ? `has ${e.pathDf} nonzero` : "differs"} at this λ` : "differs at the fitted λs either side of this λ";
  const parts: string[] = [];
  if (letIn.length) parts.push(`${listing(letIn)} ${letIn.length > 1 ? "are" : "is"} nonzero on the path but zero solved to full precision (its tolerance let ${letIn.length > 1 ? "them" : "it"} in)`);
  if (keptOut.length) parts.push(`${listing(keptOut)} ${keptOut.length > 1 ? "are" : "is"} zero on the path but nonzero solved to full precision (its tolerance kept ${keptOut.length > 1 ? "them" : "it"} out)`);
  return `The path as fitted (to thresh ${num(e.pathThresh)}) ${where}: ${parts.join("; ")}. The histories below are the path's.`;
}

/**
 * What moving a coefficient off zero costs: λ·α·v_j, with v_j the penalty factor as glmnet uses it. glmnet
 * rescales the factors to sum to p, so v_j is not the factor given unless they already summed to p: say so
 * with the numbers, or "λ·α = 2.4" would state a price that is not λ·α.
 */
export function priceSentence(e: Explanation, priced: readonly CoefficientEvidence[]): string {
  const la = e.lambda * e.alpha;
  const vs = priced.map((c) => c.penaltyFactor);
  const vlo = vs.reduce((m, v) => Math.min(m, v), Infinity), vhi = vs.reduce((m, v) => Math.max(m, v), -Infinity);
  const per = e.standardize ? " per unit of standardized coefficient (one standard deviation of its feature)" : " per unit of coefficient";
  const tail = "; a variable is in the model only when the data pull on it that hard";
  const same = vhi - vlo <= 1e-12 * vhi;
  let cost: string;
  if (same && Math.abs(vhi - 1) <= 1e-12) cost = `costs λ·α = ${num(la)}${per}${tail}`;
  else if (same) cost = `costs λ·α·v_j = ${num(la)} × ${num(vhi)} = ${num(la * vhi)}${per}${tail}`;
  else cost = `costs λ·α·v_j: λ·α = ${num(la)} times its penalty factor v_j (${num(vlo)} to ${num(vhi)}), from ${num(la * vlo)} to ${num(la * vhi)}${per}${tail}`;
  // Each distinct factor given that the rescaling changed, with what it became.
  const rescaled = new Map<number, number>();
  for (const c of e.coefficients) {
    const g = c.givenPenaltyFactor;
    if (Number.isFinite(g) && g > 0 && Math.abs(g - c.penaltyFactor) > 1e-12 * c.penaltyFactor && !rescaled.has(g)) rescaled.set(g, c.penaltyFactor);
  }
  if (rescaled.size === 0) return `Moving a coefficient off zero ${cost}.`;
  const becomes = [...rescaled].slice(0, 3).map(([g, v]) => `${num(g)} becomes v_j = ${num(v)}`);
  return `Moving a coefficient off zero ${cost}. The v_j are not the factors given: glmnet rescales the penalty factors to sum to the number of features (${e.coefficients.length}), so a factor ${listing(becomes)}${rescaled.size > 3 ? `, and ${rescaled.size - 3} more` : ""}.`;
}

/** The paragraph for the whole fit. */
export function describeFit(e: Explanation, spectrum?: RidgeSpectrum): string {
  checkArguments("describeFit", { e, spectrum }, { e: explanationRule, spectrum: optional(spectrumRule) });
  const p = e.coefficients.length;
  const sentences: string[] = [];
  const devShare = `of the ${familyOf(e.family).devianceName}`;
  sentences.push(`At ${lambdaPhrase(e)}, ${e.df} of ${p} coefficients are nonzero and the model explains ${percent(e.devRatio)} ${devShare}.`);
  const differ = pathDifferences(e);
  if (differ) sentences.push(differ);

  const priced = e.coefficients.filter((c) => c.status !== "excluded" && c.status !== "constant" && c.status !== "unpenalized");
  if (e.alpha > 0 && priced.length > 0) sentences.push(priceSentence(e, priced));
  else if (e.alpha === 0) {
    sentences.push("With α = 0 (ridge) there is no price to enter: every coefficient whose feature varies is nonzero, each shrunk until its pull equals its ridge part. Nothing reaches zero because the ridge part λ·v·|β̃| is itself 0 at β = 0: the first step off zero costs nothing, so any pull at all, however small, moves a coefficient off zero.");
  }

  const first = firstEntrySentence(e);
  if (first) sentences.push(first);

  const zeros = e.coefficients.filter((c) => c.status === "zero").sort((a, b) => a.margin! - b.margin!);
  if (zeros.length > 0) {
    const shown = zeros.slice(0, 5).map((c) => `${c.feature} (short by ${num(c.margin!)})`);
    const why = isSurvival(e)
      ? "Held at zero because each would change the risk ordering too little to pay its price (its partial-likelihood score is below the price)"
      : "Held at zero because their pull is below the price";
    sentences.push(`${why}: ${listing(shown)}${zeros.length > 5 ? `, and ${zeros.length - 5} more` : ""}.`);
  }

  const pairs = e.competitors.slice(0, 3).map((c) =>
    c.kind === "one-kept"
      ? `${c.a} and ${c.b} (r = ${num(c.correlation)}, so they share ${percent(c.correlation ** 2)} of their variance): ${c.a} is in the model and ${c.b} is held at zero`
      : `${c.a} and ${c.b} (r = ${num(c.correlation)}) are both in, with signs against their correlation, so each cancels part of the other`);
  if (pairs.length > 0) sentences.push(`Correlated features compete: ${pairs.join("; ")}.`);

  const named = (status: string) => e.coefficients.filter((c) => c.status === status).map((c) => c.feature);
  const bound = named("at-bound");
  if (bound.length) sentences.push(`Held by a limit rather than by the price: ${listing(bound)}.`);
  const free = named("unpenalized");
  if (free.length) sentences.push(`Not penalized (penalty factor 0), fitted freely: ${listing(free)}.`);
  const excluded = named("excluded");
  if (excluded.length) sentences.push(`Excluded from the fit: ${listing(excluded)}.`);
  const constant = named("constant");
  if (constant.length) sentences.push(`Left out because they do not vary: ${listing(constant)}.`);

  const missing = e.relaxedMissing;
  if (missing !== null) {
    sentences.push(`There is no relaxed fit at this λ: its ${missing.active} active variables exceed maxp = ${missing.maxp} (n − 3), and glmnet's relax does not refit an active set that large.`);
  }
  const nu = e.relaxedNotUnique;
  if (nu !== null) {
    const which = nu.collinear.length > 0 ? `: ${listing(nu.collinear)} are collinear` : "";
    sentences.push(`The relaxed fit (the same variables refitted without penalty) is not unique here: the ${nu.active} active columns have rank ${nu.rank}${which}, so many unpenalized fits are equally good and how much the penalty took from each coefficient cannot be read from one of them.`);
  }
  const shrunk = e.coefficients.filter((c) => c.shrunkFraction !== null && c.shrunkFraction >= 0 && c.shrunkFraction <= 1);
  if (shrunk.length > 0) {
    const most = shrunk.reduce((a, b) => (b.shrunkFraction! > a.shrunkFraction! ? b : a));
    const least = shrunk.reduce((a, b) => (b.shrunkFraction! < a.shrunkFraction! ? b : a));
    sentences.push(`Against the relaxed fit (the same variables refitted without penalty), the penalty takes ${percent(least.shrunkFraction!)} (${least.feature}) to ${percent(most.shrunkFraction!)} (${most.feature}) of each survivor's value away: that shrinkage towards zero is the bias of the penalized fit.`);
  }

  if (spectrum && spectrum.alpha < 1 && spectrum.factor.length > 0) {
    const f = spectrum.factor;
    const unseen = spectrum.columns - spectrum.rank;
    const rank = unseen > 0 ? `${spectrum.rank}, the rank of the centred design (of its ${spectrum.columns} penalized columns)` : `${spectrum.rank}`;
    let s = `The ridge part (λ' = ${num(spectrum.lambdaPrime)}) keeps ${percent(f[0])} of the fit along the largest-variance direction and ${percent(f[f.length - 1])} along the smallest${unseen > 0 ? " with any variance" : ""}; effective degrees of freedom ${num(spectrum.df)} of ${rank}${spectrum.approximate ? " (from the quadratic approximation at the solution)" : ""}.`;
    if (unseen === 1) {
      const only = spectrum.nullDirections[0];
      const mostly = only ? `, mostly ${listing(only.top.map((t) => `${t.feature} (${num(t.loading)})`))}` : "";
      s += ` The remaining direction${mostly}, is null: the centred data have no variance along it, so the data cannot see it and ridge keeps the coefficients at zero along it.`;
    } else if (unseen > 1) {
      s += ` The other ${unseen} directions are null: the centred data have no variance along them, so the data cannot see them and ridge keeps the coefficients at zero along them.`;
    }
    const worst = spectrum.mostShrunk[0];
    if (worst) s += ` The most shrunk direction (variance ${num(worst.d2)}, kept ${percent(worst.factor)}) is mostly ${listing(worst.top.map((t) => `${t.feature} (${num(t.loading)})`))}.`;
    sentences.push(s);
  }

  sentences.push(kktCheck(e));
  return sentences.join(" ");
}

/** λ at most this fraction of the path's first λ is tiny: the fit is nearly unpenalized, and slow to converge. */
const TINY_LAMBDA = 1e-3;

/** Why coordinate descent converges slowly here, as far as the evidence shows it (none: nothing to point at). */
function slowBecause(e: Explanation): string[] {
  const k = e.kkt;
  const out: string[] = [];
  const partner = k.correlated;
  if (k.feature !== null && partner !== null && Math.abs(partner.correlation) > COMPETING_CORRELATION) {
    out.push(`${k.feature} and ${partner.feature} are strongly correlated (r = ${num(partner.correlation)})`);
  }
  const ratio = e.lambda / e.pathRange.first;
  if (e.lambda === 0) out.push("λ is 0");
  else if (ratio <= TINY_LAMBDA) out.push(`λ is tiny (${num(ratio)} of the path's first λ)`);
  return out;
}

/**
 * The KKT check of the whole fit, and what its gap means. A gap the table shows (gapShows) is the solver's:
 * advice to lower thresh is given only when the fit did not already use the explanation's full precision
 * (FULL_PRECISION_THRESH); when it did, say why coordinate descent stopped short and what that does to the numbers.
 */
function kktCheck(e: Explanation): string {
  const k = e.kkt;
  const within = `every coefficient meets its condition (pull = price in the model, pull ≤ price at zero) to within ${num(k.maxViolation)}`;
  const scale = `the pulls' scale ${num(k.scale)} (the largest pull or price at this λ, at least a thousandth of the largest pull on the null model)`;
  const atFull = e.thresh <= FULL_PRECISION_THRESH;
  const because = slowBecause(e);
  const slow = `coordinate descent converges slowly here${because.length > 0 ? `: ${listing(because)}` : ""}`;
  if (k.relative <= 1e-6) return `Check: ${within}, ${num(k.relative)} of ${scale}.`;
  if (!gapShows(k.maxViolation, k.scale)) {
    return `Check: ${within} (${percent(k.relative)} of ${scale}, the precision thresh ${num(e.thresh)} gives${atFull ? ", finer than the table's 4 digits" : "; a smaller thresh gives more digits"}).`;
  }
  if (k.relative > 1e-2) {
    const next = atFull
      ? ` even at thresh ${num(e.thresh)}: ${slow}, and these numbers are not to be trusted`
      : `, so lower thresh (${num(e.thresh)} here) before trusting these numbers`;
    return `Caution: the largest KKT violation is ${num(k.maxViolation)} at ${k.feature} (${percent(k.relative)} of ${scale}): the solution is not converged${next}.`;
  }
  if (!atFull) {
    return `Check: ${within} (${percent(k.relative)} of ${scale}, the precision thresh ${num(e.thresh)} gives, which the table's last digits show); a smaller thresh gives more digits.`;
  }
  // Already at full precision: a smaller thresh is not the advice, the gap is the solver's limit here.
  const apart = e.coefficients.filter((c) => gapShows(c.violation, k.scale)).map((c) => c.feature);
  const priced = e.coefficients.filter((c) => Number.isFinite(c.price) && c.status !== "constant" && c.status !== "unpenalized");
  const topPrice = priced.reduce((m, c) => Math.max(m, c.price), 0);
  const tiny = priced.length === 0 || topPrice >= k.maxViolation ? ""
    : topPrice === 0 ? " With every price 0, a pull is the gap itself."
    : ` The prices themselves (${num(topPrice)} at most) are below the gap, so at this λ pull = price cannot be read off the pulls.`;
  return `Check: ${within} (${percent(k.relative)} of ${scale}), a gap the table's 4 digits show. ` +
    `It is the solver's, not the data's: the fit already used thresh ${num(e.thresh)}, and ${slow}. ` +
    `So the pulls that visibly miss their prices (those of ${listing(apart)}) do so because the solver stopped, not because the condition fails, ` +
    `and the coefficients, converged to the same thresh, may still change in their last digits.${tiny} ` +
    `A thresh below ${num(e.thresh)} can narrow the gap, at the cost of more passes.`;
}

/** Every line of the explanation: the paragraph for the fit, then one line per coefficient. */
export function describe(e: Explanation, spectrum?: RidgeSpectrum, costs?: DropCosts): { fit: string; coefficients: string[] } {
  checkArguments("describe", { e, spectrum, costs }, { e: explanationRule, spectrum: optional(spectrumRule), costs: optional(dropCostsRule) });
  return { fit: describeFit(e, spectrum), coefficients: e.coefficients.map((c) => describeCoefficient(c, e, costs)) };
}
