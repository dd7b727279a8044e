// Memory of reading a CSV: heap retained per byte of file when a 10⁵-row CSV is read into a model
// matrix (parseCsv + buildDesign), beside papaparse's usual row-object reading as the peer, each in
// its own child process so that one does not inherit the other's garbage. Also 10⁴ and 10⁶ rows, to
// show the cost is proportional to the size. Run: node --import tsx bench/csv.ts [rows ...]
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === "--child") {
  const [, , , how, rowsText] = process.argv;
  const rows = Number(rowsText);
  const { parseCsv } = await import("../src/data/csv.js");
  const { buildDesign } = await import("../src/data/design.js");
  const Papa = (await import("papaparse")).default;
  // Ten numeric features and a target, like diabetes, with a seeded pattern (no RNG needed).
  const lines = ["a,b,c,d,e,f,g,h,i,j,y"];
  for (let r = 0; r < rows; r++) {
    const v = Array.from({ length: 11 }, (_, j) => ((Math.sin(r * 12.9898 + j * 78.233) * 43758.5453) % 1).toFixed(6));
    lines.push(v.join(","));
  }
  let text: string | null = lines.join("\n");
  lines.length = 0;
  const bytes = Buffer.byteLength(text);
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  // Typed arrays live outside V8's heap: count them too.
  const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
  const before = used();
  let peakDuring = 0;
  let kept: unknown;
  // In a function, so that nothing but its result outlives it (module-level locals live on).
  const readDesign = (csv: string) => {
    const table = parseCsv(csv);
    gc();
    peakDuring = used() - before;
    return buildDesign(table, { target: "y" });
  };
  if (how === "shrinkage") {
    kept = readDesign(text);
  } else {
    kept = Papa.parse(text, { header: true, dynamicTyping: true, skipEmptyLines: true }).data;
    gc();
    peakDuring = used() - before;
  }
  text = null;
  gc();
  const after = used();
  void kept;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ bytes, retained: after - before + bytes, during: peakDuring, peakRss: peak }));
  process.exit(0);
}

const sizes = process.argv.slice(2).map(Number).filter((v) => v > 0);
const rowsList = sizes.length > 0 ? sizes : [1e4, 1e5, 1e6];
console.log("rows        file MB   Shrinkage: parsed/file  kept/file  peak RSS MB   papaparse rows: parsed/file  kept/file  peak RSS MB   kept ratio");
for (const rows of rowsList) {
  const run = (how: string) => JSON.parse(execFileSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", self, "--child", how, String(rows)], { encoding: "utf8" }));
  const s = run("shrinkage");
  const p = run("papaparse");
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.log(
    `${String(rows).padEnd(10)} ${mb(s.bytes).padStart(8)}   ${(s.during / s.bytes).toFixed(2).padStart(22)} ${(s.retained / s.bytes).toFixed(2).padStart(10)}   ${mb(s.peakRss).padStart(11)}   ${(p.during / p.bytes).toFixed(2).padStart(27)} ${(p.retained / p.bytes).toFixed(2).padStart(10)}   ${mb(p.peakRss).padStart(11)}   ${(s.retained / p.retained).toFixed(2).padStart(10)}`,
  );
}
console.log("parsed/file: memory held while the parsed table exists, per byte of CSV (beyond the text itself);");
console.log("kept/file: memory kept once the text is dropped (the model matrix: 8 bytes per number, about 0.8 per byte here).");
