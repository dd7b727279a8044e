// Compiles the hand-written WebAssembly text of src/linalg/wasm (*.wat) with wabt and writes each module's
// bytes, base64-encoded, to a NAME.wasm.ts beside them, so the modules load synchronously in Node and in
// browsers (no fetch, no fs). FILES below says which sources each generated file holds, on which memory
// (plain, shared for threads, or as the source stands). The output is deterministic:
// test/linalg/build.test.ts recompiles with --stdout and checks the committed files are exactly what
// these sources give.
//   node scripts/build-wasm.mjs                 write every generated file
//   node scripts/build-wasm.mjs --stdout [NAME] print NAME.wasm.ts instead (kernels by default; NAME a key of FILES)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

const wasmDir = (name) => fileURLToPath(new URL(`../src/linalg/wasm/${name}`, import.meta.url));

const wabt = await wabtInit();

function compile(wat) {
  const mod = wabt.parseWat("kernels.wat", wat, { simd: true, threads: true });
  mod.validate({ simd: true, threads: true });
  const { buffer } = mod.toBinary({ log: false, write_debug_names: false, canonicalize_lebs: true });
  mod.destroy();
  return buffer;
}

const base64 = (bytes) => Buffer.from(bytes).toString("base64");

const plainImport = '(import "env" "memory" (memory 1))';

/**
 * Each generated file: its sources, and its constants in order, each a module's bytes (`file`, on a plain
 * memory, a shared one, or as it stands where the module imports no memory to change) with its doc line,
 * "{bytes}" standing for the module's size.
 */
const FILES = {
  kernels: { sources: "kernels.wat", constants: [
    { name: "KERNELS_WASM_BASE64", file: "kernels.wat", memory: "plain", doc: "The compiled kernels ({bytes} bytes), base64-encoded." },
    { name: "KERNELS_SHARED_WASM_BASE64", file: "kernels.wat", memory: "shared", doc: "The same kernels importing a shared memory ({bytes} bytes)." },
  ] },
  sparse: { sources: "sparse.wat, sparse32.wat and sparse8.wat", constants: [
    { name: "SPARSE_KERNELS_WASM_BASE64", file: "sparse.wat", memory: "as is", doc: "The compiled sparse kernels ({bytes} bytes), base64-encoded." },
    { name: "SPARSE32_KERNELS_WASM_BASE64", file: "sparse32.wat", memory: "as is", doc: "The same kernels on f32 values ({bytes} bytes)." },
    { name: "SPARSE8_KERNELS_WASM_BASE64", file: "sparse8.wat", memory: "as is", doc: "The same kernels on u8 codes into a table of the values ({bytes} bytes)." },
  ] },
  gram: plainAndSharedFile("gram", "GRAM", "Gram-column kernels", "kernels "),
  columns: plainAndSharedFile("columns", "COLUMNS", "column standardization"),
  epoch: { sources: "epoch.wat and epoch-gap.wat", constants: [
    ...plainAndSharedFile("epoch", "EPOCH", "passes", "passes ").constants,
    { name: "EPOCH_GAP_WASM_BASE64", file: "epoch-gap.wat", memory: "plain", doc: "The covariance solution's duality gap, joined to the passes' instance ({bytes} bytes)." },
    { name: "EPOCH_GAP_SHARED_WASM_BASE64", file: "epoch-gap.wat", memory: "shared", doc: "The same importing a shared memory ({bytes} bytes)." },
  ] },
  irls: { sources: "irls.wat and irls-fold.wat", constants: [
    ...plainAndSharedFile("irls", "IRLS", "IRLS passes", "passes ").constants,
    { name: "IRLS_FOLD_WASM_BASE64", file: "irls-fold.wat", memory: "plain", doc: "A fold's curvature kernels, which the passes import ({bytes} bytes)." },
    { name: "IRLS_FOLD_SHARED_WASM_BASE64", file: "irls-fold.wat", memory: "shared", doc: "The same importing a shared memory ({bytes} bytes)." },
  ] },
  rows: plainAndSharedFile("rows", "ROWS", "binomial rows"),
  rowsplit: { sources: "rowsplit.wat", constants: [
    { name: "ROWSPLIT_SHARED_WASM_BASE64", file: "rowsplit.wat", memory: "as is", doc: "The compiled row split, importing a shared memory ({bytes} bytes), base64-encoded." },
  ] },
  softmax: plainAndSharedFile("softmax", "SOFTMAX", "row loops of the multinomial solvers"),
  scan: plainAndSharedFile("scan", "SCAN", "scans"),
};

/** A file of one module on a plain memory and on a shared one (threads share one copy of X in cross-validation). */
function plainAndSharedFile(base, prefix, what, same = "") {
  return { sources: `${base}.wat`, constants: [
    { name: `${prefix}_WASM_BASE64`, file: `${base}.wat`, memory: "plain", doc: `The compiled ${what} ({bytes} bytes), base64-encoded.` },
    { name: `${prefix}_SHARED_WASM_BASE64`, file: `${base}.wat`, memory: "shared", doc: `The same ${same}importing a shared memory ({bytes} bytes).` },
  ] };
}

/** A module's bytes: only the memory import differs between the plain and shared builds, as WebAssembly needs a shared memory declared so. */
function moduleBytes(file, memory) {
  const source = readFileSync(wasmDir(file), "utf8");
  if (memory === "as is") return compile(source);
  if (!source.includes(plainImport)) throw new Error(`${file} no longer imports its memory as ${plainImport}`);
  return compile(memory === "plain" ? source : source.replace(plainImport, '(import "env" "memory" (memory 1 65536 shared))'));
}

/** The text of a generated file. */
function generated({ sources, constants }) {
  const body = constants.map(({ name, file, memory, doc }) => {
    const bytes = moduleBytes(file, memory);
    return `/** ${doc.replace("{bytes}", String(bytes.length))} */\nexport const ${name} =\n  "${base64(bytes)}";\n`;
  });
  return `// Generated by scripts/build-wasm.mjs from ${sources} (wabt): do not edit; run \`npm run build\`.\n${body.join("")}`;
}

const stdout = process.argv.indexOf("--stdout");
const name = stdout >= 0 ? (process.argv[stdout + 1] ?? "kernels") : null;
if (name !== null && !(name in FILES)) throw new Error(`build-wasm: no generated file "${name}" (${Object.keys(FILES).join(", ")})`);
if (name !== null) process.stdout.write(generated(FILES[name]));
else for (const [base, file] of Object.entries(FILES)) writeFileSync(wasmDir(`${base}.wasm.ts`), generated(file));
