/**
 * Server-side rendering of the shared charts: a linkedom document stands in for the browser's, and the
 * result is standalone SVG markup (the CLI's `plot` command and the snapshot tests).
 * Node only: linkedom stays out of the browser code path.
 */
import { parseHTML } from "linkedom";
import { drawChart, normalizePlotIds, type ChartSpec } from "./common.js";

/** A chart function of the shared module: data and options (with a document) to an SVG element. */
export type ChartFunction<D, O extends { document?: Document }> = (data: D, options: O) => Element;

/** A fresh server-side document. */
export function createDocument(): Document {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  return document as unknown as Document;
}

/**
 * Render a chart to SVG markup for a standalone .svg file: the SVG namespace declared, and Plot's
 * process-wide id counters renumbered so the same inputs always give the same bytes.
 */
export function renderSvg<D, O extends { document?: Document }>(
  chart: ChartFunction<D, O>,
  data: NoInfer<D>,
  options?: NoInfer<Omit<O, "document">>,
): string {
  const document = createDocument();
  return standalone(chart(data, { ...options, document } as O));
}

/** The markup of a standalone .svg file: the namespace declared, ids numbered within the SVG. */
function standalone(svg: Element): string {
  if (!svg.getAttribute("xmlns")) svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return normalizePlotIds(svg.outerHTML) + "\n";
}

/**
 * Render a spec (a chart's xxxSpec result) to standalone SVG markup, as renderSvg does: for a caller that reads
 * the spec too (the CLI reports a height it had to raise).
 */
export function renderSpec(spec: ChartSpec): string {
  return standalone(drawChart(spec, createDocument()));
}
