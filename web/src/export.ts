/** Downloads: charts as SVG and PNG, coefficients as CSV and JSON. Nothing leaves the machine. */
import { familyOf, isFamilyName } from "../../src/index.js";

export function download(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A standalone SVG document for a chart (fonts and namespaces inline, so it opens anywhere). */
export function svgMarkup(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  if (!copy.getAttribute("font-family")) copy.setAttribute("font-family", "system-ui, sans-serif");
  if (!copy.style.background) copy.style.background = "white";
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const vb = svg.viewBox?.baseVal;
  const width = Number(svg.getAttribute("width")) || vb?.width || svg.clientWidth || 640;
  const height = Number(svg.getAttribute("height")) || vb?.height || svg.clientHeight || 400;
  return { width, height };
}

export function downloadSvg(svg: SVGSVGElement, name: string): void {
  download(`${name}.svg`, new Blob([svgMarkup(svg)], { type: "image/svg+xml" }));
}

/** The chart drawn at twice its size onto a white canvas, as PNG. */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svgMarkup(svg)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no canvas available to draw the PNG");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(svg: SVGSVGElement, name: string): Promise<void> {
  download(`${name}.png`, await pngBlob(svg));
}

export interface CoefficientExport {
  readonly dataset: string;
  readonly target: string;
  readonly family: string;
  /** Binomial: the class modelled as 1 (null for a 0/1 target, or another family), as the CLI's JSON. */
  readonly positiveClass: string | null;
  readonly alpha: number;
  readonly lambda: number;
  readonly intercept: number;
  readonly features: readonly string[];
  readonly coefficients: ArrayLike<number>;
  readonly status?: readonly string[];
}

/** CSV with one row per coefficient; numbers written with every digit so they round-trip. */
export function coefficientsCsv(e: CoefficientExport): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [e.status ? "variable,coefficient,status" : "variable,coefficient"];
  lines.push(`(Intercept),${e.intercept}${e.status ? ",unpenalized" : ""}`);
  e.features.forEach((name, j) => lines.push(`${quote(name)},${e.coefficients[j]}${e.status ? `,${e.status[j]}` : ""}`));
  // A two-class outcome: which class is modelled as 1, without which a coefficient's sign means nothing.
  const binary = isFamilyName(e.family) && familyOf(e.family).outcome === "binary";
  const modelled = binary ? ` (modelling P(${e.target} = ${e.positiveClass ?? "1"}))` : "";
  return `# ${e.dataset}: ${e.family}${modelled}, target ${e.target}, alpha ${e.alpha}, lambda ${e.lambda}\n${lines.join("\n")}\n`;
}

export function coefficientsJson(e: CoefficientExport): string {
  return JSON.stringify(
    {
      dataset: e.dataset,
      target: e.target,
      family: e.family,
      positiveClass: e.positiveClass,
      alpha: e.alpha,
      lambda: e.lambda,
      intercept: e.intercept,
      coefficients: Object.fromEntries(e.features.map((name, j) => [name, e.coefficients[j]])),
      ...(e.status ? { status: Object.fromEntries(e.features.map((name, j) => [name, e.status![j]])) } : {}),
    },
    null,
    2,
  );
}
