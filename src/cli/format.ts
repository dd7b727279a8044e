/**
 * Plain-text tables for people: right-aligned numbers, a few significant digits, "." for an exact zero
 * coefficient (as glmnet's sparse print shows it).
 */

/** A number to `digits` significant digits, without trailing zeros; exponent form when very small or large. */
export function signif(value: number, digits = 4): string {
  if (value === 0) return "0";
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e7) return String(Number(value.toPrecision(digits)));
  return value.toExponential(digits - 1).replace(/\.?0+e/, "e");
}

/**
 * A fixed-point number with `decimals` decimals; one that rounds to zero shows no sign, as R prints it
 * (a null model's devRatio of −2e-16, glmnet's too, is %Dev 0.00, never −0.00).
 */
export function fixed(value: number, decimals = 2): string {
  const out = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(out) ? out.slice(1) : out;
}

export type Align = "left" | "right";

/** Lay out rows under a header, columns padded to their widest cell. */
export function formatTable(head: readonly string[], body: readonly (readonly string[])[], align?: readonly Align[]): string {
  // A line break or tab inside a cell (a text level read from a quoted field) would break the layout.
  const header = head.map(visible);
  const rows = body.map((r) => r.map(visible));
  // A loop, not Math.max(...): a wide design has more rows here than a call can spread.
  const widths = header.map((h, j) => rows.reduce((w, r) => Math.max(w, (r[j] ?? "").length), h.length));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => ((align?.[j] ?? (j === 0 ? "left" : "right")) === "left" ? c.padEnd(widths[j]) : c.padStart(widths[j])))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** A cell with its line breaks and tabs written as \n, \r and \t. */
function visible(cell: string): string {
  return cell.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
}

/** Evenly spaced indices 0..count-1 (at most `k`, first and last included, no repeats). */
export function spacedIndices(count: number, k = 5): number[] {
  if (count <= 0) return [];
  if (count <= k) return Array.from({ length: count }, (_, i) => i);
  const out = new Set<number>();
  for (let i = 0; i < k; i++) out.add(Math.round((i * (count - 1)) / (k - 1)));
  return [...out];
}

/**
 * A coefficient table: one row per term ((Intercept) first), one column per chosen λ.
 * `columns[c]` holds the intercept and the dense coefficients at that λ.
 */
export function formatCoefficients(
  features: readonly string[],
  columns: readonly { label: string; intercept: number | null; beta: ArrayLike<number> }[],
): string {
  const header = ["", ...columns.map((c) => c.label)];
  const rows: string[][] = [];
  if (columns.some((c) => c.intercept !== null)) rows.push(["(Intercept)", ...columns.map((c) => (c.intercept === null ? "" : signif(c.intercept)))]);
  features.forEach((name, j) => rows.push([name, ...columns.map((c) => (c.beta[j] === 0 ? "." : signif(c.beta[j])))]));
  return formatTable(header, rows);
}
