// Reading a wide file: seconds from CSV text to a model matrix (parseCsv + buildDesign) and to the
// CLI's output in both formats, for 10 rows and a growing number of columns, comma- and tab-separated.
// Linear in the columns (issue 21: 150,000 columns took 34 s, name look-ups by indexOf). Not a test:
// the machine is shared, so read the ratios between widths, and the CPU seconds (user + system) beside
// the wall-clock ones.
//   node --import tsx bench/wide-read.ts [columns ...]      (default 20000 60000 200000)
import { parseCsv } from "../src/data/csv.js";
import { buildDesign } from "../src/data/design.js";
import { main } from "../src/cli/main.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A seeded wide CSV: a target y and `p` features v1..vp, 10 rows, three decimals. */
function wideCsv(p: number, delimiter: string, rows = 10): string {
  const value = (i: number, j: number) => (((Math.sin(i * 12.9898 + j * 78.233) * 43758.5453) % 1 + 1) % 1).toFixed(3);
  const lines = [["y", ...Array.from({ length: p }, (_, j) => `v${j + 1}`)].join(delimiter)];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: p + 1 }, (_, j) => value(i, j)).join(delimiter));
  return lines.join("\n") + "\n";
}

/** Wall and CPU seconds of a piece of work. */
async function timed(work: () => unknown): Promise<string> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return `${((performance.now() - t) / 1000).toFixed(2)} (cpu ${((used.user + used.system) / 1e6).toFixed(2)})`;
}

async function cliFit(file: string, format: string): Promise<void> {
  let out = 0;
  const code = await main(["fit", file, "--target", "y", "--nlambda", "3", "--format", format], {
    stdout: (s) => void (out += s.length), stderr: () => undefined, stderrIsTTY: false,
  });
  if (code !== 0 || out === 0) throw new Error(`fit --format ${format} failed on ${file}`);
}

const widths = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), "shrinkage-wide-"));
try {
  console.log("columns  delimiter  read s (cpu s)      fit --format table   fit --format json");
  for (const p of widths.length > 0 ? widths : [20000, 60000, 200000]) {
    for (const [name, delimiter] of [["comma", ","], ["tab", "\t"]] as const) {
      const text = wideCsv(p, delimiter);
      const read = await timed(() => {
        const design = buildDesign(parseCsv(text), { target: "y" });
        if (design.x.p !== p) throw new Error(`read ${design.x.p} features, expected ${p}`);
      });
      const file = join(dir, `wide-${p}.${name === "tab" ? "tsv" : "csv"}`);
      writeFileSync(file, text);
      const table = await timed(() => cliFit(file, "table"));
      const json = await timed(() => cliFit(file, "json"));
      console.log(`${String(p).padStart(7)}  ${name.padEnd(9)}  ${read.padEnd(18)}  ${table.padEnd(19)}  ${json}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
