/**
 * `shrinkage report FILE --target COL [fit and cv options] --out report.html`: one self-contained HTML
 * file to hand on: the data, the path, the cross-validation curve with λ_min and λ_1se, pull versus
 * price and the coefficients in words at the chosen λ, the ridge spectrum, stability selection, and the command and versions
 * that made it. Charts are inline SVG (the shared charts of src/plot); the page makes no request.
 */
import { OptionError, ShrinkageError } from "../../errors.js";
import { resolveLambda, type Explanation } from "../../explain/explain.js";
import { describe } from "../../explain/words.js";
import { renderSpec } from "../../plot/render.node.js";
import type { OptionSpec, OptionValue, ParsedArgs } from "../args.js";
import { numberOption, stringOption } from "../args.js";
import { stability, type StabilityResult } from "../../simulate/stability.js";
import type { Command } from "../command.js";
import { DATA_OPTIONS, summaryLine, type LoadedData } from "../common.js";
import { signif } from "../format.js";
import { writeTextFile } from "../io.js";
import { VERSION } from "../version.js";
import { stabilityText } from "./stability.js";
import { EXPLAIN_FIT_OPTIONS, evidenceTable, explainFitted, fitForExplain, footnote, type FittedForExplain } from "./explain.js";
import { chartSpec, type PlotKind } from "./plot.js";
import { isConcavePath } from "../price.js";
import { isMultiFamilyName } from "../../model/families/multi.js";

const usage = "shrinkage report FILE --target COL [fit and cv options] --out report.html";

const REPORT_OPTIONS: readonly OptionSpec[] = [
  { name: "pairs", kind: "integer", value: "B", help: "stability selection: complementary pairs of half-samples (0 leaves the section out)", default: "25", check: (v) => (v >= 0 ? null : "must be ≥ 0") },
  { name: "out", kind: "string", value: "FILE.html", help: "write the report to this file (required)" },
];

/** Stability selection at the chosen λ (as `shrinkage stability`), as text for the page; null when --pairs 0. */
function stabilitySection(f: FittedForExplain<"lambda1se" | "lambdaMin" | number>, pairs: number, seed: number | undefined, notes: string[]): string {
  if (pairs === 0) return "";
  const { lambda: at, label } = resolveLambda(f.choice, f.cv ?? undefined);
  const d = f.data.design;
  let r: StabilityResult;
  try {
    r = stability({ x: d.x, y: d.y, weights: d.weights, offset: d.offset }, { ...f.options, pairs, seed, lambdaAt: at });
  } catch (error) {
    if (!(error instanceof ShrinkageError)) throw error;
    return `<section id="stability"><h2>Stability</h2><p>Not computed: ${escapeHtml(error.message)}.</p></section>`;
  }
  notes.push(...r.warnings);
  const name = label === "lambdaMin" ? "λ_min" : label === "lambda1se" ? "λ_1se" : "λ";
  return `<section id="stability"><h2>Stability</h2><p>How often each variable is selected over ${r.halves} half-samples of the rows (${pairs} complementary pairs, as <code>shrinkage stability</code>).</p><pre>${escapeHtml(stabilityText(r, `${name} = ${signif(r.lambdaAt, 3)}`))}</pre></section>`;
}

/** Text for HTML: &, <, >, " escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An option's value as typed on the command line. */
function typed(value: OptionValue): string {
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "object") return Object.entries(value).map(([k, v]) => `${k}=${v}`).join(",");
  return String(value);
}

/** The command that made the report, from its parsed arguments (each value quoted for a shell when it needs it). */
export function commandLine(args: ParsedArgs): string {
  const quoteArg = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = ["shrinkage", "report", ...args.positionals.map(quoteArg)];
  for (const [name, value] of args.values) parts.push(value === true ? `--${name}` : `--${name} ${quoteArg(typed(value))}`);
  return parts.join(" ");
}

/** One chart as inline SVG, its ids made unique in the page (every chart numbers its own from 1). */
function chartSvg(kind: PlotKind, f: FittedForExplain<"lambda1se" | "lambdaMin" | number>, notes: string[]): string {
  const svg = renderSpec(chartSpec(kind, f, "lambda", {}, notes));
  return svg.replace(/plot-(clip|marker|pattern)-/g, `${kind}-plot-$1-`);
}

/** The data section: rows, features, the target, and each feature's range (the first 200). */
function dataSection(data: LoadedData): string {
  const { design } = data;
  const { x } = design;
  const rows: string[] = [];
  const shown = Math.min(x.p, 200);
  for (let j = 0; j < shown; j++) {
    let lo = Infinity, hi = -Infinity, sum = 0;
    for (let i = 0; i < x.n; i++) {
      const v = x.data[j * x.n + i];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
    }
    rows.push(`<tr><td>${escapeHtml(x.names[j])}</td><td>${signif(sum / x.n)}</td><td>${signif(lo)}</td><td>${signif(hi)}</td></tr>`);
  }
  const more = x.p > shown ? `<p>… and ${x.p - shown} more features.</p>` : "";
  const dropped = design.droppedRows > 0 ? ` (${design.droppedRows} rows with missing values dropped)` : "";
  return `<section id="data"><h2>Data</h2>
<p>${escapeHtml(data.file)}: ${x.n} rows${dropped}, ${x.p} features, target <code>${escapeHtml(data.target)}</code> (${escapeHtml(data.family)})${design.positiveClass !== null ? `, modelling the class <code>${escapeHtml(design.positiveClass)}</code> as 1` : ""}.</p>
<table><thead><tr><th>feature</th><th>mean</th><th>min</th><th>max</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>${more}</section>`;
}

/** A section with a heading, a chart and a paragraph. */
function chartSection(id: string, title: string, svg: string, text: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2><figure>${svg}</figure><p>${text}</p></section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;margin-top:2rem}
table{border-collapse:collapse;font-size:13px}td,th{padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
pre{font-size:12px;overflow-x:auto;background:#f6f6f6;padding:.5rem}figure{margin:0}svg{max-width:100%;height:auto}`;

/** The whole report as one HTML document. */
export function reportHtml(f: FittedForExplain<"lambda1se" | "lambdaMin" | number>, e: Explanation, args: ParsedArgs, notes: string[]): string {
  const pairs = numberOption(args, "pairs") ?? 25;
  const cv = f.cv!;
  const words = describe(e);
  const chosen = resolveLambda(f.choice, cv);
  const chosenWords = `The chosen λ is ${chosen.label === "lambdaMin" ? "λ_min" : chosen.label === "lambda1se" ? "λ_1se" : "the one given (--lambda)"}.`;
  const concave = isConcavePath(f);
  const sections = [
    dataSection(f.data),
    chartSection("path", "The path", chartSvg("path", f, notes),
      `${f.path.lambda.length} values of λ from ${signif(f.path.lambda[0])} down to ${signif(f.path.lambda[f.path.lambda.length - 1])}; each curve is a coefficient, on the data's scale.`),
    chartSection("cv", "Cross-validation", chartSvg("cv", f, notes),
      `λ_min = ${signif(cv.lambdaMin)} (${cv.path.df[cv.indexMin]} nonzero), λ_1se = ${signif(cv.lambda1se)} (${cv.path.df[cv.index1se]} nonzero), measure ${escapeHtml(cv.measure)}, ${cv.foldid.reduce((m, k) => Math.max(m, k), 0)} folds.`),
    concave ? priceSection(f, e.lambda, chosenWords, notes) : chartSection("pull", `Pull versus price at λ = ${signif(e.lambda)}`, chartSvg("pull", f, notes),
      `${chosenWords} A coefficient is nonzero when the data's pull on it reaches the price λ·α·v.`),
    `<section id="coefficients"><h2>The coefficients at λ = ${signif(e.lambda)}</h2><pre>${escapeHtml(evidenceTable(e))}</pre><p>${escapeHtml(footnote(e))}</p>
<p>${escapeHtml(words.fit)}</p><ul>${words.coefficients.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></section>`,
    concave ? `<section id="spectrum"><h2>The ridge spectrum</h2><p>Not drawn: the spectrum shows the elastic net's ridge part, and ${escapeHtml(f.path.penalty ?? "this penalty")} has none.</p></section>` : spectrumSection(f, notes),
    stabilitySection(f, pairs, numberOption(args, "seed"), notes),
    `<section id="made"><h2>How this report was made</h2><pre>${escapeHtml(commandLine(args))}</pre>
<p>shrinkage ${VERSION}, Node.js ${escapeHtml(process.version)}. ${escapeHtml(summaryLine(f.path, f.data, f.fitMs))}</p>${notesList(notes)}</section>`,
  ];
  const title = `${f.data.target} ~ ${f.data.design.x.p} features (${f.path.family}, α = ${f.path.alpha})`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shrinkage report: ${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>Shrinkage report: ${escapeHtml(title)}</h1>
${sections.join("\n")}
</body></html>
`;
}

/** MCP and SCAD: the price each coefficient pays at λ, falling as it grows (the pull chart reads the elastic net's). */
function priceSection(f: FittedForExplain<"lambda1se" | "lambdaMin" | number>, lambda: number, chosenWords: string, notes: string[]): string {
  return chartSection("pull", `The price at λ = ${signif(lambda)}`, chartSvg("price", f, notes),
    `${chosenWords} Under ${escapeHtml(f.path.penalty ?? "a concave penalty")} the price a coefficient pays falls as it grows and is 0 beyond γλ, so large effects are not shrunk.`);
}

/** The notes the fit and charts left, once each. */
function notesList(notes: readonly string[]): string {
  const distinct = [...new Set(notes)];
  return distinct.length > 0 ? `<p>Notes:</p><ul>${distinct.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : "";
}

/** The ridge spectrum, or why it is not drawn (a design too large for its SVD here). */
function spectrumSection(f: FittedForExplain<"lambda1se" | "lambdaMin" | number>, notes: string[]): string {
  try {
    return chartSection("spectrum", "The ridge spectrum", chartSvg("spectrum", f, notes),
      "How much the ridge part shrinks each principal direction of the centred design: d²/(d² + nλ′), large directions kept, small ones shrunk.");
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    return `<section id="spectrum"><h2>The ridge spectrum</h2><p>Not drawn: ${escapeHtml(error.message)}.</p></section>`;
  }
}

export const command: Command = {
  name: "report",
  summary: "one self-contained HTML report: data, path, cross-validation, pull versus price, words, spectrum",
  usage,
  description:
    "Fits and cross-validates the model as `cv` does and writes one HTML file that opens offline (charts as\n" +
    "inline SVG, no requests): the data, the path, the cross-validation curve with λ_min and λ_1se, pull versus\n" +
    "price and every coefficient in words at --lambda (default λ_1se), the ridge spectrum, stability selection\n" +
    "(--pairs half-sample pairs, as `shrinkage stability`), and the command and versions that made it.",
  options: [...DATA_OPTIONS, ...EXPLAIN_FIT_OPTIONS, ...REPORT_OPTIONS],
  run(args, io) {
    const out = stringOption(args, "out");
    if (out === undefined) throw new OptionError(`--out is required: name the HTML file to write; usage: ${usage}`, "out");
    const family = stringOption(args, "family");
    if (family !== undefined && isMultiFamilyName(family)) {
      throw new OptionError(`report covers gaussian, binomial, poisson and cox fits; for --family ${family} run fit, cv, explain and plot`, "family");
    }
    const f = fitForExplain(args, io, usage, { needCv: true, fallback: "lambda1se" }) as FittedForExplain<"lambda1se" | "lambdaMin" | number>;
    const notes: string[] = [];
    const e = explainFitted(f);
    notes.push(...e.notes);
    const html = reportHtml(f, e, args, notes);
    // The pull and spectrum charts explain the fit again: their notes are the explanation's.
    for (const note of new Set(notes)) io.stderr(`shrinkage: note: ${note}\n`);
    writeTextFile(out, html);
  },
};
