// What the lab's worker reads a file with (web/src/worker.ts: parseCsv, then buildDesign), bundled for the page.
export { parseCsv } from "../../src/data/csv.js";
export { buildDesign } from "../../src/data/design.js";
export { decodeText } from "../../src/data/text.js";
