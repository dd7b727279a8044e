// The rules of the import graph, as pure functions over { path: source } (paths relative to the
// repository, with "/"), so test/package/imports.test.ts can check them on made-up graphs.
// scripts/check-imports.mjs runs them on src/ and web/src/. Types: import-graph.d.mts.
import { posix } from "node:path";

/**
 * The layers of src/, lowest first. A file may import files of its own layer and of layers below,
 * never above. In a `separate` layer the folders are peers that must not import each other
 * (except the edges in ALLOWED). A path ending in "/" is a folder, otherwise one file.
 */
export const LAYERS = [
  // src/threads.node.ts is Node worker-thread plumbing (startWorker, ParallelOptions) imported by the
  // *.node.ts runners of cv and simulate; it imports nothing of ours, so it sits at the base.
  // src/data/arguments.ts (the rules every public entry checks its arguments with) and the
  // did-you-mean of src/data/nearest.ts import only errors.ts, so every layer's entries may use them.
  { name: "base", paths: ["src/errors.ts", "src/random/", "src/threads.node.ts", "src/data/arguments.ts", "src/data/nearest.ts"] },
  { name: "linalg", paths: ["src/linalg/"] },
  { name: "model", paths: ["src/model/"] },
  { name: "data", paths: ["src/data/"] },
  { name: "solve", paths: ["src/solve/"] },
  { name: "cv", paths: ["src/cv/"] },
  // Sources: rows an engine (DuckDB, PostgreSQL, ClickHouse) holds, read as sufficient statistics;
  // the database clients only in *.node.ts files, loaded on demand.
  { name: "source", paths: ["src/source/"] },
  { name: "explain, simulate, plot", paths: ["src/explain/", "src/simulate/", "src/plot/"], separate: true },
  { name: "cli", paths: ["src/cli/"] },
  // The entry points: the public API, its Node additions and the browser lab's entry.
  { name: "entry", paths: ["src/index.ts", "src/node.ts", "src/lab.ts"] },
];

/** Imports between peers of a separate layer that are right anyway, as "from-folder -> to-folder". */
export const ALLOWED = new Set([]);

/** What web/src may import from src/: the public API and the lab's entry. */
export const WEB_ENTRIES = ["src/index.ts", "src/lab.ts"];

/** The relative module specifiers a source imports or re-exports (static, type-only or dynamic). */
export function importsOf(source) {
  const code = withoutComments(source);
  const specs = [];
  const patterns = [
    /\b(?:import|export)\s[^;"'`]*?\bfrom\s*["']([^"']+)["']/g, // import … from "x", export … from "x"
    /\bimport\s*["']([^"']+)["']/g, // import "x"
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, // import("x")
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      // Relative imports of modules only: not packages, and not assets the bundler loads (./style.css).
      if (m[1].startsWith(".") && ["", ".js", ".mjs", ".ts"].includes(posix.extname(m[1].replace(/\?.*$/, "")))) specs.push(m[1]);
    }
  }
  return specs;
}

/** The source with comments blanked out; strings are kept (their contents are skipped over). */
function withoutComments(s) {
  let out = "";
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === "/" && s[i + 1] === "/") {
      while (i < s.length && s[i] !== "\n") i++;
    } else if (c === "/" && s[i + 1] === "*") {
      const end = s.indexOf("*/", i + 2);
      i = end < 0 ? s.length : end + 2;
      out += " ";
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < s.length && s[j] !== c && !(c !== "`" && s[j] === "\n")) j += s[j] === "\\" ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Where a relative specifier of `from` points: ./x.js is ./x.ts when that file exists. */
export function resolveImport(from, spec, exists) {
  const target = posix.normalize(posix.join(posix.dirname(from), spec));
  const candidates = [target.replace(/\.m?js$/, ".ts"), target, `${target}.ts`, `${target}/index.ts`];
  return candidates.find(exists);
}

/** The layer index and the folder (or file) of `file` in LAYERS, or undefined when it has none. */
export function layerOf(file) {
  for (let i = 0; i < LAYERS.length; i++) {
    for (const p of LAYERS[i].paths) {
      if (p.endsWith("/") ? file.startsWith(p) : file === p) return { index: i, group: p };
    }
  }
  return undefined;
}

/** The file graph: each file's resolved imports, and the imports that resolve to nothing. */
export function buildGraph(files) {
  const exists = (p) => Object.hasOwn(files, p);
  const graph = new Map();
  const unresolved = [];
  for (const [file, source] of Object.entries(files)) {
    const targets = new Set();
    for (const spec of importsOf(source)) {
      const to = resolveImport(file, spec, exists);
      if (to) targets.add(to);
      else unresolved.push(`unresolved: ${file} imports "${spec}", which is no file in the graph`);
    }
    graph.set(file, [...targets].sort());
  }
  return { graph, unresolved };
}

/** One cycle (first file repeated at the end) per strongly connected set of files (Tarjan). */
export function findCycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  // In each component, the shortest way from its first file back to itself (breadth first).
  return components.map((component) => {
    const inside = new Set(component);
    const start = component[0];
    const previous = new Map();
    const queue = [start];
    search: while (queue.length > 0) {
      const v = queue.shift();
      for (const w of graph.get(v) ?? []) {
        if (!inside.has(w) || previous.has(w)) continue;
        previous.set(w, v);
        if (w === start) break search;
        queue.push(w);
      }
    }
    const cycle = [start];
    for (let v = previous.get(start); v !== start; v = previous.get(v)) cycle.unshift(v);
    cycle.unshift(start);
    return { cycle, files: component };
  });
}

/** Every problem of the graph of `files` ({ path: source }), one line each; none means it is fine. */
export function checkImports(files) {
  const { graph, unresolved } = buildGraph(files);
  const problems = [...unresolved];
  for (const { cycle, files: loop } of findCycles(graph)) {
    const more = loop.length > cycle.length - 1 ? ` (with ${loop.length - cycle.length + 1} more files in the same loop: ${loop.filter((f) => !cycle.includes(f)).join(", ")})` : "";
    problems.push(`cycle: ${cycle.join(" -> ")}${more}`);
  }
  for (const [from, targets] of graph) {
    const inWeb = from.startsWith("web/src/");
    const fromLayer = layerOf(from);
    if (!inWeb && !fromLayer) problems.push(`unlayered: ${from} is in no layer of LAYERS in scripts/import-graph.mjs`);
    for (const to of targets) {
      if (inWeb) {
        if (to.startsWith("src/") && !WEB_ENTRIES.includes(to)) {
          problems.push(`web: ${from} imports ${to}; web/src may import the library only through ${WEB_ENTRIES.join(" or ")}`);
        }
        continue;
      }
      if (to.startsWith("web/")) {
        problems.push(`web: ${from} imports ${to}; the library must not import the lab`);
        continue;
      }
      const toLayer = layerOf(to);
      if (!fromLayer || !toLayer) continue;
      const edge = `${fromLayer.group} -> ${toLayer.group}`;
      if (toLayer.index > fromLayer.index) {
        problems.push(`upward: ${from} (layer ${LAYERS[fromLayer.index].name}) imports ${to} (layer ${LAYERS[toLayer.index].name}, above it)`);
      } else if (toLayer.index === fromLayer.index && LAYERS[fromLayer.index].separate && fromLayer.group !== toLayer.group && !ALLOWED.has(edge)) {
        problems.push(`sideways: ${from} imports ${to}; ${fromLayer.group} and ${toLayer.group} are peers that must not import each other`);
      }
    }
  }
  return problems;
}
